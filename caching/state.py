"""Which generation of cached pages is current, and until when.

One small cache entry, ``(generation, next_change)``, says which pages are current: every cached page's key
carries the generation it was made in. A change to content deletes the entry (``invalidate``); the next request
makes a new generation, and the pages of the old one are never read again (the cache lets them expire).

Scheduled publishing needs no background job: with each new generation the portal looks up, in the indexed
``published_at`` and ``expires_at`` columns, the next moment at which an item will appear or expire by the clock
alone. A page is cached no longer than until then, and the first request after it starts a new generation.
"""

import logging
import time
from datetime import datetime

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from publishing.models import Publishable, PublishStatus

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"


def publishable_models():
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def next_scheduled_change(now: datetime) -> datetime | None:
    """The next time an item becomes public or stops being public without anyone saving it, if any.

    Two index look-ups per kind of content (the first ``published_at`` and the first ``expires_at`` after now).
    """
    moments = []
    for model in publishable_models():
        published = model._default_manager.filter(status=PublishStatus.PUBLISHED)
        for field in ("published_at", "expires_at"):
            moment = published.filter(**{f"{field}__gt": now}).order_by(field).values_list(field, flat=True).first()
            if moment is not None:
                moments.append(moment)
    return min(moments, default=None)


def current_state() -> tuple[str, float | None]:
    """(generation, next scheduled change as a timestamp or None); a new generation once that time has come."""
    now = timezone.now()
    state = cache.get(STATE_KEY)
    if state is None or (state[1] is not None and state[1] <= now.timestamp()):
        change = next_scheduled_change(now)
        state = (f"{time.time_ns():x}", change.timestamp() if change else None)
        cache.set(STATE_KEY, state, timeout=None)
    return state


def invalidate() -> None:
    """Every cached page is out of date: the next request starts a new generation."""
    try:
        cache.delete(STATE_KEY)
    except Exception:  # A cache that is down holds no pages to worry about; the save must not fail for it.
        logger.warning("Could not invalidate the page cache", exc_info=True)


def invalidate_now_and_on_commit() -> None:
    """Invalidate now, and once more when the open transaction commits (so that a page rendered from the data
    before the commit, and cached meanwhile, is not kept). Registered once per transaction."""
    invalidate()
    if connection.in_atomic_block and not any(item[1] is invalidate for item in connection.run_on_commit):
        transaction.on_commit(invalidate)
