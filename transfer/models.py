import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransferJob(models.Model):
    """An import or a full export started in the admin and run by the task worker (transfer/tasks.py).

    An import's uploaded file waits here for the worker (any server's worker can read it) and is dropped once the
    import has finished; an export's file is written here by the worker for its staff member to download, and
    dropped a day later. The task writes the job's state and, at the end, its report. Rows done while an import runs
    are in the shared cache (transfer/progress.py): they change too often for a row, and the import's own
    transaction would hide them until the end.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", _("导入")
        EXPORT = "export", _("导出")

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        FINISHED = "finished", _("已完成")
        FAILED = "failed", _("未完成")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.IMPORT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("操作人"))
    file_name = models.CharField(_("文件名"), max_length=255)
    content = models.BinaryField(_("文件内容"), default=b"", editable=False)
    # An export's shape (achievements, projects, enterprises) and format (csv, xlsx, json).
    shape = models.CharField(_("内容"), max_length=20, blank=True)
    fmt = models.CharField(_("格式"), max_length=10, blank=True)
    # An export of rows ticked in the admin: their ids (none: every row of the shape).
    selection = models.JSONField(_("所选编号"), null=True, blank=True, editable=False)
    dry_run = models.BooleanField(_("只检查，不保存"), default=False)
    after = models.CharField(_("导入后"), max_length=10, default="draft")
    reason = models.CharField(_("强制发布的理由"), max_length=500, blank=True)
    language = models.CharField(_("语言"), max_length=10, default=settings.LANGUAGE_CODE)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)  # the queue's result of the task
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    report = models.JSONField(_("导入报告"), null=True, blank=True)
    message = models.TextField(_("未完成的原因"), blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入导出任务")
        verbose_name_plural = _("导入导出任务")

    def __str__(self):
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def over(self) -> bool:
        return self.state in (self.State.FINISHED, self.State.FAILED)
