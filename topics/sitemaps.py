from presentation.sitemaps import TaxonomySitemap

from .models import Topic


class TopicSitemap(TaxonomySitemap):
    model = Topic
