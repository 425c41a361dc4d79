import datetime
import re
from collections import Counter
from decimal import Decimal

import pytest

from achievements.extraction import chinese_number, extract_figures, join_broken_lines
from presentation.numbers import plain_number
from tests.achievements.review_texts import (
    GUICHUAN_FIGURES,
    GUICHUAN_NON_FIGURES,
    GUICHUAN_REVIEW,
    LINJIANG_FIGURES,
    LINJIANG_NON_FIGURES,
    LINJIANG_REVIEW,
    QINGXI_FIGURES,
    QINGXI_NON_FIGURES,
    QINGXI_REVIEW,
)

REVIEWS = {
    "guichuan": (GUICHUAN_REVIEW, GUICHUAN_FIGURES, GUICHUAN_NON_FIGURES, 2025),
    "qingxi": (QINGXI_REVIEW, QINGXI_FIGURES, QINGXI_NON_FIGURES, 2024),
    "linjiang": (LINJIANG_REVIEW, LINJIANG_FIGURES, LINJIANG_NON_FIGURES, 2025),
}


def figures_of(name):
    text, _, _, year = REVIEWS[name]
    return extract_figures(text, year=year)


def precision_and_recall(found, expected) -> tuple[float, float]:
    got = Counter((figure.text, plain_number(figure.value), figure.unit) for figure in found)
    wanted = Counter((text, value, unit) for text, value, unit, *_ in expected)
    hits = sum((got & wanted).values())
    return hits / max(sum(got.values()), 1), hits / sum(wanted.values())


def without_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", REVIEWS)
def test_every_key_figure_is_found_and_nothing_else(name):
    _, expected, _, _ = REVIEWS[name]
    assert precision_and_recall(figures_of(name), expected) == (1.0, 1.0)


@pytest.mark.parametrize("name", REVIEWS)
def test_figures_come_in_reading_order(name):
    _, expected, _, _ = REVIEWS[name]
    assert [figure.text for figure in figures_of(name)] == [row[0] for row in expected]


@pytest.mark.parametrize(
    ("name", "row"),
    [(name, row) for name, (_, expected, _, _) in REVIEWS.items() for row in expected],
    ids=lambda value: value if isinstance(value, str) else value[0],
)
def test_figure_has_its_value_unit_qualifier_and_label(name, row):
    text, value, unit, qualifier, bound, is_target, label_word = row
    # Texts are unique within a review and figures come in reading order, so the row's place finds its figure.
    index = [expected[0] for expected in REVIEWS[name][1]].index(text)
    figure = figures_of(name)[index]
    assert figure.text == text
    assert plain_number(figure.value) == value
    assert figure.value == Decimal(value)
    assert figure.unit == unit
    assert figure.qualifier == qualifier
    assert figure.bound == bound
    assert figure.is_target is is_target
    assert label_word in figure.label


@pytest.mark.parametrize(
    ("name", "snippet"),
    [(name, snippet) for name, (_, _, snippets, _) in REVIEWS.items() for snippet in snippets],
)
def test_dates_names_and_rhetorical_numbers_are_not_figures(name, snippet):
    text = REVIEWS[name][0]
    positions = [match.start() for match in re.finditer(re.escape(snippet), text)]
    assert positions, f"{snippet} must occur in the {name} review"
    for figure in figures_of(name):
        for position in positions:
            assert not (figure.start < position + len(snippet) and position < figure.end), (snippet, figure.text)


@pytest.mark.parametrize("name", REVIEWS)
def test_offsets_point_into_the_original_text(name):
    text = REVIEWS[name][0]
    for figure in figures_of(name):
        assert without_whitespace(text[figure.start : figure.end]) == without_whitespace(figure.text)


def test_figure_split_by_a_column_break_keeps_offsets_across_the_break():
    figure = next(figure for figure in figures_of("linjiang") if figure.text == "46个")
    assert LINJIANG_REVIEW[figure.start : figure.end] == "46\r\n\r\n个"


def test_qualifier_split_by_a_column_break_is_still_read():
    figure = next(figure for figure in figures_of("linjiang") if figure.text == "40个")
    assert (figure.qualifier, figure.bound) == ("超过", "at_least")


