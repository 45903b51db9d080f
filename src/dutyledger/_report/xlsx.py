"""Excel: the 调整对照表 an office expects.

The sheet 调整对照表 has one row per 事项: 序号 (a number), 清单, 事项类别,
事项名称, 调整类型, 调整前, 调整后 (changed characters struck red or underlined
green), 涉及部门, 调整理由, 调整依据, 备注. Then the sheet 汇总: the headline,
items per list, 事项 per 调整类型, the questions for the reader and the appendix
of edition-level changes. Thin borders, 宋体, widths fitted to the content,
autofilter and a frozen header; printed on A4 landscape one page wide with the
header row repeated, the title in the page header and 第 x 页 共 y 页 in the
footer. Numbers are numbers; no cell ever becomes a formula: every text is
stored as a string, whatever its first character.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import attrs

from dutyledger._edition.stable_zip import document_time, property_text, stable_zip
from dutyledger._extras import require
from dutyledger._report.model import Cell, Report

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["RENDERER", "XlsxRenderer"]


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
            font = InlineFont(rFont=_FONT, sz=10.5, strike=True, color=Color("CF222E"))
        elif segment.op == "insert":
            font = InlineFont(rFont=_FONT, sz=10.5, b=True, u="single", color=Color("1A7F37"))
        else:
            font = InlineFont(rFont=_FONT, sz=10.5)
        blocks.append(TextBlock(font, segment.text))
    return CellRichText(blocks)


_FONT = "宋体"

# (label key, width in characters, whether it holds long wrapped text)
_COLUMNS = (
    ("number", 6),
    ("list", 14),
    ("category", 10),
    ("name", 22),
    ("kind", 12),
    ("old", 34),
    ("new", 34),
    ("departments", 16),
    ("reason", 24),  # as narrow as their header while empty; notes widen them
    ("basis", 20),
    ("remark", 12),
)
"""The columns of 调整对照表 and the most each may take, in characters of the default font."""


def _lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a column ``width`` units wide (a CJK character: 2)."""
    from dutyledger._report.terminal import display_width

    room = max(1.0, width * 1.1)
    return sum(max(1, -(-display_width(line) // int(room))) for line in text.split("\n"))


def _fit_rows(sheet: Worksheet, top: int, bottom: int, columns: int) -> None:
    """Give each row the height its wrapped cells need (LibreOffice does not grow them itself)."""
    from openpyxl.utils import get_column_letter

    widths = [
        sheet.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, columns + 1)
    ]
    for row in range(top, bottom + 1):
        lines = max(
            _lines(str(sheet.cell(row=row, column=c).value or ""), widths[c - 1])
            for c in range(1, columns + 1)
        )
        sheet.row_dimensions[row].height = 14.5 * lines + 3


def _fit(texts: list[str], least: int, most: int) -> float:
    """A column width (in characters of the default font) that fits the longest line, within bounds."""
    from dutyledger._report.terminal import display_width

    longest = max((display_width(line) for t in texts for line in t.split("\n")), default=0)
    return float(min(most, max(least, longest + 2)))


def _style_table(sheet: Worksheet, top: int, bottom: int, columns: int) -> None:
    """Thin borders on every cell, the first row bold on grey, text wrapped at the top."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in range(top, bottom + 1):
        for column in range(1, columns + 1):
            cell = sheet.cell(row=row, column=column)
            cell.border = border
            number = isinstance(cell.value, int)
            cell.alignment = Alignment(
                wrap_text=True,
                vertical="center" if row == top else "top",
                horizontal="center" if row == top or number else None,
            )
            cell.font = Font(name=_FONT, size=10.5, bold=row == top)
            if row == top:
                cell.fill = PatternFill("solid", fgColor="E7E9EC")


def _landscape(sheet: Worksheet) -> None:
    """Print across: A4 landscape, as wide as one page (the ledger's timeline sheet uses it too)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def _print_setup(sheet: Worksheet, title: str, footer: str) -> None:
    """A4 landscape, one page wide, the title in the page header, page x of y in the footer."""
    _landscape(sheet)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    header, footer_item = sheet.oddHeader, sheet.oddFooter
    assert header is not None
    assert footer_item is not None
    header.center.text = title
    header.center.font = f"{_FONT},Bold"
    header.center.size = 12
    footer_item.center.text = footer
    footer_item.center.font = _FONT
    footer_item.center.size = 10


def _rows_sheet(sheet: Worksheet, report: Report) -> None:
    """调整对照表: one row per 事项, every column, filter and frozen header."""
    from openpyxl.utils import get_column_letter

    labels = report.labels
    for column, (key, _) in enumerate(_COLUMNS, 1):
        _text(sheet, 1, column, labels[key])
    for index, line in enumerate(report.rows, 2):
        values: dict[str, Any] = {
            "number": line.number,
            "list": line.lists,
            "category": line.category,
            "name": line.name,
            "kind": line.kind_label,
            "old": _rich(line.old),
            "new": _rich(line.new),
            "departments": "\n".join(line.departments),
            "reason": line.reason,
            "basis": line.basis,
            "remark": line.remark,
        }
        for column, (key, _) in enumerate(_COLUMNS, 1):
            _text(sheet, index, column, values[key])
    last = len(report.rows) + 1
    _style_table(sheet, 1, last, len(_COLUMNS))
    for column, (_, most) in enumerate(_COLUMNS, 1):
        texts = [str(sheet.cell(row=r, column=column).value or "") for r in range(1, last + 1)]
        sheet.column_dimensions[get_column_letter(column)].width = _fit(texts, 6, most)
    _fit_rows(sheet, 1, last, len(_COLUMNS))
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_COLUMNS))}{last}"
    title = labels["table_title"].format(township=report.township)
    _print_setup(sheet, title, labels["page"])


