"""`manage.py check --deploy` names what is unsafe for a portal in service (issue 14, item 4): an in-process cache in
production, and what several application servers must share (Redis, object storage)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def deploy_check() -> str:
    out = io.StringIO()
    try:
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=out, stderr=out)
    except SystemCheckError as error:
        return str(error)
    return out.getvalue()


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.S3_BUCKET = ""
    settings.APP_SERVERS = 1
    return settings


def test_one_server_with_redis_and_local_files_raises_neither(production):
    report = deploy_check()
    assert "caching." not in report and "images." not in report


def test_the_in_process_cache_in_production_is_a_warning(production):
    production.REDIS_URL = ""
    assert "caching.W001" in deploy_check()


def test_several_servers_need_redis_and_object_storage(production):
    production.APP_SERVERS = 2
    production.REDIS_URL = ""

    report = deploy_check()

    assert "caching.E001" in report and "images.E001" in report
    production.REDIS_URL, production.S3_BUCKET = "redis://127.0.0.1:6379/0", "portal-media"
    report = deploy_check()
    assert "caching.E001" not in report and "images.E001" not in report


def test_https_settings_off_are_named(production):
    production.SECURE_HSTS_SECONDS = 0
    production.SECURE_SSL_REDIRECT = False
    production.SESSION_COOKIE_SECURE = production.CSRF_COOKIE_SECURE = False

    report = deploy_check()

    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in report
