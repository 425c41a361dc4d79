"""State changes of published content and of their drafts, under the four-eyes rule.

Who may make them is in ``publishing.permissions``, what they write to the audit log in ``publishing.audit``.

Every public place reads ``PublishableQuerySet.published()``; these functions are the only way the
admin (and the write API) moves an item between states.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reversion import create_revision, set_comment, set_user

from presentation.dates import local_datetime

from . import drafts, notifications
from .audit import audit_record
from .models import AuditEntry, Draft, Publishable, PublishStatus
from .permissions import EDITABLE_BY_EDITORS, SUBMIT_PERMISSION, can_change, can_edit, can_force_publish, can_review

logger = logging.getLogger(__name__)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _require_state(obj: Publishable, allowed: set[str], message: str) -> None:
    """``message`` is translated and names ``%(item)s``, its ``%(state)s`` and the ``%(states)s`` allowed."""
    if obj.status not in allowed:
        states = _("、").join(str(PublishStatus(state).label) for state in sorted(allowed))
        raise ValidationError(message % {"item": obj, "state": obj.get_status_display(), "states": states})


def _require_text(text: str, message: str) -> str:
    """``message`` says what is missing, e.g. ``_("请填写退回意见。")``."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(message)
    return text


# What changes an item's content, and what ends a round of changes (a second person has approved them).
CHANGE_ACTIONS = {AuditEntry.Action.CREATED, AuditEntry.Action.EDITED, AuditEntry.Action.RESTORED}
APPROVAL_ACTIONS = {AuditEntry.Action.APPROVED, AuditEntry.Action.PUBLISHED, AuditEntry.Action.FORCE_PUBLISHED}


def content_changers_of(objs) -> dict:
    """``{(model label, pk): {user ids}}``: for each item, who created, edited or restored it since it was last
    approved or published (the audit log says), and, while it is in review, who submitted it. The four-eyes rule:
    none of them may approve it. One query per kind of item, whatever their number."""
    by_type: dict = {}
    for obj in objs:
        by_type.setdefault(ContentType.objects.get_for_model(obj, for_concrete_model=False), []).append(obj)
    changers: dict = {}
    for content_type, items in by_type.items():
        ids = {str(obj.pk): (obj._meta.label, obj.pk) for obj in items}
        found = {key: set() for key in ids.values()}
        entries = (
            AuditEntry.objects.filter(
                content_type=content_type, object_id__in=list(ids), action__in=CHANGE_ACTIONS | APPROVAL_ACTIONS
            )
            .order_by("created_at", "id")
            .values_list("object_id", "action", "user_id")
        )
        for object_id, action, user_id in entries:
            if action in APPROVAL_ACTIONS:
                found[ids[object_id]] = set()
            elif user_id is not None:
                found[ids[object_id]].add(user_id)
        for obj in items:
            if obj.status == PublishStatus.IN_REVIEW and obj.submitted_by_id is not None:
                found[obj._meta.label, obj.pk].add(obj.submitted_by_id)
        changers.update(found)
    return changers


def content_changers(obj: Publishable) -> set[int]:
    """Who changed ``obj``'s content since it was last approved, and who submitted it if it is in review (see
    content_changers_of)."""
    return content_changers_of([obj])[obj._meta.label, obj.pk]


def four_eyes_problem(user, obj: Publishable, changers: set[int] | None = None) -> str:
    """Why ``user`` may not approve ``obj`` (they submitted or changed it since its last approval), or ""."""
    if obj.status == PublishStatus.IN_REVIEW and obj.submitted_by_id is not None and obj.submitted_by_id == user.pk:
        return _("“%(item)s”是您提交审核的，须由另一位审核人员审核（双人把关）。") % {"item": obj}
    if user.pk in (content_changers(obj) if changers is None else changers):
        return _("“%(item)s”自上次审核通过以来经您修改过，须由另一位审核人员审核（双人把关）。") % {"item": obj}
    return ""


def _require_other_person(user, obj: Publishable, changers: set[int] | None = None) -> None:
    problem = four_eyes_problem(user, obj, changers)
    if problem:
        raise PermissionDenied(problem)


def _lock(obj: Publishable) -> None:
    """Locks the item's row and reads its workflow state afresh: of two simultaneous transitions of one item, the
    second waits for the first to commit, then sees its outcome (and is refused where the state no longer allows
    it), so exactly one wins and the audit log records it once."""
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).exists()
    obj.refresh_from_db()  # all of it: the step saves the whole row, never content older than the lock