def _summary_sheet(sheet: Worksheet, report: Report) -> None:
    """汇总: the headline, items per list, 事项 per 调整类型, questions, the appendix."""
    from openpyxl.styles import Alignment, Font

    labels = report.labels
    for letter, width in zip("ABCDE", (24, 24, 40, 40, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    _text(sheet, 1, 1, report.title)
    sheet.cell(row=1, column=1).font = Font(name=_FONT, size=14, bold=True)
    _text(sheet, 2, 1, f"{report.old_date}{labels['arrow']}{report.new_date}")
    row = 3
    for text in (*report.notices, report.headline):
        _text(sheet, row, 1, text)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=1).font = Font(name=_FONT, size=10.5)
        sheet.row_dimensions[row].height = 14.5 * _lines(text, 138) + 3
        row += 1

    def table(top: int, header: list[str], body: list[list[Any]]) -> int:
        for column, value in enumerate(header, 1):
            _text(sheet, top, column, value)
        for offset, values in enumerate(body, 1):
            for column, value in enumerate(values, 1):
                _text(sheet, top + offset, column, value)
        _style_table(sheet, top, top + len(body), len(header))
        _fit_rows(sheet, top, top + len(body), len(header))
        return top + len(body) + 2

    def heading(at: int, text: str) -> int:
        _text(sheet, at, 1, text)
        sheet.cell(row=at, column=1).font = Font(name=_FONT, size=12, bold=True)
        return at + 1

    row = heading(row + 1, labels["totals"])
    top = row
    row = table(
        row,
        [labels["list_name"], labels["before_total"], labels["after_total"], labels["net"]],
        [[t.label, t.before, t.after, t.net] for t in report.totals],
    )
    for offset in range(1, len(report.totals) + 1):
        sheet.cell(row=top + offset, column=4).number_format = "+0;-0;0"  # the net, signed
    row = heading(row, labels["summary"])
    totals = [
        sum(getattr(s, k) for s in report.summary)
        for k in ("basic", "cooperative", "recalled", "total")
    ]
    row = table(
        row,
        [labels[k] for k in ("kind", "basic", "cooperative", "recalled", "total")],
        [[s.label, s.basic, s.cooperative, s.recalled, s.total] for s in report.summary]
        + [[labels["total"], *totals]],
    )
    row = heading(row, labels["attention"])
    for text in [f"{i.label}{labels['colon']}{i.value}" for i in report.indicators] or [
        labels["attention_none"]
    ]:
        _text(sheet, row, 1, text)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=1).font = Font(name=_FONT, size=10.5, color="9A6700")
        sheet.row_dimensions[row].height = 14.5 * _lines(text, 138) + 3
        row += 1
    if report.appendix:
        row = heading(row + 1, labels["appendix"])
        table(
            row,
            [labels["topic"], labels["field"], labels["old"], labels["new"]],
            [[e.topic, e.label, _rich(e.old), _rich(e.new)] for e in report.appendix],
        )
    _print_setup(sheet, report.title, labels["page"])


@attrs.frozen
class XlsxRenderer:
    """An Excel workbook (.xlsx): 调整对照表 and 汇总."""

    name: str = "xlsx"
    suffix: str = ".xlsx"
    binary: bool = True

    def render(self, report: Report) -> bytes:
        """Return the workbook's bytes.

        Raises:
            MissingExtraError: openpyxl is not installed (the ``office`` extra).
        """
        require("openpyxl", extra="office", feature="the Excel report")
        from openpyxl import Workbook

        book = Workbook()
        rows = book.active
        assert rows is not None
        rows.title = "调整对照表" if report.lang == "zh" else "Adjustments"
        _rows_sheet(rows, report)
        _summary_sheet(book.create_sheet("汇总" if report.lang == "zh" else "Summary"), report)
        book.properties.title = property_text(report.title)
        buffer = io.BytesIO()
        book.save(buffer)
        # Byte-identical across runs: times from the edition (or SOURCE_DATE_EPOCH).
        return stable_zip(buffer.getvalue(), document_time(report.stamp_date))


RENDERER = XlsxRenderer()
