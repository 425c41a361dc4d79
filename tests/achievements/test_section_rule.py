"""An achievement's source section must belong to its source article, however the achievement is saved."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.urls import reverse

from achievements.models import Achievement
from publishing.roles import EDITOR, REVIEWER
from tests.api_helpers import if_match, staff_user, token_client
from tests.factories import AchievementFactory, ArticleFactory, ArticleSectionFactory

pytestmark = pytest.mark.django_db

MESSAGE = "出处章节必须属于出处文章。"


@pytest.fixture
def editor(client):
    user = User.objects.create_user(username="editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(user)
    return client


@pytest.fixture
def two_reviews():
    first, second = ArticleFactory(title="第一篇回顾"), ArticleFactory(title="第二篇回顾")
    return ArticleSectionFactory(article=first), ArticleSectionFactory(article=second)


def test_the_model_refuses_a_section_of_another_article(two_reviews):
    own, other = two_reviews
    achievement = AchievementFactory(draft=True, article=own.article, section=own)
    achievement.section = other

    with pytest.raises(ValidationError) as error:
        achievement.full_clean()

    assert error.value.message_dict["section"] == [MESSAGE]


def test_a_section_without_an_article_is_refused_too(two_reviews):
    own, _other = two_reviews
    achievement = Achievement(title="无出处文章", category="platform", year=2025, section=own)

    with pytest.raises(ValidationError, match=MESSAGE):
        achievement.full_clean()


def admin_form(achievement, **changes):
    data = {
        "title": achievement.title,
        "title_en": "",
        "slug": achievement.slug,
        "category": achievement.category,
        "year": achievement.year,
        "date": "",
        "date_precision": achievement.date_precision,
        "region": "",
        "summary": "",
        "summary_en": "",
        "article": achievement.article_id or "",
        "section": achievement.section_id or "",
        "published_at_0": "",
        "published_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "correction_note": "",
        "corrected_at": "",
        "version_token": str(achievement.version),
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        "_save": "保存",
    }
    data.update(changes)
    return data


def test_the_admin_shows_the_error_on_the_section_field_and_saves_nothing(editor, two_reviews):
    own, other = two_reviews
    achievement = AchievementFactory(draft=True, article=own.article, section=own)
    url = reverse("admin:achievements_achievement_change", args=[achievement.pk])

    response = editor.post(url, admin_form(achievement, section=other.pk))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["section"] == [MESSAGE]
    assert MESSAGE in response.content.decode()
    achievement.refresh_from_db()
    assert achievement.section == own


def test_the_admin_accepts_a_section_of_the_chosen_article(editor, two_reviews):
    own, other = two_reviews
    achievement = AchievementFactory(draft=True, article=own.article, section=own)
    url = reverse("admin:achievements_achievement_change", args=[achievement.pk])

    response = editor.post(url, admin_form(achievement, article=other.article.pk, section=other.pk))

    assert response.status_code == 302
    achievement.refresh_from_db()
    assert achievement.section == other


@pytest.fixture
def writer(django_user_model):
    return staff_user(django_user_model, "add_achievement", "change_achievement", "view_achievement", "add_keyfigure")


def test_the_api_answers_400_naming_the_section(writer, two_reviews):
    own, other = two_reviews
    payload = {"title": "离岸科创园签约", "category": "platform", "year": 2025}

    response = token_client(writer).post(
        reverse("api:achievement-list"), {**payload, "article": own.article.slug, "section": other.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"section": [MESSAGE]}
    assert not Achievement.objects.exists()


def test_the_api_refuses_moving_an_achievement_to_another_article_but_keeping_the_old_section(writer, two_reviews):
    own, other = two_reviews
    achievement = AchievementFactory(draft=True, article=own.article, section=own)

    client = token_client(writer)
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    response = client.patch(url, {"article": other.article.slug}, format="json", **if_match(client, url))

    assert response.status_code == 400
    assert response.json() == {"section": [MESSAGE]}
    achievement.refresh_from_db()
    assert achievement.article == own.article


# Rows stored before the rule (the admin allowed them) stay in the workflow; their source cannot be moved on wrong.


@pytest.fixture
def stored_mismatch(two_reviews):
    """A published achievement citing the first review but a section of the second, as the admin once allowed."""
    own, other = two_reviews
    achievement = AchievementFactory(title="旧数据里的成果", article=own.article, section=own)
    Achievement.objects.filter(pk=achievement.pk).update(section=other)
    achievement.refresh_from_db()
    return achievement


@pytest.fixture
def reviewer(client):
    user = User.objects.create_user(username="reviewer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWER))
    client.force_login(user)
    return client


def transition_url(achievement, name):
    return reverse("admin:achievements_achievement_transition", args=[achievement.pk, name])


def test_a_stored_row_with_a_mismatching_section_can_still_be_taken_down_urgently(client, reviewer, stored_mismatch):
    response = reviewer.post(
        transition_url(stored_mismatch, "unpublish"),
        {"transition_text": "数据有误，紧急撤下", "transition_notice": "数据正在核实。"},
        follow=True,
    )

    html = response.content.decode()
    assert "“旧数据里的成果”已下线。" in html
    assert MESSAGE not in html
    reviewer.logout()
    page = client.get(stored_mismatch.get_absolute_url())
    assert page.status_code == 410
    assert "数据正在核实。" in page.content.decode()


def test_a_stored_row_with_a_mismatching_section_can_be_archived_and_published_again(client, reviewer, stored_mismatch):
    archived = reviewer.post(transition_url(stored_mismatch, "archive"), follow=True).content.decode()
    assert "“旧数据里的成果”已归档。" in archived

    Achievement.objects.filter(pk=stored_mismatch.pk).update(status="in_review", submitted_by=None)
    published = reviewer.post(transition_url(stored_mismatch, "publish"), follow=True).content.decode()

    assert "“旧数据里的成果”已审核通过并发布。" in published
    reviewer.logout()
    assert client.get(stored_mismatch.get_absolute_url()).status_code == 200


def test_the_admin_refuses_moving_a_stored_mismatch_to_a_section_of_yet_another_article(editor, stored_mismatch):
    Achievement.objects.filter(pk=stored_mismatch.pk).update(status="draft")
    stored_mismatch.refresh_from_db()
    third = ArticleSectionFactory(article=ArticleFactory(title="第三篇回顾"))
    url = reverse("admin:achievements_achievement_change", args=[stored_mismatch.pk])

    refused = editor.post(url, admin_form(stored_mismatch, section=third.pk))

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["section"] == [MESSAGE]
    # Other fields of the same row may still be corrected.
    saved = editor.post(url, admin_form(stored_mismatch, title="改正标题的成果"))
    assert saved.status_code == 302
    stored_mismatch.refresh_from_db()
    assert stored_mismatch.title == "改正标题的成果"
    assert stored_mismatch.section.article.title == "第二篇回顾"


def test_the_api_refuses_moving_a_stored_mismatch_to_a_section_of_yet_another_article(writer, stored_mismatch):
    Achievement.objects.filter(pk=stored_mismatch.pk).update(status="draft")
    third = ArticleSectionFactory(article=ArticleFactory(title="第三篇回顾"))
    client = token_client(writer)
    url = reverse("api:achievement-detail", kwargs={"slug": stored_mismatch.slug})

    refused = client.patch(url, {"section": third.pk}, format="json", **if_match(client, url))
    kept = client.patch(url, {"summary": "概述已补充。"}, format="json", **if_match(client, url))

    assert refused.status_code == 400
    assert refused.json() == {"section": [MESSAGE]}
    assert kept.status_code == 200, kept.json()
    assert kept.json()["summary"] == "概述已补充。"