def _save(obj: Publishable) -> Publishable:
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def content_submit(*, obj: Publishable, user) -> Publishable:
    """Draft (or unpublished item) → in review; remembers who submitted, for the four-eyes rule."""
    _lock(obj)
    _require(
        user.has_perm(SUBMIT_PERMISSION) and can_change(user, obj),
        _("您没有提交“%(item)s”审核的权限。") % {"item": obj},
    )
    _require_state(obj, EDITABLE_BY_EDITORS, _("“%(item)s”当前是“%(state)s”，只有“%(states)s”的内容可以提交审核。"))
    obj.status = PublishStatus.IN_REVIEW
    obj.submitted_by = user
    obj.submitted_at = timezone.now()
    obj.review_comment = ""
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.SUBMITTED, obj=obj)
    notifications.notify_submitted(obj=obj, user=user, changers=content_changers(obj))
    return obj


@transaction.atomic
def content_publish(*, obj: Publishable, user, at: datetime.datetime | None = None) -> Publishable:
    """In review → published, at ``at`` (or the time already set, or now). The submitter cannot approve."""
    _lock(obj)
    _require(can_review(user), _("您没有审核发布“%(item)s”的权限。") % {"item": obj})
    _require_state(
        obj, {PublishStatus.IN_REVIEW}, _("“%(item)s”当前是“%(state)s”，只有“%(states)s”的内容可以审核发布。")
    )
    changers = content_changers(obj)
    _require_other_person(user, obj, changers)
    obj.status = PublishStatus.PUBLISHED
    if at is not None:
        obj.published_at = at
    obj.unpublish_reason = ""
    obj.public_notice = ""
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.APPROVED, obj=obj)
    audit_record(user=user, action=AuditEntry.Action.PUBLISHED, obj=obj, comment=_schedule_note(obj))
    notifications.notify_decision(obj=obj, user=user, changers=changers, approved=True)
    return obj


@transaction.atomic
def content_send_back(*, obj: Publishable, user, comment: str) -> Publishable:
    """In review → draft, with the reviewer's comment for the editor."""
    _lock(obj)
    _require(can_review(user), _("您没有退回“%(item)s”的权限。") % {"item": obj})
    _require_state(obj, {PublishStatus.IN_REVIEW}, _("“%(item)s”当前是“%(state)s”，只有“%(states)s”的内容可以退回。"))
    comment = _require_text(comment, _("请填写退回意见。"))
    changers = content_changers(obj)
    obj.status = PublishStatus.DRAFT
    obj.review_comment = comment
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.SENT_BACK, obj=obj, comment=comment)
    notifications.notify_decision(obj=obj, user=user, changers=changers, approved=False, comment=comment)
    return obj


@transaction.atomic
def content_unpublish(*, obj: Publishable, user, reason: str, public_notice: str = "") -> Publishable:
    """Published → unpublished, saying why (``reason``, for staff only) and, optionally, what the public is told
    on the item's page (``public_notice``)."""
    _lock(obj)
    _require(can_review(user), _("您没有下线“%(item)s”的权限。") % {"item": obj})
    _require_state(obj, {PublishStatus.PUBLISHED}, _("“%(item)s”当前是“%(state)s”，只有“%(states)s”的内容可以下线。"))
    reason = _require_text(reason, _("请填写下线原因。"))
    obj.record_public_title()
    obj.status = PublishStatus.UNPUBLISHED
    obj.unpublish_reason = reason
    obj.public_notice = (public_notice or "").strip()
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.UNPUBLISHED, obj=obj, comment=reason)
    return obj


@transaction.atomic
def content_archive(*, obj: Publishable, user) -> Publishable:
    """Published or unpublished → archived: kept, no longer public, no longer in the daily work."""
    _lock(obj)
    _require(can_review(user), _("您没有归档“%(item)s”的权限。") % {"item": obj})
    _require_state(
        obj,
        {PublishStatus.PUBLISHED, PublishStatus.UNPUBLISHED, PublishStatus.DRAFT},
        _("“%(item)s”当前是“%(state)s”，只有“%(states)s”的内容可以归档。"),
    )
    obj.record_public_title()
    obj.status = PublishStatus.ARCHIVED
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.ARCHIVED, obj=obj)
    return obj


