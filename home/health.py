"""What the portal depends on, each with its state: for ``/healthz`` (liveness) and ``/readyz`` (readiness)."""

import logging
import os

from django.conf import settings
from django.core.files.storage import storages
from django.db import DatabaseError, connection
from django.utils import timezone

from caching.state import cache_health
from images.storage import STORING_ERRORS, ObjectStorage

logger = logging.getLogger(__name__)

# A task ready to run for this long means no worker is taking tasks.
QUEUE_WAITING_SECONDS = 5 * 60


def database_health() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unreachable"
    return "ok"


def storage_health() -> str:
    """ "ok", "unreachable" (the bucket does not answer or refuses the keys) or "unwritable" (the media folder)."""
    storage = storages["default"]
    if isinstance(storage, ObjectStorage):
        try:
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        except STORING_ERRORS:
            logger.warning("Object storage unreachable", exc_info=True)
            return "unreachable"
        return "ok"
    root = settings.MEDIA_ROOT
    return "ok" if (os.path.isdir(root) or not os.path.exists(root)) and _writable(root) else "unwritable"


def _writable(root) -> bool:
    # A folder that does not exist yet is made on the first upload, in a parent that must be writable.
    while not os.path.exists(root):
        root = os.path.dirname(root)
    return os.access(root, os.W_OK)


def queue_health() -> dict:
    """{"state": "ok" / "waiting" (the oldest ready task has waited long: is a worker running?) / "unreachable",
    "ready": tasks ready to run, "oldest_seconds": how long the oldest has waited}."""
    from django_tasks_db.models import DBTaskResult

    try:
        ready = DBTaskResult.objects.ready()
        count = ready.count()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError:
        return {"state": "unreachable", "ready": None, "oldest_seconds": None}
    waited = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"state": "waiting" if waited > QUEUE_WAITING_SECONDS else "ok", "ready": count, "oldest_seconds": waited}


def readiness() -> tuple[int, dict]:
    """The HTTP status and body of ``/readyz``: 503 without the database (nothing can be served); "degraded" when
    the cache, the storage or the queue has trouble (pages are served; uploads or background work wait)."""
    database = database_health()
    if database != "ok":
        return 503, {"status": "unavailable", "database": database}
    report = {"database": database, "cache": cache_health(), "storage": storage_health(), "queue": queue_health()}
    troubled = report["cache"] == "unreachable" or report["storage"] != "ok" or report["queue"]["state"] != "ok"
    return 200, {"status": "degraded" if troubled else "ok", **report}
