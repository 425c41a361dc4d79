"""What each role can and cannot do in the admin and its bulk actions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from news.models import Article
from publishing.models import Draft, PublishStatus
from publishing.roles import EDITOR, REVIEWER, SITE_ADMIN_APPS, SITE_ADMINISTRATOR
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def transition_url(obj, name):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_transition", args=[obj.pk, name])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def article_form(article, **changes):
    data = {
        "kind": article.kind,
        "series": article.series,
        "title": article.title,
        "subtitle": "",
        "slug": article.slug,
        "year": article.year or "",
        "byline": "",
        "source": "",
        "based_on_date_precision": "month",  # the select always sends one
        "lead": article.lead,
        "body": article.body,
        "cover": "",
        "published_at_0": "",
        "published_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "correction_note": "",
        "corrected_at": "",
        "version_token": str(article.version),
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "_save": "保存",
    }
    data.update(changes)
    return data


def test_the_migration_creates_the_three_roles():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITOR, REVIEWER, SITE_ADMINISTRATOR} <= names
    assert Group.objects.get(name=REVIEWER).permissions.filter(codename="review_content").exists()
    assert not Group.objects.get(name=EDITOR).permissions.filter(codename="review_content").exists()
    assert Group.objects.get(name=SITE_ADMINISTRATOR).permissions.filter(codename="force_publish_content").exists()


def test_editor_can_add_a_draft_but_cannot_make_it_published(login, editor):
    client = login(editor)
    article = Article(kind="news", title="编辑写的稿子", lead="导语", body="<p>正文</p>")
    data = article_form(article, status="published", version_token="")

    response = client.post(reverse("admin:news_article_add"), data)

    assert response.status_code == 302
    saved = Article.objects.get(title="编辑写的稿子")
    assert saved.status == PublishStatus.DRAFT


def test_editor_cannot_change_in_review_content_and_changes_published_content_only_as_a_draft(login, editor):
    client = login(editor)
    published = ArticleFactory(title="已发布的文章")
    in_review = ArticleFactory(status=PublishStatus.IN_REVIEW, published_at=None)

    response = client.post(change_url(in_review), article_form(in_review, title="偷改"))
    assert response.status_code == 403
    in_review.refresh_from_db()
    assert in_review.title != "偷改"
    assert client.get(change_url(in_review)).status_code == 200  # they may still read it

    assert client.post(change_url(published), article_form(published, title="改后的标题")).status_code == 302
    published.refresh_from_db()
    assert published.title == "已发布的文章"
    assert Draft.objects.get().data["object"]["fields"]["title"] == "改后的标题"


def test_editor_cannot_edit_a_published_achievements_figure_on_its_own_page(login, editor):
    figure = KeyFigureFactory(text="205家")
    client = login(editor)

    response = client.post(
        change_url(figure), {"achievement": figure.achievement_id, "label": "x", "text": "999家", "value": "999"}
    )

    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.text == "205家"


def test_editor_sees_submit_but_not_publish_actions(login, editor):
    response = login(editor).get(changelist_url(Article))
    actions = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert "submit_selected" in actions
    assert "publish_selected" not in actions
    assert "force_publish_selected" not in actions


def test_editor_cannot_publish_through_the_transition_view(login, editor, second_editor):
    article = ArticleFactory(status=PublishStatus.IN_REVIEW, published_at=None, submitted_by=second_editor)

    response = login(editor).post(transition_url(article, "publish"))

    assert response.status_code == 200
    assert "没有审核发布" in response.content.decode()
    article.refresh_from_db()
    assert article.status == PublishStatus.IN_REVIEW


def test_editor_and_reviewer_take_a_draft_to_published_in_the_admin(client, editor, reviewer):
    article = ArticleFactory(draft=True, title="年度回顾稿")
    client.force_login(editor)
    response = client.post(transition_url(article, "submit"))
    assert response.status_code == 302

    client.force_login(reviewer)
    page = client.get(change_url(article)).content.decode()
    assert "审核通过并发布" in page
    response = client.post(transition_url(article, "publish"))
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.is_live()


def test_bulk_submit_reports_what_it_did_and_what_it_refused(login, editor):
    draft = ArticleFactory(draft=True, title="可以提交的草稿")
    published = ArticleFactory(title="已经发布的")
    client = login(editor)

    response = client.post(
        changelist_url(Article),
        {"action": "submit_selected", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("已提交审核 1 项" in m and "可以提交的草稿" in m for m in messages)
    assert any("未能提交审核 1 项" in m and "已经发布的" in m for m in messages)
    draft.refresh_from_db()
    assert draft.status == PublishStatus.IN_REVIEW


def test_bulk_publish_refuses_the_reviewers_own_submission(login, reviewer, second_reviewer):
    own = ArticleFactory(status=PublishStatus.IN_REVIEW, published_at=None, submitted_by=reviewer, title="自己提交的")
    other = ArticleFactory(
        status=PublishStatus.IN_REVIEW, published_at=None, submitted_by=second_reviewer, title="别人提交的"
    )

    response = login(reviewer).post(
        changelist_url(Article), {"action": "publish_selected", "_selected_action": [own.pk, other.pk]}, follow=True
    )

    messages = " ".join(str(m) for m in response.context["messages"])
    assert "已审核通过并发布 1 项" in messages and "别人提交的" in messages
    assert "双人把关" in messages
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == (PublishStatus.IN_REVIEW, PublishStatus.PUBLISHED)


def test_bulk_unpublish_asks_for_a_reason_first(login, reviewer):
    articles = ArticleFactory.create_batch(2)
    client = login(reviewer)
    selected = {"action": "unpublish_selected", "_selected_action": [a.pk for a in articles]}

    confirm = client.post(changelist_url(Article), selected)
    assert "下线原因" in confirm.content.decode()
    assert all(a.is_live() for a in Article.objects.all())

    client.post(changelist_url(Article), {**selected, "transition_confirm": "1", "transition_text": "政策调整"})
    assert set(Article.objects.values_list("status", "unpublish_reason")) == {("unpublished", "政策调整")}


def test_site_administrator_force_publishes_in_bulk_with_a_reason(login, site_admin):
    achievement = AchievementFactory(draft=True)
    client = login(site_admin)

    client.post(
        changelist_url(type(achievement)),
        {
            "action": "force_publish_selected",
            "_selected_action": [achievement.pk],
            "transition_confirm": "1",
            "transition_text": "发布会统一口径",
        },
    )

    achievement.refresh_from_db()
    assert achievement.is_live()


def test_reviewer_cannot_force_publish(login, reviewer):
    achievement = AchievementFactory(draft=True)
    response = login(reviewer).post(transition_url(achievement, "force_publish"), {"transition_text": "急"})
    assert "只有站点管理员" in response.content.decode()
    achievement.refresh_from_db()
    assert achievement.status == PublishStatus.DRAFT


@pytest.mark.django_db(transaction=True)
def test_after_a_migrate_the_roles_have_the_permissions_of_models_added_since_they_were_made():
    """Migration 0002 made the roles before drafts, old addresses or the site settings existed: a database
    migrated from it must still let a site administrator see drafts and a reviewer review."""
    site_admin = Group.objects.get(name=SITE_ADMINISTRATOR)
    reviewer = Group.objects.get(name=REVIEWER)
    later = Permission.objects.filter(codename__in=["view_draft", "change_sitesettings", "view_slughistory"])
    assert later.count() == 3
    site_admin.permissions.remove(*later)  # as a database migrated before those models were made
    reviewer.permissions.remove(Permission.objects.get(codename="review_content"))
    granted = Permission.objects.get(codename="delete_image")
    reviewer.permissions.add(granted)  # given by hand, not by the role

    call_command("migrate", verbosity=0)

    assert set(later) <= set(site_admin.permissions.all())
    assert reviewer.permissions.filter(codename="review_content").exists()
    assert reviewer.permissions.filter(pk=granted.pk).exists()
    expected = Permission.objects.filter(content_type__app_label__in=SITE_ADMIN_APPS)
    assert set(site_admin.permissions.all()) == set(expected)
