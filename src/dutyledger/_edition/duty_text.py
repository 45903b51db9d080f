"""Reading and writing the cells of a published list.

This module holds the normalisation rules of ``docs/normalisation.md`` and
nothing else: how a cell's markup and extraction artifacts become structure
(:class:`DutyText`, :class:`RecallEntry`), and how structure is written back as
plain text. Parsing the plain text that :func:`render_duty_text` writes gives
the same structure back.

The rules, in short:

* N1 — Markup is structure. ``<p>`` and ``<ol …>`` (and their closing tags)
  separate pieces of text; they are never kept as text.
* N2 — Whitespace between two CJK characters (Han or full-width punctuation)
  is an extraction artifact unless it separates two parts (N3); it is removed.
  Whitespace next to a Latin letter or a digit is kept exactly as it is, so the
  English word "and" that extraction put where the original has 和 stays, with
  its spaces, for ``check`` to report.
* N3 — A part starts at the start of the cell, at a step marker ``N.`` whose
  number continues the current sequence, at a heading ``一、…：`` whose numeral
  continues the headings, or — where no numbered step is open — after a clause
  that ends in ``；。：;:！？!?``. Inside a numbered step such whitespace is an
  artifact (N2).
* N4 — Whitespace after a step marker (``1. 疫情``) belongs to the marker.
* N5 — Text before the first numbered step of a block is the block's lead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from dutyledger._edition.records import Block, DeptRef, DutyText, Heading, RecallEntry, Step

__all__ = [
    "CHINESE_NUMERALS",
    "DepartmentResolver",
    "normalise_inline",
    "parse_duty_text",
    "parse_recall_entries",
    "render_duty_text",
    "render_recall_entries",
]

DepartmentResolver = Callable[[str], DeptRef | None]
"""Resolve one written department name to a reference, or ``None``."""

CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")

_TAG = re.compile(r"<[^>]*>")
_WHITESPACE = re.compile(r"[ \t\u3000\u00a0\r\n]+")
_MARKER = re.compile(r"^(\d{1,2})\.(?!\d)")
_HEADING = re.compile(r"^([零一二三四五六七八九十百千万亿]+)、([^：]*)：")
# The start of a heading: its numeral, alone or with its 、 (a piece that may have been cut).
_HEADING_START = re.compile(r"^[零一二三四五六七八九十百千万亿]+(?:、|$)")
_HEADING_PIECES = 4  # a heading cut by stray whitespace is put together from at most this many
_TERMINATORS = frozenset("；。：;:！？!?")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
# A heading title or a receiver that ends like this names a department; if it
# resolves to nothing, that is an unknown department, not a topic.
_DEPARTMENT_SUFFIX = re.compile(r"(局|委|委员会|部|办|办公室|中心|联|联合会|会|院|所|大队|厅|处)$")
_DUTY_SUFFIX = "职责"


@attrs.frozen
class _Piece:
    text: str
    hard: bool  # separated from the previous piece by markup (N1)
    space: str  # the whitespace that separated it, verbatim


def _pieces(cell: str) -> list[_Piece]:
    """Split a cell at markup and whitespace, remembering what separated them."""
    pieces: list[_Piece] = []
    hard = False
    space = ""
    position = 0
    for match in re.finditer(r"<[^>]*>|[ \t\u3000\u00a0\r\n]+", cell):
        chunk = cell[position : match.start()]
        if chunk:
            pieces.append(_Piece(chunk, hard, space))
            hard, space = False, ""
        if match.group().startswith("<"):
            hard = True
        else:
            space += match.group()
        position = match.end()
    tail = cell[position:]
    if tail:
        pieces.append(_Piece(tail, hard, space))
    # N4: a marker standing alone belongs to the piece after it.
    merged: list[_Piece] = []
    for piece in pieces:
        if merged and _MARKER.fullmatch(merged[-1].text):
            last = merged.pop()
            merged.append(_Piece(last.text + piece.text, last.hard, last.space))
        else:
            merged.append(piece)
    return _join_cut_headings(merged)


def _join_cut_headings(pieces: list[_Piece]) -> list[_Piece]:
    """N2 before headings: a heading cut by stray whitespace (``一　、县民政局：``) is one piece.

    Whitespace between two Chinese characters is an extraction artifact (N2), so the
    pieces of one paragraph that together read as a heading are that heading, as they
    would be once glued; left apart, the heading would be taken for a lead and every
    block after it glued into its last step (found by the fuzz campaign).
    """
    out: list[_Piece] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if _HEADING_START.match(piece.text) and not _HEADING.match(piece.text):
            text, end = piece.text, index + 1
            while end < len(pieces) and end - index < _HEADING_PIECES and "：" not in text:
                after = pieces[end]
                if after.hard:
                    break
                text += (after.space if _keeps_space(text, after.text) else "") + after.text
                end += 1
            if end > index + 1 and _HEADING.match(text):
                out.append(_Piece(text, piece.hard, piece.space))
                index = end
                continue
        out.append(piece)
        index += 1
    return out


def _keeps_space(before: str, after: str) -> bool:
    """N2: whitespace next to a Latin letter or digit is kept verbatim."""
    return bool(_LATIN_OR_DIGIT.match(before[-1:]) or _LATIN_OR_DIGIT.match(after[:1]))


def normalise_inline(cell: str) -> str:
    """Apply N1 and N2 to a one-part cell (a name, a category).

    Args:
        cell: The cell as extracted.

    Returns:
        The text with markup dropped and artifact whitespace removed;
        whitespace next to Latin letters and digits kept.
    """
    out = ""
    for piece in _pieces(cell):
        if out and not piece.hard and piece.space and _keeps_space(out, piece.text):
            out += piece.space
        out += piece.text
    return out


_DIGITS = "零一二三四五六七八九"
_UNITS = ("", "十", "百", "千")


def _below_10000(number: int) -> str:
    """一千零一十 for 1010: digits with their units, one 零 for each run of zeros inside."""
    out = ""
    pending_zero = False
    for place in range(3, -1, -1):
        digit = number // 10**place % 10
        if digit == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += _DIGITS[digit] + _UNITS[place]
    return out


def _below_1e8(number: int) -> str:
    high, low = divmod(number, 10_000)
    if not high:
        return _below_10000(low)
    out = _below_10000(high) + "万"
    if low:
        out += ("零" if low < 1000 else "") + _below_10000(low)
    return out


def numeral(number: int) -> str:
    """Return the Chinese numeral of any integer, as headings are numbered.

    1 一, 10 十, 11 十一, 20 二十, 99 九十九, 100 一百, 101 一百零一, 110 一百一十,
    10000 一万; 0 is 零 and a negative number starts with 负. Groups of eight
    digits above the first are joined by 亿 (亿亿 for 10^16).
    """
    if number < 0:
        return "负" + numeral(-number)
    if number == 0:
        return "零"
    groups: list[int] = []
    while number:
        number, group = divmod(number, 100_000_000)
        groups.append(group)
    out = ""
    for level in range(len(groups) - 1, -1, -1):
        group = groups[level]
        if group:
            if out and group < 10_000_000:
                out += "零"
            out += _below_1e8(group) + "亿" * level
        elif out and not out.endswith("零"):
            out += "零"
    out = out.rstrip("零")
    # 十一, not 一十一, at the head of the numeral (as in 十万).
    return out[1:] if out.startswith("一十") else out


@attrs.define
class _Unit:
    number: int | None
    text: str


@attrs.define
class _BlockBuilder:
    heading: Heading | None = None
    units: list[_Unit] = attrs.Factory(list)

    def last_number(self) -> int | None:
        numbers = [u.number for u in self.units if u.number is not None]
        return numbers[-1] if numbers else None

    def build(self) -> Block:
        first_numbered = next((i for i, u in enumerate(self.units) if u.number is not None), None)
        lead: str | None = None
        units = self.units
        if first_numbered:  # N5: unnumbered text before the first numbered step
            lead = " ".join(u.text for u in units[:first_numbered])
            units = units[first_numbered:]
        steps = tuple(Step(number=u.number, text=u.text) for u in units)
        return Block(heading=self.heading, lead=lead, steps=steps)


def _heading_departments(
    title: str, resolve: DepartmentResolver, problems: list[str]
) -> tuple[DeptRef, ...]:
    names = title.split("、")
    refs: list[DeptRef] = []
    unknown: list[str] = []
    for name in names:
        bare = name.removesuffix(_DUTY_SUFFIX)
        ref = resolve(bare)
        if ref is None:
            unknown.append(bare)
        else:
            refs.append(ref)
    if not unknown:
        return tuple(refs)
    if refs or any(_DEPARTMENT_SUFFIX.search(name) for name in unknown):
        problems.extend(
            f"block heading names unknown department {name!r}; "
            "expected a name, short form or alias from the department registry"
            for name in unknown
            if refs or _DEPARTMENT_SUFFIX.search(name)
        )
    return ()


def parse_duty_text(
    cell: str, resolve: DepartmentResolver, problems: list[str] | None = None
) -> DutyText:
    """Parse a duty cell (上级部门职责, 乡镇配合职责) into structure.

    Args:
        cell: The cell as published: plain text or HTML fragments.
        resolve: Resolves a department named in a block heading.
        problems: Where to append what is wrong (unknown departments in
            headings); the caller adds the location.

    Returns:
        The duty text as blocks of steps.
    """
    sink: list[str] = [] if problems is None else problems
    blocks: list[_BlockBuilder] = [_BlockBuilder()]
    headings_seen = 0
    open_after_heading = False  # the last piece was a heading's "…："
    previous = ""
    for piece in _pieces(cell):
        block = blocks[-1]
        text = piece.text
        heading = _HEADING.match(text)
        marker = _MARKER.match(text)
        last_number = block.last_number()
        if heading and heading.group(1) == numeral(headings_seen + 1):
            headings_seen += 1
            title = heading.group(2)
            block = _BlockBuilder(
                heading=Heading(
                    number=headings_seen,
                    title=title,
                    departments=_heading_departments(title, resolve, sink),
                )
            )
            blocks.append(block)
            rest = text[heading.end() :]
            if rest:
                block.units.append(_Unit(None, rest))
            open_after_heading = not rest
        elif marker and int(marker.group(1)) == (last_number or 0) + 1:
            block.units.append(_Unit(int(marker.group(1)), text[marker.end() :]))
            open_after_heading = False
        elif marker and int(marker.group(1)) == 1 and last_number is not None:
            # A sequence that starts again without a heading: a new block.
            blocks.append(_BlockBuilder(units=[_Unit(1, text[marker.end() :])]))
            open_after_heading = False
        elif not block.units or open_after_heading:
            block.units.append(_Unit(None, text))
            open_after_heading = False
        elif not piece.hard and piece.space and _keeps_space(previous, text):
            block.units[-1].text += piece.space + text
        elif previous[-1:] in _TERMINATORS and block.units[-1].number is None:
            block.units.append(_Unit(None, text))  # N3: a new unnumbered part
        else:
            block.units[-1].text += text  # N2: an artifact gap
        previous = text
    built = [b.build() for b in blocks if b.heading is not None or b.units]
    return DutyText(blocks=tuple(built))


def render_duty_text(text: DutyText, sep: str = " ") -> str:
    """Write a duty text back as plain text, parts separated by one space.

    An office cell separates them by a line break instead: one heading, lead
    or step a line.
    """
    parts: list[str] = []
    for block in text.blocks:
        if block.heading is not None:
            parts.append(f"{numeral(block.heading.number)}、{block.heading.title}：")
        if block.lead is not None:
            parts.append(block.lead)
        parts.extend(
            step.text if step.number is None else f"{step.number}.{step.text}"
            for step in block.steps
        )
    return sep.join(parts)


_RECEIVER = re.compile(r"^([^：]{2,}?)：")


def _split_receiver(
    previous: str, text: str, resolve: DepartmentResolver
) -> tuple[list[DeptRef], str] | None:
    """The receiver ``previous + text`` begins with, if ``text`` alone names no department."""
    if not previous or previous[-1:] in _TERMINATORS or _RECEIVER.match(previous):
        return None
    joined = _RECEIVER.match(previous + text)
    if joined is None or len(joined.group(1)) <= len(previous):
        return None
    refs = [ref for name in joined.group(1).split("、") if (ref := resolve(name)) is not None]
    if len(refs) != joined.group(1).count("、") + 1:
        return None  # not every name is a registered department
    return refs, (previous + text)[joined.end() :]


def parse_recall_entries(
    cell: str, resolve: DepartmentResolver, problems: list[str] | None = None
) -> tuple[RecallEntry, ...]:
    """Parse 承接部门及工作方式 into entries of departments and method.

    Each entry is ``部门[、部门…]：工作方式``; a new entry starts where a piece
    begins with department names and a full-width colon.

    Args:
        cell: The cell as published.
        resolve: Resolves a written department name.
        problems: Where to append what is wrong; the caller adds the location.

    Returns:
        The entries, in order.
    """
    sink: list[str] = [] if problems is None else problems
    entries: list[tuple[list[DeptRef], str]] = []
    previous = ""
    for piece in _pieces(cell):
        text = piece.text
        receiver = _RECEIVER.match(text)
        refs: list[DeptRef] = []
        unknown: list[str] = []
        if receiver:
            for name in receiver.group(1).split("、"):
                ref = resolve(name)
                if ref is None:
                    unknown.append(name)
                else:
                    refs.append(ref)
        looks_like_receiver = receiver is not None and (
            bool(refs) or any(_DEPARTMENT_SUFFIX.search(n) for n in unknown)
        )
        split = _split_receiver(previous, text, resolve) if entries and refs == [] else None
        if split is not None:
            # A department's name cut in two by a stray space (`乌鲁　木齐县…局：`, found by
            # fuzzing): the first part went into the method before; the entry starts there.
            refs, rest = split
            method = entries[-1][1]
            entries[-1] = (entries[-1][0], method[: len(method) - len(previous)].rstrip())
            entries.append((refs, rest))
        elif receiver and looks_like_receiver and (not entries or previous[-1:] in _TERMINATORS):
            sink.extend(
                f"receiving department {name!r} is not in the department registry; "
                "expected a name, short form or alias from the registry"
                for name in unknown
            )
            entries.append((refs, text[receiver.end() :]))
        elif not entries:
            sink.append(
                "expected 承接部门：工作方式 (department names, a full-width colon, "
                f"the method); found {text[:20]!r}"
            )
            entries.append(([], text))
        elif not piece.hard and piece.space and _keeps_space(previous, text):
            entries[-1] = (entries[-1][0], entries[-1][1] + piece.space + text)
        else:
            entries[-1] = (entries[-1][0], entries[-1][1] + text)
        previous = text
    return tuple(RecallEntry(departments=tuple(refs), method=m) for refs, m in entries)


def render_recall_entries(entries: tuple[RecallEntry, ...], sep: str = " ") -> str:
    """Write recall entries back as ``部门：方式``, entries separated by a space (or ``sep``)."""
    return sep.join(
        f"{'、'.join(ref.written for ref in entry.departments)}：{entry.method}"
        for entry in entries
    )
