"""Issue 13, item 3 (in part): Permissions-Policy on every answer, HSTS on HTTPS answers when configured."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/news/", "/api/v1/articles/", "/admin/login/", "/healthz"])
def test_every_answer_switches_off_the_browser_features_the_portal_never_uses(client, url):
    policy = client.get(url)["Permissions-Policy"]

    assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy


def test_hsts_is_sent_on_https_answers_once_configured(client, settings):
    from django.test import Client

    assert "Strict-Transport-Security" not in client.get("/", secure=True)

    settings.SECURE_HSTS_SECONDS = 31536000
    configured = Client()  # SecurityMiddleware reads its settings when it starts, as a server's worker does

    assert configured.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in configured.get("/")  # never on plain HTTP


def test_plain_http_is_redirected_once_configured(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/news/")

    assert response.status_code == 301 and response["Location"] == "https://testserver/news/"
