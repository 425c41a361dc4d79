"""Every page type renders on a desktop and on a phone; screenshots of each are kept in test-artifacts/screenshots/."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

README_HOME = {"width": 1280, "height": 1600}  # docs/screenshot-home.png is a copy of readme-home.png


def test_every_page_type_shows_its_heading_header_and_footer_on_a_desktop(page, page_types, screenshots):
    for name, url in page_types.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not-found" else 200), url
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
        expect(page.get_by_role("contentinfo")).to_be_visible()
        page.screenshot(path=screenshots / f"{name}-desktop.png", full_page=True)

    page.set_viewport_size(README_HOME)
    page.goto("/")
    page.screenshot(path=screenshots / "readme-home.png")


def test_no_page_type_scrolls_sideways_on_a_phone(phone, page_types, screenshots):
    too_wide = {}
    for name, url in page_types.items():
        phone.goto(url)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        scroll_width, inner_width = phone.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        if scroll_width > inner_width:
            too_wide[url] = scroll_width
        phone.screenshot(path=screenshots / f"{name}-phone.png", full_page=True)

    assert not too_wide, f"wider than the {phone.viewport_size['width']}px screen: {too_wide}"
