"""The site settings every page reads: one cached row, refreshed whenever staff save it."""

import logging

from django.core.cache import cache
from django.db import transaction

from .models import SiteSettings

CACHE_KEY = "home:site_settings:v1"
# Kept this long at most: a refresh missed while Redis was unreachable (caching.backends) heals by itself.
CACHE_SECONDS = 300
logger = logging.getLogger(__name__)


def site_settings_get() -> SiteSettings:
    """The saved settings, or the defaults while staff have saved none; read from the cache, or from the
    database while the cache is down."""
    try:
        settings = cache.get(CACHE_KEY)
    except Exception:
        logger.warning("Cache unavailable; reading the site settings from the database", exc_info=True)
        return SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK).first() or SiteSettings()
    if settings is None:
        settings = SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK).first() or SiteSettings()
        cache.set(CACHE_KEY, settings, timeout=CACHE_SECONDS)
    return settings


def site_settings_cache_clear() -> None:
    """Call after saving the row: clears now, and again after commit, so a page rendered meanwhile
    cannot put the old row back in the cache."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


@transaction.atomic
def site_settings_update(**values) -> SiteSettings:
    """Save the given fields on the single row (creating it if needed) and refresh every page's footer."""
    settings = SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK).first() or SiteSettings()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    site_settings_cache_clear()
    return settings
