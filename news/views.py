from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from projects.models import Project

from .models import Article, ArticleSection


class ArticleViewMixin:
    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(ArticleViewMixin, ListView):
    paginate_by = 10

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.current_kind:
            queryset = queryset.filter(kind=self.current_kind)
        return queryset

    @property
    def current_kind(self) -> str:
        kind = self.request.GET.get("kind", "")
        return kind if kind in Article.Kind.values else ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Article.Kind.choices,
            current_kind=self.current_kind,
            current_kind_label=Article.Kind(self.current_kind).label if self.current_kind else "",
            **kwargs,
        )


class ArticleDetailView(ArticleViewMixin, DetailView):
    def get_queryset(self):
        # Every relation shown beside the article is filtered to what is published.
        achievements = Achievement.objects.published().select_related("region").prefetch_related("figures")
        return (
            super()
            .get_queryset()
            .select_related("cover")
            .prefetch_related(
                Prefetch(
                    "sections",
                    queryset=ArticleSection.objects.prefetch_related(Prefetch("achievements", queryset=achievements)),
                ),
                Prefetch("achievements", queryset=achievements),
                "regions",
                "topics",
                "people",
                Prefetch("projects", queryset=Project.objects.published()),
                Prefetch("enterprises", queryset=Enterprise.objects.published()),
                Prefetch("institutions", queryset=Institution.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        # Achievements placed in a section are shown beside that section; the rest after the body.
        section_ids = {section.pk for section in self.object.sections.all()}
        unplaced = [item for item in self.object.achievements.all() if item.section_id not in section_ids]
        return super().get_context_data(unplaced_achievements=unplaced, **kwargs)
