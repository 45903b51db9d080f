"""The typed records of an edition.

Every record is frozen, keyword-only and slotted; collections are tuples, so
records hash and compare by value. Records hold the text of the published list
exactly (after the documented normalisation rules, see ``docs/normalisation.md``);
nothing here rewrites it.
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Iterator

import attrs

from dutyledger._edition.departments import Department, DepartmentRegistry, DeptRef
from dutyledger.exceptions import UnknownNameError

__all__ = [
    "BasicItem",
    "Block",
    "ContentsEntry",
    "CooperativeItem",
    "Department",
    "DeptRef",
    "DutyText",
    "Edition",
    "EditionMeta",
    "EditionSource",
    "EditionStatus",
    "Heading",
    "Item",
    "Jurisdiction",
    "ListDeclaration",
    "ListKind",
    "Preamble",
    "PreambleSection",
    "RecallEntry",
    "RecalledItem",
    "Step",
]


class ListKind(enum.Enum):
    """The three lists of a township; the value is the key in the edition file."""

    BASIC = "basic"
    COOPERATIVE = "cooperative"
    RECALLED = "recalled"

    @property
    def title(self) -> str:
        """The list's title as the published text writes it."""
        return _LIST_TITLES[self]


_SHORT_TITLES = {ListKind.BASIC: "基本", ListKind.COOPERATIVE: "配合", ListKind.RECALLED: "收回"}

_LIST_TITLES = {
    ListKind.BASIC: "基本履职事项清单",
    ListKind.COOPERATIVE: "配合履职事项清单",
    ListKind.RECALLED: "上级部门收回事项清单",
}


class EditionStatus(enum.Enum):
    """How far an edition can be relied on."""

    OFFICIAL = "official"
    """Published by the township or its government."""
    DRAFT = "draft"
    """A draft under consultation."""
    ILLUSTRATIVE = "illustrative"
    """Made up for examples and tests; never official."""


@attrs.frozen(kw_only=True)
class Jurisdiction:
    """Where the township sits, one name per administrative level."""

    province: str
    city: str
    county: str
    township: str


@attrs.frozen(kw_only=True)
class EditionSource:
    """Where the text of an edition came from.

    Attributes:
        description: What the source is, in words (publisher, document).
        file: The source text kept with the edition, relative to the edition
            file's folder, if any.
        url: Where it was published, if known.
    """

    description: str
    file: str | None = None
    url: str | None = None


@attrs.frozen(kw_only=True)
class EditionMeta:
    """Facts about an edition that are not items.

    Attributes:
        title: The document's title.
        jurisdiction: The township and the levels above it.
        date: The edition's date, ``YYYY-MM`` or ``YYYY-MM-DD``.
        status: Official, draft or illustrative.
        source: Where the text came from.
        namespace: The prefix of every item id this edition's ingest minted;
            two editions ingested independently never share a namespace.
        note: Anything a reader must know (for an illustrative edition: that
            it is hypothetical).
    """

    title: str
    jurisdiction: Jurisdiction
    date: str
    status: EditionStatus
    source: EditionSource
    namespace: str
    note: str | None = None


@attrs.frozen(kw_only=True)
class PreambleSection:
    """One numbered section of the preamble (说明), its paragraphs verbatim."""

    title: str
    paragraphs: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ListDeclaration:
    """What the preamble declares about one list.

    Attributes:
        list: Which list.
        categories: The category names, in the declared order.
        category_count: The number of categories the text states.
        item_count: The number of items the text states.
        department_count: The number of departments (部门（单位）) the text
            states, for the cooperative and recalled lists.
    """

    list: ListKind
    categories: tuple[str, ...]
    category_count: int
    item_count: int
    department_count: int | None = None


@attrs.frozen(kw_only=True)
class ContentsEntry:
    """A line of the table of contents (目录)."""

    title: str
    page: int


@attrs.frozen(kw_only=True)
class Preamble:
    """The text before the tables: title lines, 说明 and 目录.

    Attributes:
        title_lines: The cover lines, verbatim (jurisdiction, title, date).
        sections: The sections of 说明 (基本情况, 编制过程, 清单内容 ...).
        declarations: Per list, the declared categories and totals, read from
            the section that describes the lists.
        contents: The table of contents, giving each list's first page.
    """

    title_lines: tuple[str, ...]
    sections: tuple[PreambleSection, ...]
    declarations: tuple[ListDeclaration, ...]
    contents: tuple[ContentsEntry, ...]

    def declaration(
        self, list: ListKind | None = None, *, kind: ListKind | None = None
    ) -> ListDeclaration | None:
        """Return the declaration for one list, if the preamble makes one.

        Args:
            list: The list.
            kind: The old name of ``list``; deprecated.
        """
        wanted = required_list(list, kind, "Preamble.declaration")
        return next((d for d in self.declarations if d.list is wanted), None)


