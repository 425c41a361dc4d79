"""The one CSV / Excel writer: what a caller gives (header, rows, which columns are numbers) and what the file holds."""

import csv
import io

from openpyxl import load_workbook

from presentation.exports import Sheet, csv_lines, xlsx_write


def figures(**options) -> Sheet:
    rows = [["=HYPERLINK(1)", "-5", "-2", None, ["甲", "乙"]], ["签约企业", "12.50", "4.2", True, []]]
    return Sheet(title="数据", header=["指标", "数值", "限定词", "预期目标", "企业"], rows=rows, numeric=[1], **options)


def test_csv_has_a_bom_the_header_and_cells_made_safe_except_numbers_in_a_column_of_numbers():
    content = b"".join(csv_lines(figures()))

    assert content.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == [
        ["指标", "数值", "限定词", "预期目标", "企业"],
        ["'=HYPERLINK(1)", "-5", "'-2", "", "甲；乙"],
        ["签约企业", "12.50", "4.2", "是", ""],
    ]


def test_workbook_cells_follow_the_same_rule_and_text_that_is_a_number_in_a_column_of_numbers_is_a_number():
    out = io.BytesIO()
    xlsx_write([figures(), Sheet(title="空", header=["+标题"], rows=[])], out)
    workbook = load_workbook(out)
    sheet = workbook["数据"]
    rows = list(sheet.iter_rows(values_only=True))

    assert workbook.sheetnames == ["数据", "空"]
    assert rows == [
        ("指标", "数值", "限定词", "预期目标", "企业"),
        ("'=HYPERLINK(1)", -5, "'-2", None, "甲；乙"),
        ("签约企业", 12.5, "4.2", "是", None),
    ]
    assert [cell.data_type for cell in sheet[2]][:3] == ["s", "n", "s"]
    assert list(workbook["空"].iter_rows(values_only=True)) == [("'+标题",)]
    assert not sheet["A1"].font.bold and sheet.freeze_panes is None


def test_a_workbook_sheet_may_have_bold_headings_kept_in_view_and_set_widths():
    out = io.BytesIO()
    xlsx_write([figures(widths=[28, 12], bold_header=True, freeze_header=True)], out)
    sheet = load_workbook(out).active

    assert sheet["A1"].font.bold and sheet["E1"].font.bold and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (28, 12)
