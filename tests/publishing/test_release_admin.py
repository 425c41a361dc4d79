"""一键发布年度回顾: a reviewer sees everything that goes live, picks now or a time, and gets all of it or none."""

import datetime
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement
from news.models import Article
from publishing.models import AuditEntry, PublishStatus
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db

IN_REVIEW = {"status": PublishStatus.IN_REVIEW, "published_at": None}


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def release_url(article):
    return reverse("admin:news_article_release", args=[article.pk])


@pytest.fixture
def review(editor):
    """A yearly review and two achievements (three figures), all submitted by the editor."""
    article = ArticleFactory(
        kind=Article.Kind.REVIEW, year=2025, title="科技创新实现新突破", submitted_by=editor, **IN_REVIEW
    )
    platform = AchievementFactory(article=article, title="离岸科创园签约", submitted_by=editor, **IN_REVIEW)
    computing = AchievementFactory(article=article, title="智算中心点亮", submitted_by=editor, **IN_REVIEW)
    KeyFigureFactory.create_batch(2, achievement=platform)
    KeyFigureFactory(achievement=computing)
    return article


def statuses(article):
    article.refresh_from_db()
    return {article.status} | set(Achievement.objects.filter(article=article).values_list("status", flat=True))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_reviewer_sees_the_release_button_on_a_yearly_review(login, reviewer, review):
    html = login(reviewer).get(change_url(review)).content.decode()

    assert "一键发布年度回顾" in html
    assert release_url(review) in html


def test_editor_sees_no_release_button_and_cannot_open_the_release_page(login, editor, review):
    client = login(editor)

    assert "一键发布年度回顾" not in client.get(change_url(review)).content.decode()
    assert client.get(release_url(review)).status_code == 403
    assert client.post(release_url(review), {"at_0": "", "at_1": ""}).status_code == 403
    assert statuses(review) == {PublishStatus.IN_REVIEW}


def test_news_article_has_no_release_button(login, reviewer):
    news = ArticleFactory(kind=Article.Kind.NEWS, **IN_REVIEW)
    client = login(reviewer)

    assert "一键发布年度回顾" not in client.get(change_url(news)).content.decode()
    assert client.get(release_url(news)).status_code == 404


def test_confirmation_page_lists_the_review_its_achievements_and_figure_counts(login, reviewer, review):
    html = login(reviewer).get(release_url(review)).content.decode()

    assert "科技创新实现新突破" in html
    assert "离岸科创园签约" in html and "智算中心点亮" in html
    assert "2 项" in html and "1 项" in html
    assert "成果 2 项，关键数据 3 项" in html
    assert "确认一键发布" in html


def test_release_now_publishes_everything_at_one_time(client, login, reviewer, review):
    response = login(reviewer).post(release_url(review), {"at_0": "", "at_1": ""})

    assert response.status_code == 302
    assert statuses(review) == {PublishStatus.PUBLISHED}
    times = {review.published_at} | set(
        Achievement.objects.filter(article=review).values_list("published_at", flat=True)
    )
    assert len(times) == 1
    assert any("连同 2 项成果已发布" in message for message in messages_of(response))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISHED, user=reviewer).count() == 3


def test_scheduled_release_shows_nothing_before_its_time(client, login, reviewer, review):
    at = timezone.localtime() + datetime.timedelta(days=2)

    response = login(reviewer).post(release_url(review), {"at_0": f"{at:%Y-%m-%d}", "at_1": f"{at:%H:%M:%S}"})

    assert response.status_code == 302
    assert statuses(review) == {PublishStatus.PUBLISHED}
    assert not Article.objects.published().filter(pk=review.pk).exists()
    assert not Achievement.objects.published().filter(article=review).exists()
    assert any("一起公开" in message for message in messages_of(response))
    client.logout()
    assert client.get(review.get_absolute_url()).status_code == 404


def test_a_time_in_the_past_is_refused_with_a_form_error(login, reviewer, review):
    response = login(reviewer).post(release_url(review), {"at_0": "2020-01-01", "at_1": "08:00:00"})

    assert response.status_code == 200
    assert "发布时间不能早于现在" in response.content.decode()
    assert statuses(review) == {PublishStatus.IN_REVIEW}


