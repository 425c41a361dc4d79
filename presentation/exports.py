"""The one way the portal writes CSV and Excel files: the open-data downloads of the API, the key-figure downloads
and the admin's import/export files each shape a ``Sheet`` (header, rows, which columns hold numbers) and hand it to
``csv_lines`` or ``xlsx_write``, so every cell of every file goes through the same rule (``safe_cell``, and
``sheet_cell`` for a workbook).

Every file is written row by row, in constant memory: a CSV is a stream of lines (UTF-8 with BOM, for Excel), a
workbook is written in openpyxl's write-only mode (rows go to disk as they are appended) into a file object, for a
download a temporary file it is sent from. The open-data JSON download streams the same way.
"""

import csv
import io
import re
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from rest_framework import renderers

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows read from the database per round trip; prefetches are made per chunk, so queries grow with chunks, not rows.
CHUNK_SIZE = 2000


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


def sheet_cell(value, *, number: bool = False):
    """A workbook's cell: as ``safe_cell``, and in a column of numbers text that is a number (the API's "-5", the
    import/export's "4.2") becomes a number cell, which a spreadsheet sums; a CSV has only text, so it stays."""
    if number and isinstance(value, str) and NUMBER.fullmatch(value):
        amount = Decimal(value)
        return int(amount) if amount == amount.to_integral_value() else amount
    return safe_cell(value, number=number)


@dataclass
class Sheet:
    """One table of a file: what the caller shapes, the rest is the writer's.

    ``numeric`` holds the positions of the columns of numbers; ``widths`` (characters, from the first column),
    ``bold_header`` and ``freeze_header`` (the header stays in view when scrolling) are for a workbook only.
    """

    title: str
    header: Sequence
    rows: Iterable[Sequence]
    numeric: Collection[int] = ()
    widths: Sequence[float] = ()
    bold_header: bool = False
    freeze_header: bool = False


class Echo:
    """A file-like object that hands back what is written, so csv.writer can make one line at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(sheet: Sheet) -> Iterator[bytes]:
    """The bytes of a CSV file, line by line: the byte-order mark (Excel on Windows then reads UTF-8), the header, rows.

    The text is the same as ``csv.writer`` writes into one big buffer.
    """
    writer = csv.writer(Echo())
    numeric = set(sheet.numeric)
    yield ("\ufeff" + writer.writerow([safe_cell(title) for title in sheet.header])).encode("utf-8")
    for row in sheet.rows:
        cells = [safe_cell(value, number=position in numeric) for position, value in enumerate(row)]
        yield writer.writerow(cells).encode("utf-8")


def xlsx_write(sheets: Iterable[Sheet], out: BinaryIO) -> None:
    """Writes a workbook of ``sheets`` into ``out``, in write-only mode: rows go to disk as they are appended."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        for position, width in enumerate(sheet.widths, start=1):
            worksheet.column_dimensions[get_column_letter(position)].width = width
        if sheet.freeze_header:
            worksheet.freeze_panes = "A2"
        header = [safe_cell(title) for title in sheet.header]
        if sheet.bold_header:
            bold = Font(bold=True)
            header = [WriteOnlyCell(worksheet, value=title) for title in header]
            for cell in header:
                cell.font = bold
        worksheet.append(header)
        numeric = set(sheet.numeric)
        for row in sheet.rows:
            worksheet.append([sheet_cell(value, number=position in numeric) for position, value in enumerate(row)])
    workbook.save(out)


def in_language(language: str | None, make: Callable[[], Iterable]) -> Iterator:
    """What ``make()`` yields, made while ``language`` is active: a stream is consumed after the view returned."""
    with translation.override(language):
        yield from make()


def csv_response(sheet: Sheet, filename: str) -> StreamingHttpResponse:
    """The sheet streamed to the client as it is made, in the language of the request."""
    language = translation.get_language()
    response = StreamingHttpResponse(
        in_language(language, lambda: csv_lines(sheet)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def file_response(write: Callable[[BinaryIO], None], filename: str, content_type: str) -> FileResponse:
    """What ``write(out)`` writes, into a temporary file (not memory) that is then sent from disk."""
    out = tempfile.TemporaryFile()
    write(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=content_type)


def xlsx_response(sheets: Iterable[Sheet], filename: str) -> FileResponse:
    return file_response(lambda out: xlsx_write(sheets, out), filename, XLSX_TYPE)


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


def open_data_sheet(titles: list[str], names: list[str], rows: Iterable[dict], numeric: Collection[str]) -> Sheet:
    """The API's rows (one dict each) as a sheet; yes / no in the interface language, as people read the download."""
    return Sheet(
        title="data",
        header=titles,
        rows=([yes_no(value) if isinstance(value, bool) else value for value in map(row.get, names)] for row in rows),
        numeric=[position for position, name in enumerate(names) if name in numeric],
    )


def rendered_sheet(data, renderer_context) -> Sheet:
    titles, names, rows = header_and_rows(data, renderer_context)
    view = renderer_context.get("view") if renderer_context else None
    return open_data_sheet(titles, names, rows, getattr(view, "export_numeric_fields", ()))


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"".join(csv_lines(rendered_sheet(data, renderer_context)))

    def stream(self, titles, names, rows, numeric, filename):
        return csv_response(open_data_sheet(titles, names, rows, numeric), filename)


class XLSXRenderer(renderers.BaseRenderer):
    media_type = XLSX_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.BytesIO()
        xlsx_write([rendered_sheet(data, renderer_context)], out)
        return out.getvalue()

    def stream(self, titles, names, rows, numeric, filename):
        return xlsx_response([open_data_sheet(titles, names, rows, numeric)], filename)


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