@transaction.atomic
def content_force_publish(*, obj: Publishable, user, reason: str, at: datetime.datetime | None = None) -> Publishable:
    """Any state → published without review, by a site administrator, with a written reason the log keeps."""
    _lock(obj)
    _require(can_force_publish(user), _("只有站点管理员可以强制发布“%(item)s”。") % {"item": obj})
    reason = _require_text(reason, _("请填写强制发布的理由。"))
    if obj.status == PublishStatus.PUBLISHED and at is None:
        raise ValidationError(_("“%(item)s”已经是已发布状态。") % {"item": obj})
    obj.status = PublishStatus.PUBLISHED
    if at is not None:
        obj.published_at = at
    elif obj.published_at is None or obj.published_at > timezone.now():
        obj.published_at = timezone.now()
    obj.unpublish_reason = ""
    obj.public_notice = ""
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.FORCE_PUBLISHED, obj=obj, comment=reason)
    return obj


@transaction.atomic
def content_release(*, items: list[Publishable], at: datetime.datetime, user=None) -> list[Publishable]:
    """Publish several items together at one time, all or nothing (a yearly review and its achievements:
    ``news.release``).

    Every item must be in review (or already published); anything else stops the whole release and nothing changes.
    The items in review are published at ``at``; those already published and public by ``at`` keep their
    publication time, while those scheduled later are brought forward to ``at``, so nothing meant to be released
    with the others stays hidden after them. The items published or brought forward are returned.
    With ``user``, the reviewer's rights and the four-eyes rule apply to every item it publishes or brings
    forward: a reviewer who changed an item since it was last approved cannot release it (nor a scheduled one,
    whose publication would otherwise count as approval of the change).
    """
    blocked = [item for item in items if item.status not in {PublishStatus.IN_REVIEW, PublishStatus.PUBLISHED}]
    if blocked:
        names = _("、").join(
            _("“%(item)s”（%(state)s）") % {"item": item, "state": item.get_status_display()} for item in blocked
        )
        raise ValidationError(_("以下内容尚未提交审核，不能一起发布：%(items)s。") % {"items": names})
    released, decided = [], []
    changers = content_changers_of(items)
    for item in items:
        approved = item.status == PublishStatus.PUBLISHED
        if approved and item.published_at is not None and item.published_at <= at:
            continue  # public by the release time already: its date and its log stay as they are
        item_changers = changers[item._meta.label, item.pk]
        if user is not None:
            _require(can_review(user), _("您没有审核发布“%(item)s”的权限。") % {"item": item})
            _require_other_person(user, item, item_changers)
        if not approved:
            decided.append((item, item_changers))
        item.status = PublishStatus.PUBLISHED
        item.published_at = at
        item.unpublish_reason = ""
        item.public_notice = ""
        _save(item)
        audit_record(user=user, action=AuditEntry.Action.PUBLISHED, obj=item, comment=_schedule_note(item))
        released.append(item)
    if user is not None:
        for item, item_changers in decided:
            notifications.notify_decision(obj=item, user=user, changers=item_changers, approved=True)
    return released


def release_problems(user, items) -> dict[int, str]:
    """Why each item would stop the release, keyed by position in ``items``; what content_release refuses
    (for a published item, when it is still scheduled: releasing it brings it forward)."""
    problems = {}
    changers = content_changers_of(items)
    for index, item in enumerate(items):
        if item.status not in {PublishStatus.IN_REVIEW, PublishStatus.PUBLISHED}:
            problems[index] = _("当前是“%(state)s”，须先提交审核。") % {"state": item.get_status_display()}
        elif item.status == PublishStatus.PUBLISHED and not item.is_scheduled():
            continue
        elif item.status == PublishStatus.IN_REVIEW and item.submitted_by_id == user.pk:
            problems[index] = _("由您提交审核，须由另一位审核人员发布（双人把关）。")
        elif user.pk in changers[item._meta.label, item.pk]:
            problems[index] = _("自上次审核通过以来经您修改过，须由另一位审核人员发布（双人把关）。")
    return problems


# --- Drafts over live content ---------------------------------------------------------------------


def _pending_draft(obj: Publishable, status: str | None = None, message: str = "") -> Draft:
    draft = Draft.objects.select_for_update().filter(pk=getattr(Draft.for_object(obj), "pk", None)).first()
    if draft is None:
        raise ValidationError(_("“%(item)s”没有待发布的草稿。") % {"item": obj})
    if status is not None and draft.status != status:
        raise ValidationError(message % {"item": obj, "state": draft.get_status_display()})
    return draft


