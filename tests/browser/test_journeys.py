"""What a citizen does on the demo site, in a real browser: follow a figure to its source, search, download,
read in large text, use a phone, use the keyboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

UTF8_BOM = b"\xef\xbb\xbf"


def heading(page):
    return page.get_by_role("heading", level=1)


def test_citizen_follows_a_review_figure_to_its_source_project_and_enterprise_then_searches_and_downloads_csv(page):
    page.goto("/")
    page.get_by_role("link", name="阅读全文：科技创新实现新突破").click()
    expect(heading(page)).to_have_text("科技创新实现新突破")
    expect(page.get_by_role("navigation", name="本文章节")).to_be_visible()

    # A key figure beside the section that reports it leads to the achievement it comes from.
    page.get_by_role("complementary", name="新生态：本节关键数据").get_by_role("link", name="1000P").click()
    expect(heading(page)).to_have_text("咸宁智算中心开建")
    row = page.get_by_role("row", name=re.compile("咸宁智算中心算力"))
    expect(row).to_contain_text("1000P")
    expect(page.get_by_role("link", name="科技创新实现新突破 · 新生态", exact=True)).to_be_visible()

    # The figure's own 出处 lands on the sentence that states it in the review, outlined there.
    row.get_by_role("link", name="科技创新实现新突破 · 新生态中的原句").click()
    sentence = page.locator(":target")
    expect(sentence).to_have_class("figure-source")
    expect(sentence).to_contain_text("1000P")
    assert sentence.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert sentence.evaluate("e => e.closest('section').id") == "section-3"
    page.go_back()

    page.get_by_role("link", name="湖北高斯算电推理集群").click()
    expect(heading(page)).to_have_text("湖北高斯算电推理集群")

    page.get_by_role("main").get_by_role("link", name="北京高斯算电有限公司").first.click()
    expect(heading(page)).to_have_text("北京高斯算电有限公司")

    search_box = page.get_by_role("banner").get_by_role("searchbox", name="站内搜索")
    search_box.fill("中科华冶")
    search_box.press("Enter")
    expect(heading(page)).to_have_text("站内搜索")
    first_result = page.locator(".search-results > li").first
    expect(first_result.get_by_role("link")).to_have_text("湖北中科华冶新材料科技有限公司")
    expect(first_result.locator("mark").first).to_have_text("中科华冶")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="科创数据").click()
    expect(heading(page)).to_have_text("科创数据")
    expect(page).to_have_url(re.compile("/achievements/$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV 表格").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = open(download.path(), "rb").read()
    assert content.startswith(UTF8_BOM)
    assert "205家" in content.decode("utf-8-sig")


def test_large_text_mode_stays_on_across_pages_and_after_reload(page):
    page.goto("/")
    toggle = page.get_by_role("button", name="适老化模式")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    html = page.locator("html")
    normal_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")

    toggle.click()
    expect(html).to_have_class(re.compile(r"\blarge-text\b"))
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") > normal_size

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="新闻与回顾").click()
    expect(heading(page)).to_have_text("新闻与回顾")
    expect(html).to_have_class(re.compile(r"\blarge-text\b"))
    expect(page.get_by_role("button", name="适老化模式")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("link", name="科技创新实现新突破").first.click()
    page.reload()
    expect(heading(page)).to_have_text("科技创新实现新突破")
    expect(html).to_have_class(re.compile(r"\blarge-text\b"))

    page.get_by_role("button", name="适老化模式").click()
    expect(html).not_to_have_class(re.compile(r"\blarge-text\b"))
    page.reload()
    expect(html).not_to_have_class(re.compile(r"\blarge-text\b"))


def test_phone_reader_sees_the_home_page_without_sideways_scrolling_and_reaches_the_data_page(phone):
    phone.goto("/")

    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    figure = phone.locator(".figure-card").first
    expect(figure).to_contain_text("205家")
    figure.scroll_into_view_if_needed()
    box = figure.locator(".figure-card__number").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert figure.locator(".figure-card__number").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 18

    link = phone.get_by_role("navigation", name="主导航").get_by_role("link", name="科创数据")
    expect(link).to_be_visible()
    link.tap()
    expect(heading(phone)).to_have_text("科创数据")
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_keyboard_user_meets_the_skip_link_first_and_it_moves_focus_to_the_main_content(page):
    page.goto("/news/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
