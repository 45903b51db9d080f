"""Indicators policy staff ask about, read from a change set.

Per list, the net change in the number of items: what the township must own
(基本), support (配合) and no longer do (收回). And a warning for the pattern
known as 明减暗增 — duties pushed back down to the township under the name of
cooperation: the 基本 list shrinks while the 配合 list grows, or duties taken
back upstream (收回) come back as 配合.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, ClassVar

import attrs

from dutyledger._changes.base import Direction
from dutyledger._changes.kinds import Added, Merged, Moved, Removed, Split
from dutyledger._edition.records import ListKind, list_of, required_list

if TYPE_CHECKING:
    from dutyledger._changes.changeset import ChangeSet

__all__ = ["Indicators", "ListDelta", "PushDown", "PushDownWarning", "indicators"]


@attrs.frozen(kw_only=True)
class ListDelta:
    """How the number of items of one list changed, and why.

    Attributes:
        list: The list.
        added: Items added to it (增加).
        removed: Items removed from it (取消).
        moved_in: Items moved in from another list.
        moved_out: Items moved out to another list.
        regrouped_in: Items entering by split or merge (the parts, the merged item).
        regrouped_out: Items leaving by split or merge (the whole, the merged parts).
    """

    list: ListKind
    added: int = 0
    removed: int = 0
    moved_in: int = 0
    moved_out: int = 0
    regrouped_in: int = 0
    regrouped_out: int = 0

    @property
    def net(self) -> int:
        """The net change in the list's number of items."""
        entered = self.added + self.moved_in + self.regrouped_in
        return entered - self.removed - self.moved_out - self.regrouped_out


class PushDown(enum.Enum):
    """Why a 明减暗增 warning was raised."""

    BASIC_DOWN_COOPERATIVE_UP = "basic_down_cooperative_up"
    """基本 items fell in number while 配合 items rose."""
    RECALLED_BACK_AS_COOPERATIVE = "recalled_back_as_cooperative"
    """Items of 收回 came back as 配合 items (下放 into 配合)."""


@attrs.frozen(kw_only=True)
class PushDownWarning:
    """A warning of 明减暗增: duties pushed back down under the name of cooperation.

    Attributes:
        reason: Which pattern was seen.
        message: The warning in words (Chinese, then English).
        items: The ids (in the new edition) of the 配合 items that bear it out:
            those added to or moved into 配合.
    """

    term: ClassVar[str] = "明减暗增"

    reason: PushDown
    message: str
    items: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Indicators:
    """The net change per list, and any 明减暗增 warning.

    Attributes:
        basic: 基本: what the township must own.
        cooperative: 配合: what it supports.
        recalled: 收回: what it no longer does.
        warnings: The 明减暗增 warnings; empty if none.
    """

    basic: ListDelta
    cooperative: ListDelta
    recalled: ListDelta
    warnings: tuple[PushDownWarning, ...] = ()

    def delta(self, list: ListKind | None = None, *, kind: ListKind | None = None) -> ListDelta:
        """Return the delta of one list.

        Args:
            list: The list.
            kind: The old name of ``list``; deprecated.
        """
        wanted = required_list(list, kind, "Indicators.delta")
        return {
            ListKind.BASIC: self.basic,
            ListKind.COOPERATIVE: self.cooperative,
            ListKind.RECALLED: self.recalled,
        }[wanted]


def indicators(changes: ChangeSet) -> Indicators:
    """Read the indicators from a change set.

    Args:
        changes: A change set from :func:`dutyledger.diff`.

    Returns:
        The net change of each list (with its reasons) and the 明减暗增 warnings.
    """
    counted = [name for name in attrs.fields_dict(ListDelta) if name != "list"]
    counts = {kind: dict.fromkeys(counted, 0) for kind in ListKind}
    into_cooperative: list[str] = []
    devolved: list[str] = []
    for change in changes:
        if isinstance(change, Added):
            counts[list_of(change.new)]["added"] += 1
            if list_of(change.new) is ListKind.COOPERATIVE:
                into_cooperative.append(change.new.id)
        elif isinstance(change, Removed):
            counts[list_of(change.old)]["removed"] += 1
        elif isinstance(change, Moved):
            counts[list_of(change.old)]["moved_out"] += 1
            counts[list_of(change.new)]["moved_in"] += 1
            if list_of(change.new) is ListKind.COOPERATIVE:
                into_cooperative.append(change.new.id)
                if change.direction is Direction.DEVOLVE:
                    devolved.append(change.new.id)
        elif isinstance(change, Split | Merged):
            for item in change.old_items():
                counts[list_of(item)]["regrouped_out"] += 1
            for item in change.new_items():
                counts[list_of(item)]["regrouped_in"] += 1
    deltas = {kind: ListDelta(list=kind, **values) for kind, values in counts.items()}
    warnings = []
    basic, cooperative = deltas[ListKind.BASIC], deltas[ListKind.COOPERATIVE]
    if basic.net < 0 < cooperative.net:
        message = (
            f"基本履职事项减少 {-basic.net} 项，配合履职事项增加 {cooperative.net} 项：留意明减暗增。"
            f" / Basic duties fell by {-basic.net} while cooperative duties rose by "
            f"{cooperative.net}: watch for duties pushed down as cooperation."
        )
        warnings.append(
            PushDownWarning(
                reason=PushDown.BASIC_DOWN_COOPERATIVE_UP,
                message=message,
                items=tuple(into_cooperative),
            )
        )
    if devolved:
        message = (
            f"{len(devolved)} 项已收回事项作为配合事项下放回乡镇：留意明减暗增。"
            f" / {len(devolved)} recalled duties came back as cooperative duties: "
            "watch for duties pushed down as cooperation."
        )
        warnings.append(
            PushDownWarning(
                reason=PushDown.RECALLED_BACK_AS_COOPERATIVE, message=message, items=tuple(devolved)
            )
        )
    return Indicators(
        basic=basic,
        cooperative=cooperative,
        recalled=deltas[ListKind.RECALLED],
        warnings=tuple(warnings),
    )
