"""Imports and full exports started in the admin, run by the task worker (`manage.py db_worker`, which `make run`
starts), so that a file of 20,000 rows neither ties up a web worker nor runs into its time-out.

The admin stores an upload in a ``TransferJob`` and queues ``run_import`` with the job's id; the task claims the job
(one worker only, even if the task were delivered twice), runs ``content_import`` with the rights of the staff
member who uploaded it and in their language, and writes the report, or why it did not finish, on the job. An
import is one transaction, so one that the database broke off saved nothing and is queued again, up to
``MAX_ATTEMPTS`` times; any other failure is shown to the staff member with its message, and logged. A full export
(``run_export``) writes its file on the job the same way, for the staff member to download from the job's page.
"""

import datetime
import logging
import tempfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError, connection
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from publishing.audit import audit_refusal

from .models import TransferJob
from .progress import ImportProgress
from .services import ImportFileError, content_export, content_import
from .shapes import SHAPES

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_SECONDS = 30  # after the first broken-off attempt; twice as long after the second
KEEP_DAYS = 30  # finished jobs (their reports; the files are gone already) are deleted after this many days
EXPORT_KEEP_SECONDS = 24 * 60 * 60  # an export's file can be downloaded for a day


def _claim(job_id: str, kind: str) -> TransferJob | None:
    """The job, now running, if it was queued (one worker only gets it); old jobs and old exports' files go."""
    now = timezone.now()
    claimed = TransferJob.objects.filter(pk=job_id, kind=kind, state=TransferJob.State.QUEUED).update(
        state=TransferJob.State.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None  # run already, or deleted
    TransferJob.objects.filter(finished_at__lt=now - datetime.timedelta(days=KEEP_DAYS)).delete()
    stale = now - datetime.timedelta(seconds=EXPORT_KEEP_SECONDS)
    TransferJob.objects.filter(kind=TransferJob.Kind.EXPORT, finished_at__lt=stale).exclude(content=b"").update(
        content=b""
    )
    return TransferJob.objects.select_related("user").get(pk=job_id)


@task()
def run_export(job_id: str) -> str:
    """Writes the file of the queued export ``job_id`` (every row, or the ticked ones) for its staff member."""
    job = _claim(job_id, TransferJob.Kind.EXPORT)
    if job is None:
        return "not queued"
    querysets = None
    if job.selection is not None:
        querysets = {job.shape: SHAPES[job.shape].model._default_manager.filter(pk__in=job.selection)}
    try:
        # Written to disk as the rows are read; only the finished file is read back, to be kept on the job.
        with translation.override(job.language), tempfile.TemporaryFile() as out:
            content_export(shape=job.shape, fmt=job.fmt, out=out, querysets=querysets)
            out.seek(0)
            content = out.read()
    except (OperationalError, InterfaceError) as error:
        return _broken_off(job, error)
    except (KeyboardInterrupt, SystemExit):
        _queue_again(job, delay=0)
        raise
    except Exception as error:
        _failed(job, _("服务器出错（%(error)s），没有生成文件。") % {"error": type(error).__name__})
        raise
    job.content, job.state, job.finished_at = content, TransferJob.State.FINISHED, timezone.now()
    job.report = {"bytes": len(content)}
    job.save(update_fields=["content", "state", "finished_at", "report"])
    return "finished"


@task()
def run_import(job_id: str) -> str:
    """Runs the queued import ``job_id``; returns what became of it (the queue keeps it as the task's result)."""
    job = _claim(job_id, TransferJob.Kind.IMPORT)
    if job is None:
        return "not queued"
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
                audit_refusal(user=job.user, attempt=attempt, reason=str(error), model=TransferJob)
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
    job.state, job.finished_at, job.content = TransferJob.State.FINISHED, timezone.now(), b""
    job.save(update_fields=["report", "state", "finished_at", "content"])
    return "finished with errors" if errors else "finished"


def _failed(job: TransferJob, message: str) -> None:
    logger.exception("%s %s (%s) failed", job.get_kind_display(), job.pk, job.file_name)
    TransferJob.objects.filter(pk=job.pk).update(
        state=TransferJob.State.FAILED, message=message, finished_at=timezone.now(), content=b""
    )


def _broken_off(job: TransferJob, error: Exception) -> str:
    """The database broke the job off: an import rolled back whole and an export wrote nothing, so it is queued
    again (or, at the last attempt, given up with a message that says so)."""
    if not connection.is_usable():
        connection.close()  # the next query opens a new connection
    if job.attempts >= MAX_ATTEMPTS:
        if job.kind == TransferJob.Kind.EXPORT:
            message = _("数据库连接中断，已重试 %(attempts)s 次，没有生成文件。请稍后重新导出。")
        else:
            message = _("数据库连接中断，已重试 %(attempts)s 次，没有保存任何内容。请稍后重新上传。")
        _failed(job, message % {"attempts": job.attempts})
        return "failed"
    logger.warning("%s %s broken off by the database (%s); queued again", job.get_kind_display(), job.pk, error)
    _queue_again(job, delay=RETRY_SECONDS * job.attempts)
    return "queued again"


def _queue_again(job: TransferJob, *, delay: int) -> None:
    TransferJob.objects.filter(pk=job.pk).update(state=TransferJob.State.QUEUED)
    retry = run_export if job.kind == TransferJob.Kind.EXPORT else run_import
    if delay and retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    result = retry.enqueue(str(job.pk))
    TransferJob.objects.filter(pk=job.pk).update(task_id=result.id)
