"""dutyledger: township duty lists (乡镇履行职责事项清单) as dated, typed editions.

Each township publishes three lists — 基本履职事项 (duties it owns), 配合履职事项
(duties it supports) and 上级部门收回事项 (duties taken back upstream) — and
revises them over time. dutyledger holds each dated edition as immutable typed
records, says what changed between editions in the words policy staff use, and
guards new editions in CI.

The flow, and the public names for each stage:

Editions
    :func:`load_edition`, :func:`dump_edition`, :func:`builtin_edition`,
    :class:`Edition` with its three lists of :class:`BasicItem`,
    :class:`CooperativeItem` and :class:`RecalledItem`; duty texts as
    :class:`DutyText` → :class:`Block` → :class:`Step`; departments as
    :class:`Department` and :class:`DepartmentRegistry`.
Published forms
    :func:`ingest_file` reads the published list from a .txt, .xlsx, .docx or
    .pdf file (:func:`ingest_text` from text); :func:`export_tsv`,
    :func:`export_xlsx` and :func:`export_docx` write it in the published layout.
Checks
    :func:`check`, :func:`check_editions` → :class:`Findings`; the rules in
    :data:`RULES`.
Matching
    :func:`match` pairs the items of two editions into a :class:`Crosswalk`.
Ledger
    :class:`Ledger` — every edition of a township as one chain:
    ``as_of``, ``history`` (:class:`ItemEvent`), ``changes`` (composed,
    :func:`compose`, :func:`equivalent`), ``blame``, ``timeline``.
Changes
    :func:`diff` → :class:`ChangeSet` of change records (:class:`Added`,
    :class:`Moved` for 上收/下放, :class:`Split`, :class:`Merged` …);
    :func:`apply`, :func:`indicators` (明减暗增), :func:`dump_changeset`.
Errors
    Every error derives from :class:`DutyLedgerError`, and bad input also from
    :class:`ValueError`; each names the file and the JSON path or line.

Import from here, not from the private rooms (``dutyledger._edition`` …): they
may change at any release. Names load on first use, so ``import dutyledger`` and
``dutyledger --version`` stay fast. docs/architecture.md describes the rooms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutyledger._version import __version__

if TYPE_CHECKING:
    from dutyledger._changes.adjustments import (
        ADJUSTMENT_KINDS,
        Adjustment,
        AdjustmentKind,
        adjustments,
    )
    from dutyledger._changes.base import (
        ChangeGroup,
        Column,
        Direction,
        MatchSource,
        Span,
    )
    from dutyledger._changes.blocks import (
        BlockAdded,
        BlockReassigned,
        BlockRemoved,
        BlockRetitled,
        StepAdded,
        StepRemoved,
        StepReworded,
    )
    from dutyledger._changes.changeset import (
        CLERICAL_KINDS,
        ChangeSet,
        EditionLabel,
    )
    from dutyledger._changes.codec import (
        CHANGESET_FORMAT,
        changeset_to_dict,
        configure_changes,
        dump_changeset,
        load_changeset,
        make_changes_converter,
    )
    from dutyledger._changes.indicators import (
        Indicators,
        ListDelta,
        PushDown,
        PushDownWarning,
        indicators,
    )
    from dutyledger._changes.kinds import (
        CHANGE_KINDS,
        Added,
        Change,
        ChangeKind,
        DepartmentAdded,
        DepartmentReassigned,
        DepartmentRemoved,
        LeadDepartmentChanged,
        ListReordered,
        Merged,
        MetaChanged,
        Moved,
        PreambleChanged,
        Recategorised,
        RegistryChanged,
        Reidentified,
        Removed,
        Renamed,
        Renumbered,
        Repaged,
        Split,
        StarCleared,
        StarSet,
        WordingChanged,
    )
    from dutyledger._changes.patch import (
        apply,
    )
    from dutyledger._checks.base import (
        Rule,
    )
    from dutyledger._checks.findings import (
        Finding,
        Findings,
        Location,
        Severity,
    )
    from dutyledger._checks.output import (
        format_findings,
    )
    from dutyledger._checks.registry import (
        RULES,
    )
    from dutyledger._checks.run import (
        check,
        check_editions,
    )
    from dutyledger._compare.diff import (
        diff,
    )
    from dutyledger._edition.builtin import (
        builtin_edition,
        builtin_edition_names,
        builtin_edition_path,
    )
    from dutyledger._edition.codec import (
        FORMAT,
        dump_edition,
        edition_to_dict,
        load_edition,
        make_converter,
        validate_edition,
    )
    from dutyledger._edition.departments import (
        DepartmentRegistry,
    )
    from dutyledger._edition.duty_text import (
        parse_duty_text,
        render_duty_text,
    )
    from dutyledger._edition.records import (
        BasicItem,
        Block,
        ContentsEntry,
        CooperativeItem,
        Department,
        DeptRef,
        DutyText,
        Edition,
        EditionMeta,
        EditionSource,
        EditionStatus,
        Heading,
        Item,
        Jurisdiction,
        ListDeclaration,
        ListKind,
        Preamble,
        PreambleSection,
        RecalledItem,
        RecallEntry,
        Step,
    )
    from dutyledger._edition.summary import (
        ListSummary,
        summarise,
    )
    from dutyledger._ledger.compose import (
        compose,
        equivalent,
    )
    from dutyledger._ledger.ledger import (
        Ledger,
    )
    from dutyledger._ledger.records import (
        BlameLine,
        Candidate,
        EditionEntry,
        ItemEvent,
        ItemState,
        LedgerFlow,
        TimelineEntry,
    )
    from dutyledger._matching.crosswalk import (
        CROSSWALK_FORMAT,
        Crosswalk,
        GroupMatch,
        Match,
        Unmatched,
        dump_crosswalk,
        load_crosswalk,
    )
    from dutyledger._matching.pairing import (
        MATCH_THRESHOLD,
        carry_ids,
        match,
    )
    from dutyledger._notes.codec import (
        NOTES_FORMAT,
        dump_notes,
        load_notes,
    )
    from dutyledger._notes.records import (
        Note,
        Notes,
        Signoff,
    )
    from dutyledger._notes.rules import (
        check_notes,
    )
    from dutyledger._published.detect import (
        ingest_file,
    )
    from dutyledger._published.docx import (
        export_docx,
    )
    from dutyledger._published.meta import (
        IngestMeta,
        load_ingest_meta,
        meta_from_edition,
    )
    from dutyledger._published.tsv import (
        export_tsv,
    )
    from dutyledger._published.txt import (
        ingest_text,
    )
    from dutyledger._published.xlsx import (
        export_xlsx,
    )
    from dutyledger._report.api import (
        render_report,
    )
    from dutyledger.exceptions import (
        ChangeSetLoadError,
        CheckConfigError,
        CrosswalkError,
        DutyLedgerError,
        EditionLoadError,
        ExportError,
        IngestError,
        InvalidArgumentError,
        LedgerError,
        MetadataError,
        MissingExtraError,
        NotesError,
        OutputError,
        PatchConflictError,
        Problem,
        ReportError,
        UnknownEditionError,
        UnknownNameError,
    )

# Each public name and the private module that defines it; loaded on first use (PEP 562).
_LAZY = {
    "ADJUSTMENT_KINDS": "dutyledger._changes.adjustments",
    "Added": "dutyledger._changes.kinds",
    "Adjustment": "dutyledger._changes.adjustments",
    "AdjustmentKind": "dutyledger._changes.adjustments",
    "BasicItem": "dutyledger._edition.records",
    "BlameLine": "dutyledger._ledger.records",
    "Block": "dutyledger._edition.records",
    "BlockAdded": "dutyledger._changes.blocks",
    "BlockReassigned": "dutyledger._changes.blocks",
    "BlockRemoved": "dutyledger._changes.blocks",
    "BlockRetitled": "dutyledger._changes.blocks",
    "CHANGESET_FORMAT": "dutyledger._changes.codec",
    "CHANGE_KINDS": "dutyledger._changes.kinds",
    "CLERICAL_KINDS": "dutyledger._changes.changeset",
    "CROSSWALK_FORMAT": "dutyledger._matching.crosswalk",
    "Candidate": "dutyledger._ledger.records",
    "Change": "dutyledger._changes.kinds",
    "ChangeGroup": "dutyledger._changes.base",
    "ChangeKind": "dutyledger._changes.kinds",
    "ChangeSet": "dutyledger._changes.changeset",
    "ChangeSetLoadError": "dutyledger.exceptions",
    "CheckConfigError": "dutyledger.exceptions",
    "Column": "dutyledger._changes.base",
    "ContentsEntry": "dutyledger._edition.records",
    "CooperativeItem": "dutyledger._edition.records",
    "Crosswalk": "dutyledger._matching.crosswalk",
    "CrosswalkError": "dutyledger.exceptions",
    "Department": "dutyledger._edition.records",
    "DepartmentAdded": "dutyledger._changes.kinds",
    "DepartmentReassigned": "dutyledger._changes.kinds",
    "DepartmentRegistry": "dutyledger._edition.departments",
    "DepartmentRemoved": "dutyledger._changes.kinds",
    "DeptRef": "dutyledger._edition.records",
    "Direction": "dutyledger._changes.base",
    "DutyLedgerError": "dutyledger.exceptions",
    "DutyText": "dutyledger._edition.records",
    "Edition": "dutyledger._edition.records",
    "EditionEntry": "dutyledger._ledger.records",
    "EditionLabel": "dutyledger._changes.changeset",
    "EditionLoadError": "dutyledger.exceptions",
    "EditionMeta": "dutyledger._edition.records",
    "EditionSource": "dutyledger._edition.records",
    "EditionStatus": "dutyledger._edition.records",
    "ExportError": "dutyledger.exceptions",
    "FORMAT": "dutyledger._edition.codec",
    "Finding": "dutyledger._checks.findings",
    "Findings": "dutyledger._checks.findings",
    "GroupMatch": "dutyledger._matching.crosswalk",
    "Heading": "dutyledger._edition.records",
    "Indicators": "dutyledger._changes.indicators",
    "IngestError": "dutyledger.exceptions",
    "IngestMeta": "dutyledger._published.meta",
    "InvalidArgumentError": "dutyledger.exceptions",
    "Item": "dutyledger._edition.records",
    "ItemEvent": "dutyledger._ledger.records",
    "ItemState": "dutyledger._ledger.records",
    "Jurisdiction": "dutyledger._edition.records",
    "LeadDepartmentChanged": "dutyledger._changes.kinds",
    "Ledger": "dutyledger._ledger.ledger",
    "LedgerError": "dutyledger.exceptions",
    "LedgerFlow": "dutyledger._ledger.records",
    "ListDeclaration": "dutyledger._edition.records",
    "ListDelta": "dutyledger._changes.indicators",
    "ListKind": "dutyledger._edition.records",
    "ListReordered": "dutyledger._changes.kinds",
    "ListSummary": "dutyledger._edition.summary",
    "Location": "dutyledger._checks.findings",
    "MATCH_THRESHOLD": "dutyledger._matching.pairing",
    "Match": "dutyledger._matching.crosswalk",
    "MatchSource": "dutyledger._changes.base",
    "Merged": "dutyledger._changes.kinds",
    "MetaChanged": "dutyledger._changes.kinds",
    "MetadataError": "dutyledger.exceptions",
    "MissingExtraError": "dutyledger.exceptions",
    "Moved": "dutyledger._changes.kinds",
    "NOTES_FORMAT": "dutyledger._notes.codec",
    "Note": "dutyledger._notes.records",
    "Notes": "dutyledger._notes.records",
    "NotesError": "dutyledger.exceptions",
    "OutputError": "dutyledger.exceptions",
    "PatchConflictError": "dutyledger.exceptions",
    "Preamble": "dutyledger._edition.records",
    "PreambleChanged": "dutyledger._changes.kinds",
    "PreambleSection": "dutyledger._edition.records",
    "Problem": "dutyledger.exceptions",
    "PushDown": "dutyledger._changes.indicators",
    "PushDownWarning": "dutyledger._changes.indicators",
    "RULES": "dutyledger._checks.registry",
    "RecallEntry": "dutyledger._edition.records",
    "RecalledItem": "dutyledger._edition.records",
    "Recategorised": "dutyledger._changes.kinds",
    "RegistryChanged": "dutyledger._changes.kinds",
    "Reidentified": "dutyledger._changes.kinds",
    "Removed": "dutyledger._changes.kinds",
    "Renamed": "dutyledger._changes.kinds",
    "Renumbered": "dutyledger._changes.kinds",
    "Repaged": "dutyledger._changes.kinds",
    "ReportError": "dutyledger.exceptions",
    "Rule": "dutyledger._checks.base",
    "Severity": "dutyledger._checks.findings",
    "Signoff": "dutyledger._notes.records",
    "Span": "dutyledger._changes.base",
    "Split": "dutyledger._changes.kinds",
    "StarCleared": "dutyledger._changes.kinds",
    "StarSet": "dutyledger._changes.kinds",
    "Step": "dutyledger._edition.records",
    "StepAdded": "dutyledger._changes.blocks",
    "StepRemoved": "dutyledger._changes.blocks",
    "StepReworded": "dutyledger._changes.blocks",
    "TimelineEntry": "dutyledger._ledger.records",
    "UnknownEditionError": "dutyledger.exceptions",
    "UnknownNameError": "dutyledger.exceptions",
    "Unmatched": "dutyledger._matching.crosswalk",
    "WordingChanged": "dutyledger._changes.kinds",
    "adjustments": "dutyledger._changes.adjustments",
    "apply": "dutyledger._changes.patch",
    "builtin_edition": "dutyledger._edition.builtin",
    "builtin_edition_names": "dutyledger._edition.builtin",
    "builtin_edition_path": "dutyledger._edition.builtin",
    "carry_ids": "dutyledger._matching.pairing",
    "changeset_to_dict": "dutyledger._changes.codec",
    "check": "dutyledger._checks.run",
    "check_editions": "dutyledger._checks.run",
    "check_notes": "dutyledger._notes.rules",
    "compose": "dutyledger._ledger.compose",
    "configure_changes": "dutyledger._changes.codec",
    "diff": "dutyledger._compare.diff",
    "dump_changeset": "dutyledger._changes.codec",
    "dump_crosswalk": "dutyledger._matching.crosswalk",
    "dump_edition": "dutyledger._edition.codec",
    "dump_notes": "dutyledger._notes.codec",
    "edition_to_dict": "dutyledger._edition.codec",
    "equivalent": "dutyledger._ledger.compose",
    "export_docx": "dutyledger._published.docx",
    "export_tsv": "dutyledger._published.tsv",
    "export_xlsx": "dutyledger._published.xlsx",
    "format_findings": "dutyledger._checks.output",
    "indicators": "dutyledger._changes.indicators",
    "ingest_file": "dutyledger._published.detect",
    "ingest_text": "dutyledger._published.txt",
    "load_changeset": "dutyledger._changes.codec",
    "load_crosswalk": "dutyledger._matching.crosswalk",
    "load_edition": "dutyledger._edition.codec",
    "load_ingest_meta": "dutyledger._published.meta",
    "load_notes": "dutyledger._notes.codec",
    "make_changes_converter": "dutyledger._changes.codec",
    "make_converter": "dutyledger._edition.codec",
    "match": "dutyledger._matching.pairing",
    "meta_from_edition": "dutyledger._published.meta",
    "parse_duty_text": "dutyledger._edition.duty_text",
    "render_duty_text": "dutyledger._edition.duty_text",
    "render_report": "dutyledger._report.api",
    "summarise": "dutyledger._edition.summary",
    "validate_edition": "dutyledger._edition.codec",
}

__all__ = [
    "ADJUSTMENT_KINDS",
    "CHANGESET_FORMAT",
    "CHANGE_KINDS",
    "CLERICAL_KINDS",
    "CROSSWALK_FORMAT",
    "FORMAT",
    "MATCH_THRESHOLD",
    "NOTES_FORMAT",
    "RULES",
    "Added",
    "Adjustment",
    "AdjustmentKind",
    "BasicItem",
    "BlameLine",
    "Block",
    "BlockAdded",
    "BlockReassigned",
    "BlockRemoved",
    "BlockRetitled",
    "Candidate",
    "Change",
    "ChangeGroup",
    "ChangeKind",
    "ChangeSet",
    "ChangeSetLoadError",
    "CheckConfigError",
    "Column",
    "ContentsEntry",
    "CooperativeItem",
    "Crosswalk",
    "CrosswalkError",
    "Department",
    "DepartmentAdded",
    "DepartmentReassigned",
    "DepartmentRegistry",
    "DepartmentRemoved",
    "DeptRef",
    "Direction",
    "DutyLedgerError",
    "DutyText",
    "Edition",
    "EditionEntry",
    "EditionLabel",
    "EditionLoadError",
    "EditionMeta",
    "EditionSource",
    "EditionStatus",
    "ExportError",
    "Finding",
    "Findings",
    "GroupMatch",
    "Heading",
    "Indicators",
    "IngestError",
    "IngestMeta",
    "InvalidArgumentError",
    "Item",
    "ItemEvent",
    "ItemState",
    "Jurisdiction",
    "LeadDepartmentChanged",
    "Ledger",
    "LedgerError",
    "LedgerFlow",
    "ListDeclaration",
    "ListDelta",
    "ListKind",
    "ListReordered",
    "ListSummary",
    "Location",
    "Match",
    "MatchSource",
    "Merged",
    "MetaChanged",
    "MetadataError",
    "MissingExtraError",
    "Moved",
    "Note",
    "Notes",
    "NotesError",
    "OutputError",
    "PatchConflictError",
    "Preamble",
    "PreambleChanged",
    "PreambleSection",
    "Problem",
    "PushDown",
    "PushDownWarning",
    "RecallEntry",
    "RecalledItem",
    "Recategorised",
    "RegistryChanged",
    "Reidentified",
    "Removed",
    "Renamed",
    "Renumbered",
    "Repaged",
    "ReportError",
    "Rule",
    "Severity",
    "Signoff",
    "Span",
    "Split",
    "StarCleared",
    "StarSet",
    "Step",
    "StepAdded",
    "StepRemoved",
    "StepReworded",
    "TimelineEntry",
    "UnknownEditionError",
    "UnknownNameError",
    "Unmatched",
    "WordingChanged",
    "__version__",
    "adjustments",
    "apply",
    "builtin_edition",
    "builtin_edition_names",
    "builtin_edition_path",
    "carry_ids",
    "changeset_to_dict",
    "check",
    "check_editions",
    "check_notes",
    "compose",
    "configure_changes",
    "diff",
    "dump_changeset",
    "dump_crosswalk",
    "dump_edition",
    "dump_notes",
    "edition_to_dict",
    "equivalent",
    "export_docx",
    "export_tsv",
    "export_xlsx",
    "format_findings",
    "indicators",
    "ingest_file",
    "ingest_text",
    "load_changeset",
    "load_crosswalk",
    "load_edition",
    "load_ingest_meta",
    "load_notes",
    "make_changes_converter",
    "make_converter",
    "match",
    "meta_from_edition",
    "parse_duty_text",
    "render_duty_text",
    "render_report",
    "summarise",
    "validate_edition",
]

if not TYPE_CHECKING:
    # Outside TYPE_CHECKING so that mypy does not take every unknown name for Any.
    from dutyledger._facade import make_getattr

    # No __dir__ that lists every name, and loaded names stay out of globals(): pydoc
    # would document them all, and help(dutyledger) would be 8,000 lines instead of
    # this overview. __all__ lists the public names; editors read the imports above.
    __getattr__ = make_getattr(__name__, _LAZY)
