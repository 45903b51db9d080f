"""The link between two consecutive editions: pairing, substantive changes, flows, indicators.

Made once from ``diff(a, b)`` (honouring a reviewed crosswalk kept beside the
later edition) and kept in the ledger's cache, so that an item's history, a
composed change set and the timeline never diff the editions again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs
import cattrs

from dutyledger._changes.base import Direction, MatchSource
from dutyledger._changes.blocks import PairMixin
from dutyledger._changes.changeset import ChangeSet
from dutyledger._changes.indicators import Indicators
from dutyledger._changes.kinds import (
    Added,
    BlockAdded,
    BlockReassigned,
    BlockRemoved,
    BlockRetitled,
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
    StepAdded,
    StepRemoved,
    StepReworded,
)
from dutyledger._edition.records import Edition, ListKind, list_of
from dutyledger._ledger.records import LedgerFlow, LinkEvent, LinkPair
from dutyledger._ledger.store import state_from_json, state_of, state_to_json

__all__ = ["Link", "direction_counts", "link_from_changes"]


@attrs.frozen(kw_only=True)
class Link:
    """How one edition of a ledger leads to the next.

    Attributes:
        pairs: Items that continue otherwise than under the same id by id:
            pairs of different ids, inferred or confirmed pairs, splits and merges.
            Every other item of the earlier edition that is not in ``removed``
            continues under its own id.
        removed: Ids of the earlier edition's items that do not continue.
        added: Ids of the later edition's items that continue none.
        events: The substantive changes (item kinds; clerical and edition kinds left out).
        flows: Items between the lists.
        indicators: Net change per list and 明减暗增 warnings.
    """

    pairs: tuple[LinkPair, ...]
    removed: tuple[str, ...]
    added: tuple[str, ...]
    events: tuple[LinkEvent, ...]
    flows: tuple[LedgerFlow, ...]
    indicators: Indicators

    def forward(self) -> dict[str, tuple[str, ...]]:
        """Old id → the new ids it continues as, where not simply itself (removed: ``()``)."""
        found: dict[str, tuple[str, ...]] = dict.fromkeys(self.removed, ())
        for pair in self.pairs:
            for old in pair.old:
                found[old] = found.get(old, ()) + pair.new
        return found

    def backward(self) -> dict[str, tuple[str, ...]]:
        """New id → the old ids it continues, where not simply itself (added: ``()``)."""
        found: dict[str, tuple[str, ...]] = dict.fromkeys(self.added, ())
        for pair in self.pairs:
            for new in pair.new:
                found[new] = found.get(new, ()) + pair.old
        return found

    def to_json(self) -> dict[str, Any]:
        """The link as plain data (for the cache)."""
        return {
            "pairs": [[list(p.old), list(p.new), p.source.value, p.confidence] for p in self.pairs],
            "removed": list(self.removed),
            "added": list(self.added),
            "events": [
                [
                    e.kind,
                    e.term,
                    [state_to_json(s) for s in e.old],
                    [state_to_json(s) for s in e.new],
                    e.detail,
                    e.match.value if e.match is not None else None,
                    e.confidence,
                ]
                for e in self.events
            ],
            "flows": [
                [f.kind, _list_value(f.source), _list_value(f.target), f.count] for f in self.flows
            ],
            "indicators": _CONVERTER.unstructure(self.indicators),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Link:
        """The link from :meth:`to_json`'s data."""
        return cls(
            pairs=tuple(
                LinkPair(old=tuple(o), new=tuple(n), source=MatchSource(s), confidence=c)
                for o, n, s, c in data["pairs"]
            ),
            removed=tuple(data["removed"]),
            added=tuple(data["added"]),
            events=tuple(
                LinkEvent(
                    kind=kind,
                    term=term,
                    old=tuple(state_from_json(s) for s in old),
                    new=tuple(state_from_json(s) for s in new),
                    detail=detail,
                    match=MatchSource(match) if match is not None else None,
                    confidence=confidence,
                )
                for kind, term, old, new, detail, match, confidence in data["events"]
            ),
            flows=tuple(
                LedgerFlow(kind=k, source=_list_kind(s), target=_list_kind(t), count=n)
                for k, s, t, n in data["flows"]
            ),
            indicators=_CONVERTER.structure(data["indicators"], Indicators),
        )


_CONVERTER = cattrs.Converter()


def _list_value(kind: ListKind | None) -> str | None:
    return kind.value if kind is not None else None


def _list_kind(value: str | None) -> ListKind | None:
    return ListKind(value) if value is not None else None


def _names(old: Edition, new: Edition) -> dict[str, str]:
    names = {d.id: d.name for d in old.departments}
    names.update((d.id, d.name) for d in new.departments)
    return names


