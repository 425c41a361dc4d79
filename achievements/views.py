from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from enterprises.models import Enterprise, Institution
from news.models import Article, ArticleSection
from presentation import exports
from presentation.language import interface_is_chinese, localized_value
from projects.models import Project
from publishing.addresses import OldAddressRedirectMixin
from publishing.gone import WithdrawnMixin
from publishing.preview import PreviewMixin

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
    paginate_by = 50

    @cached_property
    def data(self) -> FigureData:
        return FigureData(self.request.GET)

    @property
    def grouping(self) -> str:
        group = self.request.GET.get("group", "")
        return group if group in GROUPINGS else "category"

    def get_queryset(self):
        # Paginated as ids: sorting narrow rows to pick a page costs far less than sorting every figure whole.
        return self.data.ordered_queryset(self.grouping).values_list("pk", flat=True)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return FigurePaginator(self.data, self.grouping, queryset, per_page, orphans, allow_empty_first_page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.data
        position = {pk: index for index, pk in enumerate(context["figure_list"])}
        figures = sorted(figure_rows(KeyFigure.objects.filter(pk__in=position)), key=lambda row: position[row.pk])
        return {
            **context,
            "figure_list": figures,
            "groups": group_figures(figures, self.grouping),
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
            "selected_count": data.selected_count,
            "total_count": data.total_count,
            "clear_url": "?" + (f"group={self.grouping}" if self.grouping != "category" else ""),
            "charts": data.charts(),
            "export_query": data.export_query(),
        }


class FigurePaginator(Paginator):
    """Counted with the charts already (no COUNT query of its own); a page's ids come from ``FigureData.page_ids``,
    which sorts only the groups the page spans."""

    def __init__(self, data: FigureData, grouping: str, *args):
        super().__init__(*args)
        self.data, self.grouping = data, grouping

    @cached_property
    def count(self):
        return self.data.selected_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.data.page_ids(self.grouping, bottom, top - bottom), number, self)


def figure_rows(queryset):
    """A figure with everything its row shows: achievement, region, and its public sources and related items."""
    return queryset.select_related("achievement", "achievement__region", "region").prefetch_related(
        *source_prefetches("achievement__"),
        Prefetch("achievement__projects", queryset=Project.objects.published()),
        Prefetch("achievement__enterprises", queryset=Enterprise.objects.published()),
    )


def group_figures(figures, grouping: str) -> list[dict]:
    def key(figure):
        """(label, anchor, whether the label is a Chinese name shown in an English page)."""
        if grouping == "region":
            region = figure.effective_region
            if region is None:
                return NO_REGION, "region-none", False
            name, chinese = localized_value(region, "name")
            return name, f"region-{region.slug}", chinese
        if grouping == "year":
            return _("%(year)s年") % {"year": figure.effective_year}, f"year-{figure.effective_year}", False
        category = figure.achievement.category
        return Achievement.Category(category).label, f"category-{category}", False

    return [
        {"label": label, "anchor": anchor, "chinese": chinese, "figures": list(items)}
        for (label, anchor, chinese), items in groupby(figures, key=key)
    ]


class FigureExportView(View):
    """Exactly the figures the data page shows for the same filters, as CSV (UTF-8 with BOM) or Excel."""

    def get(self, request, format):
        data = FigureData(request.GET)
        if data.selection.errors:
            # Each problem is a sentence: Chinese runs them together, English puts a space between.
            separator = "" if interface_is_chinese() else " "
            message = _("筛选条件有误，未生成下载文件：") + separator.join(data.selection.download_errors)
            return HttpResponseBadRequest(message.encode(), content_type="text/plain; charset=utf-8")
        # Only what a row of the file holds, read in chunks: memory stays flat however many figures there are.
        figures = (
            data.ordered_queryset("category")
            .select_related("achievement", "achievement__region", "region")
            .prefetch_related(*source_prefetches("achievement__"))
        )
        urls = {}
        rows = (export_row(figure, request, urls) for figure in figures.iterator(chunk_size=exports.CHUNK_SIZE))
        filename = _("科创数据")
        if format == "xlsx":
            return xlsx_response(rows, f"{filename}.xlsx")
        return csv_response(rows, f"{filename}.csv")


class AchievementDetailView(OldAddressRedirectMixin, WithdrawnMixin, PreviewMixin, DetailView):
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
