"""E-mail about the review work: reviewers hear when something is submitted, authors when it is approved or sent back.

Mail goes through Django's mail framework (the console backend unless SMTP is configured, see settings), one
message per recipient, after the workflow's transaction commits. Within ``one_mail_per_person()`` (an import, a
bulk action) each recipient gets one message listing every item instead of one per item. A mail server that is
down never undoes or breaks the workflow action: the failure is logged, and ``collect_failures()`` lets the admin
warn the member of staff.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from presentation.dates import local_datetime

logger = logging.getLogger(__name__)

_failures: contextvars.ContextVar[list | None] = contextvars.ContextVar("publishing_mail_failures", default=None)
_batch: contextvars.ContextVar[list | None] = contextvars.ContextVar("publishing_mail_batch", default=None)


@contextlib.contextmanager
def collect_failures():
    """Within the block, mail that could not be sent is listed (as error texts) in the yielded list."""
    failures: list[str] = []
    token = _failures.set(failures)
    try:
        yield failures
    finally:
        _failures.reset(token)


@contextlib.contextmanager
def one_mail_per_person():
    """Within the block, the notices for many items are gathered and each recipient gets one message listing them
    all (after the commit, and only the notices of work that committed)."""
    if _batch.get() is not None:  # already gathering: the outer block sends
        yield
        return
    gathered: list[EmailMessage] = []
    token = _batch.set(gathered)
    try:
        yield
    finally:
        _batch.reset(token)
        # Registered after the notices' own after-commit hooks, so it runs after them, with every committed
        # notice; also when the block stops early (what committed before is still told).
        _send_after_commit_hook(lambda: _digests(gathered))


def _digests(gathered: list[EmailMessage]) -> list[EmailMessage]:
    by_recipient: dict[str, list[EmailMessage]] = {}
    for message in gathered:
        by_recipient.setdefault(message.to[0], []).append(message)
    digests = []
    with translation.override(settings.LANGUAGE_CODE):
        for recipient, messages in by_recipient.items():
            if len(messages) == 1:
                digests.extend(messages)
                continue
            subject = _("【科创门户】%(count)s 条审核通知") % {"count": len(messages)}
            # Each message is greeting, lines, footer (``_message``): one greeting and one footer for them all.
            greeting, footer = messages[0].body.split("\n\n")[0], messages[0].body.split("\n\n")[-1]
            parts = ["\n\n".join([message.subject, *message.body.split("\n\n")[1:-1]]) for message in messages]
            body = "\n\n".join([greeting, "\n\n----\n\n".join(parts), footer])
            digests.append(EmailMessage(subject=subject, body=body, to=[recipient]))
    return digests


def admin_url(obj) -> str:
    """The absolute address of the item's admin change page (DJANGO_SITE_URL in front of the path)."""
    path = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[quote(obj.pk)])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _recipients(queryset) -> list:
    return list(queryset.filter(is_active=True).exclude(email="").order_by("pk"))


def reviewers(*, excluding: set[int]):
    """Active staff with the review right (directly, through a role, or as superusers), minus ``excluding``."""
    review = Permission.objects.filter(codename="review_content", content_type__app_label="publishing")
    has_right = Q(is_superuser=True) | Q(user_permissions__in=review) | Q(groups__permissions__in=review)
    users = get_user_model()._default_manager.filter(has_right, is_staff=True).exclude(pk__in=excluding).distinct()
    return _recipients(users)


def _name(user) -> str:
    if user is None:
        return _("系统")
    return user.get_full_name() or user.get_username()


def _message(recipient, subject: str, lines: list[str]) -> EmailMessage:
    greeting = _("%(name)s，您好：") % {"name": _name(recipient)}
    body = "\n\n".join([greeting, *lines, _("（此邮件由科创门户管理后台自动发送，请勿直接回复。）")])
    return EmailMessage(subject=subject, body=body, to=[recipient.email])


def _send_after_commit(messages: list[EmailMessage]) -> None:
    if not messages:
        return
    gathering = _batch.get()
    if gathering is not None:
        transaction.on_commit(lambda: gathering.extend(messages))
        return
    _send_after_commit_hook(lambda: messages)


def _send_after_commit_hook(make_messages) -> None:
    collected = _failures.get()

    def send():
        messages = make_messages()
        if not messages:
            return
        try:
            with get_connection() as connection:
                connection.send_messages(messages)
        except Exception as error:  # noqa: BLE001 - any mail failure: the action itself has been saved
            logger.exception("Review notification e-mail could not be sent to %s", [m.to[0] for m in messages])
            if collected is not None:
                collected.append(str(error) or error.__class__.__name__)

    transaction.on_commit(send)


def notify_submitted(*, obj, user, changers: set[int]) -> None:
    """Tells the reviewers who may approve ``obj`` (everyone with the right, minus its changers) it waits for them."""
    with translation.override(settings.LANGUAGE_CODE):
        kind = obj._meta.verbose_name
        subject = _("【待审核】%(kind)s“%(item)s”") % {"kind": kind, "item": obj}
        lines = [
            _("%(who)s 提交了%(kind)s“%(item)s”，等待审核。") % {"who": _name(user), "kind": kind, "item": obj},
            _("审核请打开：%(url)s") % {"url": admin_url(obj)},
        ]
        messages = [_message(recipient, subject, lines) for recipient in reviewers(excluding={*changers, user.pk})]
    _send_after_commit(messages)


def notify_decision(*, obj, user, changers: set[int], approved: bool, comment: str = "", scheduled_for=None) -> None:
    """Tells those who wrote or submitted ``obj`` (minus the reviewer) that it was approved or sent back."""
    users = get_user_model()._default_manager.filter(pk__in=changers - {user.pk})
    with translation.override(settings.LANGUAGE_CODE):
        kind = obj._meta.verbose_name
        values = {"who": _name(user), "kind": kind, "item": obj}
        if approved:
            subject = _("【已审核通过】%(kind)s“%(item)s”") % values
            lines = [_("%(who)s 审核通过了%(kind)s“%(item)s”。") % values]
            if scheduled_for is not None:
                lines.append(_("修改将于 %(when)s 替换公开版本。") % {"when": local_datetime(scheduled_for)})
            elif obj.is_scheduled():
                lines.append(_("已排期，将于 %(when)s 公开。") % {"when": local_datetime(obj.published_at)})
        else:
            subject = _("【退回修改】%(kind)s“%(item)s”") % values
            lines = [
                _("%(who)s 退回了%(kind)s“%(item)s”，请修改后重新提交审核。") % values,
                _("退回意见：%(comment)s") % {"comment": comment},
            ]
        lines.append(_("查看请打开：%(url)s") % {"url": admin_url(obj)})
        messages = [_message(recipient, subject, lines) for recipient in _recipients(users)]
    _send_after_commit(messages)
