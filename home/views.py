from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.generic import TemplateView

from achievements.models import KeyFigure
from enterprises.models import Enterprise
from news.models import Article
from projects.models import Project
from regions.models import Region


class HomeView(TemplateView):
    template_name = "home/index.html"

    def get_context_data(self, **kwargs):
        articles = Article.objects.published()
        return super().get_context_data(
            review=articles.filter(kind=Article.Kind.REVIEW)
            .order_by("-year", "-published_at")
            .prefetch_related("sections")
            .first(),
            featured_figures=KeyFigure.objects.published()
            .filter(is_featured=True)
            .select_related("achievement")
            .order_by("-achievement__year", "order", "id")[:8],
            latest_articles=articles.exclude(kind=Article.Kind.REVIEW)[:5],
            projects=Project.objects.published().select_related("region")[:6],
            enterprises=Enterprise.objects.published().select_related("region", "sector")[:6],
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
