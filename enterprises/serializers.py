from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import (
    ChoiceLabelField,
    FreeSlugMixin,
    HtmlField,
    ImageSerializer,
    LinkSerializer,
    PublishableSerializer,
    TermSerializer,
)
from regions.models import Region

from .models import Enterprise, Honour, Institution, Sector


class SectorSerializer(TermSerializer):
    group = serializers.ChoiceField(choices=Sector.Group.choices, read_only=True)
    group_display = ChoiceLabelField(source="group")


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)


class InstitutionSerializer(PublishableSerializer):
    kind_display = ChoiceLabelField(source="kind")
    parent = LinkSerializer(read_only=True, allow_null=True, help_text="上级单位（未公开时为 null）")
    region = LinkSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Institution
        fields = [
            "id",
            "slug",
            "name",
            "name_en",
            "short_name",
            "kind",
            "kind_display",
            "parent",
            "region",
            "summary",
            "summary_en",
            "website",
            *PublishableSerializer.publishable_fields,
        ]


class EnterpriseSerializer(PublishableSerializer):
    region = LinkSerializer(read_only=True, allow_null=True)
    sector = SectorSerializer(read_only=True, allow_null=True, help_text="所属产业（5+4 体系）")
    honours = TermSerializer(many=True, read_only=True)
    partners = LinkSerializer(many=True, read_only=True, help_text="合作机构（只含已公开的）")
    people = PersonSerializer(many=True, read_only=True)
    logo = ImageSerializer(read_only=True, allow_null=True)
    body = HtmlField(help_text="详细介绍，经过白名单清理的 HTML")

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "slug",
            "name",
            "name_en",
            "short_name",
            "region",
            "sector",
            "honours",
            "partners",
            "people",
            "summary",
            "summary_en",
            "body",
            "logo",
            "website",
            *PublishableSerializer.publishable_fields,
        ]


class EnterpriseWriteSerializer(FreeSlugMixin, serializers.ModelSerializer):
    """Input of the write API: related items by slug; status and publication time are not writable."""

    region = serializers.SlugRelatedField(
        slug_field="slug", queryset=Region.objects.all(), required=False, allow_null=True
    )
    sector = serializers.SlugRelatedField(
        slug_field="slug", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    honours = serializers.SlugRelatedField(slug_field="slug", queryset=Honour.objects.all(), many=True, required=False)
    partners = serializers.SlugRelatedField(
        slug_field="slug", queryset=Institution.objects.all(), many=True, required=False
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "name_en",
            "short_name",
            "slug",
            "region",
            "sector",
            "honours",
            "partners",
            "summary",
            "summary_en",
            "body",
            "website",
        ]
        extra_kwargs = {"slug": {"required": False}}


class EnterpriseExportSerializer(serializers.ModelSerializer):
    """One row per enterprise for CSV / Excel; labels are the column titles."""

    region = serializers.CharField(source="region.name", default="", label=_("所在地区"))
    sector = serializers.CharField(source="sector.name", default="", label=_("所属产业"))
    honours = serializers.SerializerMethodField(label=_("荣誉"))
    url = serializers.SerializerMethodField(label=_("网页"))

    class Meta:
        model = Enterprise
        fields = ["id", "slug", "name", "short_name", "region", "sector", "honours", "summary", "website", "url"]

    def get_honours(self, enterprise) -> str:
        return "；".join(honour.name for honour in enterprise.honours.all())

    def get_url(self, enterprise) -> str:
        return self.context["request"].build_absolute_uri(enterprise.get_absolute_url())
