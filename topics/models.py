from django.db import models
from django.utils.translation import gettext_lazy as _

from presentation.links import link
from publishing.models import Slugged


class Topic(Slugged):
    """A theme that cuts across content, e.g. 离岸科创, 科技金融, 算力."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_en = models.CharField(
        _("英文名称"), max_length=100, blank=True, help_text=_("可选。英文界面显示它；留空则显示中文。")
    )
    slug = models.SlugField(_("网址名"), max_length=80, unique=True, blank=True)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("topics:detail", slug=self.slug)
