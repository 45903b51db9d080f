"""The lists as a Word document: written in the published layout, and read back.

Written (:func:`export_docx`): the cover, 说明 and 目录 on A4 portrait pages
with the margins of GB/T 9704 (title 宋体 in place of 方正小标宋简体, headings
黑体, body 仿宋 三号), then each list on A4 landscape pages: its title, and its
table with the header row repeated on every page, borders, ★ before the name
and each part of a duty text a paragraph of its own inside the cell. The lists'
pages are numbered from 1 as the 目录 counts them; where the edition has pages,
a page break falls where the published list broke the page.

Read (:func:`docx_blocks`): paragraphs and tables in document order, the
explicit page breaks between them, by :mod:`dutyledger._published.tables`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from dutyledger._edition.records import Edition, Item, ListKind
from dutyledger._edition.stable_zip import document_time, property_text, stable_zip
from dutyledger._extras import require
from dutyledger._published.assemble import COVER_DATE, HEADERS, squash
from dutyledger._published.layout import check_pages, page_runs
from dutyledger._published.tables import Block, Cell, Grid, GridRow, PageBreak, Paragraph
from dutyledger._published.tsv import item_cells

__all__ = ["docx_blocks", "export_docx"]

_FEATURE_WRITE = "the Word export"
_FEATURE_READ = "reading a Word document"
_TITLE_FONT = "宋体"  # GB/T 9704: 方正小标宋简体; 宋体 is the fallback every Windows ships
_HEADING_FONT = "黑体"
_BODY_FONT = "仿宋"
_TABLE_PT = 10.5  # 五号: the cooperative list's long duty texts fit a landscape page
# Column widths in millimetres; the landscape type area is 247 mm wide.
_WIDTHS: dict[ListKind, tuple[float, ...]] = {
    ListKind.BASIC: (14, 34, 199),
    ListKind.COOPERATIVE: (12, 22, 38, 37, 69, 69),
    ListKind.RECALLED: (12, 22, 80, 133),
}


def _fonts(target: Any, font: str) -> None:
    """Set a run's or style's font in both slots; Chinese text uses the East Asian one."""
    qn = require("docx.oxml.ns", extra="office", feature=_FEATURE_WRITE).qn
    target.font.name = font
    rpr = (
        target.element.get_or_add_rPr()
        if hasattr(target, "element")
        else target._element.get_or_add_rPr()
    )
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _run(paragraph: Any, text: str, font: str, size: float, *, bold: bool = False) -> None:
    shared = require("docx.shared", extra="office", feature=_FEATURE_WRITE)
    run = paragraph.add_run(text)
    run.font.size = shared.Pt(size)
    run.bold = bold
    _fonts(run, font)


def _paragraph(document: Any, text: str, font: str, size: float, **how: Any) -> Any:
    shared = require("docx.shared", extra="office", feature=_FEATURE_WRITE)
    enum_text = require("docx.enum.text", extra="office", feature=_FEATURE_WRITE)
    paragraph = document.add_paragraph()
    if how.get("centre"):
        paragraph.alignment = enum_text.WD_ALIGN_PARAGRAPH.CENTER
    if how.get("indent"):
        paragraph.paragraph_format.first_line_indent = shared.Pt(size * 2)
    if how.get("exact"):
        paragraph.paragraph_format.line_spacing = shared.Pt(28.9)
    _run(paragraph, text, font, size, bold=how.get("bold", False))
    return paragraph


def _page_break(document: Any) -> None:
    enum_text = require("docx.enum.text", extra="office", feature=_FEATURE_WRITE)
    shared = require("docx.shared", extra="office", feature=_FEATURE_WRITE)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = shared.Pt(0)
    run = paragraph.add_run()
    run.font.size = shared.Pt(1)
    run.add_break(enum_text.WD_BREAK.PAGE)


def _front(document: Any, edition: Edition) -> None:
    """The cover, 说明 and 目录, as the published document has them."""
    shared = require("docx.shared", extra="office", feature=_FEATURE_WRITE)
    enum_text = require("docx.enum.text", extra="office", feature=_FEATURE_WRITE)
    preamble = edition.preamble
    if preamble.title_lines:
        for _ in range(4):
            document.add_paragraph()
        for line in preamble.title_lines:
            dated = COVER_DATE.match(squash(line))
            if dated:
                document.add_paragraph()
                _paragraph(document, line, _BODY_FONT, 16, centre=True)
            else:
                _paragraph(document, line, _TITLE_FONT, 22, centre=True, bold=True)
    if preamble.sections:
        _page_break(document)
        _paragraph(document, "说 明", _TITLE_FONT, 22, centre=True, bold=True)
        for section in preamble.sections:
            _paragraph(document, section.title, _HEADING_FONT, 16, indent=True, exact=True)
            for text in section.paragraphs:
                _paragraph(document, text, _BODY_FONT, 16, indent=True, exact=True)
    if preamble.contents:
        _page_break(document)
        _paragraph(document, "目 录", _TITLE_FONT, 22, centre=True, bold=True)
        right = (
            document.sections[0].page_width
            - document.sections[0].left_margin
            - document.sections[0].right_margin
        )
        for number, entry in enumerate(preamble.contents, 1):
            paragraph = _paragraph(
                document, f"{number}. {entry.title}\t{entry.page}", _BODY_FONT, 16
            )
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                right, enum_text.WD_TAB_ALIGNMENT.RIGHT, enum_text.WD_TAB_LEADER.DOTS
            )
            paragraph.paragraph_format.space_before = shared.Pt(8)


def _repeat_header(row: Any) -> None:
    oxml = require("docx.oxml", extra="office", feature=_FEATURE_WRITE)
    qn = require("docx.oxml.ns", extra="office", feature=_FEATURE_WRITE).qn
    properties = row._tr.get_or_add_trPr()
    header = oxml.OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell: Any, fill: str) -> None:
    oxml = require("docx.oxml", extra="office", feature=_FEATURE_WRITE)
    qn = require("docx.oxml.ns", extra="office", feature=_FEATURE_WRITE).qn
    shading = oxml.OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(
    cell: Any, text: str, *, font: str = _BODY_FONT, centre: bool = False, bold: bool = False
) -> None:
    enum_text = require("docx.enum.text", extra="office", feature=_FEATURE_WRITE)
    shared = require("docx.shared", extra="office", feature=_FEATURE_WRITE)
    for at, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if at == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = shared.Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        if centre:
            paragraph.alignment = enum_text.WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, line, font, _TABLE_PT, bold=bold)


def _table(document: Any, kind: ListKind, items: tuple[Item, ...]) -> None:
    shared = require("docx.shared", extra="office", feature=_FEATURE_WRITE)
    enum_table = require("docx.enum.table", extra="office", feature=_FEATURE_WRITE)
    header = HEADERS[kind]
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = enum_table.WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [shared.Mm(w) for w in _WIDTHS[kind]]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and WPS lay out by
    _repeat_header(table.rows[0])
    for cell, name, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = width
        cell.vertical_alignment = enum_table.WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _shade(cell, "D9D9D9")
        _cell_text(cell, name, font=_HEADING_FONT, centre=True)
    for item in items:
        row = table.add_row()
        for column, (cell, text, width) in enumerate(
            zip(row.cells, item_cells(item, "\n"), widths, strict=True)
        ):
            cell.width = width
            if column < 2:
                cell.vertical_alignment = enum_table.WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _cell_text(cell, text, centre=column < 2)


def _page_numbers(section: Any, start: int | None) -> None:
    """Footer "— N —" (宋体 四号, centred); the lists' pages counted from ``start``."""
    oxml = require("docx.oxml", extra="office", feature=_FEATURE_WRITE)
    qn = require("docx.oxml.ns", extra="office", feature=_FEATURE_WRITE).qn
    enum_text = require("docx.enum.text", extra="office", feature=_FEATURE_WRITE)
    for old in section._sectPr.findall(qn("w:pgNumType")):
        section._sectPr.remove(old)  # a new section copies the one before it
    if start is not None:
        number_type = oxml.OxmlElement("w:pgNumType")
        number_type.set(qn("w:start"), str(start))
        section._sectPr.append(number_type)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = enum_text.WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", _TITLE_FONT, 14)
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if tag is not None:
            field = oxml.OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), tag)
        else:
            field = oxml.OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)
    _run(paragraph, " —", _TITLE_FONT, 14)


