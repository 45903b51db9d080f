"""The figures of a report: flows of 事项 between the lists, and the 明减暗增 warnings."""

from __future__ import annotations

from collections import Counter

from dutyledger._changes.adjustments import Adjustment
from dutyledger._changes.base import kind_of
from dutyledger._changes.changeset import ChangeSet
from dutyledger._changes.indicators import PushDown, indicators
from dutyledger._edition.records import Edition, ListKind
from dutyledger._report.labels import LABELS, LIST_SHORT
from dutyledger._report.model import Flow, Indicator, Lang

__all__ = ["flows", "warnings"]


def flows(found: tuple[Adjustment, ...], old: Edition, lang: Lang) -> tuple[Flow, ...]:
    """Items from the old lists (or none) to the new lists (or none); a split or merge drawn once."""
    short = LIST_SHORT[lang]
    labels = LABELS[lang]
    before: Counter[tuple[str, str, str]] = Counter()
    after: Counter[tuple[str, str, str]] = Counter()
    left: set[str] = set()
    for adjustment in found:
        left.update(i.id for i in adjustment.old)
        if adjustment.kind == "增加":
            key = (labels["flow_new"], short[kind_of(adjustment.new[0])], "added")
            after[key] += 1
            before[key] += 0
        elif adjustment.kind == "取消":
            key = (short[kind_of(adjustment.old[0])], labels["flow_gone"], "removed")
            before[key] += 1
            after[key] += 0
        elif adjustment.kind in ("合并", "分设"):
            flow_kind = "merge" if adjustment.kind == "合并" else "split"
            into = short[kind_of(adjustment.new[0])]
            for index, origin in enumerate(adjustment.old_lists):
                key = (short[origin], into, flow_kind)
                before[key] += sum(kind_of(i) is origin for i in adjustment.old)
                # The new items are counted once, on the band of the first source list.
                after[key] += len(adjustment.new) if index == 0 else 0
        else:
            source, target = kind_of(adjustment.old[0]), kind_of(adjustment.new[0])
            key = (short[source], short[target], "same" if source is target else "move")
            before[key] += 1
            after[key] += 1
    for item in old.items():
        if item.id not in left:
            key = (short[kind_of(item)], short[kind_of(item)], "same")
            before[key] += 1
            after[key] += 1
    order = [labels["flow_new"], *(short[k] for k in ListKind), labels["flow_gone"]]
    kinds = ["same", "move", "split", "merge", "added", "removed"]
    ranked = sorted(
        before,
        key=lambda k: (order.index(k[0]), order.index(k[1]), kinds.index(k[2])),
    )
    return tuple(
        Flow(source=s, target=t, before=before[s, t, k], after=after[s, t, k], kind=k)
        for s, t, k in ranked
        if before[s, t, k] or after[s, t, k]
    )


def warnings(changes: ChangeSet, lang: Lang) -> tuple[Indicator, ...]:
    labels = LABELS[lang]
    figures = indicators(changes)
    found = []
    for warning in figures.warnings:
        if warning.reason is PushDown.BASIC_DOWN_COOPERATIVE_UP:
            text = labels["pushdown_basic"].format(
                basic=-figures.basic.net, cooperative=figures.cooperative.net
            )
        else:
            n = len(warning.items)
            items = f"{n} recalled item" if n == 1 else f"{n} recalled items"
            text = labels["pushdown_devolved"].format(n=n, items=items)
        found.append(Indicator(label=labels["pushdown"], value=text))
    return tuple(found)
