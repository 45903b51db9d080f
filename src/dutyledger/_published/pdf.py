"""The lists from a PDF, as Word or WPS prints them: text, with ruled tables.

pdfplumber (on pdfminer.six) finds each page's tables by their ruling lines and
reads their cells; the text outside the tables is read line by line, and lines
are joined into paragraphs by their geometry: a line that fills the text width
and is followed by one that starts at the left margin (not indented, not
centred) goes on in the next; lines are joined without a space, with one where
the join falls between Latin letters or digits. Each page starts with a page
break, so a row's page is its list's first page in the 目录 plus the pages
since the list's title; without a 目录, it is the PDF's own page number.

A scanned PDF has no text layer: it is refused with what to do.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

import attrs

from dutyledger._extras import require
from dutyledger._published.assemble import squash
from dutyledger._published.tables import (
    Block,
    Cell,
    Grid,
    GridRow,
    PageBreak,
    Paragraph,
    list_title,
)
from dutyledger.exceptions import IngestError, Problem

__all__ = ["pdf_blocks"]

_FEATURE = "reading a PDF"
_CONTENTS_LINE = re.compile(r"^\d+\.\s*\S+?\s*(?:[.…·]{2,}|\t)\s*\d+$")
_ALNUM = re.compile(r"[A-Za-z0-9%]")
_PART = re.compile(r"^(?:\d{1,2}\.(?!\d)|[一二三四五六七八九十]+、)")
_SLACK = 0.6  # of a character: the margin a wrapped line may still leave, beyond its next word


@attrs.define
class _Line:
    """A line of text with what wrapping needs: its extent and its first word's width."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    lead: float
    where: str

    @classmethod
    def of(cls, line: dict[str, Any], where: str) -> _Line:
        chars = [c for c in line["chars"] if c["text"].strip()]
        size = max((float(c["size"]) for c in chars), default=12.0)
        word = 1
        if chars and _ALNUM.match(chars[0]["text"]):
            while word < len(chars) and _ALNUM.match(chars[word]["text"]):
                word += 1
        lead = sum(float(c["x1"]) - float(c["x0"]) for c in chars[:word])
        return cls(
            line["text"],
            float(line["x0"]),
            float(line["x1"]),
            float(line["top"]),
            size,
            lead,
            where,
        )

    def wraps_into(self, after: _Line, right: float) -> bool:
        """Whether this line ended only because ``after``'s first word did not fit."""
        return right - self.x1 < after.lead + self.size * (1 + _SLACK)


def _join(before: str, after: str) -> str:
    """Join a wrapped line to the next: a space only where two Latin words or numbers meet.

    A line breaks at a space, which the PDF then does not show, or between two
    characters that need none (Chinese, or Chinese and a digit). Only between
    two Latin letters or digits is the space certain; ``单位 and 个人`` broken
    after 单位 comes back as ``单位and 个人`` (``docs/sources.md``).
    """
    space = " " if _ALNUM.match(before[-1:]) and _ALNUM.match(after[:1]) else ""
    return before + space + after


def _lines(chars: list[dict[str, Any]], where: str, blanks: bool) -> list[_Line]:
    """The text lines of some characters (a page's, a cell's), spaces only where the PDF has them.

    Word and LibreOffice set Latin letters and digits a little apart from
    Chinese (autospace); such a gap is not a space. Where the PDF writes its
    spaces as characters (``blanks``), only those count.
    """
    if not chars:
        return []
    utils = require("pdfplumber.utils", extra="office", feature=_FEATURE)
    options: dict[str, Any] = {"keep_blank_chars": True, "x_tolerance": 1e6} if blanks else {}
    raw = utils.chars_to_textmap(chars, **options).extract_text_lines(strip=True, return_chars=True)
    return [_Line.of(line, f"{where}第{at}行") for at, line in enumerate(raw, 1)]


@attrs.define
class _Joiner:
    """Joins the lines outside tables into paragraphs, across pages."""

    open: _Line | None = None
    left: float = 0.0
    right: float = 0.0

    def margins(self, lines: list[_Line]) -> None:
        if lines:
            self.left = min(line.x0 for line in lines)
            self.right = max(line.x1 for line in lines)

    @staticmethod
    def _standalone(line: _Line) -> bool:
        text = line.text.strip()
        return (
            bool(_CONTENTS_LINE.match(text))
            or list_title(text) is not None
            or squash(text) in {"说明", "目录"}
        )

    def _goes_on(self, line: _Line) -> bool:
        """Whether ``line`` goes on with the open paragraph: it wrapped into a plain line."""
        return (
            self.open is not None
            and not self._standalone(self.open)
            and not self._standalone(line)
            and line.x0 <= self.left + line.size * _SLACK
            and self.open.wraps_into(line, self.right)
        )

    def feed(self, line: _Line) -> Iterator[Block]:
        if self.open is not None and self._goes_on(line):
            self.open = attrs.evolve(self.open, text=_join(self.open.text, line.text), x1=line.x1)
            return
        yield from self.close()
        self.open = line

    def end_page(self) -> Iterator[Block]:
        """At the foot of a page: close the open paragraph unless it may go on overleaf."""
        line = self.open
        if line is not None and (
            self._standalone(line) or line.x1 < self.right - line.size * (1 + _SLACK)
        ):
            yield from self.close()

    def close(self) -> Iterator[Block]:
        if self.open is not None:
            yield Paragraph(text=self.open.text.strip(), where=self.open.where)
        self.open = None