def _detail(change: Any, names: dict[str, str]) -> str:  # noqa: PLR0911 (one return per kind reads best)
    """What is particular to a change, in words, for a history."""

    def dept(ref: Any) -> str:
        return str(names.get(ref.department, ref.written))

    if isinstance(change, Renamed):
        return f"{change.old.name} → {change.new.name}"
    if isinstance(change, Recategorised):
        return f"{change.old.category} → {change.new.category}"
    if isinstance(change, Moved):
        return f"{list_of(change.old).title} → {list_of(change.new).title}"
    if isinstance(change, DepartmentAdded | DepartmentRemoved):
        return dept(change.department)
    if isinstance(change, DepartmentReassigned | LeadDepartmentChanged):
        return f"{dept(change.old_department)} → {dept(change.new_department)}"
    if isinstance(change, Split):
        return "、".join(item.name for item in change.new)
    if isinstance(change, Merged):
        return "、".join(item.name for item in change.old)
    if isinstance(change, BlockReassigned):
        before = "、".join(dept(r) for r in change.old_departments)
        after = "、".join(dept(r) for r in change.new_departments)
        return f"{change.column.title}：{before} → {after}"
    if isinstance(
        change, StepAdded | StepRemoved | StepReworded | BlockAdded | BlockRemoved | BlockRetitled
    ):
        return change.column.title
    return ""


def _term(change: Any) -> str:
    if isinstance(change, Moved):
        return change.direction.term
    return str(change.term)


def link_from_changes(changes: ChangeSet, old: Edition, new: Edition) -> Link:
    """Make the link from ``diff(old, new)``.

    Args:
        changes: The change set from ``old`` to ``new``.
        old: The earlier edition.
        new: The later edition.

    Returns:
        The link: pairing, substantive events, flows and indicators.
    """
    names = _names(old, new)
    pairs: dict[tuple[str, str], LinkPair] = {}
    removed: list[str] = []
    added: list[str] = []
    events: list[LinkEvent] = []
    flows: Counter[tuple[str, ListKind | None, ListKind | None]] = Counter()
    for change in changes:
        if isinstance(change, PairMixin):
            if change.old.id != change.new.id or change.match is not MatchSource.ID:
                pairs.setdefault(
                    (change.old.id, change.new.id),
                    LinkPair(
                        old=(change.old.id,),
                        new=(change.new.id,),
                        source=change.match,
                        confidence=change.confidence,
                    ),
                )
            if isinstance(change, Moved):
                flows["moved", list_of(change.old), list_of(change.new)] += 1
        elif isinstance(change, Split | Merged):
            olds, news = change.old_items(), change.new_items()
            key = (",".join(i.id for i in olds), ",".join(i.id for i in news))
            pairs[key] = LinkPair(
                old=tuple(i.id for i in olds),
                new=tuple(i.id for i in news),
                source=change.match,
                confidence=change.confidence,
            )
            for item in olds:
                flows["regrouped", list_of(item), None] += 1
            for item in news:
                flows["regrouped", None, list_of(item)] += 1
        elif isinstance(change, Removed):
            removed.append(change.old.id)
            flows["removed", list_of(change.old), None] += 1
        elif isinstance(change, Added):
            added.append(change.new.id)
            flows["added", None, list_of(change.new)] += 1
        if change.group != "item":
            continue
        match = getattr(change, "match", None)
        events.append(
            LinkEvent(
                kind=change.kind,
                term=_term(change),
                old=tuple(state_of(i) for i in change.old_items()),
                new=tuple(state_of(i) for i in change.new_items()),
                detail=_detail(change, names),
                match=match,
                confidence=getattr(change, "confidence", None),
            )
        )
    order = {None: -1, ListKind.BASIC: 0, ListKind.COOPERATIVE: 1, ListKind.RECALLED: 2}
    return Link(
        pairs=tuple(pairs.values()),
        removed=tuple(removed),
        added=tuple(added),
        events=tuple(events),
        flows=tuple(
            LedgerFlow(kind=kind, source=source, target=target, count=count)
            for (kind, source, target), count in sorted(
                flows.items(), key=lambda f: (f[0][0], order[f[0][1]], order[f[0][2]])
            )
        ),
        indicators=changes.indicators(),
    )


def direction_counts(flows: Iterable[LedgerFlow]) -> dict[Direction, int]:
    """How many items moved in each direction (上收, 下放, 基本转配合, 配合转基本)."""
    counts = dict.fromkeys(Direction, 0)
    for flow in flows:
        if flow.kind == "moved" and flow.source is not None and flow.target is not None:
            counts[Direction.between(flow.source, flow.target)] += flow.count
    return counts
