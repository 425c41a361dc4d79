from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from presentation.numbers import format_exact
from publishing.admin import FollowsParentAdmin, PublishableAdmin
from publishing.admin_tools import AdminIntegration, register_admin_integration

from .citations import citing_pages
from .forms import KeyFigureInlineForm
from .models import Achievement, KeyFigure

# The chooser's list: enough to pick from; a search narrows it.
CHOOSER_LIMIT = 100


class KeyFigureInline(admin.TabularInline):
    """The 关键数据 table of an achievement's page: every field in narrow columns that fit a laptop screen
    (static/css/admin.css); under each stored value the figure as written beside it, to check one by the other."""

    model = KeyFigure
    form = KeyFigureInlineForm
    fields = [*KeyFigureInlineForm.Meta.fields, "citation"]
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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_fields(self, request, obj=None):
        # Read-only (FollowsParentAdmin): the value written in full, 3,000,000,000, not 3000000000.0000.
        return ["exact_value" if name == "value" else name for name in super().get_fields(request, obj)]

    @admin.display(description=_("数值"), ordering="value")
    def exact_value(self, figure):
        return format_exact(figure.value)

    def get_urls(self):
        chooser = path(
            "richtext-chooser/",
            self.admin_site.admin_view(self.richtext_chooser),
            name=f"{self.opts.app_label}_{self.opts.model_name}_richtext_chooser",
        )
        return [chooser, *super().get_urls()]

    def richtext_chooser(self, request):
        """The figures as a pop-up for the rich-text editor's "插入关键数据": a click puts the figure into the text,
        where pages show its current value (publishing/richtext.py)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()
        figures = self.get_queryset(request).select_related("achievement")
        figures = figures.order_by("-effective_year", "achievement", "order", "id")
        if query:
            figures = figures.filter(
                Q(label__icontains=query) | Q(text__icontains=query) | Q(achievement__title__icontains=query)
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("选择要插入正文的关键数据"),
            "opts": self.opts,
            "is_popup": True,
            "query": query,
            "figures": figures[:CHOOSER_LIMIT],
        }
        return TemplateResponse(request, "admin/achievements/keyfigure/richtext_chooser.html", context)


class CitedFiguresWarning(AdminIntegration):
    """Before an achievement leaves the site, the pages whose text states its figures: they will show the figure as
    written then, without its link (publishing/richtext.py). Deleting is refused outright (FigureCitation)."""

    def transition_warnings(self, request, model_admin, name, objects):
        if name not in {"unpublish", "archive"}:
            return []
        pages = citing_pages(KeyFigure.objects.filter(achievement__in=list(objects)))
        if not pages:
            return []
        message = gettext("以下页面的正文引用了这些成果的关键数据，之后将只显示当时的写法、不再链接：%(pages)s。")
        return [message % {"pages": gettext("、").join(f"“{page}”" for page in pages)}]


register_admin_integration(Achievement, CitedFiguresWarning())
