"""Imports started in the admin, run by the task worker (`manage.py db_worker`, which `make run` starts), so that a
file of 20,000 rows neither ties up a web worker nor runs into its time-out.

The admin stores the file in an ``ImportJob`` and queues ``run_import`` with the job's id; the task claims the job
(one worker only, even if the task were delivered twice), runs ``content_import`` with the rights of the staff
member who uploaded it and in their language, and writes the report, or why it did not finish, on the job. An
import is one transaction, so one that the database broke off saved nothing and is queued again, up to
``MAX_ATTEMPTS`` times; any other failure is shown to the staff member with its message, and logged.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError, connection
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from publishing.services import audit_refusal

from .models import ImportJob
from .progress import ImportProgress
from .services import ImportFileError, content_import

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_SECONDS = 30  # after the first broken-off attempt; twice as long after the second
KEEP_DAYS = 30  # finished jobs (their reports; the files are gone already) are deleted after this many days


@task()
def run_import(job_id: str) -> str:
    """Runs the queued import ``job_id``; returns what became of it (the queue keeps it as the task's result)."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "not queued"  # run already, or deleted
    ImportJob.objects.filter(finished_at__lt=now - datetime.timedelta(days=KEEP_DAYS)).delete()
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    progress = ImportProgress(job.pk, dry_run=job.dry_run)
    progress.start()
    summary, records = "", 0
    with translation.override(job.language):
        try:
            report = content_import(
                name=job.file_name,
                content=bytes(job.content),
                user=job.user,
                submit=job.after == "submit",
                publish=job.after == "publish",
                reason=job.reason,
                dry_run=job.dry_run,
                progress=progress,
            )
        except ImportFileError as error:
            errors = [str(error)]
        except (PermissionDenied, ValidationError) as error:  # the uploader's rights changed while it waited
            errors = error.messages if isinstance(error, ValidationError) else [str(error)]
            if isinstance(error, PermissionDenied):
                attempt = _("导入“%(file)s”") % {"file": job.file_name}
                audit_refusal(user=job.user, attempt=attempt, reason=str(error), model=ImportJob)
        except (OperationalError, InterfaceError) as error:
            return _broken_off(job, error)
        except (KeyboardInterrupt, SystemExit):  # the worker was stopped mid-import: the next worker runs it again
            _queue_again(job, delay=0)
            raise
        except Exception as error:
            _failed(job, _("服务器出错（%(error)s），没有保存任何内容。") % {"error": type(error).__name__})
            raise  # the queue records the task as failed, with its traceback, for the operator
        else:
            errors, summary, records = report.errors, report.summary(), report.records
    job.report = {"errors": errors, "summary": summary, "records": records, "dry_run": job.dry_run}
    job.state, job.finished_at, job.content = ImportJob.State.FINISHED, timezone.now(), b""
    job.save(update_fields=["report", "state", "finished_at", "content"])
    return "finished with errors" if errors else "finished"


def _failed(job: ImportJob, message: str) -> None:
    logger.exception("Import %s (%s) failed", job.pk, job.file_name)
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.FAILED, message=message, finished_at=timezone.now(), content=b""
    )


def _broken_off(job: ImportJob, error: Exception) -> str:
    """The database broke the import off: it rolled back whole, so it is queued again (or, at the last attempt,
    given up with a message that says nothing was saved)."""
    if not connection.is_usable():
        connection.close()  # the next query opens a new connection
    if job.attempts >= MAX_ATTEMPTS:
        message = _("数据库连接中断，已重试 %(attempts)s 次，没有保存任何内容。请稍后重新上传。")
        _failed(job, message % {"attempts": job.attempts})
        return "failed"
    logger.warning("Import %s broken off by the database (%s); queued again", job.pk, error)
    _queue_again(job, delay=RETRY_SECONDS * job.attempts)
    return "queued again"


def _queue_again(job: ImportJob, *, delay: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.QUEUED)
    retry = run_import
    if delay and retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    result = retry.enqueue(str(job.pk))
    ImportJob.objects.filter(pk=job.pk).update(task_id=result.id)
