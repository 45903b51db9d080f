"""The order of a list after a change set: kept items in place, arrivals sorted in by 序号.

Shared by :func:`dutyledger.apply` and the diff engine, which records a
:class:`ListReordered` only where the published order differs from this one.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from dutyledger._changes.blocks import PairMixin
from dutyledger._changes.kinds import Added, Change, Merged, Removed, Split
from dutyledger._edition.records import Item, ListKind, list_of
from dutyledger.exceptions import Problem

__all__ = ["Plan", "build", "default_order", "plan"]


@attrs.define
class Plan:
    replaced: dict[str, Item] = attrs.Factory(dict)
    leaving: set[str] = attrs.Factory(set)
    arriving: dict[str, Item] = attrs.Factory(dict)
    problems: list[Problem] = attrs.Factory(list)

    def replace(self, where: str, old: Item, new: Item) -> None:
        earlier = self.replaced.setdefault(old.id, new)
        if earlier != new:
            message = f"gives item {old.id!r} two different new versions; expected one"
            self.problems.append(Problem(where=where, message=message))
        if list_of(old) is not list_of(new):
            self.arriving.setdefault(new.id, new)

    def enter(self, items: Iterable[Item]) -> None:
        for item in items:
            self.arriving.setdefault(item.id, item)


def plan(changes: Iterable[Change]) -> Plan:
    result = Plan()
    for index, change in enumerate(changes):
        where = f"$.changes[{index}]"
        if isinstance(change, PairMixin):
            result.replace(where, change.old, change.new)
        elif isinstance(change, Added):
            result.enter((change.new,))
        elif isinstance(change, Removed):
            result.leaving.add(change.old.id)
        elif isinstance(change, Split | Merged):
            result.leaving.update(i.id for i in change.old_items())
            result.enter(change.new_items())
    return result


def build(kind: ListKind, items: Iterable[Item], plan: Plan) -> list[Item]:
    result: list[Item] = []
    for item in items:
        if item.id in plan.leaving:
            continue
        new = plan.replaced.get(item.id)
        if new is None:
            result.append(item)
        elif list_of(new) is kind:
            result.append(new)
    result += [item for item in plan.arriving.values() if list_of(item) is kind]
    result.sort(key=lambda i: i.number)
    return result


def default_order(kind: ListKind, items: Iterable[Item], changes: Iterable[Change]) -> list[str]:
    """Return the ids of a list after applying ``changes``, if no change orders it.

    ``changes`` must be in canonical order (as a :class:`ChangeSet` holds them).
    """
    return [item.id for item in build(kind, items, plan(changes))]
