from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "achievements"
    verbose_name = _("科创成果")

    def ready(self):
        from publishing.indexing import register_search_kind

        from .models import Achievement, KeyFigure
        from .search import achievement_document

        register_search_kind(
            Achievement,
            kind="achievement",
            document=achievement_document,
            weight=1.1,
            prefetch=["figures"],
            parts=[(KeyFigure, "achievement")],
        )
