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


def readme_snippet() -> None:
    # README.md's "Use it as a library" block, verbatim (tests/test_public_api.py checks it).
    import dutyledger

    edition = dutyledger.builtin_edition("2025-01")  # or dutyledger.load_edition("path.json")
    item = edition.cooperative[3]
    item.name  # '领导班子绩效考核、…晋升工作'
    [ref.written for ref in item.departments]  # ['乌鲁木齐县委组织部', '乌鲁木齐县人社局']
    edition.department(item.departments[1].department).name  # '乌鲁木齐县人力资源和社会保障局'
    for block in item.upstream_duties.blocks:  # 一、县委组织部： 1.… 2.…  二、县人社局： …
        if block.heading is not None:  # a text of one block has no heading
            print(block.heading.title, [s.number for s in block.steps])

    text = dutyledger.dump_edition(edition)  # canonical JSON; load(dump(e)) == e
    assert text


def narrowed_by_kind(change_set: ChangeSet) -> list[str]:
    # `kind` is a Literal on each record class, so comparing it narrows the union.
    directions = []
    for change in change_set:
        if change.kind == "moved":
            directions.append(change.direction.value)
    return directions


def kinds_are_literal() -> dutyledger.ChangeKind:
    kind: dutyledger.ChangeKind = dutyledger.Moved.kind
    return kind


def registry_and_queries(edition: Edition) -> list[str]:
    registry: dutyledger.DepartmentRegistry = edition.registry()
    found = registry.resolve("县财政局")
    items = edition.items_naming("county.finance") if found is not None else ()
    problems: tuple[Problem, ...] = dutyledger.validate_edition(edition)
    return [item.name for item in items] + [str(p) for p in problems]


def report_and_findings(old: Edition, new: Edition) -> bytes:
    findings = dutyledger.check(new)
    sarif: str = dutyledger.format_findings(findings, format="sarif", lang="en")
    return (
        dutyledger.render_report(dutyledger.diff(old, new), old, new, format="html")
        + sarif.encode()
    )


def moved_directions(change_set: ChangeSet) -> list[str]:
    # filter(kind=Class) narrows: the records are Moved, no isinstance needed.
    moved: ChangeSet[dutyledger.Moved] = change_set.filter(kind=dutyledger.Moved)
    return [change.direction.value for change in moved] + [moved[0].direction.value]


def still_a_change_set(change_set: ChangeSet) -> int:
    # A narrowed change set goes wherever a change set does.
    only_added = change_set.filter(kind=dutyledger.Added, clerical=False)
    return len(dutyledger.dump_changeset(only_added)) + len(change_set.filter(kind="moved"))
