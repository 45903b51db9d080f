"""Change records for duty texts: steps and department blocks.

A duty text (上级部门职责, 乡镇配合职责) is a tuple of blocks, each an optional
heading (``一、县农业农村局：`` or a topic), an optional lead and steps; 工作方式
of a 收回 item is one text per receiver entry. Changes are told at the level of
the step (added, removed, reworded) and of the block (added, removed, moved to
another department, retitled).

Places are indices into the JSON arrays, counting from 0: ``block`` is the
index in ``blocks`` (for 工作方式: in ``receivers``), ``step`` the index in the
block's ``steps``, or ``None`` for the block's lead (for 工作方式: the method).
So a change at block 1, step 2 of 乡镇配合职责 is about
``township_duties.blocks[1].steps[2]``.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import attrs

from dutyledger._changes.base import (
    RANK_OF_TYPE,
    ChangeGroup,
    Column,
    MatchSource,
    Span,
    invert_spans,
    position,
)
from dutyledger._edition.records import DeptRef, Item, ListKind, list_of

__all__ = [
    "BlockAdded",
    "BlockReassigned",
    "BlockRemoved",
    "BlockRetitled",
    "PairMixin",
    "StepAdded",
    "StepRemoved",
    "StepReworded",
]

_COLUMN_RANK = {column: rank for rank, column in enumerate(Column)}


def _step_key(step: int | None) -> int:
    return -1 if step is None else step


class PairMixin:
    """What every record about one matched pair of items shares.

    Attributes (declared by each record class):
        match: How the two items were paired: by id, confirmed in a crosswalk,
            or inferred from content.
        confidence: How sure the pairing is, 0 to 1 (1 for ids and confirmed
            pairs; the similarity for inferred ones).
        old: The item in the old edition.
        new: The item in the new edition.
    """

    __slots__ = ()

    group: ClassVar[ChangeGroup] = "item"
    rank: ClassVar[int] = 0
    match: MatchSource
    confidence: float
    old: Item
    new: Item

    @property
    def old_list(self) -> ListKind:
        """The list of the old item."""
        return list_of(self.old)

    @property
    def new_list(self) -> ListKind:
        """The list of the new item."""
        return list_of(self.new)

    @property
    def old_number(self) -> int:
        """序号 of the old item."""
        return self.old.number

    @property
    def new_number(self) -> int:
        """序号 of the new item."""
        return self.new.number

    def old_items(self) -> tuple[Item, ...]:
        """The items of the old edition this change is about."""
        return (self.old,)

    def new_items(self) -> tuple[Item, ...]:
        """The items of the new edition this change is about."""
        return (self.new,)

    def _swapped(self) -> dict[str, Any]:
        return {
            "match": self.match,
            "confidence": self.confidence,
            "old": self.new,
            "new": self.old,
        }

    def _detail(self) -> tuple[Any, ...]:
        return ()

    def sort_key(self) -> tuple[Any, ...]:
        """Where the change sorts in a change set: at the new item's place."""
        new = self.new
        rank = RANK_OF_TYPE.get(type(new))
        if rank is None:
            rank = position(new)[0]
        return (1, rank, new.number, new.id, self.rank, self._detail())


@attrs.frozen(kw_only=True)
class StepAdded(PairMixin):
    """A step (or a lead, or a 工作方式) added to a duty text.

    Attributes:
        column: The duty text.
        block: The block's index in the new item's text.
        step: The step's index in that block; ``None`` for the lead.
        text: The text added.
    """

    kind: ClassVar[Literal["step_added"]] = "step_added"
    term: ClassVar[str] = "职责增加"

    match: MatchSource
    confidence: float
    column: Column
    block: int
    step: int | None
    text: str
    old: Item
    new: Item

    def invert(self) -> StepRemoved:
        """Return the change read from new to old."""
        return StepRemoved(
            **self._swapped(), column=self.column, block=self.block, step=self.step, text=self.text
        )

    def _detail(self) -> tuple[Any, ...]:
        return (_COLUMN_RANK[self.column], self.block, _step_key(self.step), self.text)


@attrs.frozen(kw_only=True)
class StepRemoved(PairMixin):
    """A step (or a lead, or a 工作方式) removed from a duty text.

    Attributes:
        column: The duty text.
        block: The block's index in the old item's text.
        step: The step's index in that block; ``None`` for the lead.
        text: The text removed.
    """

    kind: ClassVar[Literal["step_removed"]] = "step_removed"
    term: ClassVar[str] = "职责删减"

    match: MatchSource
    confidence: float
    column: Column
    block: int
    step: int | None
    text: str
    old: Item
    new: Item

    def invert(self) -> StepAdded:
        """Return the change read from new to old."""
        return StepAdded(
            **self._swapped(), column=self.column, block=self.block, step=self.step, text=self.text
        )

    def _detail(self) -> tuple[Any, ...]:
        return (_COLUMN_RANK[self.column], self.block, _step_key(self.step), self.text)


