"""The audit log records who did what to which item, and keeps it after the item is deleted."""

import pytest
from django.urls import reverse

from news.models import Article
from publishing.models import AuditEntry
from tests.factories import ArticleFactory
from tests.publishing.test_roles import article_form

pytestmark = pytest.mark.django_db


def test_creating_editing_and_deleting_in_the_admin_are_logged(client, reviewer):
    client.force_login(reviewer)
    client.post(
        reverse("admin:news_article_add"), article_form(Article(kind="news", title="日志测试", lead="", body=""))
    )
    article = Article.objects.get(title="日志测试")
    client.post(reverse("admin:news_article_change", args=[article.pk]), article_form(article, lead="改了导语"))
    client.post(reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"})

    entries = list(AuditEntry.objects.order_by("id").values_list("action", "user_repr", "object_repr"))
    assert entries == [
        ("created", "reviewer", "日志测试"),
        ("edited", "reviewer", "日志测试"),
        ("deleted", "reviewer", "日志测试"),
    ]
    assert not Article.objects.exists()


def test_audit_log_is_read_only_and_filterable_in_the_admin(client, site_admin, reviewer):
    article = ArticleFactory()
    from publishing import services

    services.content_unpublish(obj=article, user=reviewer, reason="数据待核实")
    client.force_login(site_admin)
    url = reverse("admin:publishing_auditentry_changelist")

    filtered = client.get(url, {"action__exact": "unpublished"})
    searched = client.get(url, {"q": "数据待核实"})

    assert [e.comment for e in filtered.context["cl"].result_list] == ["数据待核实"]
    assert len(searched.context["cl"].result_list) == 1
    assert client.get(reverse("admin:publishing_auditentry_add")).status_code == 403
    entry = AuditEntry.objects.get()
    response = client.post(reverse("admin:publishing_auditentry_change", args=[entry.pk]), {"comment": "改掉"})
    assert response.status_code == 403


# Everything else staff change in the admin, what they download, and what they were refused.


def entries(action=None):
    queryset = AuditEntry.objects.order_by("id")
    if action:
        queryset = queryset.filter(action=action)
    return list(queryset)


def test_image_upload_edit_and_delete_are_logged(admin_client):
    from images.models import Image
    from tests.images.files import jpeg
    from tests.images.test_upload import admin_upload

    admin_upload(admin_client, jpeg(), "photo.jpg", title="赤壁大桥")
    image = Image.objects.get()
    change = reverse("admin:images_image_change", args=[image.pk])
    form = {"title": "赤壁长江大桥", "alt_text": "大桥", "caption": "", "credit": ""}
    form.update(focal_x="0.5", focal_y="0.5")
    admin_client.post(change, form)
    admin_client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})

    assert [(e.action, e.user_repr, e.object_repr) for e in entries()] == [
        ("created", "admin", "赤壁大桥"),
        ("edited", "admin", "赤壁长江大桥"),
        ("deleted", "admin", "赤壁长江大桥"),
    ]
    assert not Image.objects.exists()


def test_new_users_their_groups_and_password_changes_are_logged_without_the_password(admin_client):
    from django.contrib.auth.models import Group, User

    from publishing.roles import EDITOR

    secret = "Xian-ning-2025-secret"
    admin_client.post(
        reverse("admin:auth_user_add"),
        {"username": "xiaoli", "usable_password": "true", "password1": secret, "password2": secret},
    )
    user = User.objects.get(username="xiaoli")
    admin_client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {
            "username": "xiaoli",
            "first_name": "",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "is_staff": "on",
            "groups": [Group.objects.get(name=EDITOR).pk],
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
        },
    )
    admin_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": secret + "2", "password2": secret + "2"},
    )

    logged = entries()
    assert [(e.action, e.object_repr) for e in logged] == [
        ("created", "xiaoli"),
        ("edited", "xiaoli"),
        ("edited", "xiaoli"),
    ]
    assert "用户组：编辑" in logged[1].comment and "工作人员：是" in logged[1].comment
    assert "密码" in logged[2].comment
    assert not AuditEntry.objects.filter(comment__contains=secret).exists()


def test_group_permission_changes_are_logged(admin_client):
    from django.contrib.auth.models import Group, Permission

    permission = Permission.objects.get(codename="view_article")
    admin_client.post(reverse("admin:auth_group_add"), {"name": "宣传处", "permissions": [permission.pk]})
    group = Group.objects.get(name="宣传处")
    admin_client.post(reverse("admin:auth_group_delete", args=[group.pk]), {"post": "yes"})

    assert [(e.action, e.object_repr) for e in entries()] == [("created", "宣传处"), ("deleted", "宣传处")]
    assert "权限 1 项" in entries()[0].comment


def test_admin_exports_are_logged_with_who_downloaded_what(admin_client):
    from achievements.models import Achievement
    from tests.factories import AchievementFactory

    chosen = AchievementFactory()
    AchievementFactory()
    admin_client.post(reverse("admin:achievements_achievement_export", args=["csv"]))
    admin_client.post(
        reverse("admin:achievements_achievement_changelist"),
        {"action": "export_selected_xlsx", "_selected_action": [chosen.pk]},
    )

    logged = entries(AuditEntry.Action.EXPORTED)
    assert [(e.user_repr, e.object_repr) for e in logged] == [("admin", "成果（CSV）"), ("admin", "成果（XLSX）")]
    assert "全部" in logged[0].comment
    assert f"所选 1 项（编号 {chosen.pk}）" in logged[1].comment
    assert Achievement.objects.count() == 2
    page = admin_client.get(reverse("admin:publishing_auditentry_changelist"), {"action__exact": "exported"})
    assert len(page.context["cl"].result_list) == 2


def test_a_workflow_step_refused_for_want_of_a_right_is_logged(client, editor, second_editor):
    from publishing.models import PublishStatus
    from tests.publishing.test_roles import transition_url

    article = ArticleFactory(status=PublishStatus.IN_REVIEW, published_at=None, submitted_by=second_editor)
    client.force_login(editor)

    client.post(transition_url(article, "publish"))

    refusal = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED)
    assert (refusal.user_repr, refusal.object_repr) == ("editor", str(article))
    assert refusal.comment.startswith("审核通过并发布：")
    assert "没有审核发布" in refusal.comment
