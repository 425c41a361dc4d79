"""Writes of an item together with its parts (an article's sections, a project's milestones, an achievement's key
figures), for the services behind the write API: one way for every kind, all or nothing in the caller's
transaction."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def relations_taken(fields: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The many-to-many values among ``fields`` (taken out of it): they are set once the item is saved."""
    return {name: fields.pop(name) for name in names if name in fields}


def item_save(item: models.Model, relations: Mapping[str, Any]) -> None:
    """Validates and saves ``item``, then sets its many-to-many ``relations``."""
    item.full_clean()
    item.save()
    for name, values in relations.items():
        getattr(item, name).set(values)


def _numbered(related_name: str, number: int, message: str) -> ValidationError:
    return ValidationError({related_name: [_("第%(number)s项：%(error)s") % {"number": number, "error": message}]})


def parts_save(parent: models.Model, related_name: str, parts: Sequence[Mapping[str, Any]]) -> None:
    """``parts`` become all of ``parent``'s ``related_name``.

    A part with the ``id`` of one of them is changed in place, so its id, its API address and whatever refers to it
    (an achievement placed in a section) stay; a part without one is new; the parts left out are deleted. An error
    names the part by its place in the list (第2项：…).
    """
    manager = getattr(parent, related_name)
    model, link = manager.model, manager.field.name
    existing = {part.pk: part for part in manager.all()}
    kept = set()
    for number, data in enumerate(parts, start=1):
        data = dict(data)
        pk = data.pop("id", None)
        if pk is not None and pk not in existing:
            message = _("没有编号为 %(id)s 的%(part)s（编号须是这一条目自己的）。") % {
                "id": pk,
                "part": model._meta.verbose_name,
            }
            raise _numbered(related_name, number, message)
        part = existing[pk] if pk is not None else model(**{link: parent})
        for name, value in data.items():
            setattr(part, name, value)
        try:
            part.full_clean()
        except ValidationError as error:
            raise _numbered(related_name, number, _("；").join(error.messages)) from error
        part.save()
        kept.add(part.pk)
    manager.exclude(pk__in=kept).delete()