def test_fund_name_split_by_a_column_break_is_the_subject_of_its_size():
    figure = next(figure for figure in figures_of("guichuan") if figure.text == "30亿元")
    assert figure.subject == "桂川高新产业区域母基金"
    assert "母基金" in figure.context


def test_column_breaks_are_joined_but_titles_and_headers_keep_their_lines():
    joined, offsets = join_broken_lines(GUICHUAN_REVIEW)
    assert "共建“两院三中心”" in joined
    assert "依托院士团队" in joined
    assert "新赛道——科技" in joined
    assert "科技赋能开新局\n\n本报记者" in joined
    assert "协同创新闯新路\n\n10月25日" in joined
    assert all(joined[index] == GUICHUAN_REVIEW[offset] for index, offset in enumerate(offsets))


def test_as_of_month_is_attached_to_the_figures_of_its_sentence():
    figures = {figure.text: figure for figure in figures_of("guichuan")}
    for text in ("四个", "8项", "超千万元"):
        assert figures[text].as_of_text == "截至今年7月"
        assert figures[text].as_of == datetime.date(2025, 7, 1)
        assert figures[text].as_of_precision == "month"


def test_target_year_is_context_of_the_target_figure():
    figure = next(figure for figure in figures_of("guichuan") if figure.text == "10亿元")
    assert figure.as_of_text == "到2028年"
    assert (figure.as_of, figure.as_of_precision) == (datetime.date(2028, 1, 1), "year")


def test_relative_year_stays_undated_without_a_reference_year():
    figure = next(figure for figure in extract_figures(GUICHUAN_REVIEW) if figure.text == "8项")
    assert figure.as_of_text == "截至今年7月"
    assert figure.as_of is None


def test_subject_is_the_district_or_company_the_sentence_names():
    figures = {figure.text: figure for figure in figures_of("guichuan")}
    assert figures["35人"].subject == "西山县"
    assert figures["205家"].subject == "桂川离岸科创园"
    # The quoted manager speaks for the company named in the sentence before.
    assert figures["50%"].subject == "桂川华材新材料有限公司"


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三", 3),
        ("十二", 12),
        ("两百", 200),
        ("一百二十", 120),
        ("三千零五", 3005),
        ("千万", 10**7),
        ("一亿五千万", 150_000_000),
    ],
)
def test_chinese_numerals_are_read(numeral, value):
    assert chinese_number(numeral) == value


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "bound"),
    [
        ("总投资1.5万亿元。", "1500000000000", "元", "", "exact"),
        ("引进人才逾百人。", "100", "人", "逾", "at_least"),
        ("覆盖农户约３０００户。", "3000", "户", "约", "approximate"),
        ("签约205家企业。", "205", "家", "", "exact"),
        ("节约成本约20%。", "20", "%", "约", "approximate"),
        ("补贴不超过50万元。", "500000", "元", "不超过", "at_most"),
        ("审批时限压缩至3天左右。", "3", "天", "左右", "approximate"),
        ("新增算力2.5EFLOPS。", "2.5", "EFLOPS", "", "exact"),
    ],
)
def test_single_sentences(text, value, unit, qualifier, bound):
    [figure] = extract_figures(text)
    assert (plain_number(figure.value), figure.unit, figure.qualifier, figure.bound) == (value, unit, qualifier, bound)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "一年来，一条产线、一个中心、一片新赛道。",
        "千家万户受益，千帆竞发。",
        "三四家企业正在洽谈。",
        "第三届论坛开幕，首个平台揭牌。",
        "5G网络覆盖G316国道，提供7×24小时服务。",
        "数十家企业参会，多个项目签约。",
        "2028年，10月25日，去年11月。",
        "构建“5+4”体系和“1+7+N”网络。",
        "坚持“两个维护”，做到“四个全面”。",
    ],
)
def test_texts_without_key_figures(text):
    assert extract_figures(text) == []


def test_putting_a_project_into_a_list_is_not_a_target():
    [figure] = extract_figures("今年将3个项目纳入省级清单。")
    assert figure.is_target is False


def test_value_is_written_without_exponent_or_trailing_zero():
    [figure] = extract_figures("推广面积4.2万亩。")
    assert str(figure.value) == "42000"
    assert plain_number(Decimal("1E+2")) == "100"
