"""CSV and Excel downloads of key figures: their rows, written by presentation/exports.py like every such file.

Headings, yes/no, category, bound and kind are in the interface language; so are regions, achievements and articles
that have an English name, and units. The Chinese download is the one staff reuse: its headings stay as they are.
"""

import functools
from collections.abc import Iterable

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from api.serializers import choice_labels
from presentation import exports
from presentation.exports import Sheet, yes_no
from presentation.language import localized_value
from presentation.numbers import english_unit, interface_is_english

from .models import Achievement, KeyFigure

COLUMNS = [
    gettext_lazy("指标"),
    gettext_lazy("原文写法"),
    gettext_lazy("数值"),
    gettext_lazy("单位"),
    gettext_lazy("限定词"),
    gettext_lazy("数值性质"),
    gettext_lazy("预期目标"),
    gettext_lazy("指标类型"),
    gettext_lazy("统计口径"),
    gettext_lazy("年度"),
    gettext_lazy("地区"),
    gettext_lazy("类别"),
    gettext_lazy("成果"),
    gettext_lazy("出处文章"),
    gettext_lazy("出处章节"),
    gettext_lazy("链接"),
    gettext_lazy("原始出处"),
    gettext_lazy("发布单位"),
    gettext_lazy("发布日期"),
    gettext_lazy("原始出处网址"),
    gettext_lazy("原文语句"),
]


@functools.lru_cache(maxsize=8)
def labels(language: str | None) -> dict:
    """Words every row repeats, translated once per language: a download of 20,000 rows asks for them 20,000 times."""
    return {
        "bound": choice_labels(KeyFigure, "bound", language),
        "kind": choice_labels(KeyFigure, "kind", language),
        "category": choice_labels(Achievement, "category", language),
        True: yes_no(True),
        False: yes_no(False),
    }


def export_row(figure, request, urls: dict | None = None) -> list:
    """One figure as a row; ``urls`` remembers the links already made, as a download repeats its sources."""
    words = labels(get_language())
    achievement = figure.achievement
    region = figure.effective_region
    # Only public sources are prefetched; a draft article leaves the source columns empty.
    section = achievement.section
    article = section.article if section else achievement.article
    # The link goes to the figure's own sentence on the article's page (KeyFigure.place_url).
    source = article or achievement
    urls = {} if urls is None else urls
    if (type(source), source.pk) not in urls:
        urls[type(source), source.pk] = request.build_absolute_uri(source.get_absolute_url())
    link = urls[type(source), source.pk] + (f"#{figure.anchor}" if article else "")
    return [
        figure.label,
        figure.text,
        figure.value.normalize() if figure.value % 1 else int(figure.value),
        english_unit(figure.unit) if interface_is_english() else figure.unit,
        figure.qualifier,
        words["bound"].get(figure.bound, figure.bound),
        words[figure.is_target],
        words["kind"].get(figure.kind, figure.kind),
        figure.measure,
        figure.effective_year,
        localized_value(region, "name")[0] if region else "",
        words["category"].get(achievement.category, achievement.category),
        localized_value(achievement, "title")[0],
        localized_value(article, "title")[0] if article else "",
        str(section) if section else "",
        link,
        figure.citation_publication,
        figure.citation_issuer,
        figure.citation_date.isoformat() if figure.citation_date else "",
        figure.citation_url,
        figure.citation_sentence,
    ]


def sheet(rows: Iterable[list]) -> Sheet:
    """The figures' sheet: bold headings kept in view, widths that fit them; 数值 and 年度 are numbers."""
    return Sheet(
        title=_("关键数据"),
        header=[str(column) for column in COLUMNS],
        rows=rows,
        numeric=[2, 9],  # 数值, 年度
        widths=[28, 12, 16, 6, 8, 12, 8, 16, 12, 6, 12, 10, 30, 30, 30, 50, 20, 20, 12, 40, 60],
        bold_header=True,
        freeze_header=True,
    )


def csv_response(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    return exports.csv_response(sheet(rows), filename)


def xlsx_response(rows: Iterable[list], filename: str) -> FileResponse:
    return exports.xlsx_response([sheet(rows)], filename)
