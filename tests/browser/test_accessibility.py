"""axe-core finds no serious or critical accessibility violation on any page type, in normal and large-text mode."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def serious_violations(page):
    # Evaluated through the DevTools protocol: a <script> tag added to the page would be refused by its CSP.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in results["violations"] if violation["impact"] in BLOCKING]


def describe(found):
    lines = []
    for url, violations in found.items():
        lines.append(url)
        for violation in violations:
            lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large-text"])
def test_no_page_type_has_a_serious_or_critical_accessibility_violation(page, page_types, large_text):
    if large_text:
        page.goto("/")
        page.get_by_role("button", name="适老化模式").click()
        expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))

    found = {}
    for url in page_types.values():
        page.goto(url)
        if large_text:
            expect(page.locator("html")).to_have_class(re.compile(r"\blarge-text\b"))
        if violations := serious_violations(page):
            found[url] = violations

    assert not found, "axe-core found serious or critical violations:\n" + describe(found)
