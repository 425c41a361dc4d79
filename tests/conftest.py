import copy
import os
from urllib.parse import urlsplit

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _media_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Templates read hashed static names only after collectstatic; tests use the plain storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests see each page's own work (its queries, its data as just written by a factory or an ``update()``), with
    neither the page cache nor the data cache; the tests of each turn it on."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.DATA_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _one_factor_sign_in(settings):
    """Staff sign in with their password alone, as most tests need; tests/accounts/ turns the second factor on."""
    settings.TWO_FACTOR = "off"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _redis_database_per_worker():
    """Each test flushes the cache: with REDIS_URL set, every xdist worker gets its own Redis database
    (as pytest-django gives each its own test database), so workers never read or flush each other's keys."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not (settings.REDIS_URL and worker):
        yield
        return
    url = urlsplit(settings.REDIS_URL)
    database = (int(url.path.strip("/") or 0) + int(worker.removeprefix("gw"))) % 16  # Redis has 16 by default
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["LOCATION"] = url._replace(path=f"/{database}").geturl()
    with override_settings(CACHES=caches):
        yield
