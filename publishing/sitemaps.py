"""The sitemap index at /sitemap.xml and one sitemap per section, each in pages well under the protocol's limit.

A page of a section is a range of primary keys, not an OFFSET into the published rows: page ``n`` holds the
published items whose key is in ((n - 1) × size, n × size], so each page reads at most ``size`` rows through the
primary key's index however large the table grows, and every published item is on exactly one page.
"""

import datetime
import math

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article
from projects.models import Project
from regions.models import Region
from topics.models import Topic

# The protocol allows 50,000 addresses per sitemap; a smaller page keeps each response quick to build and fetch.
PAGE_SIZE = 5000


class KeyRangePage:
    def __init__(self, object_list, number):
        self.object_list = object_list
        self.number = number


class KeyRangePaginator:
    """Pages of ``queryset`` by ranges of the primary key: one indexed range scan per page, no OFFSET, no COUNT."""

    def __init__(self, queryset, per_page):
        self.queryset = queryset
        self.per_page = per_page

    @cached_property
    def num_pages(self) -> int:
        highest = self.queryset.aggregate(highest=Max("pk"))["highest"] or 0
        return max(1, math.ceil(highest / self.per_page))

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1 or number > self.num_pages:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number) -> KeyRangePage:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        return KeyRangePage(self.queryset.filter(pk__gt=start, pk__lte=start + self.per_page), number)


def aware(day: datetime.date) -> datetime.datetime:
    """A date as the start of that day in the site's time zone, to compare it with the times of the other fields."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SectionSitemap(Sitemap):
    """One section of the site: its items in key order, paginated by key ranges."""

    model = None
    limit = PAGE_SIZE
    changefreq = "monthly"
    # The fields a sitemap entry needs: the address and the dates, never the body.
    fields = ("pk", "slug")

    def queryset(self):
        return self.model.objects.all()

    def items(self):
        return self.queryset().only(*self.fields).order_by("pk")

    @cached_property
    def paginator(self):
        return KeyRangePaginator(self.items(), self.limit)


class PublishedSitemap(SectionSitemap):
    """The items ``published()`` lets through; lastmod is the last change a reader can see on the page.

    For editorial content (articles, achievements) that is the publication time, or the date of the latest
    correction note when there is one: ``updated_at`` moves with every save, public or not (a review comment,
    a reindex), so it is not what readers call a change. Directory records (projects, enterprises,
    institutions) are kept up to date in place, so their last edit counts, never earlier than publication.
    """

    changed_field = "corrected_at"

    @property
    def fields(self):
        return ("pk", "slug", "published_at", self.changed_field)

    def queryset(self):
        return self.model.objects.published()

    @staticmethod
    def latest(published, changed):
        if isinstance(changed, datetime.date) and not isinstance(changed, datetime.datetime):
            changed = aware(changed)
        return max((date for date in (published, changed) if date is not None), default=None)

    def lastmod(self, item):
        return self.latest(item.published_at, getattr(item, self.changed_field))

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default of loading every item to take the latest lastmod.
        latest = self.queryset().aggregate(published=Max("published_at"), changed=Max(self.changed_field))
        return self.latest(latest["published"], latest["changed"])


class ArticleSitemap(PublishedSitemap):
    model = Article
    changefreq = "weekly"
    priority = 0.8


class AchievementSitemap(PublishedSitemap):
    model = Achievement


class ProjectSitemap(PublishedSitemap):
    model = Project
    changed_field = "updated_at"
    priority = 0.7


class EnterpriseSitemap(PublishedSitemap):
    model = Enterprise
    changed_field = "updated_at"
    priority = 0.6


class InstitutionSitemap(PublishedSitemap):
    model = Institution
    changed_field = "updated_at"
    priority = 0.5


class TaxonomySitemap(SectionSitemap):
    """Regions and topics have no publishing state and no dates: they are always public."""

    changefreq = "weekly"


class RegionSitemap(TaxonomySitemap):
    model = Region


class TopicSitemap(TaxonomySitemap):
    model = Topic


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.9

    def items(self):
        return [
            "home:index",
            "news:index",
            "projects:index",
            "enterprises:index",
            "enterprises:institutions",
            "achievements:index",
            "regions:index",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PagesSitemap,
    "news": ArticleSitemap,
    "achievements": AchievementSitemap,
    "projects": ProjectSitemap,
    "enterprises": EnterpriseSitemap,
    "institutions": InstitutionSitemap,
    "regions": RegionSitemap,
    "topics": TopicSitemap,
}
