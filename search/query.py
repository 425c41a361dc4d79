"""Running a search inside the index: match, keep what is visible now, rank, count, all with bounded work.

Matching: an entry matches when its index holds every token of the query (FTS5 ``MATCH`` on SQLite, the
GIN-indexed weighted ``search_vector @@ tsquery`` on PostgreSQL); visibility is the publication window copied
onto the entry.

Ranking, the same classes on every database, read from the index columns and never from the text:
the whole query as a name or alias (NAME, the ``name_keys`` column / weight D) ≫ each word of the query as a phrase
in the names (TITLE: the ``name_tokens`` column / weight A, the Chinese and English title and the aliases) ≫ in the
summary (SUMMARY: column ``summary_tokens`` / B) ≫ in the body (BODY: ``body_tokens`` / C), times the kind's
weight. "As a phrase" means its character pairs stand next to each other there: entries the index matched only
through scattered pairs rank below. Within a class the database's own relevance decides (PostgreSQL: ``ts_rank``
with weights for A, B and C; SQLite: FTS5's ``bm25`` with the same column weights), then the shorter title, the
newer year, the older entry.

Bounded: at most ``RANK_LIMIT`` matches are ranked (the first the index yields), plus every entry *named* what was
searched for, so the whole-name match still comes first; a query that matches more is too broad for the order of
the rest to mean much, and the reader narrows it. Counts stop at ``COUNT_LIMIT`` per kind ("1000+").
"""

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils import timezone

from .models import SearchEntry
from .tokens import ParsedQuery, QueryToken, name_key

TITLE, SUMMARY, BODY, NAME = 8.0, 4.0, 2.0, 100.0
# Marks the kind's lexeme in PostgreSQL's search_vector ("类article"): a Chinese character run into Latin letters,
# which no text, name or kind of another entry ever tokenises to.
KIND_MARK = "类"
RANK_LIMIT = 1000
COUNT_LIMIT = 1000

FTS = "search_searchentry_fts"
# (class weight, FTS5 column, tsvector weight) of the ranked parts of an entry
PARTS = ((TITLE, "name_tokens", "A"), (SUMMARY, "summary_tokens", "B"), (BODY, "body_tokens", "C"))
# ts_rank's weights for D, C, B, A: the classes scaled to 0-1 (whole names, D, count through NAME instead)
TS_RANK_WEIGHTS = f"{{0.0, {BODY / TITLE}, {SUMMARY / TITLE}, 1.0}}"


# Tokens hold only letters, digits and Chinese characters, so quoting them is all the escaping either syntax needs.


def _fts5_all(parsed: ParsedQuery) -> str:
    return " AND ".join(f'"{token.text}"' + ("*" if token.prefix else "") for token in parsed.tokens)


def _fts5_phrase(tokens: tuple[QueryToken, ...], column: str) -> str:
    prefix = "*" if tokens[-1].prefix else ""
    words = " ".join(token.text for token in tokens)
    return f'{{{column}}} : "{words}"{prefix}'


def _tsquery_all(parsed: ParsedQuery) -> str:
    return " & ".join(f"'{token.text}'" + (":*" if token.prefix else "") for token in parsed.tokens)


def _tsquery_phrase(tokens: tuple[QueryToken, ...], weight: str) -> str:
    return " <-> ".join(f"'{token.text}':" + ("*" if token.prefix else "") + weight for token in tokens)


def _vector_matches(query: str) -> RawSQL:
    # search_vector is the generated column of migration 0004, GIN-indexed.
    return RawSQL(
        '"search_searchentry"."search_vector" @@ to_tsquery(\'simple\'::regconfig, %s)',
        [query],
        output_field=BooleanField(),
    )


def _fts_rows(query: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [query])  # nosec B608, B611  # FTS is a constant table name; the query is a parameter


def matching_entries(parsed: ParsedQuery, *, kind: str = "") -> QuerySet:
    """Entries (of ``kind``, if given) whose index holds every token of the query, found through the database's
    text index; on PostgreSQL the kind too is a lexeme of the index (``KIND_MARK``, migration 0006)."""
    if connection.vendor == "postgresql":
        query = _tsquery_all(parsed) + (f" & '{KIND_MARK}{kind}'" if kind else "")
        return SearchEntry.objects.filter(_vector_matches(query))
    entries = SearchEntry.objects.filter(kind=kind) if kind else SearchEntry.objects.all()
    if connection.vendor == "sqlite":
        return entries.filter(id__in=_fts_rows(_fts5_all(parsed)))
    # Other databases have no index here; a plain containment check keeps search working there.
    condition = Q()
    for token in parsed.tokens:
        condition &= (
            Q(name_tokens__contains=token.text)
            | Q(summary_tokens__contains=token.text)
            | Q(body_tokens__contains=token.text)
        )
    return entries.filter(condition)


def visible(entries: QuerySet) -> QuerySet:
    """Only entries whose item is public right now: the item's publication window, copied onto its entry
    whenever the item is saved, checked as ``published()`` checks it (its time has come, not yet expired)."""
    now = timezone.now()
    return entries.filter(Q(visible_until__isnull=True) | Q(visible_until__gt=now), visible_from__lte=now)


def named_entries(parsed: ParsedQuery, entries: QuerySet) -> QuerySet:
    """Those of ``entries`` with a name or alias that is the whole query (punctuation and case aside)."""
    key = name_key(parsed.text)
    if connection.vendor == "sqlite":
        return entries.filter(id__in=_fts_rows(f'{{name_keys}} : "{key}"'))
    if connection.vendor == "postgresql":
        return entries.filter(_vector_matches(f"'{key}':D"))
    return entries.filter(Q(name_keys=key) | Q(name_keys__startswith=f"{key} ") | Q(name_keys__contains=f" {key}"))


