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