@transaction.atomic
def draft_save(*, obj: Publishable, user, data: dict, restored: bool = False, comment: str = "") -> Draft:
    """Stores ``data`` (a ``publishing.drafts.snapshot``) as the next version of ``obj``; its live row is untouched.

    The audit log records the change on the item itself (``EDITED``, or ``RESTORED`` for a restored revision), so
    the four-eyes rule knows who changed the content under review. ``user`` None is the operator (a command)."""
    _require(user is None or can_edit(user, obj), _("您没有修改“%(item)s”的权限。") % {"item": obj})
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    draft = Draft.objects.select_for_update().filter(content_type=content_type, object_id=str(obj.pk)).first()
    if draft is None:
        draft = Draft(
            content_type=content_type, object_id=str(obj.pk), base_version=obj.version, created_by=user, edits=0
        )
    draft.data = data
    draft.edits += 1
    draft.updated_by = user
    if draft.status == Draft.Status.SCHEDULED:
        # Approved for other content: the changed draft is reviewed again before it replaces anything.
        draft.status, draft.apply_at, draft.approved_by = Draft.Status.IN_REVIEW, None, None
    draft.save()
    action = AuditEntry.Action.RESTORED if restored else AuditEntry.Action.EDITED
    note = _("（草稿，公开版本不变）")
    audit_record(user=user, action=action, obj=obj, comment=f"{comment}{note}" if comment else note)
    return draft


@transaction.atomic
def draft_submit(*, obj: Publishable, user) -> Draft:
    """The pending draft → in review; the live version stays public meanwhile."""
    _require(
        user.has_perm(SUBMIT_PERMISSION) and can_edit(user, obj),
        _("您没有提交“%(item)s”审核的权限。") % {"item": obj},
    )
    draft = _pending_draft(obj, Draft.Status.DRAFT, _("“%(item)s”的草稿当前是“%(state)s”，不能再次提交审核。"))
    draft.status = Draft.Status.IN_REVIEW
    draft.submitted_by = user
    draft.submitted_at = timezone.now()
    draft.review_comment = ""
    draft.save()
    audit_record(user=user, action=AuditEntry.Action.SUBMITTED, obj=obj, comment=_("提交审核草稿（公开版本不变）"))
    notifications.notify_submitted(obj=obj, user=user, changers=draft_authors(obj, draft))
    return draft


@transaction.atomic
def draft_send_back(*, obj: Publishable, user, comment: str) -> Draft:
    """The draft in review → draft, with the reviewer's comment; the live version stays as it is."""
    _require(can_review(user), _("您没有退回“%(item)s”的权限。") % {"item": obj})
    draft = _pending_draft(
        obj, Draft.Status.IN_REVIEW, _("“%(item)s”的草稿当前是“%(state)s”，只有待审核的草稿可以退回。")
    )
    comment = _require_text(comment, _("请填写退回意见。"))
    changers = draft_authors(obj, draft)
    draft.status = Draft.Status.DRAFT
    draft.review_comment = comment
    draft.save()
    audit_record(user=user, action=AuditEntry.Action.SENT_BACK, obj=obj, comment=comment)
    notifications.notify_decision(obj=obj, user=user, changers=changers, approved=False, comment=comment)
    return draft


def draft_authors(obj: Publishable, draft: Draft) -> set[int]:
    """Who changed the draft's content (the four-eyes rule: everyone who changed the item since its last approval,
    draft edits included, see content_changers) and who submitted it."""
    authors = content_changers(obj)
    if draft.submitted_by_id is not None:
        authors.add(draft.submitted_by_id)
    return authors


