from presentation.sitemaps import PublishedSitemap

from .models import Enterprise, Institution


class EnterpriseSitemap(PublishedSitemap):
    model = Enterprise
    changed_field = "updated_at"
    priority = 0.6


class InstitutionSitemap(PublishedSitemap):
    model = Institution
    changed_field = "updated_at"
    priority = 0.5