def _cell_text(
    chars: list[dict[str, Any]],
    bbox: tuple[float, float, float, float] | None,
    where: str,
    blanks: bool,
) -> str:
    """A cell's text: wrapped lines joined, the lines the writer broke kept apart.

    A line wrapped if the next line's first word would not have fitted after
    it, unless the next line starts a part of its own (``2.``, ``二、``). A
    character belongs to the cell its middle is in, as pdfplumber's own
    ``extract()`` has it.
    """
    if bbox is None:
        return ""
    x0, top, x1, bottom = bbox
    inside = [
        c
        for c in chars
        if x0 <= (float(c["x0"]) + float(c["x1"])) / 2 <= x1
        and top <= (float(c["top"]) + float(c["bottom"])) / 2 <= bottom
    ]
    lines = _lines(inside, where, blanks)
    if not lines:
        return ""
    padding = max(0.0, min(line.x0 for line in lines) - x0)
    right = x1 - padding
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        text = line.text.strip()
        if (
            out
            and previous is not None
            and previous.wraps_into(line, right)
            and not _PART.match(text)
        ):
            out[-1] = _join(out[-1], text)
        else:
            out.append(text)
        previous = line
    return "\n".join(out)


def _page_blocks(page: Any, number: int, joiner: _Joiner, blanks: bool) -> Iterator[Block]:
    tables = page.find_tables()
    rest = page
    for table in tables:
        rest = rest.outside_bbox(table.bbox)
    lines = _lines(rest.chars, f"第{number}页 ", blanks)
    joiner.margins(lines)
    events: list[tuple[float, int, Any]] = [(line.top, 0, line) for line in lines]
    events += [(float(table.bbox[1]), 1, (k, table)) for k, table in enumerate(tables, 1)]
    for _, what, thing in sorted(events, key=lambda e: (e[0], e[1])):
        if what == 0:
            yield from joiner.feed(thing)
            continue
        yield from joiner.close()
        k, table = thing
        rows = []
        for r, row in enumerate(table.rows, 1):
            cells = tuple(
                Cell(text=_cell_text(page.chars, bbox, where, blanks), where=where)
                for c, bbox in enumerate(row.cells, 1)
                for where in (f"第{number}页 表{k} 第{r}行 第{c}列",)
            )
            rows.append(GridRow(cells=cells, where=f"第{number}页 表{k} 第{r}行"))
        yield Grid(rows=tuple(rows))


def pdf_blocks(data: bytes, name: str) -> Iterator[Block]:
    """The blocks of a PDF: per page, a page break, then its paragraphs and tables by position.

    Raises:
        IngestError: The file is not a readable PDF, or has no text layer (a scan).
        MissingExtraError: pdfplumber is not installed (the ``office`` extra).
    """
    pdfplumber = require("pdfplumber", extra="office", feature=_FEATURE)
    pdfminer = require("pdfminer.pdfparser", extra="office", feature=_FEATURE)
    errors = require("pdfplumber.utils.exceptions", extra="office", feature=_FEATURE)
    blocks: list[Block] = []
    # pdfminer logs what it repairs in a damaged file ("Invalid MediaBox …") as warnings,
    # which Python would print on stderr; a file it cannot read is one IngestError instead.
    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not any(page.chars for page in pdf.pages):
                message = (
                    "no text layer (a scanned PDF): run OCR first (e.g. ocrmypdf), "
                    "or ingest the Word or Excel file the PDF was printed from"
                )
                raise IngestError(name, [Problem(where="file", message=message)])
            joiner = _Joiner()
            blanks = any(c["text"] == " " for page in pdf.pages for c in page.chars)
            for number, page in enumerate(pdf.pages, 1):
                if number > 1:
                    blocks.append(PageBreak(page=number))
                blocks.extend(_page_blocks(page, number, joiner, blanks))
                blocks.extend(joiner.end_page())
            blocks.extend(joiner.close())
    except IngestError:
        raise
    except (
        errors.PdfminerException,
        errors.MalformedPDFException,  # a page box that is not numbers, found by fuzzing
        pdfminer.PDFSyntaxError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,  # a page box of fewer than four numbers, found by fuzzing
    ) as exc:
        message = f"cannot be read as a PDF: {exc.__class__.__name__}: {exc}"
        raise IngestError(name, [Problem(where="file", message=message)]) from None
    finally:
        quiet.setLevel(level)
    return iter(blocks)
