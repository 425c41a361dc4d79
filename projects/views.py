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

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.current_kind:
            queryset = queryset.filter(kind=self.current_kind)
        return queryset

    @property
    def current_kind(self) -> str:
        kind = self.request.GET.get("kind", "")
        return kind if kind in Project.Kind.values else ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Project.Kind.choices,
            current_kind=self.current_kind,
            current_kind_label=Project.Kind(self.current_kind).label if self.current_kind else "",
            **kwargs,
        )


class ProjectDetailView(ProjectViewMixin, DetailView):
    def get_queryset(self):
        # A draft operator or partner is not named: even to-one links go through .published().
        return (
            super()
            .get_queryset()
            .select_related("cover")
            .prefetch_related(
                Prefetch("operator", queryset=Enterprise.objects.published()),
                Prefetch("operator_institution", queryset=Institution.objects.published()),
                "milestones",
                "other_regions",
                "topics",
                Prefetch("partner_enterprises", queryset=Enterprise.objects.published()),
                Prefetch("partner_institutions", queryset=Institution.objects.published()),
                Prefetch(
                    "achievements",
                    queryset=Achievement.objects.published().select_related("region").prefetch_related("figures"),
                ),
                Prefetch("articles", queryset=Article.objects.published()),
            )
        )
