"""What ``check`` reports: findings, each with a rule code, a severity and a place.

A :class:`Finding` says what breaks which rule, where, in plain words in Chinese
and in English. :class:`Findings` is the tuple-like collection ``check`` returns:
falsy when empty, so ``if check(edition): ...`` reads as "if anything was found".
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Literal, get_args, overload

import attrs

from dutyledger._edition.records import ListKind
from dutyledger.exceptions import InvalidArgumentError

__all__ = ["LANGUAGES", "Finding", "Findings", "Language", "Location", "Severity"]

Language = Literal["zh", "en", "both"]
"""The language of a finding's message: Chinese, English, or both (Chinese first)."""
LANGUAGES: tuple[Language, ...] = get_args(Language)


class Severity(enum.Enum):
    """How much a finding matters; the value is the word the outputs use."""

    ERROR = "error"
    """The edition breaks a rule of the lists; ``dutyledger check`` exits 1."""
    WARNING = "warning"
    """Probably a mistake worth a look; exits 1 only with ``--strict``."""
    INFO = "info"
    """Said for the record (a rule that could not run); never changes the exit status."""


@attrs.frozen(kw_only=True)
class Location:
    """Where a finding is, as precisely as it is known.

    Attributes:
        file: The edition file, if the edition was read from one.
        path: The JSON path in the edition (``$.cooperative[13].name``).
        line: The line of ``path`` in ``file`` (1-based), where known.
        item_id: The id of the item concerned, if any.
        list: The list of that item (or the list a declaration is about).
        number: The item's 序号 in its list.
    """

    file: str | None = None
    path: str | None = None
    line: int | None = None
    item_id: str | None = None
    list: ListKind | None = None
    number: int | None = None


@attrs.frozen(kw_only=True)
class Finding:
    """One thing that breaks a rule.

    Attributes:
        code: The rule's stable code (``DL101``); see ``docs/checks.md``.
        severity: Error or warning (after ``strict`` is applied).
        location: Where it is.
        message_zh: What is wrong, in Chinese, naming the item.
        message_en: The same, in English.
        score: A similarity score in 0..1, for rules that compare texts.
    """

    code: str
    severity: Severity
    location: Location
    message_zh: str
    message_en: str
    score: float | None = None

    def message(self, lang: Language = "both") -> str:
        """Return the message in ``zh``, ``en`` or ``both`` (Chinese, then English).

        Raises:
            InvalidArgumentError: ``lang`` is none of the three.
        """
        if lang not in LANGUAGES:
            raise InvalidArgumentError("lang", lang, "'zh', 'en' or 'both'")
        if lang == "zh":
            return self.message_zh
        if lang == "en":
            return self.message_en
        return f"{self.message_zh} / {self.message_en}"


_LIST_ORDER = {None: -1, ListKind.BASIC: 0, ListKind.COOPERATIVE: 1, ListKind.RECALLED: 2}


def _order(finding: Finding) -> tuple[str, int, int, int, str, str]:
    where = finding.location
    return (
        where.file or "",
        where.line or 0,
        _LIST_ORDER[where.list],
        where.number or 0,
        where.path or "",
        finding.code,
    )


def _sorted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=_order))


@attrs.frozen
class Findings:
    """The findings of a check, in a stable order: by file, line, list, 序号, path, code.

    Build it from findings in any order (``Findings(iterable)``). Behaves as a read-only sequence of :class:`Finding`; falsy when empty.
    """

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_sorted)

    @property
    def errors(self) -> Findings:
        """The findings of severity error."""
        return Findings(tuple(f for f in self.findings if f.severity is Severity.ERROR))

    @property
    def warnings(self) -> Findings:
        """The findings of severity warning."""
        return Findings(tuple(f for f in self.findings if f.severity is Severity.WARNING))

    def codes(self) -> Counter[str]:
        """Count the findings by rule code."""
        return Counter(f.code for f in self.findings)

    def with_code(self, code: str) -> Findings:
        """The findings of one rule."""
        return Findings(tuple(f for f in self.findings if f.code == code))

    def __add__(self, other: Findings) -> Findings:
        return Findings(self.findings + other.findings)

    def __bool__(self) -> bool:
        return bool(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self.findings[index]
