"""A one-screen summary of an edition: per list, items, categories, departments, ★."""

from __future__ import annotations

import attrs

from dutyledger._model import Edition, ListKind

__all__ = ["ListSummary", "summarise"]


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
