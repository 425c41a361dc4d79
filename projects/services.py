"""Writes that span a project and its milestones: all or nothing."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Milestone, Project

RELATIONS = ("other_regions", "topics", "partner_enterprises", "partner_institutions")


def _add_milestones(project: Project, milestones: Sequence[Mapping[str, Any]]) -> None:
    for number, data in enumerate(milestones, start=1):
        milestone = Milestone(project=project, **data)
        try:
            milestone.full_clean()
        except ValidationError as error:
            raise ValidationError(
                {
                    "milestones": [
                        _("第%(number)s项：%(errors)s") % {"number": number, "errors": _("；").join(error.messages)}
                    ]
                }
            ) from error
        milestone.save()


def _save(project: Project, relations: Mapping[str, Any]) -> None:
    project.full_clean()
    project.save()
    for name, items in relations.items():
        getattr(project, name).set(items)


@transaction.atomic
def project_create(*, milestones: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Project:
    """A new project (a draft unless ``status`` says otherwise) with its milestones, in one transaction."""
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    project = Project(**fields)
    _save(project, relations)
    _add_milestones(project, milestones)
    return project


@transaction.atomic
def project_update(
    *, project: Project, milestones: Sequence[Mapping[str, Any]] | None = None, **fields: Any
) -> Project:
    """Changes the given fields; ``milestones``, when given, replace all of the project's milestones."""
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    for name, value in fields.items():
        setattr(project, name, value)
    _save(project, relations)
    if milestones is not None:
        project.milestones.all().delete()
        _add_milestones(project, milestones)
    return project
