from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from achievements.models import KeyFigure
from enterprises.models import Enterprise
from news.models import Article
from projects.models import Project
from regions.models import Region

from .context_processors import LARGE_TEXT_COOKIE

LARGE_TEXT_MAX_AGE = 365 * 24 * 60 * 60


class HomeView(TemplateView):
    template_name = "home/index.html"

    def get_context_data(self, **kwargs):
        articles = Article.objects.published()
        return super().get_context_data(
            review=articles.filter(kind=Article.Kind.REVIEW)
            .order_by("-year", "-published_at")
            .select_related("cover")
            .prefetch_related("sections", "cover__renditions")
            .first(),
            featured_figures=KeyFigure.objects.published()
            .filter(is_featured=True)
            .select_related("achievement")
            .order_by("-achievement__year", "order", "id")[:8],
            latest_articles=articles.exclude(kind=Article.Kind.REVIEW)[:5],
            projects=Project.objects.published()
            .select_related("region", "cover")
            .prefetch_related("cover__renditions")[:6],
            enterprises=Enterprise.objects.published()
            .select_related("region", "sector", "logo")
            .prefetch_related("logo__renditions")[:6],
            regions=Region.objects.all(),
            **kwargs,
        )


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_http_methods(["GET", "POST"])
def accessibility(request):
    """Switch large-text mode on (large=1) or off (large=0) without JavaScript, then go back to ``next``."""
    params = request.POST if request.method == "POST" else request.GET
    large = params.get("large", "")
    if large not in {"0", "1"}:
        return HttpResponseBadRequest(
            _("参数有误：large 只能是 1（打开适老化模式）或 0（关闭）。").encode(),
            content_type="text/plain; charset=utf-8",
        )
    next_url = params.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home:index")
    response = HttpResponseRedirect(next_url)
    if large == "1":
        # Readable by site.js too, which switches the mode in place when JavaScript runs.
        response.set_cookie(
            LARGE_TEXT_COOKIE, "1", max_age=LARGE_TEXT_MAX_AGE, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
        )
    else:
        response.delete_cookie(LARGE_TEXT_COOKIE, samesite="Lax")
    return response
