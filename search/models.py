from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable item, copied from its content so a query reads one indexed table.

    Only published items have an entry, with the item's publication window copied beside it (``visible_from``,
    ``visible_until``), so whether it is visible *now* (scheduled publishing, expiry) is decided on the entry
    itself, without a join back to each kind's table.

    The ``*_tokens`` columns hold the item's text as index tokens (see ``search.tokens``): its names, its summary,
    its body, and ``name_keys``, each whole name as one token. They are indexed by an FTS5 table with one column
    each on SQLite, and on PostgreSQL by a weighted ``search_vector`` (names A, summary B, body C, whole names D)
    that the database derives from them, GIN-indexed (see the migrations). Nothing here scans the bodies.
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
    name_tokens = models.TextField(_("名称词元"), blank=True)
    summary_tokens = models.TextField(_("摘要词元"), blank=True)
    body_tokens = models.TextField(_("正文词元"), blank=True)
    name_keys = models.TextField(_("整名词元"), blank=True)
    visible_from = models.DateTimeField(_("公开时间"), null=True, blank=True)
    visible_until = models.DateTimeField(_("下线时间"), null=True, blank=True)
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
