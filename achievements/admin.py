from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing.admin import FollowsParentAdmin, PublishableAdmin
from transfer.admin import TransferAdminMixin

from .models import Achievement, KeyFigure


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    fields = [
        "order",
        "label",
        "text",
        "value",
        "unit",
        "qualifier",
        "bound",
        "is_target",
        "year",
        "region",
        "as_of",
        "as_of_precision",
        "is_featured",
    ]
    autocomplete_fields = ["region"]
    extra = 0


@admin.register(Achievement)
class AchievementAdmin(TransferAdminMixin, PublishableAdmin):
    transfer_shape = "achievements"
    list_display = ["title", "category", "year", "region", "article", "status", "is_live"]
    list_filter = ["status", "category", "year", "region"]
    list_select_related = ["region", "article"]
    search_fields = ["title", "summary", "figures__label"]
    autocomplete_fields = ["region", "article", "section", "projects", "enterprises", "institutions"]
    inlines = [KeyFigureInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "year", ("date", "date_precision"), "region", "summary"]}),
        (None, {"fields": ["article", "section", "projects", "enterprises", "institutions"]}),
        (_("英文界面（可选）"), {"fields": ["title_en", "summary_en"], "classes": ["collapse"]}),
        PublishableAdmin.publishing_fieldset,
    ]


@admin.register(KeyFigure)
class KeyFigureAdmin(FollowsParentAdmin):
    parent_fields = ["achievement"]
    list_display = ["label", "text", "value", "unit", "qualifier", "achievement", "region", "year", "is_featured"]
    list_filter = ["achievement__category", "year", "region", "is_target", "is_featured", "bound"]
    list_select_related = ["achievement", "region"]
    search_fields = ["label", "text", "achievement__title"]
    autocomplete_fields = ["achievement", "region"]
