from django.views.generic import DetailView, ListView

from achievements.models import Achievement
from enterprises.models import Enterprise
from news.models import Article
from projects.models import Project

from .models import Region


class RegionListView(ListView):
    model = Region


class RegionDetailView(DetailView):
    model = Region

    def get_context_data(self, **kwargs):
        region = self.object
        return super().get_context_data(
            projects=Project.objects.published().filter(region=region),
            enterprises=Enterprise.objects.published().filter(region=region).select_related("sector"),
            achievements=Achievement.objects.published().filter(region=region).prefetch_related("figures"),
            articles=Article.objects.published().filter(regions=region)[:10],
            **kwargs,
        )
