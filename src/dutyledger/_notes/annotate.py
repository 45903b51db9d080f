"""Notes into a report: each row's 调整理由, 调整依据 and 备注 from the note of its 事项.

The report room knows nothing of notes: its rows carry the adjustment's key and
empty note fields, and this fills them from the kept notes. Notes marked
illustrative add a notice saying so.
"""

from __future__ import annotations

import attrs

from dutyledger._notes.match import NotesMatch
from dutyledger._report.model import Report

__all__ = ["ILLUSTRATIVE_NOTICE", "annotate"]

ILLUSTRATIVE_NOTICE = {
    "zh": "注意：调整理由、调整依据等说明为示例，并非正式材料。",
    "en": "Note: the reasons, bases and remarks are illustrative, not an official record.",
}
"""The notice a report carries when its notes are marked illustrative."""

_SEPARATOR = {"zh": "；", "en": "; "}


def annotate(report: Report, matched: NotesMatch) -> Report:
    """Return the report with each kept note in the row of its 事项.

    Args:
        report: The report, its rows keyed by adjustment.
        matched: The notes matched to the same diff.

    Returns:
        The report with 调整理由, 调整依据 (citations joined by ；) and 备注
        filled where a note exists, and a notice if the notes are illustrative.
    """
    separator = _SEPARATOR[report.lang]
    rows = []
    for row in report.rows:
        note = matched.kept.get(row.key)
        if note is None or note.kind != row.kind:
            rows.append(row)
            continue
        rows.append(
            attrs.evolve(
                row, reason=note.reason, basis=separator.join(note.basis), remark=note.remarks
            )
        )
    notices = report.notices
    if matched.notes.illustrative:
        notices = (*notices, ILLUSTRATIVE_NOTICE[report.lang])
    return attrs.evolve(report, rows=tuple(rows), notices=notices)
