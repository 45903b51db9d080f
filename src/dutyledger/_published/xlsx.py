"""The lists as an Excel workbook: written in the published layout, and read back.

Written (:func:`export_xlsx`): one sheet per list, named after it; a title row,
the header row (repeated on every printed page), one row per item with ★ before
the name and each part of a duty text on a line of its own inside the cell;
borders, A4, 宋体/黑体/仿宋 as GB/T 9704 uses them. Where the edition has pages,
each sheet starts at its list's first page (起始页码) and breaks the page where
the published list did, so it prints as published and reads back with pages.

Read (:func:`read_xlsx`): every sheet, by :mod:`dutyledger._published.tables`:
merged cells take their top-left value, a sheet named after a list holds that
list, title rows are skipped, header spellings vary. A workbook has no 说明 or
目录; ``docs/sources.md`` says what follows.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dutyledger._edition.records import Edition, ListKind
from dutyledger._edition.stable_zip import document_time, stable_zip
from dutyledger._extras import require
from dutyledger._published.assemble import HEADERS
from dutyledger._published.layout import check_pages, page_runs
from dutyledger._published.tables import Block, Cell, Grid, GridRow, PageBreak, list_title
from dutyledger._published.tsv import item_cells

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["export_xlsx", "xlsx_blocks"]

_FEATURE_WRITE = "the Excel export"
_FEATURE_READ = "reading an Excel workbook"

# Column widths in characters: A4 at 100 %, so the manual page breaks hold
# (Excel ignores them when a sheet is scaled to fit). A character's width is
# the default font's digit, which differs between Excel, WPS and LibreOffice:
# these fit the widest of them (a portrait page ~70, a landscape one ~104).
_WIDTHS: dict[ListKind, tuple[int, ...]] = {
    ListKind.BASIC: (5, 11, 52),
    ListKind.COOPERATIVE: (4, 7, 13, 11, 33, 33),
    ListKind.RECALLED: (4, 7, 32, 58),
}
_BODY_PT = 10.5  # 五号
_LINE_PT = 14.0  # a line of 五号 text, with its leading
_MAX_ROW_PT = 409.0  # Excel's tallest row


def _row_height(cells: list[str], widths: tuple[int, ...]) -> float:
    """The height that shows every line of a row: Excel and WPS do not grow rows on opening.

    A Chinese character takes two units of column width, a Latin one one.
    """
    lines = 1
    for text, width in zip(cells, widths, strict=True):
        count = 0
        for line in text.split("\n"):
            units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in line)
            count += max(1, -(-units // max(1, width - 2)))
        lines = max(lines, count)
    return min(_MAX_ROW_PT, lines * _LINE_PT + 6)


_LANDSCAPE = {ListKind.COOPERATIVE, ListKind.RECALLED}
_TITLE_FONT = "宋体"  # GB/T 9704 asks 方正小标宋简体; 宋体 is the fallback every Windows ships
_HEADER_FONT = "黑体"
_BODY_FONT = "仿宋"


def _sheet(ws: Worksheet, edition: Edition, kind: ListKind) -> None:
    styles = require("openpyxl.styles", extra="office", feature=_FEATURE_WRITE)
    breaks = require("openpyxl.worksheet.pagebreak", extra="office", feature=_FEATURE_WRITE)
    utils = require("openpyxl.utils", extra="office", feature=_FEATURE_WRITE)
    header = HEADERS[kind]
    width = len(header)
    side = styles.Side(style="thin", color="000000")
    border = styles.Border(left=side, right=side, top=side, bottom=side)
    last = utils.get_column_letter(width)

    ws.merge_cells(f"A1:{last}1")
    title = ws.cell(row=1, column=1, value=kind.title)
    title.font = styles.Font(name=_TITLE_FONT, size=18, bold=True)
    title.alignment = styles.Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    for column, name in enumerate(header, 1):
        cell = ws.cell(row=2, column=column, value=name)
        cell.font = styles.Font(name=_HEADER_FONT, size=12)
        cell.alignment = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = styles.PatternFill("solid", fgColor="D9D9D9")
        cell.border = border
    ws.row_dimensions[2].height = 32
    for column, chars in enumerate(_WIDTHS[kind], 1):
        ws.column_dimensions[utils.get_column_letter(column)].width = chars

    row = 3
    body = styles.Font(name=_BODY_FONT, size=_BODY_PT)
    for at, (_page, items) in enumerate(page_runs(edition.items(kind))):
        if at:
            ws.row_breaks.append(breaks.Break(id=row - 1))
        for item in items:
            cells = item_cells(item, "\n")
            ws.row_dimensions[row].height = _row_height(cells, _WIDTHS[kind])
            for column, text in enumerate(cells, 1):
                value: str | int = item.number if column == 1 else text
                cell = ws.cell(row=row, column=column, value=value)
                cell.font = body
                cell.border = border
                cell.alignment = styles.Alignment(
                    horizontal="center" if column <= 2 else "left",
                    vertical="center" if column <= 2 else "top",
                    wrap_text=True,
                )
            row += 1

    first = next((item.page for item in edition.items(kind)), None)
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape" if kind in _LANDSCAPE else "portrait"
    if first is not None:
        setup.firstPageNumber = first
        setup.useFirstPageNumber = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = require(
        "openpyxl.worksheet.page", extra="office", feature=_FEATURE_WRITE
    ).PageMargins(left=0.6, right=0.6, top=0.8, bottom=0.8, header=0.4, footer=0.4)
    ws.print_title_rows = "2:2"
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "— &P —"
    ws.freeze_panes = "A3"


def export_xlsx(edition: Edition) -> bytes:
    """Write an edition as a workbook in the published layout, a sheet per list.

    Args:
        edition: The edition.

    Returns:
        The .xlsx file's bytes.

    Raises:
        ExportError: The items' pages cannot be marked by page breaks (a page
            skipped, or some items without a page).
        MissingExtraError: openpyxl is not installed (the ``office`` extra).
    """
    openpyxl = require("openpyxl", extra="office", feature=_FEATURE_WRITE)
    check_pages(edition, "workbook")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for kind in ListKind:
        _sheet(workbook.create_sheet(kind.title), edition, kind)
    workbook.properties.title = edition.meta.title
    workbook.properties.creator = "dutyledger"
    # A fixed time, so the same edition always gives the same bytes.
    workbook.properties.created = workbook.properties.modified = datetime(2000, 1, 1)
    out = io.BytesIO()
    workbook.save(out)
    # The zip entries carry a time too: the edition's date (or SOURCE_DATE_EPOCH).
    return stable_zip(out.getvalue(), document_time(edition.meta.date))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _sheet_blocks(ws: Worksheet) -> Iterator[Block]:
    merged: dict[tuple[int, int], Any] = {}
    for cells in ws.merged_cells.ranges:
        value = ws.cell(row=cells.min_row, column=cells.min_col).value
        for r in range(cells.min_row, cells.max_row + 1):
            for c in range(cells.min_col, cells.max_col + 1):
                merged[r, c] = value
    breaks = {brk.id for brk in ws.row_breaks.brk if brk.id}
    setup = ws.page_setup
    first_page = (
        int(setup.firstPageNumber) if setup.useFirstPageNumber and setup.firstPageNumber else None
    )
    hint = list_title(ws.title)
    rows: list[GridRow] = []
    started = False
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if r - 1 in breaks and rows:
            yield Grid(
                rows=tuple(rows),
                hint=None if started else hint,
                first_page=None if started else first_page,
            )
            yield PageBreak()
            started, rows = True, []
        cells = tuple(
            Cell(
                text=_text(merged.get((r, c), value)),
                where=f"{ws.title}!{ws.cell(row=r, column=c).coordinate}",
            )
            for c, value in enumerate(values, start=1)
        )
        rows.append(GridRow(cells=cells, where=f"{ws.title}!{r}:{r}"))
    if rows or not started:
        yield Grid(
            rows=tuple(rows),
            hint=None if started else hint,
            first_page=None if started else first_page,
        )


def xlsx_blocks(data: bytes, name: str) -> Iterator[Block]:
    """The blocks of a workbook: each sheet's rows as a grid, cut at its manual page breaks.

    Raises:
        MissingExtraError: openpyxl is not installed (the ``office`` extra).
    """
    openpyxl = require("openpyxl", extra="office", feature=_FEATURE_READ)
    with warnings.catch_warnings():  # what openpyxl cannot take is read and reported per cell
        warnings.simplefilter("ignore", UserWarning)
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    for ws in workbook.worksheets:
        yield from _sheet_blocks(ws)
