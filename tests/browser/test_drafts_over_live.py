"""Issue 12's "done when": an editor and a reviewer take a change to the published 2025 review from draft to live,
while the public page shows the old text until the approval."""

import pytest
from playwright.sync_api import expect

from news.models import Article

pytestmark = pytest.mark.browser


def log_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw")
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def test_a_change_to_the_published_review_goes_live_only_when_another_person_approves_it(
    browser,
    live_server,
    demo,
    page,
    editor,
    reviewer,
    screenshots,
):
    review = Article.objects.get(kind=Article.Kind.REVIEW, year=2025)
    old_title, new_title = review.title, f"{review.title}（修订稿）"
    public_url = review.get_absolute_url()

    author = log_in(browser, live_server, "editor")
    author.goto(f"/admin/news/article/{review.pk}/change/")
    expect(author.locator(".workflow-draft")).to_contain_text("保存的修改会成为草稿")
    author.locator("#id_title").fill(new_title)
    author.get_by_role("button", name="保存", exact=True).first.click()
    expect(author.locator(".messagelist")).to_contain_text("已保存为草稿")

    page.goto(public_url)  # a reader, meanwhile
    expect(page.locator("h1")).to_have_text(old_title)

    author.goto(f"/admin/news/article/{review.pk}/change/")
    author.get_by_role("link", name="提交草稿审核").click()
    author.get_by_role("button", name="确认提交草稿审核").click()
    expect(author.locator(".messagelist")).to_be_visible()
    # The author may not approve their own change.
    author.goto(f"/admin/news/article/{review.pk}/change/")
    expect(author.get_by_role("link", name="审核通过草稿并替换公开版本")).to_have_count(0)

    checker = log_in(browser, live_server, "reviewer")
    queue = checker.locator("#queue-review")
    expect(queue).to_contain_text("已发布内容的修改草稿")
    queue.get_by_role("link", name=old_title).click()
    checker.get_by_role("link", name="对比草稿与公开版本").click()
    expect(checker.locator("#content-main")).to_contain_text(new_title)
    checker.screenshot(path=screenshots / "admin-draft-compare.png", full_page=True)
    checker.go_back()
    page.reload()
    expect(page.locator("h1")).to_have_text(old_title)

    checker.get_by_role("link", name="审核通过草稿并替换公开版本").click()
    checker.get_by_role("button", name="确认审核通过草稿并替换公开版本").click()
    expect(checker.locator(".messagelist")).to_be_visible()

    page.reload()
    expect(page.locator("h1")).to_have_text(new_title)
