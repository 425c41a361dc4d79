"""The portal's real task queue in a test: the database backend, and its worker run in the test's process."""

import io
import signal

from django.core.management import call_command

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


def run_worker() -> str:
    """``manage.py db_worker --batch``: runs every task that is due, then returns what it logged. The worker sets
    its own handlers for the stop signals; the test process gets its own back. Only in a transactional test
    (``django_db(transaction=True)``): the worker commits, and closes connections it finds inside a transaction."""
    handlers = {number: signal.getsignal(number) for number in SIGNALS}
    out = io.StringIO()
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", stdout=out)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return out.getvalue()
