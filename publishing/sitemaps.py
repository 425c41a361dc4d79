"""sitemap.xml: every published item with its last change, plus the lists and regions."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article
from projects.models import Project
from regions.models import Region
from topics.models import Topic


class PublishedSitemap(Sitemap):
    """Items of ``model`` that ``published()`` lets through, with ``updated_at`` as lastmod."""

    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(PublishedSitemap):
    model = Article
    changefreq = "weekly"
    priority = 0.8


class AchievementSitemap(PublishedSitemap):
    model = Achievement


class ProjectSitemap(PublishedSitemap):
    model = Project
    priority = 0.7


class EnterpriseSitemap(PublishedSitemap):
    model = Enterprise
    priority = 0.6


class InstitutionSitemap(PublishedSitemap):
    model = Institution
    priority = 0.5


class TaxonomySitemap(Sitemap):
    """Regions and topics have no publishing state: they are always public."""

    model = None
    changefreq = "weekly"

    def items(self):
        return self.model.objects.order_by("pk")


class RegionSitemap(TaxonomySitemap):
    model = Region


class TopicSitemap(TaxonomySitemap):
    model = Topic


class PagesSitemap(Sitemap):
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
