from django.db import models
from django.utils.translation import gettext_lazy as _

from presentation.dates import DatePrecision, format_partial_date
from presentation.links import link
from publishing.models import SLUG_HELP_TEXT, Publishable, PublishStatus, year_validators
from publishing.richtext import RichTextField
from publishing.validators import web_address


class Article(Publishable):
    class Kind(models.TextChoices):
        NEWS = "news", _("新闻")
        REVIEW = "review", _("年度回顾")
        NOTICE = "notice", _("通知公告")
        POLICY = "policy", _("政策解读")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.NEWS, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    title_en = models.CharField(
        _("英文标题"), max_length=200, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    slug = models.SlugField(
        _("网址名"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=SLUG_HELP_TEXT,
    )
    series = models.CharField(_("系列 / 栏目"), max_length=100, blank=True, help_text=_("例如：奋发有为 这一年"))
    subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    byline = models.CharField(_("署名"), max_length=200, blank=True, help_text=_("例如：本报记者 某某 通讯员 某某"))
    source = models.CharField(_("来源"), max_length=100, blank=True, help_text=_("例如：咸宁日报"))
    # A text the portal wrote as its summary of another publication's article: credited to that original, signed
    # by the portal (the site's organizer), whoever wrote the original.
    based_on_publication = models.CharField(
        _("据以整理的报道"),
        max_length=100,
        blank=True,
        help_text=_("本文是对其他报刊报道的整理时，填写那家报刊的名称（不加书名号），例如：咸宁日报。"),
    )
    based_on_publication_en = models.CharField(
        _("报道刊物英文名"), max_length=100, blank=True, help_text=_("可选，例如 Xianning Daily。")
    )
    based_on_date = models.DateField(_("原报道日期"), null=True, blank=True)
    based_on_date_precision = models.CharField(
        _("原报道日期精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    based_on_url = models.URLField(_("原报道网址"), max_length=500, blank=True, validators=[web_address])
    based_on_authors = models.CharField(
        _("原报道作者"), max_length=200, blank=True, help_text=_("可选，例如：记者 某某 通讯员 某某。")
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), null=True, blank=True, validators=year_validators(), help_text=_("年度回顾所回顾的年份。")
    )
    lead = models.TextField(_("导语"), blank=True, help_text=_("文章开头的一两段概述，显示在列表里。"))
    lead_en = models.TextField(_("英文导语"), blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。"))
    body = RichTextField(_("正文"))
    cover = models.ForeignKey(
        "images.Image", verbose_name=_("封面图片"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    regions = models.ManyToManyField("regions.Region", verbose_name=_("涉及地区"), blank=True, related_name="articles")
    topics = models.ManyToManyField("topics.Topic", verbose_name=_("专题"), blank=True, related_name="articles")
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("相关项目 / 平台"), blank=True, related_name="articles"
    )
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("相关企业"), blank=True, related_name="articles"
    )
    institutions = models.ManyToManyField(
        "enterprises.Institution", verbose_name=_("相关机构"), blank=True, related_name="articles"
    )
    people = models.ManyToManyField(
        "enterprises.Person", verbose_name=_("相关人物"), blank=True, related_name="articles"
    )

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The public list and its facet counts read only published articles: an index-only scan of this
            # narrow index instead of the whole (wide) table. Keys beyond published_at only cover the columns
            # those queries read (the visibility rule, the kind facet, the join to regions and topics).
            models.Index(
                fields=["published_at", "expires_at", "kind", "id"],
                condition=models.Q(status=PublishStatus.PUBLISHED),
                name="news_article_public_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("news:detail", slug=self.slug)

    @property
    def is_summary(self) -> bool:
        """The portal's summary of another publication's article: signed by the portal, not the original's authors."""
        return bool(self.based_on_publication)

    @property
    def based_on_date_display(self) -> str:
        return format_partial_date(self.based_on_date, self.based_on_date_precision)


class ArticleSectionQuerySet(models.QuerySet):
    def published(self):
        """Sections are public exactly when the article that holds them is."""
        return self.filter(article__in=Article.objects.published())


class ArticleSection(models.Model):
    """A themed part of a yearly review: a short label and a heading, e.g. 新格局 ◀ 打造区域协同创新样本."""

    article = models.ForeignKey(Article, verbose_name=_("文章"), on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    label = models.CharField(_("小标签"), max_length=20, help_text=_("例如：新格局"))
    heading = models.CharField(_("小标题"), max_length=200)
    body = RichTextField(_("正文"))

    objects = ArticleSectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("章节")
        verbose_name_plural = _("章节")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.label} ◀ {self.heading}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"section-{self.order}"
