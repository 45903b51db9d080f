"""Export: an edition written back in the published-text layout.

The output is what :func:`dutyledger.ingest_text` reads: the cover, 说明, 目录,
then each table with its title line and header row, the header repeated where
the page changes, one tab-separated row per item with 序号 first, duty texts as
plain text. Ingesting the output with the edition's own metadata gives an equal
edition.
"""

from __future__ import annotations

from collections.abc import Iterator

from dutyledger._edition.duty_text import render_duty_text, render_recall_entries
from dutyledger._edition.records import CooperativeItem, Edition, Item, ListKind, RecalledItem
from dutyledger._edition.safe_text import describe_character, unsafe_characters
from dutyledger._published.assemble import HEADERS, STAR
from dutyledger.exceptions import ExportError, Problem

__all__ = ["export_tsv", "item_cells"]


def item_cells(item: Item, sep: str = " ") -> list[str]:
    """Return an item's cells in the published column order of its list.

    Args:
        item: The item.
        sep: What separates the parts of a duty text (a space in the text
            layout, a line break in an office cell: one part a line).
    """
    cells = [str(item.number), item.category, (STAR if item.starred else "") + item.name]
    if isinstance(item, CooperativeItem):
        cells += [
            "、".join(ref.written for ref in item.departments),
            render_duty_text(item.upstream_duties, sep),
            render_duty_text(item.township_duties, sep),
        ]
    elif isinstance(item, RecalledItem):
        cells.append(render_recall_entries(item.receivers, sep))
    return cells


def _unsafe(where: str, what: str, char: str) -> Problem:
    message = (
        f"{what} holds {describe_character(char)}, which an official text never holds and the "
        "published layout must not carry; expected text (check reports it as DL114)"
    )
    return Problem(where=where, message=message)


def _preamble_problems(edition: Edition) -> Iterator[Problem]:
    """Unsafe characters (line breaks and tabs among them) in the cover, 说明 and 目录."""
    preamble = edition.preamble
    texts = [(f"$.preamble.title_lines[{i}]", t) for i, t in enumerate(preamble.title_lines)]
    for s, section in enumerate(preamble.sections):
        texts.append((f"$.preamble.sections[{s}].title", section.title))
        texts += [
            (f"$.preamble.sections[{s}].paragraphs[{p}]", paragraph)
            for p, paragraph in enumerate(section.paragraphs)
        ]
    texts += [(f"$.preamble.contents[{c}].title", e.title) for c, e in enumerate(preamble.contents)]
    for where, text in texts:
        found = unsafe_characters(text)
        if found:
            yield _unsafe(where, "the text", found[0][1])


def _problems(edition: Edition) -> Iterator[Problem]:
    """Everything the published layout cannot carry, with its JSON path."""
    yield from _preamble_problems(edition)
    contents = {entry.title: entry.page for entry in edition.preamble.contents}
    headers = 0  # header rows the pages need: one per page turned
    biggest: tuple[int, str, int, int] | None = None  # jump, path, from, to
    for kind in ListKind:
        page = contents.get(kind.title)
        for index, item in enumerate(edition.items(kind)):
            where = f"$.{kind.value}[{index}]"
            cells = item_cells(item)
            if any("\t" in cell or "\n" in cell or "\r" in cell for cell in cells):
                message = (
                    f"序号 {item.number}: a text holds a tab or a line break; "
                    "expected text the tab-separated layout can carry"
                )
                yield Problem(where=where, message=message)
            unsafe = [c for cell in cells for _, c in unsafe_characters(cell) if c not in "\t\r\n"]
            if unsafe:
                yield _unsafe(where, f"序号 {item.number}: a text", unsafe[0])
            yield from _heading_problems(item, where)
            if page is not None and item.page is not None and item.page > page:
                jump = item.page - page
                headers += jump
                if biggest is None or jump > biggest[0]:
                    biggest = (jump, f"{where}.page", page, item.page)
                page = item.page
    budget = len(edition.items()) + len(ListKind)
    if headers > budget and biggest is not None:
        _, where, low, high = biggest
        message = (
            f"the page jumps from {low} to {high}; the pages would take {headers} header rows "
            f"for {len(edition.items())} items; expected at most one header row per item "
            "(check reports such jumps as DL406)"
        )
        yield Problem(where=where, message=message)


def _heading_problems(item: Item, where: str) -> Iterator[Problem]:
    if not isinstance(item, CooperativeItem):
        return
    for column in ("upstream_duties", "township_duties"):
        headings = [
            (b, block.heading.number)
            for b, block in enumerate(getattr(item, column).blocks)
            if block.heading is not None
        ]
        for expected, (b, number) in enumerate(headings, 1):
            if number != expected:
                message = (
                    f"序号 {item.number}: a block heading is numbered {number}; expected "
                    f"{expected}, as ingest reads headings (check reports it as DL115)"
                )
                yield Problem(where=f"{where}.{column}.blocks[{b}].heading.number", message=message)
                break


def export_tsv(edition: Edition) -> str:
    """Write an edition in the published layout, tab-separated.

    Args:
        edition: The edition.

    Returns:
        The text, ending with a newline.

    Raises:
        ExportError: What the layout cannot carry, every such place named: a
            text holding a tab, a line break or another character that check
            reports as DL114 (a control character, a lone surrogate); a block
            heading numbered out of sequence (ingest would read it as text);
            pages that would take more header rows (one per page turned) than
            there are items and lists, as a page of 2,000,000 would; the item
            with the biggest jump is named (``check`` reports it as DL406). So
            the output is linear in the items.
    """
    problems = list(_problems(edition))
    if problems:
        raise ExportError("<edition>", problems)
    out: list[str] = []
    preamble = edition.preamble
    if preamble.title_lines:
        out += [*preamble.title_lines, ""]
    if preamble.sections:
        out += ["说 明", ""]
        for section in preamble.sections:
            out += [section.title, ""]
            for paragraph in section.paragraphs:
                out += [paragraph, ""]
    if preamble.contents:
        out += ["目 录", ""]
        out += [
            f"{n}. {entry.title}.....\t{entry.page}" for n, entry in enumerate(preamble.contents, 1)
        ]
        out.append("")
    for kind in ListKind:
        items = edition.items(kind)
        if not items:
            continue
        header = "\t".join(HEADERS[kind])
        out += [kind.title, "", header]
        page = next((e.page for e in preamble.contents if e.title == kind.title), None)
        for item in items:
            if page is not None and item.page is not None and item.page > page:
                # One header row per page break, as the published text repeats it
                # (_problems has bounded their number by the items).
                for _ in range(item.page - page):
                    out += ["", header]
                page = item.page
            out.append("\t".join(item_cells(item)))
        out.append("")
    return "\n".join(out)
