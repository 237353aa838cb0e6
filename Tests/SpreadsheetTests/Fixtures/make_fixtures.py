#!/usr/bin/env python3
"""Regenerates the .xlsx fixtures of SpreadsheetTests with openpyxl (pip install openpyxl).

The generated files are committed, so the Swift tests never need Python. Run from anywhere:

    python3 Tests/SpreadsheetTests/Fixtures/make_fixtures.py

openpyxl is used because it writes workbooks the way a real library does (shared strings,
styles with custom number formats, rich text), independently of the Swift reader under test.
Three things it does not do are patched afterwards in the zip:
  * since 3.1 it writes every string inline (t="inlineStr"), while Excel and Google Sheets put
    them in xl/sharedStrings.xml; report.xlsx is converted to shared strings (rich-text runs
    included), the other fixtures keep openpyxl's inline strings, so both paths are covered;
  * it always names the first tab's part sheet1.xml, so report.xlsx swaps the part names to
    prove the reader follows workbook order through the relationships, not file names;
  * it stores no cached result for formulas (it does not calculate), which formula.xlsx keeps
    on purpose: the reader must refuse such a cell rather than read it as empty.
Zip timestamps and document dates are pinned so regenerating gives the same bytes.
"""

import datetime
import io
import os
import re
import unicodedata
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
PINNED = datetime.datetime(2026, 4, 1, 8, 0, 0)


def nfc(text):
    return unicodedata.normalize("NFC", text)


def nfd(text):
    return unicodedata.normalize("NFD", text)


def new_workbook():
    wb = openpyxl.Workbook()
    wb.properties.creator = "make_fixtures.py"
    wb.properties.created = PINNED
    wb.properties.modified = PINNED
    return wb


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
INLINE_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is>(.*?)</is></c>')


def to_shared_strings(parts):
    """Moves inline strings of every sheet into one shared string table, as Excel does."""
    table = []
    index = {}

    def share(match):
        reference, style, content = match.groups()
        if content not in index:
            index[content] = len(table)
            table.append(content)
        return f'<c r="{reference}"{style} t="s"><v>{index[content]}</v></c>'

    for name in sorted(parts):
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = INLINE_CELL.sub(share, parts[name].decode("utf-8")).encode("utf-8")
    items = "".join(f"<si>{content}</si>" for content in table)
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{SHEET_NS}" count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>'
    ).encode("utf-8")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
        b' Target="sharedStrings.xml" Id="rId99" /></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml"'
        b' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>')


def save(wb, name, swap_first_two_sheet_parts=False, shared_strings=False):
    buffer = io.BytesIO()
    wb.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    renames = {}
    if swap_first_two_sheet_parts:
        renames = {
            "xl/worksheets/sheet1.xml": "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet2.xml": "xl/worksheets/sheet1.xml",
        }
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    if shared_strings:
        to_shared_strings(parts)
    if swap_first_two_sheet_parts:
        text = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
        text = text.replace("worksheets/sheet1.xml", "@@SHEET@@")
        text = text.replace("worksheets/sheet2.xml", "worksheets/sheet1.xml")
        text = text.replace("@@SHEET@@", "worksheets/sheet2.xml")
        parts["xl/_rels/workbook.xml.rels"] = text.encode("utf-8")
    # openpyxl stamps the save time into dcterms:modified.
    parts["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2026-04-01T08:00:00Z\g<2>", parts["docProps/core.xml"])
    out_path = os.path.join(HERE, name)
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as out:
        for filename, data in parts.items():
            entry = zipfile.ZipInfo(renames.get(filename, filename), date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, data)
    print("wrote", out_path)


def make_report():
    """A ward's monthly activity report, as an office would type it."""
    wb = new_workbook()
    ws = wb.active
    ws.title = nfc("Báo cáo tháng 4")
    ws.append([nfc(h) for h in ["ngày", "đơn vị", "hoạt động", "buổi", "lượt người", "ghi chú"]])

    # Row 2: a real date cell. A datetime gets openpyxl's custom format "yyyy-mm-dd h:mm:ss".
    ws.append([datetime.datetime(2026, 4, 3, 0, 0), nfc("Tổ dân phố 1"),
               nfc("Tuyên truyền phòng chống sốt xuất huyết"), 2, 150, nfc("Ghi chú có “ngoặc kép”")])

    # Row 3: a date typed as text, and a number typed as text with a Vietnamese thousands dot;
    # the note is deliberately NFD, to prove no normalisation happens.
    ws.append(["3/4/2026", nfc("Hội Liên hiệp Phụ nữ"), nfc("Tập huấn kỹ năng"), 1, "1.200",
               nfd("Nguyễn Thị Hồng Nhung")])
    ws["A3"].number_format = "@"
    ws["E3"].number_format = "@"

    # Row 4 is left out entirely (a gap row).

    # Row 5: built-in format 14 ("mm-dd-yy"), a decimal, a gap cell in D, nothing after E.
    ws["A5"] = datetime.date(2026, 4, 10)
    ws["A5"].number_format = "mm-dd-yy"
    ws["B5"] = nfc("Đoàn Thanh niên")
    ws["C5"] = nfc("Ra quân làm sạch đường phố")
    ws["E5"] = 85.5

    # Row 6: a custom Vietnamese-style date format with a locale tag, rich text, integers and decimals.
    ws["A6"] = datetime.date(2026, 4, 30)
    ws["A6"].number_format = "[$-42A]dd/mm/yyyy"
    ws["B6"] = nfc("Mặt trận Tổ quốc")
    ws["C6"] = CellRichText([nfc("Hội nghị "), TextBlock(InlineFont(b=True), nfc("tổng kết"))])
    ws["D6"] = 0.5
    ws["E6"] = 1200
    ws["F6"] = nfc("Số liệu tạm tính")

    # Row 7: only the last column (leading gap cells).
    ws["F7"] = nfc("Hàng chỉ có ghi chú")

    # A second tab that must be ignored; it is the one stored as sheet1.xml after the swap.
    decoy = wb.create_sheet("Sheet1")
    decoy.append(["KHÔNG ĐỌC", "sheet1.xml is not the first tab"])
    save(wb, "report.xlsx", swap_first_two_sheet_parts=True, shared_strings=True)


def make_dates(name, epoch=None):
    """Dates around the 1900 leap-year bug, or in the Mac 1904 system."""
    wb = new_workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "dates"
    dates = [datetime.date(1900, 1, 1), datetime.date(1900, 2, 28), datetime.date(1900, 3, 1),
             datetime.date(1904, 1, 1), datetime.date(1904, 1, 2), datetime.date(2026, 4, 3),
             datetime.date(9999, 12, 31)]
    if epoch is not None:
        dates = [d for d in dates if d.year >= 1904]
    for d in dates:
        ws.append([d, d.isoformat()])
        ws.cell(row=ws.max_row, column=1).number_format = "dd/mm/yyyy"
    save(wb, name)


def make_formula():
    """openpyxl writes the formula but no cached value, as many generators do."""
    wb = new_workbook()
    ws = wb.active
    ws.title = "formula"
    ws.append([nfc("buổi"), nfc("lượt người"), nfc("tổng")])
    ws.append([2, 150, "=A2*B2"])
    save(wb, "formula.xlsx")


if __name__ == "__main__":
    make_report()
    make_dates("dates1900.xlsx")
    make_dates("dates1904.xlsx", epoch=CALENDAR_MAC_1904)
    make_formula()
