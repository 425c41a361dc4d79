"""A draft of a published item approved for a later time: the live version stays until that minute, then the draft
replaces it by itself (the first request after it), on cached pages too (issue 12, item 1)."""

import datetime
import io
import unittest.mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import Article
from publishing import drafts, services
from publishing.models import AuditEntry, Draft
from tests.factories import ArticleFactory
from tests.publishing.test_roles import change_url, transition_url

# Committed as the site commits: with Redis, the page cache learns of a change once it commits.
pytestmark = pytest.mark.django_db(transaction=True)

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def at(moment):
    return unittest.mock.patch("django.utils.timezone.now", return_value=moment)


def draft_in_review(article, editor, title):
    live = Article.objects.get(pk=article.pk)
    data = drafts.snapshot(live, [])
    data["object"]["fields"]["title"] = title
    services.draft_save(obj=live, user=editor, data=data)
    services.draft_submit(obj=live, user=editor)
    return live


def test_an_approval_for_later_keeps_the_live_version_until_that_minute(client, page_cache, editor, reviewer):
    article = ArticleFactory(title="现在的标题")
    url = article.get_absolute_url()
    live = draft_in_review(article, editor, "九点的标题")
    now = timezone.now()

    services.draft_approve(obj=live, user=reviewer, at=now + HOUR)

    draft = Draft.objects.get()
    assert (draft.status, draft.apply_at, draft.approved_by) == (Draft.Status.SCHEDULED, now + HOUR, reviewer)
    page = client.get(url)
    assert "现在的标题" in page.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    with at(now + HOUR - datetime.timedelta(seconds=30)):
        early = client.get(url)
        assert "现在的标题" in early.content.decode() and early["X-Page-Cache"] == "hit"
    with at(now + HOUR + datetime.timedelta(seconds=1)):
        due = client.get(url)
        assert "九点的标题" in due.content.decode()
        assert "九点的标题" in client.get("/news/").content.decode()
    assert Article.objects.get(pk=article.pk).title == "九点的标题"
    assert not Draft.objects.exists()
    published = AuditEntry.objects.filter(action=AuditEntry.Action.PUBLISHED).latest("pk")
    assert published.user == reviewer and "定时替换" in published.comment


def test_the_command_applies_what_is_due_once(editor, reviewer):
    article = ArticleFactory(title="现在的标题")
    services.draft_approve(obj=draft_in_review(article, editor, "到时的标题"), user=reviewer, at=timezone.now() + HOUR)
    out = io.StringIO()

    call_command("apply_scheduled_drafts", stdout=out)
    assert "没有到时" in out.getvalue()
    with at(timezone.now() + 2 * HOUR):
        call_command("apply_scheduled_drafts", stdout=out)
        assert services.apply_due_drafts() == 0

    assert "已替换 1 项" in out.getvalue()
    assert Article.objects.get(pk=article.pk).title == "到时的标题"


def test_a_change_to_a_draft_approved_for_later_takes_it_back_to_review(editor, reviewer):
    article = ArticleFactory(title="现在的标题")
    live = draft_in_review(article, editor, "批准的标题")
    services.draft_approve(obj=live, user=reviewer, at=timezone.now() + HOUR)

    data = Draft.objects.get().data
    data["object"]["fields"]["title"] = "批准后又改的标题"
    services.draft_save(obj=live, user=reviewer, data=data)

    draft = Draft.objects.get()
    assert (draft.status, draft.apply_at, draft.approved_by) == (Draft.Status.IN_REVIEW, None, None)
    with at(timezone.now() + 2 * HOUR):
        assert services.apply_due_drafts() == 0
    assert Article.objects.get(pk=article.pk).title == "现在的标题"


def test_the_reviewer_chooses_the_time_on_the_approval_page(client, editor, reviewer):
    article = ArticleFactory(title="现在的标题")
    draft_in_review(article, editor, "定时的标题")
    client.force_login(reviewer)
    url = transition_url(article, "publish")
    assert 'type="datetime-local" name="transition_at"' in client.get(url).content.decode()

    wrong = client.post(url, {"transition_at": "明天九点"})
    assert "看不懂" in wrong.content.decode()
    assert Draft.objects.get().status == Draft.Status.IN_REVIEW

    later = timezone.localtime() + 3 * HOUR
    response = client.post(url, {"transition_at": later.strftime("%Y-%m-%dT%H:%M")}, follow=True)

    assert "替换公开版本" in response.content.decode()
    draft = Draft.objects.get()
    assert draft.status == Draft.Status.SCHEDULED
    assert draft.apply_at == later.replace(second=0, microsecond=0)
    assert "已审核，定时替换" in client.get(change_url(article)).content.decode()
    assert Article.objects.get(pk=article.pk).title == "现在的标题"


def test_a_draft_that_cannot_be_applied_goes_back_to_review_and_holds_back_no_other(editor, reviewer, monkeypatch):
    first, second = ArticleFactory(title="第一篇"), ArticleFactory(title="第二篇")
    soon = timezone.now() + HOUR
    services.draft_approve(obj=draft_in_review(first, editor, "第一篇改"), user=reviewer, at=soon)
    services.draft_approve(
        obj=draft_in_review(second, editor, "第二篇改"), user=reviewer, at=soon + datetime.timedelta(minutes=1)
    )
    apply = drafts.apply_snapshot

    def failing_for_the_first(obj, data, **kwargs):
        if obj.pk == first.pk:
            raise RuntimeError("网址名已被占用")
        return apply(obj, data, **kwargs)

    monkeypatch.setattr(drafts, "apply_snapshot", failing_for_the_first)
    with at(soon + 2 * HOUR):
        assert services.apply_due_drafts() == 1

    assert Article.objects.get(pk=second.pk).title == "第二篇改"
    assert Article.objects.get(pk=first.pk).title == "第一篇"
    stuck = Draft.objects.get()
    assert stuck.status == Draft.Status.IN_REVIEW and stuck.apply_at is None
    assert "定时替换未能完成" in stuck.review_comment and "网址名已被占用" in stuck.review_comment
