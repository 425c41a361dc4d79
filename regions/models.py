from django.db import models
from django.utils.translation import gettext_lazy as _

from presentation.links import link
from publishing.models import Slugged


class Region(Slugged):
    """The city, its county-level units and development zones, and places outside it (e.g. 武汉)."""

    class Kind(models.TextChoices):
        CITY = "city", _("地级市")
        DISTRICT = "district", _("市辖区")
        COUNTY = "county", _("县")
        COUNTY_CITY = "county_city", _("县级市")
        ZONE = "zone", _("开发区")
        OUTSIDE = "outside", _("市外")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_en = models.CharField(
        _("英文名称"), max_length=100, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    summary = models.TextField(_("简介"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面。"))

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("regions:detail", slug=self.slug)
