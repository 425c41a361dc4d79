from presentation.sitemaps import TaxonomySitemap

from .models import Region


class RegionSitemap(TaxonomySitemap):
    model = Region
