from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from images.admin import ImageChooserMixin
from publishing.admin import PublishableAdmin

from .models import Milestone, Project


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ["date", "precision", "title", "description", "is_done"]
    classes = ["compact", "milestones"]  # fits the window: static/css/admin.css
    extra = 0


@admin.register(Project)
class ProjectAdmin(ImageChooserMixin, PublishableAdmin):
    list_display = ["name", "kind", "stage", "region", "investment_text", "status", "is_live", "updated_at"]
    list_filter = ["status", "kind", "stage", "region", "topics"]
    list_select_related = ["region"]
    search_fields = ["name", "short_name", "summary"]
    autocomplete_fields = [
        "region",
        "other_regions",
        "topics",
        "operator",
        "operator_institution",
        "partner_enterprises",
        "partner_institutions",
        "cover",
    ]
    inlines = [MilestoneInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "stage", "region", "other_regions", "topics"]}),
        (None, {"fields": ["summary", "body", "cover"]}),
        (_("英文界面（可选）"), {"fields": ["name_en", "summary_en"], "classes": ["collapse"]}),
        (None, {"fields": [("investment", "investment_text"), ("start_date", "start_precision")]}),
        (None, {"fields": ["operator", "operator_institution", "partner_enterprises", "partner_institutions"]}),
        PublishableAdmin.publishing_fieldset,
    ]
