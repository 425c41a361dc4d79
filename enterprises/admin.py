from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from images.admin import ImageChooserMixin
from publishing.admin import FollowsParentAdmin, PublishableAdmin

from .models import Enterprise, Honour, Institution, Person, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "order"]
    list_filter = ["group"]
    search_fields = ["name"]


@admin.register(Honour)
class HonourAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class PersonInline(admin.TabularInline):
    model = Person
    fields = ["name", "title"]
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(ImageChooserMixin, PublishableAdmin):
    list_display = ["name", "short_name", "region", "sector", "status", "is_live", "updated_at"]
    list_filter = ["status", "region", "sector", "honours"]
    list_select_related = ["region", "sector"]
    search_fields = ["name", "short_name", "summary"]
    autocomplete_fields = ["region", "sector", "honours", "partners", "logo"]
    inlines = [PersonInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "region", "sector", "honours", "partners"]}),
        (None, {"fields": ["summary", "body", "logo", "website"]}),
        (_("英文界面（可选）"), {"fields": ["name_en", "summary_en"], "classes": ["collapse"]}),
        PublishableAdmin.publishing_fieldset,
    ]


@admin.register(Institution)
class InstitutionAdmin(PublishableAdmin):
    list_display = ["name", "short_name", "kind", "parent", "region", "status", "is_live"]
    list_filter = ["status", "kind", "region"]
    list_select_related = ["parent", "region"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent", "region"]
    inlines = [PersonInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "parent", "region", "summary", "website"]}),
        (_("英文界面（可选）"), {"fields": ["name_en", "summary_en"], "classes": ["collapse"]}),
        PublishableAdmin.publishing_fieldset,
    ]


@admin.register(Person)
class PersonAdmin(FollowsParentAdmin):
    parent_fields = ["enterprise", "institution"]
    list_display = ["name", "title", "enterprise", "institution"]
    list_select_related = ["enterprise", "institution"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["enterprise", "institution"]