@attrs.frozen(kw_only=True)
class Step:
    """One step of a duty text. ``number`` is ``None`` where the text has none."""

    number: int | None
    text: str


@attrs.frozen(kw_only=True)
class Heading:
    """The head of a block: ``一、县委组织部：``.

    Attributes:
        number: The ordinal (1 for 一).
        title: The words between ``一、`` and ``：``, verbatim.
        departments: The departments the title names; empty when the title
            is a topic, not a department.
    """

    number: int
    title: str
    departments: tuple[DeptRef, ...] = ()


@attrs.frozen(kw_only=True)
class Block:
    """A part of a duty text: an optional heading, an optional lead, steps."""

    heading: Heading | None
    lead: str | None
    steps: tuple[Step, ...]


@attrs.frozen(kw_only=True)
class DutyText:
    """A duty text as structure: one or more blocks of steps."""

    blocks: tuple[Block, ...]

    def steps(self) -> Iterator[Step]:
        """Every step, in order, across blocks."""
        for block in self.blocks:
            yield from block.steps

    def texts(self) -> Iterator[str]:
        """Every piece of text (heading titles, leads, steps), in order."""
        for block in self.blocks:
            if block.heading is not None:
                yield block.heading.title
            if block.lead is not None:
                yield block.lead
            for step in block.steps:
                yield step.text


@attrs.frozen(kw_only=True)
class RecallEntry:
    """Who took a recalled duty back, and how (承接部门及工作方式)."""

    departments: tuple[DeptRef, ...]
    method: str


@attrs.frozen(kw_only=True)
class BasicItem:
    """An item of 基本履职事项清单: a duty the township owns.

    Attributes:
        id: Stable id; independent of the list and of 序号.
        number: 序号 in its list.
        category: 事项类别.
        name: 事项名称, without the ★ mark.
        starred: Whether the name carries the ★ mark.
        page: The page of the published list the row stands on.
    """

    id: str
    number: int
    category: str
    name: str
    starred: bool = False
    page: int | None = None


@attrs.frozen(kw_only=True)
class CooperativeItem:
    """An item of 配合履职事项清单: a duty the township supports.

    Attributes:
        id: Stable id; independent of the list and of 序号.
        number: 序号 in its list.
        category: 事项类别.
        name: 事项名称, without the ★ mark.
        starred: Whether the name carries the ★ mark.
        page: The page of the published list the row stands on.
        departments: 对应上级部门, in the order written (the first leads).
        upstream_duties: 上级部门职责.
        township_duties: 乡镇配合职责.
    """

    id: str
    number: int
    category: str
    name: str
    departments: tuple[DeptRef, ...]
    upstream_duties: DutyText
    township_duties: DutyText
    starred: bool = False
    page: int | None = None


@attrs.frozen(kw_only=True)
class RecalledItem:
    """An item of 上级部门收回事项清单: a duty taken back upstream.

    Attributes:
        id: Stable id; independent of the list and of 序号.
        number: 序号 in its list.
        category: 事项类别.
        name: 事项名称, without the ★ mark.
        starred: Whether the name carries the ★ mark.
        page: The page of the published list the row stands on.
        receivers: 承接部门及工作方式: who took it, and how, per entry.
    """

    id: str
    number: int
    category: str
    name: str
    receivers: tuple[RecallEntry, ...]
    starred: bool = False
    page: int | None = None

    @property
    def departments(self) -> tuple[DeptRef, ...]:
        """Every department named by the receivers, in order."""
        return tuple(ref for entry in self.receivers for ref in entry.departments)


Item = BasicItem | CooperativeItem | RecalledItem
"""An item of any of the three lists."""


