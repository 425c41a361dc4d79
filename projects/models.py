from django.db import models
from django.utils.translation import gettext_lazy as _

from presentation.dates import DatePrecision, format_partial_date
from presentation.links import link
from publishing.models import SLUG_HELP_TEXT, Publishable
from publishing.richtext import RichTextField


class Project(Publishable):
    """A project, platform, fund, programme or piece of infrastructure the office reports on."""

    class Kind(models.TextChoices):
        PLATFORM = "platform", _("创新平台")
        PARK = "park", _("科创园区")
        RESEARCH = "research", _("研究机构 / 中心")
        FUND = "fund", _("基金")
        FINANCE = "finance", _("金融产品")
        PROGRAMME = "programme", _("培育计划")
        CLUSTER = "cluster", _("产业集群")
        INFRASTRUCTURE = "infrastructure", _("算力 / 基础设施")
        SERVICE = "service", _("服务体系")
        REFORM = "reform", _("机制改革")
        TALENT = "talent", _("人才计划")

    class Stage(models.TextChoices):
        PLANNED = "planned", _("谋划中")
        BUILDING = "building", _("建设中")
        OPERATING = "operating", _("运营中")
        COMPLETED = "completed", _("已完成")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    name_en = models.CharField(
        _("英文名称"), max_length=200, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    short_name = models.CharField(_("简称 / 别名"), max_length=100, blank=True)
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True, help_text=SLUG_HELP_TEXT)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    stage = models.CharField(
        _("建设状态"), max_length=20, choices=Stage.choices, default=Stage.OPERATING, db_index=True
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT
    )
    other_regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("相关地区"),
        blank=True,
        related_name="+",
        help_text=_("跨地区的项目（如“研发在武汉、转化在咸宁”）在这里加上其他地区。"),
    )
    topics = models.ManyToManyField("topics.Topic", verbose_name=_("专题"), blank=True, related_name="projects")
    summary = models.TextField(_("简介"), blank=True, help_text=_("一两句话，显示在列表和搜索结果里。"))
    summary_en = models.TextField(_("英文简介"), blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。"))
    body = RichTextField(_("详细介绍"))
    investment = models.DecimalField(
        _("投资 / 规模（元）"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("以元为单位的数值，用于统计，例如 3亿元 填 300000000。"),
    )
    investment_text = models.CharField(
        _("投资 / 规模（原文写法）"), max_length=50, blank=True, help_text=_("按原文写法显示，例如“3亿元”。")
    )
    operator = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("投资 / 运营企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_projects",
    )
    operator_institution = models.ForeignKey(
        "enterprises.Institution",
        verbose_name=_("牵头机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    partner_enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("合作企业"), blank=True, related_name="partner_projects"
    )
    partner_institutions = models.ManyToManyField(
        "enterprises.Institution", verbose_name=_("合作机构"), blank=True, related_name="partner_projects"
    )
    start_date = models.DateField(_("启动日期"), null=True, blank=True)
    start_precision = models.CharField(
        _("启动日期精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    cover = models.ForeignKey(
        "images.Image", verbose_name=_("封面图片"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    slug_source = "name"

    class Meta:
        verbose_name = _("项目 / 平台")
        verbose_name_plural = _("项目 / 平台")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("projects:detail", slug=self.slug)

    @property
    def start_display(self) -> str:
        return format_partial_date(self.start_date, self.start_precision)


class Milestone(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("日期"), help_text=_("只知道年份或月份时，填该年或该月的第一天，并选择相应精度。"))
    precision = models.CharField(_("日期精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY)
    title = models.CharField(_("事项"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    is_done = models.BooleanField(_("已完成"), default=False)

    class Meta:
        verbose_name = _("里程碑")
        verbose_name_plural = _("里程碑")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date_display} {self.title}"

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.precision)
