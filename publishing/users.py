"""Staff accounts: a user's editorial role makes them staff (they can log in to the admin), and their names are
written as Chinese names are, family name first without a space (李 + 小李 → 李小李)."""

import re
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .roles import ROLE_DESCRIPTIONS

# Han, kana and hangul: names written family name first, without a space.
EAST_ASIAN = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# What a clear of User.groups needs to know afterwards, read before it (whether the user had a role; a role's
# members): pre_clear and post_clear are sent by the same clear() call, so a context variable carries it between
# them (nothing rides on the model instance).
BEFORE_CLEAR: ContextVar[bool | list | None] = ContextVar("publishing_before_clear", default=None)


def display_name(user) -> str:
    """The user's full name as it is written: 李小李 for Chinese names, "Ann Lee" for Western ones; else the
    username."""
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    name = f"{last}{first}" if EAST_ASIAN.search(first + last) else f"{first} {last}".strip()
    return name or user.get_username()


def has_role(user) -> bool:
    return user.groups.filter(name__in=ROLE_DESCRIPTIONS).exists()


def _set_staff(user, is_staff: bool) -> None:
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        type(user)._default_manager.filter(pk=user.pk).update(is_staff=is_staff)


def _follow_roles(user, *, roles_removed: bool) -> None:
    """A role makes a user staff; losing the last role ends it, except for superusers."""
    if has_role(user):
        _set_staff(user, True)
    elif roles_removed and not user.is_superuser:
        _set_staff(user, False)


def _before_clear():
    value = BEFORE_CLEAR.get()
    BEFORE_CLEAR.set(None)
    return value


def staff_follows_roles(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """m2m_changed of User.groups, from either side (user.groups.add(…) or group.user_set.add(…))."""
    if not reverse:
        if action == "pre_clear":
            BEFORE_CLEAR.set(has_role(instance))
        elif action in {"post_add", "post_remove"}:
            removed = (
                action == "post_remove" and Group.objects.filter(pk__in=pk_set, name__in=ROLE_DESCRIPTIONS).exists()
            )
            _follow_roles(instance, roles_removed=removed)
        elif action == "post_clear":
            _follow_roles(instance, roles_removed=bool(_before_clear()))
        return
    if instance.name not in ROLE_DESCRIPTIONS:
        return
    if action == "pre_clear":
        BEFORE_CLEAR.set(list(instance.user_set.values_list("pk", flat=True)))
        return
    if action == "post_clear":
        pk_set = _before_clear() or []
    elif action not in {"post_add", "post_remove"}:
        return
    for user in get_user_model()._default_manager.filter(pk__in=pk_set):
        _follow_roles(user, roles_removed=action != "post_add")
