"""An achievement's search entry (registered in achievements/apps.py), with its key figures."""

from publishing.indexing import SearchDocument

from .models import Achievement


def achievement_document(achievement: Achievement) -> SearchDocument:
    figures = " ".join(f"{figure.label} {figure.text}" for figure in achievement.figures.all())
    return SearchDocument(
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
