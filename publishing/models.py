"""What every public piece of content shares: a publishing state and a stable slug."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .slugs import unique_slug


class PublishStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublishStatus.PUBLISHED, published_at__lte=timezone.now())


class Slugged(models.Model):
    """Abstract base: fills an empty ``slug`` from ``slug_source`` (pinyin) once, so addresses stay stable."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source))
        super().save(*args, **kwargs)


class Publishable(Slugged):
    """Abstract base: nothing is public unless it is published and its publication time has come."""

    status = models.CharField(
        _("发布状态"), max_length=20, choices=PublishStatus.choices, default=PublishStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("发布时间"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("留空则在发布时自动填为当前时间；填写将来的时间则到时才公开。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    slug_source = "title"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == PublishStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def is_live(self) -> bool:
        return (
            self.status == PublishStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    is_live.boolean = True
    is_live.short_description = _("公开可见")


class DatePrecision(models.TextChoices):
    """How much of a date is known: milestones and as-of dates are often only a year or a month."""

    YEAR = "year", _("年")
    MONTH = "month", _("月")
    DAY = "day", _("日")


def format_partial_date(value, precision: str) -> str:
    """2026年 / 2026年1月 / 2026年1月15日 — the Chinese way, as precise as staff said."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}年"
    if precision == DatePrecision.MONTH:
        return f"{value.year}年{value.month}月"
    return f"{value.year}年{value.month}月{value.day}日"
