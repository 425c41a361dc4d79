"""Rows done by an import the task worker runs, for the import page to poll (transfer/admin.py).

The task writes them to the shared cache (Redis, or files on a one-machine portal: ``CACHES["shared"]`` in
portal/settings.py) under its job's id, with the time of writing: the import runs in one transaction, so a database
row would show nothing until the end. Writes are throttled (every 1 % of the records, at most every 50), so a large
file does not hammer the cache. Progress is only shown: a cache that is down or full never stops an import.
"""

import logging
import time

from django.core.cache import caches

logger = logging.getLogger(__name__)

KEY_PREFIX = "transfer:import-progress:"
TIMEOUT_SECONDS = 24 * 60 * 60  # an import's page is read while it runs and soon after
EVERY_ROWS = 50

READING = "reading"  # the worker has the file and is reading it
CHECKING = "checking"  # rows are being checked (a dry run saves nothing)
SAVING = "saving"  # rows are being checked and saved


def _key(job_id) -> str:
    return f"{KEY_PREFIX}{job_id}"


def read_progress(job_id) -> dict | None:
    """{"done", "total", "stage", "at"} as the task last wrote them (``at``: seconds since the epoch); None before
    the task has begun, or when the shared cache cannot be read."""
    try:
        entry = caches["shared"].get(_key(job_id))
    except Exception:  # progress is only shown; the page says what the job's own state says
        logger.warning("The progress of import %s could not be read", job_id, exc_info=True)
        return None
    return entry if isinstance(entry, dict) else None


class ImportProgress:
    """The ``progress`` callback of ``content_import``, writing to the shared cache under the job's id."""

    def __init__(self, job_id, *, dry_run: bool = False):
        self.key = _key(job_id)
        self.rows_stage = CHECKING if dry_run else SAVING
        self.done = self.total = 0
        self.written = None  # rows done at the last write

    def _write(self, stage: str) -> None:
        entry = {"done": self.done, "total": self.total, "stage": stage, "at": time.time()}
        try:
            caches["shared"].set(self.key, entry, TIMEOUT_SECONDS)
        except Exception:  # a full disk or a cache that is down: the import goes on without its progress bar
            logger.warning("The progress of an import could not be written", exc_info=True)
        self.written = self.done

    def start(self) -> None:
        self._write(READING)

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        step = min(EVERY_ROWS, max(1, total // 100))
        if self.written is None or done in (0, total) or done - self.written >= step:
            self._write(self.rows_stage)
