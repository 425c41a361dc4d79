"""Every save or delete of searchable content (or of the parts it is indexed with) refreshes its entry.

The items a transaction touches are collected and each is re-indexed once, when the transaction commits: an
achievement saved in the admin with thirty figures is described once, not thirty-one times, and a change that
is rolled back never reaches the index. Outside a transaction an item is re-indexed at once.
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

from .services import search_entries_refresh

INDEXED_MODELS = (Article, Achievement, Project, Enterprise, Institution)


class _Pending:
    """The items one transaction touched, by model; Django calls it once that transaction has committed."""

    def __init__(self):
        self.items: dict[type[Model], set[int]] = defaultdict(set)

    def __call__(self):
        for model, pks in self.items.items():
            search_entries_refresh(model=model, pks=pks)


def reindex_on_commit(model: type[Model], pk, using: str) -> None:
    """Re-index item ``pk`` of ``model`` once the current transaction commits (at once outside one)."""
    if pk is None:
        return
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        # Django keeps the open transaction's callbacks here, and drops a rolled-back savepoint's with it.
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Pending):
                callback.items[model].add(pk)
                return
    pending = _Pending()
    pending.items[model].add(pk)
    # robust: a failure is logged, and never turns a save that has committed into an error page.
    transaction.on_commit(pending, using=using, robust=True)


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