def export_docx(edition: Edition) -> bytes:
    """Write an edition as a Word document in the published layout.

    Args:
        edition: The edition.

    Returns:
        The .docx file's bytes.

    Raises:
        ExportError: The items' pages cannot be marked by page breaks (a page
            skipped, or some items without a page).
        MissingExtraError: python-docx is not installed (the ``office`` extra).
    """
    docx = require("docx", extra="office", feature=_FEATURE_WRITE)
    shared = require("docx.shared", extra="office", feature=_FEATURE_WRITE)
    enum_section = require("docx.enum.section", extra="office", feature=_FEATURE_WRITE)
    check_pages(edition, "Word")
    document = docx.Document()
    normal = document.styles["Normal"]
    _fonts(normal, _BODY_FONT)
    normal.font.size = shared.Pt(16)
    first = document.sections[0]
    first.page_width, first.page_height = shared.Mm(210), shared.Mm(297)
    first.top_margin, first.bottom_margin = shared.Mm(37), shared.Mm(35)
    first.left_margin, first.right_margin = shared.Mm(28), shared.Mm(26)
    _front(document, edition)
    for index, kind in enumerate(ListKind):
        items = edition.items(kind)
        if not document.paragraphs and index == 0:
            section = first
        else:
            section = document.add_section(enum_section.WD_SECTION.NEW_PAGE)
        section.orientation = enum_section.WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = shared.Mm(297), shared.Mm(210)
        section.top_margin = section.bottom_margin = shared.Mm(20)
        section.left_margin = section.right_margin = shared.Mm(25)
        contents = next((e.page for e in edition.preamble.contents if e.title == kind.title), 1)
        _page_numbers(section, contents if index == 0 else None)
        _paragraph(document, kind.title, _TITLE_FONT, 18, centre=True, bold=True)
        for at, (_page, run) in enumerate(page_runs(items)):
            if at:
                _page_break(document)
            _table(document, kind, run)
        if not items:
            _table(document, kind, ())
    properties = document.core_properties
    properties.title = property_text(edition.meta.title)
    properties.author = "dutyledger"
    # A fixed time, so the same edition always gives the same bytes.
    properties.created = properties.modified = datetime(2000, 1, 1)
    properties.last_modified_by = "dutyledger"
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    # The zip entries carry a time too: the edition's date (or SOURCE_DATE_EPOCH).
    return stable_zip(out.getvalue(), document_time(edition.meta.date))


