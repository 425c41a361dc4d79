"""Writes that span an article and its sections: all or nothing."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Article, ArticleSection

RELATIONS = ("regions", "topics", "projects", "enterprises", "institutions")


def _save_sections(article: Article, sections: Sequence[Mapping[str, Any]]) -> None:
    """Sections with an ``id`` are changed in place (achievements placed in them stay there); others are new."""
    existing = {section.pk: section for section in article.sections.all()}
    kept = set()
    for number, data in enumerate(sections, start=1):
        data = dict(data)
        pk = data.pop("id", None)
        if pk is not None and pk not in existing:
            raise ValidationError(
                {"sections": [_("第%(number)s项：这篇文章没有编号为 %(id)s 的章节。") % {"number": number, "id": pk}]}
            )
        section = existing[pk] if pk is not None else ArticleSection(article=article)
        for name, value in data.items():
            setattr(section, name, value)
        try:
            section.full_clean()
        except ValidationError as error:
            raise ValidationError(
                {
                    "sections": [
                        _("第%(number)s项：%(errors)s") % {"number": number, "errors": _("；").join(error.messages)}
                    ]
                }
            ) from error
        section.save()
        kept.add(section.pk)
    article.sections.exclude(pk__in=kept).delete()


def _save(article: Article, relations: Mapping[str, Any]) -> None:
    article.full_clean()
    article.save()
    for name, items in relations.items():
        getattr(article, name).set(items)


@transaction.atomic
def article_create(*, sections: Sequence[Mapping[str, Any]] = (), **fields: Any) -> Article:
    """A new article (a draft unless ``status`` says otherwise) with its sections, in one transaction."""
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    article = Article(**fields)
    _save(article, relations)
    _save_sections(article, sections)
    return article


@transaction.atomic
def article_update(*, article: Article, sections: Sequence[Mapping[str, Any]] | None = None, **fields: Any) -> Article:
    """Changes the given fields; ``sections``, when given, become the article's sections (matched by ``id``)."""
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    for name, value in fields.items():
        setattr(article, name, value)
    _save(article, relations)
    if sections is not None:
        _save_sections(article, sections)
    return article
