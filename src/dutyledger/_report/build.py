"""Build a :class:`Report` from a change set and the two editions.

This is the one place where change records become rows: which side of a change
goes in 原事项 and which in 调整后事项, which characters are marked, which
departments a change touches, and the words of 说明, in Chinese or English.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dutyledger._changes.base import Span
from dutyledger._changes.blocks import (
    BlockAdded,
    BlockReassigned,
    BlockRemoved,
    BlockRetitled,
    StepAdded,
    StepRemoved,
    StepReworded,
)
from dutyledger._changes.changeset import ChangeSet
from dutyledger._changes.indicators import indicators
from dutyledger._changes.kinds import (
    Added,
    Change,
    DepartmentAdded,
    DepartmentReassigned,
    DepartmentRemoved,
    LeadDepartmentChanged,
    Merged,
    MetaChanged,
    Moved,
    PreambleChanged,
    Recategorised,
    RegistryChanged,
    Removed,
    Renamed,
    Renumbered,
    Split,
    StarCleared,
    StarSet,
    WordingChanged,
)
from dutyledger._edition.duty_text import render_duty_text
from dutyledger._edition.records import DeptRef, Edition, EditionStatus, Item, ListKind, list_of
from dutyledger._edition.safe_text import visible_record
from dutyledger._report.labels import KIND_DESCRIPTIONS, KIND_LABELS, LABELS, LIST_SHORT
from dutyledger._report.model import (
    CategoryCount,
    Cell,
    Flow,
    Indicator,
    Lang,
    Report,
    ReportRow,
    Section,
    Segment,
    SummaryRow,
)

__all__ = ["build_report", "cells_from_spans"]


def cells_from_spans(spans: Iterable[Span]) -> tuple[Cell, Cell]:
    """Turn a character-level diff into the old and the new cell, changes marked."""
    old: list[Segment] = []
    new: list[Segment] = []
    for span in spans:
        if span.op == "equal":
            old.append(Segment(text=span.old))
            new.append(Segment(text=span.new))
            continue
        if span.old:
            old.append(Segment(text=span.old, op="delete"))
        if span.new:
            new.append(Segment(text=span.new, op="insert"))
    return (
        Cell(text="".join(s.text for s in old), segments=tuple(old)),
        Cell(text="".join(s.text for s in new), segments=tuple(new)),
    )


class _Builder:
    def __init__(self, old: Edition, new: Edition, lang: Lang) -> None:
        self.old, self.new, self.lang = old, new, lang
        self.labels = LABELS[lang]
        self.names = {d.id: d.name for d in (*old.departments, *new.departments)}

    def list_label(self, kind: ListKind) -> str:
        return LIST_SHORT[self.lang][kind]

    def dept_names(self, refs: Iterable[DeptRef]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.names.get(r.department, r.written) for r in refs))

    def item_departments(self, item: Item | None) -> tuple[str, ...]:
        return () if item is None else self.dept_names(getattr(item, "departments", ()))

    def describe_item(self, item: Item) -> str:
        return f"{self.list_label(list_of(item))} {item.number}．{'★' if item.starred else ''}{item.name}"

    def row(self, change: Change) -> ReportRow:
        olds, news = change.old_items(), change.new_items()
        first_old = olds[0] if olds else None
        first_new = news[0] if news else None
        anchor = first_new or first_old
        lists_old = [list_of(i) for i in olds]
        lists_new = [list_of(i) for i in news]
        lists = " → ".join(
            part
            for part in (
                "、".join(dict.fromkeys(self.list_label(k) for k in lists_old)),
                "、".join(dict.fromkeys(self.list_label(k) for k in lists_new)),
            )
            if part
        )
        if lists_old and lists_new and set(lists_old) == set(lists_new):
            lists = "、".join(dict.fromkeys(self.list_label(k) for k in lists_new))
        numbers_old = "、".join(str(i.number) for i in olds)
        numbers_new = "、".join(str(i.number) for i in news)
        numbers = numbers_new or numbers_old
        if numbers_old and numbers_new and numbers_old != numbers_new:
            numbers = f"{numbers_old} → {numbers_new}"
        old_cell, new_cell, departments, note = self.detail(change, first_old, first_new)
        match = getattr(change, "match", None)
        confidence = getattr(change, "confidence", 1.0)
        match_text = "" if match is None else match.value
        if match is not None and match.value == "inferred":
            match_text += f" {confidence:.2f}"
        return ReportRow(
            kind=change.kind,
            kind_label=KIND_LABELS[self.lang].get(change.kind, change.term),
            lists=lists,
            numbers=numbers,
            category=anchor.category if anchor else "",
            name=anchor.name if anchor else "",
            old=old_cell,
            new=new_cell,
            departments=departments,
            note=note,
            match=match_text,
            list_keys=tuple(dict.fromkeys(k.value for k in (*lists_old, *lists_new))),
        )

    def detail(  # noqa: PLR0911, PLR0912 - one branch per change kind reads best
        self, change: Change, old: Item | None, new: Item | None
    ) -> tuple[Cell, Cell, tuple[str, ...], str]:
        zh = self.lang == "zh"
        depts = self.item_departments(new or old)
        if isinstance(change, Added):
            return Cell.plain(""), Cell.plain(self.describe_item(change.new)), depts, ""
        if isinstance(change, Removed):
            return Cell.plain(self.describe_item(change.old)), Cell.plain(""), depts, ""
        if isinstance(change, Split | Merged):
            olds = "\n".join(self.describe_item(i) for i in change.old_items())
            news = "\n".join(self.describe_item(i) for i in change.new_items())
            every = tuple(
                dict.fromkeys(
                    d
                    for i in (*change.old_items(), *change.new_items())
                    for d in self.item_departments(i)
                )
            )
            count = (
                len(change.new_items()) if isinstance(change, Split) else len(change.old_items())
            )
            note = (
                (f"一项分设为{count}项" if zh else f"one item split into {count}")
                if isinstance(change, Split)
                else (f"{count}项合并为一项" if zh else f"{count} items merged into one")
            )
            return Cell.plain(olds), Cell.plain(news), every, note
        if isinstance(change, Moved):
            note = f"{change.direction.term}：{self.list_label(list_of(change.old))} → {self.list_label(list_of(change.new))}"
            if not zh:
                note = f"{change.direction.value.replace('_', ' ')}: {self.list_label(list_of(change.old))} → {self.list_label(list_of(change.new))}"
            every = tuple(
                dict.fromkeys(
                    (*self.item_departments(change.old), *self.item_departments(change.new))
                )
            )
            return (
                Cell.plain(self.describe_item(change.old)),
                Cell.plain(self.describe_item(change.new)),
                every,
                note,
            )
        if isinstance(change, Renamed):
            old_cell, new_cell = cells_from_spans(change.spans)
            note = (
                f"相似度 {change.similarity:.2f}" if zh else f"similarity {change.similarity:.2f}"
            )
            return old_cell, new_cell, depts, note
        if isinstance(change, Recategorised):
            return Cell.plain(change.old.category), Cell.plain(change.new.category), depts, ""
        if isinstance(change, StarSet | StarCleared):
            return (
                Cell.plain("★" if change.old.starred else ""),
                Cell.plain("★" if change.new.starred else ""),
                depts,
                "",
            )
        if isinstance(change, DepartmentAdded | DepartmentRemoved):
            touched = self.dept_names((change.department,))
            old_depts = "、".join(r.written for r in getattr(change.old, "departments", ()))
            new_depts = "、".join(r.written for r in getattr(change.new, "departments", ()))
            verb = (
                ("增加" if isinstance(change, DepartmentAdded) else "减少")
                if zh
                else ("added" if isinstance(change, DepartmentAdded) else "removed")
            )
            return (
                Cell.plain(old_depts),
                Cell.plain(new_depts),
                touched,
                f"{verb} {change.department.written}",
            )
        if isinstance(change, DepartmentReassigned | LeadDepartmentChanged):
            touched = self.dept_names((change.old_department, change.new_department))
            note = f"{change.old_department.written} → {change.new_department.written}"
            return (
                Cell.plain(change.old_department.written),
                Cell.plain(change.new_department.written),
                touched,
                note,
            )
        if isinstance(change, StepReworded):
            old_cell, new_cell = cells_from_spans(change.spans)
            return old_cell, new_cell, depts, change.column.title
        if isinstance(change, StepAdded):
            return Cell.plain(""), Cell.plain(change.text), depts, change.column.title
        if isinstance(change, StepRemoved):
            return Cell.plain(change.text), Cell.plain(""), depts, change.column.title
        if isinstance(change, BlockReassigned):
            touched = self.dept_names((*change.old_departments, *change.new_departments))
            old_text = "、".join(r.written for r in change.old_departments)
            new_text = "、".join(r.written for r in change.new_departments)
            return Cell.plain(old_text), Cell.plain(new_text), touched, change.column.title
        if isinstance(change, BlockAdded | BlockRemoved | BlockRetitled):
            return (
                Cell.plain(self.column_text(change.old, change.column.value)),
                Cell.plain(self.column_text(change.new, change.column.value)),
                depts,
                change.column.title,
            )
        if isinstance(change, WordingChanged):
            return Cell.plain(""), Cell.plain(""), depts, change.column.title
        if isinstance(change, Renumbered):
            return Cell.plain(str(change.old.number)), Cell.plain(str(change.new.number)), depts, ""
        if isinstance(change, MetaChanged | PreambleChanged | RegistryChanged):
            fields = change.fields()
            old_text = "\n".join(f"{f.path}: {f.old}" for f in fields)
            new_text = "\n".join(f"{f.path}: {f.new}" for f in fields)
            return Cell.plain(old_text), Cell.plain(new_text), (), change.term
        return Cell.plain(""), Cell.plain(""), depts, ""

    @staticmethod
    def column_text(item: Item, column: str) -> str:
        text = getattr(item, column, None)
        return render_duty_text(text) if text is not None else ""


def _flows(changes: ChangeSet, old: Edition, lang: Lang) -> tuple[Flow, ...]:
    """Items from the old lists (or none) to the new lists (or none), unchanged ones included."""
    short = LIST_SHORT[lang]
    labels = LABELS[lang]
    counts: Counter[tuple[str, str]] = Counter()
    left: set[str] = set()
    for change in changes:
        if isinstance(change, Added):
            counts[labels["flow_new"], short[list_of(change.new)]] += 1
        elif isinstance(change, Removed):
            counts[short[list_of(change.old)], labels["flow_gone"]] += 1
            left.add(change.old.id)
        elif isinstance(change, Moved | Split | Merged):
            for source in change.old_items():
                left.add(source.id)
                for target in change.new_items():
                    counts[short[list_of(source)], short[list_of(target)]] += 1
    for item in old.items():
        if item.id not in left:
            counts[short[list_of(item)], short[list_of(item)]] += 1
    order = [labels["flow_new"], *(short[k] for k in ListKind), labels["flow_gone"]]
    ranked = sorted(counts.items(), key=lambda kv: (order.index(kv[0][0]), order.index(kv[0][1])))
    return tuple(Flow(source=s, target=t, count=n) for (s, t), n in ranked if n > 0)


def build_report(
    changes: ChangeSet,
    old: Edition,
    new: Edition,
    *,
    lang: Lang = "zh",
    show_renumbered: bool = False,
) -> Report:
    """Build the report of a change set.

    Args:
        changes: The change set, from ``diff(old, new)``.
        old: The old edition.
        new: The new edition.
        lang: The language of labels and notes (the items' texts are never
            translated).
        show_renumbered: Also list changes of form (序号, page, spelling,
            order), which are left out by default.

    Returns:
        The report, ready for any renderer.
    """
    labels = LABELS[lang]
    builder = _Builder(old, new, lang)
    shown = [c for c in changes if c.group != "clerical" or show_renumbered]
    kinds = list(dict.fromkeys(c.kind for c in shown))
    order = list(KIND_LABELS["zh"])
    kinds.sort(key=lambda k: order.index(k) if k in order else len(order))
    sections = []
    summary = []
    for kind in kinds:
        records = [c for c in shown if c.kind == kind]
        rows = tuple(builder.row(c) for c in records)
        sections.append(
            Section(
                kind=kind,
                label=KIND_LABELS[lang].get(kind, records[0].term),
                description=KIND_DESCRIPTIONS[lang].get(kind, ""),
                rows=rows,
            )
        )
        per_list = Counter(k for row in rows for k in row.list_keys[:1])
        summary.append(
            SummaryRow(
                kind=kind,
                label=KIND_LABELS[lang].get(kind, records[0].term),
                basic=per_list["basic"],
                cooperative=per_list["cooperative"],
                recalled=per_list["recalled"],
                total=len(rows),
            )
        )
    figures = indicators(changes)
    indicator_rows = [
        Indicator(
            label=f"{labels['net']} · {LIST_SHORT[lang][kind]}",
            value=f"{figures.delta(kind).net:+d}",
        )
        for kind in ListKind
    ]
    # A warning's message says it in Chinese, then in English, separated by " / ".
    part = 0 if lang == "zh" else -1
    indicator_rows += [
        Indicator(label=w.term, value=w.message.split(" / ")[part], warning=True)
        for w in figures.warnings
    ]
    categories = Counter(
        row.category for section in sections for row in section.rows if row.category
    )
    notices = tuple(
        labels["illustrative"].format(date=e.meta.date, note=(e.meta.note or "").split(" / ")[part])
        for e in (old, new)
        if e.meta.status is EditionStatus.ILLUSTRATIVE
    )
    township = f"{new.meta.jurisdiction.county}{new.meta.jurisdiction.township}"
    total = sum(len(s.rows) for s in sections)
    headline = labels["headline"].format(
        township=township,
        old=old.meta.date,
        new=new.meta.date,
        total=total,
        parts=labels["list_separator"].join(f"{s.label} {len(s.rows)}" for s in sections)
        or labels["none"],
    )
    # Every text a renderer lays out is safe: control characters visible, no lone
    # surrogates (docs/reliability.md). Renderers may rely on it.
    report = Report(
        lang=lang,
        title=labels["title"].format(
            township=new.meta.jurisdiction.township, old=old.meta.date, new=new.meta.date
        ),
        township=township,
        old_date=old.meta.date,
        new_date=new.meta.date,
        notices=notices,
        headline=headline,
        summary=tuple(summary),
        indicators=tuple(indicator_rows),
        flows=_flows(changes, old, lang),
        categories=tuple(CategoryCount(category=c, count=n) for c, n in categories.most_common()),
        sections=tuple(sections),
        labels=labels,
    )
    return visible_record(report)
