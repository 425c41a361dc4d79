"""The key-figure data page's selection: filters that combine, their counts, and the charts of what is selected.

One light query reads every published figure's filterable columns; counts and charts are computed from it, so
the page's query count does not grow with the number of figures. The same filters select the rows of the
table and of the CSV / Excel downloads.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.models import Article
from publishing.numbers import UNFOLDED_UNITS, format_cn_amount
from publishing.templatetags.localized import localized_value
from regions.models import Region

from .models import Achievement, KeyFigure

FILTERS = ["category", "region", "year", "target", "article"]
GROUPINGS = {"category": gettext_lazy("按类别"), "region": gettext_lazy("按地区"), "year": gettext_lazy("按年度")}
NO_REGION = gettext_lazy("未注明地区")


def with_effective_fields(queryset):
    """A figure's own region and year, else its achievement's; its source article is its section's, else the
    achievement's article — the same rules as KeyFigure.effective_region and the figure's source link."""
    return queryset.annotate(
        effective_region_id=Coalesce("region_id", "achievement__region_id", output_field=models.BigIntegerField()),
        effective_year_value=Coalesce("year", "achievement__year", output_field=models.IntegerField()),
        source_article_id=Coalesce(
            "achievement__section__article_id", "achievement__article_id", output_field=models.BigIntegerField()
        ),
    )


def category_order():
    # Groups follow the order of Achievement.Category, not the alphabet of its stored values.
    return Case(
        *[When(achievement__category=value, then=Value(i)) for i, value in enumerate(Achievement.Category.values)],
        output_field=models.IntegerField(),
    )


@dataclass
class Option:
    value: str
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    all_url: str
    options: list[Option]

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
    y: int = 0
    width: float = 0
    value_x: float = 0


@dataclass
class Chart:
    """A horizontal bar chart drawn as SVG on the server, with the same numbers in a table beside it."""

    slug: str
    title: str
    dimension: str
    value_heading: str
    bars: list[Bar]
    note: str = ""

    ROW = 34
    LABEL_WIDTH = 150
    BAR_SPACE = 330

    def __post_init__(self):
        largest = max((bar.value for bar in self.bars), default=Decimal(0)) or Decimal(1)
        for index, bar in enumerate(self.bars):
            bar.y = index * self.ROW
            bar.width = round(float(bar.value / largest) * self.BAR_SPACE, 1) if bar.value > 0 else 0
            bar.value_x = self.LABEL_WIDTH + 2 + bar.width + 8

    @property
    def height(self) -> int:
        return len(self.bars) * self.ROW

    @property
    def summary(self) -> str:
        """The chart's text alternative: every bar, in order."""
        return f"{self.title}：" + "；".join(f"{bar.label} {bar.display}" for bar in self.bars) + "。"


@dataclass
class Selection:
    category: str = ""
    region: Region | None = None
    year: int | None = None
    target: bool | None = None
    article: Article | None = None
    errors: list[str] = field(default_factory=list)

    def params(self) -> dict[str, str]:
        """The selection as URL parameters, only those that are set."""
        values = {
            "category": self.category,
            "region": self.region.slug if self.region else "",
            "year": str(self.year) if self.year else "",
            "target": "" if self.target is None else ("1" if self.target else "0"),
            "article": self.article.slug if self.article else "",
        }
        return {name: value for name, value in values.items() if value}


