from contextvars import ContextVar

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from publishing.admin import AuditedAdminMixin

from .forms import ImageAdminForm
from .models import Image, Rendition
from .services import image_renditions_queue, image_usages
from .storage import files_removed_on_failure

# The newest images; staff search for older ones.
PICKER_LIMIT = 60

# True while the admin shows the form again after the picture could not be stored: set for the length of that
# view (nothing rides on the request), read by get_form further down it.
STORING_FAILED: ContextVar[bool] = ContextVar("images_storing_failed", default=False)


def thumbnail_rendition(image: Image) -> Rendition | None:
    """The smallest uncropped rendition, read from the prefetched list."""
    renditions = [r for r in image.renditions.all() if not r.crop]
    return min(renditions, key=lambda r: (r.width, r.format != Rendition.Format.WEBP), default=None)


def thumbnail_url(image: Image) -> str:
    rendition = thumbnail_rendition(image)
    return rendition.file.url if rendition else image.file.url


class StoringFailed(Exception):
    """The picture could not be written to storage (a full disk, a lost mount)."""


def _storing_failed_clean(form):
    form.add_error(
        None,
        gettext(
            "图片没有保存：服务器存储空间不足或暂时无法写入，什么都没有保存。请稍后再上传一次；"
            "如果一直不行，请联系网站管理员。"
        ),
    )
    return form.cleaned_data


@admin.register(Image)
class ImageAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["thumbnail", "title", "alt_text", "is_decorative", "credit", "width", "height", "created_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    list_filter = ["is_decorative"]
    readonly_fields = ["preview", "dimensions", "usages"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "dimensions", "title"]}),
        (_("无障碍与署名"), {"fields": ["alt_text", "is_decorative", "caption", "credit"]}),
        (
            _("裁切焦点"),
            {
                "fields": ["focal_x", "focal_y"],
                "description": _("卡片图按 16:9 裁切时，以焦点为中心保留画面。修改后会重新生成各尺寸版本。"),
            },
        ),
        (_("使用位置"), {"fields": ["usages"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(Prefetch("renditions"))

    @admin.display(description=_("缩略图"))
    def thumbnail(self, obj):
        if not obj.file:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" class="admin-thumbnail" loading="lazy">', thumbnail_url(obj), obj.alt
        )

    @admin.display(description=_("预览"))
    def preview(self, obj):
        if not obj.pk or not obj.file:
            return _("保存后显示预览。")
        return format_html('<img src="{}" alt="{}" class="admin-preview">', thumbnail_url(obj), obj.alt)

    @admin.display(description=_("原图尺寸"))
    def dimensions(self, obj):
        if not obj.width:
            return "—"
        count = len(obj.renditions.all())
        return _("%(width)s×%(height)s 像素，已生成 %(count)s 个尺寸版本") % {
            "width": obj.width,
            "height": obj.height,
            "count": count,
        }

    @admin.display(description=_("使用位置"))
    def usages(self, obj):
        if not obj.pk:
            return "—"
        found = image_usages(image=obj)
        if not found:
            return _("暂未被文章、项目或企业使用。")
        rows = ((usage.kind, usage.admin_url, usage.label) for usage in found)
        items = format_html_join("", '<li>{}：<a href="{}">{}</a></li>', rows)
        return format_html('<ul class="admin-short-list">{}</ul>', items)

    def save_model(self, request, obj, form, change):
        # Renditions are made by the task worker, once, so neither this request nor any page view waits for Pillow.
        rebuild = change and bool({"file", "focal_x", "focal_y"} & set(form.changed_data))
        try:
            super().save_model(request, obj, form, change)
        except OSError as error:
            raise StoringFailed from error
        image_renditions_queue(image=obj, force=rebuild)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            # Whatever fails in the admin's transaction after the file was stored takes the file with it.
            with files_removed_on_failure():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except StoringFailed:
            # Nothing was kept (the transaction and the files are gone): the same form again, as it was sent,
            # with the reason, and nothing saved; the picture has to be chosen again (browsers never refill it).
            token = STORING_FAILED.set(True)
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            finally:
                STORING_FAILED.reset(token)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if STORING_FAILED.get():
            return type(form.__name__, (form,), {"clean": _storing_failed_clean})
        return form

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        preview = path(
            "<int:pk>/chooser-preview/",
            self.admin_site.admin_view(self.chooser_preview),
            name="{}_{}_chooser_preview".format(*info),
        )
        picker = path(
            "richtext-picker/",
            self.admin_site.admin_view(self.richtext_picker),
            name="{}_{}_richtext_picker".format(*info),
        )
        return [preview, picker, *super().get_urls()]

    def richtext_picker(self, request):
        """The library as a pop-up for the rich-text editor's "Browse…": a click puts the image into the body."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        images = self.get_queryset(request)
        if query:
            images = images.filter(
                Q(title__icontains=query) | Q(alt_text__icontains=query) | Q(caption__icontains=query)
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("从图片库选择图片"),
            "opts": self.opts,
            "is_popup": True,
            "query": query,
            "callback": request.GET.get("CKEditorFuncNum", ""),
            "choices": [(image, thumbnail_url(image)) for image in images[:PICKER_LIMIT]],
            "add_url": reverse("admin:images_image_add"),
        }
        return TemplateResponse(request, "admin/images/image/richtext_picker.html", context)

    def chooser_preview(self, request, pk):
        """The thumbnail and description of one image, for the preview under a cover or logo field."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"error": str(_("没有查看图片库的权限。"))}, status=403)
        image = get_object_or_404(self.get_queryset(request), pk=pk)
        return JsonResponse(
            {
                "id": image.pk,
                "title": image.title,
                "alt": image.alt,
                "thumbnail": thumbnail_url(image),
                "width": image.width,
                "height": image.height,
            }
        )


class ImageChooserMixin:
    """For admins with cover/logo fields: shows a thumbnail of the chosen image under its autocomplete field."""

    # A restored revision without a picture keeps the one chosen since (publishing.admin.PublishableAdmin).
    restore_keeps_when_empty = ("cover", "logo")

    class Media:
        js = ["images/admin/chooser-preview.js"]
