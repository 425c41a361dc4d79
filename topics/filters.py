"""The API's ``?topic=`` filter, for every list of content on a topic."""

import django_filters

from .models import Topic


class TopicFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Topic.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("field_name", "topics")
        kwargs.setdefault("help_text", "专题的网址名（见 /api/v1/topics/）")
        super().__init__(*args, **kwargs)
