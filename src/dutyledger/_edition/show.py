"""``show``: an edition at a glance — per list and category counts, departments and their items.

The overview is typed data (:class:`Overview`); the terminal table and the JSON
form are two ways of writing it.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence

import attrs

from dutyledger._edition.codec import make_converter
from dutyledger._edition.records import Edition, ListKind
from dutyledger._edition.safe_text import json_safe

__all__ = [
    "CategoryCount",
    "DepartmentCount",
    "ListOverview",
    "Overview",
    "overview",
    "overview_json",
    "text_table",
]

OVERVIEW_FORMAT = "dutyledger.overview/1"


@attrs.frozen(kw_only=True)
class CategoryCount:
    """How many items of one list fall in one category (事项类别)."""

    category: str
    items: int


@attrs.frozen(kw_only=True)
class DepartmentCount:
    """How many items of one list name one department (an identity, all spellings)."""

    department: str
    name: str
    items: int
    spellings: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ListOverview:
    """One list of an edition, counted.

    Attributes:
        list: Which list.
        items: Number of items.
        starred: Number of items with ★.
        categories: Per category, in order of first use.
        departments: Per department, most items first (then by name).
    """

    list: ListKind
    items: int
    starred: int
    categories: tuple[CategoryCount, ...]
    departments: tuple[DepartmentCount, ...]


@attrs.frozen(kw_only=True)
class Overview:
    """An edition at a glance: which one, and each list counted."""

    title: str
    township: str
    date: str
    status: str
    lists: tuple[ListOverview, ...]


def overview(edition: Edition) -> Overview:
    """Count an edition per list, per category and per department.

    Args:
        edition: The edition.

    Returns:
        The overview. Departments are counted as identities: an item that
        names one department in two spellings counts once for it.
    """
    names = {d.id: d.name for d in edition.departments}
    lists = []
    for kind in ListKind:
        items = edition.items(kind)
        categories = Counter(item.category for item in items)
        per_department: Counter[str] = Counter()
        spellings: dict[str, dict[str, None]] = {}
        for item in items:
            refs = getattr(item, "departments", ())
            for dept in dict.fromkeys(ref.department for ref in refs):
                per_department[dept] += 1
            for ref in refs:
                spellings.setdefault(ref.department, {})[ref.written] = None
        departments = sorted(
            per_department.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0]))
        )
        lists.append(
            ListOverview(
                list=kind,
                items=len(items),
                starred=sum(item.starred for item in items),
                categories=tuple(CategoryCount(category=c, items=n) for c, n in categories.items()),
                departments=tuple(
                    DepartmentCount(
                        department=dept,
                        name=names.get(dept, dept),
                        items=count,
                        spellings=tuple(spellings[dept]),
                    )
                    for dept, count in departments
                ),
            )
        )
    meta = edition.meta
    return Overview(
        title=meta.title,
        township=meta.jurisdiction.township,
        date=meta.date,
        status=meta.status.value,
        lists=tuple(lists),
    )


def overview_json(view: Overview) -> str:
    """Return the overview as JSON (``dutyledger.overview/1``), UTF-8 unescaped."""
    data = {"format": OVERVIEW_FORMAT, **make_converter().unstructure(view)}
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def text_table(title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A plain-text table: title, header, a rule, the rows; numbers right-aligned.

    Columns are measured in terminal cells, so Chinese text lines up.
    """
    numeric = [all(row[i].isdigit() or row[i] == "—" for row in rows) for i in range(len(header))]
    widths = [max(_width(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        padded = (_pad(c, w, right=n) for c, w, n in zip(cells, widths, numeric, strict=True))
        return "  ".join(padded).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return [title, line(header), rule, *(line(row) for row in rows), ""]


def render_overview_terminal(view: Overview, *, width: int | None = None) -> str:
    """Render the overview as plain-text tables, one per list and breakdown.

    The tables line up in a terminal (Chinese characters count two columns)
    and read the same in a log or a file: no colour, no box drawing beyond
    the header rule.

    Args:
        view: The overview.
        width: Accepted for compatibility; the tables take the width their
            cells need.

    Returns:
        The text to print.
    """
    del width  # the plain tables size to their content
    from dutyledger._edition.safe_text import visible_record

    # The edition's texts: control characters shown, never sent.
    view = visible_record(view)
    lines = [f"{view.title}  {view.date} · {view.status}", ""]
    totals = [
        (
            row.list.title,
            str(row.items),
            str(len(row.categories)),
            "—" if row.list is ListKind.BASIC else str(len(row.departments)),
            str(row.starred),
        )
        for row in view.lists
    ]
    lines += text_table("各清单", ("清单", "事项", "类别", "部门", "★"), totals)
    for row in view.lists:
        if not row.items:
            continue
        categories = [(cat.category, str(cat.items)) for cat in row.categories]
        lines += text_table(f"{row.list.title} · 按类别", ("事项类别", "事项"), categories)
        if row.departments:
            departments = [
                (
                    dept.name,
                    str(dept.items),
                    "、".join(s for s in dept.spellings if s != dept.name),
                )
                for dept in row.departments
            ]
            lines += text_table(f"{row.list.title} · 按部门", ("部门", "事项", "写法"), departments)
    return "\n".join(lines)
