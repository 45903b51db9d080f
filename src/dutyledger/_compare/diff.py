"""The diff engine: two editions into a :class:`ChangeSet`, every change said once.

Items are paired by :func:`dutyledger._matching.pairing.pair_items`; an unchanged pair
(equal records) costs one comparison. A changed pair is compared field by
field, each difference told by exactly one kind of record:

* id → :class:`Reidentified`; list → :class:`Moved` (and then 序号 and page go
  with the move); otherwise 序号 → :class:`Renumbered`, page → :class:`Repaged`;
* 事项名称 → :class:`Renamed`; 事项类别 → :class:`Recategorised`; ★ →
  :class:`StarSet` / :class:`StarCleared`;
* between two 配合 or two 收回 items: departments by identity
  (:func:`department_changes`), duty texts and 工作方式 (``_diff_text``).

Unpaired items are :class:`Added` / :class:`Removed`; groups are
:class:`Split` / :class:`Merged`. Edition metadata, preamble and registry get
one record each if they differ, and a list whose order 序号 does not give gets
a :class:`ListReordered`, so that ``apply(diff(a, b), a) == b`` always.
"""

from __future__ import annotations

import operator
from typing import Any

from dutyledger._changes.base import Column, Direction, MatchSource, kind_of
from dutyledger._changes.changeset import ChangeSet, EditionLabel, Presorted
from dutyledger._changes.kinds import (
    Added,
    Change,
    DepartmentAdded,
    DepartmentReassigned,
    DepartmentRemoved,
    LeadDepartmentChanged,
    ListReordered,
    Merged,
    MetaChanged,
    Moved,
    PreambleChanged,
    Recategorised,
    RegistryChanged,
    Reidentified,
    Removed,
    Renamed,
    Renumbered,
    Repaged,
    Split,
    StarCleared,
    StarSet,
    WordingChanged,
)
from dutyledger._changes.order import default_order
from dutyledger._compare.blocks import duty_text_changes, method_changes
from dutyledger._edition.fast import paused_gc
from dutyledger._edition.records import (
    CooperativeItem,
    DeptRef,
    Edition,
    Item,
    ListKind,
    RecalledItem,
)
from dutyledger._matching.crosswalk import Crosswalk
from dutyledger._matching.pairing import Method, pair_items
from dutyledger._matching.similarity import char_spans, similarity

__all__ = ["department_changes", "diff", "pair_changes"]

DepartmentChange = (
    DepartmentAdded
    | DepartmentRemoved
    | DepartmentReassigned
    | LeadDepartmentChanged
    | WordingChanged
)


def _first_written(refs: list[DeptRef]) -> dict[str, str]:
    written: dict[str, str] = {}
    for ref in refs:
        written.setdefault(ref.department, ref.written)
    return written


def _unique(refs: list[DeptRef]) -> list[DeptRef]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.department not in seen:
            seen.add(ref.department)
            out.append(ref)
    return out


def department_changes(
    old: tuple[DeptRef, ...], new: tuple[DeptRef, ...], ctx: dict[str, Any]
) -> list[DepartmentChange]:
    """Compare the departments of two items by identity (department id).

    A department only the old item names is removed, one only the new names is
    added; the i-th removed and the i-th added (each in written order) pair up
    as reassigned. The lead changes when the first department differs and both
    are named before and after. A department spelled otherwise, or the other
    departments in another order, is :class:`WordingChanged` (clerical).

    Args:
        old: The old item's departments (for 收回: of all receiver entries).
        new: The new item's departments.
        ctx: The pair's ``match``, ``confidence``, ``old`` and ``new`` item.

    Returns:
        The change records; empty if ``old == new``.
    """
    if old == new:
        return []
    old_ids = [ref.department for ref in old]
    new_ids = [ref.department for ref in new]
    old_set, new_set = set(old_ids), set(new_ids)
    removed = _unique([ref for ref in old if ref.department not in new_set])
    added = _unique([ref for ref in new if ref.department not in old_set])
    found: list[DepartmentChange] = [
        DepartmentReassigned(**ctx, old_department=a, new_department=b)
        for a, b in zip(removed, added, strict=False)
    ]
    found += [DepartmentRemoved(**ctx, department=a) for a in removed[len(added) :]]
    found += [DepartmentAdded(**ctx, department=b) for b in added[len(removed) :]]
    lead: set[str] = set()
    if old and new:
        lead = {old_ids[0], new_ids[0]}
        if old_ids[0] != new_ids[0] and old_ids[0] in new_set and new_ids[0] in old_set:
            found.append(LeadDepartmentChanged(**ctx, old_department=old[0], new_department=new[0]))
    common_old = [ref for ref in old if ref.department in new_set]
    common_new = [ref for ref in new if ref.department in old_set]
    respelled = _first_written(common_old) != _first_written(common_new)
    reordered = [r.department for r in common_old if r.department not in lead] != [
        r.department for r in common_new if r.department not in lead
    ]
    if respelled or reordered or not found:
        found.append(WordingChanged(**ctx, column=Column.DEPARTMENTS))
    return found


