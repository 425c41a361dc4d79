import secrets
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from achievements.models import Achievement, KeyFigure
from demo.generate import MAX_COUNT, content_generate
from enterprises.models import Enterprise
from news.models import Article, ArticleSection
from projects.models import Project
from publishing.models import PublishStatus

COUNTS = {
    "articles": "文章",
    "enterprises": "企业",
    "projects": "项目",
    "figures": "关键数据",
}
CONSENT_FLAG = "--yes-synthetic-content"


class Command(BaseCommand):
    help = (
        "生成大批合成内容（文章、企业、项目、成果及其关键数据），用于性能测试。"
        "标题和正文由词表随机组合，同一 --seed 在空数据库上生成相同的内容。"
        "内容绕过审核流程和审核日志直接写入（多数为已发布），所以不要在正式站点上运行："
        f"DEBUG 未开启时，须加 {CONSENT_FLAG} 确认这是专供测试的数据库才会运行（bench/run.py 会加上）。"
    )

    def add_arguments(self, parser):
        for name, label in COUNTS.items():
            parser.add_argument(f"--{name}", type=int, default=0, metavar="N", help=f"生成的{label}条数，默认 0。")
        parser.add_argument("--seed", type=int, default=None, metavar="S", help="随机种子；不填则随机选一个并打印。")
        parser.add_argument(
            CONSENT_FLAG,
            action="store_true",
            dest="yes_synthetic_content",
            help="确认这个数据库专供测试，可以写入大批合成的已发布内容；DEBUG 未开启时必须给出。",
        )

    def handle(self, *args, seed=None, verbosity=1, yes_synthetic_content=False, **options):
        counts = {name: options[name] for name in COUNTS}
        for name, count in counts.items():
            if count < 0:
                raise CommandError(f"--{name} 不能是负数（收到 {count}），请填 0 或正整数。")
            if count > MAX_COUNT:
                raise CommandError(f"--{name} 最多 {MAX_COUNT:,}（收到 {count:,}）。")
        if not any(counts.values()):
            raise CommandError(
                "没有要生成的内容：请至少给出 --articles、--enterprises、--projects、--figures 中的一个正数。"
            )
        if not (settings.DEBUG or yes_synthetic_content):
            raise CommandError(
                "拒绝运行：generate_content 会绕过审核流程和审核日志，直接写入成千上万条合成内容，其中多数立即公开，"
                "只能用于性能测试的数据库。现在 DEBUG 未开启，这可能是正式站点的数据库"
                f"（{connections[DEFAULT_DB_ALIAS].settings_dict['NAME']}），什么也没有写入。"
                f"确认这是专供测试的数据库后，加上 {CONSENT_FLAG} 再运行。"
            )
        if seed is None:
            seed = secrets.randbelow(10**6)
        self.check_migrated()
        started = time.perf_counter()
        try:
            report = content_generate(**counts, seed=seed)
        except DatabaseError as exc:
            raise CommandError(f"写入数据库失败：{exc}。请检查 DATABASE_URL。") from exc
        if verbosity >= 1:
            created = report.created
            self.stdout.write(
                f"已生成合成内容（随机种子 {seed}，用时 {time.perf_counter() - started:.1f} 秒）："
                f"文章 {created[Article]} 篇（其中年度回顾章节 {created[ArticleSection]} 个），"
                f"企业 {created[Enterprise]} 家，项目 {created[Project]} 个，"
                f"成果 {created[Achievement]} 项，关键数据 {created[KeyFigure]} 条。"
            )
            statuses = report.statuses
            self.stdout.write(
                f"  发布状态：已发布 {statuses[PublishStatus.PUBLISHED]}，草稿 {statuses[PublishStatus.DRAFT]}，"
                f"待审核 {statuses[PublishStatus.IN_REVIEW]}；搜索索引共 {report.search_entries} 条。"
            )
            taxonomies = [
                f"{model._meta.verbose_name} {count} 个"
                for model, count in created.items()
                if model not in {Article, ArticleSection, Enterprise, Project, Achievement, KeyFigure}
            ]
            if taxonomies:
                self.stdout.write(f"  数据库中原来没有，已新建：{'，'.join(taxonomies)}。")

    def check_migrated(self) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            executor = MigrationExecutor(connection)
            unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as exc:
            raise CommandError(f"无法读取数据库：{exc}。请检查 DATABASE_URL。") from exc
        if unapplied:
            raise CommandError("数据库还有未执行的迁移，请先运行 python manage.py migrate。")
