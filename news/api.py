import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_view

from achievements.models import Achievement, KeyFigure
from api.filters import PublishableFilter, YearFilter
from api.openapi import api_schema
from api.viewsets import WritableContentViewSet
from enterprises.models import Enterprise, Institution
from projects.models import Project
from regions.filters import RegionFilter
from topics.filters import TopicFilter

from .models import Article, ArticleSection
from .serializers import ArticleSerializer, ArticleSummarySerializer, ArticleWriteSerializer


class ArticleFilter(PublishableFilter):
    region = RegionFilter(field_name="regions")
    topic = TopicFilter()
    year = YearFilter(help_text="年度回顾所回顾的年份，例如 2025")
    kind = django_filters.ChoiceFilter(choices=Article.Kind.choices)

    class Meta:
        model = Article
        fields = ["kind", "year", "region", "topic", "status", "updated_since"]


@extend_schema_view(
    **api_schema("文章", ArticleSerializer, writable=True, list_serializer_class=ArticleSummarySerializer)
)
class ArticleViewSet(WritableContentViewSet):
    """News and yearly reviews, with their sections and the key figures placed in them."""

    model = Article
    serializer_class = ArticleSerializer
    list_serializer_class = ArticleSummarySerializer
    write_serializer_class = ArticleWriteSerializer
    nested = {"sections": ArticleSection}
    filterset_class = ArticleFilter
    search_fields = ["title", "subtitle", "lead", "series"]
    ordering_fields = ["published_at", "updated_at", "title", "year"]

    def with_list_related(self, queryset):
        return queryset.select_related("cover").prefetch_related(
            Prefetch("regions", to_attr="listed_regions"), Prefetch("topics", to_attr="listed_topics")
        )

    def with_related(self, queryset):
        achievements = (
            self.visible(Achievement)
            .select_related("region")
            .prefetch_related(Prefetch("figures", queryset=KeyFigure.objects.select_related("region")))
        )
        return queryset.select_related("cover").prefetch_related(
            Prefetch(
                "sections",
                queryset=ArticleSection.objects.prefetch_related(Prefetch("achievements", queryset=achievements)),
            ),
            Prefetch("achievements", queryset=self.visible(Achievement)),
            "regions",
            "topics",
            "people",
            Prefetch("projects", queryset=self.visible(Project)),
            Prefetch("enterprises", queryset=self.visible(Enterprise)),
            Prefetch("institutions", queryset=self.visible(Institution)),
        )
