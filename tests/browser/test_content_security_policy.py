"""Issue 13, item 3: with the Content-Security-Policy the portal sends (no 'unsafe-inline'), nothing on the public
pages, the admin or the API documentation is refused by the browser, and everything still works."""

import pytest
from playwright.sync_api import expect

from news.models import Article
from tests.browser.test_admin_forms import change_url, log_in

pytestmark = pytest.mark.browser

# Every refusal the browser makes under the policy, kept on the page for the test to read.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def violations(page):
    return page.evaluate("window.cspViolations")


def test_no_public_page_has_anything_refused_by_the_policy(page, page_types):
    page.add_init_script(RECORD_VIOLATIONS)
    for name, url in page_types.items():
        response = page.goto(url)
        policy = response.header_value("content-security-policy")
        assert policy and "unsafe-inline" not in policy, name
        page.wait_for_load_state("load")
        assert violations(page) == [], name


def test_a_page_served_from_the_page_cache_still_works_under_the_policy(page, settings, page_types):
    settings.PAGE_CACHE_SECONDS = 600
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(page_types["news"])
    page.goto(page_types["news"])  # this one from the cache, with a policy of its own

    page.locator("[data-large-text-toggle]").first.click()  # the site's own script still runs
    expect(page.locator("html")).to_have_class("large-text")
    assert violations(page) == []


def test_the_admin_with_its_rich_text_editor_and_the_api_documentation_have_nothing_refused(page):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/admin/login/")
    assert violations(page) == []
    article = Article.objects.filter(kind=Article.Kind.REVIEW).first()
    log_in(page, change_url(article))

    body = page.locator("#id_body").locator("xpath=..").locator(".ProseMirror[contenteditable=true]")
    expect(body).to_be_visible()  # the editor started
    body.focus()
    page.keyboard.press("End")
    page.keyboard.type("试一试")
    expect(body).to_contain_text("试一试")
    # Its wrapping comes from static/css/admin.css now, not from the style it would have injected.
    assert body.evaluate("element => getComputedStyle(element).whiteSpace") in {"pre-wrap", "break-spaces"}
    assert violations(page) == []

    pages = [
        "/admin/",
        "/admin/news/article/",
        f"/admin/news/article/{article.pk}/history/",
        f"/admin/news/article/{article.pk}/release/",
        "/admin/news/article/import/",
        "/admin/images/image/",
        "/admin/images/image/richtext-picker/",
        "/admin/achievements/achievement/add/",
    ]
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("load")
        assert violations(page) == [], url

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("科创门户 API")
    assert violations(page) == []
