from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article
from presentation.facets import Facet, FacetedListMixin
from publishing.addresses import OldAddressRedirectMixin
from publishing.gone import WithdrawnMixin
from publishing.preview import PreviewMixin

from .models import Project


class ProjectViewMixin:
    def get_queryset(self):
        return Project.objects.published().select_related("region")


class ProjectListView(FacetedListMixin, ProjectViewMixin, ListView):
    paginate_by = 12

    def get_facets(self):
        return [
            Facet("kind", _("类型"), lookup="kind", choices=Project.Kind.choices),
            Facet("stage", _("建设状态"), lookup="stage", choices=Project.Stage.choices),
            # A project counts in its other regions too, as on the region pages and in the API.
            Facet.related("region", _("地区"), "region", also=("other_regions",)),
            Facet.related("topic", _("专题"), "topics"),
        ]

    def get_queryset(self):
        return super().get_queryset().select_related("cover").prefetch_related("cover__renditions")


class ProjectDetailView(OldAddressRedirectMixin, WithdrawnMixin, PreviewMixin, ProjectViewMixin, DetailView):
    model = Project

    def get_queryset(self):
        # A draft operator or partner is not named: even to-one links go through .published().
        return (
            self.published_or_preview(Project.objects.select_related("region"))
            .select_related("cover")
            .prefetch_related(
                "cover__renditions",
                Prefetch("operator", queryset=Enterprise.objects.published()),
                Prefetch("operator_institution", queryset=Institution.objects.published()),
                "milestones",
                "other_regions",
                "topics",
                Prefetch("partner_enterprises", queryset=Enterprise.objects.published()),
                Prefetch("partner_institutions", queryset=Institution.objects.published()),
                Prefetch(
                    "achievements",
                    queryset=Achievement.objects.published().select_related("region").prefetch_related("figures"),
                ),
                Prefetch("articles", queryset=Article.objects.published()),
            )
        )
