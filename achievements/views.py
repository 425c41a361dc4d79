from itertools import groupby

from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from enterprises.models import Enterprise, Institution
from news.models import Article, ArticleSection
from projects.models import Project
from publishing.gone import WithdrawnMixin
from publishing.preview import PreviewMixin
from publishing.templatetags.localized import localized_value

from .exports import csv_response, export_row, xlsx_response
from .figure_data import GROUPINGS, NO_REGION, FigureData
from .models import Achievement, KeyFigure


def source_prefetches(prefix: str = "") -> list[Prefetch]:
    """The article and section a figure came from, only while they are public."""
    return [
        Prefetch(f"{prefix}article", queryset=Article.objects.published()),
        Prefetch(f"{prefix}section", queryset=ArticleSection.objects.published().select_related("article")),
    ]


class FigureDataView(ListView):
    """The key-figure data page: published figures, filtered, grouped, charted and downloadable."""

    template_name = "achievements/figure_list.html"
    context_object_name = "figure_list"
    paginate_by = 100

    @cached_property
    def data(self) -> FigureData:
        return FigureData(self.request.GET)

    @property
    def grouping(self) -> str:
        group = self.request.GET.get("group", "")
        return group if group in GROUPINGS else "category"

    def get_queryset(self):
        return figure_rows(self.data.ordered_queryset(self.grouping))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.data
        return {
            **context,
            "groups": group_figures(context["figure_list"], self.grouping),
            "grouping": self.grouping,
            "groupings": [
                {
                    "value": value,
                    "label": label,
                    "url": data.url(group=value, page=""),
                    "selected": value == self.grouping,
                }
                for value, label in GROUPINGS.items()
            ],
            "facets": data.facets(),
            "selection": data.selection,
            "selected_count": len(data.selected_rows),
            "total_count": len(data.rows),
            "clear_url": "?" + (f"group={self.grouping}" if self.grouping != "category" else ""),
            "charts": data.charts(),
            "export_query": data.export_query(),
        }


def figure_rows(queryset):
    """A figure with everything its row shows: achievement, region, and its public sources and related items."""
    return queryset.select_related("achievement", "achievement__region", "region").prefetch_related(
        *source_prefetches("achievement__"),
        Prefetch("achievement__projects", queryset=Project.objects.published()),
        Prefetch("achievement__enterprises", queryset=Enterprise.objects.published()),
    )


def group_figures(figures, grouping: str) -> list[dict]:
    def key(figure):
        if grouping == "region":
            region = figure.effective_region
            return (
                (localized_value(region, "name")[0], f"region-{region.slug}") if region else (NO_REGION, "region-none")
            )
        if grouping == "year":
            return _("%(year)s年") % {"year": figure.effective_year}, f"year-{figure.effective_year}"
        category = figure.achievement.category
        return Achievement.Category(category).label, f"category-{category}"

    return [
        {"label": label, "anchor": anchor, "figures": list(items)}
        for (label, anchor), items in groupby(figures, key=key)
    ]


class FigureExportView(View):
    """Exactly the figures the data page shows for the same filters, as CSV (UTF-8 with BOM) or Excel."""

    def get(self, request, format):
        data = FigureData(request.GET)
        if data.selection.errors:
            message = _("筛选条件有误，未生成下载文件：") + "".join(data.selection.errors).replace(
                "已显示全部", "可去掉此项："
            )
            return HttpResponseBadRequest(message.encode(), content_type="text/plain; charset=utf-8")
        figures = figure_rows(data.ordered_queryset("category"))
        rows = (export_row(figure, request) for figure in figures.iterator(chunk_size=2000))
        filename = "科创数据"
        if format == "xlsx":
            return xlsx_response(rows, f"{filename}.xlsx")
        return csv_response(rows, f"{filename}.csv")


class AchievementDetailView(WithdrawnMixin, PreviewMixin, DetailView):
    model = Achievement

    def get_queryset(self):
        return (
            self.published_or_preview(Achievement.objects.all())
            .select_related("region")
            .prefetch_related(
                *source_prefetches(),
                Prefetch("figures", queryset=KeyFigure.objects.select_related("region")),
                Prefetch("projects", queryset=Project.objects.published()),
                Prefetch("enterprises", queryset=Enterprise.objects.published()),
                Prefetch("institutions", queryset=Institution.objects.published()),
            )
        )
