"""What each page shows, computed from the library: plain data the templates lay out.

Kept apart from the routes so that it can be tested without a web server, and so that the
routes stay thin.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dutyledger._changes.adjustments import adjustments
from dutyledger._changes.changeset import ChangeSet
from dutyledger._changes.codec import dump_changeset
from dutyledger._changes.indicators import Indicators, indicators
from dutyledger._checks.findings import Findings
from dutyledger._checks.run import check
from dutyledger._compare.diff import diff
from dutyledger._edition.codec import load_edition
from dutyledger._edition.duty_text import render_duty_text
from dutyledger._edition.records import (
    CooperativeItem,
    Edition,
    EditionStatus,
    Item,
    ListKind,
    Preamble,
    RecalledItem,
)
from dutyledger._matching.pairing import carry_ids
from dutyledger._published.detect import ingest_bytes
from dutyledger._published.meta import IngestMeta, load_ingest_meta, meta_from_edition
from dutyledger._serve.labels import Lang
from dutyledger._serve.pair_notes import (
    NoteRow,
    load_pair_notes,
    note_rows,
    notes_path,
    proposer_choices,
)
from dutyledger._serve.shelf import EditionEntry, Shelf
from dutyledger.exceptions import LedgerError, MetadataError

if TYPE_CHECKING:
    from dutyledger._ledger.ledger import Ledger
    from dutyledger._ledger.records import Candidate, ItemEvent

__all__ = [
    "DOWNLOADS",
    "CompareView",
    "EditionView",
    "HistoryView",
    "ItemRow",
    "accept_upload",
    "check_upload",
    "check_view",
    "compare_view",
    "default_pair",
    "download_name",
    "edition_view",
    "history_view",
    "report_bytes",
    "timeline_html",
]

DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
_FILE_NAMES = {
    "docx": "调整情况报告",
    "xlsx": "调整对照表",
    "json": "changes",
    "csv": "changes",
    "md": "调整对照表",
}


def default_pair(entries: Sequence[EditionEntry]) -> tuple[str | None, str | None]:
    """The pair the compare form suggests: the last official edition and the newest after it."""
    if not entries:
        return None, None
    official = [e for e in entries if e.status is EditionStatus.OFFICIAL]
    old = official[-1] if official else entries[0]
    later = [e for e in entries if e.name != old.name and e.date >= old.date]
    new = later[-1] if later else entries[-1]
    return old.name, new.name


@attrs.frozen(kw_only=True)
class ItemRow:
    """One item as the edition page lists it."""

    list: ListKind
    number: int
    category: str
    name: str
    starred: bool
    departments: tuple[str, ...]
    texts: tuple[tuple[str, str], ...]


@attrs.frozen(kw_only=True)
class EditionView:
    """The three lists of an edition after the page's search and filters."""

    lists: tuple[tuple[ListKind, tuple[ItemRow, ...]], ...]
    categories: tuple[str, ...]
    departments: tuple[str, ...]
    query: str
    category: str
    department: str
    shown: int
    total: int


def _texts(item: Item) -> tuple[tuple[str, str], ...]:
    if isinstance(item, CooperativeItem):
        return (
            ("上级部门职责", render_duty_text(item.upstream_duties)),
            ("乡镇配合职责", render_duty_text(item.township_duties)),
        )
    if isinstance(item, RecalledItem):
        return tuple(
            (
                "承接部门及工作方式",
                "、".join(ref.written for ref in entry.departments) + "：" + entry.method,
            )
            for entry in item.receivers
        )
    return ()


def _row(edition: Edition, kind: ListKind, item: Item) -> ItemRow:
    names: tuple[str, ...] = ()
    if isinstance(item, CooperativeItem | RecalledItem):
        names = tuple(
            dict.fromkeys(edition.department(ref.department).name for ref in item.departments)
        )
    return ItemRow(
        list=kind,
        number=item.number,
        category=item.category,
        name=item.name,
        starred=item.starred,
        departments=names,
        texts=_texts(item),
    )


