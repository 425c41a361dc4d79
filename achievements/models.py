from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presentation.dates import DatePrecision, format_partial_date
from presentation.links import link
from publishing.models import SLUG_HELP_TEXT, Publishable, published_q, year_validators
from publishing.validators import web_address


class Achievement(Publishable):
    """One structured result (成果) the office reports, carrying its key figures."""

    class Category(models.TextChoices):
        PLATFORM = "platform", _("创新平台")
        ENTERPRISE = "enterprise", _("企业创新")
        PROJECT = "project", _("重点项目")
        FINANCE = "finance", _("科技金融")
        AGRICULTURE = "agriculture", _("农业科技")
        INDUSTRY = "industry", _("产业升级")
        COMPUTING = "computing", _("算力")
        TALENT = "talent", _("人才引育")
        SERVICE_REFORM = "service_reform", _("服务改革")
        RESEARCH = "research", _("科研攻关")

    title = models.CharField(_("标题"), max_length=200)
    title_en = models.CharField(
        _("英文标题"), max_length=200, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True, help_text=SLUG_HELP_TEXT)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices, db_index=True)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True, validators=year_validators())
    date = models.DateField(_("日期"), null=True, blank=True)
    date_precision = models.CharField(
        _("日期精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
    )
    summary = models.TextField(_("概述"), blank=True)
    summary_en = models.TextField(_("英文概述"), blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。"))
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("出处文章"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
    )
    section = models.ForeignKey(
        "news.ArticleSection",
        verbose_name=_("出处章节"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="achievements",
    )
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("相关项目 / 平台"), blank=True, related_name="achievements"
    )
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("相关企业"), blank=True, related_name="achievements"
    )
    institutions = models.ManyToManyField(
        "enterprises.Institution", verbose_name=_("相关机构"), blank=True, related_name="achievements"
    )

    class Meta:
        verbose_name = _("成果")
        verbose_name_plural = _("成果")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("achievements:detail", slug=self.slug)

    def clean(self):
        super().clean()
        # Every way in (admin, API, imports, the figure extraction) saves through full_clean. The rule holds for
        # new rows and for every change of the source; rows stored before it keep going through the workflow
        # (an urgent takedown must never wait for a source to be corrected).
        if self.section_id is not None and self._source_changed() and self.section.article_id != self.article_id:
            raise ValidationError({"section": _("出处章节必须属于出处文章。")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Figures without a year of their own take this one (KeyFigure.effective_year).
        self.figures.filter(year__isnull=True).exclude(effective_year=self.year).update(effective_year=self.year)

    def _source_changed(self) -> bool:
        """New, or its source article or section differs from the stored row."""
        if self.pk is None:
            return True
        stored = type(self)._default_manager.filter(pk=self.pk).values_list("article_id", "section_id").first()
        return stored != (self.article_id, self.section_id)

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)


class KeyFigureQuerySet(models.QuerySet):
    def published(self):
        """Figures are public exactly when the achievement that carries them is."""
        return self.filter(published_q("achievement__"))


class KeyFigure(models.Model):
    """A number as staff wrote it (e.g. 4.2万亩) and as a normalised value in the base unit (42000, 亩)."""

    class Bound(models.TextChoices):
        EXACT = "exact", _("确数")
        AT_LEAST = "at_least", _("不少于（余、超、以上、突破）")
        AT_MOST = "at_most", _("不超过（最高）")
        APPROXIMATE = "approximate", _("约数（约、近）")

    class Kind(models.TextChoices):
        """Whether figures may be added up (achievements/kinds.py): only stocks and flows of one measure."""

        UNMARKED = "", _("未标注")
        STOCK = "stock", _("存量（时点数，截至某时的总数）")
        FLOW = "flow", _("流量（时期数，一段时间内新增或完成的量）")
        RATE = "rate", _("比率（增速、占比、百分比、倍数）")
        CEILING = "ceiling", _("上限或门槛（单笔最高、超过某数的……）")
        RANK = "rank", _("排名")

    achievement = models.ForeignKey(
        Achievement, verbose_name=_("成果"), on_delete=models.CASCADE, related_name="figures"
    )
    label = models.CharField(_("指标"), max_length=200, help_text=_("这个数字统计的是什么，例如“离岸科创园签约企业”。"))
    text = models.CharField(
        _("原文写法"), max_length=50, help_text=_("按原文照录，例如“4.2万亩”“2700余个”“超千万元”“98%”。")
    )
    value = models.DecimalField(
        _("数值"),
        max_digits=24,
        decimal_places=4,
        help_text=_("换算成基本单位的数值，例如 4.2万亩 填 42000，50亿元 填 5000000000。"),
    )
    unit = models.CharField(_("单位"), max_length=20, blank=True, help_text=_("基本单位，例如 家、所、元、亩、%、P。"))
    qualifier = models.CharField(
        _("限定词"), max_length=20, blank=True, help_text=_("原文中修饰数字的词，例如 余、超、以上、最高、累计、达。")
    )
    bound = models.CharField(_("数值性质"), max_length=20, choices=Bound.choices, default=Bound.EXACT)
    kind = models.CharField(
        _("指标类型"),
        max_length=10,
        choices=Kind.choices,
        blank=True,
        default=Kind.UNMARKED,
        help_text=_(
            "只有存量和流量才会与同一统计口径、同一单位的数据相加；比率、上限、排名和未标注的数据从不相加。"
            "目标另由“预期目标”标明：目标也可以是存量或流量，但从不与已完成的量相加。"
        ),
    )
    measure = models.CharField(
        _("统计口径"),
        max_length=50,
        blank=True,
        help_text=_(
            "统计的是什么，用简短的统一名称，例如“签约企业数”“基金规模”“总投资”；口径相同才相加。留空则按指标名称。"
        ),
    )
    is_target = models.BooleanField(
        _("预期目标"),
        default=False,
        help_text=_("“预计”“计划”的数字是目标，不是已完成的量；目标从不与已完成的量相加。"),
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), null=True, blank=True, validators=year_validators(), help_text=_("留空则取成果的年度。")
    )
    # The figure's year, else its achievement's, kept on save so lists can sort and page by it with an index.
    effective_year = models.PositiveSmallIntegerField(_("所属年度"), editable=False)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text=_("留空则取成果的地区。"),
    )
    as_of = models.DateField(_("截至 / 目标时间"), null=True, blank=True)
    as_of_precision = models.CharField(
        _("时间精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    is_featured = models.BooleanField(_("首页展示"), default=False)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    # Where the number was first published, when the review quotes someone else's: all optional.
    citation_publication = models.CharField(
        _("原始出处"), max_length=100, blank=True, help_text=_("最早发布这个数字的报刊、网站或文件，例如《咸宁日报》。")
    )
    citation_issuer = models.CharField(
        _("发布单位"), max_length=100, blank=True, help_text=_("发布这个数字的单位，例如咸宁市统计局。")
    )
    citation_date = models.DateField(_("发布日期"), null=True, blank=True)
    citation_url = models.URLField(_("原始出处网址"), max_length=500, blank=True, validators=[web_address])
    citation_sentence = models.TextField(
        _("原文语句"), blank=True, help_text=_("原始出处中说出这个数字的那句话，照原样粘贴。")
    )

    objects = KeyFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("关键数据")
        verbose_name_plural = _("关键数据")
        ordering = ["order", "id"]
        indexes = [
            # The order of the figures API, newest year first: its pages without sorting every figure.
            models.Index(fields=["-effective_year", "-achievement", "order", "id"], name="keyfigure_listing"),
            # The home page's few headline figures among every figure, in the same order.
            models.Index(
                fields=["-effective_year", "order", "id"],
                condition=models.Q(is_featured=True),
                name="keyfigure_featured",
            ),
        ]

    def __str__(self):
        return f"{self.label}：{self.text}"

    def save(self, *args, **kwargs):
        from .citations import record_correction, stored_reading

        self.effective_year = self.year or self.achievement.year
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "effective_year"}
        before = stored_reading(self)
        super().save(*args, **kwargs)
        record_correction(self, before)

    @property
    def measure_name(self) -> str:
        """What the figure counts, as sums compare it: its measure, else its label."""
        return self.measure or self.label

    @property
    def effective_region(self):
        return self.region or self.achievement.region

    @property
    def as_of_display(self) -> str:
        return format_partial_date(self.as_of, self.as_of_precision)

    @property
    def anchor(self) -> str:
        """The id of the figure's sentence on its article's page (news/places.py puts it there)."""
        return f"figure-{self.pk}"

    @property
    def place_url(self) -> str:
        """Where the figure is stated: its sentence on the page of its source article (its section's, else the
        achievement's), else the achievement's own page. Uses the achievement's prefetched sources, so a draft
        source the reader may not see is no link."""
        achievement = self.achievement
        article = achievement.section.article if achievement.section else achievement.article
        if article is None:
            return achievement.get_absolute_url()
        return f"{article.get_absolute_url()}#{self.anchor}"

    @property
    def has_citation(self) -> bool:
        return any(
            (
                self.citation_publication,
                self.citation_issuer,
                self.citation_date,
                self.citation_url,
                self.citation_sentence,
            )
        )

    @property
    def citation_date_display(self) -> str:
        return format_partial_date(self.citation_date, DatePrecision.DAY)


class FigureCitation(models.Model):
    """A rich-text body (an article's, a section's, a project's …) that states a key figure in its text. Kept on each
    save of the body (``achievements/citations.py``), so "which pages cite this figure" reads the index on
    ``figure``, never the bodies; and a cited figure cannot be deleted (PROTECT) before the pages citing it are
    changed: the admin and the API name them."""

    figure = models.ForeignKey(
        KeyFigure, verbose_name=_("关键数据"), on_delete=models.PROTECT, related_name="citations"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    citing = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("正文中的引用")
        verbose_name_plural = _("正文中的引用")
        constraints = [
            models.UniqueConstraint(fields=["figure", "content_type", "object_id"], name="figurecitation_unique"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="figurecitation_citing")]

    def __str__(self):
        return citing_page_name(self.citing)


def citing_page_name(obj) -> str:
    """The page a citing body is on: an article's section is its article's."""
    if obj is None:
        return str(_("（已删除的内容）"))
    article = getattr(obj, "article", None) if obj._meta.model_name == "articlesection" else None
    if article is not None:
        return f"{article} › {obj.heading}"
    return str(obj)


class FigureCorrection(models.Model):
    """A cited figure's text or value changed on its live row: the pages citing it show the correction, dated."""

    figure = models.ForeignKey(
        KeyFigure, verbose_name=_("关键数据"), on_delete=models.CASCADE, related_name="corrections"
    )
    old_text = models.CharField(_("原写法"), max_length=50)
    new_text = models.CharField(_("新写法"), max_length=50)
    old_value = models.DecimalField(_("原数值"), max_digits=24, decimal_places=4)
    new_value = models.DecimalField(_("新数值"), max_digits=24, decimal_places=4)
    corrected_at = models.DateTimeField(_("更正时间"), default=timezone.now)

    class Meta:
        verbose_name = _("数据更正")
        verbose_name_plural = _("数据更正")
        ordering = ["corrected_at", "id"]

    def __str__(self):
        return f"{self.figure.label}：{self.old_text} → {self.new_text}"