def _class_score(parsed: ParsedQuery) -> tuple[str, list]:
    """SQL for the class score of an entry (NAME, TITLE, SUMMARY, BODY summed over the query's words)."""
    vendor = connection.vendor
    cases, params = [], []

    def case(test_sql: str, query: str, value: float):
        cases.append(f"CASE WHEN {test_sql} THEN {value} ELSE 0.0 END")
        params.append(query)

    if vendor == "sqlite":
        test = f'"search_searchentry"."id" IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)'  # nosec B608  # constant SQL; the query is a parameter
        case(test, f'{{name_keys}} : "{name_key(parsed.text)}"', NAME)
        for term in parsed.terms:
            for value, column, _weight in PARTS:
                case(test, _fts5_phrase(parsed.term_tokens(term), column), value)
    elif vendor == "postgresql":
        test = '"search_searchentry"."search_vector" @@ to_tsquery(\'simple\'::regconfig, %s)'
        case(test, f"'{name_key(parsed.text)}':D", NAME)
        for term in parsed.terms:
            for value, _column, weight in PARTS:
                case(test, _tsquery_phrase(parsed.term_tokens(term), weight), value)
    else:
        return "0.0", []
    return "(" + " + ".join(cases) + ")", params


def _relevance(parsed: ParsedQuery) -> RawSQL:
    """The database's own relevance, higher is better: ts_rank on PostgreSQL, minus bm25 on SQLite."""
    if connection.vendor == "sqlite":
        # FTS5's rank is bm25 with the column weights set in migration 0004 (lower is better).
        return RawSQL(  # nosec B608, B611  # constant SQL; the query is a parameter
            f'-(SELECT rank FROM {FTS} WHERE {FTS} MATCH %s AND rowid = "search_searchentry"."id")',  # nosec B608  # constant SQL; the query is a parameter
            [_fts5_all(parsed)],
            output_field=FloatField(),
        )
    if connection.vendor == "postgresql":
        return RawSQL(
            'ts_rank(%s::float4[], "search_searchentry"."search_vector", to_tsquery(\'simple\'::regconfig, %s))',
            [TS_RANK_WEIGHTS, _tsquery_all(parsed)],
            output_field=FloatField(),
        )
    return RawSQL("0.0", [], output_field=FloatField())


def _union(*querysets: QuerySet) -> RawSQL:
    """The ids of any of these querysets of entry ids (sliced or not), as one subquery."""
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, part_params = queryset.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS candidates_{number}")  # nosec B608  # SQL the ORM compiled; its values are parameters
        params.extend(part_params)
    return RawSQL(" UNION ".join(parts), params)  # nosec B611  # SQL the ORM compiled; its values are parameters


def count_by_kind(parsed: ParsedQuery) -> dict[str, int]:
    """How many visible matches of each kind there are, counting no kind past COUNT_LIMIT + 1: one query."""
    kinds = list(SearchEntry.Kind.values)
    parts, params = [], []
    for kind in kinds:
        entries = visible(matching_entries(parsed, kind=kind))
        sql, kind_params = entries.order_by().values("pk")[: COUNT_LIMIT + 1].query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS {kind}_matches)")  # nosec B608  # SQL the ORM compiled and a constant kind name; values are parameters
        params.extend(kind_params)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT " + ", ".join(parts), params)
            row = cursor.fetchone()
        else:
            # Under a LIMIT, PostgreSQL expects a table scan to meet its 1,001 matches soon, not counting that each
            # row's vector must be read from TOAST storage for the test: ten times the GIN index's cost for a common
            # word (1.2 s against 0.05 s at 150,000 entries). The index is always right here.
            cursor.execute("SET enable_seqscan = off")
            try:
                cursor.execute("SELECT " + ", ".join(parts), params)
                row = cursor.fetchone()
            finally:
                cursor.execute("RESET enable_seqscan")
    return {kind: count for kind, count in zip(kinds, row, strict=True) if count}


class RankedEntries:
    """The ranked entries of a search as a sequence: ids are ranked up front (one query); each slice (a page) reads
    its entries, with their regions, in one query."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = SearchEntry.objects.select_related("region").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self):
        return iter(self[:])


def search(parsed: ParsedQuery, *, kind: str = "") -> tuple[RankedEntries, dict[str, int]]:
    """Returns (the ranked entries of ``kind`` or all kinds, {kind: matches, at most COUNT_LIMIT + 1})."""
    if not parsed.tokens:
        return RankedEntries([]), {}
    counts = count_by_kind(parsed)
    entries = visible(matching_entries(parsed, kind=kind))
    candidates = _union(
        entries.order_by().values("pk")[:RANK_LIMIT], named_entries(parsed, entries).order_by().values("pk")
    )
    class_sql, class_params = _class_score(parsed)
    ranked = (
        SearchEntry.objects.filter(pk__in=candidates)
        .annotate(
            score=ExpressionWrapper(RawSQL(class_sql, class_params) * F("weight"), output_field=FloatField()),  # nosec B611  # SQL built from constants above; the query is a parameter
            relevance=_relevance(parsed),
        )
        .order_by("-score", "-relevance", Length("title"), "-year", "pk")
    )
    return RankedEntries(list(ranked.values_list("pk", flat=True))), counts
