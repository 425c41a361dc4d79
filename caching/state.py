"""Which generation of cached pages is current, and until when.

Every cached page's key (and every value ``until_content_changes`` keeps) carries the generation it was made in. A
change to content starts a new generation, so the entries of the old one are never read again (the cache lets them
expire). Where the generation lives depends on the cache:

- **A shared cache (Redis)**, which every process and server reads: a counter in it, incremented (``INCR``) once the
  transaction that changed content commits, so a change that rolls back changes nothing. A cached page then costs
  two cache reads (the counter and the page) and no database query at all.
- **The in-process cache** (the embedded default), which each process has for itself: one database row
  (``PageCacheState``), incremented in the same transaction as the change, which every process reads (one query a
  request) so that a change saved through any process reaches all of them at once.

Scheduled publishing needs no background job: for each generation the first request that misses the cache looks
up, in the indexed ``published_at`` and ``expires_at`` columns, the next moment at which an item will appear or
expire by the clock alone. Nothing cached is used past it (entries are kept with it, and expire then), and the first
request after it starts a new generation.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import PageCacheState

logger = logging.getLogger(__name__)
T = TypeVar("T")


# What a model with a publication window has (publishing.models.Publishable): this app reads the window and
# depends on no content app, so that any of them may keep what it computes here (``until_content_changes``).
WINDOW_FIELDS = {"status", "published_at", "expires_at"}
PUBLISHED = "published"

GENERATION_KEY = "pagecache:generation"  # the shared cache's counter
NO_SCHEDULED_CHANGE = -1.0  # a generation's next change, when nothing is scheduled
# How long the shared cache keeps a generation's next scheduled change before looking it up again.
SCHEDULE_SECONDS = 3600


# Scheduled changes other than an item's own publication window, each registered by the app that owns them as
# (the next such moment after now, apply what is due by now and say whether anything changed): publishing's drafts
# approved for a later time. Looked up and applied once per generation, when the schedule is worked out.
SCHEDULES: list[tuple[Callable[[datetime], datetime | None], Callable[[datetime], object]]] = []


def register_schedule(next_moment: Callable[[datetime], datetime | None], apply_due: Callable[[datetime], object]):
    SCHEDULES.append((next_moment, apply_due))


def apply_due_changes(now: datetime) -> bool:
    """Carries out what other apps scheduled for a time that has come (a draft approved for 09:00); whether any.
    One that fails is logged and tried again with the next generation; it never stops the page being served."""
    applied = False
    for _next_moment, apply_due in SCHEDULES:
        try:
            applied = bool(apply_due(now)) or applied
        except Exception:
            logger.exception("A scheduled change could not be applied (%s)", getattr(apply_due, "__qualname__", ""))
    return applied


def publishable_models():
    return [
        model for model in apps.get_models() if WINDOW_FIELDS <= {field.name for field in model._meta.concrete_fields}
    ]


def next_scheduled_change(now: datetime) -> datetime | None:
    """The next time an item becomes public or stops being public without anyone saving it, if any.

    Two index look-ups per kind of content (the first ``published_at`` and the first ``expires_at`` after now).
    """
    moments = [moment for next_moment, _apply in SCHEDULES if (moment := next_moment(now)) is not None]
    for model in publishable_models():
        published = model._default_manager.filter(status=PUBLISHED)
        for field in ("published_at", "expires_at"):
            moment = published.filter(**{f"{field}__gt": now}).order_by(field).values_list(field, flat=True).first()
            if moment is not None:
                moments.append(moment)
    return min(moments, default=None)


def shared_cache() -> bool:
    """Whether the cache is one that every process reads (Redis), rather than each process's own."""
    return isinstance(caches["default"], RedisCache)


def current_generation() -> str:
    """The generation of what is cached now: one cache read (shared cache) or one query (database row)."""
    if shared_cache():
        return str(_shared_generation() or "none")
    return str(_row()[1][0])


def cache_health() -> str:
    """For /healthz: "ok" (Redis answers), "unreachable" (the site runs without it) or "in-process"."""
    if not shared_cache():
        return "in-process"
    return "ok" if caches["default"].ping() else "unreachable"


def current_state() -> tuple[str, float | None]:
    """(generation, next scheduled change as a timestamp or None), starting a new generation if that change has
    come: what a request that is about to compute something for the cache needs."""
    if shared_cache():
        return _shared_state(timezone.now())
    return _database_state(timezone.now())


def invalidate() -> None:
    """Every cached page is out of date once the current transaction commits (at once outside one)."""
    if shared_cache():
        # Once per transaction, however many rows it saves (an import saves thousands).
        if not any(callback is _next_shared_generation for _ids, callback, _robust in connection.run_on_commit):
            transaction.on_commit(_next_shared_generation, robust=True)
        return
    if not PageCacheState.objects.filter(pk=PageCacheState.SINGLETON_PK).update(
        generation=F("generation") + 1, schedule_known=False
    ):
        PageCacheState.objects.get_or_create(pk=PageCacheState.SINGLETON_PK)


