"""The ledger's records: an edition in the chain, an item's state and events, the timeline.

They are small on purpose: a ledger reads them from its cache without loading
any edition, so ``log`` of one item stays fast over many large editions.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import attrs

from dutyledger._changes.base import MatchSource
from dutyledger._changes.indicators import Indicators
from dutyledger._edition.records import EditionStatus, Jurisdiction, ListKind

__all__ = [
    "BlameLine",
    "Candidate",
    "EditionEntry",
    "ItemEvent",
    "ItemState",
    "LedgerFlow",
    "LinkEvent",
    "LinkPair",
    "TimelineEntry",
    "effective_day",
]

_DATE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$")


def effective_day(date: str) -> datetime.date:
    """The day an edition dated ``date`` takes effect: a month date (``2025-01``) is its first day.

    Raises:
        ValueError: ``date`` is not ``YYYY-MM`` or ``YYYY-MM-DD``, or no such day exists.
    """
    found = _DATE.match(date)
    if found is None:
        raise ValueError(f"expected a date YYYY-MM or YYYY-MM-DD, found {date!r}")
    year, month, day = found.groups()
    return datetime.date(int(year), int(month), int(day or 1))


@attrs.frozen(kw_only=True)
class EditionEntry:
    """An edition of a ledger, known by its metadata until its items are needed.

    Attributes:
        name: The file's name without ``.json`` (``2025-01``); how commands name it.
        path: The edition file, or ``None`` for an edition given in memory.
        title: The edition's title.
        jurisdiction: Its township.
        date: Its date, ``YYYY-MM`` or ``YYYY-MM-DD``.
        status: Official, draft or illustrative.
        namespace: Its id namespace.
        digest: The SHA-256 of the file's bytes (of the canonical JSON for an
            edition in memory); the cache is keyed by it.
    """

    name: str
    path: Path | None
    title: str
    jurisdiction: Jurisdiction
    date: str
    status: EditionStatus
    namespace: str
    digest: str

    @property
    def day(self) -> datetime.date:
        """The day it takes effect (see :func:`effective_day`)."""
        return effective_day(self.date)

    @property
    def official(self) -> bool:
        """Whether the edition is official (not a draft, not illustrative)."""
        return self.status is EditionStatus.OFFICIAL

    @property
    def crosswalk_path(self) -> Path | None:
        """Where a reviewed crosswalk linking the previous edition to this one is kept.

        Beside the edition file: ``2026-01.json`` → ``2026-01.crosswalk.json``.
        """
        if self.path is None:
            return None
        return self.path.with_name(f"{self.path.name.removesuffix('.json')}.crosswalk.json")


@attrs.frozen(kw_only=True)
class ItemState:
    """Where an item stands in one edition, and what it is called.

    Attributes:
        id: Its id in that edition.
        list: Its list.
        number: Its 序号.
        category: 事项类别.
        name: 事项名称 (without ★).
        starred: Whether it carries ★.
        departments: The ids of the departments it names (配合: 对应上级部门;
            收回: 承接部门), in written order; empty for 基本.
    """

    id: str
    list: ListKind
    number: int
    category: str
    name: str
    starred: bool = False
    departments: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``基本履职事项清单 第3项 做好…`` for messages."""
        return f"{self.list.title} 第{self.number}项 {'★' if self.starred else ''}{self.name}"


