from django.db.models import Q
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article
from projects.models import Project

from .models import Region


class RegionViewMixin:
    def get_queryset(self):
        return Region.objects.select_related("parent")


class RegionListView(RegionViewMixin, ListView):
    pass


class RegionDetailView(RegionViewMixin, DetailView):
    latest_articles = 20

    def get_queryset(self):
        return super().get_queryset().prefetch_related("children")

    def get_context_data(self, **kwargs):
        region = self.object
        return super().get_context_data(
            projects=Project.objects.published()
            .filter(Q(region=region) | Q(other_regions=region))
            .distinct()
            .select_related("region"),
            enterprises=Enterprise.objects.published().filter(region=region).select_related("region", "sector"),
            institutions=Institution.objects.published().filter(region=region).select_related("region"),
            achievements=Achievement.objects.published()
            .filter(Q(region=region) | Q(figures__region=region))
            .distinct()
            .select_related("region")
            .prefetch_related("figures"),
            articles=Article.objects.published().filter(regions=region)[: self.latest_articles],
            **kwargs,
        )
