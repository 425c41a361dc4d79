import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement, KeyFigure
from news.models import Article
from news.release import review_release
from publishing import services
from publishing.models import AuditEntry, PublishStatus
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
)
from tests.sitemaps import sitemap_locations

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HOUR = datetime.timedelta(hours=1)


def public_pages(client, item, region):
    """Every public place, and whether the item shows there."""
    name = str(item)
    api = reverse(f"api:{item._meta.model_name}-list")
    pages = {
        "detail": client.get(item.get_absolute_url()).status_code == 200,
        "list": name in client.get(reverse(f"{item._meta.app_label}:index")).content.decode(),
        "home": name in client.get("/").content.decode(),
        "region": name in client.get(region.get_absolute_url()).content.decode(),
        "search": item.get_absolute_url() in client.get(reverse("search:index"), {"q": name}).content.decode(),
        "sitemap": f"http://testserver{item.get_absolute_url()}" in sitemap_locations(client),
        "api list": name in client.get(api).content.decode(),
        "api detail": client.get(f"{api}{item.slug}/").status_code == 200,
    }
    return pages


STATES = pytest.mark.parametrize(
    ("state", "visible"),
    [
        ({"status": PublishStatus.DRAFT, "published_at": None}, False),
        ({"status": PublishStatus.IN_REVIEW, "published_at": None}, False),
        ({"status": PublishStatus.PUBLISHED, "published_at": NOW - HOUR}, True),
        ({"status": PublishStatus.PUBLISHED, "published_at": NOW + HOUR}, False),
        ({"status": PublishStatus.PUBLISHED, "published_at": NOW - 2 * HOUR, "expires_at": NOW - HOUR}, False),
        ({"status": PublishStatus.PUBLISHED, "published_at": NOW - 2 * HOUR, "expires_at": NOW + HOUR}, True),
        ({"status": PublishStatus.UNPUBLISHED, "published_at": NOW - HOUR}, False),
        ({"status": PublishStatus.ARCHIVED, "published_at": NOW - HOUR}, False),
    ],
    ids=["draft", "in_review", "published", "scheduled", "expired", "not_yet_expired", "unpublished", "archived"],
)


@STATES
def test_each_state_shows_or_hides_a_project_everywhere_public(
    client, state, visible, django_capture_on_commit_callbacks
):
    region = RegionFactory(name="赤壁市")
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows on commit
        project = ProjectFactory(name="状态测试平台", region=region, **state)

    pages = public_pages(client, project, region)

    assert pages == {page: visible for page in pages}
    assert project.is_live() is visible
    assert (project in ProjectFactory._meta.model.objects.published()) is visible


@STATES
def test_each_state_shows_or_hides_a_news_article_everywhere_public(
    client, state, visible, django_capture_on_commit_callbacks
):
    region = RegionFactory(name="赤壁市")
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows on commit
        article = ArticleFactory(title="状态测试新闻", **state)
    article.regions.add(region)

    pages = public_pages(client, article, region)
    pages["feed"] = article.get_absolute_url() in client.get("/feeds/news/").content.decode()
    pages["region feed"] = article.get_absolute_url() in client.get(f"/feeds/regions/{region.slug}/").content.decode()

    assert pages == {page: visible for page in pages}


@STATES
def test_each_state_shows_or_hides_an_achievements_figures_on_the_data_page_and_api(client, state, visible):
    achievement = AchievementFactory(title="状态测试成果", **state)
    KeyFigureFactory(achievement=achievement, label="状态测试指标", text="4.2万亩")

    pages = {
        "data page": "状态测试指标" in client.get(reverse("achievements:index")).content.decode(),
        "csv": "状态测试指标" in client.get("/achievements/figures.csv").getvalue().decode("utf-8-sig"),
        "api figures": "状态测试指标" in client.get(reverse("api:figure-list")).content.decode(),
    }

    assert pages == {page: visible for page in pages}


