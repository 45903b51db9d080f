"""The rules along a township's chain of editions (DL311–DL314), run on the ledger.

``dutyledger check`` hands these to the checks (the records are in
``dutyledger._checks.chain``); :meth:`Ledger` does the diffing. Each rule
groups the editions of a run by township, orders them as a ledger does, and
reads the links between consecutive editions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from dutyledger._checks.base import LIST_EN, Hit, ItemRef, Rule, Subject
from dutyledger._checks.chain import CHAIN_RULES
from dutyledger._checks.findings import Location
from dutyledger._edition.records import ListKind
from dutyledger._ledger.ledger import Ledger
from dutyledger._ledger.records import ItemState
from dutyledger.exceptions import DutyLedgerError

__all__ = ["chain_checks"]

Hits = Iterator[tuple[Subject, Hit]]


def _chains(subjects: Sequence[Subject]) -> Iterator[tuple[Ledger, list[Subject]]]:
    """A ledger per township, with the subjects in its order (skipping editions diff cannot read)."""
    groups: dict[tuple[str, ...], list[Subject]] = {}
    for subject in subjects:
        j = subject.edition.meta.jurisdiction
        groups.setdefault((j.province, j.city, j.county, j.township), []).append(subject)
    for group in groups.values():
        ids_unique = all(
            len({i.id for i in s.edition.items()}) == len(s.edition.items()) for s in group
        )
        if len(group) < 2 or not ids_unique:
            continue  # one edition has no chain; duplicate ids are DL1xx findings first
        names = [str(k) for k in range(len(group))]
        try:
            ledger = Ledger.from_editions(
                [s.edition for s in group], names=names, files=[s.file for s in group]
            )
            ledger.links()
        except (DutyLedgerError, ValueError, KeyError):
            continue  # what keeps the editions from being diffed is reported by other rules
        yield ledger, [group[int(e.name)] for e in ledger.editions]


def _ref(subject: Subject, state: ItemState) -> ItemRef:
    for kind in ListKind:
        for index, item in enumerate(subject.edition.items(kind)):
            if item.id == state.id:
                return ItemRef(kind=kind, index=index, item=item)
    raise KeyError(state.id)


def _at(subject: Subject, path: str, ref: ItemRef | None = None) -> Location:
    location = ref.location() if ref is not None else Location(path=path)
    return Location(
        path=location.path,
        item_id=location.item_id,
        list=location.list,
        number=location.number,
        file=subject.file,
    )


def _conservation(subjects: Sequence[Subject]) -> Hits:
    for ledger, chain in _chains(subjects):
        for k, entry in enumerate(ledger.editions[1:], 1):
            link = ledger.link(entry)
            for kind in ListKind:
                before = len(chain[k - 1].edition.items(kind))
                after = len(chain[k].edition.items(kind))
                entered = sum(f.count for f in link.flows if f.target is kind)
                left = sum(f.count for f in link.flows if f.source is kind)
                if before + entered - left == after:
                    continue
                subject = chain[k]
                yield (
                    subject,
                    Hit(
                        location=_at(subject, f"$.{kind.value}"),
                        zh=f"{kind.title}：上一版本{before}项，变化记录进{entered}项、出{left}项，应为{before + entered - left}项，本版却有{after}项",
                        en=f"{LIST_EN[kind]}: {before} items before, {entered} in and {left} out by the changes, so {before + entered - left} expected, but this edition has {after}",
                    ),
                )


def _returns(subjects: Sequence[Subject]) -> Hits:
    for ledger, chain in _chains(subjects):
        gone: dict[str, tuple[int, ItemState]] = {}
        gone_names: dict[str, tuple[int, ItemState]] = {}
        for k, entry in enumerate(ledger.editions[1:], 1):
            link = ledger.link(entry)
            for event in link.events:
                if event.kind == "added":
                    state = event.new[0]
                    earlier = gone.get(state.id) or gone_names.get(state.name)
                    if earlier is None:
                        continue
                    j, old = earlier
                    subject = chain[k]
                    same = "同一标识" if old.id == state.id else f"新标识（原为{old.id}）"
                    yield (
                        subject,
                        Hit(
                            location=_at(subject, "", _ref(subject, state)),
                            zh=f"「{state.name}」在{chain[j].label}中取消，本版以{same}重新列入；请确认是恢复原事项",
                            en=f'"{state.name}" was removed in {chain[j].label} and is back in this edition ({"same id" if old.id == state.id else "new id; it was " + old.id}); confirm the duty was restored',
                        ),
                    )
            for event in link.events:
                if event.kind == "removed":
                    state = event.old[0]
                    gone[state.id] = (k, state)
                    gone_names[state.name] = (k, state)


def _recall_then_devolve(subjects: Sequence[Subject]) -> Hits:
    for ledger, chain in _chains(subjects):
        links = ledger.links()
        for k, link in enumerate(links, 1):
            for event in link.events:
                if event.kind != "moved" or event.new[0].list is not ListKind.RECALLED:
                    continue
                ids = {event.new[0].id}
                for j in range(k + 1, min(k + 2, len(links)) + 1):
                    later = links[j - 1]
                    for back in later.events:
                        if (
                            back.kind == "moved"
                            and back.old[0].list is ListKind.RECALLED
                            and back.old[0].id in ids
                        ):
                            subject = chain[j]
                            state = back.new[0]
                            yield (
                                subject,
                                Hit(
                                    location=_at(subject, "", _ref(subject, state)),
                                    zh=f"「{state.name}」在{chain[k].label}中上收，在本版（{chain[j].label}）又下放到{state.list.title}：留意明减暗增",
                                    en=f'"{state.name}" was taken back (上收) in {chain[k].label} and is devolved again here ({chain[j].label}) into the {state.list.value} list: watch for 明减暗增',
                                ),
                            )
                    forward = later.forward()
                    ids = {n for i in ids for n in forward.get(i, (i,))}


def _date_order(subjects: Sequence[Subject]) -> Hits:
    for ledger, chain in _chains(subjects):
        for k in range(1, len(chain)):
            before, after = ledger.editions[k - 1], ledger.editions[k]
            if before.day == after.day and before.date != after.date:
                subject = chain[k]
                yield (
                    subject,
                    Hit(
                        location=_at(subject, "$.meta.date"),
                        zh=f"版本日期{after.date}与{chain[k - 1].label}的{before.date}是同一天，无法排定先后",
                        en=f"the date {after.date} is the same day as {before.date} of {chain[k - 1].label}; the two editions cannot be ordered",
                    ),
                )


_FUNCTIONS: dict[str, Callable[[Sequence[Subject]], Hits]] = {
    "DL311": _conservation,
    "DL312": _returns,
    "DL313": _recall_then_devolve,
    "DL314": _date_order,
}


def chain_checks() -> tuple[tuple[Rule, Callable[[Sequence[Subject]], Hits]], ...]:
    """The chain rules with their functions, for ``run_check(series=…)``."""
    return tuple((rule, _FUNCTIONS[rule.code]) for rule in CHAIN_RULES)