def edition_view(
    edition: Edition, *, query: str = "", category: str = "", department: str = ""
) -> EditionView:
    """The lists of an edition, keeping the items whose texts contain ``query`` (any case)."""
    needle = query.strip().casefold()
    lists = []
    categories: dict[str, None] = {}
    departments: dict[str, None] = {}
    shown = total = 0
    for kind in ListKind:
        rows = []
        for item in edition.items(kind):
            row = _row(edition, kind, item)
            categories.setdefault(row.category)
            for name in row.departments:
                departments.setdefault(name)
            total += 1
            haystack = " ".join(
                (row.name, row.category, *row.departments, *(t for _, t in row.texts))
            )
            if needle and needle not in haystack.casefold():
                continue
            if category and row.category != category:
                continue
            if department and department not in row.departments:
                continue
            rows.append(row)
        shown += len(rows)
        lists.append((kind, tuple(rows)))
    return EditionView(
        lists=tuple(lists),
        categories=tuple(c for c in categories if c),
        departments=tuple(d for d in departments if d),
        query=query,
        category=category,
        department=department,
        shown=shown,
        total=total,
    )


@attrs.frozen(kw_only=True)
class CompareView:
    """The compare page: the two editions, their counts, the change set and its indicators."""

    old: Edition
    new: Edition
    changes: ChangeSet
    indicators: Indicators
    counts: tuple[tuple[ListKind, int, int], ...]
    rows: tuple[NoteRow, ...] = ()
    proposers: tuple[str, ...] = ()
    notes_file: str | None = None


def _pair(shelf: Shelf, old_name: str, new_name: str) -> tuple[Edition, Edition, ChangeSet]:
    old, new = shelf.load(old_name), shelf.load(new_name)
    return old, new, diff(old, new)


def compare_view(shelf: Shelf, old_name: str, new_name: str, lang: Lang) -> CompareView:
    """Diff two editions of the shelf for the compare page, with each 事项's note."""
    old, new, changes = _pair(shelf, old_name, new_name)
    counts = tuple((k, len(old.items(k)), len(new.items(k))) for k in ListKind)
    notes = load_pair_notes(shelf, old, new, (old_name, new_name))
    path = notes_path(shelf, old_name, new_name)
    return CompareView(
        old=old,
        new=new,
        changes=changes,
        indicators=indicators(changes),
        counts=counts,
        rows=note_rows(adjustments(changes), notes),
        proposers=proposer_choices(old, new),
        notes_file=path.name if path is not None else None,
    )


def report_bytes(shelf: Shelf, old_name: str, new_name: str, fmt: str, lang: Lang) -> bytes:
    """The change report of two editions of the shelf in one format, with the pair's notes."""
    old, new, changes = _pair(shelf, old_name, new_name)
    if fmt == "json":
        return dump_changeset(changes).encode("utf-8")
    from dutyledger._notes.annotate import annotate
    from dutyledger._notes.match import match_notes
    from dutyledger._report.base import renderer
    from dutyledger._report.build import build_report

    report = build_report(changes, old, new, lang=lang)
    notes = load_pair_notes(shelf, old, new, (old_name, new_name))
    if notes.notes:
        report = annotate(report, match_notes(notes, adjustments(changes), old, new))
    return renderer(fmt).render(report)


def download_name(old_name: str, new_name: str, fmt: str) -> str:
    """The file name of a download: ``调整对照表_2025-01_2026-01.xlsx``."""
    return f"{_FILE_NAMES[fmt]}_{old_name}_{new_name}.{fmt}"


