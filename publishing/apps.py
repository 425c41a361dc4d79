from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("发布")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete

        from .models import forget_old_addresses
        from .users import staff_follows_roles

        post_delete.connect(forget_old_addresses, dispatch_uid="publishing.forget_old_addresses")
        m2m_changed.connect(
            staff_follows_roles, sender=get_user_model().groups.through, dispatch_uid="publishing.staff_follows_roles"
        )
