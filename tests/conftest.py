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
def _shared_cache_in_process(settings):
    """Without Redis, the shared cache is in the process (the portal's is a folder on disk): tests run tasks in the
    process that queues them (below), and the worker's tests in the test's own process."""
    if not settings.REDIS_URL:
        settings.CACHES = {**settings.CACHES, "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """A queued task runs at once, in the request that queues it. The tests of each kind of task on the real worker
    (imports and exports, renditions, the search index) put the portal's database queue back (``database_queue``)
    and run ``db_worker`` on it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _clear_cache(_shared_cache_in_process):
    from django.conf import settings
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:  # as the test left them (some test a cache of their own)
        caches[alias].clear()


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
    for alias in ("default", "shared"):
        caches[alias]["LOCATION"] = url._replace(path=f"/{database}").geturl()
    with override_settings(CACHES=caches):
        yield


@pytest.fixture
def database_queue(settings):
    """Tasks go to the portal's own queue in the database, to be run by ``tests.worker.run_worker()``."""
    from tests.worker import DATABASE_QUEUE

    settings.TASKS = DATABASE_QUEUE
