from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from presentation.numbers import format_exact
from publishing.admin import FollowsParentAdmin, PublishableAdmin

from .forms import KeyFigureInlineForm
from .models import Achievement, KeyFigure


class KeyFigureInline(admin.TabularInline):
    """The 关键数据 table of an achievement's page: every field in narrow columns that fit a laptop screen
    (static/css/admin.css); under each stored value the figure as written beside it, to check one by the other."""

    model = KeyFigure
    form = KeyFigureInlineForm
    fields = KeyFigureInlineForm.Meta.fields
    autocomplete_fields = ["region"]
    classes = ["compact", "key-figures"]
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "region" and formfield is not None:
            # No add / change / delete / view icons beside each row's region: regions have their own page.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield


@admin.register(Achievement)
class AchievementAdmin(PublishableAdmin):
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
    list_display = [
        "label",
        "text",
        "exact_value",
        "unit",
        "qualifier",
        "kind",
        "measure",
        "achievement",
        "region",
        "year",
        "is_featured",
    ]
    list_filter = ["achievement__category", "year", "region", "kind", "is_target", "is_featured", "bound"]
    list_select_related = ["achievement", "region"]
    search_fields = ["label", "text", "measure", "achievement__title"]
    autocomplete_fields = ["achievement", "region"]

    def get_fields(self, request, obj=None):
        # Read-only (FollowsParentAdmin): the value written in full, 3,000,000,000, not 3000000000.0000.
        return ["exact_value" if name == "value" else name for name in super().get_fields(request, obj)]

    @admin.display(description=_("数值"), ordering="value")
    def exact_value(self, figure):
        return format_exact(figure.value)
