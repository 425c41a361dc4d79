"""The search entries of enterprises and institutions (registered in enterprises/apps.py)."""

from presentation.text import html_to_line
from publishing.indexing import SearchDocument

from .models import Enterprise, Institution


def enterprise_document(enterprise: Enterprise) -> SearchDocument:
    return SearchDocument(
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


def institution_document(institution: Institution) -> SearchDocument:
    return SearchDocument(
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
