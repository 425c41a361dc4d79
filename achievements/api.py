import django_filters
from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema_view

from api.filters import PublishableFilter, UtcIsoDateTimeFilter, YearFilter
from api.openapi import api_schema
from api.viewsets import ContentViewSet, ExportMixin, WritableContentViewSet
from enterprises.models import Enterprise, Institution
from news.models import Article, ArticleSection
from projects.models import Project
from publishing.models import PublishStatus
from regions.filters import RegionFilter

from .models import Achievement, KeyFigure
from .serializers import (
    AchievementExportSerializer,
    AchievementSerializer,
    AchievementWriteSerializer,
    FigureExportSerializer,
    FigureSerializer,
)


class AchievementFilter(PublishableFilter):
    region = RegionFilter()
    year = YearFilter()

    class Meta:
        model = Achievement
        fields = ["category", "year", "region", "status", "updated_since"]


class FigureFilter(django_filters.FilterSet):
    """A figure's year and region fall back to its achievement's, as on the data page."""

    year = YearFilter(method="filter_year")
    region = RegionFilter(method="filter_region", help_text="地区的网址名；数据未填地区时按成果的地区")
    category = django_filters.ChoiceFilter(
        field_name="achievement__category", choices=Achievement.Category.choices, help_text="成果类别"
    )
    achievement = django_filters.CharFilter(field_name="achievement__slug", help_text="成果的网址名")
    status = django_filters.ChoiceFilter(field_name="achievement__status", choices=PublishStatus.choices)
    updated_since = UtcIsoDateTimeFilter(
        field_name="achievement__updated_at", lookup_expr="gte", help_text="成果在此时间之后修改过，ISO 8601"
    )

    class Meta:
        model = KeyFigure
        fields = [
            "year",
            "region",
            "category",
            "achievement",
            "kind",
            "measure",
            "is_target",
            "is_featured",
            "status",
            "updated_since",
        ]

    def filter_year(self, queryset, name, year):
        return queryset.filter(effective_year=year)

    def filter_region(self, queryset, name, region):
        return queryset.filter(Q(region=region) | Q(region__isnull=True, achievement__region=region))


class AchievementViewMixin:
    def source_prefetches(self, prefix: str = "") -> list[Prefetch]:
        """The article and section an achievement came from, only while the reader may see them."""
        articles = self.visible(Article)
        return [
            Prefetch(f"{prefix}article", queryset=articles),
            Prefetch(
                f"{prefix}section",
                queryset=ArticleSection.objects.filter(article__in=articles).select_related("article"),
            ),
        ]


@extend_schema_view(
    **api_schema("成果", AchievementSerializer, writable=True, export_serializer_class=AchievementExportSerializer)
)
class AchievementViewSet(AchievementViewMixin, ExportMixin, WritableContentViewSet):
    """Structured results (成果) the office reports, with their key figures."""

    model = Achievement
    serializer_class = AchievementSerializer
    write_serializer_class = AchievementWriteSerializer
    export_serializer_class = AchievementExportSerializer
    nested = {"figures": KeyFigure}
    filterset_class = AchievementFilter
    search_fields = ["title", "summary"]
    ordering_fields = ["year", "date", "title", "published_at", "updated_at"]

    def with_related(self, queryset):
        return queryset.select_related("region").prefetch_related(
            *self.source_prefetches(),
            Prefetch("figures", queryset=KeyFigure.objects.select_related("region")),
            Prefetch("projects", queryset=self.visible(Project)),
            Prefetch("enterprises", queryset=self.visible(Enterprise)),
            Prefetch("institutions", queryset=self.visible(Institution)),
        )

    def export_queryset(self):
        return self.visible(Achievement).select_related("region").prefetch_related("figures")


@extend_schema_view(**api_schema("关键数据", FigureSerializer, export_serializer_class=FigureExportSerializer))
class FigureViewSet(AchievementViewMixin, ExportMixin, ContentViewSet):
    """Key figures: what the dashboard sums, compares and charts. Read-only here; written with their achievement."""

    model = KeyFigure
    serializer_class = FigureSerializer
    export_serializer_class = FigureExportSerializer
    export_numeric_fields = ("value", "year")
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    filterset_class = FigureFilter
    search_fields = ["label", "text", "achievement__title"]
    ordering_fields = ["year", "value", "label", "order"]
    ordering_map = {"year": "effective_year"}

    def visible(self, model):
        if model is KeyFigure:
            # A figure is public exactly when its achievement is.
            return KeyFigure.objects.filter(achievement__in=super().visible(Achievement))
        return super().visible(model)

    def with_related(self, queryset):
        return (
            queryset.select_related("achievement", "achievement__region", "region")
            .prefetch_related(*self.source_prefetches("achievement__"))
            # Newest year first, each achievement's figures together in their order (the index keyfigure_listing).
            .order_by("-effective_year", "-achievement_id", "order", "id")
        )

    def export_queryset(self):
        return self.with_related(self.visible(KeyFigure))
