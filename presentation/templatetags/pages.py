"""Template helpers of the public site: Chinese dates, pagination links, breadcrumbs."""

import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presentation.dates import DatePrecision

register = template.Library()


@register.filter
def iso_date(value) -> str:
    """The machine-readable form for <time datetime>; aware datetimes in the site's time zone."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().isoformat()
    return value.isoformat()


@register.filter
def iso_partial_date(value, precision) -> str:
    """2026 / 2026-01 / 2026-01-15: a <time datetime> no more precise than what staff knew."""
    if not value:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current address with ``page`` set, keeping filters such as ``?kind=review``."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail, current="", current_lang=""):
    """``{% breadcrumbs "企业" "enterprises:index" current=enterprise.name %}``: label and URL name pairs;
    ``current_lang`` marks a current page title that is in another language than the interface."""
    crumbs = [{"label": _("首页"), "url": reverse("home:index")}]
    crumbs += [{"label": label, "url": reverse(name)} for label, name in zip(trail[::2], trail[1::2], strict=True)]
    return {"crumbs": crumbs, "current": current, "current_lang": current_lang}


@register.simple_tag
def page_range(page_obj):
    """Page numbers around the current page, with the paginator's ellipsis where pages are left out."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
