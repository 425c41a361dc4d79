"""Issue 13, item 1: with the database down, pages answer a friendly 503 and the API a JSON 503, both with
Retry-After; any other failure is still a 500 (templates/500.html, or JSON under /api/)."""

import pytest
from django.db import OperationalError, connection
from django.test import Client


@pytest.fixture
def database_down(monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    monkeypatch.setattr(connection, "is_usable", lambda: False)


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", ["/", "/news/", "/achievements/", "/search/?q=算力"])
def test_a_page_answers_a_friendly_503_while_the_database_is_unreachable(reader, database_down, url):
    response = reader.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "网站暂时无法访问" in text and "内容没有丢失" in text
    assert "Traceback" not in text


def test_the_api_answers_a_json_503(reader, database_down):
    response = reader.get("/api/v1/articles/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"detail": "数据库暂时无法连接，请稍后再试。"}


def test_any_other_failure_is_still_a_500(reader, monkeypatch):
    from home import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.HomeView, "get_context_data", broken)

    response = reader.get("/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "网站暂时出了问题" in response.content.decode()


@pytest.mark.django_db
def test_a_failing_query_on_a_working_connection_is_a_500_not_a_503(reader, monkeypatch):
    from home import views

    def deadlock(*args, **kwargs):
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(views.HomeView, "get_context_data", deadlock)
    connection.ensure_connection()  # the connection itself is fine

    response = reader.get("/")

    assert response.status_code == 500 and "Retry-After" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/api/v1/articles/"])
def test_sqlite_busy_with_another_process_s_long_write_is_a_503_too(reader, monkeypatch, url):
    """On SQLite a save waits for another process's write (an import saving 20,000 rows) up to its time-out, then
    SQLite says "database is locked": the site is busy for a moment, not broken."""
    from django.contrib.auth.views import LoginView
    from django.db import connection as default_connection

    from news import api

    def busy(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(default_connection, "vendor", "sqlite")
    monkeypatch.setattr(LoginView, "get", busy)
    monkeypatch.setattr(api.ArticleViewSet, "list", busy)

    response = reader.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
