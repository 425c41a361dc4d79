from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import SiteSettings
from .services import site_settings_cache_clear


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row only: it can be added while none exists, edited, never deleted."""

    list_display = ["site_name", "organizer", "site_code", "icp_number", "police_number"]
    fieldsets = [
        (None, {"fields": ["site_name", "organizer"]}),
        (_("联系方式"), {"fields": ["address", "phone", "email"]}),
        (_("备案与标识"), {"fields": ["site_code", "icp_number", "icp_url", "police_number", "police_url"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # 备案 sites are https; staff often paste the address without it
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        site_settings_cache_clear()
