"""The API's ``?region=`` filter, for every list of content in a region."""

import django_filters

from .models import Region


class RegionFilter(django_filters.ModelChoiceFilter):
    """``?region=<slug>``; an unknown slug is a 400."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("help_text", "地区的网址名，例如 chibi（见 /api/v1/regions/）")
        super().__init__(*args, **kwargs)
