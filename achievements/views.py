from django.views.generic import DetailView, ListView

from .models import Achievement, KeyFigure


class FigureDataView(ListView):
    """The key-figure data page: every published figure, grouped by category (charts come later)."""

    template_name = "achievements/figure_list.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            KeyFigure.objects.published()
            .select_related(
                "achievement", "achievement__region", "achievement__article", "achievement__section", "region"
            )
            .order_by("achievement__category", "achievement__title", "order", "id")
        )


class AchievementDetailView(DetailView):
    def get_queryset(self):
        return (
            Achievement.objects.published()
            .select_related("region", "article", "section")
            .prefetch_related("figures", "projects", "enterprises", "institutions")
        )
