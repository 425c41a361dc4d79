from django.views.generic import DetailView, ListView

from news.models import Article
from projects.models import Project
from publishing.addresses import OldAddressRedirectMixin

from .models import Topic


class TopicDetailView(OldAddressRedirectMixin, DetailView):
    model = Topic

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            articles=Article.objects.published().filter(topics=self.object),
            projects=Project.objects.published().filter(topics=self.object).select_related("region"),
            **kwargs,
        )


class TopicListView(ListView):
    """Every topic, with what it is about: the way into themes that cut across the lists (离岸科创, 算力 …)."""

    model = Topic
