"""Imports from the admin run in the background: the upload is stored and queued, the task worker runs it, and the
import's own page follows it (queued, rows checked and saved) to its report, or says why it did not finish."""

import datetime
import time
import uuid

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from achievements.models import Achievement
from publishing.roles import EDITOR, SITE_ADMINISTRATOR
from tests.factories import RegionFactory
from tests.transfer.test_import_export import ACHIEVEMENTS_CSV, IMPORT_URL, staff, upload
from tests.worker import run_worker
from transfer import tasks
from transfer.models import TransferJob
from transfer.progress import ImportProgress, read_progress

JOB_URL = "admin:achievements_achievement_import_job"
PROGRESS_URL = "admin:achievements_achievement_transfer_progress"
SHOWN = ("state", "stage", "done", "total")


@pytest.fixture(autouse=True)
def regions(db):
    """The regions the files name (a test on the real queue starts from an empty database)."""
    return [RegionFactory(name=name) for name in ("临川市", "南岭县", "咸宁市")]


def rows_csv(number: int) -> str:
    return "成果标题,类别,年度,地区\n" + "".join(f"后台导入成果{row},创新平台,2025,咸宁市\n" for row in range(number))


def post(client, text, **fields):
    """The upload alone, without following its redirect to the import's page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile("data.csv", text.encode()), **fields})


def shown(status: dict) -> dict:
    return {key: status[key] for key in SHOWN}


def test_the_import_form_has_an_accessible_upload_bar(client):
    client.force_login(staff("editor", EDITOR))

    page = client.get(reverse(IMPORT_URL)).content.decode()

    assert f'action="{reverse(IMPORT_URL)}"' in page
    assert '<progress id="import-upload-bar"' in page
    assert '<label for="import-upload-bar">上传进度</label>' in page
    assert 'role="status" aria-live="polite"' in page
    assert "transfer/admin/transfer.js" in page


def test_an_upload_leads_to_its_own_page_with_the_report(client):
    client.force_login(staff("editor", EDITOR))

    response = post(client, ACHIEVEMENTS_CSV)

    job = TransferJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(JOB_URL, args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "导入“data.csv”" in page
    assert "已导入“data.csv”（共 2 条）：成果：新建 2" in page
    assert 'id="transfer-job"' not in page  # finished: nothing left to follow
    assert f'action="{reverse(IMPORT_URL)}"' in page  # and the form for the next file
    assert job.state == TransferJob.State.FINISHED and job.content == b""  # the file is not kept
    status = client.get(reverse(PROGRESS_URL, args=[job.pk]))
    assert status["Content-Type"] == "application/json"
    assert "no-cache" in status["Cache-Control"]
    assert status.json()["state"] == "finished"


def polling_import(client, monkeypatch) -> list[dict]:
    """Makes the task ask the progress endpoint what it shows before the import and after each row."""
    seen = []
    real_import = tasks.content_import

    def import_and_poll(**kwargs):
        url = reverse(PROGRESS_URL, args=[TransferJob.objects.get().pk])
        seen.append(shown(client.get(url).json()))
        track = kwargs["progress"]

        def progress(done, total):
            track(done, total)
            seen.append(shown(client.get(url).json()))

        return real_import(**{**kwargs, "progress": progress})

    monkeypatch.setattr(tasks, "content_import", import_and_poll)
    return seen


def test_the_progress_endpoint_follows_the_import_row_by_row(client, monkeypatch):
    client.force_login(staff("editor", EDITOR))
    seen = polling_import(client, monkeypatch)

    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV)

    assert "成果：新建 2" in response.content.decode()
    assert seen == [
        {"state": "running", "stage": "reading", "done": 0, "total": 0},
        {"state": "running", "stage": "saving", "done": 0, "total": 2},
        {"state": "running", "stage": "saving", "done": 1, "total": 2},
        {"state": "running", "stage": "saving", "done": 2, "total": 2},
    ]


def test_the_progress_of_a_dry_run_says_checking(client, monkeypatch):
    client.force_login(staff("editor", EDITOR))
    seen = polling_import(client, monkeypatch)

    response = upload(client, reverse(IMPORT_URL), ACHIEVEMENTS_CSV, dry_run="on")

    assert [answer["stage"] for answer in seen] == ["reading", "checking", "checking", "checking"]
    assert "检查通过（共 2 条，未保存）" in response.content.decode()
    assert "（只检查，不保存）" in response.content.decode()
    assert not Achievement.objects.exists()


def test_an_unreadable_file_is_reported_on_the_imports_page(client):
    client.force_login(staff("editor", EDITOR))

    response = upload(client, reverse(IMPORT_URL), b"PK\x03\x04junk", name="data.xlsx")

    assert "无法打开这个 Excel 文件" in response.content.decode()
    assert "没有保存任何内容" in response.content.decode()
    assert TransferJob.objects.get().state == TransferJob.State.FINISHED


def test_only_the_staff_member_who_started_an_import_sees_it(client):
    client.force_login(staff("editor", EDITOR))
    post(client, ACHIEVEMENTS_CSV)
    job = TransferJob.objects.get()
    page, status = reverse(JOB_URL, args=[job.pk]), reverse(PROGRESS_URL, args=[job.pk])
    assert client.get(page).status_code == 200 and client.get(status).status_code == 200

    client.force_login(staff("other", SITE_ADMINISTRATOR))
    assert client.get(page).status_code == 404
    refused = client.get(status)
    assert refused.status_code == 404
    assert refused.json() == {"error": "没有找到这次导入或导出。"}
    unknown = client.get(reverse(PROGRESS_URL, args=[uuid.uuid4()]))
    assert unknown.status_code == 404 and unknown.json() == refused.json()

    client.logout()
    anonymous = client.get(status)
    assert anonymous.status_code == 404 and "error" in anonymous.json()
    assert client.get(page).status_code == 302  # to the login page


@pytest.mark.parametrize(("total", "step"), [(1000, 10), (20000, 50), (30, 1)])
def test_progress_is_written_every_percent_or_every_50_rows(total, step):
    job_id = uuid.uuid4()
    tracker = ImportProgress(job_id)
    tracker.start()

    tracker(0, total)
    for done in range(1, step):
        tracker(done, total)
    assert read_progress(job_id)["done"] == 0
    tracker(step, total)
    assert read_progress(job_id)["done"] == step
    tracker(total, total)
    assert read_progress(job_id) | {"at": 0} == {"done": total, "total": total, "stage": "saving", "at": 0}


# --- On the real queue: the upload only stores the file, the worker does the import -------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_upload_request_does_no_row_work_however_large_the_file(client, database_queue):
    """The request stores the file and queues it: the same queries for 10 rows as for 5,000, and nothing saved."""
    client.force_login(staff("editor", EDITOR))
    client.get(reverse(IMPORT_URL))  # the session's first request does its own writes
    counts = []
    for rows in (10, 5000):
        with CaptureQueriesContext(connection) as queries:
            assert post(client, rows_csv(rows)).status_code == 302
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert not Achievement.objects.exists()
    assert set(TransferJob.objects.values_list("state", flat=True)) == {TransferJob.State.QUEUED}
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_import_and_its_page_shows_the_report(client, database_queue):
    client.force_login(staff("editor", EDITOR))
    response = post(client, rows_csv(120))
    job = TransferJob.objects.get()

    queued = client.get(response["Location"]).content.decode()
    assert "已上传，正在排队等待后台处理…" in queued
    assert 'id="transfer-job"' in queued and f'data-progress-url="{reverse(PROGRESS_URL, args=[job.pk])}"' in queued
    assert shown(client.get(reverse(PROGRESS_URL, args=[job.pk])).json()) == {
        "state": "queued",
        "stage": "",
        "done": 0,
        "total": 0,
    }

    run_worker()

    assert Achievement.objects.filter(title__startswith="后台导入成果").count() == 120
    page = client.get(response["Location"]).content.decode()
    assert "已导入“data.csv”（共 120 条）：成果：新建 120" in page
    result = DBTaskResult.objects.get(task_path="transfer.tasks.run_import")
    assert (result.status, result.return_value, result.task_name) == ("SUCCESSFUL", "finished", "run_import")
    assert client.get(reverse(PROGRESS_URL, args=[job.pk])).json()["state"] == "finished"


@pytest.mark.django_db(transaction=True)
def test_an_import_waiting_long_for_a_worker_says_so(client, database_queue):
    client.force_login(staff("editor", EDITOR))
    post(client, ACHIEVEMENTS_CSV)
    job = TransferJob.objects.get()
    TransferJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=2))

    status = client.get(reverse(PROGRESS_URL, args=[job.pk])).json()

    assert status["state"] == "queued" and status["waiting"] >= 120  # the page then names the worker to start
    page = client.get(reverse(JOB_URL, args=[job.pk])).content.decode()
    assert "后台任务程序可能没有运行" in page  # in the text the script shows


@pytest.mark.django_db(transaction=True)
def test_an_import_broken_off_by_the_database_is_queued_again_and_then_finishes(client, database_queue, monkeypatch):
    client.force_login(staff("editor", EDITOR))
    post(client, ACHIEVEMENTS_CSV)
    real_import, calls = tasks.content_import, []

    def broken_once(**kwargs):
        calls.append(1)
        if len(calls) > 1:
            return real_import(**kwargs)
        track = kwargs["progress"]

        def progress(done, total):
            track(done, total)
            if done == total:  # every row saved, then the connection is lost before the commit
                raise OperationalError("server closed the connection unexpectedly")

        return real_import(**{**kwargs, "progress": progress})

    monkeypatch.setattr(tasks, "content_import", broken_once)

    run_worker()

    job = TransferJob.objects.get()
    assert job.state == TransferJob.State.QUEUED and job.attempts == 1
    assert not Achievement.objects.exists()
    retry = DBTaskResult.objects.get(pk=job.task_id)
    assert retry.status == "READY" and retry.run_after > timezone.now()  # after a pause
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())

    run_worker()

    job.refresh_from_db()
    assert (job.state, job.attempts) == (TransferJob.State.FINISHED, 2)
    assert Achievement.objects.count() == 2
    assert "成果：新建 2" in client.get(reverse(JOB_URL, args=[job.pk])).content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_import_that_fails_shows_staff_why_and_the_queue_keeps_the_traceback(client, database_queue, monkeypatch):
    client.force_login(staff("editor", EDITOR))
    post(client, ACHIEVEMENTS_CSV)

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(tasks, "content_import", broken)

    run_worker()

    job = TransferJob.objects.get()
    assert job.state == TransferJob.State.FAILED
    page = client.get(reverse(JOB_URL, args=[job.pk])).content.decode()
    assert "导入没有完成：服务器出错（RuntimeError），没有保存任何内容。" in page
    assert client.get(reverse(PROGRESS_URL, args=[job.pk])).json()["state"] == "failed"
    result = DBTaskResult.objects.get(task_path="transfer.tasks.run_import")
    assert result.status == "FAILED" and "a bug" in result.traceback


def running_import(client) -> TransferJob:
    """An import uploaded by an editor (signed in on ``client``) that a worker has claimed and is running."""
    client.force_login(staff("editor", EDITOR))
    post(client, ACHIEVEMENTS_CSV)
    job = TransferJob.objects.get()
    TransferJob.objects.filter(pk=job.pk).update(state=TransferJob.State.RUNNING, started_at=timezone.now())
    return job


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_died_is_shown_as_broken_off(client, database_queue):
    """A worker killed mid-import leaves the job running; the queue's record of its task says it ended."""
    job = running_import(client)
    DBTaskResult.objects.filter(pk=job.task_id).update(status="FAILED", finished_at=timezone.now())

    status = client.get(reverse(PROGRESS_URL, args=[job.pk])).json()

    assert status["state"] == "failed"
    assert status["message"] == "导入中断（后台任务程序停止），没有保存任何内容。请重新上传。"
    assert "导入中断" in client.get(reverse(JOB_URL, args=[job.pk])).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_running_import_without_progress_for_ten_minutes_is_stalled(client, database_queue):
    job = running_import(client)
    url = reverse(PROGRESS_URL, args=[job.pk])
    tracker = ImportProgress(job.pk)
    tracker(3, 10)
    assert client.get(url).json()["stalled"] is False

    entry = read_progress(job.pk)
    from django.core.cache import caches

    caches["shared"].set(f"transfer:import-progress:{job.pk}", {**entry, "at": time.time() - 11 * 60})

    assert client.get(url).json()["stalled"] is True


def test_polling_an_import_neither_writes_the_session_nor_keeps_it_alive(client):
    """The page polls by itself: that is not the staff member at work, and on SQLite a poll must not wait for the
    write lock an import holds while it saves its rows."""
    from accounts.middleware import LAST_SEEN

    client.force_login(staff("editor", EDITOR))
    post(client, ACHIEVEMENTS_CSV)
    job = TransferJob.objects.get()
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 120
    session.save()

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(PROGRESS_URL, args=[job.pk])).status_code == 200

    writes = [query["sql"] for query in queries.captured_queries if query["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == []
    assert client.session[LAST_SEEN] == session[LAST_SEEN]
    client.get(reverse(JOB_URL, args=[job.pk]))  # the page itself is activity
    assert client.session[LAST_SEEN] > session[LAST_SEEN]
