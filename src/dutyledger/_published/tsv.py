"""Export: an edition written back in the published-text layout.

The output is what :func:`dutyledger.ingest_text` reads: the cover, 说明, 目录,
then each table with its title line and header row, the header repeated where
the page changes, one tab-separated row per item with 序号 first, duty texts as
plain text. Ingesting the output with the edition's own metadata gives an equal
edition.
"""

from __future__ import annotations

from dutyledger._edition.duty_text import render_duty_text, render_recall_entries
from dutyledger._edition.records import CooperativeItem, Edition, Item, ListKind, RecalledItem
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


def export_tsv(edition: Edition) -> str:
    """Write an edition in the published layout, tab-separated.

    Args:
        edition: The edition.

    Returns:
        The text, ending with a newline.

    Raises:
        ExportError: A text holds a tab or a line break, which the layout
            cannot carry; every such item is named.
    """
    problems = [
        Problem(
            where=f"$.{kind.value}[{index}]",
            message=f"序号 {item.number}: a text holds a tab or a line break; "
            "expected text the tab-separated layout can carry",
        )
        for kind in ListKind
        for index, item in enumerate(edition.items(kind))
        if any("\t" in cell or "\n" in cell or "\r" in cell for cell in item_cells(item))
    ]
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
                # One header row per page break, as the published text repeats it.
                for _ in range(item.page - page):
                    out += ["", header]
                page = item.page
            out.append("\t".join(item_cells(item)))
        out.append("")
    return "\n".join(out)
