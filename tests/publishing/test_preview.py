"""A signed, expiring link shows a draft as the public page would, to logged-in staff only; nobody else reaches it."""

import datetime
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from publishing.preview import preview_url
from tests.factories import AchievementFactory, ArticleFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_without_a_valid_link_gets_404_for_a_draft(client):
    article = ArticleFactory(draft=True)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.get_absolute_url() + "?preview=forged:token").status_code == 404


def test_anonymous_visitor_with_a_valid_link_is_sent_to_the_admin_login_and_sees_nothing(client):
    article = ArticleFactory(draft=True, title="尚未公开的年度回顾")
    url = preview_url(article)

    response = client.get(url)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("admin:login")
    assert parse_qs(location.query)["next"] == [url]
    assert "尚未公开的年度回顾" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_logged_in_non_staff_user_with_a_valid_link_is_sent_to_the_admin_login(client):
    client.force_login(User.objects.create_user("reader", password="pw"))
    article = ArticleFactory(draft=True)

    response = client.get(preview_url(article))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("admin:login")


def test_staff_member_returns_to_the_preview_after_logging_in(client, editor):
    article = ArticleFactory(draft=True, title="登录后回到预览")
    url = preview_url(article)
    login_url = client.get(url)["Location"]

    response = client.post(login_url, {"username": "editor", "password": "pw", "next": url}, follow=True)

    assert response.redirect_chain[-1][0] == url
    assert "登录后回到预览" in response.content.decode()


def test_preview_link_shows_the_draft_to_staff_never_cached_and_not_indexed(login, editor):
    article = ArticleFactory(draft=True, title="尚未公开的年度回顾")

    response = login(editor).get(preview_url(article))

    assert response.status_code == 200
    assert "尚未公开的年度回顾" in response.content.decode()
    assert '<meta name="robots" content="noindex' in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_staff_member_without_rights_on_that_kind_of_content_sees_no_draft(client):
    client.force_login(User.objects.create_user("intern", password="pw", is_staff=True))
    article = ArticleFactory(draft=True)

    assert client.get(preview_url(article)).status_code == 404


def test_a_previewed_review_shows_its_draft_achievements(login, reviewer):
    article = ArticleFactory(draft=True, kind="review", year=2025)
    AchievementFactory(draft=True, article=article, title="一起发布的成果")

    assert "一起发布的成果" in login(reviewer).get(preview_url(article)).content.decode()


def test_a_link_opens_only_its_own_item(login, editor):
    draft, other = ProjectFactory(draft=True), ProjectFactory(draft=True)
    token = preview_url(draft).split("?preview=")[1]
    assert login(editor).get(f"{other.get_absolute_url()}?preview={token}").status_code == 404


def test_preview_link_expires(login, editor):
    article = ArticleFactory(draft=True)
    url = preview_url(article)
    later = datetime.datetime.now(tz=datetime.UTC).timestamp() + 8 * 24 * 3600
    client = login(editor)
    with mock.patch("time.time", return_value=later):
        assert client.get(url).status_code == 404


def test_admin_change_form_offers_preview_and_copy_link(admin_client):
    article = ArticleFactory(draft=True)
    html = admin_client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert "预览" in html and "复制预览链接" in html and "?preview=" in html