@attrs.frozen(kw_only=True)
class StepReworded(PairMixin):
    """A step (or a lead, or a 工作方式) reworded in place.

    Attributes:
        column: The duty text.
        old_block: The block's index in the old text.
        old_step: The step's index in the old block; ``None`` for the lead.
        new_block: The block's index in the new text.
        new_step: The step's index in the new block; ``None`` for the lead.
        old_text: The old wording.
        new_text: The new wording.
        similarity: How alike the two are, 0 to 1.
        spans: The character-level diff from old to new.
    """

    kind: ClassVar[Literal["step_reworded"]] = "step_reworded"
    term: ClassVar[str] = "职责表述修改"

    match: MatchSource
    confidence: float
    column: Column
    old_block: int
    old_step: int | None
    new_block: int
    new_step: int | None
    old_text: str
    new_text: str
    similarity: float
    spans: tuple[Span, ...]
    old: Item
    new: Item

    def invert(self) -> StepReworded:
        """Return the change read from new to old."""
        return StepReworded(
            **self._swapped(),
            column=self.column,
            old_block=self.new_block,
            old_step=self.new_step,
            new_block=self.old_block,
            new_step=self.old_step,
            old_text=self.new_text,
            new_text=self.old_text,
            similarity=self.similarity,
            spans=invert_spans(self.spans),
        )

    def _detail(self) -> tuple[Any, ...]:
        return (
            _COLUMN_RANK[self.column],
            self.new_block,
            _step_key(self.new_step),
            self.old_block,
            _step_key(self.old_step),
        )


@attrs.frozen(kw_only=True)
class BlockAdded(PairMixin):
    """A whole block (heading and steps) added to a duty text.

    Attributes:
        column: The duty text.
        block: The block's index in the new item's text.
    """

    kind: ClassVar[Literal["block_added"]] = "block_added"
    term: ClassVar[str] = "职责块增加"

    match: MatchSource
    confidence: float
    column: Column
    block: int
    old: Item
    new: Item

    def invert(self) -> BlockRemoved:
        """Return the change read from new to old."""
        return BlockRemoved(**self._swapped(), column=self.column, block=self.block)

    def _detail(self) -> tuple[Any, ...]:
        return (_COLUMN_RANK[self.column], self.block)


@attrs.frozen(kw_only=True)
class BlockRemoved(PairMixin):
    """A whole block removed from a duty text.

    Attributes:
        column: The duty text.
        block: The block's index in the old item's text.
    """

    kind: ClassVar[Literal["block_removed"]] = "block_removed"
    term: ClassVar[str] = "职责块删减"

    match: MatchSource
    confidence: float
    column: Column
    block: int
    old: Item
    new: Item

    def invert(self) -> BlockAdded:
        """Return the change read from new to old."""
        return BlockAdded(**self._swapped(), column=self.column, block=self.block)

    def _detail(self) -> tuple[Any, ...]:
        return (_COLUMN_RANK[self.column], self.block)


@attrs.frozen(kw_only=True)
class BlockReassigned(PairMixin):
    """A department block moved to another department: same duties, new heading.

    ``一、县农业农村局：1.… 2.…`` becoming ``一、县林草局：1.… 2.…``. Steps changed
    inside the block are told as step changes besides.

    Attributes:
        column: The duty text.
        old_block: The block's index in the old text.
        new_block: The block's index in the new text.
        old_departments: The departments the old heading names.
        new_departments: The departments the new heading names.
    """

    kind: ClassVar[Literal["block_reassigned"]] = "block_reassigned"
    term: ClassVar[str] = "职责转由其他部门"

    match: MatchSource
    confidence: float
    column: Column
    old_block: int
    new_block: int
    old_departments: tuple[DeptRef, ...]
    new_departments: tuple[DeptRef, ...]
    old: Item
    new: Item

    def invert(self) -> BlockReassigned:
        """Return the change read from new to old."""
        return BlockReassigned(
            **self._swapped(),
            column=self.column,
            old_block=self.new_block,
            new_block=self.old_block,
            old_departments=self.new_departments,
            new_departments=self.old_departments,
        )

    def _detail(self) -> tuple[Any, ...]:
        return (_COLUMN_RANK[self.column], self.new_block, self.old_block)


@attrs.frozen(kw_only=True)
class BlockRetitled(PairMixin):
    """A block's heading changed otherwise than to another department.

    A topic heading reworded, a heading added to or taken from a block, a topic
    heading that became a department heading or the other way round.

    Attributes:
        column: The duty text.
        old_block: The block's index in the old text.
        new_block: The block's index in the new text.
        old_title: The old heading's title; ``None`` if it had no heading.
        new_title: The new heading's title; ``None`` if it has none.
    """

    kind: ClassVar[Literal["block_retitled"]] = "block_retitled"
    term: ClassVar[str] = "职责块标题调整"

    match: MatchSource
    confidence: float
    column: Column
    old_block: int
    new_block: int
    old_title: str | None
    new_title: str | None
    old: Item
    new: Item

    def invert(self) -> BlockRetitled:
        """Return the change read from new to old."""
        return BlockRetitled(
            **self._swapped(),
            column=self.column,
            old_block=self.new_block,
            new_block=self.old_block,
            old_title=self.new_title,
            new_title=self.old_title,
        )

    def _detail(self) -> tuple[Any, ...]:
        return (_COLUMN_RANK[self.column], self.new_block, self.old_block)
