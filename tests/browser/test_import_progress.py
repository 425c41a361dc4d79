"""The admin import in a real browser: the upload is queued, the task worker runs it, the import's page follows the
rows on its progress bar and shows the report when it has finished."""

import re
import time

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from achievements.models import Achievement
from publishing.models import PublishStatus
from tests.worker import run_worker
from transfer import tasks

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("database_queue")]

TITLES = [f"进度条测试成果{number}" for number in range(1, 7)]
CSV = "成果标题,类别,年度,地区\n" + "".join(f"{title},创新平台,2025,咸宁市\n" for title in TITLES)
# Every text the page's progress amount shows, kept across the reload that brings the report.
RECORD_AMOUNTS = """
document.addEventListener("DOMContentLoaded", () => {
  const amount = document.getElementById("import-progress-amount");
  if (!amount) return;
  new MutationObserver(() => {
    const seen = JSON.parse(sessionStorage.getItem("amounts") || "[]");
    seen.push(amount.textContent);
    sessionStorage.setItem("amounts", JSON.stringify(seen));
  }).observe(amount, { childList: true, characterData: true, subtree: true });
});
"""


@pytest.fixture
def slow_rows(monkeypatch):
    """Six rows are checked in a blink; slowed down here so that the page has time to show them."""
    real_import = tasks.content_import

    def slow_import(**kwargs):
        track = kwargs["progress"]

        def progress(done, total):
            track(done, total)
            time.sleep(0.6)

        return real_import(**{**kwargs, "progress": progress})

    monkeypatch.setattr(tasks, "content_import", slow_import)


def upload(page):
    page.get_by_label("文件").set_input_files(
        files=[{"name": "achievements.csv", "mimeType": "text/csv", "buffer": CSV.encode("utf-8")}]
    )
    page.get_by_role("button", name="上传并导入").click()


def test_admin_uploads_a_csv_the_worker_imports_it_and_the_page_follows_to_the_report(page, slow_rows, screenshots):
    User.objects.create_superuser("importer", "importer@example.org", "a long test password")
    page.add_init_script(RECORD_AMOUNTS)
    page.goto("/admin/achievements/achievement/import/")
    page.get_by_label("用户名").fill("importer")
    page.get_by_label("密码").fill("a long test password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("导入成果、项目、企业")
    expect(page.get_by_role("progressbar", name="上传进度")).to_be_hidden()  # nothing to show before a file is sent

    upload(page)

    # Stored and queued: the import's own page, waiting for the worker.
    expect(page).to_have_url(re.compile(r"/admin/achievements/achievement/import/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", name="导入“achievements.csv”")).to_be_visible()
    expect(page.locator("#transfer-job-status")).to_have_text("已上传，正在排队等待后台处理…")
    bar = page.get_by_role("progressbar", name="导入进度")
    expect(bar).to_be_visible()
    page.screenshot(path=screenshots / "admin-import-queued.png", full_page=True)

    run_worker()  # in this process, while the page polls the live server

    # The page reloads with the report once the import has finished.
    expect(page.locator("p.success")).to_contain_text("已导入“achievements.csv”（共 6 条）：成果：新建 6，更新 0")
    expect(page.get_by_role("progressbar", name="导入进度")).to_have_count(0)
    amounts = page.evaluate("JSON.parse(sessionStorage.getItem('amounts') || '[]')")
    rows = [text for text in amounts if re.fullmatch(r"[0-6] / 6 条", text)]
    assert rows and rows[-1] != "0 / 6 条", amounts  # the bar moved while the rows were saved
    page.screenshot(path=screenshots / "admin-import-report.png", full_page=True)
    assert sorted(Achievement.objects.filter(title__in=TITLES).values_list("title", "status")) == [
        (title, PublishStatus.DRAFT) for title in TITLES
    ]

    # The form below the report imports the next file the same way: a dry run of the same rows.
    page.get_by_label("只检查，不保存").check()
    upload(page)
    expect(page.locator("#transfer-job-status")).to_have_text("已上传，正在排队等待后台处理…")
    run_worker()
    report = "检查通过（共 6 条，未保存）：将会 成果：新建 0，更新 0，未变、跳过 6"
    expect(page.locator("p.success")).to_contain_text(report)
