from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery
from django.views.generic import DetailView, ListView

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Institution
from news.models import Article
from projects.models import Project
from publishing.addresses import OldAddressRedirectMixin

from .models import Region


class RegionViewMixin:
    def get_queryset(self):
        return Region.objects.select_related("parent")


class RegionListView(RegionViewMixin, ListView):
    pass


def one_level_down(region):
    """``region`` as seen from a subquery inside the query it is used in (an OuterRef must then point one further)."""
    return OuterRef(region) if isinstance(region, OuterRef) else region


def region_projects(region):
    # "Also serves the region" as IN (keys from the link table), not a join: a join multiplies the rows and the
    # OR across two tables keeps the database from using either index (1.3 s at 10,000 projects).
    serves = Project.other_regions.through.objects.filter(region=one_level_down(region)).values("project_id")
    return Project.objects.published().filter(Q(region=region) | Q(pk__in=serves))


def region_enterprises(region):
    return Enterprise.objects.published().filter(region=region)


def region_institutions(region):
    return Institution.objects.published().filter(region=region)


def region_achievements(region):
    # An achievement of the whole city counts here too when one of its figures is about the region.
    about = KeyFigure.objects.filter(region=one_level_down(region)).values("achievement_id")
    return Achievement.objects.published().filter(Q(region=region) | Q(pk__in=about))


def region_articles(region):
    return Article.objects.published().filter(regions=region)


def count_of(queryset) -> Subquery:
    """How many distinct items ``queryset`` holds, as a subquery: the page's counts come with the region itself."""
    count = Func(F("pk"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)", output_field=IntegerField())
    return Subquery(queryset.order_by().values(n=count), output_field=IntegerField())


class RegionDetailView(OldAddressRedirectMixin, RegionViewMixin, DetailView):
    """Everything about one region: the latest items of each kind, with how many there are in all and a link to
    the full list filtered to the region, so a busy region's page stays as light as a quiet one's."""

    latest_projects = 12
    latest_enterprises = 12
    latest_institutions = 24
    latest_achievements = 10
    latest_articles = 20

    def get_queryset(self):
        region = OuterRef("pk")
        return (
            super()
            .get_queryset()
            .prefetch_related("children")
            .annotate(
                project_count=count_of(region_projects(region)),
                enterprise_count=count_of(region_enterprises(region)),
                institution_count=count_of(region_institutions(region)),
                achievement_count=count_of(region_achievements(region)),
                article_count=count_of(region_articles(region)),
            )
        )

    def get_context_data(self, **kwargs):
        region = self.object
        return super().get_context_data(
            projects=region_projects(region)
            .distinct()
            .select_related("region")
            .order_by("-published_at", "name")[: self.latest_projects],
            enterprises=region_enterprises(region)
            .select_related("region", "sector")
            .order_by("-published_at", "name")[: self.latest_enterprises],
            institutions=region_institutions(region).select_related("region")[: self.latest_institutions],
            achievements=region_achievements(region)
            .distinct()
            .select_related("region")
            .prefetch_related("figures")
            .order_by("-year", "-published_at", "title")[: self.latest_achievements],
            articles=region_articles(region)[: self.latest_articles],
            **kwargs,
        )
