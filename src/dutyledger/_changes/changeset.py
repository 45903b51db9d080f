"""The change set: an immutable, ordered collection of change records.

Like a JSON patch, a change set is falsy when empty, can be inverted, and
applied: ``diff(a, b).apply(a) == b`` and ``diff(a, b).invert() == diff(b, a)``.
Its order is canonical (edition records first, then by the item's place in
the new edition, then by kind), so two change sets with the same records are
equal whatever order they were made in.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, overload

import attrs
from typing_extensions import TypeVar

from dutyledger._changes.blocks import BlockReassigned
from dutyledger._changes.kinds import CHANGE_KINDS, Change, ListReordered
from dutyledger._edition.records import (
    Edition,
    EditionStatus,
    Item,
    ListKind,
    departments_named,
    list_of,
)
from dutyledger.exceptions import UnknownNameError

if TYPE_CHECKING:
    from dutyledger._changes.indicators import Indicators

__all__ = ["CLERICAL_KINDS", "ChangeSet", "EditionLabel", "Presorted"]

# The records a change set holds: any change by default; one class after filter(kind=Class).
# (typing_extensions: a TypeVar with a default, PEP 696, for Python before 3.13.)
C_co = TypeVar("C_co", bound=Change, default=Change, covariant=True)
K = TypeVar("K", bound=Change)

CLERICAL_KINDS = frozenset(kind for kind, cls in CHANGE_KINDS.items() if cls.group == "clerical")
"""The kinds kept out of summaries unless asked for: 序号, page, id, wording, order."""


class Presorted(tuple[Change, ...]):
    """Changes already in canonical order; a change set takes them without sorting again.

    :func:`dutyledger.diff` sorts its records as it makes them, while their
    items are at hand; sorting them again would read every item once more.
    """

    __slots__ = ()


def _canonical(changes: Iterable[Change]) -> tuple[Change, ...]:
    if type(changes) is Presorted:
        return tuple(changes)
    return tuple(sorted(changes, key=_SORT_KEY))


_SORT_KEY = operator.methodcaller("sort_key")


@attrs.frozen(kw_only=True)
class EditionLabel:
    """Which edition a change set or a crosswalk was made from.

    Attributes:
        title: The edition's title.
        date: Its date.
        status: Official, draft or illustrative.
        namespace: Its id namespace.
    """

    title: str
    date: str
    status: EditionStatus
    namespace: str

    @classmethod
    def of(cls, edition: Edition) -> EditionLabel:
        """Return the label of an edition."""
        meta = edition.meta
        return cls(title=meta.title, date=meta.date, status=meta.status, namespace=meta.namespace)


def _record_departments(change: Change) -> set[str]:
    found: set[str] = set()
    for name in ("department", "old_department", "new_department"):
        ref = getattr(change, name, None)
        if ref is not None:
            found.add(ref.department)
    if isinstance(change, BlockReassigned):
        found.update(r.department for r in (*change.old_departments, *change.new_departments))
    return found


@attrs.frozen(kw_only=True)
class ChangeSet(Generic[C_co]):
    """Every change between two editions, each said once, in canonical order.

    ``ChangeSet`` alone means ``ChangeSet[Change]``; ``filter(kind=Moved)``
    gives a ``ChangeSet[Moved]``.

    Iterate it for the records; ``len()`` counts them; it is falsy when empty.

    Attributes:
        old: The edition the changes start from, if known.
        new: The edition they lead to, if known.
        changes: The change records, sorted canonically on construction.
    """

    old: EditionLabel | None = None
    new: EditionLabel | None = None
    changes: tuple[C_co, ...] = attrs.field(default=(), converter=_canonical)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __repr__(self) -> str:
        # Each change holds its items whole: a repr names the editions and counts the kinds.
        def label(edition: EditionLabel | None) -> str:
            return "?" if edition is None else f"{edition.date} {edition.status.value}"

        counts = Counter(change.kind for change in self.changes)
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
        return (
            f"{type(self).__name__}({label(self.old)} → {label(self.new)}: "
            f"{len(self.changes)} changes{': ' + kinds if kinds else ''})"
        )

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[C_co]:
        return iter(self.changes)

    @overload
    def __getitem__(self, index: int) -> C_co: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[C_co, ...]: ...
    def __getitem__(self, index: int | slice) -> C_co | tuple[C_co, ...]:
        return self.changes[index]

    def _evolve(self, changes: Iterable[Change]) -> ChangeSet[Any]:
        return ChangeSet(old=self.old, new=self.new, changes=tuple(changes))

    @overload
    def filter(
        self,
        *,
        kind: type[K],
        list: ListKind | None = None,
        category: str | None = None,
        department: str | None = None,
        clerical: bool = True,
    ) -> ChangeSet[K]: ...
    @overload
    def filter(
        self,
        *,
        kind: str | Iterable[str | type[Change]] | None = None,
        list: ListKind | None = None,
        category: str | None = None,
        department: str | None = None,
        clerical: bool = True,
    ) -> ChangeSet[C_co]: ...
    def filter(
        self,
        *,
        kind: str | type[Any] | Iterable[str | type[Change]] | None = None,
        list: ListKind | None = None,
        category: str | None = None,
        department: str | None = None,
        clerical: bool = True,
    ) -> ChangeSet[Any]:
        """Return the changes that meet every condition given.

        Given one change class as ``kind``, the result is typed as a change set
        of that class (``for moved in changes.filter(kind=Moved)`` gives
        :class:`Moved` records to a type checker).

        Args:
            kind: A kind tag (``"moved"``), a change class, or several.
            list: Changes touching this list: an item of it before or after.
            category: Changes about an item of this 事项类别, before or after.
            department: Changes about an item that names this department id
                (departments, receivers or a block heading), before or after,
                or that add, remove or reassign it.
            clerical: Keep clerical changes (序号, page, id, wording, order).

        Returns:
            A change set with the same labels and the changes kept.

        Raises:
            UnknownNameError: ``kind`` names no change kind (also a ``KeyError``).
        """
        kinds: set[str] | None = None
        if kind is not None:
            wanted = [kind] if isinstance(kind, str | type) else kind
            kinds = {k if isinstance(k, str) else k.kind for k in wanted}
            unknown = kinds - CHANGE_KINDS.keys()
            if unknown:
                raise UnknownNameError("change kind", min(unknown), tuple(CHANGE_KINDS))
        kept = []
        for change in self.changes:
            items = (*change.old_items(), *change.new_items())
            if kinds is not None and change.kind not in kinds:
                continue
            if not clerical and change.group == "clerical":
                continue
            if list is not None and list not in self._lists(change, items):
                continue
            if category is not None and all(i.category != category for i in items):
                continue
            if department is not None and not (
                department in _record_departments(change)
                or any(department in departments_named(i) for i in items)
            ):
                continue
            kept.append(change)
        return self._evolve(kept)

    @staticmethod
    def _lists(change: Change, items: tuple[Item, ...]) -> set[ListKind]:
        if isinstance(change, ListReordered):
            return {change.list}
        return {list_of(i) for i in items}

    def substantive(self) -> ChangeSet:
        """Return the changes policy staff ask about: no clerical and no edition records."""
        return self._evolve(c for c in self.changes if c.group == "item")

    def counts(self, *, clerical: bool = False) -> dict[str, int]:
        """Count the item changes per kind, in the canonical order of kinds.

        Args:
            clerical: Count the clerical kinds too (序号, page, id, wording, order).

        Returns:
            ``{kind: count}`` for each kind present; edition records are not counted.
        """
        counts = dict.fromkeys(CHANGE_KINDS, 0)
        for change in self.changes:
            if change.group == "item" or (clerical and change.group == "clerical"):
                counts[change.kind] += 1
        return {kind: n for kind, n in counts.items() if n}

    def counts_by_list(self, *, clerical: bool = False) -> dict[ListKind, dict[str, int]]:
        """Count the item changes per list and kind.

        A change counts in every list it touches: a move from 基本 to 收回
        counts in both.

        Args:
            clerical: Count the clerical kinds too.

        Returns:
            ``{list: {kind: count}}``, every list present, kinds as in :meth:`counts`.
        """
        return {kind: self.filter(list=kind).counts(clerical=clerical) for kind in ListKind}

    def invert(self) -> ChangeSet:
        """Return the change set read from new to old: ``diff(b, a)`` for ``diff(a, b)``."""
        return ChangeSet(
            old=self.new, new=self.old, changes=tuple(c.invert() for c in self.changes)
        )

    def apply(self, edition: Edition) -> Edition:
        """Apply the changes to the old edition; see :func:`dutyledger.apply`."""
        from dutyledger._changes.patch import apply

        return apply(self, edition)

    def indicators(self) -> Indicators:
        """Return the indicators policy staff ask about; see :func:`dutyledger.indicators`."""
        from dutyledger._changes.indicators import indicators

        return indicators(self)
