"""Every save or delete of searchable content (or of the parts it is indexed with) refreshes its entry."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Institution
from news.models import Article, ArticleSection
from projects.models import Project

from .services import search_entry_delete, search_entry_update

INDEXED_MODELS = (Article, Achievement, Project, Enterprise, Institution)


def _reindex(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows, not content changes; rebuild_search_index covers them
        search_entry_update(instance=instance)


def _forget(sender, instance, **kwargs):
    search_entry_delete(instance=instance)


for model in INDEXED_MODELS:
    post_save.connect(_reindex, sender=model, dispatch_uid=f"search_reindex_{model._meta.label_lower}")
    post_delete.connect(_forget, sender=model, dispatch_uid=f"search_forget_{model._meta.label_lower}")


@receiver(post_save, sender=ArticleSection, dispatch_uid="search_reindex_section")
@receiver(post_delete, sender=ArticleSection, dispatch_uid="search_forget_section")
def _reindex_article_of_section(sender, instance, raw=False, **kwargs):
    article = Article.objects.filter(pk=instance.article_id).first()
    if article is not None and not raw:
        search_entry_update(instance=article)


@receiver(post_save, sender=KeyFigure, dispatch_uid="search_reindex_figure")
@receiver(post_delete, sender=KeyFigure, dispatch_uid="search_forget_figure")
def _reindex_achievement_of_figure(sender, instance, raw=False, **kwargs):
    achievement = Achievement.objects.filter(pk=instance.achievement_id).first()
    if achievement is not None and not raw:
        search_entry_update(instance=achievement)
