from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema_view

from api.filters import PublishableFilter
from api.openapi import api_schema
from api.viewsets import ExportMixin, WritableContentViewSet
from enterprises.models import Enterprise, Institution
from regions.filters import RegionFilter
from topics.filters import TopicFilter

from .models import Milestone, Project
from .serializers import ProjectExportSerializer, ProjectSerializer, ProjectWriteSerializer


class ProjectFilter(PublishableFilter):
    region = RegionFilter(method="filter_region", help_text="所在地区或相关地区的网址名")
    topic = TopicFilter()

    class Meta:
        model = Project
        fields = ["kind", "stage", "region", "topic", "status", "updated_since"]

    def filter_region(self, queryset, name, region):
        # A subquery, not a join, so a project listed under several regions appears once.
        elsewhere = Project.other_regions.through.objects.filter(region=region).values("project_id")
        return queryset.filter(Q(region=region) | Q(pk__in=elsewhere))


@extend_schema_view(
    **api_schema("项目 / 平台", ProjectSerializer, writable=True, export_serializer_class=ProjectExportSerializer)
)
class ProjectViewSet(ExportMixin, WritableContentViewSet):
    """Projects, platforms, funds, programmes and infrastructure, with their milestones."""

    model = Project
    serializer_class = ProjectSerializer
    write_serializer_class = ProjectWriteSerializer
    export_serializer_class = ProjectExportSerializer
    export_numeric_fields = ("investment",)
    nested = {"milestones": Milestone}
    filterset_class = ProjectFilter
    search_fields = ["name", "short_name", "summary"]
    ordering_fields = ["name", "start_date", "investment", "published_at", "updated_at"]

    def with_related(self, queryset):
        # A draft operator or partner is not named: even to-one links go through visible().
        return queryset.select_related("region", "cover").prefetch_related(
            "milestones",
            "other_regions",
            "topics",
            Prefetch("operator", queryset=self.visible(Enterprise)),
            Prefetch("operator_institution", queryset=self.visible(Institution)),
            Prefetch("partner_enterprises", queryset=self.visible(Enterprise)),
            Prefetch("partner_institutions", queryset=self.visible(Institution)),
        )

    def export_queryset(self):
        return self.visible(Project).select_related("region")
