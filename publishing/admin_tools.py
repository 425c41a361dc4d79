"""What a feature app adds to the admin of content it works on: pages of its own, buttons above the list, actions.

The content apps' admins build on the shared base admins (PublishableAdmin, FollowsParentAdmin), which ask this
registry for the model they show; so a kind of content never imports the features that extend its admin. A
feature registers its integration for the models it knows in its AppConfig.ready() (transfer/apps.py: import and
export for the models it has shapes for).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.urls import URLPattern


@dataclass(frozen=True)
class Tool:
    """A button above a changelist: a link, or with ``post`` a form (with its CSRF token) for what starts work,
    so that no link followed from elsewhere starts it."""

    label: str
    url: str
    post: bool = False


class AdminIntegration:
    """Extends the admin of the models it is registered for; each hook is handed that model's ModelAdmin."""

    def get_urls(self, model_admin) -> list[URLPattern]:
        """Pages under the model's admin address, matched before the admin's own (``<path:object_id>/`` …)."""
        return []

    def changelist_tools(self, request, model_admin) -> list[Tool]:
        """The buttons this user sees above the list, before the admin's own ("增加"…)."""
        return []

    def transition_warnings(self, request, model_admin, name: str, objects) -> list[str]:
        """What staff should know before a workflow transition (``name``, e.g. "unpublish") of these items: shown
        on the page that asks them to confirm it."""
        return []

    def get_actions(self, request, model_admin) -> list[Callable]:
        """Admin actions for this user: callables (modeladmin, request, queryset) with ``@admin.action``'s
        description, named by their ``__name__``."""
        return []


_integrations: dict[type[Model], list[AdminIntegration]] = {}


def register_admin_integration(model: type[Model], integration: AdminIntegration) -> None:
    _integrations.setdefault(model, []).append(integration)


def admin_integrations(model: type[Model]) -> list[AdminIntegration]:
    return list(_integrations.get(model, []))


class IntegrationsAdminMixin:
    """For the base admins: the registered integrations' pages, changelist buttons and actions."""

    change_list_template = "admin/publishing/change_list.html"

    def get_urls(self):
        integrations = admin_integrations(self.model)
        return [*(url for integration in integrations for url in integration.get_urls(self)), *super().get_urls()]

    def get_actions(self, request):
        actions = super().get_actions(request)
        for integration in admin_integrations(self.model):
            for action in integration.get_actions(request, self):
                actions[action.__name__] = (action, action.__name__, action.short_description)
        return actions

    def changelist_view(self, request, extra_context=None):
        integrations = admin_integrations(self.model)
        tools = [tool for integration in integrations for tool in integration.changelist_tools(request, self)]
        return super().changelist_view(request, {"changelist_tools": tools, **(extra_context or {})})
