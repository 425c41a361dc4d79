"""A project's search entry (registered in projects/apps.py)."""

from presentation.text import html_to_line
from publishing.indexing import SearchDocument

from .models import Project


def project_document(project: Project) -> SearchDocument:
    return SearchDocument(
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
