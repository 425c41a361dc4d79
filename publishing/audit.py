"""The audit log: who did what to which item, kept as text so that it outlives the item."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from .models import AuditEntry


def audit_record(*, user, action: str, obj, comment: str = "") -> AuditEntry:
    """Write one line of the audit log; it keeps a text copy of the item so it survives deletion."""
    return audit_note(user=user, action=action, model=obj, object_id=str(obj.pk), object_repr=str(obj), comment=comment)


def audit_note(*, user, action: str, model, object_id: str = "", object_repr: str, comment: str = "") -> AuditEntry:
    """A line of the audit log about something whose ``str()`` or ``pk`` must not be kept (an API token's key is
    both), or that is no single object (an export): the caller says what to write. ``model`` is a model or an
    instance; never pass a secret (a token key, a password) in any argument."""
    authenticated = user is not None and user.is_authenticated
    return AuditEntry.objects.create(
        user=user if authenticated else None,
        user_repr=user.get_username() if authenticated else "",
        action=action,
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id=object_id,
        # A refused request may carry a NUL byte (a file name); PostgreSQL cannot store one.
        object_repr=object_repr.replace("\x00", "")[:300],
        comment=comment.replace("\x00", ""),
    )


def audit_refusal(*, user, attempt: str, reason: str, obj=None, model=None) -> AuditEntry:
    """Who tried what and was refused (no right, a stale version, a missing If-Match): ``attempt`` names the
    action tried, ``reason`` is the message the person saw. Written outside the refused change's transaction."""
    target = obj if obj is not None else model
    return audit_note(
        user=user,
        action=AuditEntry.Action.REFUSED,
        model=target,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj) if obj is not None else str(target._meta.verbose_name),
        comment=f"{attempt}：{reason}",
    )


def audit_export(*, user, model, fmt: str, detail: str = "") -> AuditEntry:
    """Who downloaded which export: the kind of content, the format, and which rows (filters or the ticked rows)."""
    return audit_note(
        user=user,
        action=AuditEntry.Action.EXPORTED,
        model=model,
        object_repr=_("%(what)s（%(format)s）") % {"what": model._meta.verbose_name_plural, "format": fmt.upper()},
        comment=detail,
    )
