"""``show``: an edition at a glance — per list and category counts, departments and their items.

The overview is typed data (:class:`Overview`); the terminal table and the JSON
form are two ways of writing it.
"""

from __future__ import annotations

import json
from collections import Counter

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


def render_overview_terminal(view: Overview, *, width: int | None = None) -> str:
    """Render the overview as terminal tables (rich), plain when not a terminal.

    Args:
        view: The overview.
        width: The console width; the terminal's own by default.

    Returns:
        The text to print.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from dutyledger._edition.safe_text import visible_record

    # The edition's texts: control characters shown, never sent; no text read as markup.
    view = visible_record(view)
    console = Console(width=width, record=True, highlight=False, soft_wrap=False)
    with console.capture() as capture:
        console.print(f"[bold]{escape(view.title)}[/bold]  {escape(view.date)} · {view.status}")
        totals = Table(title="各清单", title_justify="left")
        for column in ("清单", "事项", "类别", "部门", "★"):
            totals.add_column(column, justify="left" if column == "清单" else "right")
        for row in view.lists:
            departments = "—" if row.list is ListKind.BASIC else str(len(row.departments))
            totals.add_row(
                row.list.title,
                str(row.items),
                str(len(row.categories)),
                departments,
                str(row.starred),
            )
        console.print(totals)
        for row in view.lists:
            if not row.items:
                continue
            categories = Table(title=f"{row.list.title} · 按类别", title_justify="left")
            categories.add_column("事项类别")
            categories.add_column("事项", justify="right")
            for cat in row.categories:
                categories.add_row(escape(cat.category), str(cat.items))
            console.print(categories)
            if row.departments:
                by_department = Table(title=f"{row.list.title} · 按部门", title_justify="left")
                by_department.add_column("部门")
                by_department.add_column("事项", justify="right")
                by_department.add_column("写法")
                for dept in row.departments:
                    others = "、".join(s for s in dept.spellings if s != dept.name)
                    by_department.add_row(escape(dept.name), str(dept.items), escape(others))
                console.print(by_department)
    return capture.get()
