"""The key-figure data page's selection: filters that combine, their counts, and the charts of what is selected.

The database counts and adds up the published figures per category, region, year, target, unit, kind and measure
(at most one row per combination, however many figures share it; the measure only of stocks and flows, the only
figures ever added); facet counts and charts are rolled up from those rows, so
neither the page's queries nor its work grow with the number of figures. The source-article facet has a query of
its own and offers the latest articles only. The same filters select the rows of the (paginated) table and of the
downloads.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caching.state import until_content_changes
from news.models import Article
from presentation.facets import Facet, Option
from presentation.language import interface_is_chinese, localized_value
from presentation.numbers import (
    UNFOLDED_UNITS,
    format_cn_amount,
    format_en_amount,
    localized_amount,
    unit_is_untranslated,
    unit_label,
)
from publishing.models import published_q
from regions.models import Region

from .kinds import ADDITIVE, SHORT_LABELS, Kind
from .models import Achievement, KeyFigure

FILTERS = ["category", "region", "year", "target", "article"]
GROUPINGS = {"category": gettext_lazy("按类别"), "region": gettext_lazy("按地区"), "year": gettext_lazy("按年度")}
NO_REGION = gettext_lazy("未注明地区")
ARTICLE_OPTIONS = 30  # the source-article filter offers the latest articles with figures, and the one selected


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


class FigureRow(NamedTuple):
    """Published figures of one combination of the filters, the unit, the kind and the measure: how many, and their
    sum."""

    achievement__category: str
    effective_region_id: int | None
    effective_year_value: int | None
    is_target: bool
    unit: str
    kind: str
    measure: str  # what is counted (the measure, else the label) of a stock or flow; "" of any other kind
    in_article: bool  # they come from the selected source article (always, when none is selected)
    n: int
    total: float | None


DIMENSIONS = [
    "achievement__category",
    "effective_region_id",
    "effective_year_value",
    "is_target",
    "unit",
    "kind",
    "measure_name",
]


class Series(NamedTuple):
    """What a sum adds up: figures of one measure, one unit and one kind (a stock or a flow)."""

    measure: str
    unit: str
    kind: str


def count_rows(article_pk: int | None) -> list[FigureRow]:
    """One row per combination of the filters, the unit, the kind and the measure, with how many figures it holds
    and their sum. Only a stock's or a flow's measure is a dimension: labels of figures never added would make a
    row of nearly every figure."""
    in_article = (
        Case(When(source_article_id=article_pk, then=Value(True)), default=Value(False))
        if article_pk is not None
        else Value(True)
    )
    rows = (
        with_effective_fields(KeyFigure.objects.published())
        .annotate(
            in_article=in_article,
            measure_name=Case(
                When(kind__in=ADDITIVE, then=Coalesce(NullIf("measure", Value("")), "label")),
                default=Value(""),
                output_field=models.CharField(),
            ),
        )
        .order_by()
        .values(*DIMENSIONS, "in_article")
        # As floats: SQLite's integer SUM() fails on overflow; charts need no more than 15 digits.
        .annotate(n=Count("pk"), total=Sum(Cast("value", models.FloatField())))
        .values_list(*DIMENSIONS, "in_article", "n", "total")
    )
    return [FigureRow(*row) for row in rows]


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
    chinese: bool = False  # the label is a Chinese name shown for want of an English one
    count: str = ""  # of a sum: how many figures it adds
    short_label: str = ""
    y: int = 0
    width: float = 0
    value_x: float = 0


def text_width(text: str) -> float:
    """Roughly how wide ``text`` is in the charts' 15px type: a Chinese character is square, a Latin one half."""
    return sum(15 if "\u2e80" <= char <= "\uffef" else 8 for char in text)


