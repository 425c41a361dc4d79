from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "重建站内搜索索引：按当前已发布的文章、成果、项目、企业和机构重新生成全部索引条目。"

    def handle(self, *args, verbosity=1, **options):
        try:
            count = search_index_rebuild()
        except DatabaseError as exc:
            raise CommandError(f"重建搜索索引失败：{exc}。请确认已运行 python manage.py migrate。") from exc
        if verbosity >= 1:
            self.stdout.write(f"搜索索引已重建，共 {count} 条。")
