from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """The in-process cache is each worker process's own: API throttles count per process, the cached site
    settings of one process lag behind a change saved through another (pages stay right: their generation is a
    database row). Fine on a developer's machine; not for a portal in service, and wrong across servers."""
    if settings.DEBUG or settings.REDIS_URL:
        return []
    if settings.APP_SERVERS > 1:
        return [
            Error(
                f"{settings.APP_SERVERS} application servers (DJANGO_APP_SERVERS) without a shared cache: each "
                "process has its own, so throttles and cached settings differ from server to server.",
                hint="Set REDIS_URL to the Redis every server uses.",
                id="caching.E001",
            )
        ]
    return [
        Warning(
            "The cache is each worker process's own (no REDIS_URL): API throttles count per process and a "
            "change to the site settings reaches the other processes only as their copies expire.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0).",
            id="caching.W001",
        )
    ]
