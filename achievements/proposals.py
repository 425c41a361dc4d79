"""Key figures proposed from an article's lead, body and sections, with those already recorded recognised."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from news.models import Article, ArticleSection
from presentation.text import highlight, html_to_text

from .extraction import ProposedFigure, extract_figures
from .models import KeyFigure


@dataclass(frozen=True)
class Proposal:
    figure: ProposedFigure
    section: ArticleSection | None
    recorded: bool = False

    @property
    def where(self) -> str:
        return str(self.section) if self.section else gettext("导语 / 正文")

    def highlighted_context(self) -> SafeString:
        return highlight(self.figure.context, [self.figure.text])


@dataclass(frozen=True)
class RecordedFigures:
    """What the article's achievements already hold: normalised value + unit, and text per source section."""

    amounts: frozenset
    texts: frozenset

    @classmethod
    def of(cls, article: Article) -> "RecordedFigures":
        rows = KeyFigure.objects.filter(achievement__article=article).values_list(
            "value", "unit", "text", "achievement__section_id"
        )
        return cls(
            amounts=frozenset((Decimal(value).normalize(), unit) for value, unit, _, _ in rows),
            texts=frozenset((text, section_id) for _, _, text, section_id in rows),
        )

    def adding(self, *, value, unit: str, text: str, section_id: int | None) -> "RecordedFigures":
        return RecordedFigures(
            amounts=self.amounts | {(Decimal(value).normalize(), unit)}, texts=self.texts | {(text, section_id)}
        )

    def contains(self, *, value, unit: str, text: str, section_id: int | None) -> bool:
        return (Decimal(value).normalize(), unit) in self.amounts or (text, section_id) in self.texts


def article_parts(article: Article) -> list[tuple[ArticleSection | None, str]]:
    parts = [(None, article.lead or ""), (None, html_to_text(article.body))]
    parts += [(section, html_to_text(section.body)) for section in article.sections.all()]
    return [(section, text) for section, text in parts if text.strip()]


def article_proposals(article: Article) -> list[Proposal]:
    """Every figure the extractor finds in the article, in reading order, marked when already recorded."""
    recorded = RecordedFigures.of(article)
    proposals, seen = [], set()
    for section, text in article_parts(article):
        for figure in extract_figures(text, year=article.year):
            section_id = section.pk if section else None
            key = (figure.value.normalize(), figure.unit, figure.text, section_id)
            is_recorded = recorded.contains(
                value=figure.value, unit=figure.unit, text=figure.text, section_id=section_id
            )
            if key in seen:
                continue  # the lead often repeats a figure of the body
            seen.add(key)
            proposals.append(Proposal(figure=figure, section=section, recorded=is_recorded))
    return proposals
