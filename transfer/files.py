"""Reading an uploaded CSV, Excel or JSON file into records: one parent with its children, each with where it was.

Everything a staff member can get wrong about the file itself (encoding, format, headers) raises
ImportFileError with a plain message in the interface language (the file's own headings and sheet names stay
as the file has them); errors of single cells are the services' business.
"""

import csv
import io
import itertools
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .shapes import SHAPES, SHEET_NAMES, Shape, raw_text, unquote_formula

FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json"}
MAX_ROWS = 20000
# An XLSX is a zip of XML files. What a workbook of MAX_ROWS rows can need, with room to spare; a file past these
# is refused before anything in it is parsed (a zip bomb, or a sheet far larger than an import takes).
XLSX_MAX_ENTRIES = 500
XLSX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
XLSX_MAX_RATIO = 200  # unpacked ÷ packed, per entry: XML compresses well, but not this well
ZIP_LOCAL_HEADER = 30  # bytes before an entry's name in a zip file
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")
INSTRUCTION_SHEETS = {"说明", "readme", "README"}
# Sentences that name a shape or a kind of child: one each, so that each reads well in English too.
JSON_ITEMS = {
    "achievements": gettext_lazy("第%(number)s条成果（achievements[%(index)s]）"),
    "projects": gettext_lazy("第%(number)s条项目（projects[%(index)s]）"),
    "enterprises": gettext_lazy("第%(number)s条企业（enterprises[%(index)s]）"),
}
JSON_CHILDREN = {
    "achievements": gettext_lazy("%(where)s的第%(number)s项关键数据"),
    "projects": gettext_lazy("%(where)s的第%(number)s项里程碑"),
}
UNKNOWN_COLUMNS = {
    "achievements": gettext_lazy("有无法识别的列：%(unknown)s。成果表可用的列：%(known)s。"),
    "projects": gettext_lazy("有无法识别的列：%(unknown)s。项目表可用的列：%(known)s。"),
    "enterprises": gettext_lazy("有无法识别的列：%(unknown)s。企业表可用的列：%(known)s。"),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says what to do."""

    def __init__(self, message):
        # An English message may begin with a place ("row 3 …"); a Chinese one is unchanged.
        super().__init__(capfirst(str(message)))


def row_where(number: int, sheet: str = "") -> str:
    """第3行, or 工作表“项目”第3行 in a workbook."""
    if sheet:
        return _("工作表“%(sheet)s”第%(row)s行") % {"sheet": sheet, "row": number}
    return _("第%(row)s行") % {"row": number}


def in_sheet(sheet: str, message: str) -> str:
    return _("工作表“%(sheet)s”：%(message)s") % {"sheet": sheet, "message": message} if sheet else message


@dataclass
class Entry:
    where: str  # 第3行 / 第2条成果
    values: dict  # column key → raw cell
    present: set  # keys of the columns the file has (a missing optional column leaves the field alone)
    rows: list[tuple[str, dict]] = field(default_factory=list)  # later rows repeating the parent: (where, values)
    is_json: bool = False


@dataclass
class Record:
    shape: Shape
    parent: Entry
    children: list[Entry] = field(default_factory=list)
    sheet: str = ""  # for messages on multi-sheet files


def file_format(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        raise ImportFileError(
            _("不支持“%(suffix)s”文件；请上传 .csv、.xlsx 或 .json 文件（.xls 请先另存为 .xlsx）。")
            % {"suffix": suffix or name}
        )
    return FORMATS[suffix]


def read_records(name: str, content: bytes) -> list[Record]:
    """All records of a file, in import order (enterprises, then projects, then achievements)."""
    fmt = file_format(name)
    if not content.strip():
        raise ImportFileError(_("文件是空的。"))
    if fmt == "csv":
        records = _table_records(_csv_rows(content), sheet="")
    elif fmt == "xlsx":
        records = _xlsx_records(content)
    else:
        records = _json_records(content)
    order = list(SHAPES)
    return sorted(records, key=lambda record: order.index(record.shape.name))


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "文件不是 UTF-8 编码，无法读取。用 Excel 时请“另存为”→“CSV UTF-8（逗号分隔）”，"
                "用 WPS 时请选择 UTF-8 编码，或直接上传 .xlsx 文件。"
            )
        ) from None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportFileError(_("CSV 文件格式有误：%(error)s。") % {"error": error}) from None


def check_xlsx(content: bytes) -> None:
    """Refuses, before parsing, an XLSX whose zip directory promises too much: too many or too large parts, parts
    compressed beyond what XML allows, parts that overlap (the "quoted overlap" zip bomb, which Python's zipfile
    itself refuses only from 3.11.8 / 3.12.2), or a sheet whose declared size is more rows than an import takes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return  # not a zip at all: openpyxl's own message follows
    entries = archive.infolist()
    too_big = _("这个 Excel 文件解压后过大或结构异常，不能导入。请检查文件，或把数据拆成几个文件分批导入。")
    if len(entries) > XLSX_MAX_ENTRIES or sum(entry.file_size for entry in entries) > XLSX_MAX_UNPACKED_BYTES:
        raise ImportFileError(too_big)
    for entry in entries:
        if entry.file_size > XLSX_MAX_RATIO * max(entry.compress_size, 1024):
            raise ImportFileError(too_big)
    ordered = sorted(entries, key=lambda entry: entry.header_offset)
    for entry, following in zip(ordered, ordered[1:], strict=False):
        if entry.header_offset + ZIP_LOCAL_HEADER + entry.compress_size > following.header_offset:
            raise ImportFileError(too_big)
    for entry in entries:
        if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
            with archive.open(entry) as sheet:
                start = sheet.read(4096)  # the <dimension> element comes first, before any row
            declared = DIMENSION.search(start)
            if declared and declared.group(1) and int(declared.group(1)) > MAX_ROWS + 1:
                raise ImportFileError(
                    _("一次最多导入 %(rows)s 行，这个文件的一个工作表有 %(found)s 行。请把文件拆开后分批导入。")
                    % {"rows": MAX_ROWS, "found": int(declared.group(1)) - 1}
                )


def _xlsx_records(content: bytes) -> list[Record]:
    check_xlsx(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(
            _("无法打开这个 Excel 文件：它可能已损坏，或不是 .xlsx 格式。请用 Excel 或 WPS 另存为 .xlsx 后再试。")
        ) from None
    records = []
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip() in INSTRUCTION_SHEETS:
                continue
            # Every row, whatever size the sheet declares (openpyxl would stop at a wrong declared size and leave rows
            # out unsaid), but no further than the limit.
            sheet.reset_dimensions()
            rows = [list(row) for row in itertools.islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2)]
            if not any(raw_text(cell) for row in rows for cell in row):
                continue
            records += _table_records(rows, sheet=sheet.title, shape_name=SHEET_NAMES.get(sheet.title.strip()))
    finally:
        workbook.close()
    if not records:
        raise ImportFileError(_("Excel 文件中没有可导入的数据。"))
    return records


def _header_map(header: list, shape_name: str | None, sheet: str) -> tuple[Shape, list]:
    """The shape and, for each column of the file, (column, is_child) — or a clear error."""
    titles = [raw_text(cell) for cell in header]
    if shape_name is None:
        candidates = [
            shape
            for shape in SHAPES.values()
            if any(
                title in {column.title, english}
                for title in titles
                for column, is_child, english in shape.flat_columns()
                if column.key == shape.key_column and not is_child
            )
        ]
        # 项目名称 / 企业全称 / 成果标题 tell the shapes apart; an English "name" header is ambiguous on its own.
        chinese = [shape for shape in candidates if shape.column(shape.key_column).title in titles]
        candidates = chinese or candidates
        if len(candidates) != 1:
            message = _(
                "无法识别表格内容：第1行须是列名，并含有“成果标题”“项目名称”或“企业全称”之一"
                "（英文列名 title / name 时请用模板中的中文列名）。可参照 docs/import/ 中的模板。"
            )
            raise ImportFileError(in_sheet(sheet, message))
        shape = candidates[0]
    else:
        shape = SHAPES[shape_name]
    lookup = {}
    for column, is_child, english in shape.flat_columns():
        lookup[column.title] = lookup[english] = (column, is_child)
    mapping, unknown, seen = [], [], set()
    for number, title in enumerate(titles, start=1):
        if not title:
            mapping.append(None)
            continue
        if title not in lookup:
            unknown.append(_("第%(number)s列“%(title)s”") % {"number": number, "title": title})
            mapping.append(None)
            continue
        column, is_child = lookup[title]
        if (column.key, is_child) in seen:
            message = _("“%(column)s”列出现了两次，请删去一列。") % {"column": column.title}
            raise ImportFileError(in_sheet(sheet, message))
        seen.add((column.key, is_child))
        mapping.append((column, is_child))
    if unknown:
        known = _("、").join(column.title for column, _child, _key in shape.flat_columns())
        message = UNKNOWN_COLUMNS[shape.name] % {"unknown": _("、").join(unknown), "known": known}
        raise ImportFileError(in_sheet(sheet, message))
    missing = [
        column.title
        for column, is_child, _key in shape.flat_columns()
        if column.required and (column.key, is_child) not in seen and not is_child
    ]
    if missing:
        columns = _("、").join(f"“{title}”" for title in missing)
        raise ImportFileError(in_sheet(sheet, _("缺少必填的列：%(columns)s。") % {"columns": columns}))
    return shape, mapping


def _table_records(rows: list[list], *, sheet: str, shape_name: str | None = None) -> list[Record]:
    rows = list(rows)
    while rows and not any(raw_text(cell) for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError(_("文件中没有内容：第1行应是列名，从第2行起每行一条数据。"))
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(_("一次最多导入 %(rows)s 行，请把文件拆开后分批导入。") % {"rows": MAX_ROWS})
    shape, mapping = _header_map(rows[0], shape_name, sheet)
    parent_keys = {column.key for entry in mapping if entry and not entry[1] for column in [entry[0]]}
    child_keys = {column.key for entry in mapping if entry and entry[1] for column in [entry[0]]}
    records: dict = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [raw_text(cell) for cell in row]
        if not any(cells):
            continue
        parent, child = {}, {}
        for entry, raw in zip(mapping, row, strict=False):
            if entry is None:
                continue
            column, is_child = entry
            value = unquote_formula(raw) if isinstance(raw, str) else raw
            (child if is_child else parent)[column.key] = value
        where = row_where(number, sheet)
        key = _natural_key(shape, parent, number)
        if key[0] == "title" and not key[2]:
            # A figure row may leave the achievement's columns empty: it belongs to the one above with that title.
            key = next((k for k in reversed(records) if k[0] == "title" and k[1] == key[1]), key)
        record = records.get(key)
        if record is None:
            record = records[key] = Record(shape=shape, parent=Entry(where, parent, parent_keys), sheet=sheet)
        else:
            record.parent.rows.append((where, parent))
        if any(raw_text(value) for value in child.values()):
            record.children.append(Entry(where, child, child_keys))
    return list(records.values())


def _natural_key(shape: Shape, values: dict, number: int):
    slug = raw_text(values.get("slug"))
    if shape.name == "achievements":
        if slug:
            return ("slug", slug)
        title = raw_text(values.get("title"))
        # A row without a title is its own (invalid) record, so its errors are reported on its own row.
        return ("title", title, raw_text(values.get("year"))) if title else ("row", number)
    name = raw_text(values.get(shape.key_column))
    return ("name", name) if name else ("row", number)


def _json_records(content: bytes) -> list[Record]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(_("JSON 文件须是 UTF-8 编码。")) from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("JSON 格式有误：第%(line)s行第%(column)s列附近，%(error)s。")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    if not isinstance(data, dict) or not data:
        raise ImportFileError(
            _(
                "JSON 文件应是一个对象，键为 achievements、projects 或 enterprises，值为列表。"
                "可参照 docs/import/ 中的说明。"
            )
        )
    unknown = [key for key in data if key not in SHAPES]
    if unknown:
        raise ImportFileError(
            _("JSON 中有无法识别的键：%(keys)s；可用的键：achievements、projects、enterprises。")
            % {"keys": _("、").join(unknown)}
        )
    records = []
    for name, items in data.items():
        shape = SHAPES[name]
        if not isinstance(items, list):
            raise ImportFileError(_("JSON 中“%(key)s”的值应是列表。") % {"key": name})
        keys = {column.key for column in shape.columns}
        child_keys = {column.key for column in shape.child_columns}
        for number, item in enumerate(items, start=1):
            where = JSON_ITEMS[name] % {"number": number, "index": number - 1}
            if not isinstance(item, dict):
                raise ImportFileError(_("%(where)s应是一个对象。") % {"where": where})
            allowed = keys | ({shape.child_name} if shape.child_name else set())
            extra = [key for key in item if key not in allowed]
            if extra:
                raise ImportFileError(
                    _("%(where)s有无法识别的键：%(keys)s。") % {"where": where, "keys": _("、").join(extra)}
                )
            missing = [column.key for column in shape.columns if column.required and column.key not in item]
            if missing:
                raise ImportFileError(
                    _("%(where)s缺少必填的键：%(keys)s。") % {"where": where, "keys": _("、").join(missing)}
                )
            values = {key: value for key, value in item.items() if key in keys}
            record = Record(shape=shape, parent=Entry(where, values, set(item), is_json=True))
            children = (item.get(shape.child_name) or []) if shape.child_name else []
            if not isinstance(children, list):
                raise ImportFileError(_("%(where)s的“%(key)s”应是列表。") % {"where": where, "key": shape.child_name})
            for child_number, child in enumerate(children, start=1):
                child_where = JSON_CHILDREN[name] % {"where": where, "number": child_number}
                if not isinstance(child, dict):
                    raise ImportFileError(_("%(where)s应是一个对象。") % {"where": child_where})
                extra = [key for key in child if key not in child_keys]
                if extra:
                    raise ImportFileError(
                        _("%(where)s有无法识别的键：%(keys)s。") % {"where": child_where, "keys": _("、").join(extra)}
                    )
                record.children.append(Entry(child_where, child, set(child), is_json=True))
            records.append(record)
    return records
