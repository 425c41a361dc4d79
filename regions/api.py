import django_filters
from drf_spectacular.utils import extend_schema_view

from api.openapi import api_schema
from api.viewsets import ContentViewSet

from .models import Region
from .serializers import RegionSerializer


class RegionFilter(django_filters.FilterSet):
    parent = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", help_text="上级地区的网址名，例如 xianning"
    )

    class Meta:
        model = Region
        fields = ["kind", "parent"]


@extend_schema_view(**api_schema("地区", RegionSerializer))
class RegionViewSet(ContentViewSet):
    """The city, its county-level units and development zones, and places outside it."""

    model = Region
    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    search_fields = ["name"]
    ordering_fields = ["order", "name"]

    def with_related(self, queryset):
        return queryset.select_related("parent")
