"""Every save or delete of searchable content (or of the parts it is indexed with) refreshes its entry.

The items a transaction touches are collected and each is re-indexed once, by the task worker, when the transaction
commits (search/tasks.py): an achievement saved in the admin with thirty figures is described once, not thirty-one
times, and a change that is rolled back never reaches the index. Outside a transaction the task is queued at once.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Institution
from news.models import Article, ArticleSection
from projects.models import Project

from .tasks import refresh_entries

INDEXED_MODELS = (Article, Achievement, Project, Enterprise, Institution)


# The open transaction's pending set, kept on the connection object (one per database alias and thread).
PENDING = "_search_reindex_pending"


class _Pending:
    """The items one transaction touched, by model; registered once with ``transaction.on_commit``."""

    def __init__(self, connection):
        self.connection = connection
        # Django gives each transaction, and each roll-back to a savepoint, a fresh list of commit callbacks: while
        # the list this set was registered in is the current one and not emptied, the registration stands. (After a
        # roll-back to a savepoint a new set is registered: an item touched on both sides of it is re-indexed twice,
        # never missed.)
        self.hooks = getattr(connection, "run_on_commit", None)
        self.items: dict[type[Model], set[int]] = defaultdict(set)

    def is_registered(self) -> bool:
        return (
            self.hooks is not None
            and getattr(self.connection, "run_on_commit", None) is self.hooks
            and bool(self.hooks)
        )

    def __call__(self):
        if getattr(self.connection, PENDING, None) is self:
            setattr(self.connection, PENDING, None)
        for model, pks in self.items.items():
            # The task worker writes the entries, so that saving a large import or bulk change never waits for it.
            refresh_entries.enqueue(model._meta.label, sorted(pks))


def reindex_on_commit(model: type[Model], pk, using: str | None) -> None:
    """Re-index item ``pk`` of ``model`` once the current transaction commits (at once outside one).

    Django calls nothing when a transaction rolls back: a set left over from it is no longer registered (its
    transaction's callbacks are gone), so the next transaction gets a new one instead of filling it for nobody.
    A set registered inside a savepoint that was rolled back is replaced the same way.
    """
    if pk is None:
        return
    connection = transaction.get_connection(using)
    pending = getattr(connection, PENDING, None)
    if connection.in_atomic_block and pending is not None and pending.is_registered():
        pending.items[model].add(pk)
        return
    pending = _Pending(connection)
    pending.items[model].add(pk)
    if connection.in_atomic_block:
        setattr(connection, PENDING, pending)
    # robust: a failure is logged, and never turns a save that has committed into an error page.
    transaction.on_commit(pending, using=using, robust=True)  # outside a transaction it runs at once


def _reindex(sender, instance, raw=False, using=None, **kwargs):
    if not raw:  # fixtures load rows, not content changes; rebuild_search_index covers them
        reindex_on_commit(sender, instance.pk, using)


for model in INDEXED_MODELS:
    post_save.connect(_reindex, sender=model, dispatch_uid=f"search_reindex_{model._meta.label_lower}")
    post_delete.connect(_reindex, sender=model, dispatch_uid=f"search_forget_{model._meta.label_lower}")


@receiver(post_save, sender=ArticleSection, dispatch_uid="search_reindex_section")
@receiver(post_delete, sender=ArticleSection, dispatch_uid="search_forget_section")
def _reindex_article_of_section(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        reindex_on_commit(Article, instance.article_id, using)


@receiver(post_save, sender=KeyFigure, dispatch_uid="search_reindex_figure")
@receiver(post_delete, sender=KeyFigure, dispatch_uid="search_forget_figure")
def _reindex_achievement_of_figure(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        reindex_on_commit(Achievement, instance.achievement_id, using)
