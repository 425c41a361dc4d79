"""Writes that span an article and its sections: all or nothing."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from publishing.parts import item_save, parts_save, relations_taken

from .models import Article

RELATIONS = ("regions", "topics", "projects", "enterprises", "institutions")


@transaction.atomic
def article_create(*, sections: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Article:
    """A new article (a draft unless ``status`` says otherwise) with its sections, in one transaction."""
    relations = relations_taken(fields, RELATIONS)
    article = Article(**fields)
    item_save(article, relations)
    parts_save(article, "sections", sections)
    return article


@transaction.atomic
def article_update(*, article: Article, sections: Sequence[Mapping[str, Any]] | None = None, **fields: Any) -> Article:
    """Changes the given fields; ``sections``, when given, become the article's sections (matched by ``id``)."""
    relations = relations_taken(fields, RELATIONS)
    for name, value in fields.items():
        setattr(article, name, value)
    item_save(article, relations)
    if sections is not None:
        parts_save(article, "sections", sections)
    return article
