"""The extractor over sentences written for it (extraction_corpus.json) and over the demo's yearly review.

The corpus is our own wording about an imaginary city, 澄川市, in the style of a government review: spaces
between number and unit, numbers after a line break, 分别 lists, from → to, ranges, breakdowns in brackets,
thresholds, dates and ordinals that are no figures, ranks. Each figure: text as written, value, unit, words its
label must hold, and the kind proposed for it.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from achievements.extraction import Score, extract_figures, matches_expected, score
from demo.content import ACHIEVEMENTS, REVIEW, YEAR
from presentation.numbers import plain_number
from presentation.text import html_to_text

CORPUS_PATH = Path(__file__).with_name("extraction_corpus.json")
CORPUS = json.loads(CORPUS_PATH.read_text(encoding="utf-8"))


def corpus_score() -> tuple[Score, list[str]]:
    total, misses = Score(expected=0, found=0, matched=0), []
    for entry in CORPUS:
        found = extract_figures(entry["text"], year=2025)
        result = score(found, entry["figures"])
        total += result
        if result.matched != result.expected or result.matched != result.found:
            got = [(figure.text, plain_number(figure.value), figure.unit, figure.label) for figure in found]
            misses.append(f"{entry['text']} → {got}")
    return total, misses


def test_corpus_is_large_enough_to_measure():
    assert len(CORPUS) >= 80
    assert sum(len(entry["figures"]) for entry in CORPUS) >= 120


def test_recall_and_precision_over_the_corpus():
    total, misses = corpus_score()
    assert total.recall >= 0.95, misses
    assert total.precision >= 0.95, misses


def test_each_expected_figure_is_written_in_its_sentence():
    for entry in CORPUS:
        for figure in entry["figures"]:
            assert figure["text"] in entry["text"], figure


def test_proposed_kinds_agree_with_the_corpus():
    agreed, wrong = 0, []
    for entry in CORPUS:
        found = extract_figures(entry["text"], year=2025)
        for wanted in entry["figures"]:
            figure = next((figure for figure in found if matches_expected(figure, wanted)), None)
            if figure is not None and figure.kind == wanted["kind"]:
                agreed += 1
            else:
                wrong.append((wanted["text"], wanted["kind"], figure.kind if figure else None))
    assert agreed / sum(len(entry["figures"]) for entry in CORPUS) >= 0.95, wrong


def figure_with(text: str, sentence: str):
    return next(figure for figure in extract_figures(sentence, year=2025) if figure.text == text)


def test_a_space_between_number_and_unit_is_kept_in_the_text_and_offsets():
    sentence = "全市研发经费投入286.61 亿元。"
    figure = figure_with("286.61 亿元", sentence)
    assert (figure.value, figure.unit) == (Decimal("28661000000"), "元")
    assert sentence[figure.start : figure.end] == "286.61 亿元"


def test_a_number_on_the_next_line_belongs_to_the_line_before():
    text = "全市新增科技型中小企业\n105家，总数达到1360家。"
    figure = figure_with("105家", text)
    assert "科技型中小企业" in figure.label
    assert text[figure.start : figure.end] == "105家"


def test_respectively_pairs_each_figure_with_its_subject():
    figures = extract_figures("高新技术企业和科技型中小企业分别突破1.3万家、2.9万家。")
    assert [(figure.label, plain_number(figure.value), figure.unit) for figure in figures] == [
        ("高新技术企业", "13000", "家"),
        ("科技型中小企业", "29000", "家"),
    ]
    assert [(figure.qualifier, figure.bound) for figure in figures] == [("突破", "at_least"), ("", "exact")]


def test_from_to_gives_the_earlier_value_with_its_year_and_the_later_one():
    earlier, later = extract_figures("全市企业开办时间由2018年的598小时压缩至47小时。", year=2025)
    assert (earlier.text, earlier.qualifier, earlier.as_of_text) == ("598小时", "由", "2018年")
    assert earlier.as_of.year == 2018
    assert (later.text, later.qualifier, later.as_of) == ("47小时", "压缩至", None)
    assert earlier.label == later.label == "企业开办时间"
    assert not earlier.is_target and not later.is_target


def test_a_range_is_one_figure_from_its_low_end_with_the_top_kept():
    [figure] = extract_figures("单个项目支持10—20亿元。")
    assert (figure.text, figure.value, figure.upper, figure.unit) == (
        "10—20亿元",
        Decimal("1000000000"),
        Decimal("2000000000"),
        "元",
    )
    assert figure.bound == "at_least"
    assert figure.as_dict()["upper"] == "2000000000"
    [years] = extract_figures("实施周期一般为3至5年。")
    assert (years.value, years.upper, years.unit) == (3, 5, "年")


def test_a_span_of_years_is_no_range():
    assert extract_figures("2024至2025年，全市科技工作稳步推进。") == []


def test_a_breakdown_in_brackets_names_the_whole_it_belongs_to():
    whole, national = extract_figures("全市建成省级以上研发平台185个（其中国家级12家）。")
    assert national.text == "12家"
    assert national.label.startswith(whole.label)
    assert national.label.endswith("国家级")


def test_a_threshold_is_the_qualifier_of_the_figure_it_sorts():
    [figure] = extract_figures("营业收入超过10亿元的企业有12家。")
    assert (figure.text, figure.label, figure.qualifier, figure.bound) == ("12家", "企业", "超过10亿元的", "exact")
    assert figure.kind == "ceiling"


def test_a_rank_is_a_figure_and_an_edition_is_not():
    [rank] = extract_figures("澄川市区域创新能力排名第3，第三届科技创新大会开幕。")
    assert (rank.text, rank.value, rank.unit, rank.kind) == ("第3", 3, "", "rank")


def test_a_latin_token_is_never_cut_from_a_label():
    # The label keeps its last 20 characters; the 20th from the end falls inside "R&D".
    [figure] = extract_figures("全社会R&D经费投入强度连续多年高于全省平均水平达到2.71%。")
    assert figure.label == "R&D经费投入强度连续多年高于全省平均水平"


def test_a_bare_rate_borrows_what_it_measures_from_the_figure_before():
    _, rate = extract_figures("全市高新技术产业增加值达到1186亿元，同比增长11.2%。")
    assert rate.label == "高新技术产业增加值同比增长"
    assert rate.kind == "rate"


def test_json_of_a_figure_carries_its_kind():
    [figure] = extract_figures("全年新增高新技术企业56家。")
    assert figure.as_dict()["kind"] == "flow"


# --- The demo's yearly review -----------------------------------------------------------------


def demo_cases():
    sections = {section["order"]: html_to_text(section["body"]) for section in REVIEW["sections"]}
    for achievement in ACHIEVEMENTS:
        for figure in achievement["figures"]:
            yield pytest.param(sections[achievement["section"]], figure, id=f"{achievement['section']}-{figure.text}")


@pytest.mark.parametrize(("section_text", "declared"), list(demo_cases()))
def test_every_key_figure_of_the_demo_review_is_found_in_its_section(section_text, declared):
    """Each figure the demo declares is found with its value and unit; a kind the extractor proposes for it is the
    demo's (where the wording says nothing, e.g. 建成4所, it proposes none and staff choose)."""
    found = extract_figures(section_text, year=YEAR)
    same = [figure for figure in found if figure.value == declared.decimal_value and figure.unit == declared.unit]
    assert same, (declared.text, [(figure.text, plain_number(figure.value), figure.unit) for figure in found])
    proposed = {figure.kind for figure in same} - {""}
    assert not proposed or declared.kind in proposed, (declared.text, declared.kind, proposed)