def _breaks(element: Any) -> tuple[int, int]:
    """Explicit page breaks at the start and the end of a paragraph: (before, after)."""
    before = (
        1
        if element.xpath("./w:pPr/w:pageBreakBefore[not(@w:val='0') and not(@w:val='false')]")
        else 0
    )
    after = len(element.xpath(".//w:br[@w:type='page']"))
    return before, after


_RENDERED = "lastRenderedPageBreak"


def _rendered(element: Any) -> tuple[int, int]:
    """The pages Word started inside an element, as (at its start, after some of its text)."""
    at_start = after_text = 0
    seen_text = False
    for node in element.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            seen_text = True
        elif tag == _RENDERED:
            if seen_text:
                after_text += 1
            else:
                at_start += 1
    return at_start, after_text


def _grid_blocks(table: Any, number: int, rendered: bool) -> Iterator[Block]:
    """A table's rows as grids, cut where Word last started a page (when it did)."""
    rows: list[GridRow] = []
    for r, row in enumerate(table.rows, 1):
        before, inside = _rendered(row._tr) if rendered else (0, 0)
        if before and rows:
            yield Grid(rows=tuple(rows))
            yield from (PageBreak() for _ in range(before))
            rows = []
        cells = tuple(
            Cell(
                text="\n".join(p.text for p in cell.paragraphs),
                where=f"表{number} 第{r}行 第{c}列",
            )
            for c, cell in enumerate(row.cells, 1)
        )
        rows.append(GridRow(cells=cells, where=f"表{number} 第{r}行"))
        if inside:
            # The row started on the page before; the rows after it stand on the new one.
            yield Grid(rows=tuple(rows))
            yield from (PageBreak() for _ in range(inside))
            rows = []
    if rows:
        yield Grid(rows=tuple(rows))


def docx_blocks(data: bytes, name: str) -> Iterator[Block]:
    """The blocks of a Word document: paragraphs, tables and page breaks, in order.

    Pages come from the page breaks Word recorded where it last laid the
    document out (``w:lastRenderedPageBreak``), in a document Word saved; in
    one it never laid out (dutyledger's export), from the explicit page breaks.

    Raises:
        MissingExtraError: python-docx is not installed (the ``office`` extra).
    """
    docx = require("docx", extra="office", feature=_FEATURE_READ)
    table_type = require("docx.table", extra="office", feature=_FEATURE_READ).Table
    document = docx.Document(io.BytesIO(data))
    rendered = bool(document.element.body.xpath(f".//w:{_RENDERED}"))
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, table_type):
            tables += 1
            yield from _grid_blocks(block, tables, rendered)
            continue
        paragraphs += 1
        before, after = _rendered(block._p) if rendered else _breaks(block._p)
        for _ in range(before):
            yield PageBreak()
        if block.text.strip():
            yield Paragraph(text=block.text, where=f"第{paragraphs}段")
        for _ in range(after):
            yield PageBreak()
