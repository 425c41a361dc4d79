"""The admin home shows each member of staff their work; the header counts it; a scheduled item says when."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from publishing import audit, drafts, queue, services
from publishing.models import AuditEntry, PublishStatus
from tests.factories import AchievementFactory, ArticleFactory, ProjectFactory
from tests.publishing.test_roles import change_url, changelist_url, transition_url

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def section(html: str, anchor: str) -> str:
    """The text of one section of the queue on the admin home (empty when it is not shown)."""
    start = html.find(f'id="{anchor}"')
    return html[start : html.find("</table>", start)] if start >= 0 else ""


def next_year_at(month, day, hour):
    return datetime.datetime(timezone.localdate().year + 1, month, day, hour, tzinfo=timezone.get_current_timezone())


def test_a_reviewer_sees_what_waits_for_their_review_but_not_what_they_changed(client, editor, reviewer):
    waiting = ArticleFactory(draft=True, title="编辑交来的稿子")
    services.content_submit(obj=waiting, user=editor)
    own = ArticleFactory(draft=True, title="审核员自己改过的稿子")
    audit.audit_record(user=reviewer, action=AuditEntry.Action.EDITED, obj=own)
    services.content_submit(obj=own, user=editor)
    achievement = AchievementFactory(draft=True, title="智算中心点亮")
    services.content_submit(obj=achievement, user=editor)

    client.force_login(reviewer)
    html = client.get(INDEX).content.decode()

    review = section(html, "queue-review")
    assert "待我审核（2）" in review
    assert f'href="{change_url(waiting)}"' in review and f'href="{change_url(achievement)}"' in review
    assert "审核员自己改过的稿子" not in review
    assert "待我审核 <strong>2</strong>" in html  # the header's count


def test_an_editor_sees_their_drafts_and_what_was_sent_back_with_the_comment(client, editor, second_editor, reviewer):
    sent_back = ArticleFactory(draft=True, title="被退回的稿子")
    services.content_submit(obj=sent_back, user=editor)
    services.content_send_back(obj=sent_back, user=reviewer, comment="请补充数据来源")
    mine = ProjectFactory(status=PublishStatus.DRAFT, published_at=None, name="我的项目草稿")
    audit.audit_record(user=editor, action=AuditEntry.Action.CREATED, obj=mine)
    ArticleFactory(draft=True, title="同事的草稿")
    audit.audit_record(user=second_editor, action=AuditEntry.Action.CREATED, obj=Article.objects.last())

    client.force_login(editor)
    html = client.get(INDEX).content.decode()

    returned = section(html, "queue-sent-back")
    assert "被退回的稿子" in returned and "请补充数据来源" in returned
    drafts = section(html, "queue-drafts")
    assert "我的项目草稿" in drafts and "同事的草稿" not in drafts and "被退回的稿子" not in drafts
    assert section(html, "queue-review") == "" and "待我审核" not in html  # editors review nothing
    assert "退回给我 <strong>1</strong>" in html


def test_everyone_sees_what_is_scheduled_and_what_expires_within_seven_days(client, editor):
    ArticleFactory(title="年度回顾", published_at=next_year_at(12, 3, 9))
    now = timezone.now()
    ArticleFactory(
        title="即将下线的通知",
        published_at=now - datetime.timedelta(days=1),
        expires_at=now + datetime.timedelta(days=2),
    )
    ArticleFactory(
        title="下月下线的通知",
        published_at=now - datetime.timedelta(days=1),
        expires_at=now + datetime.timedelta(days=20),
    )

    client.force_login(editor)
    html = client.get(INDEX).content.decode()

    assert "年度回顾" in section(html, "queue-scheduled")
    assert f"{timezone.localdate().year + 1}年12月3日 09:00" in section(html, "queue-scheduled")
    expiring = section(html, "queue-expiring")
    assert "即将下线的通知" in expiring and "下月下线的通知" not in expiring


def test_the_home_page_runs_as_many_queries_for_many_items_as_for_one(client, editor, reviewer):
    def home_queries():
        client.force_login(reviewer)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    def add_work(count):
        for number in range(count):
            item = ArticleFactory(draft=True, title=f"待审稿件{number}")
            services.content_submit(obj=item, user=editor)
            AchievementFactory(title=f"排期成果{number}", published_at=timezone.now() + datetime.timedelta(days=2))

    add_work(1)
    home_queries()  # content types and site settings are cached from then on
    few = home_queries()
    add_work(10)
    many = home_queries()

    assert many == few
    assert few <= 40


def test_a_scheduled_item_says_when_in_the_list_on_its_page_and_after_approval(client, editor, reviewer):
    article = ArticleFactory(draft=True, title="年度回顾", published_at=next_year_at(12, 3, 9))
    services.content_submit(obj=article, user=editor)
    client.force_login(reviewer)
    year = f"{timezone.localdate().year + 1}年"

    response = client.post(transition_url(article, "publish"), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert f"“年度回顾”已排期（{year}12月3日 09:00 发布）。" in messages

    listing = client.get(changelist_url(Article)).content.decode()
    assert f"已排期（{year}12月3日 09:00 发布）" in listing
    page = client.get(change_url(article)).content.decode()
    assert f"已排期（{year}12月3日 09:00 发布）" in page and "已发布" not in page


def test_a_schedule_is_written_with_the_interface_languages_date_format(client, editor):
    """Django's locale formats: 2027年12月3日 09:00 in Chinese (the year even when it is this year's), Dec. 3, 2027,
    9 a.m. in English, in the list, on the item's page and on the admin home."""
    year = timezone.localdate().year + 1
    article = ArticleFactory(title="年度回顾", published_at=next_year_at(12, 3, 9))
    soon = timezone.localtime() + datetime.timedelta(minutes=5)
    ArticleFactory(title="今年的通知", published_at=soon)
    client.force_login(editor)

    listing = client.get(changelist_url(Article)).content.decode()
    assert f"已排期（{year}年12月3日 09:00 发布）" in listing
    assert f"已排期（{soon.year}年{soon.month}月{soon.day}日 {soon:%H:%M} 发布）" in listing

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get(changelist_url(Article)).content.decode()
    page = client.get(change_url(article)).content.decode()
    home = section(client.get(INDEX).content.decode(), "queue-scheduled")
    assert f"Scheduled (goes live Dec. 3, {year}, 9 a.m.)" in listing and "年12月3日" not in listing
    assert f"Scheduled (goes live Dec. 3, {year}, 9 a.m.)" in page
    assert f"Dec. 3, {year}, 9 a.m." in home and "年12月3日" not in home


