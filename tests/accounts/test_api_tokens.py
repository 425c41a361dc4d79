"""Issue 13, item 2: API tokens are stored as hashes and shown once; wrong tokens are counted like wrong passwords,
and past the limit an address is refused (429) before its token is even checked."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from publishing.models import AuditEntry
from tests.api_helpers import staff_user

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
DRAFT = {"title": "令牌写入的草稿", "kind": "news"}


def with_token(token: str, address: str = "198.51.100.7") -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_token_made_in_the_admin_is_shown_once_and_only_its_hash_is_kept(admin_client, django_user_model):
    writer = staff_user(django_user_model, "add_article", username="writer")

    made = admin_client.post(reverse("admin:knox_authtoken_add"), {"user": writer.pk, "days": "90"})

    assert made.status_code == 200 and "no-store" in made["Cache-Control"]
    token = made.context["token"]
    assert token in made.content.decode() and "只显示这一次" in made.content.decode()
    stored = AuthToken.objects.get(user=writer)
    assert token not in (stored.digest, stored.token_key) and len(token) == 64
    assert 89 <= (stored.expiry - stored.created).days <= 90
    assert with_token(token).post(ARTICLES, DRAFT, format="json").status_code == 201
    # Never again: not in the list, not on its page, not in any log.
    listing = admin_client.get(reverse("admin:knox_authtoken_changelist")).content.decode()
    detail = admin_client.get(reverse("admin:knox_authtoken_change", args=[stored.pk])).content.decode()
    assert token not in listing and token not in detail and f"{token[:8]}…" in listing
    written = [(e.object_id, e.object_repr, e.comment) for e in AuditEntry.objects.all()]
    written += [(e.object_id, e.object_repr, e.change_message) for e in LogEntry.objects.all()]
    assert written and not [row for row in written if any(token in text for text in row)]
    assert ("created", "writer 的 API 令牌") in [(e.action, e.object_repr) for e in AuditEntry.objects.all()]


def test_a_token_deleted_in_the_admin_stops_working_at_once(admin_client, django_user_model):
    writer = staff_user(django_user_model, "add_article", username="writer")
    instance, token = AuthToken.objects.create(user=writer)

    admin_client.post(reverse("admin:knox_authtoken_delete", args=[instance.pk]), {"post": "yes"})

    assert with_token(token).post(ARTICLES, DRAFT, format="json").status_code == 401
    assert ("deleted", "writer 的 API 令牌") in [(e.action, e.object_repr) for e in AuditEntry.objects.all()]


def test_an_expired_token_is_refused(django_user_model):
    writer = staff_user(django_user_model, "add_article", username="writer")
    _instance, token = AuthToken.objects.create(user=writer, expiry=datetime.timedelta(seconds=-1))

    assert with_token(token).post(ARTICLES, DRAFT, format="json").status_code == 401


def test_past_the_limit_of_wrong_tokens_an_address_is_refused_without_its_token_being_checked(
    django_user_model, settings
):
    writer = staff_user(django_user_model, "add_article", username="writer")
    _instance, token = AuthToken.objects.create(user=writer)
    guessing = "203.0.113.9"

    answers = [with_token(f"{n:064x}", guessing).get(ARTICLES).status_code for n in range(settings.AXES_FAILURE_LIMIT)]
    assert set(answers[:-1]) == {401} and answers[-1] == 429  # the last wrong one is told of the lockout

    refused = with_token(token, guessing).post(ARTICLES, DRAFT, format="json")  # the right token, now too late
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    assert "锁定" in refused.json()["detail"]
    # Another address, and the same address after the cool-off, are served.
    assert with_token(token, "198.51.100.8").post(ARTICLES, DRAFT, format="json").status_code == 201
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME)
    assert with_token(token, guessing).post(ARTICLES, DRAFT, format="json").status_code == 201


def test_requests_without_a_token_are_never_counted(client):
    for _ in range(30):
        assert client.get(ARTICLES).status_code == 200

    assert not AccessAttempt.objects.exists()


def test_tokens_made_before_they_were_hashed_keep_working_and_their_plain_text_is_deleted(django_user_model):
    writer = staff_user(django_user_model, "add_article", username="writer")
    old_key = "0123456789abcdef0123456789abcdef01234567"  # DRF's authtoken: 40 hex characters, stored as written
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer, created timestamp)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, CURRENT_TIMESTAMP)", [old_key, writer.pk])
    migration = importlib.import_module("accounts.migrations.0001_hash_existing_api_tokens")

    from django.apps import apps

    migration.hash_existing_tokens(apps, SimpleNamespace(connection=connection))  # all it uses of a schema editor

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)
        cursor.execute("DROP TABLE authtoken_token")
    stored = AuthToken.objects.get(user=writer)
    assert old_key not in (stored.digest, stored.token_key) and stored.expiry is not None
    assert with_token(old_key).post(ARTICLES, DRAFT, format="json").status_code == 201
