"""The DL5xx rules at work: notes checked against the adjustments of a diff.

The rules are declared with the others in ``dutyledger._checks.notes`` (codes,
severities, titles); their functions are here, above the changes they need.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

import attrs

from dutyledger._changes.adjustments import Adjustment, adjustments
from dutyledger._changes.base import kind_of
from dutyledger._checks.base import Hit, Rule, quote
from dutyledger._checks.findings import Finding, Findings, Location, Severity
from dutyledger._checks.notes import EXPLAINED_KINDS
from dutyledger._checks.registry import NOTES_RULES, resolve_codes
from dutyledger._edition.records import Edition
from dutyledger._notes.citations import CitationProblem, CitationRule, citation_problems
from dutyledger._notes.match import NotesMatch, match_notes
from dutyledger._notes.records import Note, Notes

__all__ = ["NOTES_CHECKS", "check_notes"]

_FIELDS = (
    ("reason", "调整理由", "reason"),
    ("basis", "调整依据", "basis"),
    ("opinions", "相关部门意见", "opinions"),
    ("remarks", "备注", "remarks"),
)


@attrs.frozen(kw_only=True)
class NotesSubject:
    """Notes under check, with the diff they explain.

    Attributes:
        adjustments: The adjustments of the diff, in report order.
        matched: The notes sorted into kept, stale and unmatched.
        file: The notes file, if read from one.
    """

    adjustments: tuple[Adjustment, ...]
    matched: NotesMatch
    file: str | None = None


def _where(adjustment: Adjustment, path: str | None = None) -> Location:
    item = (adjustment.new or adjustment.old)[0]
    return Location(path=path, item_id=adjustment.key, list=kind_of(item), number=item.number)


def _label(adjustment: Adjustment) -> tuple[str, str]:
    item = (adjustment.new or adjustment.old)[0]
    side = "" if adjustment.new else "原"
    zh = f"{side}{kind_of(item).title}第{item.number}项「{quote(item.name)}」（{adjustment.kind}）"
    en = f'item {item.number} of the {"old " if side else ""}{kind_of(item).value} list "{quote(item.name)}" ({adjustment.kind})'
    return zh, en


def _index(subject: NotesSubject, note: Note) -> int:
    return subject.matched.notes.notes.index(note)


def _missing(field: str, zh_field: str, en_field: str) -> Callable[[NotesSubject], Iterator[Hit]]:
    def run(subject: NotesSubject) -> Iterator[Hit]:
        for adjustment in subject.adjustments:
            if adjustment.kind not in EXPLAINED_KINDS:
                continue
            note = subject.matched.note(adjustment)
            value = getattr(note, field) if note is not None else None
            if value and any(v.strip() for v in ([value] if isinstance(value, str) else value)):
                continue
            path = f"$.notes[{_index(subject, note)}].{field}" if note is not None else None
            zh, en = _label(adjustment)
            yield Hit(
                location=_where(adjustment, path),
                zh=f"{zh}没有{zh_field}（说明标识 {adjustment.key}）",
                en=f"{en} has no {en_field} (note key {adjustment.key})",
            )

    return run


def _citations(rule: CitationRule) -> Callable[[NotesSubject], Iterator[Hit]]:
    def run(subject: NotesSubject) -> Iterator[Hit]:
        by_key = {a.key: a for a in subject.adjustments}
        for index, note in enumerate(subject.matched.notes.notes):
            for field, zh_field, en_field in _FIELDS:
                value = getattr(note, field)
                texts = (
                    [(f"[{n}]", t) for n, t in enumerate(value)]
                    if field == "basis"
                    else [("", value)]
                )
                for suffix, text in texts:
                    for problem in citation_problems(text):
                        if problem.rule == rule:
                            yield _citation_hit(
                                note=note,
                                index=index,
                                field=field,
                                suffix=suffix,
                                names=(zh_field, en_field),
                                problem=problem,
                                by_key=by_key,
                            )

    return run


def _citation_hit(
    *,
    note: Note,
    index: int,
    field: str,
    suffix: str,
    names: tuple[str, str],
    problem: CitationProblem,
    by_key: dict[str, Adjustment],
) -> Hit:
    path = f"$.notes[{index}].{field}{suffix}"
    adjustment = by_key.get(note.key)
    if adjustment is not None and adjustment.kind == note.kind:
        location = _where(adjustment, path)
        zh, en = _label(adjustment)
    else:
        location = Location(path=path, item_id=note.key)
        zh, en = f"说明 {note.key}（{note.kind}）", f"note {note.key} ({note.kind})"
    return Hit(
        location=location,
        zh=f"{zh}的{names[0]}中，{problem.zh}",
        en=f"{en}, {names[1]}: {problem.en}",
    )


def _stale(subject: NotesSubject) -> Iterator[Hit]:
    for stale in subject.matched.stale:
        yield Hit(
            location=Location(path=f"$.notes[{stale.index}].key", item_id=stale.note.key),
            zh=stale.zh,
            en=stale.en,
        )


def _unmatched(subject: NotesSubject) -> Iterator[Hit]:
    notes = subject.matched.notes.notes
    for index in subject.matched.unmatched:
        note = notes[index]
        yield Hit(
            location=Location(path=f"$.notes[{index}].key", item_id=note.key),
            zh=f"说明标识 {note.key}（{note.kind}）不对应两个版本中的任何事项；说明内容「{quote(note.text)}」",
            en=f'note key {note.key} ({note.kind}) names no item of either edition; its text "{quote(note.text)}"',
        )


_FUNCTIONS: dict[str, Callable[[NotesSubject], Iterator[Hit]]] = {
    "DL501": _missing("reason", "调整理由", "reason (调整理由)"),
    "DL502": _missing("basis", "调整依据", "basis (调整依据)"),
    "DL503": _citations("document-number"),
    "DL504": _citations("order-number"),
    "DL505": _citations("title-marks"),
    "DL506": _stale,
    "DL507": _unmatched,
}

NOTES_CHECKS: tuple[tuple[Rule, Callable[[NotesSubject], Iterator[Hit]]], ...] = tuple(
    (rule, _FUNCTIONS[rule.code]) for rule in NOTES_RULES
)
"""Every DL5xx rule with its function."""


def check_notes(
    notes: Notes,
    old: Edition,
    new: Edition,
    *,
    file: str | None = None,
    adjusted: Sequence[Adjustment] | None = None,
    disable: Collection[str] = (),
    strict: bool = False,
) -> Findings:
    """Check notes against the adjustments of ``old`` → ``new`` (the DL5xx rules).

    Args:
        notes: The notes.
        old: The earlier edition.
        new: The later edition.
        file: The notes file, for the findings' location.
        adjusted: The adjustments of the diff, if already made; the editions
            are diffed otherwise.
        disable: Rule codes (or names) not to run.
        strict: Report warnings as errors.

    Returns:
        The findings.

    Raises:
        NotesError: The notes are for another township or other dates.
        CheckConfigError: ``disable`` names an unknown rule.
    """
    disabled = resolve_codes(disable)
    if adjusted is None:
        from dutyledger._compare.diff import diff

        adjusted = adjustments(diff(old, new))
    subject = NotesSubject(
        adjustments=tuple(adjusted),
        matched=match_notes(notes, adjusted, old, new),
        file=file,
    )
    found = [
        Finding(
            code=rule.code,
            severity=Severity.ERROR if strict else rule.severity,
            location=attrs.evolve(hit.location, file=file),
            message_zh=hit.zh,
            message_en=hit.en,
        )
        for rule, run in NOTES_CHECKS
        if rule.code not in disabled
        for hit in run(subject)
    ]
    return Findings(found)
