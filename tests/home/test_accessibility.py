"""What older readers and screen-reader users rely on, on every page type."""

import re

import pytest
from django.urls import reverse

from news.models import Article
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

TOGGLE = reverse("home:accessibility")


@pytest.fixture
def pages():
    review = ArticleFactory(kind=Article.Kind.REVIEW, year=2025)
    ArticleSectionFactory(article=review)
    KeyFigureFactory()
    return [
        "/",
        reverse("news:index"),
        review.get_absolute_url(),
        reverse("projects:index"),
        ProjectFactory().get_absolute_url(),
        reverse("enterprises:index"),
        EnterpriseFactory().get_absolute_url(),
        reverse("achievements:index"),
        AchievementFactory().get_absolute_url(),
        RegionFactory().get_absolute_url(),
        "/no-such-page/",
    ]


def test_every_page_has_lang_a_skip_link_landmarks_and_one_h1(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        assert '<html lang="zh-hans"' in html, url
        assert '<a class="skip-link" href="#main">跳到主要内容</a>' in html, url
        assert '<main id="main"' in html, url
        assert '<header class="site-header">' in html and '<footer class="site-footer">' in html, url
        assert 'aria-label="主导航"' in html, url
        assert html.count("<h1") == 1, url


def test_headings_never_skip_a_level(client, pages):
    for url in pages:
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", client.get(url).content.decode())]
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert jumps == [], url


def test_large_text_toggle_is_a_pressable_button_in_the_header(client):
    html = client.get("/").content.decode()

    assert re.search(
        r'<button class="display-toggle__button" type="submit" name="large" value="1" aria-pressed="false"', html
    )
    assert '<html lang="zh-hans">' in html


def test_large_text_mode_without_javascript_sets_a_cookie_and_stays_on_across_pages(client, pages):
    response = client.get(TOGGLE, {"large": "1", "next": "/news/"})

    assert response.status_code == 302 and response["Location"] == "/news/"
    assert client.cookies["large_text"].value == "1"
    for url in pages:
        html = client.get(url).content.decode()
        assert '<html lang="zh-hans" class="large-text">' in html, url
        assert 'value="0" aria-pressed="true"' in html, url

    client.post(TOGGLE, {"large": "0", "next": "/"})
    assert 'class="large-text"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""]
)
def test_toggle_never_redirects_off_site(client, next_url):
    response = client.get(TOGGLE, {"large": "1", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("params", [{"large": "yes", "next": "/"}, {}])
def test_toggle_with_a_bad_value_or_none_says_what_is_wrong_on_a_page_offering_the_choices(client, params):
    response = client.get(TOGGLE, params)

    html = response.content.decode()
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<p class="notice" role="alert">参数有误：large 只能是 1（打开适老化模式）或 0（关闭）。</p>' in html
    assert f'<a class="button" href="{TOGGLE}?large=1">打开适老化模式</a>' in html
    assert 'class="site-header"' in html and '<meta name="robots" content="noindex">' in html
    assert client.get(f"{TOGGLE}?large=1").status_code == 302  # the page's own choice works


def test_a_language_switch_without_a_language_offers_the_languages(client):
    response = client.get(reverse("home:language"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "参数有误：language 只能是 zh-hans（简体中文）或 en（English）。" in html
    assert f'href="{reverse("home:language")}?language=en" lang="en">English</a>' in html


def test_read_aloud_controls_are_on_article_pages_only_and_hidden_until_the_browser_can_speak(client, pages):
    article = ArticleFactory(title="科技创新实现新突破", lead="一年回顾。")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<div class="read-aloud" data-read-aloud="#article" role="group" aria-label="朗读本文" hidden>' in html
    assert "<h1 data-read>科技创新实现新突破</h1>" in html and '<p class="lead" data-read>一年回顾。</p>' in html
    for label in ["朗读全文", "暂停", "停止"]:
        assert f">{label}</button>" in html
    for url in pages:
        if url != pages[2]:
            assert "data-read-aloud" not in client.get(url).content.decode(), url


def test_every_page_loads_the_small_site_script_and_no_outside_script(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        assert re.findall(r'<script[^>]*src="([^"]+)"', html) == ["/static/js/site.js"], url
