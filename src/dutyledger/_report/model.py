"""The report: what every format shows, as typed data built once from a change set.

Two views. The staff view has one :class:`ReportRow` per 事项 adjusted (an
item, or a split or merge group; see :func:`dutyledger.adjustments`), counts
per 调整类型 and list, the totals of each list before and after, the flows
between the lists and a plain-language appendix of edition-level changes. The
record view (:class:`RecordRow`, one per change record) stays for the CSV and
for ``--show-renumbered``.

Renderers (Markdown, HTML, Excel, Word, CSV, terminal) only lay it out. Labels
come in Chinese and English (``Lang``); the items' own texts are never
translated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

__all__ = [
    "AppendixEntry",
    "CategoryCount",
    "Cell",
    "Flow",
    "Indicator",
    "Lang",
    "ListTotal",
    "RecordRow",
    "Report",
    "ReportRow",
    "Segment",
    "SummaryRow",
]

Lang = Literal["zh", "en"]

SegmentOp = Literal["equal", "insert", "delete"]


@attrs.frozen(kw_only=True)
class Segment:
    """A run of characters of one side of a change, marked if it changed."""

    text: str
    op: SegmentOp = "equal"


@attrs.frozen(kw_only=True)
class Cell:
    r"""The text of one side (调整前 or 调整后) of a row.

    Attributes:
        text: The whole text, plain; lines separated by ``\\n``.
        segments: The same text in runs, with the changed characters marked;
            empty where nothing is highlighted.
    """

    text: str
    segments: tuple[Segment, ...] = ()

    @classmethod
    def plain(cls, text: str) -> Cell:
        """A cell without highlights."""
        return cls(text=text)

    @classmethod
    def join(cls, cells: tuple[Cell, ...] | list[Cell], separator: str = "\n") -> Cell:
        """The cells one after another, separated by ``separator``; their marks kept."""
        segments: list[Segment] = []
        for index, cell in enumerate(cells):
            if index:
                segments.append(Segment(text=separator))
            segments.extend(cell.segments or (Segment(text=cell.text),))
        merged: list[Segment] = []
        for segment in segments:
            if not segment.text:
                continue
            if merged and merged[-1].op == segment.op:
                merged[-1] = Segment(text=merged[-1].text + segment.text, op=segment.op)
            else:
                merged.append(segment)
        text = separator.join(cell.text for cell in cells)
        marked = any(s.op != "equal" for s in merged)
        return cls(text=text, segments=tuple(merged) if marked else ())

    def lines(self) -> tuple[Cell, ...]:
        """The cell split at its line breaks, each line with its marks."""
        if not self.text:
            return ()
        found: list[list[Segment]] = [[]]
        for segment in self.segments or (Segment(text=self.text),):
            pieces = segment.text.split("\n")
            for index, piece in enumerate(pieces):
                if index:
                    found.append([])
                if piece:
                    found[-1].append(Segment(text=piece, op=segment.op))
        return tuple(
            Cell(
                text="".join(s.text for s in line),
                segments=tuple(line) if any(s.op != "equal" for s in line) else (),
            )
            for line in found
        )

    def marked(self, escape: Callable[[str], str], *, delete: str, insert: str) -> str:
        """The text escaped, changed runs wrapped by the ``delete`` and ``insert`` templates.

        Args:
            escape: Escapes a run of text for the output format.
            delete: A template with ``{}`` for a deleted run (``<del>{}</del>``).
            insert: A template with ``{}`` for an inserted run.
        """
        if not self.segments:
            return escape(self.text)
        templates = {"delete": delete, "insert": insert, "equal": "{}"}
        return "".join(templates[s.op].format(escape(s.text)) for s in self.segments)


@attrs.frozen(kw_only=True)
class ReportRow:
    """One 事项 adjusted, as a row of the 调整对照表.

    Attributes:
        key: The adjustment's stable key (:attr:`dutyledger.Adjustment.key`):
            notes are attached to rows by it.
        number: 序号: the row's running number in the report, from 1.
        kind: 调整类型 as its stable Chinese tag (增加 … 变更).
        kind_label: 调整类型 in the report's language, with the 变更要素
            (``变更（名称、★）``).
        elements: The 变更要素, in the report's language.
        lists: 清单 before → after with the items' 序号 (``基本 12 → 收回 56``).
        list_keys: The lists involved, as stable keys for filters.
        category: 事项类别 (the new one, else the old).
        name: 事项名称 (the new one, else the old; for a split the old one,
            for a merge the new one).
        parts: For a split or merge, every item of the group, one per line
            (``基本 12．name``); empty otherwise.
        old: 调整前, the changed characters marked.
        new: 调整后, the changed characters marked.
        departments: 涉及部门: every department the 事项 names or the change
            touches, by canonical name (an added block's department too).
        reason: 调整理由; empty until notes fill it.
        basis: 调整依据; empty until notes fill it.
        remark: 备注; empty until notes fill it.
    """

    key: str
    number: int
    kind: str
    kind_label: str
    elements: tuple[str, ...]
    lists: str
    list_keys: tuple[str, ...]
    category: str
    name: str
    parts: tuple[str, ...]
    old: Cell
    new: Cell
    departments: tuple[str, ...]
    reason: str = ""
    basis: str = ""
    remark: str = ""


@attrs.frozen(kw_only=True)
class RecordRow:
    """One change record, for the record-level view (CSV, ``--show-renumbered``).

    Attributes:
        kind: The change kind's stable tag (``renamed`` …).
        kind_label: The kind, in the report's language.
        lists: The list(s) before → after.
        numbers: 序号 before → after.
        category: 事项类别 (the new one, else the old).
        name: 事项名称 (the new one, else the old).
        old: The old side of what changed.
        new: The new side.
        departments: The departments the change touches.
        note: What changed, in words.
        match: How the items were paired, with the confidence where inferred.
    """

    kind: str
    kind_label: str
    lists: str
    numbers: str
    category: str
    name: str
    old: Cell
    new: Cell
    departments: tuple[str, ...]
    note: str
    match: str


@attrs.frozen(kw_only=True)
class SummaryRow:
    """事项 of one 调整类型, per list and in all.

    A 事项 counts in one list: the one it is in after the adjustment (for 取消,
    the one it was in), so the list columns add up to ``total``.
    """

    kind: str
    label: str
    basic: int
    cooperative: int
    recalled: int
    total: int


@attrs.frozen(kw_only=True)
class ListTotal:
    """The items of one list before and after."""

    list: str
    label: str
    before: int
    after: int

    @property
    def net(self) -> int:
        """After minus before."""
        return self.after - self.before


@attrs.frozen(kw_only=True)
class Flow:
    """Items from one list (or none) to another (or none), drawn as one band.

    A split or merge is one band whose ends differ: ``before`` items leave
    the source, ``after`` items reach the target. So the bands leaving a list
    add up to its items before, and those reaching it to its items after.

    Attributes:
        source: The list before, or the label of new items.
        target: The list after, or the label of removed items.
        before: Items at the source end.
        after: Items at the target end.
        kind: ``same`` (stayed in the list), ``move``, ``split``, ``merge``,
            ``added`` or ``removed``.
    """

    source: str
    target: str
    before: int
    after: int
    kind: str


@attrs.frozen(kw_only=True)
class CategoryCount:
    """How many 事项 of one category were adjusted."""

    category: str
    count: int


@attrs.frozen(kw_only=True)
class Indicator:
    """A question for the reader (明减暗增), in words."""

    label: str
    value: str
    warning: bool = True


@attrs.frozen(kw_only=True)
class AppendixEntry:
    """One edition-level change, in plain language (附：清单说明及部门名录调整).

    Attributes:
        topic: What changed (版本信息, 清单说明, 部门名录).
        label: The field, in words (``版本日期``, ``增加部门``).
        old: The old wording, changed characters marked; empty if none.
        new: The new wording, changed characters marked; empty if none.
    """

    topic: str
    label: str
    old: Cell
    new: Cell


@attrs.frozen(kw_only=True)
class Report:
    """A change report between two editions of one township.

    Attributes:
        lang: The language of the labels.
        title: The report's title.
        township: The township, with the county.
        issuer: The issuing office line (a placeholder the office edits).
        issued: The date line (a placeholder the office edits).
        old_date: The old edition's date.
        new_date: The new edition's date.
        notices: Things a reader must know first (an illustrative edition).
        headline: One paragraph summing the adjustments up.
        totals: Items per list before and after.
        summary: 事项 per 调整类型, per list.
        indicators: Questions for the reader (明减暗增); empty if none.
        flows: Items between lists (for the flow diagram).
        categories: 事项 adjusted per category.
        rows: One row per 事项 adjusted, in published order.
        appendix: Edition-level changes, in plain language.
        records: The record-level view: form-only changes (``--show-renumbered``)
            in reports, every record in the CSV.
        labels: The column and heading labels in the report's language.
        stamp_date: The new edition's date as its file gives it (``2026-01``): the time
            stamped in Word and Excel files, so that the same report is the same bytes.
    """

    lang: Lang
    title: str
    township: str
    issuer: str
    issued: str
    old_date: str
    new_date: str
    notices: tuple[str, ...]
    headline: str
    totals: tuple[ListTotal, ...]
    summary: tuple[SummaryRow, ...]
    indicators: tuple[Indicator, ...]
    flows: tuple[Flow, ...]
    categories: tuple[CategoryCount, ...]
    rows: tuple[ReportRow, ...]
    appendix: tuple[AppendixEntry, ...]
    records: tuple[RecordRow, ...]
    labels: dict[str, str] = attrs.field(hash=False)
    stamp_date: str = ""

    def by_kind(self) -> tuple[tuple[SummaryRow, tuple[ReportRow, ...]], ...]:
        """The rows grouped by 调整类型, in the summary's order."""
        return tuple((s, tuple(r for r in self.rows if r.kind == s.kind)) for s in self.summary)

    def plural(self, count: int, key: str) -> str:
        """``count`` and the label ``key`` (``n_items``) in the right number (1 item, 2 items)."""
        if self.lang == "en" and count != 1:
            return f"{count} {self.labels[key + '_plural']}"
        return f"{count}{'' if self.lang == 'zh' else ' '}{self.labels[key]}"
