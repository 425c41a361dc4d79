from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from transfer.archive import ARCHIVE_SUFFIX, ArchiveError, archive_restore
from transfer.services import ImportFileError, content_import

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Imports achievements with key figures, projects with milestones and enterprises from a CSV, XLSX or JSON "
        "file (templates in docs/import/). All or nothing: one invalid row and nothing is saved. New items are "
        "drafts; --submit sends them to review, --publish force-publishes them (see docs/import/README.md). "
        "A .jsonl content archive (export_content archive) is restored as it was into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8), .xlsx or .json file, or a .jsonl content archive")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, save nothing")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="import as this staff account: its rights apply and the audit log names it "
            "(required with --submit and --publish; without it the import runs with operator rights, drafts only)",
        )
        after = parser.add_mutually_exclusive_group()
        after.add_argument(
            "--submit",
            action="store_true",
            help="send imported drafts to review, submitted by --user; another reviewer approves them (four eyes)",
        )
        after.add_argument(
            "--publish",
            action="store_true",
            help="force-publish imported items at once (at the file's 发布时间, else now), without a second "
            "reviewer: --user must hold the force-publish right and --reason is required; both go to the audit log",
        )
        parser.add_argument("--reason", default="", help="why the items are force-published (with --publish)")

    def handle(self, *args, file, dry_run, user, submit, publish, reason, **options):
        if Path(file).suffix == ARCHIVE_SUFFIX:
            if user or submit or publish or reason:
                raise CommandError(
                    "内容存档按导出时的样子恢复（发布状态不变），不用 --user、--submit、--publish 或 --reason。"
                )
            self.restore(Path(file), dry_run)
            return
        reason = reason.strip()
        if publish and not user:
            raise CommandError(
                "--publish 是强制发布（不经另一人审核）：请用 --user 指明有强制发布权限的账号，"
                "并用 --reason 写明理由；两者都记入审核日志。没有保存任何内容。"
            )
        if publish and not reason:
            raise CommandError('请用 --reason "……" 写明强制发布的理由，它会记入审核日志。没有保存任何内容。')
        if reason and not publish:
            raise CommandError("--reason 只和 --publish 一起使用。")
        if submit and not user:
            raise CommandError(
                "--submit 须用 --user 指明由谁提交审核：审核时须由另一位审核人员审核（双人把关）。没有保存任何内容。"
            )
        account = self.account(user) if user else None
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 / file not found: {path}")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 / cannot read {path}: {error.strerror}") from error
        try:
            report = content_import(
                name=path.name,
                content=content,
                user=account,
                submit=submit,
                publish=publish,
                reason=reason,
                dry_run=dry_run,
                progress=self.progress,
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        except (PermissionDenied, ValidationError) as error:
            text = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
            raise CommandError(f"{text}没有保存任何内容。") from error
        if report.errors:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError(f"发现 {len(report.errors)} 处错误，没有保存任何内容 / nothing was saved.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"检查通过（未保存，--dry-run）：将会 {report.summary()}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"导入完成：{report.summary()}"))

    def restore(self, path: Path, dry_run: bool) -> None:
        try:
            with path.open(encoding="utf-8") as stream:
                counts = archive_restore(stream, dry_run=dry_run)
        except FileNotFoundError as error:
            raise CommandError(f"找不到文件 / file not found: {path}") from error
        except OSError as error:
            raise CommandError(f"无法读取文件 / cannot read {path}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} 不是 UTF-8 文本，不是本门户导出的内容存档。没有保存任何内容。") from error
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        rows = sum(counts.values())
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"检查通过（未保存，--dry-run）：存档可恢复 {rows} 行。"))
        else:
            self.stdout.write(self.style.SUCCESS(f"已从存档恢复 {rows} 行内容，并重建了搜索索引。"))

    def account(self, username: str):
        user_model = get_user_model()
        found = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
        if found is None:
            raise CommandError(f"没有用户名为“{username}”的账号。")
        if not found.is_active:
            raise CommandError(f"账号“{username}”已停用，不能用来导入。")
        return found

    def progress(self, done: int, total: int) -> None:
        """[██████········] 12/40 on the terminal; on a pipe only the last line, to keep logs short."""
        if not total:
            return
        filled = BAR_WIDTH * done // total
        bar = f"[{'█' * filled}{'·' * (BAR_WIDTH - filled)}] {done}/{total}"
        if self.stderr.isatty():
            self.stderr.write(f"\r{bar}", ending="\n" if done == total else "")
        elif done == total:
            self.stderr.write(bar)
