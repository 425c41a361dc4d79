from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("企业与机构")

    def ready(self):
        from publishing.indexing import register_search_kind

        from .models import Enterprise, Institution
        from .search import enterprise_document, institution_document

        register_search_kind(Enterprise, kind="enterprise", document=enterprise_document, weight=1.3)
        register_search_kind(Institution, kind="institution", document=institution_document, weight=1.3)
