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

import re
from collections import Counter
from typing import TYPE_CHECKING

import attrs

from dutyledger._changes.kinds import (
    ListReordered,
    MetaChanged,
    PreambleChanged,
    RegistryChanged,
)
from dutyledger._changes.order import build, plan
from dutyledger._edition.codec import dump_edition, load_edition
from dutyledger._edition.records import Edition, Item, ListKind
from dutyledger.exceptions import EditionLoadError, PatchConflictError, Problem

if TYPE_CHECKING:
    from dutyledger._changes.changeset import ChangeSet

__all__ = ["apply"]

_ITEM_PATH = re.compile(r"^\$\.(basic|cooperative|recalled)\[(\d+)\]")


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
            what the change replaces, the result would hold an id twice, or
            the result is not a valid edition (it would not load: a department
            it names is not in the registry, an item in the wrong list …), each
            fault named with the change that brings it. Every conflict is listed.
    """
    problems: list[Problem] = []
    _check_items(edition, changes, problems)
    planned = plan(changes)
    problems += planned.problems
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
        built = build(kind, edition.items(kind), planned)
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
    result = attrs.evolve(edition, **fields, **lists)  # type: ignore[arg-type]
    problems += _invalid(result, changes)
    if problems:
        raise PatchConflictError("change set", problems)
    return result


def _invalid(result: Edition, changes: ChangeSet) -> list[Problem]:
    """What makes the result not a valid edition, each fault at the change that brings it.

    The result must load as any edition file does (``load_edition(dump_edition(result))``):
    records in their lists' types, references resolved, ids unique, a valid date.
    """
    try:
        load_edition(dump_edition(result))
    except EditionLoadError as exc:
        faults = exc.problems
    else:
        return []
    changed_by: dict[str, int] = {}
    for index, change in enumerate(changes):
        for item in change.new_items():
            changed_by.setdefault(item.id, index)
    whole = {"meta": MetaChanged, "preamble": PreambleChanged, "departments": RegistryChanged}
    problems = []
    for fault in faults:
        where = "$.changes"
        found = _ITEM_PATH.match(fault.where)
        if found:
            items = result.items(ListKind(found.group(1)))
            index = int(found.group(2))
            if index < len(items) and items[index].id in changed_by:
                where = f"$.changes[{changed_by[items[index].id]}]"
        else:
            top = fault.where.removeprefix("$.").split(".")[0].split("[")[0]
            kind = whole.get(top)
            at = next((i for i, c in enumerate(changes) if kind and isinstance(c, kind)), None)
            if at is not None:
                where = f"$.changes[{at}]"
        message = f"gives an invalid edition: {fault.where}: {fault.message}"
        problems.append(Problem(where=where, message=message))
    return problems
