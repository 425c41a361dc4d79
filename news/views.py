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
        kind = self.request.GET.get("kind")
        if kind in Article.Kind.values:
            queryset = queryset.filter(kind=kind)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Article.Kind.choices, current_kind=self.request.GET.get("kind", ""), **kwargs
        )


class ArticleDetailView(ArticleViewMixin, DetailView):
    def get_queryset(self):
        # Every relation shown beside the article is filtered to what is published.
        achievements = Achievement.objects.published().prefetch_related("figures")
        return (
            super()
            .get_queryset()
            .select_related("cover")
            .prefetch_related(
                Prefetch(
                    "sections",
                    queryset=ArticleSection.objects.prefetch_related(Prefetch("achievements", queryset=achievements)),
                ),
                "regions",
                "topics",
                Prefetch("projects", queryset=Project.objects.published()),
                Prefetch("enterprises", queryset=Enterprise.objects.published()),
                Prefetch("institutions", queryset=Institution.objects.published()),
            )
        )
