from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from news.models import Article
from projects.models import Project

from .models import Enterprise, Institution


class EnterpriseViewMixin:
    def get_queryset(self):
        return Enterprise.objects.published().select_related("region", "sector").prefetch_related("honours")


class EnterpriseListView(EnterpriseViewMixin, ListView):
    paginate_by = 12


class EnterpriseDetailView(EnterpriseViewMixin, DetailView):
    def get_queryset(self):
        published_projects = Project.objects.published().select_related("region")
        return (
            super()
            .get_queryset()
            .select_related("logo")
            .prefetch_related(
                "people",
                Prefetch("partners", queryset=Institution.objects.published()),
                Prefetch(
                    "achievements",
                    queryset=Achievement.objects.published().select_related("region").prefetch_related("figures"),
                ),
                Prefetch("operated_projects", queryset=published_projects),
                Prefetch("partner_projects", queryset=published_projects),
                Prefetch("articles", queryset=Article.objects.published()),
            )
        )


class InstitutionViewMixin:
    def get_queryset(self):
        return Institution.objects.published().select_related("region")


class InstitutionListView(InstitutionViewMixin, ListView):
    paginate_by = 24

    def get_queryset(self):
        return super().get_queryset().prefetch_related(Prefetch("parent", queryset=Institution.objects.published()))


class InstitutionDetailView(InstitutionViewMixin, DetailView):
    def get_queryset(self):
        published_projects = Project.objects.published().select_related("region")
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("parent", queryset=Institution.objects.published()),
                "people",
                Prefetch("children", queryset=Institution.objects.published()),
                Prefetch("partner_enterprises", queryset=Enterprise.objects.published()),
                Prefetch("led_projects", queryset=published_projects),
                Prefetch("partner_projects", queryset=published_projects),
                Prefetch(
                    "achievements",
                    queryset=Achievement.objects.published().select_related("region").prefetch_related("figures"),
                ),
                Prefetch("articles", queryset=Article.objects.published()),
            )
        )
