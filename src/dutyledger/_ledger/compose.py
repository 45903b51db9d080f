"""Composing change sets over a chain of editions, and when two change sets say the same.

``compose(diff(a, b), diff(b, c), start=a)`` follows every item of ``a``
through ``b`` to ``c`` — pairs, splits and merges, composed — and has the
diff engine say the changes of that composed pairing between ``a`` and ``c``.
It is ≅ ``diff(a, c)`` (:func:`equivalent`, see ``docs/ledger.md``): what the
diff of the two ends says in substance, with identity followed through the
editions between.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from dutyledger._changes.base import MatchSource
from dutyledger._changes.blocks import PairMixin
from dutyledger._changes.changeset import ChangeSet, EditionLabel
from dutyledger._compare.diff import diff
from dutyledger._edition.records import Edition, ListKind, list_of
from dutyledger._ledger.link import Link, link_from_changes
from dutyledger._matching.crosswalk import Crosswalk, GroupMatch, Match, Unmatched

__all__ = ["Substance", "compose", "compose_pairing", "equivalent", "substance"]

_WEAKNESS = {MatchSource.ID: 0, MatchSource.CONFIRMED: 1, MatchSource.INFERRED: 2}


@attrs.frozen
class _Trace:
    """Where an item of the chain comes from: ids of the first edition, and how sure."""

    origins: frozenset[str]
    source: MatchSource
    confidence: float

    def through(self, source: MatchSource, confidence: float) -> _Trace:
        weakest = max(self.source, source, key=_WEAKNESS.__getitem__)
        return _Trace(self.origins, weakest, min(self.confidence, confidence))


def _join(traces: Iterable[_Trace]) -> _Trace:
    found = list(traces)
    origins = frozenset().union(*(t.origins for t in found))
    source = max((t.source for t in found), key=_WEAKNESS.__getitem__)
    return _Trace(origins, source, min(t.confidence for t in found))


def compose_pairing(
    start: Sequence[str], end: Sequence[str], links: Sequence[Link]
) -> tuple[list[tuple[list[str], list[str], MatchSource, float]], list[str], list[str]]:
    """Follow the items of the first edition through the links to the last.

    Args:
        start: The ids of the first edition's items.
        end: The ids of the last edition's items.
        links: The links between consecutive editions, in order.

    Returns:
        The groups of the composed pairing — ``(old ids, new ids, source,
        confidence)``, one-to-one pairs, splits, merges, and tangles of
        several to several — and the ids of the first edition that reach
        nothing, and of the last that come from nothing.
    """
    traces: dict[str, _Trace] = {i: _Trace(frozenset((i,)), MatchSource.ID, 1.0) for i in start}
    for link in links:
        forward = link.forward()
        by_pair = {(o, n): p for p in link.pairs for o in p.old for n in p.new}
        arriving: dict[str, list[_Trace]] = {}
        for item_id, trace in traces.items():
            targets = forward.get(item_id, (item_id,))
            for target in targets:
                pair = by_pair.get((item_id, target))
                step = trace if pair is None else trace.through(pair.source, pair.confidence)
                arriving.setdefault(target, []).append(step)
        traces = {i: _join(found) for i, found in arriving.items()}
    # Union the first edition's ids that reach a common item of the last.
    parent: dict[str, str] = {i: i for i in start}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reached = [i for i in end if i in traces and traces[i].origins]
    for i in reached:
        first, *rest = sorted(traces[i].origins)
        for other in rest:
            parent[root(other)] = root(first)
    olds: dict[str, list[str]] = {}
    for i in start:
        olds.setdefault(root(i), []).append(i)
    news: dict[str, list[str]] = {}
    for i in reached:
        news.setdefault(root(next(iter(traces[i].origins))), []).append(i)
    groups: list[tuple[list[str], list[str], MatchSource, float]] = []
    lost: list[str] = []
    for key, members in olds.items():
        ends = news.get(key, [])
        if not ends:
            lost += members
            continue
        joined = _join(traces[i] for i in ends)
        groups.append((members, ends, joined.source, joined.confidence))
    came = [i for i in end if i not in traces or not traces[i].origins]
    return groups, lost, came


_Told = tuple[list[Match], list[GroupMatch], list[Unmatched]]


def _tell(olds: list[str], news: list[str], source: MatchSource, confidence: float) -> _Told:
    """A group of the composed pairing as the crosswalk says it: pairs, a split or merge, or none."""
    score = round(confidence, 4)
    if len(olds) == 1 and len(news) == 1:
        return [Match(old=olds[0], new=news[0], score=score, source=source)], [], []
    if len(olds) == 1 or len(news) == 1:
        kept = MatchSource.INFERRED if source is MatchSource.INFERRED else MatchSource.CONFIRMED
        return [], [GroupMatch(old=tuple(olds), new=tuple(news), score=score, source=kept)], []
    # Several to several (merged, then split again): an id both ends carry is the same item,
    # as diff(a, c) would pair it; the rest are told as a group of their own.
    kept_ids = set(olds) & set(news)
    if kept_ids:
        pairs = [Match(old=i, new=i, score=score, source=source) for i in sorted(kept_ids)]
        olds_left = [i for i in olds if i not in kept_ids]
        news_left = [i for i in news if i not in kept_ids]
        if olds_left and news_left:
            more, regrouped, unmatched = _tell(olds_left, news_left, source, confidence)
            return pairs + more, regrouped, unmatched
        olds, news = olds_left, news_left
    else:
        pairs = []
    # No change kind says several to several: removed and added.
    unmatched = [Unmatched(edition="old", id=i) for i in olds]
    unmatched += [Unmatched(edition="new", id=i) for i in news]
    return pairs, [], unmatched


def _crosswalk(old: Edition, new: Edition, links: Sequence[Link]) -> Crosswalk:
    start = [i.id for i in old.items()]
    end = [i.id for i in new.items()]
    groups, lost, came = compose_pairing(start, end, links)
    pairs: list[Match] = []
    regrouped: list[GroupMatch] = []
    unmatched = [Unmatched(edition="old", id=i) for i in lost]
    unmatched += [Unmatched(edition="new", id=i) for i in came]
    for olds, news, source, confidence in groups:
        told = _tell(olds, news, source, confidence)
        pairs += told[0]
        regrouped += told[1]
        unmatched += told[2]
    return Crosswalk(
        old=EditionLabel.of(old),
        new=EditionLabel.of(new),
        pairs=tuple(pairs),
        groups=tuple(regrouped),
        unmatched=tuple(unmatched),
    )


def changes_over(old: Edition, new: Edition, links: Sequence[Link]) -> ChangeSet:
    """The change set from ``old`` to ``new`` of the pairing composed over ``links``."""
    return diff(old, new, crosswalk=_crosswalk(old, new, links))


def compose(*changesets: ChangeSet, start: Edition) -> ChangeSet:
    """Compose change sets made one after another into one from the first edition to the last.

    Args:
        changesets: ``diff(a, b)``, ``diff(b, c)`` …, in order.
        start: The first edition, ``a``.

    Returns:
        A change set from ``a`` to the last edition: the pairing of each
        change set composed (an item followed through pairs, splits and
        merges), its changes said by the diff engine. ``compose(diff(a, b),
        diff(b, c), start=a)`` ≅ ``diff(a, c)`` (see :func:`equivalent`).

    Raises:
        PatchConflictError: A change set does not fit the edition before it.
    """
    editions = [start]
    links = []
    for changes in changesets:
        after = changes.apply(editions[-1])
        links.append(link_from_changes(changes, editions[-1], after))
        editions.append(after)
    return changes_over(editions[0], editions[-1], links)


def _signature(change: Any) -> tuple[Any, ...]:
    detail: tuple[Any, ...] = ()
    if change.kind == "moved":
        detail = (change.direction.value,)
    for name in ("department", "old_department", "new_department"):
        ref = getattr(change, name, None)
        if ref is not None:
            detail += (ref.department,)
    column = getattr(change, "column", None)
    if column is not None:
        detail += (column.value,)
    return (change.kind, *detail)


@attrs.frozen(kw_only=True)
class Substance:
    """What a change set says in substance (see :func:`equivalent`).

    Attributes:
        old_adjusted: Ids of the old edition's items any item change is about.
        new_adjusted: Ids of the new edition's items any item change is about.
        pairs: For each pair of items matched one to one and changed, the
            signatures (kind and details) of its item changes.
        net: The net change in the number of items per list.
    """

    old_adjusted: frozenset[str]
    new_adjusted: frozenset[str]
    pairs: tuple[tuple[tuple[str, str], frozenset[tuple[Any, ...]]], ...]
    net: tuple[tuple[ListKind, int], ...]


def substance(changes: ChangeSet) -> Substance:
    """What a change set says in substance: adjusted items, pair changes, net change per list."""
    old_adjusted: set[str] = set()
    new_adjusted: set[str] = set()
    pairs: dict[tuple[str, str], set[tuple[Any, ...]]] = {}
    net = dict.fromkeys(ListKind, 0)
    for change in changes:
        if change.group != "item":
            continue
        old_adjusted.update(i.id for i in change.old_items())
        new_adjusted.update(i.id for i in change.new_items())
        if isinstance(change, PairMixin):
            pairs.setdefault((change.old.id, change.new.id), set()).add(_signature(change))
            if change.kind == "moved":
                net[list_of(change.old)] -= 1
                net[list_of(change.new)] += 1
            continue
        for item in change.old_items():
            net[list_of(item)] -= 1
        for item in change.new_items():
            net[list_of(item)] += 1
    return Substance(
        old_adjusted=frozenset(old_adjusted),
        new_adjusted=frozenset(new_adjusted),
        pairs=tuple(sorted((k, frozenset(v)) for k, v in pairs.items())),
        net=tuple(net.items()),
    )


def equivalent(first: ChangeSet, second: ChangeSet) -> bool:
    """Whether two change sets between the same editions say the same in substance (≅).

    They do when, leaving clerical and edition-level kinds aside, they adjust
    the same items of the old edition and the same items of the new one, give
    every pair of items both match one to one the same item changes (kind and
    details: direction, departments, column), and so the same net change per
    list. A pair one matches and the other leaves removed and added (an item
    split then merged back, say) is compared only by the items it adjusts.
    """
    a, b = substance(first), substance(second)
    if (a.old_adjusted, a.new_adjusted, a.net) != (b.old_adjusted, b.new_adjusted, b.net):
        return False
    common = dict(a.pairs).keys() & dict(b.pairs).keys()
    return all(dict(a.pairs)[k] == dict(b.pairs)[k] for k in common)
