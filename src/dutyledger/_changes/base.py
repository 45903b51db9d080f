"""The vocabulary every change record shares: match sources, directions, columns, spans.

Kept apart from the record classes so the item-level and the duty-text records
(``_changes.py``, ``_changes_text.py``) can both use it without importing each
other.
"""

from __future__ import annotations

import enum
from typing import Literal

import attrs

from dutyledger._edition.records import (
    BasicItem,
    CooperativeItem,
    Item,
    ListKind,
    RecalledItem,
    list_of,
)

__all__ = [
    "LIST_RANK",
    "RANK_OF_TYPE",
    "ChangeGroup",
    "Column",
    "Direction",
    "MatchSource",
    "Span",
    "SpanOp",
    "invert_spans",
    "kind_of",
    "position",
]


ChangeGroup = Literal["item", "clerical", "edition"]
"""The group of a change kind: what policy staff ask about, changes of form, or the edition's."""


class MatchSource(enum.Enum):
    """How the old and the new item of a change were paired."""

    ID = "id"
    """Both editions carry the item under the same id."""
    CONFIRMED = "confirmed"
    """A reviewer confirmed (or added) the pair in a crosswalk file."""
    INFERRED = "inferred"
    """Paired by content (exact name, then similarity); see ``confidence``."""
    REJECTED = "rejected"
    """Only in a crosswalk file: a reviewer broke the pair. Never on a change."""


class Direction(enum.Enum):
    """Where an item moved between the lists, in the terms policy staff use."""

    RECALL = "recall"
    """上收: from 基本 or 配合 to 收回 (an upstream department takes it back)."""
    DEVOLVE = "devolve"
    """下放: from 收回 back to 基本 or 配合."""
    TO_COOPERATIVE = "to_cooperative"
    """基本 → 配合: the township no longer owns the duty, it supports it."""
    TO_BASIC = "to_basic"
    """配合 → 基本: a supported duty becomes the township's own."""

    @property
    def term(self) -> str:
        """The Chinese term: 上收, 下放, 基本转配合, 配合转基本."""
        return _DIRECTION_TERMS[self]

    @classmethod
    def between(cls, old: ListKind, new: ListKind) -> Direction:
        """Return the direction of a move from list ``old`` to list ``new``.

        Raises:
            ValueError: ``old`` and ``new`` are the same list.
        """
        if old is new:
            raise ValueError(f"no move within one list ({old.value})")
        if new is ListKind.RECALLED:
            return cls.RECALL
        if old is ListKind.RECALLED:
            return cls.DEVOLVE
        return cls.TO_COOPERATIVE if new is ListKind.COOPERATIVE else cls.TO_BASIC


_DIRECTION_TERMS = {
    Direction.RECALL: "上收",
    Direction.DEVOLVE: "下放",
    Direction.TO_COOPERATIVE: "基本转配合",
    Direction.TO_BASIC: "配合转基本",
}


class Column(enum.Enum):
    """A column of an item that a change is about (besides 事项名称 and 事项类别)."""

    DEPARTMENTS = "departments"
    """对应上级部门 of a 配合 item; 承接部门 of a 收回 item."""
    UPSTREAM_DUTIES = "upstream_duties"
    """上级部门职责 of a 配合 item."""
    TOWNSHIP_DUTIES = "township_duties"
    """乡镇配合职责 of a 配合 item."""
    METHOD = "method"
    """工作方式 of a 收回 item: one text per receiver entry."""
    RECEIVERS = "receivers"
    """承接部门及工作方式 as a whole: how departments and methods are grouped."""

    @property
    def title(self) -> str:
        """The column's name as the published tables write it."""
        return _COLUMN_TITLES[self]


_COLUMN_TITLES = {
    Column.DEPARTMENTS: "对应上级部门",
    Column.UPSTREAM_DUTIES: "上级部门职责",
    Column.TOWNSHIP_DUTIES: "乡镇配合职责",
    Column.METHOD: "工作方式",
    Column.RECEIVERS: "承接部门及工作方式",
}

SpanOp = Literal["equal", "insert", "delete", "replace"]
"""What a span of a character-level diff does."""

_INVERSE_OP: dict[SpanOp, SpanOp] = {
    "equal": "equal",
    "insert": "delete",
    "delete": "insert",
    "replace": "replace",
}


@attrs.frozen(kw_only=True)
class Span:
    """One span of a character-level diff of two texts.

    Attributes:
        op: ``equal`` (``old == new``), ``insert`` (``old`` is empty),
            ``delete`` (``new`` is empty) or ``replace``.
        old: The characters of the old text this span covers.
        new: The characters of the new text this span covers.
    """

    op: SpanOp
    old: str
    new: str

    def invert(self) -> Span:
        """Return the span read from new to old."""
        return Span(op=_INVERSE_OP[self.op], old=self.new, new=self.old)


def invert_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Return a character-level diff read from new to old."""
    return tuple(span.invert() for span in spans)


LIST_RANK = {ListKind.BASIC: 0, ListKind.COOPERATIVE: 1, ListKind.RECALLED: 2}
RANK_OF_TYPE: dict[type, int] = {BasicItem: 0, CooperativeItem: 1, RecalledItem: 2}
_KIND_OF_TYPE: dict[type, ListKind] = {
    BasicItem: ListKind.BASIC,
    CooperativeItem: ListKind.COOPERATIVE,
    RecalledItem: ListKind.RECALLED,
}


def kind_of(item: Item) -> ListKind:
    """The list of an item, as :func:`dutyledger._edition.records.list_of`, by a table look-up."""
    return _KIND_OF_TYPE.get(type(item)) or list_of(item)


def position(item: Item) -> tuple[int, int, str]:
    """An item's place for ordering: list, 序号, id."""
    rank = RANK_OF_TYPE.get(type(item))
    if rank is None:  # a subclass of an item record
        rank = LIST_RANK[list_of(item)]
    return (rank, item.number, item.id)
