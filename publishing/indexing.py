"""What the site search needs from each kind of content, registered by the content apps in their AppConfig.ready().

Each content app describes its items next to its models (news/search.py …) and registers them here, in the shared
core; the search app reads the registry to index, refresh and rebuild (search/services.py, search/signals.py), so
the content apps never import search and search never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model


@dataclass
class SearchDocument:
    """What an item contributes to its search entry: title, aliases, summary, body, where and when, and the English
    title and summary staff may have given it for the English interface."""

    title: str
    aliases: list[str]
    summary: str
    body: str
    region_id: int | None
    year: int | None
    url: str
    title_en: str = ""
    summary_en: str = ""


@dataclass(frozen=True)
class SearchKind:
    kind: str  # one of search.models.SearchEntry.Kind
    model: type[Model]
    document: Callable[..., SearchDocument]
    # Among equal matches the higher weight comes first: articles 1.0; named things (a project, an enterprise) are
    # where a name search should land first, and an achievement about them comes right after.
    weight: float = 1.0
    # What ``document`` reads of each item, fetched with a batch of items.
    prefetch: tuple[str, ...] = ()
    # (part model, its foreign key to the item): saving or deleting a part changes its item's entry.
    parts: tuple[tuple[type[Model], str], ...] = ()


_kinds: dict[str, SearchKind] = {}
_read = False


def register_search_kind(
    model: type[Model],
    *,
    kind: str,
    document: Callable[..., SearchDocument],
    weight: float = 1.0,
    prefetch: tuple[str, ...] = (),
    parts: tuple[tuple[type[Model], str], ...] = (),
) -> None:
    # Search connects its signals to the kinds registered when it is ready; a later one would never be refreshed.
    if _read:
        raise ImproperlyConfigured(f"{model._meta.label} registers for search too late: list its app before search.")
    if kind in _kinds:
        raise ImproperlyConfigured(f"The search kind {kind!r} is registered twice.")
    _kinds[kind] = SearchKind(kind, model, document, weight, tuple(prefetch), tuple(parts))


def search_kinds() -> dict[str, SearchKind]:
    """kind → what is registered for it."""
    global _read
    _read = True
    return dict(_kinds)


def search_kind_of(model: type[Model]) -> SearchKind | None:
    return next((kind for kind in _kinds.values() if kind.model is model), None)
