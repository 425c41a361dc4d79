from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "transfer"
    verbose_name = _("导入导出")

    def ready(self):
        from publishing.admin_tools import register_admin_integration

        from .admin import TransferIntegration
        from .shapes import SHAPES

        # The import and export buttons, pages and actions of each shape's admin (the content apps import no
        # transfer module).
        for shape in SHAPES.values():
            register_admin_integration(shape.model, TransferIntegration(shape.name))
