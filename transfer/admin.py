"""Import and export in the admin: an "导入" page and export links on the changelists, export of ticked rows."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from publishing.services import SUBMIT_PERMISSION, audit_export, audit_refusal, can_force_publish

from .progress import ImportProgress, new_token, read_progress
from .services import CONTENT_TYPES, EXPORT_FORMATS, ImportFileError, content_export, content_import

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# How many ids of the ticked rows an export's audit entry names.
AUDITED_IDS = 50
TEMPLATES = [("xlsx", "Excel"), ("csv", "CSV")]


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


class TransferAdminMixin:
    """For the admins of achievements, projects and enterprises (version admins: the list keeps reversion's
    "recover deleted" link); ``transfer_shape`` names the shape exported."""

    transfer_shape = ""
    change_list_template = "admin/transfer/change_list.html"

    def _transfer_url(self, name: str, *args) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)),
            path(
                "import/progress/<str:token>/",
                never_cache(self.import_progress_view),
                name="{}_{}_import_progress".format(*info),
            ),
            path(
                "import/template/<str:fmt>/",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            path(
                "export/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request):
            extra_context["transfer_import_url"] = self._transfer_url("import")
        extra_context["transfer_export_urls"] = [
            (fmt.upper() if fmt != "xlsx" else "Excel", self._transfer_url("export", fmt)) for fmt in EXPORT_FORMATS
        ]
        return super().changelist_view(request, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_view_permission(request):
            for name in ("export_selected_csv", "export_selected_xlsx", "export_selected_json"):
                actions[name] = self.get_action(name)
        return actions

    def _export_response(self, request, fmt: str, queryset=None, name: str = "") -> HttpResponse:
        querysets = {self.transfer_shape: queryset} if queryset is not None else None
        if not name:  # a named file is an empty template to fill in: none of the site's content leaves
            if queryset is None:
                detail = gettext("管理后台，全部")
            else:
                ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
                shown = ", ".join(ids[:AUDITED_IDS]) + ("…" if len(ids) > AUDITED_IDS else "")
                detail = gettext("管理后台，所选 %(count)s 项（编号 %(ids)s）") % {"count": len(ids), "ids": shown}
            audit_export(user=request.user, model=self.model, fmt=fmt, detail=detail)
        content = content_export(shape=self.transfer_shape, fmt=fmt, querysets=querysets)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        filename = name or f"{self.transfer_shape}-{timezone.localdate():%Y%m%d}.{fmt}"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response

    def export_view(self, request, fmt):
        if fmt not in EXPORT_FORMATS:
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._export_response(request, fmt)

    def import_template_view(self, request, fmt):
        """An empty file with the import's headings, the same ones an export writes."""
        if fmt not in {"csv", "xlsx"}:
            raise Http404
        if not self.has_add_permission(request):
            raise PermissionDenied
        template = f"{self.transfer_shape}-template.{fmt}"
        return self._export_response(request, fmt, self.model._default_manager.none(), template)

    def export_selected_csv(self, request, queryset):
        return self._export_response(request, "csv", queryset)

    export_selected_csv.short_description = _("导出所选（CSV，可再导入）")

    def export_selected_xlsx(self, request, queryset):
        return self._export_response(request, "xlsx", queryset)

    export_selected_xlsx.short_description = _("导出所选（Excel，可再导入）")

    def export_selected_json(self, request, queryset):
        return self._export_response(request, "json", queryset)

    export_selected_json.short_description = _("导出所选（JSON，可再导入）")

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                after = form.cleaned_data["after"] or "draft"
                # The page polls import_progress_view with the token its form carried (see transfer/progress.py).
                progress = ImportProgress(
                    request.POST.get("progress_token", ""), request.user, dry_run=form.cleaned_data["dry_run"]
                )
                progress.start()
                try:
                    report = content_import(
                        name=upload.name,
                        content=upload.read(),
                        user=request.user,
                        submit=after == "submit",
                        publish=after == "publish",
                        reason=form.cleaned_data.get("reason", ""),
                        dry_run=form.cleaned_data["dry_run"],
                        progress=progress,
                    )
                except ImportFileError as error:
                    form.add_error("file", str(error))
                except (PermissionDenied, ValidationError) as error:
                    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
                    form.add_error("after", gettext("；").join(texts))
                    if isinstance(error, PermissionDenied):
                        attempt = gettext("导入“%(file)s”") % {"file": upload.name}
                        audit_refusal(user=request.user, attempt=attempt, reason=str(error), model=self.model)
                else:
                    if report.saved:
                        message = _("导入完成：%(summary)s。") % {"summary": report.summary()}
                        self.message_user(request, message, messages.SUCCESS)
                finally:
                    progress.finish()
        else:
            form = ImportForm(user=request.user)
        # A new token on every page, so that importing again from the result page is tracked on its own.
        token = new_token()
        context = {
            **self.admin_site.each_context(request),
            "title": _("导入成果、项目、企业"),
            "opts": self.opts,
            "form": form,
            "report": report,
            "changelist_url": self._transfer_url("changelist"),
            "template_urls": [(label, self._transfer_url("import_template", fmt)) for fmt, label in TEMPLATES],
            "progress_token": token,
            "progress_url": self._transfer_url("import_progress", token),
        }
        return TemplateResponse(request, "admin/transfer/import.html", context)

    def import_progress_view(self, request, token):
        """{"done": rows done, "total": rows in the file, "stage": reading / checking / saving / done} as JSON.

        Only the staff member who started the import sees it; anyone else, and an unknown or expired token,
        get the same 404, so a token cannot be probed.
        """
        user = request.user if self.admin_site.has_permission(request) else None
        progress = read_progress(token, user)
        if progress is None:
            return JsonResponse({"error": str(_("没有找到这次导入的进度。"))}, status=404)
        return JsonResponse(progress)
