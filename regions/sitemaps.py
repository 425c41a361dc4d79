from publishing.sitemaps import TaxonomySitemap

from .models import Region


class RegionSitemap(TaxonomySitemap):
    model = Region