def test_scheduled_article_appears_and_expired_one_disappears_without_any_job(client, freezer=None):
    article = ArticleFactory(title="定时文章", published_at=NOW + HOUR, expires_at=NOW + 3 * HOUR)
    assert client.get(article.get_absolute_url()).status_code == 404

    later = NOW + 2 * HOUR
    import unittest.mock

    with unittest.mock.patch("django.utils.timezone.now", return_value=later):
        assert article in Article.objects.published()
        assert article.is_live()
        assert client.get(article.get_absolute_url()).status_code == 200
    with unittest.mock.patch("django.utils.timezone.now", return_value=NOW + 4 * HOUR):
        assert article not in Article.objects.published()
        # Gone, and saying so: it was public until its expiry time.
        assert client.get(article.get_absolute_url()).status_code == 410


def test_figures_of_an_unpublished_achievement_leave_the_data_page(client):
    figure = KeyFigureFactory(label="签约企业数量", text="205家")
    assert "签约企业数量" in client.get(reverse("achievements:index")).content.decode()

    Achievement.objects.filter(pk=figure.achievement_id).update(status=PublishStatus.UNPUBLISHED)

    assert "签约企业数量" not in client.get(reverse("achievements:index")).content.decode()
    assert figure not in KeyFigure.objects.published()


def test_expiry_before_publication_is_refused():
    article = ArticleFactory.build(published_at=NOW, expires_at=NOW - HOUR)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "下线时间必须晚于发布时间" in str(error.value)


def test_editor_submits_and_another_reviewer_publishes(editor, reviewer):
    article = ArticleFactory(draft=True)

    services.content_submit(obj=article, user=editor)
    assert article.status == PublishStatus.IN_REVIEW and article.submitted_by == editor
    services.content_publish(obj=article, user=reviewer)

    article.refresh_from_db()
    assert article.is_live()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "user_repr"))
    assert actions == [("submitted", "editor"), ("approved", "reviewer"), ("published", "reviewer")]


def test_whoever_submitted_cannot_approve_their_own_work(reviewer, second_reviewer):
    article = ArticleFactory(draft=True)
    services.content_submit(obj=article, user=reviewer)

    with pytest.raises(PermissionDenied, match="双人把关"):
        services.content_publish(obj=article, user=reviewer)

    article.refresh_from_db()
    assert article.status == PublishStatus.IN_REVIEW
    services.content_publish(obj=article, user=second_reviewer)
    assert article.status == PublishStatus.PUBLISHED


def test_send_back_needs_a_comment_and_returns_to_draft(editor, reviewer):
    article = ArticleFactory(draft=True)
    services.content_submit(obj=article, user=editor)

    with pytest.raises(ValidationError):
        services.content_send_back(obj=article, user=reviewer, comment="  ")
    services.content_send_back(obj=article, user=reviewer, comment="第二节数字请核对")

    article.refresh_from_db()
    assert article.status == PublishStatus.DRAFT
    assert article.review_comment == "第二节数字请核对"
    assert AuditEntry.objects.get(action="sent_back").comment == "第二节数字请核对"


def test_unpublish_keeps_its_reason_for_staff_and_shows_only_the_public_notice(reviewer, client):
    project = ProjectFactory()
    services.content_unpublish(
        obj=project, user=reviewer, reason="合作企业要求暂不公开", public_notice="数据有误，核实后重新发布"
    )

    project.refresh_from_db()
    assert project.unpublish_reason == "合作企业要求暂不公开"
    assert AuditEntry.objects.get(action="unpublished").comment == "合作企业要求暂不公开"
    response = client.get(project.get_absolute_url())
    assert response.status_code == 410
    assert "数据有误，核实后重新发布" in response.content.decode()
    assert "合作企业要求暂不公开" not in response.content.decode()


