"""Import and export in the admin: an "导入" page and export links on the changelists, export of ticked rows."""

from functools import partial

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_tasks import default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from accounts.middleware import not_activity
from presentation.exports import file_response
from publishing.admin_tools import AdminIntegration, Tool
from publishing.audit import audit_export, audit_refusal
from publishing.permissions import SUBMIT_PERMISSION, can_force_publish

from .models import TransferJob
from .progress import READING, read_progress
from .services import CONTENT_TYPES, EXPORT_FORMATS, check_import_rights, content_export
from .tasks import run_export, run_import

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# How many ids of the ticked rows an export's audit entry names.
AUDITED_IDS = 50
# Up to this many ticked rows are exported in the request (about a second); more go to the task worker, as a full
# export does ("select all" across the pages of a list of 100,000).
EXPORTED_IN_REQUEST = 1000
TEMPLATES = [("xlsx", "Excel"), ("csv", "CSV")]
# A running import that has written no progress for this long is said to have stalled (its worker may be gone).
STALLED_SECONDS = 10 * 60


AFTER_CHOICES = [
    ("draft", _("保存为草稿")),
    ("submit", _("提交审核：由另一位审核人员审核后发布")),
    ("publish", _("直接发布：即强制发布，不经另一人审核，须填写理由")),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        help_text=_("CSV（UTF-8）、Excel（.xlsx）或 JSON；列名见本页上方可下载的模板。"),
    )
    dry_run = forms.BooleanField(label=_("只检查，不保存"), required=False)
    after = forms.ChoiceField(
        label=_("导入后"),
        choices=AFTER_CHOICES,
        initial="draft",
        required=False,  # nothing chosen: drafts
        widget=forms.RadioSelect,
        help_text=_(
            "草稿：文件中的“发布时间”会保留，发布时沿用。"
            "提交审核：与在后台逐条提交相同，须由另一位审核人员审核发布（双人把关），提交人不能审核自己提交的内容。"
            "直接发布不经另一人审核，等同于强制发布：只有有强制发布权限的站点管理员可以选择，须填写理由；"
            "审核日志逐条记下发布人和理由。"
        ),
    )
    reason = forms.CharField(
        label=_("强制发布的理由"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("只在选择“直接发布”时填写，例如：往年年度回顾，已经线下审核。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offered = {"draft"}
        if user.has_perm(SUBMIT_PERMISSION):
            offered.add("submit")
        if can_force_publish(user):
            offered.add("publish")
        else:
            del self.fields["reason"]
        # Only what the user may do is shown; anything else posted is refused with the services' message.
        self.fields["after"].widget.choices = [choice for choice in AFTER_CHOICES if choice[0] in offered]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("after") == "publish" and "reason" in self.fields and not cleaned_data.get("reason"):
            self.add_error("reason", _("选择“直接发布”时，请填写强制发布的理由，它会记入审核日志。"))
        return cleaned_data

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 10 MB，请拆分后分批导入。"))
        return upload


class TransferIntegration(AdminIntegration):
    """Import and export in the admin of one shape's model (achievements, projects, enterprises), registered in
    TransferConfig.ready(): the import page and its progress, full exports as jobs, export of ticked rows."""

    def __init__(self, shape: str):
        self.shape = shape

    @staticmethod
    def _url(model_admin, name: str, *args) -> str:
        return reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_{name}", args=args)

    def get_urls(self, model_admin):
        info = model_admin.opts.app_label, model_admin.opts.model_name

        def view(method):
            return model_admin.admin_site.admin_view(partial(method, model_admin))

        return [
            path("import/", view(self.import_view), name="{}_{}_import".format(*info)),
            path("import/<uuid:job_id>/", view(self.import_job_view), name="{}_{}_import_job".format(*info)),
            path(
                "jobs/<uuid:job_id>/progress/",
                not_activity(never_cache(partial(self.transfer_progress_view, model_admin))),
                name="{}_{}_transfer_progress".format(*info),
            ),
            path("export/<uuid:job_id>/", view(self.export_job_view), name="{}_{}_export_job".format(*info)),
            path(
                "export/<uuid:job_id>/download/",
                view(self.export_download_view),
                name="{}_{}_export_download".format(*info),
            ),
            path(
                "import/template/<str:fmt>/",
                view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            path("export/<str:fmt>/", view(self.export_view), name="{}_{}_export".format(*info)),
        ]

    def changelist_tools(self, request, model_admin):
        tools = []
        if model_admin.has_add_permission(request):
            tools.append(Tool(gettext("导入"), self._url(model_admin, "import")))
        for fmt in EXPORT_FORMATS:
            label = gettext("导出 %(label)s") % {"label": fmt.upper() if fmt != "xlsx" else "Excel"}
            tools.append(Tool(label, self._url(model_admin, "export", fmt), post=True))
        return tools

    def get_actions(self, request, model_admin):
        if not model_admin.has_view_permission(request):
            return []
        return [self.export_selected_csv, self.export_selected_xlsx, self.export_selected_json]

    def _export_response(self, model_admin, request, fmt: str, queryset, name: str = "") -> HttpResponse:
        """The ticked rows, or with ``name`` an empty template, in this request; full exports and large selections
        go to the task worker (``_export_queued``)."""
        if not name:  # a named file is an empty template to fill in: none of the site's content leaves
            ids = list(queryset.order_by("pk").values_list("pk", flat=True))
            shown = ", ".join(str(pk) for pk in ids[:AUDITED_IDS]) + ("…" if len(ids) > AUDITED_IDS else "")
            detail = gettext("管理后台，所选 %(count)s 项（编号 %(ids)s）") % {"count": len(ids), "ids": shown}
            audit_export(user=request.user, model=model_admin.model, fmt=fmt, detail=detail)
            if len(ids) > EXPORTED_IN_REQUEST:
                return self._export_queued(model_admin, request, fmt, selection=ids)
        filename = name or f"{self.shape}-{timezone.localdate():%Y%m%d}.{fmt}"

        def write(out):
            content_export(shape=self.shape, fmt=fmt, out=out, querysets={self.shape: queryset})

        return file_response(write, filename, CONTENT_TYPES[fmt])

    def export_view(self, model_admin, request, fmt):
        """A full export (POST: it starts a job) is written by the task worker; the page of that export follows, with
        its download."""
        if fmt not in EXPORT_FORMATS:
            raise Http404
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        audit_export(user=request.user, model=model_admin.model, fmt=fmt, detail=gettext("管理后台，全部"))
        return self._export_queued(model_admin, request, fmt)

    def _export_queued(self, model_admin, request, fmt: str, selection: list | None = None) -> HttpResponse:
        """Queues the export of every row (``selection`` None) or of the rows with these ids; its page follows."""
        with transaction.atomic():  # the job and its task, or neither
            job = TransferJob.objects.create(
                kind=TransferJob.Kind.EXPORT,
                user=request.user,
                shape=self.shape,
                fmt=fmt,
                selection=selection,
                file_name=f"{self.shape}-{timezone.localdate():%Y%m%d}.{fmt}",
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            result = run_export.enqueue(str(job.pk))
            TransferJob.objects.filter(pk=job.pk, task_id="").update(task_id=result.id)
        return HttpResponseRedirect(self._url(model_admin, "export_job", job.pk))

    def export_job_view(self, model_admin, request, job_id):
        """One full export: queued, being written, then the link to its file (for a day)."""
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        job = self._own_job(request, job_id, TransferJob.Kind.EXPORT)
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("导出"),
            "opts": model_admin.opts,
            "job": job,
            "status": job_status(job),
            "progress_url": self._url(model_admin, "transfer_progress", job.pk),
            "download_url": self._url(model_admin, "export_download", job.pk) if job.content else "",
            "changelist_url": self._url(model_admin, "changelist"),
        }
        return TemplateResponse(request, "admin/transfer/export.html", context)

    def export_download_view(self, model_admin, request, job_id):
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        job = self._own_job(request, job_id, TransferJob.Kind.EXPORT)
        if job.state != TransferJob.State.FINISHED or not job.content:
            raise Http404(gettext("这个导出文件已不再保留，请重新导出。"))
        response = HttpResponse(bytes(job.content), content_type=CONTENT_TYPES[job.fmt])
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=job.file_name)
        return response

    def import_template_view(self, model_admin, request, fmt):
        """An empty file with the import's headings, the same ones an export writes."""
        if fmt not in {"csv", "xlsx"}:
            raise Http404
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        template = f"{self.shape}-template.{fmt}"
        return self._export_response(model_admin, request, fmt, model_admin.model._default_manager.none(), template)

    def export_selected_csv(self, model_admin, request, queryset):
        return self._export_response(model_admin, request, "csv", queryset)

    export_selected_csv.short_description = _("导出所选（CSV，可再导入）")

    def export_selected_xlsx(self, model_admin, request, queryset):
        return self._export_response(model_admin, request, "xlsx", queryset)

    export_selected_xlsx.short_description = _("导出所选（Excel，可再导入）")

    def export_selected_json(self, model_admin, request, queryset):
        return self._export_response(model_admin, request, "json", queryset)

    export_selected_json.short_description = _("导出所选（JSON，可再导入）")

    def import_view(self, model_admin, request):
        """The form; a valid upload is stored and queued for the worker, and the page of that import follows."""
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                after = form.cleaned_data["after"] or "draft"
                reason = form.cleaned_data.get("reason", "")
                try:
                    check_import_rights(
                        user=request.user, submit=after == "submit", publish=after == "publish", reason=reason
                    )
                except (PermissionDenied, ValidationError) as error:
                    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
                    form.add_error("after", gettext("；").join(texts))
                    if isinstance(error, PermissionDenied):
                        attempt = gettext("导入“%(file)s”") % {"file": upload.name}
                        audit_refusal(user=request.user, attempt=attempt, reason=str(error), model=model_admin.model)
                else:
                    with transaction.atomic():  # the job and its task, or neither
                        job = TransferJob.objects.create(
                            user=request.user,
                            file_name=upload.name,
                            content=upload.read(),
                            dry_run=form.cleaned_data["dry_run"],
                            after=after,
                            reason=reason,
                            language=translation.get_language() or settings.LANGUAGE_CODE,
                        )
                        result = run_import.enqueue(str(job.pk))
                        TransferJob.objects.filter(pk=job.pk, task_id="").update(task_id=result.id)
                    return HttpResponseRedirect(self._url(model_admin, "import_job", job.pk))
        else:
            form = ImportForm(user=request.user)
        return self._import_page(model_admin, request, form)

    def _import_page(self, model_admin, request, form, job=None):
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("导入成果、项目、企业"),
            "opts": model_admin.opts,
            "form": form,
            "job": job,
            "report": job.report if job is not None and job.state == TransferJob.State.FINISHED else None,
            "import_url": self._url(model_admin, "import"),
            "changelist_url": self._url(model_admin, "changelist"),
            "template_urls": [(label, self._url(model_admin, "import_template", fmt)) for fmt, label in TEMPLATES],
        }
        if job is not None:
            context["status"] = job_status(job)
            context["progress_url"] = self._url(model_admin, "transfer_progress", job.pk)
        return TemplateResponse(request, "admin/transfer/import.html", context)

    @staticmethod
    def _own_job(request, job_id, kind: str | None = None) -> TransferJob:
        """The job ``job_id`` if the signed-in staff member started it; anyone else gets the same 404 as for a job
        that does not exist, so that nothing can be learnt about other people's imports and exports."""
        jobs = TransferJob.objects.filter(pk=job_id, user=request.user.pk)
        job = (jobs.filter(kind=kind) if kind else jobs).first()
        if job is None:
            raise Http404(gettext("没有找到这次导入或导出。"))
        return job

    def import_job_view(self, model_admin, request, job_id):
        """One import: its progress while it is queued or runs, then its report, with the form for the next one."""
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        job = self._own_job(request, job_id, TransferJob.Kind.IMPORT)
        return self._import_page(model_admin, request, ImportForm(user=request.user), job)

    def transfer_progress_view(self, model_admin, request, job_id):
        """The state of an import or export as JSON (see ``job_status``), polled by its page; a JSON 404 for anyone
        but the staff member who started it."""
        if not model_admin.admin_site.has_permission(request):
            return JsonResponse({"error": gettext("没有找到这次导入或导出。")}, status=404)
        try:
            job = self._own_job(request, job_id)
        except Http404 as error:
            return JsonResponse({"error": str(error)}, status=404)
        return JsonResponse(job_status(job))


def job_status(job: TransferJob) -> dict:
    """{"state": queued / running / finished / failed, "stage", "done", "total", "waiting" (seconds queued),
    "stalled" (no sign of life for a while), "message" (why it did not finish)}.

    The state is the job's own, as its task wrote it; while it runs, the rows come from the task's progress in the
    shared cache. A task the queue has ended without the job knowing (a worker killed mid-import) counts as failed.
    """
    state = job.state
    message = job.message
    if not job.over and job.task_id and default_task_backend.supports_get_result:
        try:
            result = default_task_backend.get_result(job.task_id)
        except TaskResultDoesNotExist:
            result = None
        if result is not None and result.is_finished:
            job.refresh_from_db(fields=["state", "message"])
            if not job.over:
                state = TransferJob.State.FAILED
                if job.kind == TransferJob.Kind.EXPORT:
                    message = gettext("导出中断（后台任务程序停止），没有生成文件。请重新导出。")
                else:
                    message = gettext("导入中断（后台任务程序停止），没有保存任何内容。请重新上传。")
            else:
                state, message = job.state, job.message
    progress = (read_progress(job.pk) or {}) if state == TransferJob.State.RUNNING else {}
    now = timezone.now()
    last_sign = progress.get("at") or (job.started_at or now).timestamp()
    return {
        "state": state,
        "stage": progress.get("stage", READING if state == TransferJob.State.RUNNING else ""),
        "done": progress.get("done", 0),
        "total": progress.get("total", 0),
        "waiting": int((now - job.created_at).total_seconds()) if state == TransferJob.State.QUEUED else 0,
        # Only an import writes progress as it goes; an export's one step has no sign of life to miss.
        "stalled": state == TransferJob.State.RUNNING
        and job.kind == TransferJob.Kind.IMPORT
        and now.timestamp() - last_sign > STALLED_SECONDS,
        "message": message,
    }
