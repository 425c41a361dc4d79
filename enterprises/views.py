from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from news.models import Article
from projects.models import Project

from .models import Enterprise, Institution


class EnterpriseViewMixin:
    def get_queryset(self):
        return Enterprise.objects.published().select_related("region", "sector")


class EnterpriseListView(EnterpriseViewMixin, ListView):
    paginate_by = 12


class EnterpriseDetailView(EnterpriseViewMixin, DetailView):
    def get_queryset(self):
        published_projects = Project.objects.published()
        return (
            super()
            .get_queryset()
            .select_related("logo")
            .prefetch_related(
                "honours",
                "people",
                Prefetch("partners", queryset=Institution.objects.published()),
                Prefetch("achievements", queryset=Achievement.objects.published().prefetch_related("figures")),
                Prefetch("operated_projects", queryset=published_projects),
                Prefetch("partner_projects", queryset=published_projects),
                Prefetch("articles", queryset=Article.objects.published()),
            )
        )


class InstitutionViewMixin:
    def get_queryset(self):
        return Institution.objects.published().select_related("region", "parent")


class InstitutionListView(InstitutionViewMixin, ListView):
    paginate_by = 24


class InstitutionDetailView(InstitutionViewMixin, DetailView):
    def get_queryset(self):
        published_projects = Project.objects.published()
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "people",
                Prefetch("children", queryset=Institution.objects.published()),
                Prefetch("partner_enterprises", queryset=Enterprise.objects.published()),
                Prefetch("led_projects", queryset=published_projects),
                Prefetch("partner_projects", queryset=published_projects),
                Prefetch("achievements", queryset=Achievement.objects.published().prefetch_related("figures")),
            )
        )
