"""Where uploads are stored: the server's disk (the embedded default), or S3-compatible object storage when the
environment names a bucket (``DJANGO_S3_BUCKET``: AWS S3, MinIO, the S3-compatible stores of Chinese clouds), which
several application servers share (images/object_storage.py, imported only then: boto3 costs a process some 20 MB).
Both fail with ``OSError`` when they cannot store or read a file, and both say how they are (``health()``).

Files are not transactional. ``files_removed_on_failure`` notes every file the storage writes inside it and deletes
them if the block fails, so an upload whose transaction rolls back (a full disk half-way, a failing save later in
the same admin request) leaves no file behind; files that outlive their rows once the deletion commits are removed
by images/signals.py.
"""

import os
import threading
from contextlib import contextmanager

from django.core.files.storage import FileSystemStorage

_recording = threading.local()


@contextmanager
def files_removed_on_failure():
    """Deletes every file written through a media storage in this block (in this thread) if the block raises."""
    written: list[tuple[object, str]] = []
    stack = _recording.__dict__.setdefault("stack", [])
    stack.append(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except OSError:  # the storage that failed may fail again: the error that matters is raised
                pass
        raise
    finally:
        stack.remove(written)


class WritesNoted:
    def _save(self, name, content):
        name = super()._save(name, content)
        for written in getattr(_recording, "stack", ()):
            written.append((self, name))
        return name


class MediaStorage(WritesNoted, FileSystemStorage):
    """Django's ``FileSystemStorage``; a write that fails (a full disk, a lost mount) takes its partial file with it
    instead of leaving an empty or truncated one behind."""

    def _save(self, name, content):
        existed = self.exists(name)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and self.exists(name):
                self.delete(name)
            raise

    def health(self) -> str:
        """ "ok", or "unwritable" when the folder cannot take files (a folder not made yet is made in a parent that
        must be writable)."""
        root = self.location
        if os.path.exists(root) and not os.path.isdir(root):
            return "unwritable"
        while not os.path.exists(root):
            root = os.path.dirname(root)
        return "ok" if os.access(root, os.W_OK) else "unwritable"
