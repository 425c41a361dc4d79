"""A reviewer finds what waits for them on the admin home, approves it, and the author is told by e-mail."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import expect

from news.models import Article
from publishing import services
from publishing.models import PublishStatus
from tests.api_helpers import staff_user

pytestmark = pytest.mark.browser


def test_a_reviewer_finds_a_submission_on_the_admin_home_and_approves_it(page, screenshots, django_user_model):
    editor = staff_user(django_user_model, "change_article", "view_article", "submit_content", username="xiaoli")
    editor.email = "xiaoli@example.cn"
    editor.save()
    article = Article.objects.create(kind="news", title="智算中心二期开工", lead="导语", body="<p>正文</p>")
    services.content_submit(obj=article, user=editor)
    User.objects.create_superuser("lead", "lead@example.cn", "a long test password")

    page.goto("/admin/")
    page.get_by_label("用户名").fill("lead")
    page.get_by_label("密码").fill("a long test password")
    page.get_by_role("button", name="登录").click()

    queue = page.locator("#queue-review")
    expect(queue.get_by_role("link", name="智算中心二期开工")).to_be_visible()
    expect(page.locator(".review-counts")).to_contain_text("待我审核")
    page.screenshot(path=screenshots / "admin-review-queue.png", full_page=True)

    queue.get_by_role("link", name="智算中心二期开工").click()
    page.get_by_role("link", name="审核通过并发布").click()
    mail.outbox.clear()
    page.get_by_role("button", name="确认审核通过并发布").click()

    expect(page.locator(".messagelist")).to_contain_text("“智算中心二期开工”已审核通过并发布。")
    article.refresh_from_db()
    assert article.status == PublishStatus.PUBLISHED
    assert [message.to for message in mail.outbox] == [["xiaoli@example.cn"]]
