from presentation.sitemaps import PublishedSitemap

from .models import Project


class ProjectSitemap(PublishedSitemap):
    model = Project
    changed_field = "updated_at"
    priority = 0.7
