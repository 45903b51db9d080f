"""What every rule module shares: the rule record, a hit, the edition under check.

A rule function looks at a :class:`Subject` (one edition) or a sequence of them
and yields :class:`Hit` records: a place and a message in two languages. The
runner turns hits into :class:`~dutyledger._checks.findings.Finding` records, adding the
rule's code and severity, so a rule function never repeats either.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from dutyledger._checks.findings import Location, Severity
from dutyledger._edition.departments import DepartmentRegistry
from dutyledger._edition.records import (
    CooperativeItem,
    DeptRef,
    Edition,
    Item,
    ListKind,
    RecalledItem,
)

__all__ = ["LIST_EN", "Hit", "ItemRef", "Rule", "Scope", "Subject", "quote"]

LIST_EN = {
    ListKind.BASIC: "basic list",
    ListKind.COOPERATIVE: "cooperative list",
    ListKind.RECALLED: "recalled list",
}
"""The lists' names in the English messages."""

_QUOTE_LIMIT = 40


# Line breaks and tabs written as escapes, so that a message quoting a text stays on one line.
_VISIBLE = str.maketrans(
    {"\t": "\\t", "\r": "\\r", "\n": "\\n", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """Shorten a text for a message: at most ``limit`` characters, then ``…``.

    Line breaks and tabs in it are written as escapes (backslash n, r, t; DL114 finds them),
    so a message stays one line of the text and GitHub outputs.
    """
    text = text.translate(_VISIBLE)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Scope(enum.Enum):
    """What a rule looks at."""

    EDITION = "edition"
    """One edition at a time."""
    EDITIONS = "editions"
    """All editions of a run together (a folder or several files)."""
    NOTES = "notes"
    """Two editions and their notes (``check OLD NEW --notes FILE``); run by ``dutyledger._notes``."""


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of ``dutyledger check``.

    Attributes:
        code: The stable code (``DL101``): 1xx structure, 2xx declared totals,
            3xx across editions, 4xx lints, 5xx notes (调整理由, 调整依据).
        name: A short slug (``numbering``).
        severity: The severity of its findings (``strict`` raises warnings).
        scope: Whether it looks at one edition or at all editions of a run.
        title_zh: What it checks, in Chinese.
        title_en: What it checks, in English.
        reason: Why the rule exists, in English (also in ``docs/checks.md``).
    """

    code: str
    name: str
    severity: Severity
    scope: Scope
    title_zh: str
    title_en: str
    reason: str


def make_rule(
    code: str,
    name: str,
    zh: str,
    en: str,
    reason: str,
    *,
    severity: Severity = Severity.ERROR,
    scope: Scope = Scope.EDITION,
) -> Rule:
    """Make a rule record; the rule modules read best with the titles positional."""
    return Rule(
        code=code,
        name=name,
        severity=severity,
        scope=scope,
        title_zh=zh,
        title_en=en,
        reason=reason,
    )


@attrs.frozen(kw_only=True)
class Hit:
    """One place where a rule is broken, before it becomes a finding."""

    location: Location
    zh: str
    en: str
    score: float | None = None


@attrs.frozen(kw_only=True)
class ItemRef:
    """An item with its list and its position there (which makes its JSON path)."""

    kind: ListKind
    index: int
    item: Item

    @property
    def path(self) -> str:
        """The item's JSON path, ``$.cooperative[13]``."""
        return f"$.{self.kind.value}[{self.index}]"

    @property
    def zh(self) -> str:
        """The item in Chinese words: ``配合履职事项清单第14项「…」``."""
        return f"{self.kind.title}第{self.item.number}项「{quote(self.item.name)}」"

    @property
    def en(self) -> str:
        """The item in English words: ``cooperative list, item 14 "…"``."""
        return f'{LIST_EN[self.kind]}, item {self.item.number} "{quote(self.item.name)}"'

    def location(self, sub: str = "") -> Location:
        """The location of the item, or of ``sub`` (``.name``) inside it."""
        return Location(
            path=self.path + sub, item_id=self.item.id, list=self.kind, number=self.item.number
        )

    def mentions(self) -> Iterator[tuple[DeptRef, str]]:
        """Every department the item names, with its path inside the item."""
        item = self.item
        if isinstance(item, CooperativeItem):
            for d, ref in enumerate(item.departments):
                yield ref, f".departments[{d}]"
            for column in ("upstream_duties", "township_duties"):
                text = getattr(item, column)
                for b, block in enumerate(text.blocks):
                    if block.heading is not None:
                        for d, ref in enumerate(block.heading.departments):
                            yield ref, f".{column}.blocks[{b}].heading.departments[{d}]"
        elif isinstance(item, RecalledItem):
            for e, entry in enumerate(item.receivers):
                for d, ref in enumerate(entry.departments):
                    yield ref, f".receivers[{e}].departments[{d}]"


@attrs.frozen(kw_only=True)
class Subject:
    """An edition under check, with what several rules need from it.

    Attributes:
        edition: The edition.
        registry: Its department registry (the first entry wins on a clash;
            the clash itself is a finding of DL112).
        file: The file it was read from, if any.
    """

    edition: Edition
    registry: DepartmentRegistry
    file: str | None = None

    @classmethod
    def of(cls, edition: Edition, file: str | None = None) -> Subject:
        """Prepare an edition (read from ``file``, if it was) for the rules."""
        registry, _ = DepartmentRegistry.from_departments(edition.departments)
        return cls(edition=edition, registry=registry, file=file)

    @property
    def label(self) -> str:
        """How messages name the edition among several: its file, or its township and date."""
        meta = self.edition.meta
        return self.file or f"{meta.jurisdiction.township} {meta.date}"

    def items(self, kind: ListKind | None = None) -> Iterator[ItemRef]:
        """Every item (of one list, or of all three in list order) with its place."""
        kinds = (kind,) if kind is not None else tuple(ListKind)
        for k in kinds:
            for index, item in enumerate(self.edition.items(k)):
                yield ItemRef(kind=k, index=index, item=item)
