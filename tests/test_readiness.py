"""``/readyz`` for a load balancer (issue 14, item 4): each dependency with its state, each one cut in turn; the
liveness check ``/healthz`` stays as it was."""

import datetime
import socket

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.images.test_object_storage import object_storage_settings, s3_endpoint  # noqa: F401  (a fixture)
from tests.s3 import public_bucket
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


def test_all_well(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["storage"] == "ok"
    assert body["cache"] in ("ok", "in-process")
    assert body["queue"] == {"state": "ok", "ready": 0, "oldest_seconds": 0}
    assert "no-cache" in response.get("Cache-Control", "") or "Expires" not in response  # never from the page cache


def test_a_bucket_that_does_not_answer_is_named(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": object_storage_settings(f"http://127.0.0.1:{closed_port()}", "b"),
    }

    body = client.get("/readyz").json()

    assert (body["status"], body["storage"]) == ("degraded", "unreachable")


def test_a_bucket_that_answers_is_ok(client, settings, s3_endpoint):  # noqa: F811
    public_bucket(s3_endpoint, "ready")
    settings.STORAGES = {**settings.STORAGES, "default": object_storage_settings(s3_endpoint, "ready")}

    assert client.get("/readyz").json()["storage"] == "ok"


def test_a_media_folder_that_cannot_take_files_is_named(client, settings, tmp_path):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the uploads' folder should be")
    settings.MEDIA_ROOT = not_a_folder

    body = client.get("/readyz").json()

    assert (body["status"], body["storage"]) == ("degraded", "unwritable")


@pytest.mark.django_db(transaction=True)  # the worker commits, as in a real process
@pytest.mark.usefixtures("database_queue")
def test_a_queue_that_no_worker_takes_from_is_named(client):
    from transfer.tasks import run_import

    run_import.enqueue("00000000-0000-0000-0000-000000000000")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))

    queue = client.get("/readyz").json()["queue"]

    assert queue["state"] == "waiting" and queue["ready"] == 1 and queue["oldest_seconds"] >= 600
    run_worker()
    assert client.get("/readyz").json()["queue"] == {"state": "ok", "ready": 0, "oldest_seconds": 0}


def test_without_the_database_it_is_not_ready(client, monkeypatch):
    from django.db import OperationalError, connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
