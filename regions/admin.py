from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "order"]
    list_editable = ["order"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
