"""Build a :class:`Report` from a change set and the two editions.

This is the one place where adjustments become rows: which texts go in 调整前
and 调整后, which characters are marked, which departments a 事项 touches, the
counts and flows, and the plain-language appendix of edition-level changes, in
Chinese or English. The record-level rows (CSV, ``--show-renumbered``) are made
here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dutyledger._changes.adjustments import (
    ADJUSTMENT_KINDS,
    ELEMENTS,
    Adjustment,
    adjustments,
    element_of,
)
from dutyledger._changes.base import kind_of
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
from dutyledger._edition.duty_text import numeral, render_duty_text
from dutyledger._edition.records import (
    Block,
    CooperativeItem,
    DeptRef,
    DutyText,
    Edition,
    EditionStatus,
    Item,
    ListKind,
    RecalledItem,
    list_of,
)
from dutyledger._edition.safe_text import visible_record
from dutyledger._report.appendix import Appendix
from dutyledger._report.cells import (
    cells_from_spans,
    compare,
    marked_values,
    marked_whole,
    prefixed,
)
from dutyledger._report.flows import flows, warnings
from dutyledger._report.labels import (
    ELEMENT_LABELS,
    KIND_LABELS,
    LABELS,
    LIST_FULL,
    LIST_SHORT,
    RECORD_LABELS,
    edition_date,
)
from dutyledger._report.model import (
    CategoryCount,
    Cell,
    Lang,
    ListTotal,
    RecordRow,
    Report,
    ReportRow,
    SummaryRow,
)

__all__ = ["build_report"]


def _block_text(block: Block) -> str:
    return render_duty_text(DutyText(blocks=(block,)))


class _Builder:
    def __init__(self, old: Edition, new: Edition, lang: Lang) -> None:
        self.old, self.new, self.lang = old, new, lang
        self.labels = LABELS[lang]
        self.names = {d.id: d.name for d in (*old.departments, *new.departments)}
        self.colon = self.labels["colon"]
        self.sep = self.labels["separator"]

    # --- shared pieces ------------------------------------------------------------------

    def list_label(self, kind: ListKind) -> str:
        return LIST_SHORT[self.lang][kind]

    def dept_names(self, refs: Iterable[DeptRef]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.names.get(r.department, r.written) for r in refs))

    def item_refs(self, item: Item) -> list[DeptRef]:
        refs = list(getattr(item, "departments", ()))
        if isinstance(item, CooperativeItem):
            for text in (item.upstream_duties, item.township_duties):
                for block in text.blocks:
                    if block.heading is not None:
                        refs.extend(block.heading.departments)
        return refs

    def describe_item(self, item: Item) -> str:
        star = "★" if item.starred else ""
        dot = "．" if self.lang == "zh" else ". "
        return f"{self.list_label(kind_of(item))} {item.number}{dot}{star}{item.name}"

    def arrow(self, before: str, after: str) -> str:
        if not before or not after or before == after:
            return before or after
        return f"{before}{self.labels['arrow']}{after}"

    # --- the staff view: one row per 事项 -------------------------------------------------

    def row(self, number: int, adjustment: Adjustment) -> ReportRow:
        olds, news = adjustment.old, adjustment.new
        anchor = news[0] if len(news) == 1 or not olds else olds[0]
        if isinstance(adjustment.changes[0], Split):
            anchor = olds[0]
        sides = [
            " ".join(
                f"{self.list_label(k)} {self.sep.join(str(i.number) for i in items if kind_of(i) is k)}"
                for k in dict.fromkeys(kind_of(i) for i in items)
            )
            for items in (olds, news)
        ]
        elements = tuple(ELEMENT_LABELS[self.lang][e] for e in adjustment.elements)
        kind_label = KIND_LABELS[self.lang][adjustment.kind]
        if elements and adjustment.kind == "变更":
            kind_label += (
                f"（{'、'.join(elements)}）" if self.lang == "zh" else f" ({', '.join(elements)})"
            )
        elif elements:
            kind_label += (
                f"，{'、'.join(elements)}变更"
                if self.lang == "zh"
                else f", {', '.join(elements)} changed"
            )
        old_cell, new_cell = self.sides(adjustment)
        refs = [r for i in (*olds, *news) for r in self.item_refs(i)]
        refs += [r for c in adjustment.changes for r in _record_refs(c)]
        parts: tuple[str, ...] = ()
        if adjustment.kind in ("合并", "分设"):
            parts = tuple(self.describe_item(i) for i in (*olds, *news))
        return ReportRow(
            key=adjustment.key,
            number=number,
            kind=adjustment.kind,
            kind_label=kind_label,
            elements=elements,
            lists=self.arrow(sides[0], sides[1]),
            list_keys=tuple(
                dict.fromkeys(k.value for k in (*adjustment.old_lists, *adjustment.new_lists))
            ),
            category=anchor.category,
            name=anchor.name,
            parts=parts,
            old=old_cell,
            new=new_cell,
            departments=self.dept_names(refs),
            reason="",
            basis="",
            remark="",
        )

    def item_cell(self, item: Item) -> str:
        lines = [self.describe_item(item)]
        element = ELEMENT_LABELS[self.lang]
        if isinstance(item, CooperativeItem) and item.departments:
            names = self.sep.join(r.written for r in item.departments)
            lines.append(f"{element['配合部门']}{self.colon}{names}")
        elif isinstance(item, RecalledItem) and item.receivers:
            names = self.sep.join(r.written for r in item.departments)
            lines.append(f"{element['承接部门及工作方式']}{self.colon}{names}")
        return "\n".join(lines)

    def sides(self, adjustment: Adjustment) -> tuple[Cell, Cell]:
        olds, news = adjustment.old, adjustment.new
        if adjustment.kind == "增加":
            return Cell.plain(""), marked_whole(self.item_cell(news[0]), "insert")
        if adjustment.kind == "取消":
            return marked_whole(self.item_cell(olds[0]), "delete"), Cell.plain("")
        if adjustment.kind in ("合并", "分设"):
            return (
                Cell.plain("\n".join(self.describe_item(i) for i in olds)),
                Cell.plain("\n".join(self.describe_item(i) for i in news)),
            )
        old_lines: list[Cell] = []
        new_lines: list[Cell] = []
        if adjustment.kind != "变更":
            old_lines.append(Cell.plain(self.describe_item(olds[0])))
            new_lines.append(Cell.plain(self.describe_item(news[0])))
        fragments = [f for c in adjustment.changes if (f := self.fragment(c)) is not None]
        fragments.sort(key=lambda f: ELEMENTS.index(f[0]))
        for label, old_cell, new_cell in fragments:
            prefix = f"{ELEMENT_LABELS[self.lang][label]}{self.colon}"
            if old_cell.text:
                old_lines.append(prefixed(prefix, old_cell))
            if new_cell.text:
                new_lines.append(prefixed(prefix, new_cell))
        return Cell.join(old_lines), Cell.join(new_lines)

    def fragment(self, change: Change) -> tuple[str, Cell, Cell] | None:  # noqa: PLR0911, PLR0912
        """The element a record changes and its two sides, changed characters marked."""
        element = element_of(change)
        if element is None:
            return None
        if isinstance(change, Renamed):
            old_cell, new_cell = cells_from_spans(change.spans)
            return element, old_cell, new_cell
        if isinstance(change, Recategorised):
            old_cell, new_cell = compare(change.old.category, change.new.category)
            return element, old_cell, new_cell
        if isinstance(change, StarSet | StarCleared):
            yes, no = self.labels["star_yes"], self.labels["star_no"]
            before = yes if change.old.starred else no
            after = yes if change.new.starred else no
            return element, marked_whole(before, "delete"), marked_whole(after, "insert")
        if isinstance(
            change,
            DepartmentAdded | DepartmentRemoved | DepartmentReassigned | LeadDepartmentChanged,
        ):
            old_refs = list(getattr(change.old, "departments", ()))
            new_refs = list(getattr(change.new, "departments", ()))
            old_ids = [r.department for r in old_refs]
            new_ids = [r.department for r in new_refs]
            if isinstance(change, LeadDepartmentChanged):
                # The order changed: the department that leads now is marked.
                return (
                    element,
                    Cell.plain(self.sep.join(r.written for r in old_refs)),
                    Cell.join(
                        [marked_whole(new_refs[0].written, "insert")]
                        + [Cell.plain(r.written) for r in new_refs[1:]],
                        separator=self.sep,
                    ),
                )
            return (
                element,
                marked_values(_first_written(old_refs), set(new_ids), "delete", self.sep),
                marked_values(_first_written(new_refs), set(old_ids), "insert", self.sep),
            )
        if isinstance(change, StepReworded):
            old_cell, new_cell = cells_from_spans(change.spans)
            return element, old_cell, new_cell
        if isinstance(change, StepAdded):
            return element, Cell.plain(""), marked_whole(change.text, "insert")
        if isinstance(change, StepRemoved):
            return element, marked_whole(change.text, "delete"), Cell.plain("")
        if isinstance(change, BlockAdded):
            text = _column_blocks(change.new, change.column.value)
            return element, Cell.plain(""), marked_whole(_block_text(text[change.block]), "insert")
        if isinstance(change, BlockRemoved):
            text = _column_blocks(change.old, change.column.value)
            return element, marked_whole(_block_text(text[change.block]), "delete"), Cell.plain("")
        if isinstance(change, BlockReassigned):
            old_text = self.sep.join(r.written for r in change.old_departments)
            new_text = self.sep.join(r.written for r in change.new_departments)
            block = _column_blocks(change.new, change.column.value)[change.new_block]
            number = numeral(block.heading.number) if block.heading is not None else ""
            old_cell, new_cell = compare(old_text, new_text)
            head = f"{number}、" if number else ""
            return element, prefixed(head, old_cell), prefixed(head, new_cell)
        if isinstance(change, BlockRetitled):
            old_cell, new_cell = compare(change.old_title or "", change.new_title or "")
            return element, old_cell, new_cell
        return None

    # --- the record view ----------------------------------------------------------------

    def record(self, change: Change) -> RecordRow:
        olds, news = change.old_items(), change.new_items()
        anchor = news[0] if news else (olds[0] if olds else None)
        lists_old = self.sep.join(dict.fromkeys(self.list_label(list_of(i)) for i in olds))
        lists_new = self.sep.join(dict.fromkeys(self.list_label(list_of(i)) for i in news))
        numbers_old = self.sep.join(str(i.number) for i in olds)
        numbers_new = self.sep.join(str(i.number) for i in news)
        old_cell, new_cell, departments, note = self.record_detail(change)
        match = getattr(change, "match", None)
        confidence = getattr(change, "confidence", 1.0)
        match_text = "" if match is None else match.value
        if match is not None and match.value == "inferred":
            match_text += f" {confidence:.2f}"
        return RecordRow(
            kind=change.kind,
            kind_label=RECORD_LABELS[self.lang].get(change.kind, change.term),
            lists=self.arrow(lists_old, lists_new),
            numbers=self.arrow(numbers_old, numbers_new),
            category=anchor.category if anchor else "",
            name=anchor.name if anchor else "",
            old=old_cell,
            new=new_cell,
            departments=departments,
            note=note,
            match=match_text,
        )

    def record_detail(self, change: Change) -> tuple[Cell, Cell, tuple[str, ...], str]:
        refs = [r for i in (*change.old_items(), *change.new_items()) for r in self.item_refs(i)]
        departments = self.dept_names([*refs, *_record_refs(change)])
        found = self.fragment(change)
        if found is not None:
            label, old_cell, new_cell = found
            return old_cell, new_cell, departments, ELEMENT_LABELS[self.lang][label]
        if isinstance(change, Added | Removed | Split | Merged | Moved):
            return (
                Cell.plain("\n".join(self.describe_item(i) for i in change.old_items())),
                Cell.plain("\n".join(self.describe_item(i) for i in change.new_items())),
                departments,
                change.direction.term if isinstance(change, Moved) and self.lang == "zh" else "",
            )
        if isinstance(change, Renumbered):
            return (
                Cell.plain(str(change.old.number)),
                Cell.plain(str(change.new.number)),
                departments,
                "",
            )
        if isinstance(change, WordingChanged):
            return Cell.plain(""), Cell.plain(""), departments, change.column.title
        if isinstance(change, MetaChanged | PreambleChanged | RegistryChanged):
            fields = change.fields()
            return (
                Cell.plain("\n".join(f"{f.path}: {f.old}" for f in fields)),
                Cell.plain("\n".join(f"{f.path}: {f.new}" for f in fields)),
                (),
                change.term,
            )
        return Cell.plain(""), Cell.plain(""), departments, ""


def _first_written(refs: list[DeptRef]) -> list[tuple[str, str]]:
    """Each department once, in order, as (id, first spelling)."""
    written = {r.department: r.written for r in reversed(refs)}
    return [(d, written[d]) for d in dict.fromkeys(r.department for r in refs)]


def _column_blocks(item: Item, column: str) -> tuple[Block, ...]:
    text = getattr(item, column, None)
    return text.blocks if isinstance(text, DutyText) else ()


def _record_refs(change: Change) -> list[DeptRef]:
    """The departments a record names itself: an added block's heading, a reassignment."""
    refs: list[DeptRef] = []
    for name in ("department", "old_department", "new_department"):
        ref = getattr(change, name, None)
        if isinstance(ref, DeptRef):
            refs.append(ref)
    if isinstance(change, BlockReassigned):
        refs += [*change.old_departments, *change.new_departments]
    if isinstance(change, BlockAdded | BlockRemoved):
        item = change.new if isinstance(change, BlockAdded) else change.old
        block = _column_blocks(item, change.column.value)[change.block]
        if block.heading is not None:
            refs += block.heading.departments
    return refs


