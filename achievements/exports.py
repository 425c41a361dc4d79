"""CSV and Excel downloads of key figures, with cells that a spreadsheet would run as a formula made safe."""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

COLUMNS = [
    "指标",
    "原文写法",
    "数值",
    "单位",
    "限定词",
    "数值性质",
    "预期目标",
    "年度",
    "地区",
    "类别",
    "成果",
    "出处文章",
    "出处章节",
    "链接",
]
# A spreadsheet reads a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Text that would start a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def export_row(figure, request) -> list:
    achievement = figure.achievement
    region = figure.effective_region
    # Only public sources are prefetched; a draft article leaves the source columns empty.
    section = achievement.section
    article = section.article if section else achievement.article
    source_url = section.get_absolute_url() if section else (article or achievement).get_absolute_url()
    return [
        figure.label,
        figure.text,
        figure.value.normalize() if figure.value % 1 else int(figure.value),
        figure.unit,
        figure.qualifier,
        figure.get_bound_display(),
        "是" if figure.is_target else "否",
        figure.effective_year,
        region.name if region else "",
        achievement.get_category_display(),
        achievement.title,
        article.title if article else "",
        str(section) if section else "",
        request.build_absolute_uri(source_url),
    ]


def csv_response(rows: Iterable[list], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the BOM makes Excel on Windows read the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def xlsx_response(rows: Iterable[list], filename: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "关键数据"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for letter, width in zip("ABCDEFGHIJKLMN", [28, 12, 16, 6, 8, 12, 8, 6, 12, 10, 30, 30, 30, 50], strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
