from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.static import serve

# Every upload and rendition is stored under a new random name (images/models.py): a file at an address never
# changes, so browsers and proxies may keep it for a year without asking again.
UPLOAD_MAX_AGE = 365 * 24 * 60 * 60


def serve_upload(request, path):
    """An uploaded image or rendition from MEDIA_ROOT, for one-machine setups (``DJANGO_SERVE_MEDIA``)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        patch_cache_control(response, public=True, max_age=UPLOAD_MAX_AGE, immutable=True)
    return response