def _anchor_list(adjustment: Adjustment) -> ListKind:
    """The list a 事项 counts in: the one it is in after, or (取消) before."""
    return (adjustment.new_lists or adjustment.old_lists)[0]


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
            order) in the record view, which are left out by default.

    Returns:
        The report, ready for any renderer.
    """
    labels = LABELS[lang]
    builder = _Builder(old, new, lang)
    found = adjustments(changes)
    rows = tuple(builder.row(n, a) for n, a in enumerate(found, start=1))
    summary = []
    for kind in ADJUSTMENT_KINDS:
        of_kind = [a for a in found if a.kind == kind]
        if not of_kind:
            continue
        per_list = Counter(_anchor_list(a) for a in of_kind)
        summary.append(
            SummaryRow(
                kind=kind,
                label=KIND_LABELS[lang][kind],
                basic=per_list[ListKind.BASIC],
                cooperative=per_list[ListKind.COOPERATIVE],
                recalled=per_list[ListKind.RECALLED],
                total=len(of_kind),
            )
        )
    totals = tuple(
        ListTotal(
            list=kind.value,
            label=LIST_FULL[lang][kind],
            before=len(old.items(kind)),
            after=len(new.items(kind)),
        )
        for kind in ListKind
    )
    date_old, date_new = edition_date(old.meta.date, lang), edition_date(new.meta.date, lang)
    part = 0 if lang == "zh" else -1
    notices = tuple(
        labels["illustrative"].format(
            date=edition_date(e.meta.date, lang), note=(e.meta.note or "").split(" / ")[part]
        )
        for e in (old, new)
        if e.meta.status is EditionStatus.ILLUSTRATIVE
    )
    jurisdiction = new.meta.jurisdiction
    township = f"{jurisdiction.county}{jurisdiction.township}"
    unit = "item_unit"
    total_text = (
        str(len(rows))
        if lang == "zh"
        else f"{len(rows)} {labels[unit] if len(rows) == 1 else labels[unit + '_plural']} adjusted"
    )
    parts = labels["separator"].join(
        labels["count_part"].format(label=s.label if lang == "zh" else s.label.lower(), n=s.total)
        for s in summary
    )
    headline = labels["headline"].format(
        township=township,
        old=date_old,
        new=date_new,
        total=total_text,
        parts=parts or labels["none"],
    )
    headline += (" " if lang == "en" else "") + labels["headline_totals"].format(
        after=labels["separator"].join(
            labels["list_count"].format(
                label=t.label if lang == "zh" else t.label.lower(), n=t.after
            )
            for t in totals
        ),
        before=labels["separator"].join(
            f"{t.before}项" if lang == "zh" else str(t.before) for t in totals
        ),
    )
    categories = Counter(row.category for row in rows if row.category)
    shown = [c for c in changes if c.group in {"item", "edition"} or show_renumbered]
    # Every text a renderer lays out is safe: control characters visible, no lone
    # surrogates (docs/reliability.md). Renderers may rely on it.
    report = Report(
        lang=lang,
        title=labels["title"].format(township=township),
        township=township,
        issuer=labels["issuer"].format(county=jurisdiction.county, township=jurisdiction.township),
        issued=labels["issued"],
        old_date=date_old,
        new_date=date_new,
        notices=notices,
        headline=headline,
        totals=totals,
        summary=tuple(summary),
        indicators=warnings(changes, lang),
        flows=flows(found, old, lang),
        categories=tuple(CategoryCount(category=c, count=n) for c, n in categories.most_common()),
        rows=rows,
        appendix=tuple(Appendix(lang).entries(changes)),
        records=tuple(builder.record(c) for c in shown),
        labels=labels,
        stamp_date=new.meta.date,
    )
    return visible_record(report)
