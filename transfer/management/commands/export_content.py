import codecs
import sys
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transfer.archive import ARCHIVE_SUFFIX, archive_write
from transfer.services import EXPORT_FORMATS, content_export
from transfer.shapes import SHAPES


class Command(BaseCommand):
    help = (
        "Exports achievements with key figures, projects with milestones or enterprises in the import format, "
        "so the file re-imports to the same content. 'all' exports every shape (xlsx: one sheet each, or json). "
        "'archive' writes every row the public site is built from (JSON Lines), which import_content restores "
        "into an empty database (see docs/deploy.md, Backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("shape", choices=[*SHAPES, "all", "archive"])
        parser.add_argument(
            "--format", choices=EXPORT_FORMATS, dest="output_format", help="csv (the default), xlsx or json"
        )
        parser.add_argument("-o", "--output", help="file to write; default: standard output (not for xlsx)")

    def handle(self, *args, shape, output_format, output, **options):
        if shape == "archive":
            self.archive(output_format, output)
            return
        output_format = output_format or "csv"
        if shape == "all" and output_format == "csv":
            raise CommandError(
                "CSV 每个文件只能放一类内容；请指定 achievements、projects 或 enterprises，或用 --format xlsx / json。"
            )
        if output_format == "xlsx" and not output:
            raise CommandError("Excel 文件请用 -o 指定保存的文件名，例如 -o achievements.xlsx。")
        if not output:
            sys.stdout.flush()
            content_export(shape=shape, fmt=output_format, out=TextOut(self.stdout))
            return
        write_replacing(output, "wb", lambda out: content_export(shape=shape, fmt=output_format, out=out))
        self.stderr.write(f"已导出到 {output}")

    def archive(self, output_format: str | None, output: str | None) -> None:
        if output_format:
            raise CommandError(f"内容存档只有一种格式（JSON Lines，{ARCHIVE_SUFFIX}），不用 --format。")
        if not output:
            archive_write(self.stdout)
            return
        if Path(output).suffix != ARCHIVE_SUFFIX:
            raise CommandError(f"内容存档的文件名请以 {ARCHIVE_SUFFIX} 结尾，例如 -o portal-content{ARCHIVE_SUFFIX}。")
        counts = write_replacing(output, "w", archive_write)
        self.stderr.write(f"已导出内容存档到 {output}：{sum(counts.values())} 行（{len(counts)} 类内容）")


class TextOut:
    """The export's bytes as text on standard output, without the byte-order mark: a terminal or a pipe is not
    Excel. The decoder keeps a character cut between two writes for the next."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()

    def write(self, data: bytes) -> int:
        self.stdout.write(self.decoder.decode(data), ending="")
        return len(data)


def write_replacing(output: str, mode: str, write: Callable):
    """What ``write(file)`` returns; the file is written beside ``output`` and renamed at the end, so a cut-off
    export never stands as the file."""
    path = Path(output)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open(mode, encoding="utf-8" if "b" not in mode else None) as out:
            result = write(out)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CommandError(f"无法写入 / cannot write {output}: {error.strerror}") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return result
