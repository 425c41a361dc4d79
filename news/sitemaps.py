from presentation.sitemaps import PublishedSitemap

from .models import Article


class ArticleSitemap(PublishedSitemap):
    model = Article
    changefreq = "weekly"
    priority = 0.8
