"""What the portal depends on, each with its state: for ``/healthz`` (liveness) and ``/readyz`` (readiness)."""

from django.core.files.storage import storages
from django.db import DatabaseError, connection
from django.utils import timezone

from caching.state import cache_health

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
    """What the media storage says of itself: "ok", "unreachable" (the bucket) or "unwritable" (the folder)."""
    return storages["default"].health()


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
