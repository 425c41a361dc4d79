from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("发布")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_migrate

        from caching.state import register_schedule

        from . import runtime  # noqa: F401  (the Python patch-level check)
        from .models import forget_old_addresses
        from .roles import roles_after_migrate
        from .services import apply_due_drafts, next_draft_replacement
        from .users import staff_follows_roles

        # Drafts approved for a later time replace their live version at that minute, without a background job.
        register_schedule(next_draft_replacement, apply_due_drafts)

        post_migrate.connect(roles_after_migrate, sender=self, dispatch_uid="publishing.roles_after_migrate")
        post_delete.connect(forget_old_addresses, dispatch_uid="publishing.forget_old_addresses")
        m2m_changed.connect(
            staff_follows_roles, sender=get_user_model().groups.through, dispatch_uid="publishing.staff_follows_roles"
        )
