from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("图片库")

    def ready(self):
        from publishing.richtext import use_picture_library

        from . import checks, signals  # noqa: F401
        from .richtext import ImageLibrary

        use_picture_library(ImageLibrary())
