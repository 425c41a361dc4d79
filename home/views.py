from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from achievements.models import KeyFigure
from caching.state import cache_health
from enterprises.models import Enterprise
from news.models import Article
from projects.models import Project
from regions.models import Region

from .health import database_health, readiness

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
            .order_by("-effective_year", "order", "id")[:8],
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
    """Liveness: 503 without the database (nothing can be served); "degraded" without Redis (pages are served,
    slower)."""
    cache = cache_health()
    if database_health() != "ok":
        return JsonResponse({"status": "unavailable", "database": "unreachable", "cache": cache}, status=503)
    status = "degraded" if cache == "unreachable" else "ok"
    return JsonResponse({"status": status, "database": "ok", "cache": cache})


def readyz(request):
    """Readiness, for a load balancer: each dependency (database, cache, storage, queue) with its state."""
    status, body = readiness()
    return JsonResponse(body, status=status)


def _safe_next(request, next_url: str) -> str:
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return next_url
    return reverse("home:index")


def display_choices(request, problem: str):
    """A switch reached without a valid choice (a link cut short, a bookmark of /accessibility/): a page of the site
    that says what was wrong and offers the choices, answered 400, not a bare line of text."""
    return render(request, "home/display_choices.html", {"problem": problem}, status=400)


@require_http_methods(["GET"])
def language(request):
    """Switch the interface language (``language=en`` or ``zh-hans``), then go back to ``next``.

    A plain GET link target, unlike Django's ``set_language``: public pages then carry no CSRF token, so one copy of
    each page serves every anonymous visitor from the page cache. Changing someone's language is no harm to guard.
    """
    code = request.GET.get("language", "")
    if code not in dict(settings.LANGUAGES):
        return display_choices(request, _("参数有误：language 只能是 zh-hans（简体中文）或 en（English）。"))
    response = HttpResponseRedirect(_safe_next(request, request.GET.get("next", "")))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@require_http_methods(["GET", "POST"])
def accessibility(request):
    """Switch large-text mode on (large=1) or off (large=0) without JavaScript, then go back to ``next``."""
    params = request.POST if request.method == "POST" else request.GET
    large = params.get("large", "")
    if large not in {"0", "1"}:
        return display_choices(request, _("参数有误：large 只能是 1（打开适老化模式）或 0（关闭）。"))
    response = HttpResponseRedirect(_safe_next(request, params.get("next", "")))
    if large == "1":
        # Readable by site.js too, which switches the mode in place when JavaScript runs.
        response.set_cookie(
            settings.LARGE_TEXT_COOKIE_NAME,
            "1",
            max_age=LARGE_TEXT_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(settings.LARGE_TEXT_COOKIE_NAME, samesite="Lax")
    return response
