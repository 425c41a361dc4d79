"""Writes that span a project and its milestones: all or nothing."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from publishing.parts import item_save, parts_save, relations_taken

from .models import Project

RELATIONS = ("other_regions", "topics", "partner_enterprises", "partner_institutions")


@transaction.atomic
def project_create(*, milestones: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Project:
    """A new project (a draft unless ``status`` says otherwise) with its milestones, in one transaction."""
    relations = relations_taken(fields, RELATIONS)
    project = Project(**fields)
    item_save(project, relations)
    parts_save(project, "milestones", milestones)
    return project


@transaction.atomic
def project_update(
    *, project: Project, milestones: Sequence[Mapping[str, Any]] | None = None, **fields: Any
) -> Project:
    """Changes the given fields; ``milestones``, when given, become the project's milestones (matched by ``id``)."""
    relations = relations_taken(fields, RELATIONS)
    for name, value in fields.items():
        setattr(project, name, value)
    item_save(project, relations)
    if milestones is not None:
        parts_save(project, "milestones", milestones)
    return project
