from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import (
    ChoiceLabelField,
    FreeSlugMixin,
    LinkSerializer,
    LinksMixin,
    PartialDateField,
    PublishableSerializer,
    slugs,
)
from enterprises.models import Enterprise, Institution
from news.models import Article, ArticleSection
from projects.models import Project
from regions.models import Region

from .models import Achievement, KeyFigure
from .services import achievement_create, achievement_update


def figure_value(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=24,
        decimal_places=4,
        read_only=True,
        normalize_output=True,
        help_text='换算成基本单位的数值，字符串形式，例如 4.2万亩 为 "42000"',
        **kwargs,
    )


class SectionLinkSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="文章页面中该章节的位置（绝对地址）")

    class Meta:
        model = ArticleSection
        fields = ["id", "label", "heading", "url"]

    def get_url(self, section) -> str:
        return self.context["request"].build_absolute_uri(section.get_absolute_url())


class CitationSerializer(serializers.Serializer):
    """Where a figure was first published, as staff recorded it; empty strings (and a null date) when not."""

    publication = serializers.CharField(source="citation_publication", help_text="原始出处（报刊、网站或文件）")
    issuer = serializers.CharField(source="citation_issuer", help_text="发布单位")
    date = serializers.DateField(source="citation_date", allow_null=True, help_text="发布日期")
    url = serializers.CharField(source="citation_url", help_text="原始出处的网址")
    sentence = serializers.CharField(source="citation_sentence", help_text="原始出处中说出这个数字的句子，照原样")


class SourceUrlMixin:
    def get_source_url(self, figure) -> str:
        return self.context["request"].build_absolute_uri(figure.place_url)


SOURCE_URL_HELP = "文章页面上说出这个数字的句子（绝对地址，#figure-编号）；没有公开的出处文章时为成果的页面"


class AchievementFigureSerializer(SourceUrlMixin, serializers.ModelSerializer):
    """A key figure inside its achievement (or article section)."""

    value = figure_value()
    bound_display = ChoiceLabelField(source="bound")
    kind_display = ChoiceLabelField(source="kind")
    year = serializers.IntegerField(source="effective_year", read_only=True, help_text="留空时取成果的年度")
    region = LinkSerializer(source="effective_region", read_only=True, allow_null=True)
    as_of = PartialDateField("as_of", "as_of_precision", help_text="截至 / 目标时间")
    source_url = serializers.SerializerMethodField(help_text=SOURCE_URL_HELP)
    citation = CitationSerializer(source="*", read_only=True, help_text="原始出处")
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = KeyFigure
        fields = [
            "id",
            "label",
            "text",
            "value",
            "unit",
            "qualifier",
            "bound",
            "bound_display",
            "kind",
            "kind_display",
            "measure",
            "is_target",
            "year",
            "region",
            "as_of",
            "is_featured",
            "order",
            "source_url",
            "citation",
            "api_url",
        ]

    get_api_url = LinksMixin.get_api_url


class FigureSerializer(AchievementFigureSerializer):
    """A key figure on its own, with the achievement that carries it and where it was reported."""

    category = serializers.CharField(source="achievement.category", read_only=True)
    category_display = serializers.CharField(source="achievement.get_category_display", read_only=True)
    achievement = LinkSerializer(read_only=True)
    article = LinkSerializer(source="achievement.article", read_only=True, allow_null=True, help_text="出处文章")
    url = serializers.SerializerMethodField(help_text="成果的页面（绝对地址）")

    class Meta(AchievementFigureSerializer.Meta):
        fields = [
            *AchievementFigureSerializer.Meta.fields,
            "category",
            "category_display",
            "achievement",
            "article",
            "url",
        ]

    def get_url(self, figure) -> str:
        return self.context["request"].build_absolute_uri(figure.achievement.get_absolute_url())


class AchievementSerializer(PublishableSerializer):
    category_display = ChoiceLabelField(source="category")
    date = PartialDateField("date", "date_precision")
    region = LinkSerializer(read_only=True, allow_null=True)
    article = LinkSerializer(read_only=True, allow_null=True, help_text="出处文章（未公开时为 null）")
    section = SectionLinkSerializer(read_only=True, allow_null=True, help_text="出处章节")
    projects = LinkSerializer(many=True, read_only=True)
    enterprises = LinkSerializer(many=True, read_only=True)
    institutions = LinkSerializer(many=True, read_only=True)
    figures = AchievementFigureSerializer(many=True, read_only=True)

    class Meta:
        model = Achievement
        fields = [
            "id",
            "slug",
            "title",
            "title_en",
            "category",
            "category_display",
            "year",
            "date",
            "region",
            "summary",
            "summary_en",
            "article",
            "section",
            "projects",
            "enterprises",
            "institutions",
            "figures",
            *PublishableSerializer.publishable_fields,
        ]


class FigureWriteSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, help_text="修改已有关键数据时填写它的编号；不填则新建")
    region = slugs(Region.objects.all(), allow_null=True)

    class Meta:
        model = KeyFigure
        fields = [
            "id",
            "label",
            "text",
            "value",
            "unit",
            "qualifier",
            "bound",
            "kind",
            "measure",
            "is_target",
            "year",
            "region",
            "as_of",
            "as_of_precision",
            "is_featured",
            "order",
            "citation_publication",
            "citation_issuer",
            "citation_date",
            "citation_url",
            "citation_sentence",
        ]
        # The sentence as staff pasted it, spaces and line breaks included.
        extra_kwargs = {"citation_sentence": {"trim_whitespace": False}}


class AchievementWriteSerializer(FreeSlugMixin, serializers.ModelSerializer):
    """Input of the write API: related items by slug, the section by id, figures nested.

    ``figures``, when sent, become the achievement's figures: those with an ``id`` are changed in place (their ids
    and API addresses stay), the others are new, and those left out are deleted. New achievements are drafts.
    """

    region = slugs(Region.objects.all(), allow_null=True)
    article = slugs(Article.objects.all(), allow_null=True)
    section = serializers.PrimaryKeyRelatedField(queryset=ArticleSection.objects.all(), required=False, allow_null=True)
    projects = slugs(Project.objects.all(), many=True)
    enterprises = slugs(Enterprise.objects.all(), many=True)
    institutions = slugs(Institution.objects.all(), many=True)
    figures = FigureWriteSerializer(many=True, required=False)

    class Meta:
        model = Achievement
        fields = [
            "title",
            "title_en",
            "slug",
            "category",
            "year",
            "date",
            "date_precision",
            "region",
            "summary",
            "summary_en",
            "article",
            "section",
            "projects",
            "enterprises",
            "institutions",
            "figures",
        ]
        extra_kwargs = {"slug": {"required": False}}

    def create(self, validated_data):
        return achievement_create(**validated_data)

    def update(self, instance, validated_data):
        return achievement_update(achievement=instance, **validated_data)


class FigureExportSerializer(SourceUrlMixin, serializers.ModelSerializer):
    """One row per key figure for CSV / Excel; labels are the column titles."""

    achievement = serializers.CharField(source="achievement.title", label=_("成果"))
    category = serializers.CharField(source="achievement.get_category_display", label=_("类别"))
    value = serializers.DecimalField(max_digits=24, decimal_places=4, normalize_output=True, label=_("数值"))
    bound = ChoiceLabelField(label=_("数值性质"))
    kind = ChoiceLabelField(label=_("指标类型"))
    year = serializers.IntegerField(source="effective_year", label=_("年度"))
    region = serializers.CharField(source="effective_region.name", default="", label=_("地区"))
    as_of = serializers.CharField(source="as_of_display", label=_("截至 / 目标时间"))
    article = serializers.CharField(source="achievement.article.title", default="", label=_("出处文章"))
    url = serializers.SerializerMethodField(label=_("网页"))
    source_url = serializers.SerializerMethodField(label=_("原文位置"))

    class Meta:
        model = KeyFigure
        fields = [
            "id",
            "achievement",
            "category",
            "label",
            "text",
            "value",
            "unit",
            "qualifier",
            "bound",
            "kind",
            "measure",
            "is_target",
            "year",
            "region",
            "as_of",
            "article",
            "url",
            "source_url",
            "citation_publication",
            "citation_issuer",
            "citation_date",
            "citation_url",
            "citation_sentence",
        ]

    def get_url(self, figure) -> str:
        return self.context["request"].build_absolute_uri(figure.achievement.get_absolute_url())


class AchievementExportSerializer(serializers.ModelSerializer):
    category = ChoiceLabelField(label=_("类别"))
    date = serializers.CharField(source="date_display", label=_("日期"))
    region = serializers.CharField(source="region.name", default="", label=_("地区"))
    figures = serializers.SerializerMethodField(label=_("关键数据"))
    url = serializers.SerializerMethodField(label=_("网页"))

    class Meta:
        model = Achievement
        fields = ["id", "slug", "title", "category", "year", "date", "region", "summary", "figures", "url"]

    def get_figures(self, achievement) -> str:
        return "；".join(f"{figure.label}：{figure.text}" for figure in achievement.figures.all())

    def get_url(self, achievement) -> str:
        return self.context["request"].build_absolute_uri(achievement.get_absolute_url())
