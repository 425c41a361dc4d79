from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from images.views import serve_upload
from presentation.sitemaps import section

from .sitemaps import SITEMAPS

admin.site.site_header = _("科创门户 · 管理后台")
admin.site.site_title = _("科创门户管理")
admin.site.index_title = _("内容管理")
admin.site.index_template = "admin/publishing/index.html"  # the staff member's own work above the app list

# A friendly page (JSON under /api/) for a failure; 503 with Retry-After while the database is unreachable.
handler500 = "portal.errors.server_error"

urlpatterns = [
    path("", include("home.urls")),
    path("news/", include("news.urls")),
    path("projects/", include("projects.urls")),
    path("enterprises/", include("enterprises.urls")),
    path("achievements/", include("achievements.urls")),
    path("regions/", include("regions.urls")),
    path("topics/", include("topics.urls")),
    path("search/", include("search.urls")),
    path("feeds/", include("news.feed_urls")),
    path("sitemap.xml", index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<section>.xml", section, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/two-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("portal.api")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_upload)]
