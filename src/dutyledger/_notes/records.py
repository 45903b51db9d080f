"""The notes records: what staff write about each adjusted 事项 of one pair of editions.

A :class:`Note` is keyed by the adjustment's stable key (the ids of the items
involved, sorted, joined by ``+``; see :func:`dutyledger.adjustments`) plus its
调整类型, so it stays attached to its 事项 whatever else is edited, and comes
loose — stale, never dropped — when that 事项 is no longer adjusted that way.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import attrs

from dutyledger._changes.adjustments import AdjustmentKind
from dutyledger._edition.records import Jurisdiction

__all__ = ["CONTROL", "NOTES_FORMAT", "Note", "Notes", "Signoff", "check_text", "parse_date"]

NOTES_FORMAT = "dutyledger.notes/1"
"""The value of the top-level ``format`` key of notes files this version writes."""


def parse_date(value: str) -> datetime.date:
    """Read a calendar date written ``YYYY-MM-DD``.

    Raises:
        ValueError: Not that form, or no such day (``2025-02-30``).
    """
    try:
        if len(value) != 10:
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"expected a real date written YYYY-MM-DD, found {json.dumps(value, ensure_ascii=False)}"
        ) from None


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no note may hold: C0 and C1 controls (tab and line feed are fine), non-characters.

They cannot be stored in an Excel or Word file (XML 1.0 forbids them) and no
reader could see them, so a note with one is refused at the door.
"""


def check_text(_: Any, attribute: Any, value: str) -> None:
    """An attrs validator: a note's text holds no control character.

    Raises:
        ValueError: Naming the character and its place.
    """
    found = CONTROL.search(value)
    if found:
        raise ValueError(
            f"control character U+{ord(found.group()):04X} at character {found.start() + 1}; "
            "expected printable text (line breaks and tabs are fine)"
        )


def _check_texts(instance: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for text in value:
        check_text(instance, attribute, text)


@attrs.frozen(kw_only=True)
class Signoff:
    """Who reviewed (审核) or approved (批准) the notes of a 事项, and when.

    Attributes:
        by: The person or office.
        date: The day, a real calendar date.
    """

    by: str = attrs.field(validator=check_text)
    date: datetime.date


@attrs.frozen(kw_only=True)
class Note:
    """What staff write about one adjusted 事项.

    Attributes:
        key: The adjustment's stable key: the ids of its items, sorted, joined
            by ``+`` (``gg25.basic.12`` or ``gg25.basic.3+gg25.basic.4+…``).
        kind: 调整类型 the note explains (增加, 取消, 上收 …, 变更).
        name: 事项名称 when the note was written, for people reading the file;
            never used to match.
        reason: 调整理由.
        basis: 调整依据: the laws and documents cited, one citation each
            (``《中华人民共和国土地管理法》第六十七条``, ``乌编办发〔2025〕12号``).
        proposer: 提出单位: the township or the department that proposed it.
        opinions: 相关部门意见: the opinions of the departments consulted.
        remarks: 备注.
        reviewed: 审核: who reviewed it, and when.
        approved: 批准: who approved it, and when.
    """

    key: str = attrs.field(validator=check_text)
    kind: AdjustmentKind
    name: str = attrs.field(default="", validator=check_text)
    reason: str = attrs.field(default="", validator=check_text)
    basis: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    proposer: str = attrs.field(default="", validator=check_text)
    opinions: str = attrs.field(default="", validator=check_text)
    remarks: str = attrs.field(default="", validator=check_text)
    reviewed: Signoff | None = None
    approved: Signoff | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        """The item ids the key names."""
        return tuple(self.key.split("+"))

    @property
    def empty(self) -> bool:
        """Whether nothing is written in it (a row staff left blank)."""
        return not (
            self.reason.strip()
            or any(c.strip() for c in self.basis)
            or self.proposer.strip()
            or self.opinions.strip()
            or self.remarks.strip()
            or self.reviewed
            or self.approved
        )

    @property
    def text(self) -> str:
        """The note in one line, for messages: 调整理由, else 备注, else the first citation."""
        return self.reason or self.remarks or next(iter(self.basis), "") or self.opinions


@attrs.frozen(kw_only=True)
class Notes:
    """The notes file of one pair of editions (``dutyledger.notes/1``).

    Attributes:
        jurisdiction: The township the editions are of.
        old: The date of the earlier edition (``2025-01``).
        new: The date of the later edition.
        illustrative: Made up to show the format; never an official record.
        notes: One per adjusted 事项 and 调整类型, in the order of the change
            report; notes that no longer match stay here until staff remove them.
    """

    jurisdiction: Jurisdiction
    old: str = attrs.field(validator=check_text)
    new: str = attrs.field(validator=check_text)
    illustrative: bool = False
    notes: tuple[Note, ...] = ()

    def get(self, key: str, kind: str) -> Note | None:
        """The note of an adjustment, by its key and 调整类型; ``None`` if there is none."""
        return next((n for n in self.notes if n.key == key and n.kind == kind), None)
