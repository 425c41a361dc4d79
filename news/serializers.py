from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from achievements.serializers import AchievementFigureSerializer
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
from enterprises.serializers import PersonSerializer
from images.models import Image
from projects.models import Project
from regions.models import Region
from topics.models import Topic

from .models import Article, ArticleSection
from .services import article_create, article_update


class SectionSerializer(serializers.ModelSerializer):
    body = HtmlField(help_text="经过白名单清理的 HTML")
    url = serializers.SerializerMethodField(help_text="文章页面中该章节的位置（绝对地址）")
    figures = serializers.SerializerMethodField(help_text="放在这一节的已公开成果的关键数据")

    class Meta:
        model = ArticleSection
        fields = ["id", "order", "label", "heading", "body", "anchor", "url", "figures"]

    def get_url(self, section) -> str:
        return self.context["request"].build_absolute_uri(section.get_absolute_url())

    @extend_schema_field(AchievementFigureSerializer(many=True))
    def get_figures(self, section):
        figures = [figure for achievement in section.achievements.all() for figure in achievement.figures.all()]
        return AchievementFigureSerializer(figures, many=True, context=self.context).data


SUMMARY_FIELDS = [
    "id",
    "slug",
    "kind",
    "kind_display",
    "title",
    "title_en",
    "series",
    "subtitle",
    "byline",
    "source",
    "year",
    "lead",
    "lead_en",
    "cover",
    "regions",
    "topics",
]


class ArticleSummarySerializer(PublishableSerializer):
    """An article in a list: what a reader or another site needs to show and choose it; ``api_url`` gives the whole
    article (its body, sections, figures and every link)."""

    kind_display = ChoiceLabelField(source="kind")
    cover = ImageSerializer(read_only=True, allow_null=True)
    # Prefetched into lists (news.api.ArticleViewSet.with_list_related): cheaper than a manager per article.
    regions = LinkSerializer(source="listed_regions", many=True, read_only=True)
    topics = LinkSerializer(source="listed_topics", many=True, read_only=True)

    class Meta:
        model = Article
        fields = [*SUMMARY_FIELDS, *PublishableSerializer.publishable_fields]


class BasedOnSerializer(serializers.Serializer):
    """The publication whose article this one summarises (the portal's own text, signed by the portal)."""

    publication = serializers.CharField(source="based_on_publication", help_text="报刊名称，例如 咸宁日报")
    publication_en = serializers.CharField(source="based_on_publication_en")
    date = PartialDateField("based_on_date", "based_on_date_precision", allow_null=True, help_text="原报道日期")
    url = serializers.CharField(source="based_on_url", help_text="原报道的网址，可能为空")
    authors = serializers.CharField(source="based_on_authors", help_text="原报道的作者，可能为空")


class ArticleSerializer(ArticleSummarySerializer):
    """The whole article: the summary's fields, its body, sections with their figures, and every link."""

    based_on = serializers.SerializerMethodField(help_text="本文整理自其他报刊的报道时为那篇报道，否则为 null")

    body = HtmlField(help_text="正文，经过白名单清理的 HTML")
    regions = LinkSerializer(many=True, read_only=True)
    topics = LinkSerializer(many=True, read_only=True)
    projects = LinkSerializer(many=True, read_only=True)
    enterprises = LinkSerializer(many=True, read_only=True)
    institutions = LinkSerializer(many=True, read_only=True)
    people = PersonSerializer(many=True, read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    achievements = LinkSerializer(many=True, read_only=True, help_text="出自这篇文章的已公开成果")

    class Meta:
        model = Article
        fields = [
            *SUMMARY_FIELDS,
            "based_on",
            "body",
            "projects",
            "enterprises",
            "institutions",
            "people",
            "sections",
            "achievements",
            *PublishableSerializer.publishable_fields,
        ]

    @extend_schema_field(BasedOnSerializer(allow_null=True))
    def get_based_on(self, article):
        return BasedOnSerializer(article).data if article.is_summary else None


class SectionWriteSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, help_text="修改已有章节时填写它的编号；不填则新建")

    class Meta:
        model = ArticleSection
        fields = ["id", "order", "label", "heading", "body"]


class ArticleWriteSerializer(FreeSlugMixin, serializers.ModelSerializer):
    """Input of the write API: related items by slug, the cover by image id, sections nested.

    ``sections``, when sent, become the article's sections: those with an ``id`` are changed, the others
    are added, sections not sent are removed. New articles are drafts.
    """

    cover = serializers.PrimaryKeyRelatedField(queryset=Image.objects.all(), required=False, allow_null=True)
    regions = slugs(Region.objects.all(), many=True)
    topics = slugs(Topic.objects.all(), many=True)
    projects = slugs(Project.objects.all(), many=True)
    enterprises = slugs(Enterprise.objects.all(), many=True)
    institutions = slugs(Institution.objects.all(), many=True)
    sections = SectionWriteSerializer(many=True, required=False)

    class Meta:
        model = Article
        fields = [
            "kind",
            "title",
            "title_en",
            "slug",
            "series",
            "subtitle",
            "byline",
            "source",
            "based_on_publication",
            "based_on_publication_en",
            "based_on_date",
            "based_on_date_precision",
            "based_on_url",
            "based_on_authors",
            "year",
            "lead",
            "lead_en",
            "body",
            "cover",
            "regions",
            "topics",
            "projects",
            "enterprises",
            "institutions",
            "sections",
        ]
        extra_kwargs = {"slug": {"required": False}}

    def create(self, validated_data):
        return article_create(**validated_data)

    def update(self, instance, validated_data):
        return article_update(article=instance, **validated_data)
