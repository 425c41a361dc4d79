"""Full exports from the admin run in the background: the changelist's 导出 link queues the export, the task worker
writes the file, and the export's own page offers it for download, to the staff member who asked, for a day."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from publishing.models import AuditEntry
from publishing.roles import EDITOR, SITE_ADMINISTRATOR
from tests.factories import AchievementFactory, RegionFactory
from tests.transfer.test_import_export import exported, staff, xlsx_values
from tests.worker import run_worker
from transfer.models import TransferJob

EXPORT_URL = "admin:achievements_achievement_export"
JOB_URL = "admin:achievements_achievement_export_job"
DOWNLOAD_URL = "admin:achievements_achievement_export_download"
PROGRESS_URL = "admin:achievements_achievement_transfer_progress"


@pytest.fixture(autouse=True)
def achievements(db):
    region = RegionFactory(name="临川市")
    return [AchievementFactory(title=f"导出测试成果{n}", region=region) for n in range(3)]


def test_a_full_export_is_queued_written_and_downloaded_from_its_page(client):
    client.force_login(staff("editor", EDITOR))

    response = client.post(reverse(EXPORT_URL, args=["csv"]))

    job = TransferJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(JOB_URL, args=[job.pk])
    assert (job.kind, job.shape, job.fmt, job.state) == ("export", "achievements", "csv", "finished")
    page = client.get(response["Location"]).content.decode()
    assert f"导出“{job.file_name}”" in page and reverse(DOWNLOAD_URL, args=[job.pk]) in page
    download = client.get(reverse(DOWNLOAD_URL, args=[job.pk]))
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == f'attachment; filename="{job.file_name}"'
    assert download.content == exported(shape="achievements", fmt="csv")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORTED, comment__contains="全部").count() == 1


def test_only_the_staff_member_who_asked_gets_the_file(client):
    client.force_login(staff("editor", EDITOR))
    client.post(reverse(EXPORT_URL, args=["xlsx"]))
    job = TransferJob.objects.get()

    client.force_login(staff("other", SITE_ADMINISTRATOR))

    assert client.get(reverse(JOB_URL, args=[job.pk])).status_code == 404
    assert client.get(reverse(DOWNLOAD_URL, args=[job.pk])).status_code == 404
    assert client.get(reverse(PROGRESS_URL, args=[job.pk])).status_code == 404


def test_the_file_is_kept_for_a_day(client):
    client.force_login(staff("editor", EDITOR))
    client.post(reverse(EXPORT_URL, args=["json"]))
    job = TransferJob.objects.get()
    TransferJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(days=2))

    client.post(reverse(EXPORT_URL, args=["json"]))  # the next job's worker drops the old file

    assert client.get(reverse(DOWNLOAD_URL, args=[job.pk])).status_code == 404
    assert "这个导出文件已不再保留，请重新导出。" in client.get(reverse(JOB_URL, args=[job.pk])).content.decode()


def test_an_unknown_format_is_a_404_and_a_get_starts_nothing(client):
    client.force_login(staff("editor", EDITOR))
    assert client.post(reverse(EXPORT_URL, args=["pdf"])).status_code == 404
    assert client.get(reverse(EXPORT_URL, args=["csv"])).status_code == 405  # a link followed elsewhere
    assert not TransferJob.objects.exists()


def test_the_changelist_offers_each_full_export_as_a_button_of_a_form(client):
    client.force_login(staff("editor", EDITOR))

    page = client.get(reverse("admin:achievements_achievement_changelist")).content.decode()

    for fmt in ("xlsx", "csv", "json"):
        action = re.escape(reverse(EXPORT_URL, args=[fmt]))
        form = re.search(rf'<form method="post" action="{action}"[^>]*>(.*?)</form>', page, re.S)
        assert form and 'name="csrfmiddlewaretoken"' in form[1] and "<button" in form[1]


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_a_queued_export(client, database_queue):
    client.force_login(staff("editor", EDITOR))
    response = client.post(reverse(EXPORT_URL, args=["xlsx"]))
    job = TransferJob.objects.get()

    queued = client.get(response["Location"]).content.decode()
    assert "正在排队等待后台处理…" in queued and 'id="transfer-job"' in queued
    assert client.get(reverse(DOWNLOAD_URL, args=[job.pk])).status_code == 404  # nothing to download yet
    assert client.get(reverse(PROGRESS_URL, args=[job.pk])).json()["state"] == "queued"

    run_worker()

    result = DBTaskResult.objects.get(task_path="transfer.tasks.run_export")
    assert (result.status, result.return_value) == ("SUCCESSFUL", "finished")
    assert client.get(reverse(PROGRESS_URL, args=[job.pk])).json()["state"] == "finished"
    download = client.get(reverse(DOWNLOAD_URL, args=[job.pk]))
    # The workbook's cells (its file also holds the time it was written).
    assert xlsx_values(download.content) == xlsx_values(exported(shape="achievements", fmt="xlsx"))


def test_a_long_running_export_is_not_called_stalled(client):
    """An export writes no progress as it goes (its file is one step), so a long one is not taken for a dead one."""
    client.force_login(staff("editor", EDITOR))
    client.post(reverse(EXPORT_URL, args=["csv"]))
    job = TransferJob.objects.get()
    long_ago = timezone.now() - datetime.timedelta(minutes=30)
    TransferJob.objects.filter(pk=job.pk).update(state=TransferJob.State.RUNNING, started_at=long_ago, task_id="")

    assert client.get(reverse(PROGRESS_URL, args=[job.pk])).json()["stalled"] is False


def test_a_large_selection_is_exported_by_the_worker_and_a_small_one_at_once(client, achievements, monkeypatch):
    monkeypatch.setattr("transfer.admin.EXPORTED_IN_REQUEST", 2)
    client.force_login(staff("editor", EDITOR))
    changelist = reverse("admin:achievements_achievement_changelist")
    ticked = [achievements[0].pk, achievements[2].pk]

    at_once = client.post(changelist, {"action": "export_selected_csv", "_selected_action": ticked})
    assert at_once["Content-Disposition"].startswith("attachment") and not TransferJob.objects.exists()

    # "Select all" across the pages of the list: more than the request exports.
    queued = client.post(
        changelist, {"action": "export_selected_json", "_selected_action": ticked, "select_across": "1"}
    )
    job = TransferJob.objects.get()
    assert queued.status_code == 302 and queued["Location"] == reverse(JOB_URL, args=[job.pk])
    assert sorted(job.selection) == sorted(a.pk for a in achievements) and job.state == "finished"
    assert "所选 3 项" in client.get(queued["Location"]).content.decode()
    assert client.get(reverse(DOWNLOAD_URL, args=[job.pk])).content == exported(shape="achievements", fmt="json")

    # A filtered "select all": only the rows the list shows.
    client.post(
        f"{changelist}?q=导出测试成果1",
        {"action": "export_selected_json", "_selected_action": ticked, "select_across": "1"},
    )
    # (one row: under the limit, so in the request)
    assert TransferJob.objects.count() == 1
    audit = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORTED).order_by("pk")
    assert [re.search(r"所选 \d+ 项", entry.comment)[0] for entry in audit] == ["所选 2 项", "所选 3 项", "所选 1 项"]


def test_an_export_of_a_selection_leaves_out_what_was_not_ticked(client, achievements, monkeypatch):
    monkeypatch.setattr("transfer.admin.EXPORTED_IN_REQUEST", 1)
    client.force_login(staff("editor", EDITOR))
    ticked = [achievements[0].pk, achievements[1].pk]
    client.post(
        reverse("admin:achievements_achievement_changelist"),
        {"action": "export_selected_csv", "_selected_action": ticked},
    )
    job = TransferJob.objects.get()
    content = client.get(reverse(DOWNLOAD_URL, args=[job.pk])).content.decode("utf-8-sig")
    assert "导出测试成果0" in content and "导出测试成果1" in content and "导出测试成果2" not in content
