"""Reading the lists out of tables, whatever file the tables come in.

A workbook, a Word document and a PDF are each turned by their reader into one
stream of :class:`Paragraph`, :class:`Grid` and :class:`PageBreak` blocks, in
document order; :class:`TableReader` reads that stream the same way for all
three (``docs/sources.md``):

* paragraphs before the first list title are the cover, 说明 and 目录;
* a list starts at its title: a paragraph or a row whose only text ends with
  the list's title (``附件1 基本履职事项清单``), or a sheet named after it;
* a header row names the columns, in any of the accepted spellings
  (:data:`COLUMN_SPELLINGS`), and may repeat on every page;
* other rows above the first header of a list are title rows, and are skipped;
* a row with a 序号 is an item; a blank 事项类别 takes the category above it
  (a merged cell, or a category written once); a wholly blank row is skipped;
* in a PDF, a row without 序号 at the top of a page is the rest of the row the
  page break cut (``continuations``);
* a line break inside a cell separates parts of a duty text, as markup does
  in the published text (rule N9 of ``docs/normalisation.md``).

Anything else is a problem named by its cell or page; no row is dropped or
merged silently.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from dutyledger._edition.records import ListKind
from dutyledger._published.assemble import (
    HEADERS,
    PreambleReader,
    SourceParts,
    SourceRow,
    read_number,
    squash,
)
from dutyledger.exceptions import Problem

__all__ = [
    "COLUMN_SPELLINGS",
    "Block",
    "Cell",
    "Grid",
    "GridRow",
    "PageBreak",
    "Paragraph",
    "TableReader",
    "list_title",
    "read_blocks",
]

COLUMN_SPELLINGS: dict[str, tuple[str, ...]] = {
    "序号": ("序号", "编号"),
    "事项类别": ("事项类别", "类别"),
    "事项名称": ("事项名称", "履职事项名称", "事项"),
    "对应上级部门": ("对应上级部门", "配合部门", "责任部门", "上级部门"),
    "上级部门职责": ("上级部门职责",),
    "乡镇配合职责": ("乡镇配合职责",),
    "承接部门及工作方式": ("承接部门及工作方式", "承接部门及方式"),
}
"""Every header spelling accepted for a column (whitespace inside ignored)."""

_SPELLING = {
    spelling: column for column, spellings in COLUMN_SPELLINGS.items() for spelling in spellings
}
_TITLE_LIMIT = 40


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph (or a line of a PDF) outside any table."""

    text: str
    where: str


@attrs.frozen(kw_only=True)
class Cell:
    """One cell: its text (line breaks kept) and its place (``基本履职事项清单!C17``)."""

    text: str
    where: str


@attrs.frozen(kw_only=True)
class GridRow:
    """One row of a table."""

    cells: tuple[Cell, ...]
    where: str


@attrs.frozen(kw_only=True)
class Grid:
    """A table, or a part of one.

    Attributes:
        rows: The rows, top to bottom.
        hint: The list a sheet's name says it holds, if it says one.
        first_page: The page a sheet says its first row stands on (a workbook's
            起始页码), if it says.
    """

    rows: tuple[GridRow, ...]
    hint: ListKind | None = None
    first_page: int | None = None


@attrs.frozen(kw_only=True)
class PageBreak:
    """A page break; ``page`` is the new page's number where the source has real pages (PDF)."""

    page: int | None = None


Block = Paragraph | Grid | PageBreak


def list_title(text: str) -> ListKind | None:
    """The list whose title ``text`` is: short, and ending with the title."""
    squashed = squash(text)
    if len(squashed) > _TITLE_LIMIT:
        return None
    return next((kind for kind in ListKind if squashed.endswith(kind.title)), None)


def _kind_of_columns(columns: tuple[str, ...]) -> ListKind:
    if "上级部门职责" in columns or "乡镇配合职责" in columns:
        return ListKind.COOPERATIVE
    if "承接部门及工作方式" in columns:
        return ListKind.RECALLED
    return ListKind.BASIC