# The shared cache: a counter, and each generation's next scheduled change beside it.


# A change this process could not count (Redis was unreachable): counted as soon as Redis answers again, so that
# no page cached before the change is served after it.
_uncounted_change = False


def _shared_generation() -> int | None:
    """The counter; None while Redis is unreachable (every page then misses, caching.backends)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, or the counter was lost (a restart, an eviction): start from a number no earlier counter
        # reached, so no page kept from before is read again.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if generation is not None and _uncounted_change:
        _next_shared_generation()
        generation = cache.get(GENERATION_KEY)
    return generation


def _next_shared_generation() -> None:
    global _uncounted_change
    try:
        if getattr(caches["default"], "unreachable", lambda: False)():
            raise ConnectionError("Redis was just found unreachable")  # no time-out waited for again
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter: the next request starts a new one, which is a new generation too
        pass
    except Exception:
        _uncounted_change = True
        logger.error("Content changed while Redis was unreachable: counted once it answers again", exc_info=True)
    else:
        _uncounted_change = False


def _shared_state(now: datetime) -> tuple[str, float | None]:
    generation = _shared_generation()
    if generation is None:  # Redis is unreachable: nothing is kept, so there is no schedule to keep it by
        return "none", None
    schedule_key = f"pagecache:schedule:{generation}"
    moment = cache.get(schedule_key)
    if moment == NO_SCHEDULED_CHANGE or (moment is not None and moment > now.timestamp()):
        return str(generation), None if moment == NO_SCHEDULED_CHANGE else moment
    if apply_due_changes(now):
        generation = _shared_generation()  # what was applied started a new generation once it committed
        schedule_key = f"pagecache:schedule:{generation}"
    elif moment is not None:
        # The scheduled change has come: one request (whichever first) starts the next generation.
        if cache.add(f"{schedule_key}:passed", True, timeout=SCHEDULE_SECONDS):
            _next_shared_generation()
        generation = _shared_generation()
        schedule_key = f"pagecache:schedule:{generation}"
    found = next_scheduled_change(now)
    moment = found.timestamp() if found else None
    cache.add(schedule_key, NO_SCHEDULED_CHANGE if moment is None else moment, timeout=SCHEDULE_SECONDS)
    return str(generation), moment


# The database row.


def _row():
    rows = PageCacheState.objects.filter(pk=PageCacheState.SINGLETON_PK)
    state = rows.values_list("generation", "next_change", "schedule_known").first()
    if state is None:
        PageCacheState.objects.get_or_create(pk=PageCacheState.SINGLETON_PK)
        state = rows.values_list("generation", "next_change", "schedule_known").get()
    return rows, state


def _database_state(now: datetime) -> tuple[str, float | None]:
    """One query, a few more once per generation."""
    rows, (generation, next_change, known) = _row()
    passed = known and next_change is not None and next_change <= now
    if (not known or passed) and apply_due_changes(now):
        rows, (generation, next_change, known) = _row()  # what was applied started a new generation
        passed = False
    if not known or passed:
        next_change = next_scheduled_change(now)
        changes = {"next_change": next_change, "schedule_known": True}
        if passed:
            changes["generation"] = F("generation") + 1
        # Only if no one started another generation meanwhile; then theirs is read back.
        rows.filter(generation=generation).update(**changes)
        _rows, (generation, next_change, _known) = _row()
    return str(generation), next_change.timestamp() if next_change else None


def still_current(next_change: float | None) -> bool:
    """Whether what was cached with this next scheduled change may still be served (the cache's own expiry, on its
    own clock, may come a moment later)."""
    return next_change is None or next_change > timezone.now().timestamp()


def seconds_until(timestamp: float | None, limit: int) -> int:
    """How long something may be kept: ``limit`` seconds, but never past ``timestamp`` (a scheduled change)."""
    if timestamp is None:
        return limit
    return max(0, min(limit, int(timestamp - timezone.now().timestamp())))


def until_content_changes(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache until content changes or a scheduled publication or expiry comes due (the
    page cache's generation), for at most ``DATA_CACHE_SECONDS``: for what a page derives from all published content
    alike, whoever asks and whatever their filters (the data page's counts over every figure). ``name`` says what
    it is and must hold everything the result depends on. A hit costs what reading the generation costs; a cache
    that is down costs only the computation.
    """
    if not settings.DATA_CACHE_SECONDS:
        return compute()
    digest = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    try:
        stored = cache.get(f"data:{current_generation()}:{digest}")
        if stored is not None and still_current(stored[1]):
            return stored[0]
        generation, next_change = current_state()
    except Exception:
        logger.warning("Data cache unavailable", exc_info=True)
        return compute()
    value = compute()
    timeout = seconds_until(next_change, settings.DATA_CACHE_SECONDS)
    if timeout:
        try:
            cache.set(f"data:{generation}:{digest}", (value, next_change), timeout=timeout)
        except Exception:
            logger.warning("Could not store data in the cache", exc_info=True)
    return value