def test_drafts_over_live_content_are_in_the_queue_like_any_draft(client, editor, reviewer, second_reviewer):
    live = ArticleFactory(title="已发布的回顾")
    data = drafts.snapshot(live, [])
    services.draft_save(obj=live, user=editor, data=data)
    services.draft_submit(obj=live, user=editor)
    returned = ArticleFactory(title="退回的修改")
    services.draft_save(obj=returned, user=editor, data=drafts.snapshot(returned, []))
    services.draft_submit(obj=returned, user=editor)
    services.draft_send_back(obj=returned, user=second_reviewer, comment="数字请核对原文")
    kept = ArticleFactory(title="还在改的修改")
    services.draft_save(obj=kept, user=editor, data=drafts.snapshot(kept, []))

    client.force_login(reviewer)
    review = section(client.get(INDEX).content.decode(), "queue-review")
    assert "已发布的回顾" in review and "已发布内容的修改草稿" in review
    assert "退回的修改" not in review and "还在改的修改" not in review

    client.force_login(editor)
    html = client.get(INDEX).content.decode()
    assert "数字请核对原文" in section(html, "queue-sent-back")
    assert "还在改的修改" in section(html, "queue-drafts")
    assert section(html, "queue-review") == ""


def test_the_queue_is_worked_out_once_for_the_header_and_the_home_page_and_never_for_a_public_page(
    client, editor, monkeypatch
):
    calls = []
    work_out = queue.review_queue
    monkeypatch.setattr(queue, "review_queue", lambda user: calls.append(user) or work_out(user))
    ArticleFactory(title="年度回顾", published_at=next_year_at(12, 3, 9))

    client.force_login(editor)
    html = client.get(INDEX).content.decode()
    assert "已排期 <strong>1</strong>" in html and "年度回顾" in section(html, "queue-scheduled")
    assert calls == [editor]

    assert client.get("/").status_code == 200
    assert calls == [editor]
