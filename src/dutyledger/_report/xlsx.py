"""Excel: the 调整对照表 an office expects.

A summary sheet, then a sheet per change kind with the columns 序号 / 事项类别 /
原事项 / 调整后事项 / 调整类型 / 涉及部门 / 说明 (and 清单, 匹配), a frozen
header row, widths that fit, wrapped text. No cell ever becomes a formula: every
text is stored as a string, whatever its first character.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import attrs

from dutyledger._edition.stable_zip import document_time, stable_zip
from dutyledger._report.model import Cell, Report, ReportRow

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["RENDERER", "XlsxRenderer"]

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _text(sheet: Worksheet, row: int, column: int, value: str | int | Any) -> None:
    """Put a value in a cell; text is always text, never a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=SUM(…)" stays the characters "=SUM(…)"


def _rich(cell: Cell) -> Any:
    """The cell's text with deleted characters struck in red and inserted ones bold green."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles.colors import Color

    if not cell.segments:
        return cell.text
    blocks: list[Any] = []
    for segment in cell.segments:
        if segment.op == "delete":
            blocks.append(TextBlock(InlineFont(strike=True, color=Color("CF222E")), segment.text))
        elif segment.op == "insert":
            blocks.append(TextBlock(InlineFont(b=True, color=Color("1A7F37")), segment.text))
        else:
            blocks.append(segment.text)
    return CellRichText(blocks)


def _sheet_title(label: str, used: set[str]) -> str:
    title = _BAD_SHEET_CHARS.sub("_", label)[:28] or "sheet"
    candidate, n = title, 2
    while candidate in used:
        candidate, n = f"{title}{n}", n + 1
    used.add(candidate)
    return candidate


_COLUMNS = (
    ("number", 10),
    ("category", 14),
    ("old", 60),
    ("new", 60),
    ("kind", 14),
    ("departments", 28),
    ("note", 40),
    ("list", 16),
    ("match", 14),
)


def _paragraph(sheet: Worksheet, row: int, text: str, width: int = 5) -> None:
    """A long text over the summary table's width, wrapped, its row tall enough to show it."""
    from openpyxl.styles import Alignment

    _text(sheet, row, 1, text)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    # About 38 CJK characters fit on a line of the merged cells (76 units wide).
    sheet.row_dimensions[row].height = 16 * (len(text) // 38 + 1)


def _landscape(sheet: Worksheet) -> None:
    """Print across: landscape, as wide as one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def _summary_sheet(sheet: Worksheet, report: Report) -> None:
    from openpyxl.styles import Font, PatternFill

    labels = report.labels
    _text(sheet, 1, 1, report.title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    _text(sheet, 2, 1, f"{report.township} · {report.old_date} → {report.new_date}")
    row = 3
    for notice in report.notices:
        _paragraph(sheet, row, notice)
        sheet.cell(row=row, column=1).font = Font(bold=True, color="9A6700")
        row += 1
    _paragraph(sheet, row, report.headline)
    row += 2
    keys = ("kind", "basic", "cooperative", "recalled", "total")
    for column, key in enumerate(keys, 1):
        _text(sheet, row, column, labels[key])
        sheet.cell(row=row, column=column).font = Font(bold=True)
        sheet.cell(row=row, column=column).fill = PatternFill("solid", fgColor="F6F8FA")
    for line in report.summary:
        row += 1
        for column, value in enumerate(
            (line.label, line.basic, line.cooperative, line.recalled, line.total), 1
        ):
            _text(sheet, row, column, value)
    row += 2
    for indicator in report.indicators:
        _text(sheet, row, 1, indicator.label)
        _text(sheet, row, 2, indicator.value)
        if indicator.warning:
            sheet.cell(row=row, column=1).font = Font(bold=True, color="9A6700")
        row += 1
    sheet.column_dimensions["A"].width = 28
    for letter in "BCDE":
        sheet.column_dimensions[letter].width = 12
    _landscape(sheet)


def _kind_sheet(sheet: Worksheet, report: Report, rows: tuple[ReportRow, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for column, (key, width) in enumerate(_COLUMNS, 1):
        _text(sheet, 1, column, report.labels[key])
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F6F8FA")
        cell.alignment = wrap
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _landscape(sheet)
    for index, line in enumerate(rows, 2):
        values: dict[str, Any] = {
            "number": line.numbers,
            "category": line.category,
            "old": _rich(line.old),
            "new": _rich(line.new),
            "kind": line.kind_label,
            "departments": "、".join(line.departments),
            "note": line.note,
            "list": line.lists,
            "match": line.match,
        }
        for column, (key, _) in enumerate(_COLUMNS, 1):
            _text(sheet, index, column, values[key])
            sheet.cell(row=index, column=column).alignment = wrap
    sheet.auto_filter.ref = f"A1:I{len(rows) + 1}"


@attrs.frozen
class XlsxRenderer:
    """An Excel workbook (.xlsx)."""

    name: str = "xlsx"
    suffix: str = ".xlsx"
    binary: bool = True

    def render(self, report: Report) -> bytes:
        """Return the workbook's bytes."""
        from openpyxl import Workbook

        book = Workbook()
        used: set[str] = set()
        summary = book.active
        assert summary is not None
        summary.title = _sheet_title(report.labels["summary"], used)
        _summary_sheet(summary, report)
        for section in report.sections:
            _kind_sheet(book.create_sheet(_sheet_title(section.label, used)), report, section.rows)
        buffer = io.BytesIO()
        book.save(buffer)
        # Byte-identical across runs: times from the edition (or SOURCE_DATE_EPOCH).
        return stable_zip(buffer.getvalue(), document_time(report.new_date))


RENDERER = XlsxRenderer()
