"""Every output is the same bytes each time it is made (reproducible reports)."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

import dutyledger
from dutyledger import Edition, diff
from dutyledger._edition.stable_zip import document_time
from dutyledger._ledger.render import render_timeline
from dutyledger._notes.workbook import write_workbook
from dutyledger._report.base import FORMATS, renderer
from dutyledger._report.build import build_report

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"


def _outputs(old: Edition, new: Edition) -> dict[str, bytes]:
    changes = diff(old, new)
    report = build_report(changes, old, new)
    out = {name: renderer(name).render(report) for name in FORMATS}
    out["json"] = dutyledger.dump_changeset(changes).encode()
    out["tsv"] = dutyledger.export_tsv(new).encode()
    out["edition"] = dutyledger.dump_edition(new).encode()
    out["export-xlsx"] = dutyledger.export_xlsx(old)
    out["export-docx"] = dutyledger.export_docx(old)
    out["notes-form"] = write_workbook(old, new, changes)
    timeline = dutyledger.Ledger.from_editions((old, new)).timeline()
    chart = render_timeline(timeline, "xlsx", "timeline")
    assert isinstance(chart, bytes)
    out["timeline-xlsx"] = chart
    return out


def test_every_format_is_byte_identical_across_runs(
    seed_edition: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs, 2 s apart (zip's clock step): every format gives the same bytes."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    example = dutyledger.load_edition(EXAMPLE)
    first = _outputs(seed_edition, example)
    time.sleep(2.1)
    second = _outputs(seed_edition, example)
    assert sorted(first) == sorted(second)
    for name, data in first.items():
        assert data == second[name], name


@pytest.mark.parametrize("name", ["xlsx", "docx"])
def test_office_files_are_stamped_with_the_edition_date(
    seed_edition: Edition, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Zip entries and docProps/core.xml carry the new edition's date, or SOURCE_DATE_EPOCH."""
    example = dutyledger.load_edition(EXAMPLE)
    report = build_report(diff(seed_edition, example), seed_edition, example)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with zipfile.ZipFile(io.BytesIO(renderer(name).render(report))) as book:
        assert {info.date_time for info in book.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    assert core.count("2026-01-01T00:00:00Z") == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    with zipfile.ZipFile(io.BytesIO(renderer(name).render(report))) as book:
        assert {info.date_time for info in book.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert book.read("docProps/core.xml").decode().count("2023-11-14T22:13:20Z") == 2


def test_the_document_time_is_never_before_zip_can_say(monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH=0 or an odd date: 1980-01-01, the first day a zip entry can carry."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert document_time("2025-01").year == 1980
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert document_time("2025-02-31").year == 1980
    assert document_time("2025-02-03").isoformat() == "2025-02-03T00:00:00+00:00"
