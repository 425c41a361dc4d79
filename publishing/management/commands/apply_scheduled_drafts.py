"""Replaces the live version of every item whose draft was approved for a time that has come.

The site does this by itself: the first request after that minute applies it (caching.state), while the page or
data cache is on (the default). With both switched off, run this every minute (cron, a systemd timer).
"""

from django.core.management.base import BaseCommand

from publishing.services import apply_due_drafts


class Command(BaseCommand):
    help = "定时替换：把审核通过、定时生效且时间已到的草稿替换为公开版本。"

    def handle(self, *args, **options):
        applied = apply_due_drafts()
        self.stdout.write(f"已替换 {applied} 项内容的公开版本。" if applied else "没有到时的定时替换。")
