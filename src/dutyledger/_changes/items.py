"""Change records about whole items: presence, list, name, category, ★.

增加 and 取消 (an item in no list of the other edition), 分设 and 合并, moves
between the lists (上收, 下放, 基本 ↔ 配合), 事项名称, 事项类别 and the ★ mark.
Part of the change vocabulary; :mod:`dutyledger._changes.kinds` joins every kind.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import attrs

from dutyledger._changes.base import (
    ChangeGroup,
    Direction,
    MatchSource,
    Span,
    invert_spans,
    position,
)
from dutyledger._changes.blocks import PairMixin
from dutyledger._edition.records import Item, list_of

__all__ = [
    "Added",
    "Merged",
    "Moved",
    "Recategorised",
    "Removed",
    "Renamed",
    "Split",
    "StarCleared",
    "StarSet",
]


def _items_key(items: tuple[Item, ...]) -> tuple[Any, ...]:
    return tuple(position(i) for i in items)


@attrs.frozen(kw_only=True)
class Added:
    """增加: an item of the new edition that is in no list of the old one.

    Attributes:
        new: The item.
    """

    kind: ClassVar[Literal["added"]] = "added"
    rank: ClassVar[int] = 0
    term: ClassVar[str] = "增加"
    group: ClassVar[ChangeGroup] = "item"

    new: Item

    old: ClassVar[None] = None

    def old_items(self) -> tuple[Item, ...]:
        """The items of the old edition this change is about: none."""
        return ()

    def new_items(self) -> tuple[Item, ...]:
        """The items of the new edition this change is about."""
        return (self.new,)

    def invert(self) -> Removed:
        """Return the change read from new to old."""
        return Removed(old=self.new)

    def sort_key(self) -> tuple[Any, ...]:
        """Where the change sorts in a change set."""
        return (1, *position(self.new), self.rank, ())


@attrs.frozen(kw_only=True)
class Removed:
    """取消: an item of the old edition that is in no list of the new one.

    Attributes:
        old: The item.
    """

    kind: ClassVar[Literal["removed"]] = "removed"
    rank: ClassVar[int] = 0
    term: ClassVar[str] = "取消"
    group: ClassVar[ChangeGroup] = "item"

    old: Item

    new: ClassVar[None] = None

    def old_items(self) -> tuple[Item, ...]:
        """The items of the old edition this change is about."""
        return (self.old,)

    def new_items(self) -> tuple[Item, ...]:
        """The items of the new edition this change is about: none."""
        return ()

    def invert(self) -> Added:
        """Return the change read from new to old."""
        return Added(new=self.old)

    def sort_key(self) -> tuple[Any, ...]:
        """Where the change sorts in a change set."""
        return (1, *position(self.old), self.rank, ())


@attrs.frozen(kw_only=True)
class Split:
    """分设: one item of the old edition became several of the new.

    Attributes:
        match: How the parts were found (``inferred``, or ``confirmed`` in a
            crosswalk).
        confidence: How sure the pairing is, 0 to 1.
        old: The item that was split.
        new: The parts, in the order of the new edition.
    """

    kind: ClassVar[Literal["split"]] = "split"
    rank: ClassVar[int] = 0
    term: ClassVar[str] = "分设"
    group: ClassVar[ChangeGroup] = "item"

    match: MatchSource
    confidence: float
    old: Item
    new: tuple[Item, ...]

    def old_items(self) -> tuple[Item, ...]:
        """The items of the old edition this change is about."""
        return (self.old,)

    def new_items(self) -> tuple[Item, ...]:
        """The items of the new edition this change is about."""
        return self.new

    def invert(self) -> Merged:
        """Return the change read from new to old: a merge."""
        return Merged(match=self.match, confidence=self.confidence, old=self.new, new=self.old)

    def sort_key(self) -> tuple[Any, ...]:
        """Where the change sorts in a change set."""
        return (1, *position(self.old), self.rank, _items_key(self.new))


@attrs.frozen(kw_only=True)
class Merged:
    """合并: several items of the old edition became one of the new.

    Attributes:
        match: How the parts were found.
        confidence: How sure the pairing is, 0 to 1.
        old: The items merged, in the order of the old edition.
        new: The item they became.
    """

    kind: ClassVar[Literal["merged"]] = "merged"
    rank: ClassVar[int] = 0
    term: ClassVar[str] = "合并"
    group: ClassVar[ChangeGroup] = "item"

    match: MatchSource
    confidence: float
    old: tuple[Item, ...]
    new: Item

    def old_items(self) -> tuple[Item, ...]:
        """The items of the old edition this change is about."""
        return self.old

    def new_items(self) -> tuple[Item, ...]:
        """The items of the new edition this change is about."""
        return (self.new,)

    def invert(self) -> Split:
        """Return the change read from new to old: a split."""
        return Split(match=self.match, confidence=self.confidence, old=self.new, new=self.old)

    def sort_key(self) -> tuple[Any, ...]:
        """Where the change sorts in a change set."""
        return (1, *position(self.new), self.rank, _items_key(self.old))


@attrs.frozen(kw_only=True)
class Moved(PairMixin):
    """The item moved to another list; ``direction`` names how.

    上收 (基本 or 配合 → 收回), 下放 (收回 → 基本 or 配合), 基本 → 配合, 配合 → 基本.
    The columns only one of the lists has (departments, duty texts, receivers)
    come and go with the move; they are not reported again as department or
    duty-text changes.

    Attributes:
        direction: The direction of the move.
    """

    kind: ClassVar[Literal["moved"]] = "moved"
    term: ClassVar[str] = "调整清单"

    match: MatchSource
    confidence: float
    direction: Direction = attrs.field()
    old: Item
    new: Item

    @direction.validator
    def _check(self, _: object, value: Direction) -> None:
        if value is not Direction.between(list_of(self.old), list_of(self.new)):
            raise ValueError(f"direction {value.value} does not fit the lists of old and new")

    def invert(self) -> Moved:
        """Return the change read from new to old."""
        direction = Direction.between(list_of(self.new), list_of(self.old))
        return Moved(**self._swapped(), direction=direction)


@attrs.frozen(kw_only=True)
class Renamed(PairMixin):
    """事项名称 reworded.

    Attributes:
        similarity: How alike the two names are, 0 to 1 (normalised Indel
            similarity, ``rapidfuzz.fuzz.ratio / 100``).
        spans: The character-level diff from the old name to the new.
    """

    kind: ClassVar[Literal["renamed"]] = "renamed"
    term: ClassVar[str] = "名称调整"

    match: MatchSource
    confidence: float
    similarity: float
    spans: tuple[Span, ...]
    old: Item
    new: Item

    def invert(self) -> Renamed:
        """Return the change read from new to old."""
        return Renamed(
            **self._swapped(), similarity=self.similarity, spans=invert_spans(self.spans)
        )


@attrs.frozen(kw_only=True)
class Recategorised(PairMixin):
    """事项类别 changed; the categories are ``old.category`` and ``new.category``."""

    kind: ClassVar[Literal["recategorised"]] = "recategorised"
    term: ClassVar[str] = "类别调整"

    match: MatchSource
    confidence: float
    old: Item
    new: Item

    def invert(self) -> Recategorised:
        """Return the change read from new to old."""
        return Recategorised(**self._swapped())


@attrs.frozen(kw_only=True)
class StarSet(PairMixin):
    """The ★ mark was set on the item's name."""

    kind: ClassVar[Literal["star_set"]] = "star_set"
    term: ClassVar[str] = "加注★"

    match: MatchSource
    confidence: float
    old: Item
    new: Item

    def invert(self) -> StarCleared:
        """Return the change read from new to old."""
        return StarCleared(**self._swapped())


@attrs.frozen(kw_only=True)
class StarCleared(PairMixin):
    """The ★ mark was taken off the item's name."""

    kind: ClassVar[Literal["star_cleared"]] = "star_cleared"
    term: ClassVar[str] = "取消★"

    match: MatchSource
    confidence: float
    old: Item
    new: Item

    def invert(self) -> StarSet:
        """Return the change read from new to old."""
        return StarSet(**self._swapped())
