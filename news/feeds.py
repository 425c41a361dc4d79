"""RSS of published news: all of it, one region's, one topic's."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from regions.models import Region
from topics.models import Topic

from .models import Article


class LatestNewsFeed(Feed):
    language = "zh-cn"  # RSS wants an RFC 1766 code, not Django's zh-hans
    title = "科创门户 · 新闻与回顾"
    description = "本市科技创新的新闻、年度回顾、通知公告和政策解读。"
    limit = 30

    def link(self):
        return reverse("news:index")

    def articles(self, obj=None):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).select_related("cover")[: self.limit]

    def item_title(self, item):
        return f"{item.series}｜{item.title}" if item.series else item.title

    def item_description(self, item):
        return item.lead or item.subtitle or item.title

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or item.source or None

    def item_categories(self, item):
        return [item.get_kind_display()]


class RegionNewsFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def title(self, obj):
        return f"科创门户 · {obj.name}的新闻"

    def description(self, obj):
        return f"与{obj.name}有关的科技创新新闻和回顾。"

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj=None):
        return Article.objects.published().filter(regions=obj)


class TopicNewsFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return f"科创门户 · 专题“{obj.name}”"

    def description(self, obj):
        return obj.description or f"专题“{obj.name}”的新闻和回顾。"

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj=None):
        return Article.objects.published().filter(topics=obj)
