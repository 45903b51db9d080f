"""A one-screen summary of an edition: per list, items, categories, departments, ★."""

from __future__ import annotations

import unicodedata

import attrs

from dutyledger._edition.records import Edition, ListKind
from dutyledger._edition.safe_text import visible

__all__ = ["ListSummary", "format_summary", "summarise", "text_width"]


@attrs.frozen(kw_only=True)
class ListSummary:
    """Counts for one list of an edition.

    Attributes:
        list: Which list.
        items: Number of items.
        categories: Number of distinct categories.
        departments: Number of distinct departments (identities, not
            spellings); ``None`` for 基本, which names none.
        starred: Number of items with the ★ mark.
    """

    list: ListKind
    items: int
    categories: int
    departments: int | None
    starred: int


def summarise(edition: Edition) -> tuple[ListSummary, ...]:
    """Count each list's items, categories, departments and ★ marks."""
    out = []
    for kind in ListKind:
        items = edition.items(kind)
        departments: int | None = None
        if kind is not ListKind.BASIC:
            departments = len(
                {ref.department for item in items for ref in getattr(item, "departments", ())}
            )
        out.append(
            ListSummary(
                list=kind,
                items=len(items),
                categories=len({item.category for item in items}),
                departments=departments,
                starred=sum(item.starred for item in items),
            )
        )
    return tuple(out)


def text_width(text: str) -> int:
    """Return how many terminal columns a text takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(text: str, width: int, *, right: bool) -> str:
    pad = " " * max(width - text_width(text), 0)
    return pad + text if right else text + pad


def format_summary(edition: Edition) -> str:
    """Return the summary as a small aligned table, with a heading naming the edition."""
    meta = edition.meta
    header = ("清单", "事项", "类别", "部门", "★")
    rows = [header]
    for row in summarise(edition):
        departments = "—" if row.departments is None else str(row.departments)
        rows.append(
            (row.list.title, str(row.items), str(row.categories), departments, str(row.starred))
        )
    widths = [max(text_width(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        meta.title,
        f"{meta.jurisdiction.county}{meta.jurisdiction.township} · {meta.date} · {meta.status.value}",
        "",
    ]
    for row_cells in rows:
        cells = [_cell(c, widths[i], right=i > 0) for i, c in enumerate(row_cells)]
        lines.append("  ".join(cells))
    # The edition's title and places are printed: control characters shown, never sent.
    return visible("\n".join(lines), keep="\n") + "\n"
