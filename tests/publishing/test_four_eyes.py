"""Four eyes on every change: whoever changed an item since it was last approved cannot approve it, wherever the
change was made (admin form, inline, the API, an import; a part's own page is read-only) and wherever it is
approved (the transition, bulk actions, the yearly-review release)."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from achievements.models import Achievement
from news.models import Article
from news.release import review_release
from publishing import audit, services
from publishing.models import AuditEntry, PublishStatus
from tests.api_helpers import if_match, token_client
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory, RegionFactory
from tests.publishing.test_revisions import form_data
from tests.publishing.test_roles import article_form, change_url, changelist_url, transition_url
from tests.transfer.test_import_export import ACHIEVEMENTS_CSV, run_import

pytestmark = pytest.mark.django_db


def messages_of(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def reviewer_writes_a_draft(client, reviewer, title="审核员写的稿子"):
    client.force_login(reviewer)
    article = Article(kind="news", title=title, lead="导语", body="<p>正文</p>")
    response = client.post(reverse("admin:news_article_add"), article_form(article, version_token=""))
    assert response.status_code == 302
    return Article.objects.get(title=title)


def test_a_reviewer_who_wrote_the_draft_an_editor_submitted_cannot_approve_it(
    client, editor, reviewer, second_reviewer
):
    article = reviewer_writes_a_draft(client, reviewer)
    services.content_submit(obj=article, user=editor)

    client.force_login(reviewer)
    page = client.get(change_url(article)).content.decode()
    assert transition_url(article, "publish") not in page  # not even offered
    refused = client.post(transition_url(article, "publish"))

    assert refused.status_code == 200
    assert "经您修改过，须由另一位审核人员审核（双人把关）" in refused.content.decode()
    article.refresh_from_db()
    assert article.status == PublishStatus.IN_REVIEW
    assert services.content_changers(article) == {reviewer.pk, editor.pk}

    services.content_publish(obj=article, user=second_reviewer)
    assert Article.objects.get(pk=article.pk).is_live()


def test_a_reviewer_who_edits_an_item_in_review_cannot_then_approve_it(client, editor, reviewer, second_reviewer):
    article = ArticleFactory(draft=True, title="编辑的稿子")
    services.content_submit(obj=article, user=editor)
    client.force_login(reviewer)
    client.post(change_url(article), article_form(article, lead="审核员顺手改的导语"))

    with pytest.raises(PermissionDenied, match="经您修改过"):
        services.content_publish(obj=article, user=reviewer)

    # The second reviewer sees the change in the log and approves it.
    assert AuditEntry.objects.filter(action="edited", user=reviewer, object_id=str(article.pk)).exists()
    services.content_publish(obj=article, user=second_reviewer)


def test_a_save_that_changes_nothing_is_no_change(client, editor, reviewer):
    article = ArticleFactory(draft=True, title="编辑的稿子")
    services.content_submit(obj=article, user=editor)
    client.force_login(reviewer)
    unchanged = form_data(client.get(change_url(article)))

    assert client.post(change_url(article), unchanged).status_code == 302
    assert reviewer.pk not in services.content_changers(article)
    services.content_publish(obj=article, user=reviewer)


def test_an_inline_edit_counts_as_a_change_of_its_parent(client, editor, reviewer):
    achievement = AchievementFactory(draft=True, title="智算中心点亮")
    KeyFigureFactory(achievement=achievement, text="205家")
    services.content_submit(obj=achievement, user=editor)
    client.force_login(reviewer)
    url = change_url(achievement)
    data = form_data(client.get(url))
    data["figures-0-text"] = "206家"

    assert client.post(url, data).status_code == 302
    assert reviewer.pk in services.content_changers(achievement)


def test_an_api_edit_counts_as_a_change(editor, reviewer):
    article = ArticleFactory(draft=True, title="编辑的稿子")
    services.content_submit(obj=article, user=editor)

    api, url = token_client(reviewer), reverse("api:article-detail", args=[article.slug])
    response = api.patch(url, {"lead": "接口改的导语"}, format="json", **if_match(api, url))

    assert response.status_code == 200, response.json()
    article.refresh_from_db()
    with pytest.raises(PermissionDenied, match="经您修改过"):
        services.content_publish(obj=article, user=reviewer)


def test_an_import_by_a_reviewer_counts_as_their_change(editor, reviewer, second_reviewer):
    RegionFactory(name="临川市")
    RegionFactory(name="南岭县")
    assert run_import(ACHIEVEMENTS_CSV, user=reviewer).ok
    park = Achievement.objects.get(title="离岸科创园集聚企业")
    services.content_submit(obj=park, user=editor)

    with pytest.raises(PermissionDenied, match="经您修改过"):
        services.content_publish(obj=park, user=reviewer)
    services.content_publish(obj=park, user=second_reviewer)


def test_an_approval_ends_the_round_the_next_round_has_its_own_changers(client, editor, reviewer, second_reviewer):
    article = reviewer_writes_a_draft(client, reviewer)
    services.content_submit(obj=article, user=editor)
    services.content_publish(obj=article, user=second_reviewer)
    services.content_unpublish(obj=article, user=second_reviewer, reason="更新数据")
    client.force_login(editor)
    article.refresh_from_db()
    client.post(change_url(article), article_form(article, lead="编辑更新的导语"))
    article.refresh_from_db()
    services.content_submit(obj=article, user=editor)

    # The reviewer's first draft was approved by a colleague; the new change is the editor's.
    assert services.content_changers(article) == {editor.pk}
    services.content_publish(obj=article, user=reviewer)


def test_bulk_approval_refuses_what_the_reviewer_changed(client, editor, reviewer):
    own = reviewer_writes_a_draft(client, reviewer, title="审核员写的")
    other = ArticleFactory(draft=True, title="编辑写的")
    for article in (own, other):
        services.content_submit(obj=article, user=editor)

    response = client.post(
        changelist_url(Article), {"action": "publish_selected", "_selected_action": [own.pk, other.pk]}, follow=True
    )

    text = messages_of(response) or " ".join(str(m) for m in response.context["messages"])
    assert "已审核通过并发布 1 项：“编辑写的”" in text
    assert "“审核员写的”自上次审核通过以来经您修改过" in text
    assert Article.objects.get(pk=own.pk).status == PublishStatus.IN_REVIEW


def test_the_yearly_review_release_refuses_an_achievement_the_reviewer_changed(client, editor, reviewer):
    review = ArticleFactory(kind=Article.Kind.REVIEW, year=2025, draft=True, title="年度回顾")
    achievement = AchievementFactory(article=review, draft=True, title="智算中心点亮")
    for item in (review, achievement):
        services.content_submit(obj=item, user=editor)
    client.force_login(reviewer)
    data = form_data(client.get(change_url(achievement)))
    data["summary"] = "审核员改的摘要"
    assert client.post(change_url(achievement), data).status_code == 302

    page = client.get(reverse("admin:news_article_release", args=[review.pk])).content.decode()
    assert "自上次审核通过以来经您修改过" in page
    with pytest.raises(PermissionDenied, match="智算中心点亮"):
        review_release(article=review, at=timezone.now(), user=reviewer)
    assert Achievement.objects.get(pk=achievement.pk).status == PublishStatus.IN_REVIEW


def test_the_release_does_not_bring_forward_a_scheduled_item_the_reviewer_changed(editor, reviewer, second_reviewer):
    later = timezone.now() + timezone.timedelta(days=3)
    review = ArticleFactory(kind=Article.Kind.REVIEW, year=2025, draft=True, title="年度回顾")
    services.content_submit(obj=review, user=editor)
    scheduled = AchievementFactory(article=review, status=PublishStatus.PUBLISHED, published_at=later)
    audit.audit_record(user=second_reviewer, action=AuditEntry.Action.PUBLISHED, obj=scheduled)
    audit.audit_record(user=reviewer, action=AuditEntry.Action.EDITED, obj=scheduled)  # after its approval

    with pytest.raises(PermissionDenied, match="经您修改过"):
        review_release(article=review, at=timezone.now(), user=reviewer)
    assert Achievement.objects.get(pk=scheduled.pk).published_at == later


def test_only_a_site_administrator_force_publishes_with_a_reason_the_log_keeps(reviewer, site_admin):
    article = ArticleFactory(draft=True, title="紧急通知")

    with pytest.raises(PermissionDenied, match="只有站点管理员"):
        services.content_force_publish(obj=article, user=reviewer, reason="急")
    with pytest.raises(ValidationError, match="理由"):
        services.content_force_publish(obj=article, user=site_admin, reason=" ")
    services.content_force_publish(obj=article, user=site_admin, reason="防汛紧急通知")

    entry = AuditEntry.objects.get(action="force_published")
    assert (entry.user, entry.comment) == (site_admin, "防汛紧急通知")
