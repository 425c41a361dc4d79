"""Open-data downloads: the API's rows as CSV (UTF-8 with BOM, for Excel) and as an Excel workbook.

Every download is written row by row, in constant memory: CSV and JSON are streamed to the client as they are
made, an Excel workbook is written in openpyxl's write-only mode to a temporary file and sent from there.
"""

import csv
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from rest_framework import renderers

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def yes_no(value: bool) -> str:
    """是 / 否 in the interface language, for downloads that people read (not for files that are re-imported)."""
    return _("是") if value else _("否")


def safe_cell(value, *, number: bool = False):
    """The value as a spreadsheet should show it: text that would start a formula gets a leading apostrophe.

    The one guard against formula injection for every CSV and Excel file the portal writes: the open-data
    downloads, the key-figure downloads and the admin's import/export files. Numbers stay numbers; so does text
    that is just a number, such as the API's "-5", in a column of numbers (``number``); in a column of text,
    -2 is shown as written ('-2). None is an empty cell; yes / no are 是 / 否, as the import reads them back.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        value = "；".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not (number and NUMBER.fullmatch(value)):
        return "'" + value
    return value


def download_cell(value, *, number: bool = False):
    """A cell of an open-data download: yes / no in the interface language, then made safe like any other cell.

    ``safe_cell`` itself keeps 是 / 否: the import/export of the admin reads them back.
    """
    if isinstance(value, bool):
        return yes_no(value)
    return safe_cell(value, number=number)


# Rows read from the database per round trip; prefetches are made per chunk, so queries grow with chunks, not rows.
CHUNK_SIZE = 2000


class Echo:
    """A file-like object that hands back what is written, so csv.writer can make one line at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list, rows: Iterable[list]) -> Iterator[bytes]:
    """The bytes of a CSV file, line by line: the byte-order mark (Excel on Windows then reads UTF-8), the header, rows.

    Cells are made safe by the caller; the text is the same as ``csv.writer`` writes into one big buffer.
    """
    writer = csv.writer(Echo())
    yield ("\ufeff" + writer.writerow(header)).encode("utf-8")
    for row in rows:
        yield writer.writerow(row).encode("utf-8")


def in_language(language: str | None, make: Callable[[], Iterable]) -> Iterator:
    """What ``make()`` yields, made while ``language`` is active: a stream is consumed after the view returned."""
    with translation.override(language):
        yield from make()


def csv_response(header: list, rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    language = translation.get_language()
    response = StreamingHttpResponse(
        in_language(language, lambda: csv_lines(header, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def xlsx_response(fill: Callable[[Workbook], None], filename: str) -> FileResponse:
    """A workbook written in write-only mode (rows go to disk as they are appended), sent from a temporary file."""
    workbook = Workbook(write_only=True)
    fill(workbook)
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=XLSXRenderer.media_type)


def header_and_rows(data, renderer_context):
    """Column titles (the export serializer's labels, in the interface language) and the rows in the same order."""
    view = renderer_context.get("view") if renderer_context else None
    serializer = view.get_serializer() if view is not None else None
    rows = data if isinstance(data, list) else []
    names = list(serializer.fields) if serializer is not None else list(rows[0]) if rows else []
    titles = column_titles(serializer) if serializer is not None else names
    return titles, names, rows


def column_titles(serializer) -> list[str]:
    return [str(field.label or name) for name, field in serializer.fields.items()]


def csv_cells(row: dict, names: list[str], numeric: set[str]) -> list:
    return [download_cell(row.get(name), number=name in numeric) for name in names]


def xlsx_cells(row: dict, names: list[str], numeric: set[str]) -> list:
    """Like ``csv_cells``, but a number written as text in a column of numbers becomes a number cell."""
    cells = []
    for name in names:
        value = row.get(name)
        if name in numeric and isinstance(value, str) and NUMBER.fullmatch(value):
            cells.append(Decimal(value))
        else:
            cells.append(download_cell(value, number=name in numeric))
    return cells


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        titles, names, rows = header_and_rows(data, renderer_context)
        view = renderer_context.get("view") if renderer_context else None
        numeric = set(getattr(view, "export_numeric_fields", ()))
        header = [safe_cell(title) for title in titles]
        return b"".join(csv_lines(header, (csv_cells(row, names, numeric) for row in rows)))

    def stream(self, titles, names, rows, numeric, filename):
        header = [safe_cell(title) for title in titles]
        return csv_response(header, (csv_cells(row, names, numeric) for row in rows), filename)


class XLSXRenderer(renderers.BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        titles, names, rows = header_and_rows(data, renderer_context)
        view = renderer_context.get("view") if renderer_context else None
        numeric = set(getattr(view, "export_numeric_fields", ()))
        response = self.stream(titles, names, rows, numeric, "data.xlsx")
        return b"".join(response.streaming_content)

    def stream(self, titles, names, rows, numeric, filename):
        def fill(workbook):
            sheet = workbook.create_sheet("data")
            sheet.append([safe_cell(title) for title in titles])
            for row in rows:
                sheet.append(xlsx_cells(row, names, numeric))

        return xlsx_response(fill, filename)


class JSONStreamRenderer:
    """The export's JSON list, one row at a time, in the same compact form as the API's JSONRenderer."""

    def __init__(self, renderer: renderers.JSONRenderer):
        self.renderer = renderer

    def lines(self, rows):
        yield b"["
        for number, row in enumerate(rows):
            yield (b"," if number else b"") + self.renderer.render(row)
        yield b"]"

    def stream(self, titles, names, rows, numeric, filename):
        language = translation.get_language()
        response = StreamingHttpResponse(
            in_language(language, lambda: self.lines(rows)), content_type="application/json"
        )
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response
