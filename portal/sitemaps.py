"""The site's sitemap sections, each app's own, in the order /sitemap.xml lists them."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from achievements.sitemaps import AchievementSitemap
from enterprises.sitemaps import EnterpriseSitemap, InstitutionSitemap
from news.sitemaps import ArticleSitemap
from projects.sitemaps import ProjectSitemap
from regions.sitemaps import RegionSitemap
from topics.sitemaps import TopicSitemap


class PagesSitemap(Sitemap):
    """The home page and the lists."""

    changefreq = "daily"
    priority = 0.9

    def items(self):
        return [
            "home:index",
            "news:index",
            "projects:index",
            "enterprises:index",
            "enterprises:institutions",
            "achievements:index",
            "regions:index",
            "topics:index",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PagesSitemap,
    "news": ArticleSitemap,
    "achievements": AchievementSitemap,
    "projects": ProjectSitemap,
    "enterprises": EnterpriseSitemap,
    "institutions": InstitutionSitemap,
    "regions": RegionSitemap,
    "topics": TopicSitemap,
}
