"""Content taken down after it was public says so (410 Gone, title and reason, never the body); drafts stay unknown."""

import datetime
from unittest import mock

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from publishing import services
from publishing.migration_helpers import fill_published_titles
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


def test_unpublished_article_answers_410_with_its_title_and_public_notice_but_not_its_body(client, reviewer):
    article = ArticleFactory(title="撤下的新闻", lead="导语不应出现。", body="<p>正文不应出现。</p>")
    services.content_unpublish(
        obj=article, user=reviewer, reason="张科长来电要求撤下", public_notice="数据有误，核实后重新发布。"
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    html = response.content.decode()
    assert "撤下的新闻" in html
    assert "数据有误，核实后重新发布。" in html
    assert "这条内容已不再公开" in html
    assert "正文不应出现" not in html and "导语不应出现" not in html
    assert "张科长" not in html  # the internal reason stays internal


def test_without_a_public_notice_the_page_says_only_that_it_was_taken_down(client, reviewer):
    article = ArticleFactory(title="撤下的新闻")
    services.content_unpublish(obj=article, user=reviewer, reason="内部：领导批示暂缓")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "这条内容已下线，不再公开。" in html
    assert "领导批示" not in html


def test_the_page_names_the_title_it_was_published_under_not_a_later_draft_edit(client, reviewer, editor):
    article = ArticleFactory(title="已公开的标题")
    services.content_unpublish(obj=article, user=reviewer, reason="待更正")
    # An editor may change an unpublished item; the new title has not been reviewed.
    article.title = "尚未审核的新标题"
    article.full_clean()
    article.save()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 410
    assert "“已公开的标题”曾在本站发布" in html
    assert "<title>已公开的标题（已不再公开）" in html
    assert "尚未审核的新标题" not in html


def test_a_title_edited_while_live_is_the_one_named(client, reviewer):
    article = ArticleFactory(title="初版标题")
    article.title = "审核人员改定的标题"  # only reviewers change published items: the change is public at once
    article.save()
    services.content_unpublish(obj=article, user=reviewer, reason="过期")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "“审核人员改定的标题”曾在本站发布" in html and "初版标题" not in html


# Scheduled items: their title is public only once their time has come.

HOUR = datetime.timedelta(hours=1)


def test_an_item_taken_down_before_its_scheduled_time_names_no_title_it_was_never_published_under(client, reviewer):
    article = ArticleFactory(title="尚未公开的预告", scheduled=True)
    services.content_unpublish(obj=article, user=reviewer, reason="计划取消")

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "曾在本站发布，现已撤下" in html  # the generic sentence, without a title
    assert "尚未公开的预告" not in html
    assert "<title>这条内容已不再公开" in html


def test_an_item_that_went_live_on_its_schedule_names_the_title_it_went_live_with(client, reviewer):
    article = ArticleFactory(title="预告标题", scheduled=True)
    article.title = "定稿标题"  # edited by a reviewer while still scheduled
    article.save()
    went_live = article.published_at + HOUR

    with mock.patch("django.utils.timezone.now", return_value=went_live):
        assert client.get(article.get_absolute_url()).status_code == 200
        services.content_unpublish(obj=article, user=reviewer, reason="撤下")
    # An editor's later change of the unpublished item has not been reviewed.
    article.title = "下线后改的标题"
    article.save()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "“定稿标题”曾在本站发布" in html
    assert "预告标题" not in html and "下线后改的标题" not in html


def test_an_item_archived_after_going_live_on_its_schedule_names_its_title(client, reviewer):
    project = ProjectFactory(name="按时公开的平台", status=PublishStatus.IN_REVIEW, published_at=None)
    services.content_publish(obj=project, user=reviewer, at=NOW + 24 * HOUR)

    with mock.patch("django.utils.timezone.now", return_value=project.published_at + HOUR):
        services.content_archive(obj=project, user=reviewer)

    assert "“按时公开的平台”曾在本站发布" in client.get(project.get_absolute_url()).content.decode()


def test_an_item_that_went_live_on_its_schedule_and_expired_names_its_title(client):
    article = ArticleFactory(title="限时公开的通知", scheduled=True)
    article.expires_at = article.published_at + HOUR
    article.save()

    with mock.patch("django.utils.timezone.now", return_value=article.expires_at + HOUR):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert "“限时公开的通知”曾在本站发布" in response.content.decode()


def test_republishing_forgets_the_old_public_notice(client, reviewer, second_reviewer):
    article = ArticleFactory(title="反复上下线的文章")
    services.content_unpublish(obj=article, user=reviewer, reason="一", public_notice="第一次下线的说明")
    services.content_submit(obj=article, user=reviewer)
    services.content_publish(obj=article, user=second_reviewer)
    services.content_archive(obj=article, user=reviewer)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "第一次下线的说明" not in html
    assert "这条内容已归档，不再公开。" in html


@pytest.mark.parametrize(
    "factory",
    [ProjectFactory, EnterpriseFactory, InstitutionFactory, AchievementFactory],
    ids=["project", "enterprise", "institution", "achievement"],
)
def test_every_kind_of_unpublished_content_says_why(client, reviewer, factory):
    item = factory()
    services.content_unpublish(obj=item, user=reviewer, reason="内部核查", public_notice="企业信息正在更新")

    response = client.get(item.get_absolute_url())

    assert response.status_code == 410
    assert str(item) in response.content.decode()
    assert "企业信息正在更新" in response.content.decode()
    assert "内部核查" not in response.content.decode()


def test_archived_item_that_was_published_answers_410(client, reviewer):
    project = ProjectFactory(name="归档的平台", status=PublishStatus.IN_REVIEW, published_at=None)
    services.content_publish(obj=project, user=reviewer)
    services.content_archive(obj=project, user=reviewer)

    response = client.get(project.get_absolute_url())

    assert response.status_code == 410
    assert "归档的平台" in response.content.decode()
    assert "已归档" in response.content.decode()


def test_archived_after_unpublishing_keeps_the_public_notice(client, reviewer):
    project = ProjectFactory()
    services.content_unpublish(obj=project, user=reviewer, reason="合作方退出", public_notice="项目已终止")
    services.content_archive(obj=project, user=reviewer)

    response = client.get(project.get_absolute_url())

    assert response.status_code == 410
    assert "项目已终止" in response.content.decode()
    assert "合作方退出" not in response.content.decode()


def test_expired_item_says_when_it_stopped_being_public(client):
    article = ArticleFactory(
        title="到期的通知", published_at=NOW - datetime.timedelta(days=3), expires_at=NOW - datetime.timedelta(days=1)
    )
    expired_on = timezone.localtime(article.expires_at)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert f"{expired_on.year}年{expired_on.month}月{expired_on.day}日" in response.content.decode()


def test_expiry_date_is_the_local_day_written_in_the_visitors_language(client):
    # 2026-03-31 17:30 UTC is already 1 April in Beijing.
    ArticleFactory(
        slug="expired",
        published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        expires_at=datetime.datetime(2026, 3, 31, 17, 30, tzinfo=datetime.UTC),
    )
    url = reverse("news:detail", kwargs={"slug": "expired"})

    chinese = client.get(url).content.decode()
    client.cookies["language"] = "en"
    english = client.get(url).content.decode()

    assert "2026年4月1日" in chinese and "3月31日" not in chinese
    assert "April 1, 2026" in english and "2026年4月1日" not in english


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


# The admin's unpublish form


def transition_url(obj, name):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_transition", args=[obj.pk, name])


def test_unpublish_form_asks_for_an_internal_reason_and_an_optional_public_notice(login, client, reviewer):
    article = ArticleFactory(title="要下线的文章")
    staff = login(reviewer)

    form = staff.get(transition_url(article, "unpublish")).content.decode()
    assert "下线原因（只供内部查看）" in form
    assert "公开说明（可选）" in form and 'name="transition_notice"' in form

    staff.post(
        transition_url(article, "unpublish"),
        {"transition_text": "领导要求暂缓", "transition_notice": "本文数据正在核实，核实后重新发布。"},
    )
    staff.logout()
    html = client.get(article.get_absolute_url()).content.decode()

    assert "本文数据正在核实，核实后重新发布。" in html
    assert "领导要求暂缓" not in html


def test_unpublish_form_keeps_the_typed_notice_when_the_reason_is_missing(login, reviewer):
    article = ArticleFactory()

    response = login(reviewer).post(
        transition_url(article, "unpublish"), {"transition_text": " ", "transition_notice": "请稍后再来"}
    )

    html = response.content.decode()
    assert "请填写下线原因" in html
    assert ">请稍后再来</textarea>" in html
    article.refresh_from_db()
    assert article.status == PublishStatus.PUBLISHED


def test_bulk_unpublish_gives_every_item_the_same_public_notice(login, client, reviewer):
    articles = ArticleFactory.create_batch(2)
    staff = login(reviewer)
    selected = {"action": "unpublish_selected", "_selected_action": [a.pk for a in articles]}

    assert 'name="transition_notice"' in staff.post(reverse("admin:news_article_changelist"), selected).content.decode()
    staff.post(
        reverse("admin:news_article_changelist"),
        {**selected, "transition_confirm": "1", "transition_text": "政策调整", "transition_notice": "栏目调整"},
    )
    staff.logout()

    for article in articles:
        html = client.get(article.get_absolute_url()).content.decode()
        assert "栏目调整" in html and "政策调整" not in html


def test_admin_shows_the_reason_the_notice_and_the_published_title_read_only(login, reviewer):
    article = ArticleFactory(title="曾公开的标题")
    services.content_unpublish(obj=article, user=reviewer, reason="内部原因", public_notice="给公众的说明")

    html = login(reviewer).get(reverse("admin:news_article_change", args=[article.pk])).content.decode()

    assert "内部原因" in html and "只供内部查看" in html
    assert "给公众的说明" in html and "公开说明" in html
    assert "曾公开的标题" in html and "最后公开的标题" in html


# Rows saved before the published title was recorded (the data migration)


def test_migration_fills_the_title_a_withdrawn_item_was_last_public_under(client, reviewer):
    live = ArticleFactory(title="在线的文章")
    withdrawn = ArticleFactory(title="下线前的标题")
    services.content_unpublish(obj=withdrawn, user=reviewer, reason="待核实")
    unknown = ArticleFactory(title="没有记录的文章", status=PublishStatus.ARCHIVED)
    # As the rows were before the field existed, and with a later, unreviewed edit of the withdrawn one's title.
    Article.objects.update(published_title="")
    Article.objects.filter(pk=withdrawn.pk).update(title="下线后改的标题")

    fill_published_titles(apps, "news", "article", "title")

    assert Article.objects.get(pk=live.pk).published_title == "在线的文章"
    assert Article.objects.get(pk=unknown.pk).published_title == ""
    html = client.get(withdrawn.get_absolute_url()).content.decode()
    assert "“下线前的标题”曾在本站发布" in html and "下线后改的标题" not in html


def test_migration_gives_no_title_to_a_scheduled_item_or_one_withdrawn_before_its_time(client, reviewer):
    scheduled = ArticleFactory(title="明天公开的文章", scheduled=True)
    withdrawn_early = ArticleFactory(title="没来得及公开的文章", scheduled=True)
    services.content_unpublish(obj=withdrawn_early, user=reviewer, reason="计划取消")
    Article.objects.update(published_title="")

    fill_published_titles(apps, "news", "article", "title")

    assert Article.objects.get(pk=scheduled.pk).published_title == ""
    html = client.get(withdrawn_early.get_absolute_url()).content.decode()
    assert "没来得及公开的文章" not in html
