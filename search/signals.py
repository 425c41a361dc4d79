"""Every save or delete of searchable content (or of the parts it is indexed with) refreshes its entry.

The items a transaction touches are collected and each is re-indexed once, by the task worker, when the transaction
commits (search/tasks.py): an achievement saved in the admin with thirty figures is described once, not thirty-one
times, and a change that is rolled back never reaches the index. Outside a transaction the task is queued at once.
"""

import threading
from collections import defaultdict
from functools import partial

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from publishing.indexing import SearchKind, search_kinds

from .tasks import refresh_entries


class _Pending(threading.local):
    """The items saved since the last commit, by database alias and model (each thread has its own)."""

    def __init__(self):
        self.items: dict[str, dict[type[Model], set[int]]] = defaultdict(lambda: defaultdict(set))

    def flush(self, using: str) -> None:
        """Queues one refresh per model for every item collected; the first callback of a commit does the work."""
        items = self.items.pop(using, {})
        for model, pks in items.items():
            # The task worker writes the entries, so that saving a large import or bulk change never waits for it.
            refresh_entries.enqueue(model._meta.label, sorted(pks))


_pending = _Pending()


def reindex_on_commit(model: type[Model], pk, using: str | None) -> None:
    """Re-index item ``pk`` of ``model`` once the current transaction commits (at once outside one).

    Every save registers a commit callback, but only the first to run finds items to queue. Items saved in a
    transaction, or a savepoint, that was rolled back stay collected until the next commit on that connection and
    are refreshed with it: refreshing writes what an item is now, so an item is sometimes refreshed needlessly,
    never missed.
    """
    if pk is None:
        return
    using = using or DEFAULT_DB_ALIAS
    _pending.items[using][model].add(pk)
    # robust: a failure is logged, and never turns a save that has committed into an error page.
    transaction.on_commit(partial(_pending.flush, using), using=using, robust=True)


def _reindex(sender, instance, raw=False, using=None, **kwargs):
    if not raw:  # fixtures load rows, not content changes; rebuild_search_index covers them
        reindex_on_commit(sender, instance.pk, using)


def _reindexer(kind: SearchKind, link: str):
    """Re-indexes the item a saved or deleted part (a section, a key figure) belongs to."""

    def reindex_item_of_part(sender, instance, raw=False, using=None, **kwargs):
        if not raw:
            reindex_on_commit(kind.model, getattr(instance, link), using)

    return reindex_item_of_part


def connect_signals() -> None:
    """For the kinds registered for search (publishing/indexing.py) and their parts; called once, when search is
    ready."""
    for kind in search_kinds().values():
        label = kind.model._meta.label_lower
        post_save.connect(_reindex, sender=kind.model, dispatch_uid=f"search_reindex_{label}")
        post_delete.connect(_reindex, sender=kind.model, dispatch_uid=f"search_forget_{label}")
        for part, field in kind.parts:
            reindex = _reindexer(kind, part._meta.get_field(field).attname)
            part_label = part._meta.label_lower
            post_save.connect(reindex, sender=part, weak=False, dispatch_uid=f"search_reindex_{part_label}")
            post_delete.connect(reindex, sender=part, weak=False, dispatch_uid=f"search_forget_{part_label}")
