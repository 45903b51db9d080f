"""The staff reports rendered by real tools: LibreOffice for Word and Excel, Chromium for HTML.

Each test converts a report to PDF, then asserts the page size (A4) and that
every adjusted 事项名称 is in the PDF's text (pdftotext). They skip, saying why,
where LibreOffice, Chromium or poppler-utils is not installed; CI installs them
from Debian's packages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import dutyledger
from conftest import ROOT
from dutyledger._report.base import renderer
from dutyledger._report.build import build_report
from dutyledger._report.model import Report

pytestmark = pytest.mark.rendered

EXAMPLE = ROOT / "examples" / "2026-01-illustrative.json"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")

needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftotext, pdfinfo) is not installed"
)
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (CI installs libreoffice-writer/-calc)"
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (CI installs Debian's chromium)"
)

A4 = {(595, 842), (842, 595)}


@pytest.fixture(scope="module")
def report() -> Report:
    """The Chinese report from 2025-01 to the illustrative example."""
    old = dutyledger.builtin_edition("2025-01")
    new = dutyledger.load_edition(EXAMPLE)
    return build_report(dutyledger.diff(old, new), old, new)


def _pages(pdf: Path) -> set[tuple[int, int]]:
    """The size of every page, in points, rounded."""
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)
    return {(round(float(w)), round(float(h))) for w, h in sizes}


def _text(pdf: Path) -> str:
    """The PDF's text in reading order and in content order, all white space removed."""
    found = []
    for mode in ([], ["-raw"]):
        found.append(
            subprocess.run(
                ["pdftotext", *mode, str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
                timeout=60,
            ).stdout
        )
    return "\n".join(re.sub(r"\s+", "", text) for text in found)


def _assert_complete(pdf: Path, report: Report, orientations: set[tuple[int, int]]) -> None:
    assert pdf.exists(), f"no PDF was written: {pdf}"
    sizes = _pages(pdf)
    assert sizes, "pdfinfo found no pages"
    assert sizes <= A4, sizes
    assert sizes == orientations, sizes
    text = _text(pdf)
    missing = [row.name for row in report.rows if re.sub(r"\s+", "", row.name) not in text]
    assert missing == []


def _libreoffice(source: Path, out: Path) -> Path:
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=240,
    )
    return out / f"{source.stem}.pdf"


@needs_poppler
@needs_libreoffice
def test_word_report_prints_on_a4_with_every_item(report: Report, tmp_path: Path) -> None:
    """LibreOffice prints the Word report on A4: the body portrait, the annex landscape."""
    source = tmp_path / "report.docx"
    source.write_bytes(renderer("docx").render(report))
    _assert_complete(_libreoffice(source, tmp_path), report, {(595, 842), (842, 595)})


@needs_poppler
@needs_libreoffice
def test_excel_table_prints_on_a4_landscape_with_every_item(report: Report, tmp_path: Path) -> None:
    """LibreOffice prints the Excel 调整对照表 on A4 landscape, every 事项 on it."""
    source = tmp_path / "report.xlsx"
    source.write_bytes(renderer("xlsx").render(report))
    pdf = _libreoffice(source, tmp_path)
    _assert_complete(pdf, report, {(842, 595)})
    assert "第1页共" in _text(pdf)


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium, offline, with a fresh profile and the arguments given."""
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@needs_poppler
@needs_chromium
def test_html_prints_on_a4_landscape_with_every_item(report: Report, tmp_path: Path) -> None:
    """Chromium prints the page on A4 landscape (its print stylesheet), controls hidden."""
    page = tmp_path / "report.html"
    page.write_bytes(renderer("html").render(report))
    pdf = tmp_path / "report.pdf"
    printed = _chromium(
        tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()
    )
    assert printed.returncode == 0, printed.stderr[-2000:]
    _assert_complete(pdf, report, {(842, 595)})
    assert "全部" not in _text(pdf).split("二、调整事项")[1]  # the filters are not printed


@needs_chromium
def test_html_runs_its_script_without_errors(report: Report, tmp_path: Path) -> None:
    """Headless Chromium runs the page's script to the end: filters ready, the count of 事项 shown."""
    page = tmp_path / "report.html"
    page.write_bytes(renderer("html").render(report))
    result = _chromium(
        tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'data-ready="1"' in result.stdout
    assert f"显示 {len(report.rows)} 项事项" in result.stdout
    assert "Uncaught" not in result.stderr
