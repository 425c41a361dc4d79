import json
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from achievements.extraction import extract_figures
from presentation.numbers import plain_number

TABLE_COLUMNS = (("原文", "text"), ("数值", "value"), ("单位", "unit"), ("限定词", "qualifier"), ("指标", "label"))


def display_width(text: str) -> int:
    """Chinese characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


class Command(BaseCommand):
    help = "Lists the key figures (数字、单位、限定词、指标) found in a UTF-8 text file of Chinese prose."

    def add_arguments(self, parser):
        parser.add_argument("path", help="UTF-8 text file, e.g. a yearly review pasted from the newspaper")
        parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
        parser.add_argument(
            "--year", type=int, help="the year the text speaks of, to date 今年 / 去年 (e.g. 截至今年7月)"
        )

    def handle(self, *args, path, output_format, year, **options):
        figures = extract_figures(read_text(Path(path)), year=year)
        if output_format == "json":
            self.stdout.write(json.dumps([figure.as_dict() for figure in figures], ensure_ascii=False, indent=2))
            return
        rows = [
            [figure.text, plain_number(figure.value), figure.unit, figure.qualifier, figure.label]
            + [f"{figure.start}–{figure.end}"]
            for figure in figures
        ]
        header = [title for title, _ in TABLE_COLUMNS] + ["位置"]
        widths = [max(display_width(row[column]) for row in [header, *rows]) for column in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(f"共 {len(figures)} 个数字 / {len(figures)} figures")


def read_text(path: Path) -> str:
    if not path.exists():
        raise CommandError(f"找不到文件 / file not found: {path}")
    if path.is_dir():
        raise CommandError(f"这是一个文件夹，请给出文本文件 / a directory, not a text file: {path}")
    try:
        # newline="" keeps \r\n as two characters, so start/end are offsets in the file as it is.
        with path.open(encoding="utf-8", newline="") as file:
            return file.read()
    except UnicodeDecodeError as error:
        raise CommandError(f"文件不是 UTF-8 编码，请先另存为 UTF-8 / not UTF-8 (byte {error.start}): {path}") from error
    except OSError as error:
        raise CommandError(f"无法读取文件 / cannot read {path}: {error.strerror}") from error
