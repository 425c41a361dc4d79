"""Which generation of cached pages is current, and until when.

One database row (``PageCacheState``) says which cached pages are current: every cached page's key carries the
generation it was made in. A change to content adds one to the generation in the same transaction
(``invalidate``), so the pages of the old generation are never read again (the cache lets them expire). A change
that rolls back takes its new generation with it.

Scheduled publishing needs no background job: for each generation the first request looks up, in the indexed
``published_at`` and ``expires_at`` columns, the next moment at which an item will appear or expire by the clock
alone. No page is cached past it, and the first request after it starts a new generation.
"""

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from .models import PageCacheState

logger = logging.getLogger(__name__)
T = TypeVar("T")


# What a model with a publication window has (publishing.models.Publishable): this app reads the window and
# depends on no content app, so that any of them may keep what it computes here (``until_content_changes``).
WINDOW_FIELDS = {"status", "published_at", "expires_at"}
PUBLISHED = "published"


def publishable_models():
    return [
        model for model in apps.get_models() if WINDOW_FIELDS <= {field.name for field in model._meta.concrete_fields}
    ]


def next_scheduled_change(now: datetime) -> datetime | None:
    """The next time an item becomes public or stops being public without anyone saving it, if any.

    Two index look-ups per kind of content (the first ``published_at`` and the first ``expires_at`` after now).
    """
    moments = []
    for model in publishable_models():
        published = model._default_manager.filter(status=PUBLISHED)
        for field in ("published_at", "expires_at"):
            moment = published.filter(**{f"{field}__gt": now}).order_by(field).values_list(field, flat=True).first()
            if moment is not None:
                moments.append(moment)
    return min(moments, default=None)


def _row():
    rows = PageCacheState.objects.filter(pk=PageCacheState.SINGLETON_PK)
    state = rows.values_list("generation", "next_change", "schedule_known").first()
    if state is None:
        PageCacheState.objects.get_or_create(pk=PageCacheState.SINGLETON_PK)
        state = rows.values_list("generation", "next_change", "schedule_known").get()
    return rows, state


def current_state() -> tuple[str, float | None]:
    """(generation, next scheduled change as a timestamp or None): one query, a few more once per generation."""
    now = timezone.now()
    rows, (generation, next_change, known) = _row()
    passed = known and next_change is not None and next_change <= now
    if not known or passed:
        next_change = next_scheduled_change(now)
        changes = {"next_change": next_change, "schedule_known": True}
        if passed:
            changes["generation"] = F("generation") + 1
        # Only if no one started another generation meanwhile; then theirs is read back.
        rows.filter(generation=generation).update(**changes)
        _rows, (generation, next_change, _known) = _row()
    return str(generation), next_change.timestamp() if next_change else None


def invalidate() -> None:
    """Every cached page is out of date once the current transaction commits (at once outside one)."""
    if not PageCacheState.objects.filter(pk=PageCacheState.SINGLETON_PK).update(
        generation=F("generation") + 1, schedule_known=False
    ):
        PageCacheState.objects.get_or_create(pk=PageCacheState.SINGLETON_PK)


def until_content_changes(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache until content changes or a scheduled publication or expiry comes due (the
    page cache's generation), for at most ``DATA_CACHE_SECONDS``: for what a page derives from all published content
    alike, whoever asks and whatever their filters (the data page's counts over every figure). ``name`` says what
    it is and must hold everything the result depends on. One query for the generation; a cache that is down
    costs only the computation.
    """
    if not settings.DATA_CACHE_SECONDS:
        return compute()
    try:
        generation, next_change = current_state()
        key = f"data:{generation}:{hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()}"
        stored = cache.get(key)
    except Exception:
        logger.warning("Data cache unavailable", exc_info=True)
        return compute()
    if stored is not None:
        return stored
    value = compute()
    timeout = settings.DATA_CACHE_SECONDS
    if next_change is not None:
        timeout = max(0, min(timeout, int(next_change - timezone.now().timestamp())))
    if timeout:
        try:
            cache.set(key, value, timeout=timeout)
        except Exception:
            logger.warning("Could not store data in the cache", exc_info=True)
    return value
