"""Writes that span an achievement and its key figures: all or nothing."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Achievement, KeyFigure

RELATIONS = ("projects", "enterprises", "institutions")


def _add_figures(achievement: Achievement, figures: Sequence[Mapping[str, Any]]) -> None:
    for number, data in enumerate(figures, start=1):
        figure = KeyFigure(achievement=achievement, **data)
        try:
            figure.full_clean()
        except ValidationError as error:
            raise ValidationError({"figures": [f"第{number}项：{'；'.join(error.messages)}"]}) from error
        figure.save()


def _save(achievement: Achievement, relations: Mapping[str, Any]) -> None:
    achievement.full_clean()
    achievement.save()
    for name, items in relations.items():
        getattr(achievement, name).set(items)


@transaction.atomic
def achievement_create(*, figures: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Achievement:
    """A new achievement with its key figures; one invalid figure and nothing is saved."""
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    achievement = Achievement(**fields)
    _save(achievement, relations)
    _add_figures(achievement, figures)
    return achievement


@transaction.atomic
def achievement_update(
    *, achievement: Achievement, figures: Sequence[Mapping[str, Any]] | None = None, **fields: Any
) -> Achievement:
    """Changes the given fields; ``figures``, when given, replace all of the achievement's figures."""
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    for name, value in fields.items():
        setattr(achievement, name, value)
    _save(achievement, relations)
    if figures is not None:
        achievement.figures.all().delete()
        _add_figures(achievement, figures)
    return achievement
