"""An article's search entry (registered in news/apps.py): its sections' headings and text are part of it."""

from django.utils import timezone

from presentation.text import html_to_line
from publishing.indexing import SearchDocument

from .models import Article


def article_document(article: Article) -> SearchDocument:
    sections = list(article.sections.all())
    headings = " ".join(f"{section.label} {section.heading}" for section in sections)
    return SearchDocument(
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
