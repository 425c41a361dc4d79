from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "achievements"
    verbose_name = _("科创成果")

    def ready(self):
        from publishing.indexing import register_search_kind
        from publishing.richtext import use_figure_library

        from .citations import drop_citations, rich_text_fields, sync_citations
        from .models import Achievement, KeyFigure
        from .richtext import FigureLibrary
        from .search import achievement_document

        register_search_kind(
            Achievement,
            kind="achievement",
            document=achievement_document,
            weight=1.1,
            prefetch=["figures"],
            parts=[(KeyFigure, "achievement")],
        )
        use_figure_library(FigureLibrary())
        # Every model with rich text, whichever app has it, keeps its citations of figures.
        for model in apps.get_models():
            if rich_text_fields(model):
                post_save.connect(sync_citations, sender=model, dispatch_uid=f"figure_citations_{model._meta.label}")
                post_delete.connect(drop_citations, sender=model, dispatch_uid=f"figure_uncited_{model._meta.label}")
