"""Content taken down after it was public says so (410 Gone, title and reason, never the body); drafts stay unknown."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing import services
from publishing.models import PublishStatus
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    InstitutionFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_unpublished_article_answers_410_with_its_title_and_reason_but_not_its_body(client, reviewer):
    article = ArticleFactory(title="撤下的新闻", lead="导语不应出现。", body="<p>正文不应出现。</p>")
    services.content_unpublish(obj=article, user=reviewer, reason="数据有误，核实后重新发布。")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    html = response.content.decode()
    assert "撤下的新闻" in html
    assert "数据有误，核实后重新发布。" in html
    assert "这条内容已不再公开" in html
    assert "正文不应出现" not in html and "导语不应出现" not in html


@pytest.mark.parametrize(
    "factory",
    [ProjectFactory, EnterpriseFactory, InstitutionFactory, AchievementFactory],
    ids=["project", "enterprise", "institution", "achievement"],
)
def test_every_kind_of_unpublished_content_says_why(client, reviewer, factory):
    item = factory()
    services.content_unpublish(obj=item, user=reviewer, reason="企业信息正在更新")

    response = client.get(item.get_absolute_url())

    assert response.status_code == 410
    assert str(item) in response.content.decode()
    assert "企业信息正在更新" in response.content.decode()


def test_archived_item_that_was_published_answers_410(client, reviewer):
    project = ProjectFactory(name="归档的平台", status=PublishStatus.IN_REVIEW, published_at=None)
    services.content_publish(obj=project, user=reviewer)
    services.content_archive(obj=project, user=reviewer)

    response = client.get(project.get_absolute_url())

    assert response.status_code == 410
    assert "归档的平台" in response.content.decode()
    assert "已归档" in response.content.decode()


def test_archived_after_unpublishing_keeps_the_reason(client, reviewer):
    project = ProjectFactory()
    services.content_unpublish(obj=project, user=reviewer, reason="项目已终止")
    services.content_archive(obj=project, user=reviewer)

    response = client.get(project.get_absolute_url())

    assert response.status_code == 410
    assert "项目已终止" in response.content.decode()


def test_expired_item_says_when_it_stopped_being_public(client):
    article = ArticleFactory(
        title="到期的通知", published_at=NOW - datetime.timedelta(days=3), expires_at=NOW - datetime.timedelta(days=1)
    )
    expired_on = timezone.localtime(article.expires_at)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert f"{expired_on.year}年{expired_on.month}月{expired_on.day}日" in response.content.decode()


def test_draft_that_was_never_published_stays_404(client, reviewer):
    draft = ArticleFactory(draft=True, title="从未公开的草稿")
    assert client.get(draft.get_absolute_url()).status_code == 404

    # Archived without ever going public: still unknown to visitors, even with a date set in advance.
    draft.published_at = NOW - datetime.timedelta(days=1)
    draft.save()
    services.content_archive(obj=draft, user=reviewer)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "从未公开的草稿" not in response.content.decode()


def test_in_review_and_scheduled_items_stay_404(client):
    assert (
        client.get(ArticleFactory(status=PublishStatus.IN_REVIEW, published_at=None).get_absolute_url()).status_code
        == 404
    )
    assert client.get(ArticleFactory(scheduled=True).get_absolute_url()).status_code == 404


def test_unknown_address_stays_404(client):
    assert client.get(reverse("news:detail", kwargs={"slug": "no-such-article"})).status_code == 404


def test_api_never_shows_an_unpublished_item_or_its_reason_to_anonymous_readers(client, reviewer):
    article = ArticleFactory(title="下线的文章")
    services.content_unpublish(obj=article, user=reviewer, reason="内部原因说明")

    response = client.get(reverse("api:article-detail", kwargs={"slug": article.slug}))

    assert response.status_code == 404
    assert "内部原因说明" not in response.content.decode()
    assert "下线的文章" not in client.get(reverse("api:article-list")).content.decode()


def test_correction_note_and_date_are_in_the_api(client):
    article = ArticleFactory(
        correction_note="第三段投资额由5亿元更正为50亿元。", corrected_at=datetime.date(2026, 1, 6)
    )

    data = client.get(reverse("api:article-detail", kwargs={"slug": article.slug})).json()

    assert data["correction_note"] == "第三段投资额由5亿元更正为50亿元。"
    assert data["corrected_at"] == "2026-01-06"


def test_content_without_a_correction_has_an_empty_note_in_the_api(client):
    project = ProjectFactory()

    data = client.get(reverse("api:project-detail", kwargs={"slug": project.slug})).json()

    assert data["correction_note"] == "" and data["corrected_at"] is None