def _as_lines(text: str) -> str:
    """N9: each line of a cell is a piece of its own, as ``<p>`` makes one."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    return lines[0] if len(lines) == 1 else "".join(f"<p>{line}</p>" for line in lines)


@attrs.define
class _Open:
    """A row being read: its cells by column, still open for a continuation."""

    where: str
    cells: dict[str, str]
    cell_where: dict[str, str]
    page: int | None


@attrs.define
class TableReader:
    """Reads a stream of blocks into :class:`SourceParts` (see the module docstring).

    Attributes:
        problems: Where problems go, each with its place.
        continuations: Whether a row without 序号 at the top of a page
            continues the row the page break cut (true for a PDF).
        physical_pages: Whether :class:`PageBreak` numbers are the source's
            own pages, to use where the 目录 gives no first page (a PDF).
    """

    problems: list[Problem]
    continuations: bool = False
    physical_pages: bool = False
    preamble: PreambleReader = attrs.field(init=False)
    rows: dict[ListKind, list[_Open]] = attrs.Factory(lambda: {k: [] for k in ListKind})
    kind: ListKind | None = None
    columns: dict[int, str] | None = None
    page: int | None = 1
    breaks: int = 0
    first_page: int | None = None
    top_of_page: bool = False
    titled: bool = False

    def __attrs_post_init__(self) -> None:
        self.preamble = PreambleReader(self.problems)

    def _problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where=where, message=message))

    def _start(self, kind: ListKind, *, titled: bool, first_page: int | None = None) -> None:
        self.preamble.close()
        if self.rows[kind] and titled:
            self._problem(
                self.rows[kind][-1].where,
                f"{kind.title} starts a second time; expected each list once",
            )
        self.kind, self.columns, self.titled, self.breaks = kind, None, titled, 0
        contents = self.preamble.first_page(kind)
        if first_page is not None:
            self.first_page = first_page
        elif contents is not None:
            self.first_page = contents
        else:
            self.first_page = self.page if self.physical_pages else None

    def _row_page(self) -> int | None:
        return None if self.first_page is None else self.first_page + self.breaks

    def read(self, blocks: Iterable[Block]) -> SourceParts:
        """Read every block, then return what was found."""
        for block in blocks:
            if isinstance(block, PageBreak):
                if block.page is not None:
                    self.page = block.page
                elif self.page is not None:
                    self.page += 1
                if self.kind is not None:
                    self.breaks += 1
                self.top_of_page = True
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            else:
                self._grid(block)
        self.preamble.close()
        if not any(self.rows.values()) and not self.problems:
            self._problem(
                "file",
                "found no list; expected a table with a header row 序号 | 事项类别 | 事项名称 …",
            )
        return SourceParts(
            cover=tuple(self.preamble.cover),
            sections=tuple(self.preamble.sections),
            contents=tuple(self.preamble.contents),
            rows=tuple((kind, tuple(self._finish(kind, rows))) for kind, rows in self.rows.items()),
        )

    def _paragraph(self, block: Paragraph) -> None:
        kind = list_title(block.text)
        if kind is not None:
            self._start(kind, titled=True)
        elif self.kind is None:
            self.preamble.feed(block.where, block.text)
        elif squash(block.text) and not self._page_furniture(block.text):
            self._problem(
                block.where,
                f"text between the rows of {self.kind.title}; expected a table row or a list title",
            )

    @staticmethod
    def _page_furniture(text: str) -> bool:
        """A page number (``— 12 —``, ``12``, ``第 12 页``) printed between tables."""
        bare = squash(text).strip("—-－第页")
        return bare.isdigit()

    def _grid(self, grid: Grid) -> None:
        if grid.hint is not None and (self.kind is not grid.hint or grid.first_page is not None):
            self._start(grid.hint, titled=False, first_page=grid.first_page)
        for row in grid.rows:
            self._row(row, grid)
        self.top_of_page = False

    def _texts(self, row: GridRow) -> list[str]:
        return [c.text.strip() for c in row.cells]

    def _header(self, row: GridRow) -> dict[int, str] | None:
        found: dict[int, str] = {}
        for index, cell in enumerate(row.cells):
            text = squash(cell.text)
            if not text:
                continue
            column = _SPELLING.get(text)
            if column is None:
                return None
            found[index] = column
        values = set(found.values())
        return found if "序号" in values and "事项名称" in values else None

    def _row(self, row: GridRow, grid: Grid) -> None:
        texts = self._texts(row)
        filled = [t for t in texts if t]
        if not filled:
            return
        header = self._header(row)
        if header is not None:
            self._take_header(row, header, grid)
            return
        if len(set(filled)) == 1 and (kind := list_title(filled[0])) is not None:
            self._start(kind, titled=True, first_page=grid.first_page)
            return
        if self.columns is None or self.kind is None:
            if self.kind is None and not self.rows[ListKind.BASIC] and len(set(filled)) == 1:
                return  # a title row above the first table (the document's title)
            if self.kind is not None and len(set(filled)) == 1:
                return  # a title row between a list's title and its header
            self._problem(
                row.where,
                "a row before any header row; expected a header 序号 | 事项类别 | 事项名称 …",
            )
            return
        self._data(row)

    def _take_header(self, row: GridRow, header: dict[int, str], grid: Grid) -> None:
        columns = tuple(header.values())
        kind = _kind_of_columns(columns)
        if self.kind is None or (self.kind is not kind and not self.titled):
            self._start(kind, titled=False, first_page=grid.first_page)
        current = self.kind
        if current is not kind:
            assert current is not None
            self._problem(
                row.where,
                f"the header has the columns of {kind.title}, but the title says {current.title}; "
                f"expected {' | '.join(HEADERS[current])}",
            )
            self.columns = None
            return
        missing = [c for c in HEADERS[kind] if c not in columns]
        if missing:
            self._problem(
                row.where,
                f"the header lacks {'、'.join(missing)}; expected {' | '.join(HEADERS[kind])}",
            )
            self.columns = None
            return
        self.columns = header

    def _data(self, row: GridRow) -> None:
        assert self.kind is not None
        assert self.columns is not None
        cells: dict[str, str] = {}
        wheres: dict[str, str] = {}
        for index, column in self.columns.items():
            cell = row.cells[index] if index < len(row.cells) else Cell(text="", where=row.where)
            cells[column] = cell.text.strip()
            wheres[column] = cell.where
        stray = [
            cell.where
            for index, cell in enumerate(row.cells)
            if index not in self.columns and cell.text.strip()
        ]
        for where in stray:
            self._problem(where, "text in a column the header does not name; expected it empty")
        rows = self.rows[self.kind]
        number = cells["序号"]
        if not number:
            if self.continuations and self.top_of_page and rows:
                for column, text in cells.items():
                    if text and column != "序号":
                        joined = rows[-1].cells[column]
                        rows[-1].cells[column] = f"{joined}\n{text}" if joined else text
                return
            self._problem(wheres["序号"], "a row without 序号; expected a whole number")
            return
        self.top_of_page = False
        value = read_number(number)
        if value == 1 and rows and read_number(rows[-1].cells["序号"]) is not None:
            self._problem(
                wheres["序号"],
                f"序号 starts again at 1 inside {self.kind.title} (after {rows[-1].cell_where['序号']}); "
                "expected a list title row before a new list",
            )
        if not cells["事项类别"]:
            if rows:
                cells["事项类别"] = rows[-1].cells["事项类别"]
            else:
                self._problem(
                    wheres["事项类别"],
                    "事项类别 is empty in the first row of the list; expected a category",
                )
        rows.append(_Open(where=row.where, cells=cells, cell_where=wheres, page=self._row_page()))

    def _finish(self, kind: ListKind, rows: list[_Open]) -> list[SourceRow]:
        header = HEADERS[kind]
        return [
            SourceRow(
                where=row.where,
                cells=tuple(
                    row.cells[c] if c == "序号" else _as_lines(row.cells[c]) for c in header
                ),
                cell_where=tuple(row.cell_where[c] for c in header),
                page=row.page,
            )
            for row in rows
        ]


def read_blocks(
    blocks: Iterable[Block],
    problems: list[Problem],
    *,
    continuations: bool = False,
    physical_pages: bool = False,
) -> SourceParts:
    """Read a reader's stream of blocks into the parts of an edition."""
    reader = TableReader(problems, continuations=continuations, physical_pages=physical_pages)
    return reader.read(blocks)
