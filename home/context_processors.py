from django.conf import settings

from .services import site_settings_get


def site(request):
    """The site's identity for the header and footer, and whether the reader chose large text (适老化模式)."""
    return {
        "site_settings": site_settings_get(),
        "large_text": request.COOKIES.get(settings.LARGE_TEXT_COOKIE_NAME) == "1",
    }
