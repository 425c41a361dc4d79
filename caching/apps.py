from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("页面缓存")

    def ready(self):
        from . import checks, signals  # noqa: F401
