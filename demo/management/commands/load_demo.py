import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

from demo.services import DemoContentError, admin_user_ensure, demo_content_load

ADMIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = (
        "载入演示内容：2025年咸宁科技创新年度回顾，以及其中的地区、专题、机构、企业、项目、成果和关键数据。"
        "可重复运行，不会产生重复数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help=(
                "同时创建超级用户（用户名取 DJANGO_SUPERUSER_USERNAME，默认 admin；"
                "密码取 DJANGO_SUPERUSER_PASSWORD，未设置则随机生成并只显示一次）。已存在则不作修改。"
            ),
        )

    def handle(self, *args, admin=False, verbosity=1, **options):
        try:
            self.check_migrated()
            report = demo_content_load()
            admin_result = self.ensure_admin() if admin else None
        except DemoContentError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(
                f"写入数据库失败：{exc}。请检查 DATABASE_URL，并确认已运行 python manage.py migrate。"
            ) from exc

        if verbosity >= 1:
            self.stdout.write(
                f"演示内容已载入：新建 {report.total('created')} 条，更新 {report.total('updated')} 条，"
                f"未变 {report.total('unchanged')} 条。"
            )
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if verbosity >= 1 and report.total("created"):
            self.stdout.write("提示：产业（5+4 体系）分类是示例，请工作人员对照本市正式名单核对后修改。")
        if admin_result is not None:
            self.report_admin(admin_result)

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
        self.stdout.write(f"后台地址：{ADMIN_URL}")
