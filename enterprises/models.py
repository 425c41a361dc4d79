from django.db import models
from django.utils.translation import gettext_lazy as _

from presentation.links import link
from publishing.models import SLUG_HELP_TEXT, Publishable, Slugged
from publishing.richtext import RichTextField
from publishing.validators import web_address


class Sector(Slugged):
    """An industry of the city's "5+4" modern industrial system (5 leading + 4 emerging industries)."""

    class Group(models.TextChoices):
        LEADING = "leading", _("优势产业")
        EMERGING = "emerging", _("新兴产业")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_en = models.CharField(
        _("英文名称"), max_length=100, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True)
    group = models.CharField(_("类别"), max_length=20, choices=Group.choices)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("产业（5+4 体系）")
        verbose_name_plural = _("产业（5+4 体系）")
        ordering = ["group", "order", "name"]

    def __str__(self):
        return self.name


class Honour(Slugged):
    """A title an enterprise can hold: 专精特新, 单项冠军, 高新技术企业 …"""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True)

    class Meta:
        verbose_name = _("企业荣誉")
        verbose_name_plural = _("企业荣誉")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Institution(Publishable):
    """A university, academy, laboratory, bank or other body that is not a company."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("高校")
        SCHOOL = "school", _("院系 / 学院")
        ACADEMY = "academy", _("科研院所")
        LAB = "lab", _("实验室")
        BANK = "bank", _("金融机构")
        GOVERNMENT = "government", _("政府部门")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    name_en = models.CharField(
        _("英文名称"), max_length=200, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True, help_text=SLUG_HELP_TEXT)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT
    )
    summary = models.TextField(_("简介"), blank=True)
    summary_en = models.TextField(_("英文简介"), blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。"))
    website = models.URLField(_("网站"), blank=True, validators=[web_address])

    slug_source = "name"

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("enterprises:institution", slug=self.slug)


class Enterprise(Publishable):
    name = models.CharField(_("企业全称"), max_length=200, unique=True)
    name_en = models.CharField(
        _("英文名称"), max_length=200, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True, help_text=SLUG_HELP_TEXT)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("所属产业"), null=True, blank=True, on_delete=models.PROTECT, related_name="enterprises"
    )
    honours = models.ManyToManyField(Honour, verbose_name=_("荣誉"), blank=True, related_name="enterprises")
    partners = models.ManyToManyField(
        Institution, verbose_name=_("合作机构"), blank=True, related_name="partner_enterprises"
    )
    summary = models.TextField(_("简介"), blank=True, help_text=_("一两句话，显示在列表和搜索结果里。"))
    summary_en = models.TextField(_("英文简介"), blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。"))
    body = RichTextField(_("详细介绍"))
    logo = models.ForeignKey(
        "images.Image", verbose_name=_("标志"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(_("网站"), blank=True, validators=[web_address])

    slug_source = "name"

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("enterprises:detail", slug=self.slug)


class Person(models.Model):
    """Someone named in the content: an enterprise's manager, an expert, a reporter."""

    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务 / 身份"), max_length=100, blank=True)
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("所在企业"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("所在机构"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    class Meta:
        verbose_name = _("人物")
        verbose_name_plural = _("人物")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}（{self.title}）" if self.title else self.name