def test_a_draft_achievement_is_shown_as_the_problem_and_stops_the_whole_release(login, reviewer, review):
    AchievementFactory(article=review, title="还在草稿的成果", draft=True)
    client = login(reviewer)

    page = client.get(release_url(review)).content.decode()
    assert "还在草稿的成果" in page and "须先提交审核" in page
    assert "确认一键发布" not in page

    response = client.post(release_url(review), {"at_0": "", "at_1": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "未能发布，什么都没有改变" in html and "还在草稿的成果" in html
    assert statuses(review) == {PublishStatus.IN_REVIEW, PublishStatus.DRAFT}
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISHED).exists()


def test_reviewer_cannot_release_what_they_submitted_themselves(login, reviewer, second_reviewer, review):
    Achievement.objects.filter(article=review).update(submitted_by=reviewer)

    response = login(reviewer).post(release_url(review), {"at_0": "", "at_1": ""})

    assert response.status_code == 200
    assert "双人把关" in response.content.decode()
    assert statuses(review) == {PublishStatus.IN_REVIEW}
    refusal = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED)
    assert (refusal.user_repr, refusal.object_repr) == ("reviewer", str(review))
    assert refusal.comment.startswith("一键发布年度回顾：") and "双人把关" in refusal.comment


def test_an_achievement_already_live_keeps_its_date_and_stays_visible_during_a_scheduled_release(
    client, login, reviewer, review
):
    live_since = timezone.now() - datetime.timedelta(days=30)
    already_live = AchievementFactory(article=review, title="早已公开的成果", published_at=live_since)
    at = timezone.localtime() + datetime.timedelta(days=2)

    response = login(reviewer).post(release_url(review), {"at_0": f"{at:%Y-%m-%d}", "at_1": f"{at:%H:%M:%S}"})

    assert response.status_code == 302
    assert any("连同 2 项成果将于" in message for message in messages_of(response))
    client.logout()
    assert client.get(already_live.get_absolute_url()).status_code == 200  # not hidden until the review's time
    api = client.get(reverse("api:achievement-detail", kwargs={"slug": already_live.slug})).json()
    assert api["published_at"] == timezone.localtime(live_since).isoformat()
    assert not AuditEntry.objects.filter(object_id=str(already_live.pk), action=AuditEntry.Action.PUBLISHED).exists()
    assert not Achievement.objects.published().filter(article=review).exclude(pk=already_live.pk).exists()


def test_an_achievement_scheduled_after_the_release_goes_live_with_the_review(client, login, reviewer, review):
    later = AchievementFactory(article=review, title="排在之后公开的成果", scheduled=True)

    response = login(reviewer).post(release_url(review), {"at_0": "", "at_1": ""})

    assert response.status_code == 302
    assert any("连同 3 项成果已发布" in message for message in messages_of(response))
    client.logout()
    assert client.get(review.get_absolute_url()).status_code == 200
    page = client.get(later.get_absolute_url())
    assert page.status_code == 200
    assert "排在之后公开的成果" in page.content.decode()


def test_a_scheduled_release_brings_forward_only_what_was_scheduled_later(client, login, reviewer, review):
    at = timezone.localtime() + datetime.timedelta(days=2)
    before = AchievementFactory(article=review, title="先于回顾公开的成果", scheduled=True)
    after = AchievementFactory(
        article=review, title="晚于回顾公开的成果", published_at=at + datetime.timedelta(days=30)
    )
    scheduled_before = before.published_at

    login(reviewer).post(release_url(review), {"at_0": f"{at:%Y-%m-%d}", "at_1": f"{at:%H:%M:%S}"})

    client.logout()
    api = "api:achievement-detail"
    with mock.patch("django.utils.timezone.now", return_value=at + datetime.timedelta(minutes=1)):
        assert client.get(review.get_absolute_url()).status_code == 200
        assert client.get(after.get_absolute_url()).status_code == 200
        early = client.get(reverse(api, kwargs={"slug": before.slug})).json()
    assert early["published_at"] == timezone.localtime(scheduled_before).isoformat()
