from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCacheState(models.Model):
    """One row, shared by every process and server: which generation of cached pages is current, and until when.

    Kept in the database rather than in the cache so that a change saved by one process reaches every other at
    once (with the in-process cache each process has its own pages, but they all read this row), and so that the
    change of generation commits or rolls back together with the change of content that caused it.
    """

    SINGLETON_PK = 1

    generation = models.PositiveBigIntegerField(_("缓存代数"), default=1)
    next_change = models.DateTimeField(_("下次定时变化"), null=True, blank=True)
    schedule_known = models.BooleanField(_("已查明下次定时变化"), default=False)

    class Meta:
        verbose_name = _("页面缓存状态")
        verbose_name_plural = _("页面缓存状态")

    def __str__(self):
        return f"{self.generation}"
