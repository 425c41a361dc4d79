"""Which generation of cached pages is current, and until when.

One database row (``PageCacheState``) says which cached pages are current: every cached page's key carries the
generation it was made in. A change to content adds one to the generation in the same transaction
(``invalidate``), so the pages of the old generation are never read again (the cache lets them expire). A change
that rolls back takes its new generation with it.

Scheduled publishing needs no background job: for each generation the first request looks up, in the indexed
``published_at`` and ``expires_at`` columns, the next moment at which an item will appear or expire by the clock
alone. No page is cached past it, and the first request after it starts a new generation.
"""

from datetime import datetime

from django.apps import apps
from django.db.models import F
from django.utils import timezone

from publishing.models import Publishable, PublishStatus

from .models import PageCacheState


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
