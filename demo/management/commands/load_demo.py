import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from demo.services import DemoContentError, admin_user_ensure, demo_content_load


class Command(BaseCommand):
    help = (
        "载入演示内容：2025年咸宁科技创新年度回顾，以及其中的地区、专题、机构、企业、项目、成果和关键数据。"
        "只新建缺少的条目：已存在的条目（连同其关键数据、章节、里程碑和关联）保持工作人员修改后的样子，"
        "可重复运行，不会产生重复数据。加 --reset 则把演示条目恢复为演示的文字和发布状态。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "把已存在的演示条目恢复为演示内容：文字、发布状态、关联，以及被删去的关键数据、章节和里程碑。"
                "会覆盖工作人员对这些条目的修改；工作人员自己新建的条目不受影响。"
            ),
        )
        parser.add_argument(
            "--admin",
            action="store_true",
            help=(
                "同时创建超级用户（用户名取 DJANGO_SUPERUSER_USERNAME，默认 admin；"
                "密码取 DJANGO_SUPERUSER_PASSWORD，未设置则随机生成并只显示一次）。已存在则不作修改。"
            ),
        )

    def handle(self, *args, admin=False, reset=False, verbosity=1, **options):
        try:
            self.check_migrated()
            report = demo_content_load(reset=reset)
            admin_result = self.ensure_admin() if admin else None
        except DemoContentError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(
                f"写入数据库失败：{exc}。请检查 DATABASE_URL，并确认已运行 python manage.py migrate。"
            ) from exc

        if verbosity >= 1:
            self.report_content(report, verbosity)
        if verbosity >= 1 and report.total("created"):
            self.stdout.write("提示：产业（5+4 体系）分类是示例，请工作人员对照本市正式名单核对后修改。")
        if admin_result is not None:
            self.report_admin(admin_result)

    def report_content(self, report, verbosity: int) -> None:
        created = report.total("created")
        if report.reset:
            self.stdout.write(
                f"演示内容已恢复：新建 {created} 条，恢复为演示内容 {report.total('updated')} 条，"
                f"未变 {report.total('unchanged')} 条。"
            )
        else:
            existing = report.total("unchanged") + report.total("kept")
            line = f"演示内容：新建 {created} 条；已存在 {existing} 条，保留不动"
            if report.total("kept"):
                kept = report.total("kept")
                line += f"（其中 {kept} 条与演示内容不同，是工作人员的修改，已保留；恢复演示内容请加 --reset）"
            self.stdout.write(f"{line}。")
            if report.total("skipped"):
                skipped = report.total("skipped")
                self.stdout.write(
                    f"已存在的条目中被删去的 {skipped} 条关键数据、章节或里程碑没有补建（加 --reset 可补建）。"
                )
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if verbosity >= 2 and report.kept:
            self.stdout.write("保留了工作人员修改的条目：")
            for name in report.kept:
                self.stdout.write(f"  {name}")

    def check_migrated(self) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("数据库还有未执行的迁移，请先运行 python manage.py migrate，再载入演示内容。")

    def ensure_admin(self):
        return admin_user_ensure(
            username=os.environ.get("DJANGO_SUPERUSER_USERNAME") or "admin",
            password=os.environ.get("DJANGO_SUPERUSER_PASSWORD") or None,
            email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""),
        )

    def report_admin(self, result) -> None:
        if not result.created:
            self.stdout.write(f"超级用户 {result.username} 已存在，密码没有改动。")
            return
        if result.generated_password:
            notice = f"已创建超级用户 {result.username}，初始密码（只显示这一次，请登录后修改）："
            self.stdout.write(self.style.WARNING(f"{notice}{result.generated_password}"))
        else:
            self.stdout.write(f"已创建超级用户 {result.username}，密码取自环境变量 DJANGO_SUPERUSER_PASSWORD。")
        # `make run` serves on $PORT (8000 unless set).
        self.stdout.write(f"后台地址：http://127.0.0.1:{os.environ.get('PORT') or 8000}/admin/")
