"""What each kind of content contributes to its search entry: title, aliases, summary, body, where and when,
and the English title and summary staff may have given it for the English interface."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article
from projects.models import Project
from publishing.text import html_to_line

from .models import SearchEntry


@dataclass
class Document:
    title: str
    aliases: list[str]
    summary: str
    body: str
    region_id: int | None
    year: int | None
    url: str
    title_en: str = ""
    summary_en: str = ""


# Named things (a project, an enterprise, an institution) are where a name search should land first;
# an article or an achievement about them comes right after.
KIND_WEIGHT = {
    SearchEntry.Kind.PROJECT: 1.3,
    SearchEntry.Kind.ENTERPRISE: 1.3,
    SearchEntry.Kind.INSTITUTION: 1.3,
    SearchEntry.Kind.ACHIEVEMENT: 1.1,
    SearchEntry.Kind.ARTICLE: 1.0,
}


def article_document(article: Article) -> Document:
    sections = list(article.sections.all())
    headings = " ".join(f"{section.label} {section.heading}" for section in sections)
    return Document(
        title=article.title,
        aliases=[],
        summary=" ".join(part for part in [article.subtitle, article.lead, headings] if part),
        body=" ".join([html_to_line(article.body), *(html_to_line(section.body) for section in sections)]).strip(),
        region_id=None,
        # The year on the site's calendar (Beijing time), not in UTC: 1 January 00:30 is already the new year.
        year=article.year or (timezone.localtime(article.published_at).year if article.published_at else None),
        url=article.get_absolute_url(),
        title_en=article.title_en,
        summary_en=article.lead_en,
    )


def achievement_document(achievement: Achievement) -> Document:
    figures = " ".join(f"{figure.label} {figure.text}" for figure in achievement.figures.all())
    return Document(
        title=achievement.title,
        aliases=[],
        # Key figures ("咸宁智算中心算力 1000P") are what people search achievements for: summary weight.
        summary=" ".join(part for part in [achievement.summary, figures] if part),
        body="",
        region_id=achievement.region_id,
        year=achievement.year,
        url=achievement.get_absolute_url(),
        title_en=achievement.title_en,
        summary_en=achievement.summary_en,
    )


def project_document(project: Project) -> Document:
    return Document(
        title=project.name,
        aliases=[project.short_name],
        summary=project.summary,
        body=html_to_line(project.body),
        region_id=project.region_id,
        year=project.start_date.year if project.start_date else None,
        url=project.get_absolute_url(),
        title_en=project.name_en,
        summary_en=project.summary_en,
    )


def enterprise_document(enterprise: Enterprise) -> Document:
    return Document(
        title=enterprise.name,
        aliases=[enterprise.short_name],
        summary=enterprise.summary,
        body=html_to_line(enterprise.body),
        region_id=enterprise.region_id,
        year=None,
        url=enterprise.get_absolute_url(),
        title_en=enterprise.name_en,
        summary_en=enterprise.summary_en,
    )


def institution_document(institution: Institution) -> Document:
    return Document(
        title=institution.name,
        aliases=[institution.short_name],
        summary=institution.summary,
        body="",
        region_id=institution.region_id,
        year=None,
        url=institution.get_absolute_url(),
        title_en=institution.name_en,
        summary_en=institution.summary_en,
    )


# kind → (model, how to describe one of its items)
INDEXED: dict[str, tuple[type[models.Model], Callable[..., Document]]] = {
    SearchEntry.Kind.ARTICLE: (Article, article_document),
    SearchEntry.Kind.ACHIEVEMENT: (Achievement, achievement_document),
    SearchEntry.Kind.PROJECT: (Project, project_document),
    SearchEntry.Kind.ENTERPRISE: (Enterprise, enterprise_document),
    SearchEntry.Kind.INSTITUTION: (Institution, institution_document),
}

PREFETCH = {
    SearchEntry.Kind.ARTICLE: ["sections"],
    SearchEntry.Kind.ACHIEVEMENT: ["figures"],
}


def kind_of(model: type[models.Model]) -> str | None:
    for kind, (indexed_model, _describe) in INDEXED.items():
        if model is indexed_model:
            return kind
    return None
