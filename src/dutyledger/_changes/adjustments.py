"""The staff view of a change set: one :class:`Adjustment` per 事项 adjusted.

A change set says every change once, record by record: an item moved to 收回
and renamed is two records, a split is one record with several items. Policy
staff count 事项 instead, in the adjustment types the procedures use:

* 增加, 取消 — an item in no list of the other edition;
* 上收 (to 收回), 下放 (from 收回), 基本转配合, 配合转基本 — a move between lists;
* 合并, 分设 — a merge or a split, one adjustment for the whole group;
* 变更 — the item stayed in its list; its 变更要素 say what changed (名称,
  类别, 配合部门, 上级部门职责, 乡镇配合职责, 承接部门及工作方式, ★).

An item with several changes is one adjustment naming them all; a move that
also changed wording is one adjustment of the move's type whose ``elements``
name the wording changes. Changes of form only (序号, page, id, a department's
spelling, a list's order) are no adjustment, and neither are edition-level
changes (metadata, preamble, registry): those go to a report's appendix.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from dutyledger._changes.base import Column, kind_of
from dutyledger._changes.blocks import (
    BlockAdded,
    BlockReassigned,
    BlockRemoved,
    BlockRetitled,
    StepAdded,
    StepRemoved,
    StepReworded,
)
from dutyledger._changes.changeset import ChangeSet
from dutyledger._changes.kinds import (
    Added,
    Change,
    DepartmentAdded,
    DepartmentReassigned,
    DepartmentRemoved,
    LeadDepartmentChanged,
    Merged,
    Moved,
    Recategorised,
    Removed,
    Renamed,
    Split,
    StarCleared,
    StarSet,
)
from dutyledger._edition.records import Item, ListKind

__all__ = [
    "ADJUSTMENT_KINDS",
    "ELEMENTS",
    "Adjustment",
    "AdjustmentKind",
    "Element",
    "adjustment_key",
    "adjustments",
    "element_of",
]

AdjustmentKind = Literal[
    "增加", "取消", "上收", "下放", "基本转配合", "配合转基本", "合并", "分设", "变更"
]
"""调整类型: how one 事项 was adjusted."""

ADJUSTMENT_KINDS: tuple[AdjustmentKind, ...] = get_args(AdjustmentKind)
"""Every 调整类型, in the order reports list them."""

Element = Literal[
    "名称", "类别", "配合部门", "上级部门职责", "乡镇配合职责", "承接部门及工作方式", "★"
]
"""变更要素: which part of an item a 变更 changed."""

ELEMENTS: tuple[Element, ...] = get_args(Element)
"""Every 变更要素, in the order an adjustment names them."""

_COLUMN_ELEMENTS: dict[Column, Element] = {
    Column.UPSTREAM_DUTIES: "上级部门职责",
    Column.TOWNSHIP_DUTIES: "乡镇配合职责",
    Column.METHOD: "承接部门及工作方式",
    Column.RECEIVERS: "承接部门及工作方式",
}


@attrs.frozen(kw_only=True)
class Adjustment:
    """One 事项 adjusted: an item, or a split or merge group, with all its changes.

    Attributes:
        key: A stable key: the ids of the items involved (old and new, each
            once), sorted and joined by ``+``. The same on every diff of the
            same two editions, and unaffected by edits to other items.
        kind: 调整类型.
        elements: 变更要素, in the order of :data:`ELEMENTS`: what changed
            besides the type itself (for 变更 at least one; a move may name
            wording changes too; empty for 增加, 取消, 合并, 分设).
        old_lists: The lists of the old items, each once, in order (empty for 增加).
        new_lists: The lists of the new items, each once, in order (empty for 取消).
        old: The items of the old edition, in the order of the old edition.
        new: The items of the new edition, in the order of the new edition.
        changes: The change records of this 事项 (no clerical ones), in the
            change set's order.
    """

    key: str
    kind: AdjustmentKind
    elements: tuple[Element, ...]
    old_lists: tuple[ListKind, ...]
    new_lists: tuple[ListKind, ...]
    old: tuple[Item, ...]
    new: tuple[Item, ...]
    changes: tuple[Change, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """The items involved, old ones first."""
        return (*self.old, *self.new)

    def delta(self, kind: ListKind) -> int:
        """How this adjustment changes the number of items of one list (new minus old)."""
        return sum(kind_of(i) is kind for i in self.new) - sum(kind_of(i) is kind for i in self.old)


def adjustment_key(items: tuple[Item, ...]) -> str:
    """The key of the 事项 made of these items: their ids, each once, sorted, joined by ``+``."""
    return "+".join(sorted({item.id for item in items}))


def element_of(change: Change) -> Element | None:  # noqa: PLR0911 - one answer per record family
    """The 变更要素 a change record is about; ``None`` for records that change no element."""
    if isinstance(change, Renamed):
        return "名称"
    if isinstance(change, Recategorised):
        return "类别"
    if isinstance(change, StarSet | StarCleared):
        return "★"
    if isinstance(
        change, DepartmentAdded | DepartmentRemoved | DepartmentReassigned | LeadDepartmentChanged
    ):
        return "承接部门及工作方式" if kind_of(change.new) is ListKind.RECALLED else "配合部门"
    if isinstance(
        change,
        StepAdded
        | StepRemoved
        | StepReworded
        | BlockAdded
        | BlockRemoved
        | BlockReassigned
        | BlockRetitled,
    ):
        if change.column is Column.DEPARTMENTS:
            return "承接部门及工作方式" if kind_of(change.new) is ListKind.RECALLED else "配合部门"
        return _COLUMN_ELEMENTS[change.column]
    return None


def _kind(first: Change) -> AdjustmentKind:
    if isinstance(first, Added):
        return "增加"
    if isinstance(first, Removed):
        return "取消"
    if isinstance(first, Split):
        return "分设"
    if isinstance(first, Merged):
        return "合并"
    if isinstance(first, Moved):
        term: AdjustmentKind = first.direction.term  # type: ignore[assignment]
        return term
    return "变更"


def _lists(items: tuple[Item, ...]) -> tuple[ListKind, ...]:
    return tuple(dict.fromkeys(kind_of(i) for i in items))


def adjustments(changes: ChangeSet) -> tuple[Adjustment, ...]:
    """Return the 事项 adjusted by a change set, each once, in the change set's order.

    The order is the change set's: by the place of the new item (or, for
    取消 and 分设, the old one) in the published lists.

    Args:
        changes: A change set, from :func:`dutyledger.diff` or loaded.

    Returns:
        One :class:`Adjustment` per item (or split or merge group) with at
        least one change that is neither clerical nor edition-level.
    """
    groups: dict[str, list[Change]] = {}
    for change in changes:
        if change.group != "item":
            continue
        key = adjustment_key((*change.old_items(), *change.new_items()))
        groups.setdefault(key, []).append(change)
    found = []
    for key, records in groups.items():
        # A move, a split or a merge says the type; any of the records carries the items.
        lead = next((c for c in records if isinstance(c, Moved)), records[0])
        old, new = lead.old_items(), lead.new_items()
        present = {e for c in records if (e := element_of(c)) is not None}
        found.append(
            Adjustment(
                key=key,
                kind=_kind(lead),
                elements=tuple(e for e in ELEMENTS if e in present),
                old_lists=_lists(old),
                new_lists=_lists(new),
                old=old,
                new=new,
                changes=tuple(records),
            )
        )
    return tuple(found)
