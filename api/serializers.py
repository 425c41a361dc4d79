"""JSON shapes every resource of the API shares: links to related items, partial dates, images."""

import functools
import re

from django.db import models
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from presentation.dates import DatePrecision, format_partial_date
from presentation.links import link
from publishing import richtext
from publishing.models import Draft, PublishStatus

# Router basenames that differ from the model name (KeyFigure is published as "figures").
API_BASENAMES = {"keyfigure": "figure"}
# Resources looked up by id because they have no slug of their own.
LOOKUP_BY_PK = {"figure"}


def api_basename(model: type[models.Model] | models.Model) -> str:
    name = model._meta.model_name
    return API_BASENAMES.get(name, name)


def api_detail_url(obj: models.Model, request) -> str:
    basename = api_basename(obj)
    kwargs = {"pk": obj.pk} if basename in LOOKUP_BY_PK else {"slug": obj.slug}
    return request.build_absolute_uri(link(f"api:{basename}-detail", **kwargs))


@functools.lru_cache(maxsize=256)
def choice_labels(model: type[models.Model], name: str, language: str | None) -> dict:
    """``{value: label}`` of a choice field in ``language``, made once: rows and downloads repeat the labels."""
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


class ChoiceLabelField(serializers.CharField):
    """The label of a choice field's value, as ``get_FOO_display()`` gives it, in the interface language: looked up
    once per field and language instead of once a row (``source`` names the model field)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return choice_labels(type(instance), self.source, get_language()).get(value, value)

    def to_representation(self, value) -> str:
        return value


def slugs(queryset, **kwargs) -> serializers.SlugRelatedField:
    """An optional reference to other items by their slugs, as the write API takes them."""
    return serializers.SlugRelatedField(slug_field="slug", queryset=queryset, required=False, **kwargs)


class LinksMixin(serializers.Serializer):
    """``url``: the item's page on the site; ``api_url``: the item in this API. Both absolute."""

    url = serializers.SerializerMethodField(help_text="网站上的页面（绝对地址）")
    api_url = serializers.SerializerMethodField(help_text="本 API 中的详情（绝对地址）")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return api_detail_url(obj, self.context["request"])


class LinkSerializer(serializers.Serializer):
    """A related item: its id, slug and name, and where to read more."""

    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(source="__str__", read_only=True, help_text="名称或标题")
    url = serializers.SerializerMethodField(help_text="网站上的页面（绝对地址）")
    api_url = serializers.SerializerMethodField(help_text="本 API 中的详情（绝对地址）")

    get_url = LinksMixin.get_url
    get_api_url = LinksMixin.get_api_url


class TermSerializer(serializers.Serializer):
    """A label without a page of its own (an industry sector, an honour)."""

    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class PartialDateSerializer(serializers.Serializer):
    """Only documents the shape :class:`PartialDateField` writes."""

    date = serializers.DateField(help_text="该年或该月的第一天，精度为“年”“月”时只看年、月")
    precision = serializers.ChoiceField(choices=DatePrecision.choices)
    display = serializers.CharField(help_text="中文写法，例如 2026年1月")


@extend_schema_field(PartialDateSerializer(allow_null=True))
class PartialDateField(serializers.Field):
    """A date known to a year, a month or a day: {"date", "precision", "display"}, or null."""

    def __init__(self, date_attr: str, precision_attr: str, **kwargs):
        self.date_attr, self.precision_attr = date_attr, precision_attr
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        value = getattr(obj, self.date_attr)
        if value is None:
            return None
        precision = getattr(obj, self.precision_attr)
        return {"date": value.isoformat(), "precision": precision, "display": format_partial_date(value, precision)}


class ImageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text="图片文件（绝对地址）")
    width = serializers.IntegerField(read_only=True, allow_null=True)
    height = serializers.IntegerField(read_only=True, allow_null=True)
    alt_text = serializers.CharField(read_only=True, help_text="替代文字")
    is_decorative = serializers.BooleanField(read_only=True)
    caption = serializers.CharField(read_only=True)
    credit = serializers.CharField(read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, image) -> str:
        return self.context["request"].build_absolute_uri(image.file.url)


class HtmlField(serializers.CharField):
    """Sanitised rich text, read only; pictures and links on this site get absolute addresses for other sites."""

    SITE_ADDRESS = re.compile(r'(<(?:img|a)\b[^>]*?\s(?:src|href)=")(/(?!/)[^"]*)"', re.IGNORECASE)

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        html = richtext.sanitize(super().to_representation(value))  # cleaned on output too (see publishing.richtext)
        request = self.context.get("request")
        if request is None:
            return html
        return self.SITE_ADDRESS.sub(lambda match: f'{match[1]}{request.build_absolute_uri(match[2])}"', html)


class FreeSlugMixin(serializers.Serializer):
    """For write serializers: a slug another item holds (now, or as an old address that still redirects) is a 400
    that says which item; a changed slug of a published item keeps the old address redirecting (the model does)."""

    def get_fields(self):
        fields = super().get_fields()
        if "slug" in fields:
            # The check below replaces the generic "already exists" and also covers old addresses.
            fields["slug"].validators = [v for v in fields["slug"].validators if not isinstance(v, UniqueValidator)]
        return fields

    def validate_slug(self, value):
        instance = self.instance if self.instance is not None else self.Meta.model()
        if error := instance.slug_error(value):
            raise serializers.ValidationError(error)
        return value


class PublishableSerializer(LinksMixin, serializers.ModelSerializer):
    """Fields of every published piece of content; ``status`` is "published" for anonymous readers."""

    status = serializers.ChoiceField(choices=PublishStatus.choices, read_only=True)
    status_display = ChoiceLabelField(source="status")
    correction_note = serializers.CharField(
        read_only=True, help_text="更正说明：发布后作了更正时向读者说明改了什么；没有则为空"
    )
    corrected_at = serializers.DateField(read_only=True, allow_null=True, help_text="更正日期")

    publishable_fields = [
        "status",
        "status_display",
        "published_at",
        "correction_note",
        "corrected_at",
        "created_at",
        "updated_at",
        "url",
        "api_url",
    ]


class DraftStateSerializer(serializers.Serializer):
    """The draft's state in the draft answers."""

    status = serializers.ChoiceField(choices=Draft.Status.choices)
    status_display = ChoiceLabelField(source="status")
    edits = serializers.IntegerField(help_text="草稿被修改的次数")
    review_comment = serializers.CharField(help_text="审核人员退回时的意见")
    updated_at = serializers.DateTimeField()
