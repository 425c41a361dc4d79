import json
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from achievements.extraction import Score, extract_figures, score
from presentation.numbers import plain_number

TABLE_COLUMNS = (("原文", "text"), ("数值", "value"), ("单位", "unit"), ("限定词", "qualifier"), ("指标", "label"))


def display_width(text: str) -> int:
    """Chinese characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


class Command(BaseCommand):
    help = (
        "Lists the key figures (数字、单位、限定词、指标) found in a UTF-8 text file of Chinese prose, or in "
        "every .txt file of a folder. For a folder it ends with the count found per file. With --expect (a JSON "
        'list of {"text" or "file", "figures": [{"value", "unit", "label": [words]}]}, the form of '
        "tests/achievements/extraction_corpus.json) it ends with recall and precision: a figure matches when "
        "value and unit are equal and its label holds every expected word. With --format json the figures are "
        "JSON on stdout, each with its proposed kind (for a folder, an object of file name → figures), and these "
        "summary lines go to stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="UTF-8 text file (e.g. a yearly review pasted from the newspaper), or a folder of .txt files"
        )
        parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
        parser.add_argument(
            "--year", type=int, help="the year the text speaks of, to date 今年 / 去年 (e.g. 截至今年7月)"
        )
        parser.add_argument(
            "--expect", help="JSON file of the figures a person expects, to print recall and precision against"
        )

    def handle(self, *args, path, output_format, year, expect, **options):
        path = Path(path)
        expectations = read_expectations(Path(expect)) if expect else None
        files = text_files(path)
        texts = {file: read_text(file) for file in files}
        found = {file: extract_figures(texts[file], year=year) for file in files}
        summary = self.stderr if output_format == "json" else self.stdout
        if output_format == "json":
            figures = {file.name: [figure.as_dict() for figure in found[file]] for file in files}
            output = figures if path.is_dir() else figures[path.name]
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
        else:
            for file in files:
                if path.is_dir():
                    self.stdout.write(f"== {file.name}")
                self.write_table(found[file])
        if path.is_dir() and expectations is None:
            for file in files:
                summary.write(f"{file.name}: {len(found[file])} 个数字 / figures")
        if expectations is not None:
            total = Score(expected=0, found=0, matched=0)
            for file in files:
                wanted = [
                    figure
                    for entry in expectations
                    if entry.get("file") == file.name or (entry.get("text") and entry["text"] in texts[file])
                    for figure in entry["figures"]
                ]
                file_score = score(found[file], wanted)
                total += file_score
                if path.is_dir():
                    summary.write(f"{file.name}: {score_line(file_score)}")
            summary.write(score_line(total))

    def write_table(self, figures) -> None:
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


def score_line(result: Score) -> str:
    return (
        f"召回率 recall {result.recall:.3f} ({result.matched}/{result.expected})，"
        f"准确率 precision {result.precision:.3f} ({result.matched}/{result.found})"
    )


def text_files(path: Path) -> list[Path]:
    if not path.exists():
        raise CommandError(f"找不到文件 / file not found: {path}")
    if not path.is_dir():
        return [path]
    files = sorted(file for file in path.iterdir() if file.suffix == ".txt" and file.is_file())
    if not files:
        raise CommandError(f"文件夹里没有 .txt 文件 / no .txt file in the directory: {path}")
    return files


def read_text(path: Path) -> str:
    if not path.exists():
        raise CommandError(f"找不到文件 / file not found: {path}")
    try:
        # newline="" keeps \r\n as two characters, so start/end are offsets in the file as it is.
        with path.open(encoding="utf-8", newline="") as file:
            return file.read()
    except UnicodeDecodeError as error:
        raise CommandError(f"文件不是 UTF-8 编码，请先另存为 UTF-8 / not UTF-8 (byte {error.start}): {path}") from error
    except OSError as error:
        raise CommandError(f"无法读取文件 / cannot read {path}: {error.strerror}") from error


def read_expectations(path: Path) -> list[dict]:
    """[{"text": "…" or "file": "review.txt", "figures": [{"value": "13000", "unit": "家", "label": [...]}]}]."""
    try:
        entries = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        message = f"预期数据不是有效的 JSON / --expect is not valid JSON (line {error.lineno}): {path}"
        raise CommandError(message) from error
    valid = isinstance(entries, list) and all(
        isinstance(entry, dict)
        and (entry.get("text") or entry.get("file"))
        and isinstance(entry.get("figures"), list)
        and all(isinstance(figure, dict) and "value" in figure and "unit" in figure for figure in entry["figures"])
        for entry in entries
    )
    if not valid:
        raise CommandError(
            "预期数据应是列表，每项有 text 或 file 以及 figures（每个含 value、unit）/ --expect must be a list of "
            f'{{"text" or "file", "figures": [{{"value", "unit", "label"}}]}}: {path}'
        )
    return entries
