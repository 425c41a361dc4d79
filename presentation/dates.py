"""Dates as readers and staff read them: the one range of years the portal accepts, moments in the site's time, and
dates only as precise as staff knew them, in the interface's language (Django's locale formats)."""

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The years a figure, a review or a date may name: outside them a year is a typing slip (0001, 9999), and some such
# dates cannot even be stored. Every form, filter, import and list of years uses this one range.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def local_datetime(value) -> str:
    """A moment in the site's time zone as the interface language writes it (Django's DATETIME_FORMAT):
    2026年12月3日 09:00, or Dec. 3, 2026, 9 a.m. in English; empty for none."""
    if not value:
        return ""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class DatePrecision(models.TextChoices):
    """How much of a date is known: milestones and as-of dates are often only a year or a month."""

    YEAR = "year", _("年")
    MONTH = "month", _("月")
    DAY = "day", _("日")


def format_partial_date(value, precision: str) -> str:
    """As precise as staff said, in the interface's language: 2026年 / 2026年1月 / 2026年1月15日, or 2026 /
    January 2026 / Jan. 15, 2026 (Django's locale formats)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return gettext("%(year)s年") % {"year": value.year}
    return formats.date_format(value, "YEAR_MONTH_FORMAT" if precision == DatePrecision.MONTH else "DATE_FORMAT")
