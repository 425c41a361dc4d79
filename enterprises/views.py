from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from news.models import Article
from presentation.facets import Facet, FacetedListMixin
from projects.models import Project
from publishing.addresses import OldAddressRedirectMixin
from publishing.gone import WithdrawnMixin
from publishing.preview import PreviewMixin

from .models import Enterprise, Institution


class EnterpriseViewMixin:
    def get_queryset(self):
        return Enterprise.objects.published().select_related("region", "sector").prefetch_related("honours")


class EnterpriseListView(FacetedListMixin, EnterpriseViewMixin, ListView):
    paginate_by = 12

    def get_facets(self):
        return [
            Facet.related("region", _("地区"), "region"),
            Facet.related("sector", _("所属产业"), "sector"),
            Facet.related("honour", _("荣誉"), "honours", english=False),
        ]

    def get_queryset(self):
        return super().get_queryset().select_related("logo").prefetch_related("logo__renditions")


class EnterpriseDetailView(OldAddressRedirectMixin, WithdrawnMixin, PreviewMixin, EnterpriseViewMixin, DetailView):
    model = Enterprise

    def get_queryset(self):
        published_projects = Project.objects.published().select_related("region")
        return (
            self.published_or_preview(Enterprise.objects.select_related("region", "sector").prefetch_related("honours"))
            .select_related("logo")
            .prefetch_related(
                "logo__renditions",
                "people",
                Prefetch("partners", queryset=Institution.objects.published()),
                Prefetch(
                    "achievements",
                    queryset=Achievement.objects.published().select_related("region").prefetch_related("figures"),
                ),
                Prefetch("operated_projects", queryset=published_projects),
                Prefetch("partner_projects", queryset=published_projects),
                Prefetch("articles", queryset=Article.objects.published()),
            )
        )


class InstitutionViewMixin:
    def get_queryset(self):
        return Institution.objects.published().select_related("region")


class InstitutionListView(FacetedListMixin, InstitutionViewMixin, ListView):
    paginate_by = 24

    def get_facets(self):
        return [
            Facet("kind", _("类型"), lookup="kind", choices=Institution.Kind.choices),
            Facet.related("region", _("地区"), "region"),
        ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related(Prefetch("parent", queryset=Institution.objects.published()))


class InstitutionDetailView(OldAddressRedirectMixin, WithdrawnMixin, PreviewMixin, InstitutionViewMixin, DetailView):
    model = Institution

    def get_queryset(self):
        published_projects = Project.objects.published().select_related("region")
        return self.published_or_preview(Institution.objects.select_related("region")).prefetch_related(
            Prefetch("parent", queryset=Institution.objects.published()),
            "people",
            Prefetch("children", queryset=Institution.objects.published()),
            Prefetch("partner_enterprises", queryset=Enterprise.objects.published()),
            Prefetch("led_projects", queryset=published_projects),
            Prefetch("partner_projects", queryset=published_projects),
            Prefetch(
                "achievements",
                queryset=Achievement.objects.published().select_related("region").prefetch_related("figures"),
            ),
            Prefetch("articles", queryset=Article.objects.published()),
        )
