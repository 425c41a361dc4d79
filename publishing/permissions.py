"""Who may do what with published content: the editorial rights, and the one rule for who sees content that
is not public."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from .models import Draft, Publishable, PublishStatus

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


def edits_as_draft(obj: Publishable) -> bool:
    """A published item (or one with a pending draft) is changed through a draft: its live row stays as it is."""
    return obj.pk is not None and (obj.status == PublishStatus.PUBLISHED or Draft.for_object(obj) is not None)


def can_edit(user, obj: Publishable) -> bool:
    """Whether ``user`` may change the content of ``obj``: in place (``can_change``) or, for a published item,
    as a draft over the live version. Editors prepare drafts too; a draft in review is changed by reviewers only."""
    if not edits_as_draft(obj):
        return can_change(user, obj)
    opts = obj._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    draft = Draft.for_object(obj)
    return draft is None or draft.status == Draft.Status.DRAFT or can_review(user)


def can_see_unpublished(user, model: type[models.Model]) -> bool:
    """THE rule for who sees content before (or after) it is public, in a preview or in the API: active staff who may
    view or change this kind of content in the admin."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def can_review(user) -> bool:
    return user.has_perm(REVIEW_PERMISSION)


def can_force_publish(user) -> bool:
    return user.has_perm(FORCE_PUBLISH_PERMISSION)
