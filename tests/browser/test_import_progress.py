"""The admin import page in a real browser: the progress bar follows the upload and the rows, then the report shows."""

import re
import time

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from achievements.models import Achievement
from publishing.models import PublishStatus
from transfer import admin as transfer_admin

pytestmark = pytest.mark.browser

TITLES = [f"进度条测试成果{number}" for number in range(1, 7)]
CSV = "成果标题,类别,年度,地区\n" + "".join(f"{title},创新平台,2025,咸宁市\n" for title in TITLES)


@pytest.fixture
def slow_rows(monkeypatch):
    """Six rows are checked in a blink; slowed down here so that the bar can be watched, the last row longest."""
    real_import = transfer_admin.content_import

    def slow_import(**kwargs):
        track = kwargs["progress"]

        def progress(done, total):
            track(done, total)
            time.sleep(1.5 if done == total else 0.3)

        return real_import(**{**kwargs, "progress": progress})

    monkeypatch.setattr(transfer_admin, "content_import", slow_import)


def test_admin_uploads_a_csv_watches_the_progress_bar_fill_and_reads_the_report(page, slow_rows, screenshots):
    User.objects.create_superuser("importer", "importer@example.org", "a long test password")
    page.goto("/admin/achievements/achievement/import/")
    page.get_by_label("用户名").fill("importer")
    page.get_by_label("密码").fill("a long test password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("导入成果、项目、企业")
    bar = page.get_by_role("progressbar", name="导入进度")
    expect(bar).to_be_hidden()  # nothing to show before a file is sent

    page.get_by_label("文件").set_input_files(
        files=[{"name": "achievements.csv", "mimeType": "text/csv", "buffer": CSV.encode("utf-8")}]
    )
    page.get_by_role("button", name="上传并导入").click()

    expect(bar).to_be_visible()
    expect(page.get_by_role("button", name="上传并导入")).to_be_disabled()
    status = page.get_by_role("status")
    expect(status).to_have_text("正在逐条检查并保存…")
    amount = page.locator("#import-progress-amount")
    expect(amount).to_have_text(re.compile(r"^[0-5] / 6 条$"))
    expect(bar).to_have_attribute("max", "6")
    expect(amount).to_have_text("6 / 6 条")
    expect(bar).to_have_attribute("value", "6")
    page.screenshot(path=screenshots / "admin-import-progress.png", full_page=True)

    # The server's answer replaces the page, as after a plain submit: the report, and a fresh form.
    expect(page.locator("p.success")).to_contain_text("已导入“achievements.csv”（共 6 条）：成果：新建 6，更新 0")
    expect(page).to_have_url(re.compile(r"/admin/achievements/achievement/import/$"))
    expect(page.get_by_role("progressbar", name="导入进度")).to_be_hidden()
    expect(page.get_by_role("button", name="上传并导入")).to_be_enabled()

    # The replaced page works the same way: a dry run of the same file from the result page.
    page.get_by_label("文件").set_input_files(
        files=[{"name": "achievements.csv", "mimeType": "text/csv", "buffer": CSV.encode("utf-8")}]
    )
    page.get_by_label("只检查，不保存").check()
    page.get_by_role("button", name="上传并导入").click()
    expect(page.get_by_role("status")).to_have_text("正在逐条检查（只检查，不保存）…")
    # The same rows again: nothing would change.
    report = "检查通过（共 6 条，未保存）：将会 成果：新建 0，更新 0，未变、跳过 6"
    expect(page.locator("p.success")).to_contain_text(report)
    assert sorted(Achievement.objects.filter(title__in=TITLES).values_list("title", "status")) == [
        (title, PublishStatus.DRAFT) for title in TITLES
    ]
