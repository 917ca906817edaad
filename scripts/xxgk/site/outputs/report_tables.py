"""The three tables of an annual report in the national layout, and their downloads.

One grid per table (cells with row and column spans, exactly as printed in
国办公开办函〔2021〕30号) feeds the page and the XLSX workbook, so both show the
same cells; the CSV lists the same numbers one per line, which is what a
spreadsheet or an auditor comparing many units needs.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import xlsxwriter

from xxgk.model.report_format import (
    APPLICANTS,
    LITIGATION,
    LITIGATION_KINDS,
    NATURAL_PERSON,
    ORGANISATIONS,
    ORGANISATIONS_GROUP,
    RESULTS,
    REVIEW,
    ROWS,
    TABLE2_GROUPS,
    TABLE2_ITEM_HEADING,
    TABLE3_COLUMNS,
    TABLE3_NOTE,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    TABLE_SECTIONS,
    TOTAL,
    AnnualReport,
    Number,
    row,
)
from xxgk.model.spreadsheets import csv_bytes


@dataclass(frozen=True)
class GridCell:
    text: str
    header: bool = False
    rowspan: int = 1
    colspan: int = 1
    scope: str = ""  # for header cells: col, colgroup, row or rowgroup
    value: Number | None = None  # for number cells


@dataclass(frozen=True)
class Grid:
    key: str  # 表二 / 表三 / 表四
    title: str  # the section the table belongs to
    width: int
    head: tuple[tuple[GridCell, ...], ...]
    body: tuple[tuple[GridCell, ...], ...]

    @property
    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        return self.head + self.body


def number_text(value: Number) -> str:
    """A count or an amount exactly as it was written.

    >>> from decimal import Decimal
    >>> number_text(Decimal("1792.60")), number_text(12)
    ('1792.60', '12')
    """
    return str(value)


def _label(text: str, scope: str, rowspan: int = 1, colspan: int = 1) -> GridCell:
    return GridCell(text, header=True, rowspan=rowspan, colspan=colspan, scope=scope)


def _number(report: AnnualReport, declared, column: str, colspan: int = 1) -> GridCell:
    value = report.value(declared, column)
    return GridCell(number_text(value), colspan=colspan, value=value)


def table2(report: AnnualReport) -> Grid:
    """Four columns; each item of 条例第二十条 has a title row, a heading row and its rows."""
    body = []
    for clause, columns, items in TABLE2_GROUPS:
        span = 3 // len(columns)
        body.append((_label(clause, "colgroup", colspan=4),))
        body.append((_label(TABLE2_ITEM_HEADING, "col"),) + tuple(_label(c, "col", colspan=span) for c in columns))
        for item in items:
            declared = row("表二", clause, item)
            body.append((_label(item, "row"),) + tuple(_number(report, declared, c, span) for c in columns))
    return Grid("表二", TABLE_SECTIONS["表二"], 4, (), tuple(body))


def table3(report: AnnualReport) -> Grid:
    """Three label columns and seven number columns; 三、本年度办理结果 spans its 22 rows."""
    head = (
        (_label(TABLE3_NOTE, "", rowspan=3, colspan=3), _label(APPLICANTS, "colgroup", colspan=7)),
        (
            _label(NATURAL_PERSON, "col", rowspan=2),
            _label(ORGANISATIONS_GROUP, "colgroup", colspan=5),
            _label(TOTAL, "col", rowspan=2),
        ),
        tuple(_label(name, "col") for name in ORGANISATIONS),
    )
    results = [r for r in TABLE3_ROWS if r.path[0] == RESULTS]
    body = []
    for declared in TABLE3_ROWS:
        path = declared.path
        if len(path) == 1:
            labels = [_label(path[0], "row", colspan=3)]
        else:
            labels = [_label(RESULTS, "rowgroup", rowspan=len(results))] if declared is results[0] else []
            if len(path) == 2:
                labels.append(_label(path[1], "row", colspan=2))
            else:
                group = [r for r in results if r.path[1] == path[1]]
                if declared is group[0]:
                    labels.append(_label(path[1], "rowgroup", rowspan=len(group)))
                labels.append(_label(path[2], "row"))
        body.append(tuple(labels) + tuple(_number(report, declared, c) for c in TABLE3_COLUMNS))
    return Grid("表三", TABLE_SECTIONS["表三"], 10, head, tuple(body))


def table4(report: AnnualReport) -> Grid:
    """One row of fifteen numbers under 行政复议 and the two kinds of 行政诉讼."""
    head = (
        (_label(REVIEW, "colgroup", colspan=5), _label(LITIGATION, "colgroup", colspan=10)),
        tuple(_label(c, "col", rowspan=2) for c in TABLE4_COLUMNS)
        + tuple(_label(kind, "colgroup", colspan=5) for kind in LITIGATION_KINDS),
        tuple(_label(c, "col") for c in TABLE4_COLUMNS) * 2,
    )
    declared = [row("表四", REVIEW)] + [row("表四", LITIGATION, kind) for kind in LITIGATION_KINDS]
    body = (tuple(_number(report, d, c) for d in declared for c in TABLE4_COLUMNS),)
    return Grid("表四", TABLE_SECTIONS["表四"], 15, head, body)


def grids(report: AnnualReport) -> dict[str, Grid]:
    return {"表二": table2(report), "表三": table3(report), "表四": table4(report)}


def placed(grid: Grid) -> list[tuple[int, int, GridCell]]:
    """(row, column, cell) of every cell, as a browser lays the table out; spans never overlap."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, cells_of_row in enumerate(grid.rows):
        c = 0
        for cell in cells_of_row:
            while (r, c) in taken:
                c += 1
            covered = {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            assert not covered & taken, f"{grid.key}: overlapping cells at row {r}"
            taken |= covered
            cells.append((r, c, cell))
            c += cell.colspan
    return cells


# -- downloads ----------------------------------------------------------------------

CSV_HEADER = ("单位", "年度", "表", "项目", "列", "数值")


def csv_rows(report: AnnualReport) -> list[tuple[str, ...]]:
    """One line per number: which table, row and column it is in."""
    lines = []
    for declared in ROWS:
        for column in declared.columns:
            header = f"{ORGANISATIONS_GROUP} {column}" if column in ORGANISATIONS else column
            lines.append(
                (
                    report.unit.name,
                    str(report.year),
                    declared.table,
                    " ".join(declared.path),
                    header,
                    number_text(report.value(declared, column)),
                )
            )
    return lines


def reports_csv_bytes(reports: list[AnnualReport]) -> bytes:
    """The reports' numbers, one per line, as a CSV Excel opens (spreadsheets.csv_bytes)."""
    return csv_bytes(list(CSV_HEADER), [line for report in reports for line in csv_rows(report)])


def report_xlsx_bytes(report: AnnualReport) -> bytes:
    """A workbook with one sheet per table, cells merged as in the national format, set for A4."""
    out = io.BytesIO()
    # Text that starts with = stays text: XlsxWriter's write() would otherwise make it a formula.
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    published = dt.datetime.combine(report.published, dt.time())
    workbook.set_properties({"title": report.title, "author": report.unit.name, "created": published})
    title = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
    subtitle = workbook.add_format({"bold": True, "font_size": 12, "align": "center"})
    cell_formats = {
        header: workbook.add_format(
            {"bold": header, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        for header in (True, False)
    }
    for grid in grids(report).values():
        sheet = workbook.add_worksheet(grid.key)
        sheet.merge_range(0, 0, 0, grid.width - 1, report.title, title)
        sheet.merge_range(1, 0, 1, grid.width - 1, grid.title, subtitle)
        top = 2
        for r, c, cell in placed(grid):
            value = cell.value if cell.value is not None else cell.text
            style = cell_formats[cell.header]
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_range(top + r, c, top + r + cell.rowspan - 1, c + cell.colspan - 1, value, style)
            else:
                sheet.write(top + r, c, value, style)
        for index, width in enumerate(_WIDTHS[grid.key]):
            sheet.set_column(index, index, width)
        sheet.set_paper(9)  # A4
        if grid.key == "表四":
            sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
    workbook.close()
    return out.getvalue()


_WIDTHS = {"表二": [22, 16, 16, 16], "表三": [8, 12, 34] + [9] * 7, "表四": [7] * 15}
