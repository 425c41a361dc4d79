from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article

from .models import Project


class ProjectViewMixin:
    def get_queryset(self):
        return Project.objects.published().select_related("region")


class ProjectListView(ProjectViewMixin, ListView):
    paginate_by = 12


class ProjectDetailView(ProjectViewMixin, DetailView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("cover", "operator", "operator_institution")
            .prefetch_related(
                "milestones",
                "other_regions",
                "topics",
                Prefetch("partner_enterprises", queryset=Enterprise.objects.published()),
                Prefetch("partner_institutions", queryset=Institution.objects.published()),
                Prefetch("achievements", queryset=Achievement.objects.published().prefetch_related("figures")),
                Prefetch("articles", queryset=Article.objects.published()),
            )
        )
