"""Clerical change records (序号, page, id, list order) and the edition-level ones.

Clerical changes are changes of form, kept apart and left out of summaries
unless asked for; edition changes are about the metadata, the preamble and the
department registry. Part of the change vocabulary; :mod:`dutyledger._changes.kinds`
joins every kind.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import attrs

from dutyledger._changes.base import ChangeGroup, MatchSource
from dutyledger._changes.blocks import PairMixin
from dutyledger._changes.fields import FieldChange, field_changes
from dutyledger._edition.records import Department, EditionMeta, Item, ListKind, Preamble

__all__ = [
    "ListReordered",
    "MetaChanged",
    "PreambleChanged",
    "RegistryChanged",
    "Reidentified",
    "Renumbered",
    "Repaged",
]


@attrs.frozen(kw_only=True)
class Renumbered(PairMixin):
    """序号 changed while the item stayed in its list (clerical)."""

    kind: ClassVar[Literal["renumbered"]] = "renumbered"
    term: ClassVar[str] = "序号调整"
    group: ClassVar[ChangeGroup] = "clerical"

    match: MatchSource
    confidence: float
    old: Item
    new: Item

    def invert(self) -> Renumbered:
        """Return the change read from new to old."""
        return Renumbered(**self._swapped())


@attrs.frozen(kw_only=True)
class Repaged(PairMixin):
    """The page the item stands on changed while it stayed in its list (clerical)."""

    kind: ClassVar[Literal["repaged"]] = "repaged"
    term: ClassVar[str] = "页码变化"
    group: ClassVar[ChangeGroup] = "clerical"

    match: MatchSource
    confidence: float
    old: Item
    new: Item

    def invert(self) -> Repaged:
        """Return the change read from new to old."""
        return Repaged(**self._swapped())


@attrs.frozen(kw_only=True)
class Reidentified(PairMixin):
    """The item's id changed: matched by content across editions minted apart (clerical)."""

    kind: ClassVar[Literal["reidentified"]] = "reidentified"
    term: ClassVar[str] = "编号变化"
    group: ClassVar[ChangeGroup] = "clerical"

    match: MatchSource
    confidence: float
    old: Item
    new: Item

    def invert(self) -> Reidentified:
        """Return the change read from new to old."""
        return Reidentified(**self._swapped())


@attrs.frozen(kw_only=True)
class ListReordered:
    """A list's items stand in an order that 序号 alone does not give (clerical).

    Only recorded when the old or the new list is not in strictly rising 序号
    order; otherwise the order follows from the items' 序号.

    Attributes:
        list: The list.
        old_order: The ids of the items in the old list, in order.
        new_order: The ids of the items in the new list, in order.
    """

    kind: ClassVar[Literal["reordered"]] = "reordered"
    rank: ClassVar[int] = 0
    term: ClassVar[str] = "排列顺序调整"
    group: ClassVar[ChangeGroup] = "clerical"

    list: ListKind
    old_order: tuple[str, ...]
    new_order: tuple[str, ...]

    def old_items(self) -> tuple[Item, ...]:
        """Items this change carries: none (it names them by id)."""
        return ()

    def new_items(self) -> tuple[Item, ...]:
        """Items this change carries: none (it names them by id)."""
        return ()

    def invert(self) -> ListReordered:
        """Return the change read from new to old."""
        return ListReordered(list=self.list, old_order=self.new_order, new_order=self.old_order)

    def sort_key(self) -> tuple[Any, ...]:
        """Where the change sorts in a change set: after the items."""
        return (2, _LIST_ORDER[self.list], 0, "", self.rank, ())


_LIST_ORDER = {ListKind.BASIC: 0, ListKind.COOPERATIVE: 1, ListKind.RECALLED: 2}


class _EditionMixin:
    """What the edition-level records share."""

    __slots__ = ()

    rank: ClassVar[int] = 0

    def old_items(self) -> tuple[Item, ...]:
        """Items this change carries: none."""
        return ()

    def new_items(self) -> tuple[Item, ...]:
        """Items this change carries: none."""
        return ()

    def sort_key(self) -> tuple[Any, ...]:
        """Where the change sorts in a change set: first."""
        return (0, 0, 0, "", self.rank, ())

    def fields(self) -> tuple[FieldChange, ...]:
        """Which fields differ, with old and new values (a field-level comparison)."""
        old: Any = getattr(self, "old")  # noqa: B009 - declared by each record class, not here
        new: Any = getattr(self, "new")  # noqa: B009
        return field_changes(old, new)


@attrs.frozen(kw_only=True)
class MetaChanged(_EditionMixin):
    """The edition's metadata changed (date, title, status, source, namespace, note).

    Attributes:
        old: The old metadata.
        new: The new metadata.
    """

    kind: ClassVar[Literal["meta"]] = "meta"
    term: ClassVar[str] = "版本信息"
    group: ClassVar[ChangeGroup] = "edition"

    old: EditionMeta
    new: EditionMeta

    def invert(self) -> MetaChanged:
        """Return the change read from new to old."""
        return MetaChanged(old=self.new, new=self.old)


@attrs.frozen(kw_only=True)
class PreambleChanged(_EditionMixin):
    """The preamble changed (cover, 说明 and its declared totals, 目录).

    Attributes:
        old: The old preamble.
        new: The new preamble.
    """

    kind: ClassVar[Literal["preamble"]] = "preamble"
    term: ClassVar[str] = "说明"
    group: ClassVar[ChangeGroup] = "edition"

    old: Preamble
    new: Preamble

    def invert(self) -> PreambleChanged:
        """Return the change read from new to old."""
        return PreambleChanged(old=self.new, new=self.old)


@attrs.frozen(kw_only=True)
class RegistryChanged(_EditionMixin):
    """The department registry changed: departments, their names or aliases.

    Attributes:
        old: The old registry.
        new: The new registry.
    """

    kind: ClassVar[Literal["registry"]] = "registry"
    term: ClassVar[str] = "部门名录"
    group: ClassVar[ChangeGroup] = "edition"

    old: tuple[Department, ...]
    new: tuple[Department, ...]

    @property
    def added(self) -> tuple[str, ...]:
        """The ids of departments only the new registry has."""
        ids = {d.id for d in self.old}
        return tuple(d.id for d in self.new if d.id not in ids)

    @property
    def removed(self) -> tuple[str, ...]:
        """The ids of departments only the old registry has."""
        ids = {d.id for d in self.new}
        return tuple(d.id for d in self.old if d.id not in ids)

    @property
    def changed(self) -> tuple[str, ...]:
        """The ids of departments in both whose entry (names, aliases, note) differs."""
        old = {d.id: d for d in self.old}
        return tuple(d.id for d in self.new if d.id in old and old[d.id] != d)

    def invert(self) -> RegistryChanged:
        """Return the change read from new to old."""
        return RegistryChanged(old=self.new, new=self.old)
