from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "title", "alt_text", "credit", "width", "height", "created_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    list_filter = ["is_decorative"]

    @admin.display(description=_("缩略图"))
    def thumbnail(self, obj):
        if not obj.file:
            return "—"
        return format_html('<img src="{}" alt="{}" style="max-height:48px;max-width:96px">', obj.file.url, obj.alt_text)
