"""The notes of the compare page: each adjusted 事项's 调整理由, 调整依据, 提出单位 and 备注.

Notes live in a notes file per pair of editions in the ledger folder
(``2025-01__2026-01.notes.json``), written atomically as staff save each 事项; the
downloads and ``check --notes`` read the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dutyledger._changes.adjustments import Adjustment, adjustments
from dutyledger._compare.diff import diff
from dutyledger._edition.records import Edition
from dutyledger._serve.shelf import Shelf
from dutyledger.exceptions import Problem

if TYPE_CHECKING:
    from dutyledger._notes.records import Note, Notes

__all__ = [
    "NoteRow",
    "load_pair_notes",
    "note_rows",
    "notes_file_name",
    "notes_path",
    "proposer_choices",
    "save_note",
]


def notes_file_name(old_name: str, new_name: str) -> str:
    """The notes file of a pair in the ledger folder: ``2025-01__2026-01.notes.json``."""
    return f"{old_name}__{new_name}.notes.json"


def notes_path(shelf: Shelf, old_name: str, new_name: str) -> Path | None:
    """The notes file of a pair, if one exists: the pair's own, else ``NEW.notes.json``.

    ``NEW.notes.json`` (as ``examples/2026-01-illustrative.notes.json``) counts only when it
    is about the same two dates.
    """
    for folder in shelf.folders:
        own = folder / notes_file_name(old_name, new_name)
        if own.is_file():
            return own
    for folder in shelf.folders:
        beside = folder / f"{new_name}.notes.json"
        if beside.is_file():
            return beside
    return None


def load_pair_notes(shelf: Shelf, old: Edition, new: Edition, names: tuple[str, str]) -> Notes:
    """The notes of a pair of editions of the shelf; empty notes if there are none yet."""
    from dutyledger._notes.codec import load_notes
    from dutyledger._notes.records import Notes

    path = notes_path(shelf, *names)
    if path is not None:
        notes = load_notes(path)
        if (notes.old, notes.new) == (old.meta.date, new.meta.date):
            return notes
    return Notes(jurisdiction=new.meta.jurisdiction, old=old.meta.date, new=new.meta.date)


@attrs.frozen(kw_only=True)
class NoteRow:
    """One adjusted 事项 on the compare page, with its note and what it still lacks."""

    number: int
    adjustment: Adjustment
    name: str
    lists: str
    note: Note | None
    needs_reason: bool
    needs_basis: bool


def note_rows(adjusted: Sequence[Adjustment], notes: Notes) -> tuple[NoteRow, ...]:
    from dutyledger._checks.notes import EXPLAINED_KINDS

    rows = []
    for number, adjustment in enumerate(adjusted, 1):
        note = notes.get(adjustment.key, adjustment.kind)
        explained = adjustment.kind in EXPLAINED_KINDS
        items = adjustment.new or adjustment.old
        before = "、".join(dict.fromkeys(k.title for k in adjustment.old_lists))
        after = "、".join(dict.fromkeys(k.title for k in adjustment.new_lists))
        rows.append(
            NoteRow(
                number=number,
                adjustment=adjustment,
                name="、".join(item.name for item in items),
                lists=before if before == after or not after else f"{before or '—'} → {after}",
                note=note,
                needs_reason=explained and not (note and note.reason.strip()),
                needs_basis=explained and not (note and any(c.strip() for c in note.basis)),
            )
        )
    return tuple(rows)


def save_note(
    shelf: Shelf,
    names: tuple[str, str],
    key: str,
    kind: str,
    fields: dict[str, str],
) -> str:
    """Write one 事项's note into the pair's notes file in the ledger folder; return its name.

    The note's other fields (相关部门意见, 审核, 批准) are kept; a note left wholly empty is
    removed. The file is written atomically.

    Raises:
        NotesError: The 事项 is not an adjustment of these editions, or a text is refused.
    """
    from dutyledger._edition.codec import write_atomic
    from dutyledger._notes.codec import dump_notes
    from dutyledger._notes.records import Note
    from dutyledger.exceptions import NotesError

    old, new = shelf.load(names[0]), shelf.load(names[1])
    adjusted: dict[tuple[str, str], Adjustment] = {
        (a.key, a.kind): a for a in adjustments(diff(old, new))
    }
    adjustment = adjusted.get((key, kind))
    if adjustment is None:
        message = f"no adjustment {key} ({kind}) between {names[0]} and {names[1]}"
        raise NotesError(notes_file_name(*names), [Problem(where="key", message=message)])
    notes = load_pair_notes(shelf, old, new, names)
    basis = tuple(line.strip() for line in fields.get("basis", "").splitlines() if line.strip())
    items = adjustment.new or adjustment.old
    try:
        current = notes.get(key, adjustment.kind) or Note(key=key, kind=adjustment.kind)
        updated = attrs.evolve(
            current,
            name="、".join(item.name for item in items),
            reason=fields.get("reason", "").strip(),
            basis=basis,
            proposer=fields.get("proposer", "").strip(),
            remarks=fields.get("remarks", "").strip(),
        )
    except ValueError as exc:
        raise NotesError(notes_file_name(*names), [Problem(where=key, message=str(exc))]) from None
    kept = [n for n in notes.notes if (n.key, n.kind) != (key, adjustment.kind)]
    if not updated.empty:
        kept.append(updated)
    order = {a.key: i for i, a in enumerate(adjusted.values())}
    kept.sort(key=lambda n: order.get(n.key, len(order)))
    name = notes_file_name(*names)
    write_atomic(shelf.path_for(name), dump_notes(attrs.evolve(notes, notes=tuple(kept))))
    return name


def proposer_choices(old: Edition, new: Edition) -> tuple[str, ...]:
    """提出单位 to choose from: the township's government, then the departments (as the form)."""
    from dutyledger._notes.workbook import proposers

    return proposers(old, new)
