"""The public API as a user writes it: type-checked by mypy --strict, never run.

If a change to dutyledger breaks a line here, it breaks users' code: that is a
breaking change, and the CHANGELOG must say so.
"""

from __future__ import annotations

from pathlib import Path

import dutyledger
from dutyledger import (
    ChangeSet,
    DutyLedgerError,
    Edition,
    EditionLoadError,
    Findings,
    ListKind,
    Problem,
)


def load_and_count(path: Path) -> dict[ListKind, int]:
    edition: Edition = dutyledger.load_edition(path)
    return {kind: len(edition.items(kind)) for kind in ListKind}


def problems_of(raw: bytes) -> list[Problem]:
    try:
        dutyledger.load_edition(raw)
    except EditionLoadError as error:
        return list(error.problems)
    return []


def departments_of_first_cooperative(edition: Edition) -> list[str]:
    item = edition.cooperative[0]
    return [edition.department(ref.department).name for ref in item.departments]


def steps(edition: Edition) -> list[tuple[int | None, str]]:
    return [
        (step.number, step.text)
        for item in edition.cooperative
        for step in item.upstream_duties.steps()
    ]


def round_trip(edition: Edition) -> Edition:
    return dutyledger.load_edition(dutyledger.dump_edition(edition))


def guard(edition: Edition) -> bool:
    findings: Findings = dutyledger.check(edition)
    return not findings.errors


def changes(old: Edition, new: Edition) -> int:
    change_set: ChangeSet = dutyledger.diff(old, new)
    assert change_set.apply(old) == new
    return len(change_set)


def safe_load(path: str) -> Edition | None:
    try:
        return dutyledger.load_edition(path)
    except DutyLedgerError:
        return None


def next_edition_from_a_workbook(previous: Edition, workbook: Path) -> Edition:
    """Staff export the edition, revise the workbook, read it back with the old preamble."""
    workbook.write_bytes(dutyledger.export_xlsx(previous))
    document: bytes = dutyledger.export_docx(previous)
    assert document
    meta: dutyledger.IngestMeta = dutyledger.meta_from_edition(previous)
    return dutyledger.ingest_file(workbook, meta, preamble=previous.preamble, encoding=None)


def explained(old: Edition, new: Edition, path: str) -> bool:
    notes: dutyledger.Notes = dutyledger.load_notes(path)
    reasons: list[str] = [note.reason for note in notes.notes]
    assert dutyledger.load_notes(dutyledger.dump_notes(notes)) == notes
    return bool(reasons) and not dutyledger.check_notes(notes, old, new, strict=True).errors
