"""Query filters the API's resources share; a value that does not fit is a 400 naming the parameter."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from presentation.dates import FIRST_YEAR, LAST_YEAR
from publishing.models import PublishStatus


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault("help_text", "年度，例如 2025")
        super().__init__(*args, **kwargs)


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 time in UTC: PostgreSQL refuses odd offsets (e.g. -23:44), and far years cannot be converted."""

    def clean(self, value):
        parsed = super().clean(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(_("时间超出可处理的范围。"), code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class PublishableFilter(django_filters.FilterSet):
    """``status`` (only narrows what the reader may see anyway) and ``updated_since``."""

    status = django_filters.ChoiceFilter(
        choices=PublishStatus.choices,
        help_text="发布状态；匿名读者只看得到已发布的内容，有管理权限的工作人员还看得到草稿",
    )
    updated_since = UtcIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="只要此时间之后修改过的，ISO 8601，例如 2026-01-01T00:00:00%2B08:00 或 2026-01-01T00:00:00Z",
    )
