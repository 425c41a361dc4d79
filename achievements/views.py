from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.views.generic import DetailView, ListView

from enterprises.models import Enterprise, Institution
from news.models import Article, ArticleSection
from projects.models import Project

from .models import Achievement, KeyFigure


def source_prefetches(prefix: str = "") -> list[Prefetch]:
    """The article and section a figure came from, only while they are public."""
    return [
        Prefetch(f"{prefix}article", queryset=Article.objects.published()),
        Prefetch(f"{prefix}section", queryset=ArticleSection.objects.published().select_related("article")),
    ]


class FigureDataView(ListView):
    """The key-figure data page: every published figure, grouped by category (charts come later)."""

    template_name = "achievements/figure_list.html"
    context_object_name = "figure_list"
    paginate_by = 100

    def get_queryset(self):
        # Groups follow the order of Achievement.Category, not the alphabet of its stored values.
        category_order = Case(
            *[When(achievement__category=value, then=Value(i)) for i, value in enumerate(Achievement.Category.values)],
            output_field=IntegerField(),
        )
        return (
            KeyFigure.objects.published()
            .select_related("achievement", "achievement__region", "region")
            .prefetch_related(*source_prefetches("achievement__"))
            .annotate(category_order=category_order)
            .order_by("category_order", "-achievement__year", "achievement__title", "order", "id")
        )


class AchievementDetailView(DetailView):
    def get_queryset(self):
        return (
            Achievement.objects.published()
            .select_related("region")
            .prefetch_related(
                *source_prefetches(),
                Prefetch("figures", queryset=KeyFigure.objects.select_related("region")),
                Prefetch("projects", queryset=Project.objects.published()),
                Prefetch("enterprises", queryset=Enterprise.objects.published()),
                Prefetch("institutions", queryset=Institution.objects.published()),
            )
        )