@transaction.atomic
def draft_approve(*, obj: Publishable, user, at: datetime.datetime | None = None) -> Publishable:
    """Applies the draft in review to the live row, all at once (one transaction): the row's fields and inlines
    become the draft's, its ``version`` grows, the draft is gone. Nobody who changed or submitted it may approve.

    With ``at`` still to come, the draft is approved for then: the live version stays as it is until that minute,
    when ``apply_due_drafts`` applies it (the first request after it does, see ``caching.state``)."""
    _require(can_review(user), _("您没有审核发布“%(item)s”的权限。") % {"item": obj})
    # The item's row first, then its draft's: the order every path that holds both takes (no deadlock).
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).exists()
    draft = _pending_draft(
        obj, Draft.Status.IN_REVIEW, _("“%(item)s”的草稿当前是“%(state)s”，只有待审核的草稿可以审核通过。")
    )
    changers = draft_authors(obj, draft)
    if user.pk in changers:
        raise PermissionDenied(
            _("“%(item)s”的草稿由您修改或提交，须由另一位审核人员审核（双人把关）。") % {"item": obj}
        )
    if at is not None and at > timezone.now():
        draft.status, draft.apply_at, draft.approved_by = Draft.Status.SCHEDULED, at, user
        draft.save()
        when = local_datetime(at)
        note = _("草稿定时替换公开版本：%(when)s") % {"when": when}
        audit_record(user=user, action=AuditEntry.Action.APPROVED, obj=obj, comment=note)
        notifications.notify_decision(obj=obj, user=user, changers=changers, approved=True, scheduled_for=at)
        return obj
    drafts.apply_snapshot(obj, draft.data)
    draft.delete()
    audit_record(user=user, action=AuditEntry.Action.APPROVED, obj=obj, comment=_("草稿替换公开版本"))
    if obj.status == PublishStatus.PUBLISHED:
        audit_record(user=user, action=AuditEntry.Action.PUBLISHED, obj=obj, comment=_schedule_note(obj))
    notifications.notify_decision(obj=obj, user=user, changers=changers, approved=True)
    return obj


def next_draft_replacement(now: datetime.datetime) -> datetime.datetime | None:
    """When the next draft approved for a later time replaces its live version (for the page cache's schedule)."""
    due = Draft.objects.filter(status=Draft.Status.SCHEDULED, apply_at__gt=now).order_by("apply_at")
    return due.values_list("apply_at", flat=True).first()


def apply_due_drafts(now: datetime.datetime | None = None) -> int:
    """Replaces the live version of every item whose draft was approved for a time that has come; how many.

    Each in a transaction of its own, under the item's lock and then the draft's (the order every path takes), so
    that two processes never apply one draft twice. A draft that cannot be applied (its slug taken meanwhile, say)
    goes back to review with the reason, and the others are applied all the same."""
    now = now or timezone.now()
    applied = 0
    due = Draft.objects.filter(status=Draft.Status.SCHEDULED, apply_at__lte=now).select_related("content_type")
    for found in list(due.order_by("apply_at", "pk")):
        model = found.content_type.model_class()
        try:
            with transaction.atomic(), create_revision():
                obj = model._default_manager.select_for_update().filter(pk=found.object_id).first() if model else None
                draft = (
                    Draft.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=found.pk, status=Draft.Status.SCHEDULED, apply_at__lte=now)
                    .select_related("approved_by")
                    .first()
                )
                if obj is None or draft is None:
                    continue
                if draft.approved_by is not None:
                    set_user(draft.approved_by)
                note = _("定时替换公开版本（%(when)s）") % {"when": local_datetime(draft.apply_at)}
                set_comment(note)
                drafts.apply_snapshot(obj, draft.data)
                draft.delete()
                audit_record(user=draft.approved_by, action=AuditEntry.Action.PUBLISHED, obj=obj, comment=note)
                applied += 1
        except Exception as error:  # noqa: BLE001 - one draft that fails must not hold back the others
            logger.exception("The draft approved for %s could not replace the live version", found.apply_at)
            reason = _("定时替换未能完成（%(error)s），请检查后重新审核。") % {"error": error}
            Draft.objects.filter(pk=found.pk).update(
                status=Draft.Status.IN_REVIEW, apply_at=None, approved_by=None, review_comment=reason
            )
    return applied


@transaction.atomic
def draft_discard(*, obj: Publishable, user) -> None:
    """Drops the pending draft; the live version stays as it is."""
    _require(can_edit(user, obj), _("您没有放弃“%(item)s”草稿的权限。") % {"item": obj})
    draft = _pending_draft(obj)
    draft.delete()
    audit_record(user=user, action=AuditEntry.Action.EDITED, obj=obj, comment=_("放弃了待发布的草稿"))


def _schedule_note(obj: Publishable) -> str:
    if obj.published_at and obj.published_at > timezone.now():
        # The audit log is written in the site's language, whoever reads it later.
        with translation.override(settings.LANGUAGE_CODE):
            return f"定时发布：{formats.date_format(timezone.localtime(obj.published_at), 'DATETIME_FORMAT')}"
    return ""
