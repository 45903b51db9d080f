"""What the office exports share: the pages of a list, cut at its page breaks.

The workbook and the Word document write each list as the published table:
序号, 事项类别, 事项名称 with ★ before the name, and for 配合 and 收回 the
departments and the duty texts, each heading, lead or step on a line of its own
inside the cell. Both carry the pages of the published list where the edition
has them, so that reading the file back gives every item its page again.
"""

from __future__ import annotations

from collections.abc import Iterator

from dutyledger._edition.records import Edition, Item, ListKind
from dutyledger.exceptions import ExportError, Problem

__all__ = ["check_pages", "page_runs"]


def check_pages(edition: Edition, layout: str) -> None:
    """Refuse an edition whose pages a page-break layout cannot carry.

    A list's items must either all have no page, or run from its first page
    on, each on the page of the item before it or the next one: a page break
    between two rows moves one page on.

    Raises:
        ExportError: Every item whose page cannot be written, by JSON path.
    """
    problems: list[Problem] = []
    for kind in ListKind:
        items = edition.items(kind)
        pages = [item.page for item in items]
        if all(page is None for page in pages):
            continue
        for index, item in enumerate(items):
            before = pages[index - 1] if index else None
            page = item.page
            if page is None:
                message = "has no page while other items of its list have one"
            elif before is not None and page - before not in (0, 1):
                message = f"stands on page {page} after an item on page {before}; expected the same page or the next"
            else:
                continue
            problems.append(
                Problem(
                    where=f"$.{kind.value}[{index}].page",
                    message=f"序号 {item.number} {message} (the {layout} layout marks pages by page breaks between rows)",
                )
            )
    if problems:
        raise ExportError("<edition>", problems)


def page_runs(items: tuple[Item, ...]) -> Iterator[tuple[int | None, tuple[Item, ...]]]:
    """The items of a list cut where the page changes: (page, items on it)."""
    run: list[Item] = []
    for item in items:
        if run and item.page != run[-1].page:
            yield run[0].page, tuple(run)
            run = []
        run.append(item)
    if run:
        yield run[0].page, tuple(run)
