from django.apps import AppConfig


class ApiConfig(AppConfig):
    """What every resource of the JSON API shares: the REST framework's defaults, the base viewsets (who sees
    drafts, who may write, ETags, downloads), the shared serializers and filters, and the OpenAPI document's parts.
    Builds on the shared core (publishing, presentation); the resources themselves live in each app's api.py and
    portal/api.py routes them."""

    name = "api"
    verbose_name = "API"
