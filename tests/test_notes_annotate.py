"""Notes in the change report: every staff format shows them, and none lets them act."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile

import attrs
import docx
import openpyxl
import pytest

import dutyledger
import strategies
from conftest import ROOT
from dutyledger import Edition, Note, Notes
from dutyledger._changes.adjustments import Adjustment
from dutyledger._notes.annotate import ILLUSTRATIVE_NOTICE, annotate
from dutyledger._notes.match import match_notes
from dutyledger._report.base import renderer
from dutyledger._report.build import build_report
from dutyledger._report.model import Report

EXAMPLE_NOTES = ROOT / "examples" / "2026-01-illustrative.notes.json"
HOSTILE = strategies.HOSTILE


def _report(
    seed: Edition, example: Edition, adjusted: tuple[Adjustment, ...], notes: Notes
) -> Report:
    matched = match_notes(notes, adjusted, seed, example)
    return annotate(build_report(dutyledger.diff(seed, example), seed, example), matched)


def _hostile_notes(seed: Edition, adjusted: tuple[Adjustment, ...]) -> Notes:
    """One hostile text per adjustment, as its reason, citation and remark."""
    notes = tuple(
        Note(
            key=a.key,
            kind=a.kind,
            reason=HOSTILE[i % len(HOSTILE)],
            basis=(HOSTILE[(i + 1) % len(HOSTILE)], "《中华人民共和国水法》"),
            remarks=HOSTILE[(i + 2) % len(HOSTILE)],
        )
        for i, a in enumerate(adjusted)
    )
    return Notes(jurisdiction=seed.meta.jurisdiction, old="2025-01", new="2026-01", notes=notes)


def test_kept_notes_fill_their_rows_only(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """Each row with a note gets its reason, citations joined by ；, and remark; others stay empty."""
    notes = dutyledger.load_notes(EXAMPLE_NOTES)
    report = _report(seed_edition, example_edition, example_adjustments, notes)
    by_key = {n.key: n for n in notes.notes}
    for row in report.rows:
        note = by_key.get(row.key)
        expected = (note.reason, "；".join(note.basis), note.remarks) if note else ("", "", "")
        assert expected == (row.reason, row.basis, row.remark), row.key
    assert len(by_key) == sum(bool(r.reason) for r in report.rows)


def test_illustrative_notes_say_so_in_the_report(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """Notes marked illustrative add a notice; others do not."""
    notes = dutyledger.load_notes(EXAMPLE_NOTES)
    marked = _report(seed_edition, example_edition, example_adjustments, notes)
    plain = _report(
        seed_edition, example_edition, example_adjustments, attrs.evolve(notes, illustrative=False)
    )
    assert ILLUSTRATIVE_NOTICE["zh"] in marked.notices
    assert ILLUSTRATIVE_NOTICE["zh"] not in plain.notices


def test_a_stale_note_fills_no_row(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """A note for another 调整类型 of a 事项 is not shown as that 事项's reason."""
    changed = next(a for a in example_adjustments if a.kind == "变更")
    notes = Notes(
        jurisdiction=seed_edition.meta.jurisdiction,
        old="2025-01",
        new="2026-01",
        notes=(Note(key=changed.key, kind="上收", reason="旧的说明"),),
    )
    report = _report(seed_edition, example_edition, example_adjustments, notes)
    assert not any(r.reason for r in report.rows)


@pytest.fixture(scope="module")
def hostile(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> Report:
    """The example's report with a hostile text in every note field."""
    notes = _hostile_notes(seed_edition, example_adjustments)
    return _report(seed_edition, example_edition, example_adjustments, notes)


def test_hostile_notes_stay_text_in_html(hostile: Report) -> None:
    """HTML: markup in a note is escaped; no note adds an element or a script."""
    page = renderer("html").render(hostile).decode("utf-8")
    assert "<script>alert(1)</script>" not in page
    assert html.escape("<script>alert(1)</script>", quote=False) in page
    assert "<b>粗</b>" not in page


def test_hostile_notes_stay_text_in_markdown(hostile: Report) -> None:
    """Markdown: the characters GitHub reads as markup are escaped in every note."""
    page = renderer("md").render(hostile).decode("utf-8")
    assert "<script>" not in page
    assert "**加粗**" not in page
    assert r"\*\*加粗\*\*" in page


def test_hostile_notes_stay_text_in_excel(hostile: Report) -> None:
    """Excel: every note is a string cell, never a formula, and reads back exactly."""
    book = openpyxl.load_workbook(io.BytesIO(renderer("xlsx").render(hostile)))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    formula = [c for c in cells if c.data_type == "f"]
    assert [] == formula
    values = {c.value for c in cells}
    for row in hostile.rows:
        assert {row.reason, row.basis, row.remark} <= values


def test_hostile_notes_stay_text_in_word(hostile: Report) -> None:
    """Word: each note is in the document as written (body and annex), no field, no markup."""
    data = renderer("docx").render(hostile)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    body = "\n".join(texts)
    for row in hostile.rows:
        assert row.reason in body
        assert f"调整理由：{row.reason}" in texts
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml
    assert len(re.findall(r"<w:fldSimple|<w:instrText", xml)) == len(
        re.findall(r"<w:fldSimple|<w:instrText", _plain_docx(hostile))
    )


def _plain_docx(report: Report) -> str:
    """The same report without notes, for the fields (page numbers) it has by itself."""
    rows = tuple(attrs.evolve(r, reason="", basis="", remark="") for r in report.rows)
    data = renderer("docx").render(attrs.evolve(report, rows=rows))
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


def test_hostile_notes_stay_text_in_the_terminal(hostile: Report) -> None:
    """Terminal: rich-style markup and placeholders are printed as written, no escape codes."""
    text = renderer("text").render(hostile).decode("utf-8")
    assert "[bold red]警告[/bold red]" in text
    assert "{title}{0}%s" in text
    assert "\x1b" not in text


def test_csv_holds_no_notes(hostile: Report) -> None:
    """CSV holds the change records, not the notes: no note appears there or breaks its rows."""
    text = renderer("csv").render(hostile).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len({len(r) for r in rows}) == 1
    assert "[bold red]" not in text
    assert "<script>" not in text


def test_the_note_columns_widen_only_when_they_hold_notes(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """Excel and HTML: narrow empty columns to write in; room for the text once notes fill them."""
    notes = dutyledger.load_notes(EXAMPLE_NOTES)
    filled = _report(seed_edition, example_edition, example_adjustments, notes)
    empty = build_report(
        dutyledger.diff(seed_edition, example_edition), seed_edition, example_edition
    )

    def widths(report: Report) -> list[float]:
        sheet = openpyxl.load_workbook(io.BytesIO(renderer("xlsx").render(report)))["调整对照表"]
        return [sheet.column_dimensions[c].width for c in "IJK"]  # 调整理由, 调整依据, 备注

    assert all(w <= 10 for w in widths(empty))
    assert all(f > e for f, e in zip(widths(filled), widths(empty), strict=True))
    assert 'class="c-note filled"' in renderer("html").render(filled).decode("utf-8")
    assert 'class="c-note filled"' not in renderer("html").render(empty).decode("utf-8")