def _meta(base: Edition, meta: tuple[bytes, str] | None) -> tuple[IngestMeta, Preamble | None]:
    """The metadata and registry for an upload, and the preamble for a list that has none.

    From a metadata file if given — what ``dutyledger ingest --meta`` takes: an edition (JSON,
    whose preamble then serves a workbook, as with ``--meta EDITION``) or a TOML file — else
    from the base edition, whose preamble is not taken: it speaks of the base's date.
    A new list that names a department the base edition does not know needs a metadata file.
    """
    if meta is None:
        return meta_from_edition(base), None
    data, filename = meta
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        edition = load_edition(data)
        return meta_from_edition(edition), edition.preamble
    with tempfile.TemporaryDirectory() as folder:
        # load_ingest_meta names its file in errors: keep the staff's file name.
        path = Path(folder) / Path(filename).name
        path.write_bytes(data)
        try:
            return load_ingest_meta(path), None
        except MetadataError as exc:
            raise MetadataError(filename, exc.problems) from None


def _ingest(
    data: bytes,
    filename: str,
    base: Edition,
    date: str | None,
    meta: tuple[bytes, str] | None = None,
) -> Edition:
    """An uploaded file as an edition: an edition file as it is, a published list ingested.

    A published list (text, Excel, Word or PDF, told by its content) takes its metadata and
    department registry from ``meta`` or ``base`` (with the given date, else its cover's, as
    a draft), and its items keep the ids they had in ``base``. A list without a preamble of
    its own (a workbook) takes the preamble of an edition given as ``meta``, else has none
    (``check`` then says it cannot check the declared totals).
    """
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return load_edition(data)
    ingest_meta, preamble = _meta(base, meta)
    # The jurisdiction, source and registry carry over; the date and title come from the
    # new list's cover (or the form), and the new date mints the namespace of new ids.
    fields = attrs.evolve(
        ingest_meta.edition, status=EditionStatus.DRAFT, date=date, title=None, namespace=None
    )
    edition = ingest_bytes(
        data, attrs.evolve(ingest_meta, edition=fields), name=filename, preamble=preamble
    )
    return carry_ids(edition, base)


def accept_upload(
    shelf: Shelf,
    upload: tuple[bytes, str],
    base_name: str,
    *,
    date: str | None = None,
    meta: tuple[bytes, str] | None = None,
) -> str:
    """Ingest an upload against an edition of the shelf and keep it; return its name."""
    base = shelf.load(base_name)
    data, filename = upload
    return shelf.keep_upload(_ingest(data, filename, base, date, meta))


def check_view(edition: Edition, name: str) -> Findings:
    """The findings of ``check`` on one edition."""
    return check(edition)


def check_upload(shelf: Shelf, data: bytes, filename: str, base_name: str) -> Findings:
    """The findings of ``check`` on an uploaded edition or published list."""
    base_name = base_name or (shelf.latest_official() or "")
    base = shelf.load(base_name) if base_name else None
    if base is None:
        return check(load_edition(data))
    return check(_ingest(data, filename, base, None))


@attrs.frozen(kw_only=True)
class HistoryView:
    """An item's history across the ledger, or the candidates when the query is ambiguous."""

    query: str
    item: str | None = None
    note: str | None = None
    events: tuple[ItemEvent, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    message: str | None = None


def _ledger(shelf: Shelf) -> Ledger:
    from dutyledger._ledger.ledger import Ledger

    return Ledger.open(*shelf.folders)


def history_view(shelf: Shelf, query: str) -> HistoryView:
    """Find an item by id, name or nearest name, and tell its history."""
    from dutyledger._ledger.commands import resolve_item

    query = query.strip()
    if not query:
        return HistoryView(query=query)
    ledger = _ledger(shelf)
    try:
        item, note = resolve_item(ledger, query)
    except LedgerError as exc:
        return HistoryView(
            query=query,
            candidates=ledger.find(query),
            message=exc.problems[0].message if exc.problems else str(exc),
        )
    return HistoryView(query=query, item=item, note=note, events=ledger.history(item))


def timeline_html(shelf: Shelf, lang: Lang) -> bytes:
    """The ledger's timeline as one offline HTML page (counts per list over the years)."""
    from dutyledger._ledger.render import render_timeline

    ledger = _ledger(shelf)
    title = "清单历年变化" if lang == "zh" else "The lists over the years"
    page = render_timeline(ledger.timeline(), "html", title)
    return page if isinstance(page, bytes) else page.encode("utf-8")
