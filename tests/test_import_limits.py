"""Issue 13, item 6: an import is refused early, before its file is parsed, when the file promises more than an
import takes: more rows than the limit (from the sheet's declared size), a zip bomb (parts that unpack to far more
than XML could, or that overlap), and nothing is saved."""

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from achievements.models import Achievement
from transfer.files import MAX_ROWS
from transfer.services import ImportFileError, content_import

pytestmark = pytest.mark.django_db


def workbook(rows: int = 1) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "成果"
    sheet.append(["成果标题", "类别", "年度"])
    for n in range(rows):
        sheet.append([f"成果{n}", "创新平台", 2025])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(content: bytes, change) -> bytes:
    """The same workbook with each part passed through ``change(name, data)``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return out.getvalue()


def test_a_sheet_declaring_400000_rows_is_refused_before_it_is_read():
    big = rewritten(
        workbook(),
        lambda name, data: (
            data.replace(b'<dimension ref="A1:C2"', b'<dimension ref="A1:C400001"')
            if name.startswith("xl/worksheets/")
            else data
        ),
    )
    started = time.monotonic()

    with pytest.raises(ImportFileError, match=f"一次最多导入 {MAX_ROWS} 行.*400000 行"):
        content_import(name="big.xlsx", content=big, dry_run=True)

    assert time.monotonic() - started < 5  # refused from the declaration, not after parsing 400,000 rows


def test_a_sheet_with_more_rows_than_it_declares_is_read_no_further_than_the_limit():
    book = workbook(MAX_ROWS + 5)
    lying = rewritten(
        book,
        lambda name, data: (
            data.replace(f'<dimension ref="A1:C{MAX_ROWS + 6}"'.encode(), b'<dimension ref="A1:C2"')
            if name.startswith("xl/worksheets/")
            else data
        ),
    )

    with pytest.raises(ImportFileError, match=f"一次最多导入 {MAX_ROWS} 行"):
        content_import(name="lying.xlsx", content=lying, dry_run=True)


def test_a_part_that_unpacks_to_far_more_than_xml_could_is_refused():
    bomb = rewritten(workbook(), lambda name, data: data + b" " * 50_000_000 if name == "xl/styles.xml" else data)
    assert len(bomb) < 1_000_000  # 50 MB of spaces pack into a few kilobytes

    with pytest.raises(ImportFileError, match="解压后过大或结构异常"):
        content_import(name="bomb.xlsx", content=bomb, dry_run=True)


def test_parts_that_overlap_are_refused():
    content = bytearray(workbook())
    archive = zipfile.ZipFile(io.BytesIO(bytes(content)))
    first, second = sorted(archive.infolist(), key=lambda entry: entry.header_offset)[:2]
    # The central directory's record of the first part now claims the second part's bytes as its own.
    record = archive.start_dir
    name_length = int.from_bytes(content[record + 28 : record + 30], "little")
    assert content[record : record + 4] == b"PK\x01\x02"
    assert content[record + 46 : record + 46 + name_length].decode() == first.filename
    size_at = record + 20
    grown = (second.header_offset - first.header_offset + second.compress_size).to_bytes(4, "little")
    content[size_at : size_at + 4] = grown

    with pytest.raises(ImportFileError, match="解压后过大或结构异常"):
        content_import(name="overlap.xlsx", content=bytes(content))
    assert not Achievement.objects.exists()


def test_an_ordinary_workbook_still_imports():
    report = content_import(name="ok.xlsx", content=workbook(3))

    assert report.ok, report.errors
    assert Achievement.objects.count() == 3
