"""What the command line does with notes: ``notes``, ``diff --notes`` and ``check --notes``.

Kept here, not in ``cli.py``, so the CLI stays a thin layer of arguments.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from dutyledger._changes.adjustments import Adjustment, adjustments
from dutyledger._checks.findings import Findings
from dutyledger._edition.records import Edition
from dutyledger._notes.codec import dump_notes, load_notes
from dutyledger._notes.match import NotesMatch, match_notes
from dutyledger._notes.records import Notes
from dutyledger.exceptions import NotesError

__all__ = ["check_with_notes", "notes_for", "notes_format", "notes_output", "stale_warnings"]


def notes_for(
    source: str, old: Edition, new: Edition, adjusted: Sequence[Adjustment]
) -> NotesMatch:
    """Load a notes file or filled workbook and match it to a diff, for ``diff`` and ``notes``.

    Raises:
        NotesError: The file cannot be read, is for other editions, or has a
            note whose key names no item of either edition (each such key named).
    """
    notes = load_notes(Path(source))
    try:
        matched = match_notes(notes, adjusted, old, new)
    except NotesError as exc:
        raise NotesError(source, exc.problems) from None
    problems = matched.unmatched_problems()
    if problems:
        raise NotesError(source, problems)
    return matched


def stale_warnings(matched: NotesMatch, source: str, err: TextIO | None = None) -> None:
    """Say each stale note on stderr, by key and text: kept in the file, never dropped silently."""
    err = err or sys.stderr
    for stale in matched.stale:
        err.write(f"dutyledger: {source}: $.notes[{stale.index}]: {stale.zh} / {stale.en}\n")


def notes_format(fmt: str | None, output: str | None, reading: bool) -> str:
    """The output of ``dutyledger notes``: as asked, else by the output's suffix.

    Without ``--format``: ``.json`` gives JSON and ``.xlsx`` the workbook;
    otherwise JSON when notes are read (``--from``), the workbook when not.
    """
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if suffix in {".json", ".xlsx"}:
        return suffix[1:]
    return "json" if reading else "xlsx"


def notes_output(
    old: Edition,
    new: Edition,
    *,
    source: str | None,
    fmt: str,
    err: TextIO | None = None,
) -> str | bytes:
    """The output of ``dutyledger notes OLD NEW [--from FILE]``.

    Args:
        old: The earlier edition.
        new: The later edition.
        source: A notes file or filled workbook to read, if any.
        fmt: ``xlsx`` (the form, filled from ``source``) or ``json`` (the
            notes file; an empty one for these editions without ``source``).
        err: Where stale notes are reported.

    Raises:
        NotesError: ``source`` cannot be read, or does not fit the editions.
    """
    from dutyledger._compare.diff import diff

    changes = diff(old, new)
    adjusted = adjustments(changes)
    notes: Notes | None = None
    if source is not None:
        matched = notes_for(source, old, new, adjusted)
        stale_warnings(matched, source, err)
        notes = matched.notes
    if fmt == "json":
        if notes is None:
            notes = Notes(jurisdiction=old.meta.jurisdiction, old=old.meta.date, new=new.meta.date)
        return dump_notes(notes)
    from dutyledger._notes.workbook import write_workbook

    return write_workbook(old, new, changes, notes)


def check_with_notes(
    source: str,
    old: Edition,
    new: Edition,
    *,
    disable: frozenset[str],
    strict: bool,
) -> Findings:
    """The DL5xx findings of ``check OLD NEW --notes FILE``.

    Raises:
        NotesError: The notes file cannot be read, or is for other editions.
    """
    import attrs

    from dutyledger._checks.locate import LineLocator
    from dutyledger._notes.codec import is_workbook
    from dutyledger._notes.rules import check_notes

    notes = load_notes(Path(source))
    try:
        findings = check_notes(notes, old, new, file=source, disable=disable, strict=strict)
    except NotesError as exc:
        raise NotesError(source, exc.problems) from None
    raw = Path(source).read_bytes()
    if is_workbook(raw):
        from dutyledger._notes.readback import cell_of, read_workbook_places

        places = read_workbook_places(raw, name=source)[1]

        def cell(path: str | None) -> str | None:
            found = _NOTE_PATH.match(path or "")
            if found is None:
                return path
            sheet, row = places[int(found.group(1))]
            return cell_of(sheet, row, found.group(2))

        return Findings(
            attrs.evolve(f, location=attrs.evolve(f.location, path=cell(f.location.path)))
            for f in findings
        )
    locator = LineLocator(raw.decode("utf-8"))
    return Findings(
        attrs.evolve(f, location=attrs.evolve(f.location, line=locator.line(f.location.path)))
        for f in findings
    )


_NOTE_PATH = re.compile(r"^\$\.notes\[(\d+)\](.*)$")
