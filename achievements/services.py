"""Writes that span an achievement and its key figures: all or nothing."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from publishing.audit import audit_record
from publishing.models import AuditEntry, PublishStatus
from publishing.parts import item_save, parts_save, relations_taken
from publishing.permissions import can_change

from .models import Achievement, KeyFigure
from .proposals import RecordedFigures

RELATIONS = ("projects", "enterprises", "institutions")


@transaction.atomic
def achievement_create(*, figures: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Achievement:
    """A new achievement with its key figures; one invalid figure and nothing is saved."""
    relations = relations_taken(fields, RELATIONS)
    achievement = Achievement(**fields)
    item_save(achievement, relations)
    parts_save(achievement, "figures", figures)
    return achievement


@transaction.atomic
def achievement_update(
    *, achievement: Achievement, figures: Sequence[Mapping[str, Any]] | None = None, **fields: Any
) -> Achievement:
    """Changes the given fields; ``figures``, when given, become the achievement's figures (matched by ``id``)."""
    relations = relations_taken(fields, RELATIONS)
    for name, value in fields.items():
        setattr(achievement, name, value)
    item_save(achievement, relations)
    if figures is not None:
        parts_save(achievement, "figures", figures)
    return achievement


@transaction.atomic
def figures_confirm(
    *,
    article,
    user,
    figures: Sequence[Mapping[str, Any]],
    achievement: Achievement | None = None,
    new_achievement: Mapping[str, Any] | None = None,
) -> tuple[Achievement, int]:
    """Saves the figures staff confirmed from an article: to ``achievement`` (one of the article's own), or to a new
    draft achievement made from ``new_achievement`` and linked to the article (and its section).

    Figures the article's achievements already hold (same value and unit, or same text in the same section) are
    skipped, so a page submitted twice records nothing twice. Returns the achievement and how many were added.
    """
    if not (user.has_perm("achievements.add_keyfigure") and user.has_perm("achievements.add_achievement")):
        raise PermissionDenied(_("您没有录入关键数据的权限。"))
    if achievement is None:
        achievement = Achievement(article=article, status=PublishStatus.DRAFT, **(new_achievement or {}))
        achievement.full_clean()
        achievement.save()
        comment = f"从《{article}》提取关键数据"
        audit_record(user=user, action=AuditEntry.Action.CREATED, obj=achievement, comment=comment)
    else:
        if achievement.article_id != article.pk:
            raise ValidationError(_("只能加入这篇文章的成果。"))
        if not can_change(user, achievement):
            state = achievement.get_status_display()
            raise PermissionDenied(
                _("“%(item)s”当前是“%(state)s”，您不能再向其中添加数字；请新建成果。")
                % {"item": achievement, "state": state}
            )
    recorded = RecordedFigures.of(article)
    order = max(achievement.figures.values_list("order", flat=True), default=0)
    added = 0
    for number, data in enumerate(figures, start=1):
        data = dict(data)
        section = data.pop("section", None)
        section_id = section.pk if section is not None else None
        if recorded.contains(value=data["value"], unit=data.get("unit", ""), text=data["text"], section_id=section_id):
            continue
        order += 1
        figure = KeyFigure(achievement=achievement, order=order, **data)
        try:
            figure.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("第%(number)s个数字“%(text)s”：%(errors)s")
                % {"number": number, "text": data["text"], "errors": _("；").join(error.messages)}
            ) from error
        figure.save()
        recorded = recorded.adding(value=figure.value, unit=figure.unit, text=figure.text, section_id=section_id)
        added += 1
    if added:
        audit_record(
            user=user,
            action=AuditEntry.Action.EDITED,
            obj=achievement,
            comment=f"从《{article}》提取并确认关键数据 {added} 项",
        )
    return achievement, added
