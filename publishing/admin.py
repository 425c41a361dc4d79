from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PublishableAdmin(admin.ModelAdmin):
    """Shared admin behaviour of everything with a publishing state."""

    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "published_at"
    list_per_page = 50
    actions_on_bottom = True
    save_on_top = True

    publishing_fieldset = (_("发布"), {"fields": ["status", "published_at", ("created_at", "updated_at")]})