@attrs.frozen(kw_only=True)
class Edition:
    """One dated edition of a township's three lists.

    Attributes:
        meta: Title, jurisdiction, date, status, source and id namespace.
        preamble: The text before the tables, with its declarations.
        departments: The department registry the items' mentions resolve to.
        basic: 基本履职事项清单, in 序号 order as published.
        cooperative: 配合履职事项清单.
        recalled: 上级部门收回事项清单.
    """

    meta: EditionMeta
    preamble: Preamble
    departments: tuple[Department, ...]
    basic: tuple[BasicItem, ...]
    cooperative: tuple[CooperativeItem, ...]
    recalled: tuple[RecalledItem, ...]

    def __repr__(self) -> str:
        # The whole edition is ~100k characters: a repr says which edition and how big.
        meta = self.meta
        counts = ", ".join(f"{len(self.items(kind))} {_SHORT_TITLES[kind]}" for kind in ListKind)
        return (
            f"{type(self).__name__}({meta.jurisdiction.township} {meta.date} "
            f"{meta.status.value}: {counts})"
        )

    def items(
        self, list: ListKind | None = None, *, kind: ListKind | None = None
    ) -> tuple[Item, ...]:
        """Return the items of one list, or of all three in list order.

        Args:
            list: The list (all three if ``None``).
            kind: The old name of ``list``; deprecated, as ``kind`` elsewhere
                names a change kind.
        """
        if kind is not None:
            list = list_argument(list, kind, "Edition.items")
        if list is ListKind.BASIC:
            return self.basic
        if list is ListKind.COOPERATIVE:
            return self.cooperative
        if list is ListKind.RECALLED:
            return self.recalled
        return (*self.basic, *self.cooperative, *self.recalled)

    def registry(self) -> DepartmentRegistry:
        """Return the department registry, to resolve mentions (the first entry wins a clash)."""
        return DepartmentRegistry.of(self.departments)

    def items_naming(self, department_id: str) -> tuple[Item, ...]:
        """Return the items that name a department: in their departments, a block heading, or as a receiver.

        Args:
            department_id: The department's id in the registry (``county.finance``).

        Returns:
            The items, in list order; empty if none names it.

        Raises:
            UnknownNameError: No department of the registry has this id.
        """
        self.department(department_id)  # an unknown id is an error, not an empty answer
        return tuple(item for item in self.items() if department_id in departments_named(item))

    def department(self, department_id: str) -> Department:
        """Return the department with this id.

        Raises:
            UnknownNameError: No department of the registry has this id (also a ``KeyError``).
        """
        for dept in self.departments:
            if dept.id == department_id:
                return dept
        known = tuple(dept.id for dept in self.departments)
        raise UnknownNameError("department id", department_id, known)


def list_argument(
    list: ListKind | None, kind: ListKind | None, method: str, *, stacklevel: int = 3
) -> ListKind | None:
    """The list a method is asked for, warning where the old keyword ``kind`` names it.

    ``kind=`` named a list in a few methods and a change kind in others; it is
    ``list=`` now wherever it means a list. The old keyword keeps working, with a
    :class:`DeprecationWarning`, until the next major version.
    """
    if kind is not None:
        warnings.warn(
            f"{method}(kind=...) is deprecated; use {method.rsplit('.', 1)[-1]}(list=...)",
            DeprecationWarning,
            stacklevel=stacklevel,  # the caller of the method
        )
        return kind
    return list


def required_list(list: ListKind | None, kind: ListKind | None, method: str) -> ListKind:
    """As :func:`list_argument`, for a method that needs a list."""
    wanted = list_argument(list, kind, method, stacklevel=4)
    if wanted is None:
        raise TypeError(f"{method}() needs the list: {method.rsplit('.', 1)[-1]}(list=...)")
    return wanted


def departments_named(item: Item) -> frozenset[str]:
    """Return the ids of every department an item names (columns, block headings, receivers)."""
    found: set[str] = set()
    if isinstance(item, CooperativeItem):
        found.update(ref.department for ref in item.departments)
        for text in (item.upstream_duties, item.township_duties):
            for block in text.blocks:
                if block.heading is not None:
                    found.update(ref.department for ref in block.heading.departments)
    elif isinstance(item, RecalledItem):
        found.update(ref.department for ref in item.departments)
    return frozenset(found)


def list_of(item: Item) -> ListKind:
    """Return the list an item record belongs to."""
    if isinstance(item, BasicItem):
        return ListKind.BASIC
    if isinstance(item, CooperativeItem):
        return ListKind.COOPERATIVE
    return ListKind.RECALLED
