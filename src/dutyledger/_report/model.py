"""The report: what every format shows, as typed data built once from a change set.

Renderers (Markdown, HTML, Excel, Word, CSV, terminal) only lay it out. Labels
come in Chinese and English (``Lang``); the items' own texts are never
translated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

__all__ = [
    "CategoryCount",
    "Cell",
    "Flow",
    "Indicator",
    "Lang",
    "Report",
    "ReportRow",
    "Section",
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
    """The text of one side (原事项 or 调整后事项) of a row.

    Attributes:
        text: The whole text, plain.
        segments: The same text in runs, with the changed characters marked;
            empty where nothing is highlighted.
    """

    text: str
    segments: tuple[Segment, ...] = ()

    @classmethod
    def plain(cls, text: str) -> Cell:
        """A cell without highlights."""
        return cls(text=text)

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
    """One change, as a row of the 调整对照表.

    Attributes:
        kind: The change kind's stable tag (``renamed`` …).
        kind_label: 调整类型, in the report's language.
        lists: The list(s) before → after, in the report's language.
        numbers: 序号 before → after (``12 → 15``, or one of them).
        category: 事项类别 (the new one, else the old).
        name: 事项名称 (the new one, else the old).
        old: 原事项: the old side of what changed.
        new: 调整后事项: the new side.
        departments: 涉及部门: the departments the change touches.
        note: 说明: what changed, in words.
        match: How the items were paired (``id``, ``confirmed``, ``inferred``),
            with the confidence where inferred.
        list_keys: The lists involved, as stable keys for filters.
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
    list_keys: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Section:
    """All rows of one change kind."""

    kind: str
    label: str
    description: str
    rows: tuple[ReportRow, ...]


@attrs.frozen(kw_only=True)
class SummaryRow:
    """Counts of one change kind, per list and in all."""

    kind: str
    label: str
    basic: int
    cooperative: int
    recalled: int
    total: int


@attrs.frozen(kw_only=True)
class Flow:
    """How many items went from one list (or none) to another (or none)."""

    source: str
    target: str
    count: int


@attrs.frozen(kw_only=True)
class CategoryCount:
    """How many changes touch one category."""

    category: str
    count: int


@attrs.frozen(kw_only=True)
class Indicator:
    """A figure policy staff ask about, or a warning."""

    label: str
    value: str
    warning: bool = False


@attrs.frozen(kw_only=True)
class Report:
    """A change report between two editions of one township.

    Attributes:
        lang: The language of the labels.
        title: The report's title.
        township: The township, with the county.
        old_date: The old edition's date.
        new_date: The new edition's date.
        notices: Things a reader must know first (an illustrative edition).
        headline: One paragraph summing the changes up.
        summary: Per kind, counts per list.
        indicators: Net changes and warnings.
        flows: Items between lists (for the flow diagram).
        categories: Changes per category.
        sections: The rows, per kind.
        labels: The column and heading labels in the report's language.
    """

    lang: Lang
    title: str
    township: str
    old_date: str
    new_date: str
    notices: tuple[str, ...]
    headline: str
    summary: tuple[SummaryRow, ...]
    indicators: tuple[Indicator, ...]
    flows: tuple[Flow, ...]
    categories: tuple[CategoryCount, ...]
    sections: tuple[Section, ...]
    labels: dict[str, str] = attrs.field(hash=False)

    def rows(self) -> tuple[ReportRow, ...]:
        """Every row, section by section."""
        return tuple(row for section in self.sections for row in section.rows)
