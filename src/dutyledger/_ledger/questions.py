"""The ledger's questions: an item's history, finding items, blame, the timeline.

Functions of a :class:`~dutyledger._ledger.ledger.Ledger`, which gives them as
methods; they read only its links and indexes (from the cache when warm).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dutyledger._edition.records import ListKind
from dutyledger._ledger.records import (
    BlameLine,
    Candidate,
    EditionEntry,
    ItemEvent,
    LinkEvent,
    TimelineEntry,
)

if TYPE_CHECKING:
    from dutyledger._ledger.ledger import Ledger

__all__ = ["blame_lines", "find_items", "item_history", "timeline_entries"]


def _starts(ledger: Ledger, item_id: str) -> list[int]:
    """The editions in which an id begins a stretch of presence."""
    starts = []
    if any(s.id == item_id for s in ledger.index(ledger.editions[0]).items):
        starts.append(0)
    for k, link in enumerate(ledger.links(), 1):
        if item_id in link.added or any(item_id in p.new for p in link.pairs):
            starts.append(k)
    return starts


def _lineage(ledger: Ledger, k0: int, item_id: str) -> dict[int, set[str]]:
    """The ids of an item's ancestors and descendants in each edition."""
    links = ledger.links()
    nodes: dict[int, set[str]] = {k0: {item_id}}
    current = {item_id}
    for k in range(k0 + 1, len(ledger.editions)):
        forward = links[k - 1].forward()
        current = {n for i in current for n in forward.get(i, (i,))}
        if not current:
            break
        nodes[k] = current
    current = {item_id}
    for k in range(k0, 0, -1):
        backward = links[k - 1].backward()
        current = {o for i in current for o in backward.get(i, (i,))}
        if not current:
            break
        nodes.setdefault(k - 1, set()).update(current)
    return nodes


def item_history(ledger: Ledger, item: str) -> tuple[ItemEvent, ...]:
    """Every event of one item across the editions (see :meth:`Ledger.history`)."""
    nodes: dict[int, set[str]] = {}
    for k0 in _starts(ledger, item):
        for k, ids in _lineage(ledger, k0, item).items():
            nodes.setdefault(k, set()).update(ids)
    events: list[ItemEvent] = []
    if 0 in nodes:
        first = ledger.editions[0]
        for state in ledger.index(first).items:
            if state.id in nodes[0]:
                events.append(
                    ItemEvent(
                        edition=first.name,
                        date=first.date,
                        status=first.status,
                        previous=None,
                        kind="listed",
                        term="列入",
                        old=(),
                        new=(state,),
                    )
                )
    links = ledger.links()
    for k in range(1, len(ledger.editions)):
        before, after = nodes.get(k - 1, set()), nodes.get(k, set())
        if not before and not after:
            continue
        for event in links[k - 1].events:
            if any(s.id in before for s in event.old) or any(s.id in after for s in event.new):
                events.append(_event(ledger, k, event))
    return tuple(events)


def _event(ledger: Ledger, k: int, event: LinkEvent) -> ItemEvent:
    entry = ledger.editions[k]
    return ItemEvent(
        **attrs.asdict(event, recurse=False),
        edition=entry.name,
        date=entry.date,
        status=entry.status,
        previous=ledger.editions[k - 1].name,
    )


def find_items(ledger: Ledger, query: str, *, limit: int = 8) -> tuple[Candidate, ...]:
    """The items a query may mean (see :meth:`Ledger.find`)."""
    from rapidfuzz import fuzz, process

    known: dict[str, tuple[str, str]] = {}  # id -> (latest name, edition)
    names: dict[str, set[str]] = {}
    first = ledger.editions[0]
    for state in ledger.index(first).items:
        known[state.id] = (state.name, first.name)
        names.setdefault(state.name, set()).add(state.id)
    for k, link in enumerate(ledger.links(), 1):
        for event in link.events:
            for state in event.old:
                names.setdefault(state.name, set()).add(state.id)
            for state in event.new:
                known[state.id] = (state.name, ledger.editions[k].name)
                names.setdefault(state.name, set()).add(state.id)
    if query in known:
        name, edition = known[query]
        return (Candidate(id=query, name=name, edition=edition, score=1.0),)
    exact = names.get(query.strip())
    if exact:
        return tuple(
            Candidate(id=i, name=known[i][0], edition=known[i][1], score=1.0)
            for i in sorted(exact)
            if i in known
        )
    found = process.extract(query, list(names), scorer=fuzz.WRatio, limit=limit)
    out = []
    for name, score, _ in found:
        for item_id in sorted(names[name]):
            if item_id in known:
                out.append(
                    Candidate(
                        id=item_id,
                        name=name,
                        edition=known[item_id][1],
                        score=round(score / 100, 4),
                    )
                )
    return tuple(out[:limit])


def blame_lines(ledger: Ledger, edition: str | EditionEntry) -> tuple[BlameLine, ...]:
    """Each item of an edition with its last change (see :meth:`Ledger.blame`)."""
    k = ledger.position(edition)
    links = ledger.links()[:k]
    touched: list[dict[str, list[LinkEvent]]] = []
    for link in links:
        by_id: dict[str, list[LinkEvent]] = {}
        for event in link.events:
            for state in event.new:
                by_id.setdefault(state.id, []).append(event)
        touched.append(by_id)
    backward = [link.backward() for link in links]
    lines = []
    for item in ledger.index(ledger.editions[k]).items:
        current = {item.id}
        found: tuple[int, list[LinkEvent]] | None = None
        for j in range(k, 0, -1):
            events = [e for i in sorted(current) for e in touched[j - 1].get(i, [])]
            if events:
                found = (j, events)
                break
            current = {o for i in current for o in backward[j - 1].get(i, (i,))}
        if found is None:
            entry = ledger.editions[0]
            lines.append(
                BlameLine(
                    item=item,
                    edition=entry.name,
                    date=entry.date,
                    kinds=("listed",),
                    terms=("列入",),
                )
            )
            continue
        j, events = found
        entry = ledger.editions[j]
        kinds = tuple(dict.fromkeys(e.kind for e in events))
        terms = tuple(dict.fromkeys(e.term for e in events))
        lines.append(
            BlameLine(item=item, edition=entry.name, date=entry.date, kinds=kinds, terms=terms)
        )
    return tuple(lines)


def timeline_entries(ledger: Ledger) -> tuple[TimelineEntry, ...]:
    """The timeline of the ledger (see :meth:`Ledger.timeline`)."""
    out = []
    for k, entry in enumerate(ledger.editions):
        index = ledger.index(entry)
        names = dict(index.departments)
        lists = dict.fromkeys(ListKind, 0)
        categories: dict[tuple[ListKind, str], int] = {}
        departments: dict[str, int] = {}
        for state in index.items:
            lists[state.list] += 1
            categories[state.list, state.category] = (
                categories.get((state.list, state.category), 0) + 1
            )
            for dept in dict.fromkeys(state.departments):
                departments[dept] = departments.get(dept, 0) + 1
        link = ledger.link(entry) if k else None
        out.append(
            TimelineEntry(
                edition=entry.name,
                date=entry.date,
                status=entry.status,
                lists=tuple(lists.items()),
                categories=tuple((kind, cat, n) for (kind, cat), n in categories.items()),
                departments=tuple(
                    (d, names.get(d, d), n)
                    for d, n in sorted(departments.items(), key=lambda x: (-x[1], x[0]))
                ),
                flows=link.flows if link is not None else (),
                indicators=link.indicators if link is not None else None,
            )
        )
    return tuple(out)
