from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("新闻与年度回顾")

    def ready(self):
        from publishing.indexing import register_search_kind

        from .models import Article, ArticleSection
        from .search import article_document

        register_search_kind(
            Article,
            kind="article",
            document=article_document,
            prefetch=["sections"],
            parts=[(ArticleSection, "article")],
        )
