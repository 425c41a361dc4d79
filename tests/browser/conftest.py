"""Headless Debian Chromium driven by Playwright against pytest-django's live server, with the demo content.

Chromium missing: the tests skip, except where PORTAL_REQUIRE_BROWSER=1 (CI), where they fail.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article
from projects.models import Project
from regions.models import Region
from tests.publishing.conftest import editor, reviewer  # noqa: F401  (staff in the role groups)
from topics.models import Topic

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright's own browser download is not used
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Assertions wait for the page (no sleeps); the default 5 s is short on a busy 2-core CI machine.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium fonts-noto-cjk)"
        if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API keeps an asyncio loop marked as running in this thread until it stops, and Django
    # refuses ORM calls (the test's own database set-up and flush) under a running loop. Started and stopped per
    # module, so the allowance never reaches the other tests an xdist worker runs.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def demo(live_server):
    """The demo content, loaded for each test: the live server's tests flush the database after every test."""
    call_command("load_demo", stdout=io.StringIO())


def _page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server, demo):
    yield from _page(browser, live_server, viewport=DESKTOP)


@pytest.fixture
def phone(browser, live_server, demo):
    yield from _page(browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def screenshots(request):
    """Folder for the screenshots kept as test artefacts (gitignored)."""
    folder = request.config.rootpath / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page_types(demo):
    """One URL of every kind of page a visitor meets, from the demo content."""
    articles = Article.objects.published()
    return {
        "home": "/",
        "news-list": "/news/",
        "review": articles.filter(kind=Article.Kind.REVIEW).first().get_absolute_url(),
        "news": articles.filter(kind=Article.Kind.NEWS).first().get_absolute_url(),
        "project-list": "/projects/",
        "project": Project.objects.published().first().get_absolute_url(),
        "enterprise-list": "/enterprises/",
        "enterprise": Enterprise.objects.published().first().get_absolute_url(),
        "institution-list": "/enterprises/institutions/",
        "institution": Institution.objects.published().first().get_absolute_url(),
        "data": "/achievements/",
        "achievement": Achievement.objects.published().first().get_absolute_url(),
        "region-list": "/regions/",
        "region": Region.objects.get(slug="xianning").get_absolute_url(),
        "topic": Topic.objects.first().get_absolute_url(),
        "search": "/search/?q=算力",
        "not-found": "/no-such-page/",
    }
