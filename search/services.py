"""Keeping the search index in step with the content: one entry per published item."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Model

from publishing.indexing import SearchDocument, SearchKind, search_kind_of, search_kinds
from publishing.models import PublishStatus

from .models import SearchEntry
from .tokens import name_key, token_sequence

# Items described and written at a time by a rebuild.
REBUILD_BATCH = 500


def entry_tokens(
    title: str, aliases: list[str], summary: str, body: str, title_en: str, summary_en: str
) -> dict[str, str]:
    """What the index holds for an entry, column by column: its names (Chinese title, aliases, English title), its
    summary (Chinese and English), its body, and each whole name as one token, in either language a reader finds
    the item by."""
    names = [name for name in [title, *aliases, title_en] if name]
    return {
        "name_tokens": token_sequence(" ".join(names)),
        "summary_tokens": token_sequence(" ".join([summary, summary_en])),
        "body_tokens": token_sequence(body),
        "name_keys": " ".join(dict.fromkeys(key for key in map(name_key, names) if key)),
    }


def _entry_values(kind: SearchKind, document: SearchDocument, item: Model) -> dict:
    aliases = [alias.strip() for alias in document.aliases if alias and alias.strip()]
    title_en = document.title_en.strip()[:300]
    summary_en = document.summary_en.strip()
    return {
        "title": document.title[:300],
        "title_en": title_en,
        "aliases": f"|{'|'.join(aliases)}|" if aliases else "",
        "summary": document.summary,
        "summary_en": summary_en,
        "body": document.body,
        **entry_tokens(document.title, aliases, document.summary, document.body, title_en, summary_en),
        # The item's own publication window: the entry is found exactly while published() would list the item.
        "visible_from": item.published_at,
        "visible_until": item.expires_at,
        "weight": kind.weight,
        "url": document.url,
        "region_id": document.region_id,
        "year": document.year,
    }


def search_entry_update(*, instance: Model) -> SearchEntry | None:
    """Write the entry of ``instance`` (an item of a kind registered for search: publishing/indexing.py),
    or remove it when the item is not published. Returns the entry, if any."""
    kind = search_kind_of(type(instance))
    if kind is None:
        return None
    if instance.pk is None or instance.status != PublishStatus.PUBLISHED:
        SearchEntry.objects.filter(kind=kind.kind, object_id=instance.pk).delete()
        return None
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind.kind, object_id=instance.pk, defaults=_entry_values(kind, kind.document(instance), instance)
    )
    return entry


def search_entries_refresh(*, model: type[Model], pks: Iterable[int]) -> None:
    """Bring the entries of these items of ``model`` in line with the database: write the published ones, remove
    the rest (unpublished or deleted). The items and what they are indexed with are read in one go."""
    kind = search_kind_of(model)
    if kind is None:
        return
    pks = set(pks)
    found = set()
    for item in model._default_manager.filter(pk__in=pks).prefetch_related(*kind.prefetch):
        search_entry_update(instance=item)
        found.add(item.pk)
    if pks - found:
        SearchEntry.objects.filter(kind=kind.kind, object_id__in=pks - found).delete()


@transaction.atomic
def search_index_rebuild() -> int:
    """Index every published item of every registered kind from scratch; returns how many entries the index holds."""
    SearchEntry.objects.all().delete()
    count = 0
    registered = search_kinds()
    # The entries' ids break ties between equal matches: kinds go in in SearchEntry.Kind's order (articles first),
    # whatever order their apps registered in.
    for kind in [registered[value] for value in SearchEntry.Kind.values if value in registered]:
        items = kind.model._default_manager.filter(status=PublishStatus.PUBLISHED).prefetch_related(*kind.prefetch)
        entries = []
        # Written a batch at a time, so that memory stays flat however many items there are.
        for item in items.iterator(chunk_size=REBUILD_BATCH):
            values = _entry_values(kind, kind.document(item), item)
            entries.append(SearchEntry(kind=kind.kind, object_id=item.pk, **values))
            if len(entries) == REBUILD_BATCH:
                count += len(SearchEntry.objects.bulk_create(entries))
                entries = []
        count += len(SearchEntry.objects.bulk_create(entries))
    if connection.vendor == "sqlite":
        # Re-derive the FTS5 table from its content table, in case triggers were lost to a table rebuild.
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')")
    # (On PostgreSQL the weighted search_vector is a generated column: the database keeps it in step.)
    return count
