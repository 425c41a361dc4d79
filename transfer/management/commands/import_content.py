from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transfer.services import ImportFileError, content_import

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Imports achievements with key figures, projects with milestones and enterprises from a CSV, XLSX or JSON "
        "file (templates in docs/import/). All or nothing: one invalid row and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8), .xlsx or .json file")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, save nothing")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish imported items at once (at the file's 发布时间, else now) instead of importing drafts",
        )

    def handle(self, *args, file, dry_run, publish, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 / file not found: {path}")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 / cannot read {path}: {error.strerror}") from error
        try:
            report = content_import(
                name=path.name, content=content, publish=publish, dry_run=dry_run, progress=self.progress
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if report.errors:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError(f"发现 {len(report.errors)} 处错误，没有保存任何内容 / nothing was saved.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"检查通过（未保存，--dry-run）：将会 {report.summary()}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"导入完成：{report.summary()}"))

    def progress(self, done: int, total: int) -> None:
        """[██████········] 12/40 on the terminal; on a pipe only the last line, to keep logs short."""
        filled = BAR_WIDTH * done // total
        bar = f"[{'█' * filled}{'·' * (BAR_WIDTH - filled)}] {done}/{total}"
        if self.stderr.isatty():
            self.stderr.write(f"\r{bar}", ending="\n" if done == total else "")
        elif done == total:
            self.stderr.write(bar)
