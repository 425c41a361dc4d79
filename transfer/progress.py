"""Progress of an import started from the admin, kept in the cache for the import page to poll.

The import form carries a random token; the POST that runs the import writes ``done`` / ``total`` rows and the
stage under that token, together with the id of the user who started it, and the admin's progress endpoint shows
them to that user only. Writes are throttled (every 1 % of the records, at most every 50), so a large file does
not hammer the cache.
"""

import re
import secrets

from django.core.cache import cache

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
KEY_PREFIX = "transfer:import-progress:"
TIMEOUT_SECONDS = 60 * 60  # long enough for a slow upload of a large file, short enough to forget old imports
EVERY_ROWS = 50

READING = "reading"  # the file arrived and is being read
CHECKING = "checking"  # rows are being checked (a dry run saves nothing)
SAVING = "saving"  # rows are being checked and saved
DONE = "done"  # the import has finished (with or without errors); the page is being built


def new_token() -> str:
    return secrets.token_urlsafe(24)


def valid_token(token: str) -> bool:
    return bool(token) and TOKEN_PATTERN.fullmatch(token) is not None


def _key(token: str) -> str:
    return KEY_PREFIX + token


def read_progress(token: str, user) -> dict | None:
    """What the user may see of the import under ``token``: None unless that user started it."""
    if not valid_token(token) or user is None or not user.is_authenticated:
        return None
    entry = cache.get(_key(token))
    if not isinstance(entry, dict) or entry.get("user") != user.pk:
        return None
    return {"done": entry["done"], "total": entry["total"], "stage": entry["stage"]}


class ImportProgress:
    """The ``progress`` callback of ``content_import``, writing to the cache under the form's token.

    A token that is missing or malformed, or that another user already holds, turns tracking off: the import
    still runs, the page just has no progress to show.
    """

    def __init__(self, token: str, user, *, dry_run: bool = False):
        self.user_id = user.pk
        self.key = _key(token) if valid_token(token) else None
        self.rows_stage = CHECKING if dry_run else SAVING
        self.done = self.total = 0
        self.written = None  # rows done at the last write
        if self.key is not None:
            owner = cache.get(self.key)
            if isinstance(owner, dict) and owner.get("user") != self.user_id:
                self.key = None

    @property
    def active(self) -> bool:
        return self.key is not None

    def _write(self, stage: str) -> None:
        if self.key is None:
            return
        entry = {"user": self.user_id, "done": self.done, "total": self.total, "stage": stage}
        cache.set(self.key, entry, TIMEOUT_SECONDS)
        self.written = self.done

    def start(self) -> None:
        self._write(READING)

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        step = min(EVERY_ROWS, max(1, total // 100))
        if self.written is None or done in (0, total) or done - self.written >= step:
            self._write(self.rows_stage)

    def finish(self) -> None:
        self._write(DONE)
