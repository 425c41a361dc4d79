import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transfer.services import EXPORT_FORMATS, content_export
from transfer.shapes import SHAPES


class Command(BaseCommand):
    help = (
        "Exports achievements with key figures, projects with milestones or enterprises in the import format, "
        "so the file re-imports to the same content. 'all' exports every shape (xlsx: one sheet each, or json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("shape", choices=[*SHAPES, "all"])
        parser.add_argument("--format", choices=EXPORT_FORMATS, default="csv", dest="output_format")
        parser.add_argument("-o", "--output", help="file to write; default: standard output (csv and json only)")

    def handle(self, *args, shape, output_format, output, **options):
        if shape == "all" and output_format == "csv":
            raise CommandError(
                "CSV 每个文件只能放一类内容；请指定 achievements、projects 或 enterprises，或用 --format xlsx / json。"
            )
        if output_format == "xlsx" and not output:
            raise CommandError("Excel 文件请用 -o 指定保存的文件名，例如 -o achievements.xlsx。")
        content = content_export(shape=shape, fmt=output_format)
        if not output:
            sys.stdout.flush()
            self.stdout.write(content.decode("utf-8").removeprefix("\ufeff"), ending="")
            return
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"无法写入 / cannot write {output}: {error.strerror}") from error
        self.stderr.write(f"已导出到 {output}")
