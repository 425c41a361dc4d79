"""What is waiting for one member of staff: the admin home's "我的待办" and the counts in the admin's header.

A handful of queries per kind of content, however many items there are (the four-eyes rule's changers are read
for all items in review at once).
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from presentation.dates import local_datetime

from . import permissions, services
from .models import AuditEntry, Draft, Publishable, PublishStatus

EXPIRY_WINDOW = datetime.timedelta(days=7)
LIMIT = 50  # items of one kind in one section; the lists are work queues, not archives


@dataclass(frozen=True)
class Entry:
    obj: Publishable
    url: str
    note: str = ""  # the reviewer's comment, or when it goes public / stops being public
    over_live: bool = False  # a draft of the next version of a published item, not the item itself

    @property
    def kind(self) -> str:
        return self.obj._meta.verbose_name


@dataclass
class Queue:
    review: list[Entry] = field(default_factory=list)  # in review, and the user may approve it
    sent_back: list[Entry] = field(default_factory=list)  # their drafts that a reviewer sent back, with the comment
    drafts: list[Entry] = field(default_factory=list)  # their other drafts
    scheduled: list[Entry] = field(default_factory=list)  # approved, public at a time still to come
    expiring: list[Entry] = field(default_factory=list)  # public, no longer public within seven days
    may_review: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.review or self.sent_back or self.drafts or self.scheduled or self.expiring)


def content_models() -> list[type[Publishable]]:
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def _url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[quote(obj.pk)])
    except NoReverseMatch:
        return ""


def _changed_by(model, user) -> Exists:
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return Exists(
        AuditEntry.objects.filter(
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
            action__in=services.CHANGE_ACTIONS,
            user=user,
        )
    )


def review_queue(user) -> Queue:
    """The user's work, over every kind of content they may see in the admin."""
    may_review = permissions.can_review(user)
    queue = Queue(may_review=may_review)
    now = timezone.now()
    for model in content_models():
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}") and not user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        ):
            continue
        manager = model._default_manager
        if may_review:
            waiting = list(manager.filter(status=PublishStatus.IN_REVIEW).order_by("submitted_at", "pk")[:LIMIT])
            changers = services.content_changers_of(waiting)
            queue.review += [
                Entry(item, _url(item), local_datetime(item.submitted_at))
                for item in waiting
                if user.pk not in changers[opts.label, item.pk]
            ]
        mine = manager.filter(Q(submitted_by=user) | _changed_by(model, user), status=PublishStatus.DRAFT)
        for item in mine.order_by("-updated_at", "-pk")[:LIMIT]:
            if item.review_comment:
                queue.sent_back.append(Entry(item, _url(item), item.review_comment))
            else:
                queue.drafts.append(Entry(item, _url(item)))
        _drafts_over_live(queue, model, user, may_review)
        coming = manager.filter(
            Q(published_at__gt=now) | Q(published_at__lte=now, expires_at__gt=now, expires_at__lte=now + EXPIRY_WINDOW),
            status=PublishStatus.PUBLISHED,
        )
        for item in coming.order_by("published_at", "pk")[:LIMIT]:
            if item.published_at > now:
                queue.scheduled.append(Entry(item, _url(item), local_datetime(item.published_at)))
            else:
                queue.expiring.append(Entry(item, _url(item), local_datetime(item.expires_at)))
    queue.scheduled.sort(key=lambda entry: entry.obj.published_at)
    queue.expiring.sort(key=lambda entry: entry.obj.expires_at)
    return queue


def _drafts_over_live(queue: Queue, model, user, may_review: bool) -> None:
    """Drafts of the next version of published items (publishing.models.Draft): in review, sent back, the user's."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    pending = Draft.objects.filter(content_type=content_type)
    if not may_review:
        pending = pending.filter(status=Draft.Status.DRAFT)
    pending = list(pending.order_by("submitted_at", "-updated_at", "pk")[: LIMIT * 2])
    if not pending:
        return
    pk = model._meta.pk
    items = model._default_manager.in_bulk([pk.to_python(draft.object_id) for draft in pending])
    changers = services.content_changers_of(list(items.values()))
    for draft in pending:
        item = items.get(pk.to_python(draft.object_id))
        if item is None:
            continue
        authors = changers[model._meta.label, item.pk] | {draft.submitted_by_id}
        if draft.status == Draft.Status.IN_REVIEW:
            if user.pk not in authors:
                when = local_datetime(draft.submitted_at)
                queue.review.append(Entry(item, _url(item), when, over_live=True))
        elif user.pk in authors or user.pk in (draft.created_by_id, draft.updated_by_id):
            if draft.review_comment:
                queue.sent_back.append(Entry(item, _url(item), draft.review_comment, over_live=True))
            else:
                queue.drafts.append(Entry(item, _url(item), over_live=True))


def queue_for(user) -> Queue | None:
    """The queue of a signed-in, active member of staff; None for anyone else (the admin's sign-in page)."""
    if user is None or not user.is_active or not user.is_staff:
        return None
    return review_queue(user)
