"""Notes meet a diff: each note is kept, stale, or unmatched.

* **kept** — the 事项 its key names still has the adjustment the note explains
  (same key, same 调整类型): the note goes into every report.
* **stale** — its key still names items of these editions (at least one of
  its ids), but that 事项 no longer has that adjustment: it became another
  type, its group changed (a split now has other parts), or it is no longer
  adjusted at all. The note stays in the file and is reported, by key and
  text, so staff move or delete it on purpose; it is never dropped silently.
* **unmatched** — none of the ids in its key is an item of either edition: a
  mistyped key, or a note for other editions. An error naming the key.

Notes written for another township or other dates are refused whole.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from dutyledger._changes.adjustments import Adjustment
from dutyledger._edition.records import Edition
from dutyledger._notes.records import Note, Notes
from dutyledger.exceptions import NotesError, Problem

__all__ = ["NotesMatch", "Stale", "edition_problems", "match_notes"]


@attrs.frozen(kw_only=True)
class Stale:
    """A note whose adjustment is gone.

    Attributes:
        index: Its place in the notes file (``$.notes[index]``).
        note: The note.
        now: 调整类型 the 事项 with that key has now, or ``None`` if that key
            is no adjustment of this diff.
    """

    index: int
    note: Note
    now: str | None

    @property
    def zh(self) -> str:
        """Why it is stale, in Chinese, with the key and the note's text."""
        now = f"现为「{self.now}」" if self.now else "本次比对中已无此调整"
        return (
            f"说明已失效：{self.note.key}（{self.note.kind}）{now}；"
            f"说明内容「{_quote(self.note.text)}」仍保留在说明文件中，请移至新的调整或删除"
        )

    @property
    def en(self) -> str:
        """Why it is stale, in English, with the key and the note's text."""
        now = f"is now {self.now}" if self.now else "is no adjustment of this diff"
        return (
            f"stale note: {self.note.key} ({self.note.kind}) {now}; its text "
            f'"{_quote(self.note.text)}" stays in the notes file: move it or delete it'
        )


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@attrs.frozen(kw_only=True)
class NotesMatch:
    """Notes matched against the adjustments of a diff.

    Attributes:
        notes: The notes.
        kept: The note of each adjustment that has one, by adjustment key.
        stale: The notes whose adjustment is gone.
        unmatched: The places (``$.notes[i]``) of notes whose key names no
            item of either edition.
    """

    notes: Notes
    kept: dict[str, Note] = attrs.field(hash=False)
    stale: tuple[Stale, ...]
    unmatched: tuple[int, ...]

    def note(self, adjustment: Adjustment) -> Note | None:
        """The note of an adjustment, if it has one."""
        return self.kept.get(adjustment.key)

    def unmatched_problems(self) -> list[Problem]:
        """One problem per unmatched note, naming its key."""
        return [
            Problem(
                where=f"$.notes[{index}].key",
                message=(
                    f"{self.notes.notes[index].key} ({self.notes.notes[index].kind}) names no item "
                    "of either edition; expected the key of an adjustment of these editions "
                    "(the 标识 of a row of `dutyledger notes OLD NEW -o 调整说明.xlsx`)"
                ),
            )
            for index in self.unmatched
        ]


def edition_problems(notes: Notes, old: Edition, new: Edition) -> list[Problem]:
    """Whether the notes were written for these editions: township and both dates.

    Returns:
        One problem per field that differs; empty if they belong together.
    """
    problems = []
    if notes.jurisdiction != old.meta.jurisdiction:
        j = notes.jurisdiction
        message = (
            f"written for {j.county}{j.township}, not for "
            f"{old.meta.jurisdiction.county}{old.meta.jurisdiction.township}"
        )
        problems.append(Problem(where="$.jurisdiction", message=message))
    for field, edition in (("old", old), ("new", new)):
        if getattr(notes, field) != edition.meta.date:
            message = (
                f"written for the {field} edition of {getattr(notes, field)}, "
                f"not for the one of {edition.meta.date}"
            )
            problems.append(Problem(where=f"$.{field}", message=message))
    return problems


def match_notes(
    notes: Notes, adjustments: Sequence[Adjustment], old: Edition, new: Edition
) -> NotesMatch:
    """Sort the notes into kept, stale and unmatched for one diff.

    Args:
        notes: The notes.
        adjustments: The adjustments of the diff of ``old`` and ``new``.
        old: The earlier edition.
        new: The later edition.

    Returns:
        The match; it raises nothing for stale or unmatched notes, so that
        ``check`` can report them as findings.

    Raises:
        NotesError: The notes are for another township or other dates.
    """
    problems = edition_problems(notes, old, new)
    if problems:
        raise NotesError("notes", problems)
    kinds = {a.key: a.kind for a in adjustments}
    known = {item.id for edition in (old, new) for item in edition.items()}
    kept: dict[str, Note] = {}
    stale: list[Stale] = []
    unmatched: list[int] = []
    for index, note in enumerate(notes.notes):
        if kinds.get(note.key) == note.kind:
            kept[note.key] = note
        elif note.key in kinds or any(i in known for i in note.ids):
            stale.append(Stale(index=index, note=note, now=kinds.get(note.key)))
        else:
            unmatched.append(index)
    return NotesMatch(notes=notes, kept=kept, stale=tuple(stale), unmatched=tuple(unmatched))
