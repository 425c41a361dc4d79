import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.achievements.review_texts import LINJIANG_REVIEW

# "良种覆盖⏎⏎率" is a column break inside a word.
REVIEW = "今年，全县累计推广面积4.2万亩，良种覆盖\n\n率达98%，总投资额达50亿元。试种新品种2700余个。\n"


def run(path, *args) -> str:
    out = StringIO()
    call_command("extract_figures", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def review_file(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text(REVIEW, encoding="utf-8")
    return path


def test_json_lists_figures_with_normalised_values(review_file):
    figures = json.loads(run(review_file, "--format", "json"))
    assert [(figure["text"], figure["value"], figure["unit"], figure["qualifier"]) for figure in figures] == [
        ("4.2万亩", "42000", "亩", "累计"),
        ("98%", "98", "%", "达"),
        ("50亿元", "5000000000", "元", "达"),
        ("2700余个", "2700", "个", "余"),
    ]
    assert [figure["label"] for figure in figures[:2]] == ["推广面积", "良种覆盖率"]
    for figure in figures:
        assert REVIEW[figure["start"] : figure["end"]] == figure["text"]


def test_offsets_count_characters_of_the_file_as_it_is(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(LINJIANG_REVIEW.encode("utf-8"))
    figures = json.loads(run(path, "--format", "json"))
    split_figure = next(figure for figure in figures if figure["text"] == "46个")
    assert LINJIANG_REVIEW[split_figure["start"] : split_figure["end"]] == "46\r\n\r\n个"


def test_year_option_dates_relative_years(tmp_path):
    path = tmp_path / "asof.txt"
    path.write_text("截至今年7月，已带动8项关键技术突破落地。", encoding="utf-8")
    [figure] = json.loads(run(path, "--format", "json", "--year", "2025"))
    assert (figure["as_of_text"], figure["as_of"], figure["as_of_precision"]) == ("截至今年7月", "2025-07-01", "month")


def test_text_format_is_a_readable_table(review_file):
    lines = run(review_file).splitlines()
    assert lines[0].split() == ["原文", "数值", "单位", "限定词", "指标", "位置"]
    assert lines[1].split()[:4] == ["4.2万亩", "42000", "亩", "累计"]
    assert "共 4 个数字" in lines[-1]


def test_empty_file_gives_an_empty_list(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert json.loads(run(path, "--format", "json")) == []


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        run(tmp_path / "missing.txt")


def test_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="directory"):
        run(tmp_path)


def test_file_in_another_encoding_is_a_clear_error(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("推广面积4.2万亩".encode("gbk"))
    with pytest.raises(CommandError, match="UTF-8"):
        run(path)


def test_command_line_error_has_no_traceback(tmp_path):
    manage_py = Path(__file__).resolve().parents[2] / "manage.py"
    result = subprocess.run(
        [sys.executable, str(manage_py), "extract_figures", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "CommandError: 找不到文件" in result.stderr
    assert "Traceback" not in result.stderr
