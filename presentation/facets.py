"""Filters of the public pages: each facet is a GET parameter, shown as links with how many items each keeps.

``Option`` and ``Facet`` are what every page's filters show, rendered by templates/includes/facet.html: the public
lists here (``FacetedListMixin``) and the key-figure data page (achievements/figure_data.py), each counting its own
way and filling the same objects.

A list facet's counts are one aggregate query over the list filtered by every *other* facet, so the numbers say
what a click would show; the cost is one query per facet (per relation, for a facet over several) whatever the
number of items. Each is a plain GROUP BY over the items inner-joined to their related rows: no anti-join, no
COUNT(DISTINCT), nothing read into Python but the counted rows.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.translation import get_language, gettext

from caching.state import until_content_changes

from .dates import FIRST_YEAR, LAST_YEAR
from .language import interface_is_english


@dataclass
class Option:
    """One choice of a facet: the link that selects it and how many items it keeps under the other filters."""

    value: str
    label: str
    count: int
    url: str = ""
    current: bool = False
    chinese: bool = False  # the label is a Chinese name, shown in an English page for want of an English one


@dataclass
class Facet:
    """``param`` in the URL; ``lookup`` filters the queryset with the chosen value.

    ``choices`` (value, label) for fixed choices, all shown even when nothing has them; otherwise the options
    are read from the data: ``value_field`` and ``label_field`` of the related rows (e.g. region slug and name);
    ``label_en_field`` (e.g. the region's ``name_en``) replaces the label in the English interface when filled in.
    ``year_of`` makes a facet of the year of a date field. ``also`` names further relations to the same kind of
    row (a project's ``other_regions`` beside its ``region``): an item is kept and counted when any of them matches.

    What the page shows: ``options``; ``current``, the value selected ("" for all) and ``current_label``, its label;
    ``clear_url``, the "all" link, which keeps the other filters. A page that counts in its own way (the data page)
    fills only these.
    """

    param: str
    label: str
    lookup: str = ""
    choices: list[tuple[str, str]] | None = None
    value_field: str = ""
    label_field: str = ""
    label_en_field: str = ""
    year_of: str = ""
    also: tuple[str, ...] = ()
    options: list[Option] = field(default_factory=list)
    current: str = ""
    current_label: str = ""
    clear_url: str = ""

    @classmethod
    def related(cls, param: str, label: str, relation: str, *, english: bool = True, also: tuple[str, ...] = ()):
        """A facet over related rows named by their ``slug`` and ``name`` (and ``name_en``): regions, topics…"""
        return cls(
            param,
            label,
            value_field=f"{relation}__slug",
            label_field=f"{relation}__name",
            label_en_field=f"{relation}__name_en" if english else "",
            also=also,
        )

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        if self.year_of:
            return queryset.filter(**{f"{self.year_of}__year": int(value)})
        if self.also or self.to_many(queryset.model):
            matches = Q()
            for value_field, _label, _label_en in self.paths():
                matches |= Q(**{value_field: value})
            # A subquery, so an item reached through two of the relations (or two related rows) is listed once,
            # without a DISTINCT over the whole list.
            return queryset.filter(pk__in=queryset.model._default_manager.filter(matches).values("pk"))
        return queryset.filter(**{self.lookup or self.value_field: value})

    def to_many(self, model) -> bool:
        """Whether the facet's relation can give an item several related rows (a topic, an honour)."""
        if not self.value_field:
            return False
        field = model._meta.get_field(self.value_field.split("__", 1)[0])
        return field.many_to_many or field.one_to_many

    def paths(self) -> list[tuple[str, str, str]]:
        """(value, label, English label) fields through the facet's relation and each of ``also``."""
        fields = (self.value_field, self.label_field, self.label_en_field)
        paths = [fields]
        for relation in self.also:
            paths.append(tuple(f"{relation}__{name.split('__', 1)[1]}" if name else "" for name in fields))
        return paths

    def is_valid(self, value: str) -> bool:
        if not value:
            return False
        if self.year_of:
            return value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR
        if self.choices is not None:
            return value in {choice for choice, _label in self.choices}
        return len(value) <= 100

    def counts(self, queryset: QuerySet) -> list[Option]:
        """The options and their counts over ``queryset``; the page adds their links."""
        if self.year_of:
            rows = (
                queryset.annotate(_year=ExtractYear(self.year_of))
                .order_by()
                .values_list("_year")
                .annotate(n=Count("pk"))
                .order_by("-_year")
            )
            return [
                Option(str(year), gettext("%(year)s年") % {"year": year}, n) for year, n in rows if year is not None
            ]
        if self.choices is not None:
            counted = dict(queryset.order_by().values_list(self.lookup).annotate(n=Count("pk")).order_by())
            return [Option(value, str(label), counted.get(value, 0)) for value, label in self.choices]
        # In English a related row's name is its English one where filled in, else the Chinese one, marked so.
        english_page = interface_is_english()
        read_english = bool(self.label_en_field) and english_page
        if self.also:
            return [
                Option(value, (label_en or label) if read_english else label, n, chinese=english_page and not label_en)
                for value, label, label_en, n in self.counts_across(queryset)
            ]
        label_fields = [self.label_field, self.label_en_field] if read_english else [self.label_field]
        rows = self._grouped(queryset, self.value_field, label_fields).order_by(self.label_field)
        if read_english:
            return [Option(value, label_en or label, n, chinese=not label_en) for value, label, label_en, n in rows]
        return [Option(value, label, n, chinese=english_page) for value, label, n in rows]

    @staticmethod
    def _grouped(queryset: QuerySet, value_field: str, label_fields: list[str], condition: Q | None = None):
        """(value, labels…, items) per related row: one GROUP BY over the items joined to their related rows.

        A plain COUNT is exact: the list's filters never repeat an item (see ``filter``), a value (a slug) names one
        related row, and an item is linked to a related row once; COUNT(DISTINCT) would sort every joined row.

        ``filter(…__isnull=False)`` joins the relation (an inner join, which the grouped columns reuse); the
        ``exclude(…__isnull=True)`` it replaces became an anti-join over every item, far slower at scale.
        """
        condition = Q(**{f"{value_field}__isnull": False}) & (condition or Q())
        return queryset.filter(condition).order_by().values_list(value_field, *label_fields).annotate(n=Count("pk"))

    def counts_across(self, queryset: QuerySet) -> list[tuple[str, str, str, int]]:
        """(value, label, English label, items) over every relation of the facet: one aggregate per relation, each
        item counted once per value.

        An item reached again through a later relation with a value an earlier one (a to-one relation: a project's
        ``region``) already gave it is left out of the later count, so the counts simply add up.
        """
        labels: dict[str, tuple[str, str]] = {}
        counts: dict[str, int] = {}
        earlier: list[str] = []
        for value_field, label_field, label_en_field in self.paths():
            relation = value_field.rsplit("__", 1)[0]
            counted_before = Q()
            for previous in earlier:
                counted_before |= Q(**{previous: F(relation)})
            label_fields = [label_field, *([label_en_field] if label_en_field else [])]
            for value, label, *rest in self._grouped(queryset, value_field, label_fields, ~counted_before):
                labels[value] = (label, rest[0] if label_en_field else "")
                counts[value] = counts.get(value, 0) + rest[-1]
            earlier.append(relation)
        ordered = sorted(labels.items(), key=lambda entry: entry[1][0])
        return [(value, label, label_en, counts[value]) for value, (label, label_en) in ordered]


class FacetedListMixin:
    """For a ListView: set ``facets`` (a method returning fresh Facet objects); the context gets ``facets``,
    ``filters_active``, ``clear_filters_url`` and ``filter_summary``."""

    def get_facets(self) -> list[Facet]:
        return []

    def _url(self, query: QueryDict) -> str:
        encoded = query.urlencode()
        return f"{self.request.path}?{encoded}" if encoded else self.request.path

    def get_queryset(self):
        queryset = super().get_queryset()
        self.params = self.request.GET  # without NUL characters: publishing.middleware.StripNulMiddleware
        self.facet_list = self.get_facets()
        self.facet_base = queryset
        for facet in self.facet_list:
            value = self.params.get(facet.param, "")
            facet.current = value if facet.is_valid(value) else ""
        for facet in self.facet_list:
            if facet.current:
                queryset = facet.filter(queryset, facet.current)
        return queryset  # no DISTINCT needed: Facet.filter never repeats an item

    def _list_key(self) -> str:
        """This list with these filters, whatever the page: what its counts are the same for."""
        params = sorted((name, value) for name, value in self.params.lists() if name != "page")
        return f"{self.request.path}:{get_language()}:{params}"

    def facet_counts(self, facet: Facet, queryset: QuerySet) -> list[Option]:
        """``facet.counts(queryset)``, kept until content changes: the same for every visitor of this list with
        these filters (whatever the page), and at a hundred thousand items the counts cost more than the page."""
        return until_content_changes(f"facet-options:{self._list_key()}:{facet.param}", lambda: facet.counts(queryset))

    def get_paginator(self, queryset, *args, **kwargs):
        """The list's total is kept as its facets' counts are."""
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = until_content_changes(f"list-count:{self._list_key()}", queryset.count)
        return paginator

    def get_context_data(self, **kwargs):
        for facet in self.facet_list:
            others = self.facet_base
            for other in self.facet_list:
                if other is not facet and other.current:
                    others = other.filter(others, other.current)
            facet.options = self.facet_counts(facet, others)
            for option in facet.options:
                query = self.params.copy()
                query.pop("page", None)
                query[facet.param] = option.value
                option.url = self._url(query)
                option.current = option.value == facet.current
                if option.current:
                    facet.current_label = option.label
            query = self.params.copy()
            query.pop("page", None)
            query.pop(facet.param, None)
            facet.clear_url = self._url(query)
        active = [facet for facet in self.facet_list if facet.current]
        return super().get_context_data(
            facets=self.facet_list,
            filters_active=bool(active),
            clear_filters_url=self.request.path,
            filter_summary="、".join(facet.current_label or facet.current for facet in active),
            **kwargs,
        )
