"""Import and export in the admin: an "导入" page and export links on the changelists, export of ticked rows."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from publishing.services import can_review

from .services import CONTENT_TYPES, EXPORT_FORMATS, ImportFileError, content_export, content_import

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        help_text=_("CSV（UTF-8）、Excel（.xlsx）或 JSON；列名和格式见 docs/import/ 中的模板和说明。"),
    )
    dry_run = forms.BooleanField(label=_("只检查，不保存"), required=False)
    publish = forms.BooleanField(
        label=_("导入后直接发布"),
        required=False,
        help_text=_("不勾选时，新导入的内容是草稿（文件中的“发布时间”会保留，发布时沿用）。"),
    )

    def __init__(self, *args, may_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            del self.fields["publish"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 10 MB，请拆分后分批导入。"))
        return upload


class TransferAdminMixin:
    """For the admins of achievements, projects and enterprises; ``transfer_shape`` names the shape exported."""

    transfer_shape = ""
    change_list_template = "admin/transfer/change_list.html"

    def _transfer_url(self, name: str, *args) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)),
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

    def _export_response(self, fmt: str, queryset=None) -> HttpResponse:
        querysets = {self.transfer_shape: queryset} if queryset is not None else None
        content = content_export(shape=self.transfer_shape, fmt=fmt, querysets=querysets)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        filename = f"{self.transfer_shape}-{timezone.localdate():%Y%m%d}.{fmt}"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response

    def export_view(self, request, fmt):
        if fmt not in EXPORT_FORMATS:
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._export_response(fmt)

    def export_selected_csv(self, request, queryset):
        return self._export_response("csv", queryset)

    export_selected_csv.short_description = _("导出所选（CSV，可再导入）")

    def export_selected_xlsx(self, request, queryset):
        return self._export_response("xlsx", queryset)

    export_selected_xlsx.short_description = _("导出所选（Excel，可再导入）")

    def export_selected_json(self, request, queryset):
        return self._export_response("json", queryset)

    export_selected_json.short_description = _("导出所选（JSON，可再导入）")

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        may_publish = can_review(request.user)
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES, may_publish=may_publish)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    report = content_import(
                        name=upload.name,
                        content=upload.read(),
                        user=request.user,
                        publish=form.cleaned_data.get("publish", False),
                        dry_run=form.cleaned_data["dry_run"],
                    )
                except (ImportFileError, PermissionDenied) as error:
                    form.add_error("file", str(error))
                else:
                    if report.saved:
                        self.message_user(request, f"导入完成：{report.summary()}。", messages.SUCCESS)
        else:
            form = ImportForm(may_publish=may_publish)
        context = {
            **self.admin_site.each_context(request),
            "title": "导入成果、项目、企业",
            "opts": self.opts,
            "form": form,
            "report": report,
            "changelist_url": self._transfer_url("changelist"),
        }
        return TemplateResponse(request, "admin/transfer/import.html", context)
