"""Sitemaps in pages well under the protocol's limit: the base classes each app's ``sitemaps.py`` builds on, and the
view of one page of one section.

A page of a section is a range of primary keys, not an OFFSET into the published rows: page ``n`` holds the
published items whose key is in ((n - 1) × size, n × size], so each page reads at most ``size`` rows through the
primary key's index however large the table grows, and every published item is on exactly one page.
"""

import datetime
import math
from xml.sax.saxutils import escape  # nosec B406  # escape() writes XML; nothing is parsed

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import http_date

# The protocol allows 50,000 addresses per sitemap; a page of at most 2,000 (about 370 KB) is built in well under
# the time budget of a page even on a busy machine, and 100,000 articles still make only 50 pages.
PAGE_SIZE = 2000


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

    @cached_property
    def address(self) -> str:
        """The item's address with ``{}`` for its slug: one reverse() per page instead of one per item."""
        marker = "slug-marker"
        probe = self.model(slug=marker)
        return probe.get_absolute_url().replace(marker, "{}")

    def location(self, item):
        return self.address.format(item[1])

    def items(self):
        # Plain tuples (pk, slug, dates…): building model instances would be most of the time of a page.
        return self.queryset().values_list(*self.fields).order_by("pk")

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
        return self.latest(item[2], item[3])

    def get_latest_lastmod(self):
        # Instead of Django's default of loading every item: the latest of each date, each read backwards from
        # the end of its index (one MAX() over both would scan the table).
        published = self.queryset().order_by("-published_at").values_list("published_at", flat=True).first()
        changed = (
            self.queryset()
            .filter(**{f"{self.changed_field}__isnull": False})
            .order_by(f"-{self.changed_field}")
            .values_list(self.changed_field, flat=True)
            .first()
        )
        return self.latest(published, changed)


class TaxonomySitemap(SectionSitemap):
    """Regions and topics have no publishing state and no dates: they are always public."""

    changefreq = "weekly"


def render_urls(sitemap: Sitemap, page, protocol: str, domain: str) -> tuple[list[str], datetime.datetime | None]:
    """The <url> elements of one page and its latest lastmod, written directly: a template costs ~0.3 ms a URL."""
    lines = []
    latest = None
    changefreq = f"<changefreq>{sitemap.changefreq}</changefreq>" if getattr(sitemap, "changefreq", None) else ""
    priority = getattr(sitemap, "priority", None)
    priority = f"<priority>{priority}</priority>" if priority is not None else ""
    has_lastmod = callable(getattr(sitemap, "lastmod", None))
    zone = timezone.get_current_timezone()
    items = sitemap.paginator.page(page).object_list
    for item in items:
        lastmod = ""
        if has_lastmod and (changed := sitemap.lastmod(item)) is not None:
            latest = changed if latest is None or changed > latest else latest
            lastmod = f"<lastmod>{changed.astimezone(zone).date().isoformat()}</lastmod>"
        location = escape(f"{protocol}://{domain}{sitemap.location(item)}")
        lines.append(f"<url><loc>{location}</loc>{lastmod}{changefreq}{priority}</url>\n")
    return lines, latest


def section(request, section: str, sitemaps: dict):
    """One page of one section's sitemap (``?p=`` as Django's index names them), with ``Last-Modified``.

    ``sitemaps`` (section name → sitemap class) as Django's sitemap views take it: the URLconf that wires the apps
    together names the sections (``portal/sitemaps.py``)."""
    if section not in sitemaps:
        raise Http404(f"No sitemap section {section!r}")
    sitemap = sitemaps[section]()
    protocol = sitemap.protocol or request.scheme
    try:
        lines, latest = render_urls(sitemap, request.GET.get("p", 1), protocol, get_current_site(request).domain)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such sitemap page") from None
    body = "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
            *lines,
            "</urlset>\n",
        ]
    )
    response = HttpResponse(body, content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if latest is not None:
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response
