"""Tables in and out: reading staff spreadsheets (CSV, XLSX) cell by cell, writing downloads.

Reading keeps each cell's row and column as the spreadsheet shows them (row 1
is the first row, columns are letters), so every problem can name
`file:row:column`. Writing mirrors `report_tables`: CSV in UTF-8 with a byte
order mark (Excel on Windows then reads the Chinese correctly), XLSX with
XlsxWriter, dated with the build date so the same content gives the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from xxgk.model.archives import check_zip_size

# How many rows above the header a sheet may use for its title.
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class SheetCell:
    row: int  # 1-based, as the spreadsheet shows it
    column: int  # 1-based
    value: object  # str for CSV; str, int, float, datetime or None for XLSX

    @property
    def letter(self) -> str:
        return column_letter(self.column)


class UnreadableTable(Exception):
    pass


@dataclass(frozen=True)
class Formula:
    """An XLSX cell holding a formula: its result is whatever Excel last computed, if it saved one."""

    text: str

    def __str__(self) -> str:
        return self.text


def column_letter(column: int) -> str:
    """
    >>> column_letter(1), column_letter(26), column_letter(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_csv_rows(text: str) -> list[list[SheetCell]]:
    """Rows of a CSV's text; a row is a spreadsheet row even when a quoted cell spans lines."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Comma, as Excel saves "CSV UTF-8"; a sheet pasted from Excel into a text file has tabs.
    delimiter = "\t" if "\t" in first and "," not in first else ","
    return [
        [SheetCell(number, column, value) for column, value in enumerate(values, 1)]
        for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)
    ]


def read_xlsx_rows(path: Path) -> list[list[SheetCell]]:
    """Rows of the first sheet; a merged range gives its value to every cell it covers, as it looks."""
    from openpyxl import load_workbook

    try:
        check_zip_size(path)  # ArchiveError is a ValueError: a zip bomb is an unreadable table
        # Formulas as written (not data_only): a register holds values, and a formula is named, not read.
        workbook = load_workbook(path)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise UnreadableTable(str(error) or type(error).__name__) from None
    sheet = workbook.worksheets[0]
    merged = {}
    for cells in sheet.merged_cells.ranges:
        value = _value(sheet.cell(cells.min_row, cells.min_col))
        for row in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col, cells.max_col + 1):
                merged[(row, column)] = value
    rows = []
    for number, values in enumerate(sheet.iter_rows(), 1):
        rows.append(
            [
                SheetCell(number, column, merged.get((number, column), _value(cell)))
                for column, cell in enumerate(values, 1)
            ]
        )
    workbook.close()
    return rows


def _value(cell) -> object:
    if cell.data_type == "f":
        value = cell.value
        return Formula(value if isinstance(value, str) else getattr(value, "text", None) or "=…")
    return cell.value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- downloads ------------------------------------------------------------------------


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark and CRLF, as Excel writes and reads it; no cell runs as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(value) for value in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


# What Excel, LibreOffice and Google Sheets may start a formula with (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number, or only dashes (a "none" mark): nothing a spreadsheet would run, shown as written.
_INERT = re.compile(r"[+-]?\d+(?:\.\d+)?|-+")


def csv_cell(value: object) -> object:
    """A cell as a CSV download holds it: text a spreadsheet would run as a formula gets a leading '.

    The web page shows the value as written; only the download is changed (OWASP's advice).

    >>> csv_cell("=1+1"), csv_cell("-3"), csv_cell("—"), csv_cell(-3)
    ("'=1+1", '-3', '—', -3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _INERT.fullmatch(value):
        return "'" + value
    return value


def xlsx_bytes(
    title: str,
    header: list[str],
    rows: list[list[str]],
    created: dt.date,
    widths: list[int] | None = None,
    author: str = "",
) -> bytes:
    """One sheet: the header row frozen with filters on it, then every row, all cells as text."""
    out = io.BytesIO()
    # Text stays text: a 发文字号 or phone number must not become a number or a link.
    workbook = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False, "strings_to_formulas": False}
    )
    workbook.set_properties({"title": title, "author": author, "created": dt.datetime.combine(created, dt.time())})
    head = workbook.add_format(
        {"bold": True, "border": 1, "bg_color": "#F3F6FA", "text_wrap": True, "valign": "vcenter"}
    )
    body = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet = workbook.add_worksheet(_sheet_name(title))
    sheet.write_row(0, 0, header, head)
    for number, row in enumerate(rows, 1):
        sheet.write_row(number, 0, row, body)
    for column, width in enumerate(widths or [16] * len(header)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    workbook.close()
    return out.getvalue()


def _sheet_name(title: str) -> str:
    name = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return name[:31] or "Sheet1"
