from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("发布")

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import forget_old_addresses

        post_delete.connect(forget_old_addresses, dispatch_uid="publishing.forget_old_addresses")
