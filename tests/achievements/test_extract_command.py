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


def run_with_stderr(path, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("extract_figures", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_carries_the_proposed_kind(review_file):
    figures = json.loads(run(review_file, "--format", "json"))
    assert [figure["kind"] for figure in figures] == ["stock", "rate", "", ""]


def test_folder_lists_every_text_file_and_counts_per_file(tmp_path):
    (tmp_path / "a.txt").write_text(REVIEW, encoding="utf-8")
    (tmp_path / "b.txt").write_text("全年新增高新技术企业56家。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("新增企业3家。", encoding="utf-8")
    out, err = run_with_stderr(tmp_path, "--format", "json")
    figures = json.loads(out)
    assert {name: len(found) for name, found in figures.items()} == {"a.txt": 4, "b.txt": 1}
    assert err.splitlines() == ["a.txt: 4 个数字 / figures", "b.txt: 1 个数字 / figures"]
    table = run(tmp_path)
    assert "== a.txt" in table and "== b.txt" in table and "notes.md" not in table


def test_folder_without_text_files_is_a_clear_error(tmp_path):
    (tmp_path / "notes.md").write_text("新增企业3家。", encoding="utf-8")
    with pytest.raises(CommandError, match="no .txt file"):
        run(tmp_path)


def test_expectations_give_recall_and_precision(tmp_path, review_file):
    expect = tmp_path / "expect.json"
    entries = [
        {"file": "review.txt", "figures": [{"value": "42000", "unit": "亩", "label": ["推广面积"]}]},
        {"text": "试种新品种2700余个", "figures": [{"value": "2700", "unit": "个"}, {"value": "5", "unit": "个"}]},
    ]
    expect.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    out = run(review_file, "--expect", str(expect))
    # 2 of the 3 expected found; 2 of the 4 found expected.
    assert out.splitlines()[-1] == "召回率 recall 0.667 (2/3)，准确率 precision 0.500 (2/4)"


def test_the_corpus_scores_through_the_command(tmp_path):
    corpus = Path(__file__).with_name("extraction_corpus.json")
    entries = json.loads(corpus.read_text(encoding="utf-8"))
    folder = tmp_path / "texts"
    folder.mkdir()
    half = len(entries) // 2
    for name, part in (("first.txt", entries[:half]), ("second.txt", entries[half:])):
        (folder / name).write_text("\n\n".join(entry["text"] for entry in part), encoding="utf-8")
    _, err = run_with_stderr(folder, "--format", "json", "--year", "2025", "--expect", str(corpus))
    *per_file, total = err.splitlines()
    assert [line.split(":")[0] for line in per_file] == ["first.txt", "second.txt"]
    recall, precision = (float(word) for word in total.split() if word.replace(".", "").isdigit())
    assert recall >= 0.95 and precision >= 0.95


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('[{"figures": []}]', "must be a list"), ('{"text": "x"}', "must be a list")],
)
def test_bad_expectations_are_a_clear_error(tmp_path, review_file, content, message):
    expect = tmp_path / "expect.json"
    expect.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(review_file, "--expect", str(expect))
