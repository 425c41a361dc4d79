from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from publishing.indexing import search_kinds

        from .models import SearchEntry
        from .signals import connect_signals

        # The content apps register their kinds (news/apps.py …); an entry's kind is one of the index's choices.
        if unknown := set(search_kinds()) - set(SearchEntry.Kind.values):
            raise ImproperlyConfigured(f"Search kinds without a SearchEntry.Kind: {', '.join(sorted(unknown))}.")
        connect_signals()