def pair_changes(old: Item, new: Item, source: MatchSource, confidence: float) -> list[Change]:
    """Return every change between two matched items; empty if they are equal.

    Args:
        old: The item in the old edition.
        new: The item in the new edition.
        source: How they were paired.
        confidence: How sure the pairing is, 0 to 1.
    """
    if old == new:
        return []
    ctx: dict[str, Any] = {"match": source, "confidence": confidence, "old": old, "new": new}
    found: list[Change] = []
    if old.id != new.id:
        found.append(Reidentified(**ctx))
    old_list, new_list = kind_of(old), kind_of(new)
    if old_list is not new_list:
        found.append(Moved(**ctx, direction=Direction.between(old_list, new_list)))
    else:
        if old.number != new.number:
            found.append(Renumbered(**ctx))
        if old.page != new.page:
            found.append(Repaged(**ctx))
    if old.name != new.name:
        found.append(
            Renamed(
                **ctx,
                similarity=similarity(old.name, new.name),
                spans=char_spans(old.name, new.name),
            )
        )
    if old.category != new.category:
        found.append(Recategorised(**ctx))
    if old.starred != new.starred:
        found.append(StarSet(**ctx) if new.starred else StarCleared(**ctx))
    if isinstance(old, CooperativeItem) and isinstance(new, CooperativeItem):
        found += department_changes(old.departments, new.departments, ctx)
        found += duty_text_changes(
            old.upstream_duties, new.upstream_duties, Column.UPSTREAM_DUTIES, ctx
        )
        found += duty_text_changes(
            old.township_duties, new.township_duties, Column.TOWNSHIP_DUTIES, ctx
        )
    elif isinstance(old, RecalledItem) and isinstance(new, RecalledItem):
        departments = department_changes(old.departments, new.departments, ctx)
        methods = method_changes(old, new, ctx)
        found += departments
        found += methods
        if old.receivers != new.receivers and not departments and not methods:
            found.append(WordingChanged(**ctx, column=Column.RECEIVERS))
    return found


def _edition_changes(old: Edition, new: Edition) -> list[Change]:
    found: list[Change] = []
    if old.meta != new.meta:
        found.append(MetaChanged(old=old.meta, new=new.meta))
    if old.preamble != new.preamble:
        found.append(PreambleChanged(old=old.preamble, new=new.preamble))
    if old.departments != new.departments:
        found.append(RegistryChanged(old=old.departments, new=new.departments))
    return found


def _rising(items: tuple[Item, ...]) -> bool:
    numbers = [item.number for item in items]
    return all(map(operator.lt, numbers, numbers[1:]))


def _reorders(old: Edition, new: Edition, changes: list[Change]) -> list[Change]:
    """A :class:`ListReordered` for each list whose order 序号 does not give, either way."""
    kinds = [k for k in ListKind if not (_rising(old.items(k)) and _rising(new.items(k)))]
    if not kinds:
        return []
    forward = ChangeSet(changes=tuple(changes))
    backward = forward.invert()
    found: list[Change] = []
    for kind in kinds:
        old_order = tuple(i.id for i in old.items(kind))
        new_order = tuple(i.id for i in new.items(kind))
        if default_order(kind, old.items(kind), forward) != list(new_order) or default_order(
            kind, new.items(kind), backward
        ) != list(old_order):
            found.append(ListReordered(list=kind, old_order=old_order, new_order=new_order))
    return found


def diff(
    old: Edition, new: Edition, *, crosswalk: Crosswalk | None = None, method: Method = "auto"
) -> ChangeSet:
    """Say every change from one edition to another, each exactly once.

    Args:
        old: The earlier edition.
        new: The later edition.
        crosswalk: A reviewed crosswalk (from :func:`match`, edited) whose
            pairs, groups and unmatched items to honour.
        method: How to pair items: ``auto`` (by id if the editions share ids,
            else by content), ``id`` or ``content``.

    Returns:
        The change set; empty (falsy) if the editions are equal.
        ``diff(old, new).apply(old) == new`` and
        ``diff(new, old) == diff(old, new).invert()``.

    Raises:
        CrosswalkError: The crosswalk does not fit these editions.
    """
    # A diff makes a change record per difference and frees nothing it makes: the
    # garbage collector would scan the growing heap for cycles there are none of.
    with paused_gc():
        return _diff(old, new, crosswalk, method)


def _diff(old: Edition, new: Edition, crosswalk: Crosswalk | None, method: Method) -> ChangeSet:
    keyed: list[tuple[tuple[Any, ...], Change]] = []

    def visit(x: Item, y: Item, source: MatchSource, confidence: float) -> None:
        if x is not y:
            # The sort key is read now, while the items are at hand (see Presorted).
            keyed.extend(
                (change.sort_key(), change) for change in pair_changes(x, y, source, confidence)
            )

    pairing = pair_items(old, new, crosswalk=crosswalk, method=method, visit=visit)
    changes = _edition_changes(old, new)
    for olds, news, source, confidence in pairing.groups:
        if len(olds) == 1:
            changes.append(Split(match=source, confidence=confidence, old=olds[0], new=news))
        else:
            changes.append(Merged(match=source, confidence=confidence, old=olds, new=news[0]))
    changes += [Removed(old=x) for x in pairing.unmatched_old]
    changes += [Added(new=y) for y in pairing.unmatched_new]
    keyed.extend((change.sort_key(), change) for change in changes)
    keyed.sort(key=operator.itemgetter(0))
    ordered = [change for _, change in keyed]
    ordered += _reorders(old, new, ordered)
    return ChangeSet(old=EditionLabel.of(old), new=EditionLabel.of(new), changes=Presorted(ordered))