@attrs.frozen(kw_only=True)
class LinkPair:
    """How items of one edition continue in the next, where it is not simply the same id.

    A pair of different ids, a pair inferred or confirmed, a split (one old,
    several new) or a merge (several old, one new).

    Attributes:
        old: The ids in the earlier edition.
        new: The ids in the later edition.
        source: How they were paired.
        confidence: How sure the pairing is, 0 to 1.
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    source: MatchSource
    confidence: float


@attrs.frozen(kw_only=True)
class LinkEvent:
    """One substantive change between two consecutive editions, as the ledger keeps it.

    Attributes:
        kind: The change kind (``added``, ``moved``, ``renamed`` …; see docs/changes.md).
        term: Its Chinese term; for a move, the direction (上收, 下放, 基本转配合, 配合转基本).
        old: The items before (none for ``added``).
        new: The items after (none for ``removed``).
        detail: What is particular to it, in words (departments, column, names).
        match: How the items were paired, where they were.
        confidence: How sure the pairing is, where they were paired.
    """

    kind: str
    term: str
    old: tuple[ItemState, ...]
    new: tuple[ItemState, ...]
    detail: str = ""
    match: MatchSource | None = None
    confidence: float | None = None


@attrs.frozen(kw_only=True)
class ItemEvent(LinkEvent):
    """An event in an item's history: a change seen in one edition of the ledger.

    The fields of :class:`LinkEvent` — ``kind`` (``listed`` when the item is in
    the ledger's first edition, else a change kind: ``added``, ``removed``,
    ``moved``, ``split``, ``merged``, ``renamed``, ``recategorised``, department
    and duty-text kinds), ``term`` (上收, 下放, 增加, 取消, 分设, 合并, 名称调整 …),
    ``old`` and ``new`` (the item or items before and after), ``detail``,
    ``match``, ``confidence`` — and where it is seen:

    Attributes:
        edition: The edition in which the change is seen (the later of the two).
        date: Its date.
        status: Its status.
        previous: The edition before it in the chain (``None`` for ``listed``).
    """

    edition: str
    date: str
    status: EditionStatus
    previous: str | None


@attrs.frozen(kw_only=True)
class LedgerFlow:
    """Items that went from one list to another between two editions.

    Attributes:
        kind: ``moved`` (from one list to another), ``added`` (增加: from
            nothing), ``removed`` (取消: to nothing), ``regrouped`` (分设 and
            合并: the wholes leave their list, the parts join theirs).
        source: The list they left, or ``None`` for items that entered.
        target: The list they joined, or ``None`` for items that left.
        count: How many.
    """

    kind: str
    source: ListKind | None
    target: ListKind | None
    count: int


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One edition in the timeline: its counts, and how it came from the previous one.

    Attributes:
        edition: The edition's name.
        date: Its date.
        status: Its status.
        lists: Items per list, in list order (基本, 配合, 收回).
        categories: Items per list and 事项类别, in order of first use.
        departments: 配合 and 收回 items per department id (with its name), most first.
        flows: Items between the lists since the previous edition (moves, and
            additions and removals, splits and merges as flows from or to nothing
            or another list); empty for the first edition.
        indicators: Net change per list and the 明减暗增 warnings since the
            previous edition; ``None`` for the first edition.
    """

    edition: str
    date: str
    status: EditionStatus
    lists: tuple[tuple[ListKind, int], ...]
    categories: tuple[tuple[ListKind, str, int], ...]
    departments: tuple[tuple[str, str, int], ...]
    flows: tuple[LedgerFlow, ...] = ()
    indicators: Indicators | None = None

    def count(self, kind: ListKind) -> int:
        """The number of items of one list."""
        return dict(self.lists)[kind]


@attrs.frozen(kw_only=True)
class Candidate:
    """An item a query may mean (``dutyledger log``).

    Attributes:
        id: The item's id.
        name: Its name (the latest the ledger knows under this id).
        edition: The latest edition that holds it under this id and name.
        score: How well the name fits the query, 0 to 1 (1 for an equal id or name).
    """

    id: str
    name: str
    edition: str
    score: float


@attrs.frozen(kw_only=True)
class BlameLine:
    """An item of an edition, with the edition in which it last changed and how.

    Attributes:
        item: The item as it stands in the edition asked about.
        edition: The edition in which it last changed in substance (or in which
            it was first listed).
        date: That edition's date.
        kinds: The change kinds seen there (``listed`` if it has not changed
            since the ledger's first edition).
        terms: Their Chinese terms (上收, 名称调整 …).
    """

    item: ItemState
    edition: str
    date: str
    kinds: tuple[str, ...]
    terms: tuple[str, ...]
