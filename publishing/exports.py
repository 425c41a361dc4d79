"""Open-data downloads: the API's rows as CSV (UTF-8 with BOM, for Excel) and as an Excel workbook."""

import csv
import io
import re
from decimal import Decimal

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


def header_and_rows(data, renderer_context):
    """Column titles (the export serializer's labels, in the interface language) and the rows in the same order."""
    view = renderer_context.get("view") if renderer_context else None
    serializer = view.get_serializer() if view is not None else None
    rows = data if isinstance(data, list) else []
    names = list(serializer.fields) if serializer is not None else list(rows[0]) if rows else []
    titles = [str(serializer.fields[name].label or name) for name in names] if serializer is not None else names
    return titles, names, rows


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        titles, names, rows = header_and_rows(data, renderer_context)
        view = renderer_context.get("view") if renderer_context else None
        numeric = set(getattr(view, "export_numeric_fields", ()))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([safe_cell(title) for title in titles])
        for row in rows:
            writer.writerow([download_cell(row.get(name), number=name in numeric) for name in names])
        # The byte-order mark makes Excel read the file as UTF-8 instead of the system code page.
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class XLSXRenderer(renderers.BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        titles, names, rows = header_and_rows(data, renderer_context)
        view = renderer_context.get("view") if renderer_context else None
        numeric = set(getattr(view, "export_numeric_fields", ()))
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("data")
        sheet.append([safe_cell(title) for title in titles])
        for row in rows:
            cells = []
            for name in names:
                value = row.get(name)
                if name in numeric and isinstance(value, str) and NUMBER.fullmatch(value):
                    cells.append(Decimal(value))
                else:
                    cells.append(download_cell(value, number=name in numeric))
            sheet.append(cells)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
