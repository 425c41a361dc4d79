from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import (
    ChoiceLabelField,
    FreeSlugMixin,
    HtmlField,
    ImageSerializer,
    LinkSerializer,
    PartialDateField,
    PublishableSerializer,
    slugs,
)
from enterprises.models import Enterprise, Institution
from images.models import Image
from regions.models import Region
from topics.models import Topic

from .models import Milestone, Project
from .services import project_create, project_update


class MilestoneSerializer(serializers.ModelSerializer):
    date = PartialDateField("date", "precision")

    class Meta:
        model = Milestone
        fields = ["id", "date", "title", "description", "is_done"]


class ProjectSerializer(PublishableSerializer):
    kind_display = ChoiceLabelField(source="kind")
    stage_display = ChoiceLabelField(source="stage")
    region = LinkSerializer(read_only=True, allow_null=True)
    other_regions = LinkSerializer(many=True, read_only=True)
    topics = LinkSerializer(many=True, read_only=True)
    investment = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        normalize_output=True,
        help_text='以元为单位的数值，字符串形式，例如 "300000000"',
    )
    operator = LinkSerializer(read_only=True, allow_null=True, help_text="投资 / 运营企业（未公开时为 null）")
    operator_institution = LinkSerializer(read_only=True, allow_null=True)
    partner_enterprises = LinkSerializer(many=True, read_only=True)
    partner_institutions = LinkSerializer(many=True, read_only=True)
    start = PartialDateField("start_date", "start_precision", help_text="启动日期")
    cover = ImageSerializer(read_only=True, allow_null=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    body = HtmlField(help_text="详细介绍，经过白名单清理的 HTML")

    class Meta:
        model = Project
        fields = [
            "id",
            "slug",
            "name",
            "name_en",
            "short_name",
            "kind",
            "kind_display",
            "stage",
            "stage_display",
            "region",
            "other_regions",
            "topics",
            "summary",
            "summary_en",
            "body",
            "investment",
            "investment_text",
            "operator",
            "operator_institution",
            "partner_enterprises",
            "partner_institutions",
            "start",
            "cover",
            "milestones",
            *PublishableSerializer.publishable_fields,
        ]


class MilestoneWriteSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, help_text="修改已有里程碑时填写它的编号；不填则新建")

    class Meta:
        model = Milestone
        fields = ["id", "date", "precision", "title", "description", "is_done"]


class ProjectWriteSerializer(FreeSlugMixin, serializers.ModelSerializer):
    """Input of the write API: related items by slug, the cover by image id, milestones nested.

    ``milestones``, when sent, become the project's milestones: those with an ``id`` are changed in place (their
    ids stay), the others are new, and those left out are deleted. New projects are drafts.
    """

    region = slugs(Region.objects.all(), allow_null=True)
    other_regions = slugs(Region.objects.all(), many=True)
    topics = slugs(Topic.objects.all(), many=True)
    operator = slugs(Enterprise.objects.all(), allow_null=True)
    operator_institution = slugs(Institution.objects.all(), allow_null=True)
    partner_enterprises = slugs(Enterprise.objects.all(), many=True)
    partner_institutions = slugs(Institution.objects.all(), many=True)
    cover = serializers.PrimaryKeyRelatedField(queryset=Image.objects.all(), required=False, allow_null=True)
    milestones = MilestoneWriteSerializer(many=True, required=False)

    class Meta:
        model = Project
        fields = [
            "name",
            "name_en",
            "short_name",
            "slug",
            "kind",
            "stage",
            "region",
            "other_regions",
            "topics",
            "summary",
            "summary_en",
            "body",
            "investment",
            "investment_text",
            "operator",
            "operator_institution",
            "partner_enterprises",
            "partner_institutions",
            "start_date",
            "start_precision",
            "cover",
            "milestones",
        ]
        extra_kwargs = {"slug": {"required": False}}

    def create(self, validated_data):
        return project_create(**validated_data)

    def update(self, instance, validated_data):
        return project_update(project=instance, **validated_data)


class ProjectExportSerializer(serializers.ModelSerializer):
    kind = ChoiceLabelField(label=_("类型"))
    stage = ChoiceLabelField(label=_("建设状态"))
    region = serializers.CharField(source="region.name", default="", label=_("所在地区"))
    investment = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, normalize_output=True, label=_("投资 / 规模（元）")
    )
    start = serializers.CharField(source="start_display", label=_("启动日期"))
    url = serializers.SerializerMethodField(label=_("网页"))

    class Meta:
        model = Project
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "kind",
            "stage",
            "region",
            "investment",
            "investment_text",
            "start",
            "summary",
            "url",
        ]

    def get_url(self, project) -> str:
        return self.context["request"].build_absolute_uri(project.get_absolute_url())
