"""Running a search: the index finds the candidates, visibility is checked against each model, then rank.

Ranking is the same on every database, so results don't depend on where the portal runs:
the whole query as a name or alias ≫ a word in the title ≫ in the summary ≫ in the body (an English title or
summary, where staff gave one, counts as the title or summary),
each word counted only where it stands as typed (an exact phrase), times the kind's weight.
Entries the index matched only through scattered character pairs rank below all of those.
"""

from django.db import connection
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from .documents import INDEXED
from .models import SearchEntry
from .tokens import ParsedQuery

TITLE, SUMMARY, BODY, NAME = 8.0, 4.0, 2.0, 100.0


def _fts5_expression(parsed: ParsedQuery) -> str:
    # Tokens hold only letters, digits and Chinese characters, so quoting them is all the escaping FTS5 needs.
    return " AND ".join(f'"{token.text}"' + ("*" if token.prefix else "") for token in parsed.tokens)


def _tsquery_expression(parsed: ParsedQuery) -> str:
    return " & ".join(f"'{token.text}'" + (":*" if token.prefix else "") for token in parsed.tokens)


def matching_entries(parsed: ParsedQuery):
    """Entries whose tokens contain every token of the query, found through the database's text index."""
    entries = SearchEntry.objects.all()
    vendor = connection.vendor
    if vendor == "sqlite":
        return entries.filter(
            id__in=RawSQL(
                "SELECT rowid FROM search_searchentry_fts WHERE search_searchentry_fts MATCH %s",
                [_fts5_expression(parsed)],
            )
        )
    if vendor == "postgresql":
        # The same expression as the GIN index in migration 0002, so the planner can use it.
        return entries.filter(
            RawSQL(
                'to_tsvector(\'simple\'::regconfig, "search_searchentry"."tokens") '
                "@@ to_tsquery('simple'::regconfig, %s)",
                [_tsquery_expression(parsed)],
                output_field=BooleanField(),
            )
        )
    # Other databases have no index here; a plain containment check keeps search working there.
    condition = Q()
    for token in parsed.tokens:
        condition &= Q(tokens__contains=token.text)
    return entries.filter(condition)


def visible(entries):
    """Only entries whose item is public right now (published, its time come, whatever else ``published()`` says)."""
    condition = Q(pk__in=[])
    for kind, (model, _describe) in INDEXED.items():
        condition |= Q(kind=kind, object_id__in=model._default_manager.published().values("pk"))
    return entries.filter(condition)


def _score(parsed: ParsedQuery):
    whole = parsed.text.strip()
    parts = [
        Case(
            When(
                Q(title__iexact=whole) | Q(title_en__iexact=whole) | Q(aliases__icontains=f"|{whole}|"),
                then=Value(NAME),
            ),
            default=Value(0.0),
        )
    ]
    for term in parsed.terms:
        parts += [
            Case(
                When(
                    Q(title__icontains=term) | Q(title_en__icontains=term) | Q(aliases__icontains=term),
                    then=Value(TITLE),
                ),
                default=Value(0.0),
            ),
            Case(
                When(Q(summary__icontains=term) | Q(summary_en__icontains=term), then=Value(SUMMARY)),
                default=Value(0.0),
            ),
            Case(When(body__icontains=term, then=Value(BODY)), default=Value(0.0)),
        ]
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return ExpressionWrapper(total * F("weight"), output_field=FloatField())


def search(parsed: ParsedQuery, *, kind: str = ""):
    """Returns (ranked entries of ``kind`` or all kinds, {kind: count} over all kinds)."""
    if not parsed.tokens:
        return SearchEntry.objects.none(), {}
    entries = visible(matching_entries(parsed))
    counts = dict(entries.order_by().values_list("kind").annotate(n=Count("pk")))
    if kind:
        entries = entries.filter(kind=kind)
    ranked = (
        entries.select_related("region")
        .annotate(score=_score(parsed))
        .order_by("-score", Length("title"), "-year", "pk")
    )
    return ranked, counts
