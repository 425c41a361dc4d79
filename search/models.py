from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable item, copied from its content so a query reads one indexed table.

    Only published items have an entry; whether an item is visible *now* (scheduled publishing,
    expiry) is decided at query time by joining back to each model's ``published()``.
    The ``tokens`` column is indexed by an FTS5 table on SQLite and a GIN index on PostgreSQL
    (see the migrations); nothing here scans the bodies.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("文章")
        ACHIEVEMENT = "achievement", _("成果与数据")
        PROJECT = "project", _("项目与平台")
        ENTERPRISE = "enterprise", _("企业")
        INSTITUTION = "institution", _("机构")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    title = models.CharField(_("标题"), max_length=300)
    # What the item's staff wrote for the English interface, if anything: searched too, shown in English mode.
    title_en = models.CharField(_("英文标题"), max_length=300, blank=True)
    aliases = models.CharField(
        _("简称 / 别名"), max_length=500, blank=True, help_text=_("以“|”分隔并首尾加“|”，便于整名匹配。")
    )
    summary = models.TextField(_("摘要"), blank=True)
    summary_en = models.TextField(_("英文摘要"), blank=True)
    body = models.TextField(_("正文（纯文本）"), blank=True)
    tokens = models.TextField(_("检索词元"), blank=True)
    weight = models.FloatField(_("权重"), default=1.0, help_text=_("同等匹配时，权重高的排在前面。"))
    url = models.CharField(_("网址"), max_length=500)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    updated_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.title}"
