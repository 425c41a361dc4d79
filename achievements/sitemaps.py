from presentation.sitemaps import PublishedSitemap

from .models import Achievement


class AchievementSitemap(PublishedSitemap):
    model = Achievement
