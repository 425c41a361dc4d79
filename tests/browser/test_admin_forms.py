"""Staff in the admin, in a real browser: the key figures fit the window, every label is Chinese, and a form left
with unsaved changes asks first."""

import re

import pytest
from django.contrib.auth.models import User
from django.db.models import Count
from playwright.sync_api import expect

from achievements.models import Achievement
from news.models import Article
from projects.models import Project
from publishing.models import Draft

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1400, "height": 900}
PASSWORD = "a long test password"


def log_in(page, next_url):
    User.objects.create_superuser("staff", "staff@example.org", PASSWORD)
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("用户名").fill("staff")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def test_the_key_figures_of_an_achievement_fit_a_laptop_window_without_sideways_scrolling(page, screenshots):
    achievement = Achievement.objects.annotate(count=Count("figures")).order_by("-count").first()
    figure = achievement.figures.filter(unit="元").first() or achievement.figures.first()
    page.set_viewport_size(LAPTOP)
    log_in(page, change_url(achievement))

    group = page.locator("#figures-group")
    expect(group.locator("tbody tr.has_original")).to_have_count(achievement.figures.count())
    widths = group.evaluate(
        """group => ({
            group: [group.scrollWidth, group.clientWidth],
            table: group.querySelector("table").getBoundingClientRect().right,
            page: [document.documentElement.scrollWidth, window.innerWidth],
        })"""
    )
    assert widths["group"][0] <= widths["group"][1], widths
    assert widths["table"] <= LAPTOP["width"], widths
    assert widths["page"][0] <= widths["page"][1], widths
    # Each value as typed, with the figure as written beside it; never 3000000000.0000.
    row = group.locator("tbody tr.has_original").nth(list(achievement.figures.all()).index(figure))
    value = format(figure.value.normalize(), "f")
    expect(row.locator("td.field-value input")).to_have_value(value)
    expect(row.locator(".stored-value")).to_have_text(re.compile(rf"^{re.escape(figure.text)} = [\d,]+(\.\d+)? "))
    expect(group).not_to_contain_text(".0000")
    # The figure's original source, folded under 出处: opened, its fields lie over the row, still no sideways scroll.
    row.locator("td.field-citation summary").click()
    expect(row.get_by_label("原始出处", exact=True)).to_be_visible()
    expect(row.get_by_label("原文语句")).to_be_editable()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert row.locator(".citation-fields__panel").evaluate("e => e.getBoundingClientRect().left") >= 0
    group.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "admin-key-figures.png")


def test_the_milestones_of_a_project_fit_a_laptop_window_too(page):
    project = Project.objects.annotate(count=Count("milestones")).order_by("-count").first()
    page.set_viewport_size(LAPTOP)
    log_in(page, change_url(project))

    group = page.locator("#milestones-group")
    expect(group.locator("tbody tr.has_original")).to_have_count(project.milestones.count())
    widths = group.evaluate(
        "group => [group.scrollWidth, group.clientWidth, document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths


def test_the_rich_text_editor_and_the_group_selector_speak_chinese(page):
    article = Article.objects.filter(kind=Article.Kind.REVIEW).first()
    log_in(page, change_url(article))

    toolbar = page.locator(".prose-menubar").first
    expect(toolbar.locator("[title='加粗']")).to_have_count(1)
    expect(toolbar.locator("[title='插入表格']")).to_have_count(1)
    expect(toolbar.locator("[title='撤销']")).to_have_count(1)
    toolbar.locator("[title='插入图片']").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("插入图片")
    expect(dialog.get_by_text("图片网址")).to_be_visible()
    expect(dialog.get_by_role("button", name="选择图片…")).to_be_visible()
    expect(dialog.get_by_role("button", name="插入")).to_be_visible()
    dialog.get_by_role("button", name="取消").click()
    titles = toolbar.evaluate("bar => [...bar.querySelectorAll('[title]')].map(e => e.title)")
    assert [title for title in titles if re.search("[A-Za-z]{3}", title) and title != "HTML"] == []

    page.goto(change_url(User.objects.get(username="staff")))
    selector = page.locator(".selector").first
    expect(selector).to_contain_text("在左侧选中要添加的组，再点“选择”箭头。")
    expect(selector.get_by_role("button", name="选择全部组")).to_be_visible()
    expect(selector).not_to_contain_text("Choose")


def test_leaving_a_form_with_unsaved_changes_asks_first_and_saving_does_not(page):
    achievement = Achievement.objects.first()
    log_in(page, change_url(achievement))
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    history = page.get_by_role("link", name="历史")

    # Nothing changed: no question.
    history.click()
    expect(page).to_have_url(re.compile(r"/history/$"))
    assert asked == []
    page.go_back()

    page.locator("#id_title").fill("改过但没有保存的标题")
    history.click()
    page.wait_for_timeout(500)  # the question comes at once; give it time to arrive
    assert asked == ["beforeunload"]
    expect(page).to_have_url(re.compile(r"/change/$"))  # staying on the page keeps what was typed
    expect(page.locator("#id_title")).to_have_value("改过但没有保存的标题")

    page.get_by_role("button", name="保存", exact=True).first.click()
    # The demo's achievement is published: the save is its draft over live.
    expect(page.locator(".messagelist")).to_contain_text("已保存为草稿")
    assert asked == ["beforeunload"]
    assert Draft.for_object(achievement).data["object"]["fields"]["title"] == "改过但没有保存的标题"
