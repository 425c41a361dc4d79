"""Keeping the search index in step with the content: one entry per published item."""

from django.db import connection, transaction
from django.db.models import Model

from publishing.models import PublishStatus

from .documents import INDEXED, KIND_WEIGHT, PREFETCH, Document, kind_of
from .models import SearchEntry
from .tokens import index_tokens


def _entry_values(kind: str, document: Document) -> dict:
    aliases = [alias.strip() for alias in document.aliases if alias and alias.strip()]
    return {
        "title": document.title[:300],
        "aliases": f"|{'|'.join(aliases)}|" if aliases else "",
        "summary": document.summary,
        "body": document.body,
        "tokens": index_tokens(" ".join([document.title, *aliases, document.summary, document.body])),
        "weight": KIND_WEIGHT[kind],
        "url": document.url,
        "region_id": document.region_id,
        "year": document.year,
    }


def search_entry_update(*, instance: Model) -> SearchEntry | None:
    """Write the entry of ``instance`` (an article, achievement, project, enterprise or institution),
    or remove it when the item is not published. Returns the entry, if any."""
    kind = kind_of(type(instance))
    if kind is None:
        return None
    if instance.pk is None or instance.status != PublishStatus.PUBLISHED:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()
        return None
    _model, describe = INDEXED[kind]
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind, object_id=instance.pk, defaults=_entry_values(kind, describe(instance))
    )
    return entry


def search_entry_delete(*, instance: Model) -> None:
    kind = kind_of(type(instance))
    if kind is not None:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()


@transaction.atomic
def search_index_rebuild() -> int:
    """Index every published item from scratch; returns how many entries the index holds."""
    SearchEntry.objects.all().delete()
    entries = []
    for kind, (model, describe) in INDEXED.items():
        items = model._default_manager.filter(status=PublishStatus.PUBLISHED).prefetch_related(*PREFETCH.get(kind, []))
        for item in items.iterator(chunk_size=500):
            entries.append(SearchEntry(kind=kind, object_id=item.pk, **_entry_values(kind, describe(item))))
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    if connection.vendor == "sqlite":
        # Re-derive the FTS5 table from its content table, in case triggers were lost to a table rebuild.
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')")
    return len(entries)