def fit(text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width``: about 9 Chinese characters or 17 Latin ones."""
    if text_width(text) <= width:
        return text
    while text and text_width(text) + 8 > width:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass
class Chart:
    """A horizontal bar chart drawn as SVG on the server, with the same numbers in a table beside it."""

    slug: str
    title: str  # HTML: a sum's measure is marked as Chinese in an English page
    dimension: str
    value_heading: str
    bars: list[Bar]
    note: str = ""
    count_heading: str = ""  # of sums: the column of how many figures each adds

    ROW = 34
    WIDTH = 640
    LABEL_WIDTH = 150
    BAR_SPACE = 330

    def __post_init__(self):
        largest = max((bar.value for bar in self.bars), default=Decimal(0)) or Decimal(1)
        # Room for the longest value after its bar: "3.06 billion yuan" is longer than "30.6亿元".
        value_width = max((text_width(bar.display) for bar in self.bars), default=0)
        bar_space = max(120, min(self.BAR_SPACE, self.WIDTH - self.LABEL_WIDTH - 10 - value_width))
        for index, bar in enumerate(self.bars):
            bar.y = index * self.ROW
            bar.width = round(float(bar.value / largest) * bar_space, 1) if bar.value > 0 else 0
            bar.value_x = self.LABEL_WIDTH + 2 + bar.width + 8
            bar.short_label = fit(bar.label, self.LABEL_WIDTH - 6)

    @property
    def height(self) -> int:
        return len(self.bars) * self.ROW

    @property
    def summary(self) -> str:
        """The chart's text alternative: every bar, in order."""
        bars = _("；").join(
            _("%(label)s %(value)s（%(count)s）") % {"label": bar.label, "value": bar.display, "count": bar.count}
            if bar.count
            else f"{bar.label} {bar.display}"
            for bar in self.bars
        )
        return _("%(title)s：%(bars)s。") % {"title": strip_tags(self.title), "bars": bars}


@dataclass
class Selection:
    category: str = ""
    region: Region | None = None
    year: int | None = None
    target: bool | None = None
    article: Article | None = None
    errors: list[str] = field(default_factory=list)
    # The same problems said for a download, which shows nothing "instead": what to remove or correct.
    download_errors: list[str] = field(default_factory=list)

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
        self.params = params  # a page's parameters, without NUL characters (publishing.middleware)
        self.asked_article = self.source_article(params.get("article", ""))
        # Counted over every published figure once per change of content (not per visitor or filter): at two
        # hundred thousand figures the count takes longer than the rest of the page.
        article_pk = self.asked_article.pk if self.asked_article else None
        self.rows = until_content_changes(f"figure-rows:{article_pk}", lambda: count_rows(article_pk))
        # Every region, for the parents of those with figures: a sum adds no region together with its parent.
        every_region = list(Region.objects.all())
        present = {row.effective_region_id for row in self.rows}
        self.regions = {region.pk: region for region in every_region if region.pk in present}
        self.region_parents = {region.pk: region.parent_id for region in every_region}
        self.selection = self.parse(params)
        # Each row with the filters it fails: selected when it fails none, counted in a filter's options when it
        # fails only that one.
        self.checked_rows = [(row, self.failed_filters(row)) for row in self.rows]
        self.selected_rows = [row for row, failed in self.checked_rows if not failed]

    @property
    def total_count(self) -> int:
        return sum(row.n for row in self.rows)

    @property
    def selected_count(self) -> int:
        return sum(row.n for row in self.selected_rows)

    @staticmethod
    def source_articles():
        """Published articles some published figure comes from: through its achievement's section, else the
        achievement's own article. Asked article by article (through their indexes), so the latest few are found
        without reading every figure."""
        figures = KeyFigure.objects.filter(published_q("achievement__"))
        return Article.objects.published().filter(
            Exists(figures.filter(achievement__section__article=OuterRef("pk")))
            | Exists(figures.filter(achievement__section__isnull=True, achievement__article=OuterRef("pk")))
        )

    def source_article(self, slug: str) -> Article | None:
        """The published article ``slug`` if some published figure comes from it."""
        return self.source_articles().filter(slug=slug).first() if slug else None

    @cached_property
    def articles(self) -> dict[int, Article]:
        """The source articles the article filter offers: the latest ones, and the one selected."""
        latest = self.source_articles().only("slug", "title", "title_en", "published_at").order_by("-published_at")
        found = until_content_changes("figure-source-articles", lambda: list(latest[:ARTICLE_OPTIONS]))
        articles = {article.pk: article for article in found}
        if self.selection.article is not None:
            articles.setdefault(self.selection.article.pk, self.selection.article)
        return articles

    # Parsing: bad values are reported and left out, never an error page.

    def parse(self, params: QueryDict) -> Selection:
        selection = Selection()
        category = params.get("category", "")
        if category:
            if category in Achievement.Category.values:
                selection.category = category
            else:
                selection.errors.append(_("没有“%(category)s”这个类别，已显示全部类别。") % {"category": category})
                selection.download_errors.append(
                    _("没有“%(category)s”这个类别，请去掉或改正类别条件。") % {"category": category}
                )
        region = params.get("region", "")
        if region:
            selection.region = next((item for item in self.regions.values() if item.slug == region), None)
            if selection.region is None:
                selection.errors.append(_("没有地区“%(region)s”的数据，已显示全部地区。") % {"region": region})
                selection.download_errors.append(
                    _("没有地区“%(region)s”的数据，请去掉或改正地区条件。") % {"region": region}
                )
        year = params.get("year", "")
        if year:
            if year.isascii() and year.isdigit() and len(year) == 4:
                selection.year = int(year)
            else:
                selection.errors.append(_("年度“%(year)s”应为四位数字，例如 2025，已显示全部年度。") % {"year": year})
                selection.download_errors.append(
                    _("年度“%(year)s”应为四位数字，例如 2025，请去掉或改正年度条件。") % {"year": year}
                )
        target = params.get("target", "")
        if target:
            if target in {"0", "1"}:
                selection.target = target == "1"
            else:
                selection.errors.append(_("“预期目标”只能选“是”或“否”，已显示全部数据。"))
                selection.download_errors.append(_("“预期目标”只能选“是”或“否”，请去掉或改正这一条件。"))
        article = params.get("article", "")
        if article:
            selection.article = self.asked_article
            if selection.article is None:
                selection.errors.append(_("没有找到这篇出处文章（可能已撤下），已显示全部出处。"))
                selection.download_errors.append(_("没有找到这篇出处文章（可能已撤下），请去掉出处文章条件。"))
        return selection

    # Filtering, in Python over the counted rows for facets and charts, in SQL for the table and downloads:
    # the same rules.

    def failed_filters(self, row) -> frozenset[str]:
        s = self.selection
        failed = [
            name
            for name, fails in [
                ("category", s.category and row.achievement__category != s.category),
                ("region", s.region is not None and row.effective_region_id != s.region.pk),
                ("year", s.year is not None and row.effective_year_value != s.year),
                ("target", s.target is not None and row.is_target != s.target),
                ("article", s.article is not None and not row.in_article),
            ]
            if fails
        ]
        return frozenset(failed)

    def queryset(self, *, ignore: str = ""):
        s = self.selection
        queryset = with_effective_fields(KeyFigure.objects.published())
        if s.category and ignore != "category":
            queryset = queryset.filter(achievement__category=s.category)
        if s.region is not None and ignore != "region":
            queryset = queryset.filter(effective_region_id=s.region.pk)
        if s.year is not None and ignore != "year":
            queryset = queryset.filter(effective_year_value=s.year)
        if s.target is not None and ignore != "target":
            queryset = queryset.filter(is_target=s.target)
        if s.article is not None and ignore != "article":
            queryset = queryset.filter(source_article_id=s.article.pk)
        return queryset

    def article_counts(self) -> dict[int, int]:
        """Figures of each offered source article under every other filter."""
        offered = sorted(self.articles)
        counts = (
            self.queryset(ignore="article")
            .filter(source_article_id__in=offered)
            .order_by()
            .values_list("source_article_id")
            .annotate(n=Count("pk"))
        )
        selection = {name: value for name, value in self.selection.params().items() if name != "article"}
        return until_content_changes(
            f"figure-article-counts:{sorted(selection.items())}:{offered}", lambda: dict(counts)
        )

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

    def page_ids(self, grouping: str, offset: int, limit: int) -> list[int]:
        """The ids of the figures at ``offset`` … ``offset + limit`` in the table's order.

        The order starts with the group and a second key (category and year, year and category, region and
        category), whose sizes the counted rows already know: only the groups the page spans are sorted, not every
        figure selected.
        """
        categories = Achievement.Category.values
        if any(row.achievement__category not in categories for row in self.selected_rows):
            return list(self.ordered_queryset(grouping).values_list("pk", flat=True)[offset : offset + limit])

        def year_key(year):
            return (year is None, -(year or 0))  # newest first, no year last

        # sort key → [figures, the (category, region or year) pairs they have]
        buckets = defaultdict(lambda: [0, set()])
        for row in self.selected_rows:
            category = categories.index(row.achievement__category)
            if grouping == "region":
                region = self.regions.get(row.effective_region_id)
                # Regions sort by their order and name; two alike share a group, as they do in the SQL order.
                key = ((1, 0, "") if region is None else (0, region.order, region.name), category)
                other = row.effective_region_id
            elif grouping == "year":
                key, other = (year_key(row.effective_year_value), category), row.effective_year_value
            else:
                key, other = (category, year_key(row.effective_year_value)), row.effective_year_value
            buckets[key][0] += row.n
            buckets[key][1].add((row.achievement__category, other))
        field = "effective_region_id" if grouping == "region" else "effective_year_value"
        start, spanned, first = 0, Q(), None
        for key in sorted(buckets):
            size, pairs = buckets[key]
            if start + size > offset and start < offset + limit:
                for category, other in pairs:
                    value = Q(**{f"{field}__isnull": True}) if other is None else Q(**{field: other})
                    spanned |= Q(achievement__category=category) & value
                first = start if first is None else first
            start += size
        if first is None:
            return []
        queryset = self.ordered_queryset(grouping).filter(spanned)
        return list(queryset.values_list("pk", flat=True)[offset - first : offset - first + limit])

    # Links: each keeps the other filters, the grouping and the chart's measure; a new filter starts at page 1.

    def url(self, **changes) -> str:
        query = QueryDict(mutable=True)
        query.update(self.selection.params())
        for name in ["group", *Series._fields]:
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
        """The filters as the lists' facets are shown (templates/includes/facet.html), counted from the rows."""
        s = self.selection
        facets = []

        def facet(name, label, choices, key, current, counts=None, untranslated=frozenset()):
            """``untranslated``: the values of this facet whose label is the Chinese one, for want of an English
            one (a region or an article without an English name), marked as Chinese."""
            if counts is None:
                counts = Counter()
                allowed = {name}
                for row, failed in self.checked_rows:
                    if failed <= allowed:
                        counts[key(row)] += row.n
            options = [
                Option(
                    value,
                    text,
                    counts.get(match, 0),
                    self.url(**{name: value, "page": ""}),
                    current=value == current,
                    chinese=value in untranslated,
                )
                for value, text, match in choices
            ]
            current_label = next((option.label for option in options if option.current), "")
            clear_url = self.url(**{name: "", "page": ""})
            facets.append(
                Facet(name, label, options=options, current=current, current_label=current_label, clear_url=clear_url)
            )

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
            untranslated={region.slug for region in regions if localized_value(region, "name")[1]},
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
            None,
            s.article.slug if s.article else "",
            counts=self.article_counts(),
            untranslated={article.slug for article in articles if localized_value(article, "title")[1]},
        )
        return facets

    # Charts: counts of figures always compare; sums only of figures that may be added (achievements/kinds.py):
    # one measure, one unit, stocks or flows, achieved or targets, and never a region together with its parent.

    def summable_rows(self) -> list:
        """Targets are not added to what has been achieved, unless only targets are selected."""
        want_targets = self.selection.target is True
        return [
            row
            for row in self.selected_rows
            if row.is_target == want_targets and row.kind in ADDITIVE and row.unit and row.unit not in UNFOLDED_UNITS
        ]

    def chart_series(self) -> list[tuple[Series, int]]:
        """The sums the page offers: each measure, unit and kind of two figures or more, most figures first."""
        counts = Counter()
        for row in self.summable_rows():
            counts[Series(row.measure, row.unit, row.kind)] += row.n
        # The rows come in no particular order, so ties go by the series itself.
        return sorted(((series, n) for series, n in counts.items() if n >= 2), key=lambda item: (-item[1], item[0]))

    def chosen_series(self) -> Series | None:
        """The sum the page shows: the one asked for (measure, unit, kind), as near as the offer allows."""
        offered = [series for series, _count in self.chart_series()]
        asked = Series(*(self.params.get(name, "") for name in Series._fields))
        for matches in [
            lambda series: series == asked,
            lambda series: (series.measure, series.unit) == (asked.measure, asked.unit),
            lambda series: series.measure == asked.measure,
            lambda series: series.unit == asked.unit,  # an address of the time when sums were chosen by unit
            lambda series: series.unit == "元",  # money first, as the page is read most for it
            lambda series: True,
        ]:
            found = next((series for series in offered if matches(series)), None)
            if found is not None:
                return found
        return None

    def ancestors(self, region_id: int | None) -> list[int]:
        """The regions that contain ``region_id``: its parent, the parent's parent …"""
        found = []
        parent = self.region_parents.get(region_id)
        while parent is not None and parent not in found:
            found.append(parent)
            parent = self.region_parents.get(parent)
        return found

    def added(self, rows) -> tuple[list, int]:
        """The rows a total adds, and how many figures it leaves out as parts of a whole it adds.

        A region's figure is taken to include those of the regions within it (the city's count of signed
        enterprises includes the district's): of one year, the figures of a region are not added when a region
        that contains it has figures too. Adding only the districts instead would lose what the city reports as a
        whole.
        """
        present = {(row.effective_year_value, row.effective_region_id) for row in rows}
        kept, parts = [], 0
        for row in rows:
            year = row.effective_year_value
            if any((year, region) in present for region in self.ancestors(row.effective_region_id)):
                parts += row.n
            else:
                kept.append(row)
        return kept, parts

    def latest_stock_year(self, series: Series, rows) -> int | None:
        """Stocks of different years are not added (the same enterprises, counted twice): the latest year's only."""
        if series.kind != Kind.STOCK:
            return None
        return max((row.effective_year_value for row in rows), default=None)

    def dimension(self, name: str, row):
        """(sort key, label, whether the label is a Chinese name in an English page) of a row along one dimension."""
        if name == "category":
            category = row.achievement__category
            return Achievement.Category.values.index(category), Achievement.Category(category).label, False
        if name == "region":
            region = self.regions.get(row.effective_region_id)
            if region is None:
                return (10**6, ""), NO_REGION, False
            return (region.order, region.name), *localized_value(region, "name")
        year = row.effective_year_value
        return year or 0, _("%(year)s年") % {"year": year} if year else _("未注明"), False

    def chart(self, slug, title, dimension, rows, *, unit: str | None, note: str = "") -> Chart | None:
        """Bars of figures counted (``unit`` None) or added up; a bar adds no region together with its parent."""
        field = {"category": "achievement__category", "region": "effective_region_id", "year": "effective_year_value"}
        grouped = defaultdict(list)
        for row in rows:
            grouped[getattr(row, field[dimension])].append(row)
        # Added up per value first, then labelled once per value: the rows can be many, the values are few.
        totals, numbers, labels = defaultdict(Decimal), Counter(), {}
        for group in grouped.values():
            added = self.added(group)[0] if unit is not None else group
            key, *label = self.dimension(dimension, group[0])
            totals[key] += Decimal(repr(sum(row.total for row in added))) if unit is not None else 0
            numbers[key] += sum(row.n for row in added)
            labels[key] = label
        if not labels:
            return None
        bars = [
            Bar(
                labels[key][0],
                totals[key] if unit is not None else Decimal(numbers[key]),
                localized_amount(totals[key], unit) if unit is not None else count(numbers[key]),
                chinese=labels[key][1],
                count=count(numbers[key]) if unit is not None else "",
            )
            for key in sorted(labels)
        ]
        heading = {"category": _("类别"), "region": _("地区"), "year": _("年度")}[dimension]
        value_heading = _("合计（%(unit)s）") % {"unit": unit_label(unit)} if unit is not None else _("数据条数")
        count_heading = _("相加的数据条数") if unit is not None else ""
        return Chart(slug, title, heading, value_heading, bars, note, count_heading)

    def total(self, series: Series) -> dict:
        """The one total of the chosen measure over the selection, saying what it adds and how many figures."""
        rows = [row for row in self.summable_rows() if Series(row.measure, row.unit, row.kind) == series]
        year = self.latest_stock_year(series, rows)
        if year is not None:
            rows = [row for row in rows if row.effective_year_value == year]
        added, parts = self.added(rows)
        amount = localized_amount(Decimal(repr(sum(row.total for row in added))), series.unit)
        numbers = {"count": sum(row.n for row in added), "measure": series.measure, "amount": amount}
        text = marked(_("%(count)s 项“%(measure)s”之和：%(amount)s"), **numbers)
        # What kind of figures the total adds, and whether they are targets: a total quoted alone still says so.
        target = _("只计预期目标") if self.selection.target is True else _("不含预期目标")
        if year is not None:
            text += marked(_("（%(year)s年的存量，%(target)s）"), year=year, target=target)
        else:
            text += marked(_("（%(kind)s，%(target)s）"), kind=SHORT_LABELS[series.kind], target=target)
        if parts:
            text += marked(_("；另有 %(count)s 项属于上级地区也有此项数字的地区，为免重复计算，未相加"), count=parts)
        return {"text": text + marked(_("。")), "stock_year": year}

    def charts(self) -> dict:
        rows = self.selected_rows
        series = self.chosen_series()
        years = {row.effective_year_value for row in rows}
        counts = [
            self.chart("count-category", _("各类别数据条数"), "category", rows, unit=None),
            self.chart("count-region", _("各地区数据条数"), "region", rows, unit=None),
        ]
        sums, yearly, total = [], [], None
        if len(years) > 1:
            yearly = [self.chart("count-year", _("逐年数据条数"), "year", rows, unit=None)]
        if series is not None:
            summable = [row for row in self.summable_rows() if Series(row.measure, row.unit, row.kind) == series]
            total = self.total(series)
            target = _("只计预期目标") if self.selection.target is True else _("不含预期目标")
            note = marked(
                _(
                    "只把统计口径同为“%(measure)s”、单位同为“%(unit)s”的%(kind)s数据相加，%(target)s；"
                    "比率、上限、排名和未标注类型的数据从不相加。同一年度中，上级地区有数字时，不再加其中各地区的数字。"
                    "“余”“超”等按原文数值计。"
                ),
                measure=series.measure,
                unit=unit_label(series.unit),
                kind=SHORT_LABELS[series.kind],
                target=target,
            )
            latest, stock_note = summable, marked("")
            if total["stock_year"] is not None:
                latest = [row for row in summable if row.effective_year_value == total["stock_year"]]
            if len(latest) < len(summable):
                stock_note = marked(_("存量不跨年度相加：只计%(year)s年的数据。"), year=total["stock_year"])
            names = {"measure": series.measure, "unit": unit_label(series.unit)}
            sums = [
                self.chart(
                    "sum-category",
                    marked(_("各类别“%(measure)s”合计（%(unit)s）"), **names),
                    "category",
                    # Parts left out across all the rows, as the total does: a district's figure under another
                    # category than its city's is still part of it, and the bars add up to the total.
                    self.added(latest)[0],
                    unit=series.unit,
                    note=note + stock_note,
                ),
                self.chart(
                    "sum-region",
                    marked(_("各地区“%(measure)s”合计（%(unit)s）"), **names),
                    "region",
                    latest,
                    unit=series.unit,
                    note=note + stock_note + marked(_("上级地区的数字可能已包含其中各地区，各地区之间不宜再相加。")),
                ),
            ]
            if len(years) > 1:
                yearly.append(
                    self.chart(
                        "sum-year",
                        marked(_("逐年“%(measure)s”合计（%(unit)s）"), **names),
                        "year",
                        summable,
                        unit=series.unit,
                        note=note,
                    )
                )
        return {
            "counts": [chart for chart in counts if chart],
            "sums": [chart for chart in sums if chart],
            "yearly": [chart for chart in yearly if chart],
            "total": total,
            "measures": [
                {
                    "measure": item.measure,
                    "unit": unit_label(item.unit),
                    "unit_untranslated": unit_is_untranslated(item.unit),
                    "kind": SHORT_LABELS[item.kind],
                    "count": number,
                    "url": self.url(**item._asdict(), page=""),
                    "selected": item == series,
                }
                for item, number in self.chart_series()
            ],
        }


def marked(template: str, **values) -> SafeString:
    """``template`` filled in, escaped; a measure, Chinese whatever the interface language, marked as Chinese."""
    if "measure" in values and not interface_is_chinese():
        values["measure"] = format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, values["measure"])
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(conditional_escape(template) % escaped)  # nosec B308, B703  # the template and values escaped


def count(number) -> str:
    """How many figures a bar stands for: 12项 in Chinese, 12 in English (the column heading names them)."""
    return format_cn_amount(number, "项") if interface_is_chinese() else format_en_amount(number)
