import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_view

from api.filters import PublishableFilter
from api.openapi import api_schema
from api.viewsets import ContentViewSet, ExportMixin, WritableContentViewSet
from regions.filters import RegionFilter

from .models import Enterprise, Honour, Institution, Sector
from .serializers import (
    EnterpriseExportSerializer,
    EnterpriseSerializer,
    EnterpriseWriteSerializer,
    InstitutionSerializer,
)


class EnterpriseFilter(PublishableFilter):
    region = RegionFilter()
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.all(), to_field_name="slug", help_text="所属产业的网址名（5+4 体系）"
    )
    honour = django_filters.ModelChoiceFilter(
        field_name="honours", queryset=Honour.objects.all(), to_field_name="slug", help_text="荣誉的网址名"
    )

    class Meta:
        model = Enterprise
        fields = ["region", "sector", "honour", "status", "updated_since"]


class InstitutionFilter(PublishableFilter):
    region = RegionFilter()

    class Meta:
        model = Institution
        fields = ["kind", "region", "status", "updated_since"]


@extend_schema_view(
    **api_schema("企业", EnterpriseSerializer, writable=True, export_serializer_class=EnterpriseExportSerializer)
)
class EnterpriseViewSet(ExportMixin, WritableContentViewSet):
    model = Enterprise
    serializer_class = EnterpriseSerializer
    write_serializer_class = EnterpriseWriteSerializer
    export_serializer_class = EnterpriseExportSerializer
    filterset_class = EnterpriseFilter
    search_fields = ["name", "short_name", "summary"]
    ordering_fields = ["name", "published_at", "updated_at"]

    def with_related(self, queryset):
        return queryset.select_related("region", "sector", "logo").prefetch_related(
            "honours", "people", Prefetch("partners", queryset=self.visible(Institution))
        )

    def export_queryset(self):
        return self.visible(Enterprise).select_related("region", "sector").prefetch_related("honours")


@extend_schema_view(**api_schema("机构", InstitutionSerializer))
class InstitutionViewSet(ContentViewSet):
    """Universities, academies, laboratories, banks: bodies that are not companies."""

    model = Institution
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    search_fields = ["name", "short_name", "summary"]
    ordering_fields = ["name", "published_at", "updated_at"]

    def with_related(self, queryset):
        return queryset.select_related("region").prefetch_related(
            Prefetch("parent", queryset=self.visible(Institution))
        )
