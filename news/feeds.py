"""Feeds of published news: all of it, one region's, one topic's; RSS with each article's summary, and Atom beside it
with the full text as the article's page shows it."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from presentation.language import interface_is_chinese, localized_value
from publishing.richtext import cited_figure_ids, rendered_figures
from regions.models import Region
from topics.models import Topic

from .models import Article


class LatestNewsFeed(Feed):
    """In the interface language the reader chose (a feed reader, sending no cookie, gets Chinese); articles with
    an English title and lead show them in the English feed."""

    title = gettext_lazy("科创门户 · 新闻与回顾")
    description = gettext_lazy("本市科技创新的新闻、年度回顾、通知公告和政策解读。")
    limit = 30

    @property
    def language(self):
        return "zh-cn" if interface_is_chinese() else "en"  # RSS wants an RFC 1766 code, not Django's zh-hans

    def link(self):
        return reverse("news:index")

    def articles(self, obj=None):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).select_related("cover")[: self.limit]

    def item_title(self, item):
        title, chinese = localized_value(item, "title")
        # The series name is Chinese only: it goes with the Chinese title, not with an English one.
        return f"{item.series}｜{title}" if item.series and (chinese or interface_is_chinese()) else title

    def item_description(self, item):
        lead = localized_value(item, "lead")[0]
        return lead or item.subtitle or localized_value(item, "title")[0]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        # A summary of another publication's article is the portal's text: not its original's reporters.
        return None if item.is_summary else (item.byline or item.source or None)

    def item_categories(self, item):
        return [item.get_kind_display()]


class RegionNewsFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Region, slug=slug)

    def title(self, obj):
        return _("科创门户 · %(region)s的新闻") % {"region": localized_value(obj, "name")[0]}

    def description(self, obj):
        return _("与%(region)s有关的科技创新新闻和回顾。") % {"region": localized_value(obj, "name")[0]}

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj=None):
        return Article.objects.published().filter(regions=obj)


class TopicNewsFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return _("科创门户 · 专题“%(topic)s”") % {"topic": localized_value(obj, "name")[0]}

    def description(self, obj):
        # The topic's description is Chinese only; the English feed describes the topic by its name instead.
        if obj.description and interface_is_chinese():
            return obj.description
        return _("专题“%(topic)s”的新闻和回顾。") % {"topic": localized_value(obj, "name")[0]}

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj=None):
        return Article.objects.published().filter(topics=obj)


class FullTextAtom(Atom1Feed):
    """Atom whose entries carry the article's full text beside its summary; its addresses (pictures, links) are
    relative to the article's page (``xml:base``), as on the site."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("full_text"):
            handler.addQuickElement("content", item["full_text"], {"type": "html", "xml:base": item["link"]})


class AtomFeed:
    """The Atom edition of an RSS feed above: the same entries, their full text, the description as subtitle."""

    feed_type = FullTextAtom

    def subtitle(self, obj):
        return self.description(obj) if callable(self.description) else self.description

    def items(self, obj=None):
        items = list(super().items(obj).prefetch_related("sections"))
        # The figures every entry's text cites, looked up once for the feed, not once per body.
        bodies = [body for item in items for body in [item.body, *(section.body for section in item.sections.all())]]
        figures = rendered_figures(cited_figure_ids(*bodies))
        for item in items:
            item.cited_figures = figures
        return items

    def item_extra_kwargs(self, item):
        return {"full_text": render_to_string("news/feed_content.html", {"article": item})}


class LatestNewsAtomFeed(AtomFeed, LatestNewsFeed):
    pass


class RegionNewsAtomFeed(AtomFeed, RegionNewsFeed):
    pass


class TopicNewsAtomFeed(AtomFeed, TopicNewsFeed):
    pass
