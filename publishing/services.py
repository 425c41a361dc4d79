"""State changes of published content: who may make them, the four-eyes rule, and the audit log.

Every public place reads ``PublishableQuerySet.published()``; these functions are the only way the
admin (and the write API) moves an item between states.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import AuditEntry, Publishable, PublishStatus

SUBMIT_PERMISSION = "publishing.submit_content"
REVIEW_PERMISSION = "publishing.review_content"
FORCE_PUBLISH_PERMISSION = "publishing.force_publish_content"

# States from which an item may be sent for review, and in which an editor (without review rights) may change it.
EDITABLE_BY_EDITORS = {PublishStatus.DRAFT, PublishStatus.UNPUBLISHED}

User = AbstractBaseUser | AnonymousUser


def can_change(user, obj: Publishable) -> bool:
    """Editors change drafts and unpublished items; what is in review or public is changed by reviewers only."""
    opts = obj._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    return obj.status in EDITABLE_BY_EDITORS or user.has_perm(REVIEW_PERMISSION)


def can_review(user) -> bool:
    return user.has_perm(REVIEW_PERMISSION)


def can_force_publish(user) -> bool:
    return user.has_perm(FORCE_PUBLISH_PERMISSION)


def audit_record(*, user, action: str, obj, comment: str = "") -> AuditEntry:
    """Write one line of the audit log; it keeps a text copy of the item so it survives deletion."""
    authenticated = user is not None and user.is_authenticated
    return AuditEntry.objects.create(
        user=user if authenticated else None,
        user_repr=user.get_username() if authenticated else "",
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        comment=comment,
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _require_state(obj: Publishable, allowed: set[str], action: str) -> None:
    if obj.status not in allowed:
        states = "、".join(str(PublishStatus(state).label) for state in sorted(allowed))
        raise ValidationError(f"“{obj}”当前是“{obj.get_status_display()}”，只有“{states}”的内容可以{action}。")


def _require_text(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"请填写{what}。")
    return text


def _require_other_person(user, obj: Publishable) -> None:
    if obj.submitted_by_id is not None and obj.submitted_by_id == user.pk:
        raise PermissionDenied(f"“{obj}”是您提交审核的，须由另一位审核人员审核（双人把关）。")


def _save(obj: Publishable) -> Publishable:
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def content_submit(*, obj: Publishable, user) -> Publishable:
    """Draft (or unpublished item) → in review; remembers who submitted, for the four-eyes rule."""
    _require(user.has_perm(SUBMIT_PERMISSION) and can_change(user, obj), f"您没有提交“{obj}”审核的权限。")
    _require_state(obj, EDITABLE_BY_EDITORS, "提交审核")
    obj.status = PublishStatus.IN_REVIEW
    obj.submitted_by = user
    obj.submitted_at = timezone.now()
    obj.review_comment = ""
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.SUBMITTED, obj=obj)
    return obj


@transaction.atomic
def content_publish(*, obj: Publishable, user, at: datetime.datetime | None = None) -> Publishable:
    """In review → published, at ``at`` (or the time already set, or now). The submitter cannot approve."""
    _require(can_review(user), f"您没有审核发布“{obj}”的权限。")
    _require_state(obj, {PublishStatus.IN_REVIEW}, "审核发布")
    _require_other_person(user, obj)
    obj.status = PublishStatus.PUBLISHED
    if at is not None:
        obj.published_at = at
    obj.unpublish_reason = ""
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.APPROVED, obj=obj)
    audit_record(user=user, action=AuditEntry.Action.PUBLISHED, obj=obj, comment=_schedule_note(obj))
    return obj


@transaction.atomic
def content_send_back(*, obj: Publishable, user, comment: str) -> Publishable:
    """In review → draft, with the reviewer's comment for the editor."""
    _require(can_review(user), f"您没有退回“{obj}”的权限。")
    _require_state(obj, {PublishStatus.IN_REVIEW}, "退回")
    comment = _require_text(comment, "退回意见")
    obj.status = PublishStatus.DRAFT
    obj.review_comment = comment
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.SENT_BACK, obj=obj, comment=comment)
    return obj


@transaction.atomic
def content_unpublish(*, obj: Publishable, user, reason: str) -> Publishable:
    """Published → unpublished, saying why."""
    _require(can_review(user), f"您没有下线“{obj}”的权限。")
    _require_state(obj, {PublishStatus.PUBLISHED}, "下线")
    reason = _require_text(reason, "下线原因")
    obj.status = PublishStatus.UNPUBLISHED
    obj.unpublish_reason = reason
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.UNPUBLISHED, obj=obj, comment=reason)
    return obj


@transaction.atomic
def content_archive(*, obj: Publishable, user) -> Publishable:
    """Published or unpublished → archived: kept, no longer public, no longer in the daily work."""
    _require(can_review(user), f"您没有归档“{obj}”的权限。")
    _require_state(obj, {PublishStatus.PUBLISHED, PublishStatus.UNPUBLISHED, PublishStatus.DRAFT}, "归档")
    obj.status = PublishStatus.ARCHIVED
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.ARCHIVED, obj=obj)
    return obj


@transaction.atomic
def content_force_publish(*, obj: Publishable, user, reason: str, at: datetime.datetime | None = None) -> Publishable:
    """Any state → published without review, by a site administrator, with a written reason the log keeps."""
    _require(can_force_publish(user), f"只有站点管理员可以强制发布“{obj}”。")
    reason = _require_text(reason, "强制发布的理由")
    if obj.status == PublishStatus.PUBLISHED and at is None:
        raise ValidationError(f"“{obj}”已经是已发布状态。")
    obj.status = PublishStatus.PUBLISHED
    if at is not None:
        obj.published_at = at
    elif obj.published_at is None or obj.published_at > timezone.now():
        obj.published_at = timezone.now()
    obj.unpublish_reason = ""
    _save(obj)
    audit_record(user=user, action=AuditEntry.Action.FORCE_PUBLISHED, obj=obj, comment=reason)
    return obj


@transaction.atomic
def review_release(*, article, at: datetime.datetime, user=None) -> list[Publishable]:
    """Publish a yearly review together with its achievements (and so their figures) at one time, all or nothing.

    Every item must be in review (or already published); anything else stops the whole release and nothing changes.
    With ``user``, the reviewer's rights and the four-eyes rule apply to every item.
    """
    items: list[Publishable] = [article, *article.achievements.order_by("pk")]
    blocked = [item for item in items if item.status not in {PublishStatus.IN_REVIEW, PublishStatus.PUBLISHED}]
    if blocked:
        names = "、".join(f"“{item}”（{item.get_status_display()}）" for item in blocked)
        raise ValidationError(f"以下内容尚未提交审核，整篇回顾不能发布：{names}。")
    for item in items:
        if user is not None:
            _require(can_review(user), f"您没有审核发布“{item}”的权限。")
            if item.status == PublishStatus.IN_REVIEW:
                _require_other_person(user, item)
        item.status = PublishStatus.PUBLISHED
        item.published_at = at
        item.unpublish_reason = ""
        _save(item)
        audit_record(user=user, action=AuditEntry.Action.PUBLISHED, obj=item, comment=_schedule_note(item))
    return items


def _schedule_note(obj: Publishable) -> str:
    if obj.published_at and obj.published_at > timezone.now():
        local = timezone.localtime(obj.published_at)
        return f"定时发布：{local:%Y年%m月%d日 %H:%M}"
    return ""