def test_force_publish_only_by_site_administrator_with_a_reason(reviewer, site_admin):
    enterprise = EnterpriseFactory(draft=True)

    with pytest.raises(PermissionDenied):
        services.content_force_publish(obj=enterprise, user=reviewer, reason="急需")
    with pytest.raises(ValidationError):
        services.content_force_publish(obj=enterprise, user=site_admin, reason="")
    services.content_force_publish(obj=enterprise, user=site_admin, reason="市政府发布会同步公开")

    assert enterprise.is_live()
    entry = AuditEntry.objects.get(action="force_published")
    assert (entry.user, entry.comment) == (site_admin, "市政府发布会同步公开")


def review_with_achievements():
    article = ArticleFactory(kind=Article.Kind.REVIEW, year=2025, status=PublishStatus.IN_REVIEW, published_at=None)
    section = ArticleSectionFactory(article=article)
    achievements = [
        AchievementFactory(article=article, section=section, status=PublishStatus.IN_REVIEW, published_at=None)
        for _ in range(2)
    ]
    for achievement in achievements:
        KeyFigureFactory(achievement=achievement)
    return article, achievements


def test_review_release_publishes_article_achievements_and_figures_at_one_time(reviewer):
    article, achievements = review_with_achievements()
    at = NOW + HOUR

    review_release(article=article, at=at, user=reviewer)

    items = [Article.objects.get(pk=article.pk), *Achievement.objects.filter(pk__in=[a.pk for a in achievements])]
    assert {item.published_at for item in items} == {at}
    assert all(item.status == PublishStatus.PUBLISHED for item in items)
    assert not KeyFigure.objects.published().exists()  # not before its time ...
    import unittest.mock

    with unittest.mock.patch("django.utils.timezone.now", return_value=at + HOUR):
        assert KeyFigure.objects.published().count() == 2  # ... and all of it together after


def test_review_release_is_all_or_nothing(reviewer):
    article, achievements = review_with_achievements()
    Achievement.objects.filter(pk=achievements[1].pk).update(status=PublishStatus.DRAFT)

    with pytest.raises(ValidationError, match="尚未提交审核"):
        review_release(article=article, at=NOW, user=reviewer)

    article.refresh_from_db()
    assert article.status == PublishStatus.IN_REVIEW
    assert not Achievement.objects.filter(status=PublishStatus.PUBLISHED).exists()


def test_review_release_rolls_back_when_a_late_item_is_invalid(reviewer):
    article, achievements = review_with_achievements()
    # An invalid item found only while saving (expiry before the release time) undoes the items saved before it.
    Achievement.objects.filter(pk=achievements[1].pk).update(expires_at=NOW)

    with pytest.raises(ValidationError):
        review_release(article=article, at=NOW + HOUR, user=reviewer)

    assert Article.objects.get(pk=article.pk).status == PublishStatus.IN_REVIEW
    assert not Achievement.objects.filter(status=PublishStatus.PUBLISHED).exists()


def test_correction_note_is_shown_on_the_page(client):
    article = ArticleFactory(
        correction_note="第三段投资额由5亿元更正为50亿元。", corrected_at=datetime.date(2026, 1, 6)
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "更正说明" in html
    assert "第三段投资额由5亿元更正为50亿元。" in html
    assert "2026年1月6日" in html


def test_correction_note_needs_a_date():
    article = ArticleFactory.build(correction_note="更正了一个数字。")
    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["slug"])
    assert "corrected_at" in error.value.message_dict


def test_review_release_dates_only_what_was_in_review(reviewer):
    article, achievements = review_with_achievements()
    live_since = NOW - 30 * 24 * HOUR
    Achievement.objects.filter(pk=achievements[0].pk).update(status=PublishStatus.PUBLISHED, published_at=live_since)
    at = NOW + HOUR

    released = review_release(article=article, at=at, user=reviewer)

    assert [item.pk for item in released] == [article.pk, achievements[1].pk]
    assert Achievement.objects.get(pk=achievements[0].pk).published_at == live_since
    assert Achievement.objects.get(pk=achievements[1].pk).published_at == at
    assert Article.objects.get(pk=article.pk).published_at == at
