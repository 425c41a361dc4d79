from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from projects.models import Project
from publishing.addresses import OldAddressRedirectMixin
from publishing.facets import Facet, FacetedListMixin
from publishing.gone import WithdrawnMixin
from publishing.preview import PreviewMixin

from .models import Article, ArticleSection


class ArticleViewMixin:
    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(FacetedListMixin, ArticleViewMixin, ListView):
    paginate_by = 10

    def get_facets(self):
        return [
            Facet("kind", _("类型"), lookup="kind", choices=Article.Kind.choices),
            Facet("year", _("年份"), year_of="published_at"),
            Facet.related("region", _("地区"), "regions"),
            Facet.related("topic", _("专题"), "topics"),
        ]

    def get_queryset(self):
        return super().get_queryset().select_related("cover").prefetch_related("cover__renditions")


class ArticleDetailView(OldAddressRedirectMixin, WithdrawnMixin, PreviewMixin, ArticleViewMixin, DetailView):
    model = Article

    def get_queryset(self):
        # Every relation shown beside the article is filtered to what is published.
        # A previewed review shows its own achievements too: they are released together with it.
        achievements = Achievement.objects.all() if self.preview_pk is not None else Achievement.objects.published()
        achievements = achievements.select_related("region").prefetch_related("figures")
        return (
            self.published_or_preview(Article.objects.all())
            .select_related("cover")
            .prefetch_related(
                "cover__renditions",
                Prefetch(
                    "sections",
                    queryset=ArticleSection.objects.prefetch_related(Prefetch("achievements", queryset=achievements)),
                ),
                Prefetch("achievements", queryset=achievements),
                "regions",
                "topics",
                "people",
                Prefetch("projects", queryset=Project.objects.published()),
                Prefetch("enterprises", queryset=Enterprise.objects.published()),
                Prefetch("institutions", queryset=Institution.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        # Achievements placed in a section are shown beside that section; the rest after the body.
        section_ids = {section.pk for section in self.object.sections.all()}
        unplaced = [item for item in self.object.achievements.all() if item.section_id not in section_ids]
        return super().get_context_data(unplaced_achievements=unplaced, **kwargs)
