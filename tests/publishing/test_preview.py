"""A signed, expiring link shows a draft as the public page would; nobody reaches it without one."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from publishing.preview import preview_url
from tests.factories import AchievementFactory, ArticleFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_without_a_valid_link_gets_404_for_a_draft(client):
    article = ArticleFactory(draft=True)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.get_absolute_url() + "?preview=forged:token").status_code == 404


def test_preview_link_shows_the_draft_never_cached_and_not_indexed(client):
    article = ArticleFactory(draft=True, title="尚未公开的年度回顾")

    response = client.get(preview_url(article))

    assert response.status_code == 200
    assert "尚未公开的年度回顾" in response.content.decode()
    assert '<meta name="robots" content="noindex' in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_a_previewed_review_shows_its_draft_achievements(client):
    article = ArticleFactory(draft=True, kind="review", year=2025)
    AchievementFactory(draft=True, article=article, title="一起发布的成果")

    assert "一起发布的成果" in client.get(preview_url(article)).content.decode()


def test_a_link_opens_only_its_own_item(client):
    draft, other = ProjectFactory(draft=True), ProjectFactory(draft=True)
    token = preview_url(draft).split("?preview=")[1]
    assert client.get(f"{other.get_absolute_url()}?preview={token}").status_code == 404


def test_preview_link_expires(client):
    article = ArticleFactory(draft=True)
    url = preview_url(article)
    later = datetime.datetime.now(tz=datetime.UTC).timestamp() + 8 * 24 * 3600
    with mock.patch("time.time", return_value=later):
        assert client.get(url).status_code == 404


def test_admin_change_form_offers_preview_and_copy_link(admin_client):
    article = ArticleFactory(draft=True)
    html = admin_client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert "预览" in html and "复制预览链接" in html and "?preview=" in html
