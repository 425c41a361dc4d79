"""The settings module's own rules, read afresh from a controlled environment."""

import importlib.util
import os

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS_FILE = importlib.util.find_spec("portal.settings").origin
OUR_VARIABLES = ("DJANGO_", "DATABASE_", "REDIS_URL", "MEDIA_ROOT", "STATIC_ROOT")


@pytest.fixture
def load_settings(monkeypatch):
    """Run portal/settings.py as a new module with only the given variables set."""

    def load(**environment):
        for name in list(os.environ):
            if name.startswith(OUR_VARIABLES):
                monkeypatch.delenv(name)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS_FILE)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


def test_portal_refuses_to_start_without_a_secret_key_when_debug_is_off(load_settings):
    with pytest.raises(ImproperlyConfigured):
        load_settings()


def test_debug_is_off_unless_asked_for(load_settings):
    assert load_settings(DJANGO_SECRET_KEY="x").DEBUG is False
    assert load_settings(DJANGO_DEBUG="true").DEBUG is True


def test_without_database_url_the_portal_uses_sqlite_in_the_project_folder(load_settings):
    database = load_settings(DJANGO_SECRET_KEY="x").DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert str(database["NAME"]).endswith("db.sqlite3")


def test_database_url_selects_postgresql(load_settings):
    settings = load_settings(DJANGO_SECRET_KEY="x", DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal")
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"]) == ("portal", "127.0.0.1", 5432)


def test_redis_url_selects_the_redis_cache(load_settings):
    with_redis = load_settings(DJANGO_SECRET_KEY="x", REDIS_URL="redis://127.0.0.1:6379/0")
    assert with_redis.CACHES["default"]["BACKEND"] == "caching.backends.RedisCache"
    assert with_redis.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    # A Redis that hangs must cost a request a moment, not forever (tests/caching/test_outage.py).
    assert with_redis.CACHES["default"]["OPTIONS"] == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    slower = load_settings(DJANGO_SECRET_KEY="x", REDIS_URL="redis://127.0.0.1:6379/0", REDIS_TIMEOUT="2")
    assert slower.CACHES["default"]["OPTIONS"]["socket_timeout"] == 2.0


def test_without_redis_url_the_cache_is_in_process(load_settings):
    cache = load_settings(DJANGO_SECRET_KEY="x").CACHES["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_uploads_are_served_by_django_only_in_debug_or_when_asked(load_settings):
    assert load_settings(DJANGO_SECRET_KEY="x").SERVE_MEDIA is False
    assert load_settings(DJANGO_SECRET_KEY="x", DJANGO_SERVE_MEDIA="true").SERVE_MEDIA is True
    assert load_settings(DJANGO_DEBUG="true").SERVE_MEDIA is True


def test_https_switches_come_from_the_environment(load_settings):
    plain = load_settings(DJANGO_SECRET_KEY="x")
    https = load_settings(
        DJANGO_SECRET_KEY="x", DJANGO_SSL_REDIRECT="true", DJANGO_HSTS_SECONDS="31536000", DJANGO_SECURE_COOKIES="1"
    )

    assert (plain.SECURE_SSL_REDIRECT, plain.SECURE_HSTS_SECONDS) == (False, 0)
    assert (https.SECURE_SSL_REDIRECT, https.SECURE_HSTS_SECONDS, https.SESSION_COOKIE_SECURE) == (True, 31536000, True)
