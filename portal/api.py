"""The JSON API's one router: /api/v1/ collections, /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI)."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from achievements.api import AchievementViewSet, FigureViewSet
from enterprises.api import EnterpriseViewSet, InstitutionViewSet
from news.api import ArticleViewSet
from projects.api import ProjectViewSet
from regions.api import RegionViewSet
from topics.api import TopicViewSet

app_name = "api"

# "/?": /api/v1/figures and /api/v1/figures/ both work (the catch-all below would hide the slash redirect).
router = DefaultRouter(trailing_slash="/?")
router.register("articles", ArticleViewSet, basename="article")
router.register("achievements", AchievementViewSet, basename="achievement")
router.register("figures", FigureViewSet, basename="figure")
router.register("projects", ProjectViewSet, basename="project")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("regions", RegionViewSet, basename="region")
router.register("topics", TopicViewSet, basename="topic")


@csrf_exempt  # a POST to a wrong address is told so in JSON, not with the CSRF failure page
def not_found(request, path=""):
    return JsonResponse(
        {"detail": "未找到。请查看 /api/docs/ 中的接口列表。"}, status=404, json_dumps_params={"ensure_ascii": False}
    )


urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its settings as a script of its own (?script), so the page has no inline code (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/ is a JSON 404 too, not the site's HTML page.
    re_path(r"^(?P<path>[\s\S]*)\Z", not_found),
]
