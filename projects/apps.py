from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("项目与平台")

    def ready(self):
        from publishing.indexing import register_search_kind

        from .models import Project
        from .search import project_document

        register_search_kind(Project, kind="project", document=project_document, weight=1.3)
