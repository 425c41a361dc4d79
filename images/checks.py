from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.files, deploy=True)
def shared_media(app_configs, **kwargs):
    """Uploads on one server's disk are not seen by the others behind the same load balancer."""
    if settings.APP_SERVERS > 1 and not settings.S3_BUCKET:
        return [
            Error(
                f"{settings.APP_SERVERS} application servers (DJANGO_APP_SERVERS) with uploads on each one's own "
                "disk: an image uploaded through one server is missing on the others.",
                hint="Name an S3-compatible bucket (DJANGO_S3_BUCKET, DJANGO_S3_ENDPOINT_URL and its keys).",
                id="images.E001",
            )
        ]
    return []
