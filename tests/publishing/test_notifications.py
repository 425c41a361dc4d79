"""E-mail about the review work: reviewers hear of a submission, authors of an approval or a send-back, after the
action commits; a mail server that is down never stops the action."""

import datetime
import logging
import socket

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.utils import timezone, translation

from news.models import Article
from news.release import review_release
from publishing import services
from tests.api_helpers import staff_user
from tests.factories import AchievementFactory, ArticleFactory
from tests.publishing.test_roles import article_form, change_url, transition_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://portal.example.cn/"


@pytest.fixture
def people(editor, reviewer, second_reviewer):
    for user, address in [
        (editor, "editor@example.cn"),
        (reviewer, "li@example.cn"),
        (second_reviewer, "wang@example.cn"),
    ]:
        user.email = address
        user.save()
    return editor, reviewer, second_reviewer


def test_a_submission_mails_the_reviewers_who_did_not_change_it_through_smtp(
    client, people, smtp_server, django_capture_on_commit_callbacks
):
    editor, reviewer, second_reviewer = people
    article = ArticleFactory(draft=True, title="算力中心建成")
    client.force_login(reviewer)
    client.post(change_url(article), article_form(article, lead="审核员改的导语"))  # the reviewer is a changer

    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(editor)
        assert client.post(transition_url(article, "submit")).status_code == 302
        assert smtp_server == []  # nothing before the commit

    [message] = smtp_server
    assert message.rcpt_tos == ["wang@example.cn"]
    assert message["Subject"].strip() == "【待审核】文章“算力中心建成”"
    body = message.get_content()
    assert "editor 提交了文章“算力中心建成”，等待审核。" in body
    assert f"https://portal.example.cn/admin/news/article/{article.pk}/change/" in body


def test_an_approval_mails_the_authors_with_the_time_it_goes_public(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, second_reviewer = people
    article = ArticleFactory(draft=True, title="算力中心建成", published_at=None)
    services.content_submit(obj=article, user=editor)
    later = datetime.datetime(timezone.localdate().year + 1, 12, 3, 9, tzinfo=timezone.get_current_timezone())

    with django_capture_on_commit_callbacks(execute=True):
        services.content_publish(obj=article, user=reviewer, at=later)

    [message] = mailoutbox
    assert message.to == ["editor@example.cn"]
    assert message.subject == "【已审核通过】文章“算力中心建成”"
    assert "reviewer 审核通过了文章“算力中心建成”。" in message.body
    assert f"已排期，将于 {later.year}年12月3日 09:00 公开。" in message.body


def test_a_send_back_mails_the_authors_the_comment(people, mailoutbox, django_capture_on_commit_callbacks):
    editor, reviewer, second_reviewer = people
    article = ArticleFactory(draft=True, title="算力中心建成")
    services.content_submit(obj=article, user=editor)

    with django_capture_on_commit_callbacks(execute=True):
        services.content_send_back(obj=article, user=reviewer, comment="请核对投资额")

    [message] = mailoutbox
    assert (message.to, message.subject) == (["editor@example.cn"], "【退回修改】文章“算力中心建成”")
    assert "退回意见：请核对投资额" in message.body


def test_the_yearly_review_release_mails_the_authors_of_each_item_it_approves(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    editor, reviewer, second_reviewer = people
    review = ArticleFactory(kind=Article.Kind.REVIEW, year=2025, draft=True, title="年度回顾")
    achievement = AchievementFactory(article=review, draft=True, title="智算中心点亮")
    for item in (review, achievement):
        services.content_submit(obj=item, user=editor)

    with django_capture_on_commit_callbacks(execute=True):
        review_release(article=review, at=timezone.now(), user=reviewer)

    assert sorted(message.subject for message in mailoutbox) == [
        "【已审核通过】成果“智算中心点亮”",
        "【已审核通过】文章“年度回顾”",
    ]
    assert {address for message in mailoutbox for address in message.to} == {"editor@example.cn"}


def test_no_mail_for_an_action_that_rolls_back(people, mailoutbox, django_capture_on_commit_callbacks):
    editor, *_ = people
    article = ArticleFactory(draft=True)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.content_submit(obj=article, user=editor)
        transaction.set_rollback(True)

    assert mailoutbox == []


def test_mail_is_in_chinese_whatever_the_senders_interface(people, mailoutbox, django_capture_on_commit_callbacks):
    editor, *_ = people
    article = ArticleFactory(draft=True, title="算力中心建成")

    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        services.content_submit(obj=article, user=editor)

    assert {message.subject for message in mailoutbox} == {"【待审核】文章“算力中心建成”"}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


# Committing for real (the admin's action commits before the mail goes out); the role groups a flush would remove
# are not used here.
@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_does_not_stop_the_submission(client, settings, django_user_model, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    editor = staff_user(django_user_model, "change_article", "view_article", "submit_content", username="editor")
    colleague = staff_user(django_user_model, "review_content", username="colleague")
    colleague.email = "wang@example.cn"
    colleague.save()
    article = ArticleFactory(draft=True, title="算力中心建成")
    client.force_login(editor)

    with caplog.at_level(logging.ERROR, logger="publishing.notifications"):
        response = client.post(transition_url(article, "submit"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "in_review"
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert "“算力中心建成”已提交审核。" in texts
    assert any("通知邮件未能发出" in text for text in texts)
    assert "could not be sent to ['wang@example.cn']" in caplog.text


def test_a_bulk_submission_sends_each_reviewer_one_mail(client, people, mailoutbox, django_capture_on_commit_callbacks):
    from tests.publishing.test_roles import changelist_url

    editor, reviewer, second_reviewer = people
    articles = [ArticleFactory(draft=True, title=f"批量稿件{number}") for number in range(3)]
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist_url(Article), {"action": "submit_selected", "_selected_action": [a.pk for a in articles]}
        )

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mailoutbox) == ["li@example.cn", "wang@example.cn"]
    for message in mailoutbox:
        assert message.subject == "【科创门户】3 条审核通知"
        assert all(f"批量稿件{number}" in message.body for number in range(3))