class FigureData:
    """Parse the filters of ``params`` against the published figures and answer everything the page shows."""

    def __init__(self, params: QueryDict):
        self.rows = list(
            with_effective_fields(KeyFigure.objects.published()).values_list(
                "pk",
                "achievement__category",
                "effective_region_id",
                "effective_year_value",
                "is_target",
                "source_article_id",
                "unit",
                "value",
                named=True,
            )
        )
        self.regions = {
            region.pk: region for region in Region.objects.filter(pk__in={row.effective_region_id for row in self.rows})
        }
        self.articles = {
            article.pk: article
            for article in Article.objects.published().filter(pk__in={row.source_article_id for row in self.rows})
        }
        self.params = params
        self.selection = self.parse(params)
        self.selected_rows = [row for row in self.rows if self.matches(row)]

    # Parsing: bad values are reported and left out, never an error page.

    def parse(self, params: QueryDict) -> Selection:
        selection = Selection()
        category = params.get("category", "")
        if category:
            if category in Achievement.Category.values:
                selection.category = category
            else:
                selection.errors.append(_("没有“%(category)s”这个类别，已显示全部类别。") % {"category": category})
        region = params.get("region", "")
        if region:
            selection.region = next((item for item in self.regions.values() if item.slug == region), None)
            if selection.region is None:
                selection.errors.append(_("没有地区“%(region)s”的数据，已显示全部地区。") % {"region": region})
        year = params.get("year", "")
        if year:
            if year.isascii() and year.isdigit() and len(year) == 4:
                selection.year = int(year)
            else:
                selection.errors.append(_("年度“%(year)s”应为四位数字，例如 2025，已显示全部年度。") % {"year": year})
        target = params.get("target", "")
        if target:
            if target in {"0", "1"}:
                selection.target = target == "1"
            else:
                selection.errors.append(_("“预期目标”只能选“是”或“否”，已显示全部数据。"))
        article = params.get("article", "")
        if article:
            selection.article = next((item for item in self.articles.values() if item.slug == article), None)
            if selection.article is None:
                selection.errors.append(_("没有找到这篇出处文章（可能已撤下），已显示全部出处。"))
        return selection

    # Filtering, in Python for counts and charts, in SQL for the table and downloads: the same rules.

    def matches(self, row, *, ignore: str = "") -> bool:
        s = self.selection
        return (
            (ignore == "category" or not s.category or row.achievement__category == s.category)
            and (ignore == "region" or s.region is None or row.effective_region_id == s.region.pk)
            and (ignore == "year" or s.year is None or row.effective_year_value == s.year)
            and (ignore == "target" or s.target is None or row.is_target == s.target)
            and (ignore == "article" or s.article is None or row.source_article_id == s.article.pk)
        )

    def queryset(self):
        s = self.selection
        queryset = with_effective_fields(KeyFigure.objects.published())
        if s.category:
            queryset = queryset.filter(achievement__category=s.category)
        if s.region is not None:
            queryset = queryset.filter(effective_region_id=s.region.pk)
        if s.year is not None:
            queryset = queryset.filter(effective_year_value=s.year)
        if s.target is not None:
            queryset = queryset.filter(is_target=s.target)
        if s.article is not None:
            queryset = queryset.filter(source_article_id=s.article.pk)
        return queryset

    def ordered_queryset(self, grouping: str):
        queryset = self.queryset().annotate(category_order=category_order())
        by_title = ["achievement__title", "order", "id"]
        if grouping == "region":
            region_order = Coalesce("region__order", "achievement__region__order")
            region_name = Coalesce("region__name", "achievement__region__name")
            return queryset.order_by(region_order.asc(nulls_last=True), region_name, "category_order", *by_title)
        if grouping == "year":
            return queryset.order_by(F("effective_year_value").desc(nulls_last=True), "category_order", *by_title)
        return queryset.order_by("category_order", F("effective_year_value").desc(nulls_last=True), *by_title)

    # Links: each keeps the other filters, the grouping and the chart unit; a new filter starts at page 1.

    def url(self, **changes) -> str:
        query = QueryDict(mutable=True)
        query.update(self.selection.params())
        for name in ["group", "unit"]:
            if self.params.get(name):
                query[name] = self.params[name]
        for name, value in changes.items():
            if value in ("", None):
                query.pop(name, None)
            else:
                query[name] = value
        return f"?{query.urlencode()}" if query else "?"

    def export_query(self) -> str:
        query = QueryDict(mutable=True)
        query.update(self.selection.params())
        return query.urlencode()

    def facets(self) -> list[Facet]:
        s = self.selection
        facets = []

        def facet(name, label, choices, key, current):
            counts = Counter(key(row) for row in self.rows if self.matches(row, ignore=name))
            options = [
                Option(value, text, counts.get(match, 0), self.url(**{name: value, "page": ""}), value == current)
                for value, text, match in choices
            ]
            facets.append(Facet(name, label, self.url(**{name: "", "page": ""}), options))

        present = {row.achievement__category for row in self.rows}
        facet(
            "category",
            _("类别"),
            [(value, label, value) for value, label in Achievement.Category.choices if value in present],
            lambda row: row.achievement__category,
            s.category,
        )
        regions = sorted(self.regions.values(), key=lambda region: (region.order, region.name))
        facet(
            "region",
            _("地区"),
            [(region.slug, localized_value(region, "name")[0], region.pk) for region in regions],
            lambda row: row.effective_region_id,
            s.region.slug if s.region else "",
        )
        years = sorted({row.effective_year_value for row in self.rows if row.effective_year_value}, reverse=True)
        facet(
            "year",
            _("年度"),
            [(str(year), _("%(year)s年") % {"year": year}, year) for year in years],
            lambda row: row.effective_year_value,
            str(s.year) if s.year else "",
        )
        facet(
            "target",
            _("数据性质"),
            [("0", _("已完成的量"), False), ("1", _("预期目标"), True)],
            lambda row: row.is_target,
            "" if s.target is None else ("1" if s.target else "0"),
        )
        articles = sorted(self.articles.values(), key=lambda article: article.published_at, reverse=True)
        facet(
            "article",
            _("出处文章"),
            [(article.slug, localized_value(article, "title")[0], article.pk) for article in articles],
            lambda row: row.source_article_id,
            s.article.slug if s.article else "",
        )
        return facets

    # Charts: counts of figures always compare; sums only within one unit, never 元 with 家.

    def summable_rows(self) -> list:
        """Targets are not added to what has been achieved, unless only targets are selected."""
        want_targets = self.selection.target is True
        return [
            row
            for row in self.selected_rows
            if row.is_target == want_targets and row.unit and row.unit not in UNFOLDED_UNITS
        ]

    def chart_units(self) -> list[tuple[str, int]]:
        return Counter(row.unit for row in self.summable_rows()).most_common()

    def chart_unit(self) -> str:
        units = [unit for unit, _count in self.chart_units()]
        asked = self.params.get("unit", "")
        if asked in units:
            return asked
        return "元" if "元" in units else (units[0] if units else "")

    def dimension(self, name: str, row):
        """(sort key, label) of a row along one dimension of the charts."""
        if name == "category":
            return Achievement.Category.values.index(row.achievement__category), Achievement.Category(
                row.achievement__category
            ).label
        if name == "region":
            region = self.regions.get(row.effective_region_id)
            name = localized_value(region, "name")[0] if region else NO_REGION
            return ((region.order, region.name), name) if region else ((10**6, ""), name)
        year = row.effective_year_value
        return year or 0, _("%(year)s年") % {"year": year} if year else _("未注明")

    def chart(self, slug, title, dimension, rows, *, unit: str | None, note: str = "") -> Chart | None:
        totals: dict = defaultdict(Decimal)
        labels = {}
        for row in rows:
            key, label = self.dimension(dimension, row)
            totals[key] += row.value if unit is not None else 1
            labels[key] = label
        if not totals:
            return None
        bars = [
            Bar(labels[key], totals[key], format_cn_amount(totals[key], unit if unit is not None else _("项")))
            for key in sorted(totals)
        ]
        heading = {"category": _("类别"), "region": _("地区"), "year": _("年度")}[dimension]
        value_heading = _("合计（%(unit)s）") % {"unit": unit} if unit is not None else _("数据条数")
        return Chart(slug, title, heading, value_heading, bars, note)

    def charts(self) -> dict:
        rows = self.selected_rows
        unit = self.chart_unit()
        summable = [row for row in self.summable_rows() if row.unit == unit]
        kind = _("预期目标") if self.selection.target is True else _("已完成的量（不含预期目标）")
        note = _(
            "只把单位同为“%(unit)s”的数据相加，%(kind)s；“余”“超”等按原文数值计，不同指标之间可能有重叠，合计仅供比较。"
        ) % {"unit": unit, "kind": kind}
        years = {row.effective_year_value for row in rows}
        counts = [
            self.chart("count-category", _("各类别数据条数"), "category", rows, unit=None),
            self.chart("count-region", _("各地区数据条数"), "region", rows, unit=None),
        ]
        sums = []
        if unit:
            sums = [
                self.chart(
                    "sum-category",
                    _("各类别合计（%(unit)s）") % {"unit": unit},
                    "category",
                    summable,
                    unit=unit,
                    note=note,
                ),
                self.chart(
                    "sum-region", _("各地区合计（%(unit)s）") % {"unit": unit}, "region", summable, unit=unit, note=note
                ),
            ]
        yearly = []
        if len(years) > 1:
            yearly = [self.chart("count-year", _("逐年数据条数"), "year", rows, unit=None)]
            if unit:
                yearly.append(
                    self.chart(
                        "sum-year", _("逐年合计（%(unit)s）") % {"unit": unit}, "year", summable, unit=unit, note=note
                    )
                )
        return {
            "counts": [chart for chart in counts if chart],
            "sums": [chart for chart in sums if chart],
            "yearly": [chart for chart in yearly if chart],
            "unit": unit,
            "units": [
                {"unit": name, "count": count, "url": self.url(unit=name, page=""), "selected": name == unit}
                for name, count in self.chart_units()
            ],
        }
