"""Applying a change set to an edition: ``apply(diff(a, b), a) == b``.

Every change record carries its items whole, so applying is bookkeeping:
items a change starts from must be in the edition exactly as the change says
(else :class:`PatchConflictError`); a matched item is replaced in place by its
new version, or leaves for its new list; removed items, split wholes and
merged parts leave; added items, split parts and merge results, and items
moved in, join their list after the items already there. Each list is then
sorted by 序号 (stably), unless a :class:`ListReordered` gives its order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from dutyledger._changes import (
    Added,
    Change,
    ListReordered,
    Merged,
    MetaChanged,
    PreambleChanged,
    RegistryChanged,
    Removed,
    Split,
)
from dutyledger._changes_text import PairMixin
from dutyledger._changeset import ChangeSet
from dutyledger._model import Edition, Item, ListKind, list_of
from dutyledger.exceptions import PatchConflictError, Problem

__all__ = ["apply", "default_order"]


@attrs.define
class _Plan:
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


def _plan(changes: Iterable[Change]) -> _Plan:
    plan = _Plan()
    for index, change in enumerate(changes):
        where = f"$.changes[{index}]"
        if isinstance(change, PairMixin):
            plan.replace(where, change.old, change.new)
        elif isinstance(change, Added):
            plan.enter((change.new,))
        elif isinstance(change, Removed):
            plan.leaving.add(change.old.id)
        elif isinstance(change, Split | Merged):
            plan.leaving.update(i.id for i in change.old_items())
            plan.enter(change.new_items())
    return plan


def _build(kind: ListKind, items: Iterable[Item], plan: _Plan) -> list[Item]:
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
    return [item.id for item in _build(kind, items, _plan(changes))]


def _check_items(edition: Edition, changes: ChangeSet, problems: list[Problem]) -> None:
    present = {item.id: item for item in edition.items()}
    for index, change in enumerate(changes):
        for item in change.old_items():
            found = present.get(item.id)
            if found is None:
                message = f"starts from item {item.id!r}, which the edition lacks"
            elif found != item:
                message = f"starts from item {item.id!r} as it was; the edition holds it otherwise"
            else:
                continue
            problems.append(Problem(where=f"$.changes[{index}]", message=message))


def apply(changes: ChangeSet, edition: Edition) -> Edition:
    """Apply a change set to the edition it was made from.

    Args:
        changes: The change set, ``diff(old, new)``.
        edition: The old edition (or one holding every item the changes start
            from, exactly as they start from it).

    Returns:
        The new edition: ``apply(diff(a, b), a) == b``.

    Raises:
        PatchConflictError: A change does not fit the edition: an item it
            starts from is missing or different, edition metadata differs from
            what the change replaces, or the result would hold an id twice.
            Every conflict is listed.
    """
    problems: list[Problem] = []
    _check_items(edition, changes, problems)
    plan = _plan(changes)
    problems += plan.problems
    fields: dict[str, object] = {}
    orders: dict[ListKind, tuple[str, ...]] = {}
    for index, change in enumerate(changes):
        where = f"$.changes[{index}]"
        if isinstance(change, MetaChanged | PreambleChanged | RegistryChanged):
            name = {
                MetaChanged: "meta",
                PreambleChanged: "preamble",
                RegistryChanged: "departments",
            }[type(change)]
            if getattr(edition, name) != change.old:
                message = f"replaces {name} as it was; the edition holds it otherwise"
                problems.append(Problem(where=where, message=message))
            fields[name] = change.new
        elif isinstance(change, ListReordered):
            current = tuple(item.id for item in edition.items(change.list))
            if current != change.old_order:
                message = f"reorders {change.list.value} from another order than the edition's"
                problems.append(Problem(where=where, message=message))
            orders[change.list] = change.new_order
    lists: dict[str, tuple[Item, ...]] = {}
    for kind in ListKind:
        built = _build(kind, edition.items(kind), plan)
        if kind in orders:
            by_id = {item.id: item for item in built}
            if sorted(by_id) != sorted(orders[kind]) or len(by_id) != len(built):
                message = f"orders {kind.value} by ids that are not the list's items"
                problems.append(Problem(where="$.changes", message=message))
            else:
                built = [by_id[i] for i in orders[kind]]
        lists[kind.value] = tuple(built)
    counted = Counter(item.id for items in lists.values() for item in items)
    twice = sorted(i for i, n in counted.items() if n > 1)
    if twice:
        message = f"the result would hold id(s) {', '.join(twice)} twice"
        problems.append(Problem(where="$.changes", message=message))
    if problems:
        raise PatchConflictError("change set", problems)
    return attrs.evolve(edition, **fields, **lists)  # type: ignore[arg-type]
