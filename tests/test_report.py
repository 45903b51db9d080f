"""Change reports in every format, made from the illustrative example and read back."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import dutyledger
from conftest import ROOT
from dutyledger._report.base import FORMATS, renderer
from dutyledger._report.build import build_report, cells_from_spans
from dutyledger._report.model import Report

EXAMPLE = ROOT / "examples" / "2026-01-illustrative.json"
SNAPSHOT = Path(__file__).parent / "snapshots" / "example-report.md"


@pytest.fixture(scope="module")
def example() -> dutyledger.Edition:
    """The illustrative 2026-01 edition derived from 2025-01."""
    return dutyledger.load_edition(EXAMPLE)


@pytest.fixture(scope="module")
def report(example: dutyledger.Edition) -> Report:
    """The Chinese report from 2025-01 to the example."""
    old = dutyledger.builtin_edition("2025-01")
    return build_report(dutyledger.diff(old, example), old, example)


def test_report_covers_every_substantive_change(
    report: Report, example: dutyledger.Edition
) -> None:
    """One row per change that is not only of form; renumbering stays out by default."""
    old = dutyledger.builtin_edition("2025-01")
    changes = dutyledger.diff(old, example)
    substantive = [c for c in changes if c.group != "clerical"]
    assert len(report.rows()) == len(substantive)
    assert "renumbered" not in {row.kind for row in report.rows()}
    with_renumbered = build_report(changes, old, example, show_renumbered=True)
    assert "renumbered" in {row.kind for row in with_renumbered.rows()}


def test_changed_characters_are_marked() -> None:
    """A character-level diff marks deleted characters on the old side, inserted on the new."""
    from dutyledger._matching.similarity import char_spans

    old, new = cells_from_spans(char_spans("做好保密工作", "做好档案保密工作"))
    assert old.text == "做好保密工作"
    assert new.text == "做好档案保密工作"
    assert [(s.text, s.op) for s in new.segments if s.op != "equal"] == [("档案", "insert")]


def test_illustrative_edition_is_flagged(report: Report) -> None:
    """A report on an illustrative edition says first that it is not official."""
    assert report.notices
    assert "并非官方文本" in report.notices[0]


def test_english_labels_keep_chinese_texts(example: dutyledger.Edition) -> None:
    """--lang en translates labels, never the items' texts."""
    old = dutyledger.builtin_edition("2025-01")
    english = build_report(dutyledger.diff(old, example), old, example, lang="en")
    assert english.labels["old"] == "Before"
    assert english.sections[0].label == "Added"
    names = {row.name for row in english.rows()}
    assert "做好保密工作" in names


def test_markdown_matches_the_reviewed_snapshot(report: Report) -> None:
    """The Markdown report is what was reviewed (tests/snapshots/example-report.md)."""
    rendered = renderer("md").render(report).decode("utf-8")
    if os.environ.get("DUTYLEDGER_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert SNAPSHOT.read_text(encoding="utf-8") == rendered


def test_markdown_escapes_markup() -> None:
    """Texts that look like Markdown are escaped, so a PR comment shows them as written."""
    from dutyledger._report.markdown import escape

    assert escape("a|b*c_d<e>") == "a\\|b\\*c\\_d\\<e\\>"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        for key in ("src", "href"):
            if found.get(key):
                self.external.append(f"{tag} {key}={found[key]}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_complete(report: Report) -> None:
    """The page fetches nothing, has every change as a filterable row, and a flow diagram."""
    page = renderer("html").render(report).decode("utf-8")
    parser = _Collector()
    parser.feed(page)
    assert parser.external == []
    rows = [a for tag, a in parser.tags if tag == "tr" and a.get("class") == "change"]
    assert len(rows) == len(report.rows())
    assert {a["data-kind"] for a in rows} == {row.kind for row in report.rows()}
    selects = [a["name"] for tag, a in parser.tags if tag == "select"]
    assert selects == ["kind", "list", "category", "department"]
    assert sum(1 for tag, _ in parser.tags if tag == "svg") == 2
    text = "".join(parser.text)
    assert "做好保密工作" in text
    assert "上收" in text


def test_html_escapes_every_text(report: Report) -> None:
    """A text holding markup is shown as text, never run."""
    import attrs

    from dutyledger._report.model import Cell

    row = attrs.evolve(
        report.rows()[0], name="<script>alert(1)</script>", old=Cell.plain("<b>x</b>")
    )
    section = attrs.evolve(report.sections[0], rows=(row,))
    page = renderer("html").render(attrs.evolve(report, sections=(section,))).decode("utf-8")
    assert "<b>x</b>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_xlsx_reads_back(report: Report) -> None:
    """The workbook: a summary sheet, a sheet per kind, frozen header, the texts."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(renderer("xlsx").render(report)), rich_text=True)
    assert book.sheetnames[0] == "汇总"
    assert len(book.sheetnames) == 1 + len(report.sections)
    sheet = book[book.sheetnames[1]]
    headers = [c.value for c in sheet[1]]
    assert headers[:7] == [
        "序号",
        "事项类别",
        "原事项",
        "调整后事项",
        "调整类型",
        "涉及部门",
        "说明",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=5).value == report.sections[0].rows[0].kind_label
    assert sheet.cell(row=2, column=3).alignment.wrap_text


def test_xlsx_never_makes_a_formula(report: Report) -> None:
    """Text that starts with = + - @ is stored as text, not as a formula."""
    import attrs
    from openpyxl import load_workbook

    from dutyledger._report.model import Cell

    risky = ["=SUM(A1:A2)", "+1", "-cmd", "@x"]
    rows = tuple(
        attrs.evolve(report.rows()[0], note=text, old=Cell.plain(text), category=text)
        for text in risky
    )
    section = attrs.evolve(report.sections[0], rows=rows)
    data = renderer("xlsx").render(attrs.evolve(report, sections=(section,)))
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet2.xml").decode("utf-8")
    assert "<f>" not in sheet_xml
    sheet = load_workbook(io.BytesIO(data))[section.label]
    assert [sheet.cell(row=r, column=7).value for r in range(2, 6)] == risky
    assert {sheet.cell(row=r, column=7).data_type for r in range(2, 6)} == {"s"}


def test_docx_reads_back(report: Report) -> None:
    """The Word report: title with township and dates, a table per kind, Chinese font set."""
    from docx import Document

    document = Document(io.BytesIO(renderer("docx").render(report)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == report.title
    assert "2025-01 → 2026-01" in paragraphs[1]
    assert report.headline in paragraphs
    assert len(document.tables) == 1 + len(report.sections)
    header = [c.text for c in document.tables[1].rows[0].cells]
    assert header == ["序号", "事项类别", "原事项", "调整后事项", "调整类型", "涉及部门", "说明"]
    xml = (
        zipfile.ZipFile(io.BytesIO(renderer("docx").render(report)))
        .read("word/document.xml")
        .decode()
    )
    assert 'w:eastAsia="宋体"' in xml


def test_csv_one_row_per_change(report: Report) -> None:
    """CSV: a header and one row per change, UTF-8 with BOM for Excel."""
    data = renderer("csv").render(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["kind", "调整类型", "清单"]
    assert len(rows) == 1 + len(report.rows())


def test_terminal_marks_changes_without_colour(report: Report) -> None:
    """Off a terminal, changed characters are shown as [-…-] and {+…+}."""
    text = renderer("text").render(report).decode("utf-8")
    assert "汇总" in text
    assert "{+" in text
    assert "\x1b[" not in text


def test_every_format_is_registered() -> None:
    """Each named format has a renderer whose name matches."""
    assert {renderer(name).name for name in FORMATS} == set(FORMATS)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (CI installs Debian's chromium)"
)
def test_html_renders_in_chromium_without_script_errors(report: Report, tmp_path: Path) -> None:
    """Headless Chromium renders the summary and runs the page's script to the end, with no error."""
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    page.write_bytes(renderer("html").render(report))
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'data-ready="1"' in result.stdout
    assert "汇总" in result.stdout
    assert f"显示 {len(report.rows())} 项" in result.stdout
    assert "Uncaught" not in result.stderr


def test_diff_command_writes_every_format(tmp_path: Path) -> None:
    """`dutyledger diff OLD NEW --format F -o FILE` writes each format and exits 1 (they differ)."""
    from dutyledger.cli import main

    for fmt in ("md", "html", "xlsx", "docx", "csv", "json", "text"):
        out = tmp_path / f"report.{fmt}"
        assert main(["diff", "2025-01", str(EXAMPLE), "--format", fmt, "-o", str(out)]) == 1, fmt
        assert out.stat().st_size > 1000, fmt
    assert zipfile.is_zipfile(tmp_path / "report.xlsx")
    assert zipfile.is_zipfile(tmp_path / "report.docx")


def test_diff_of_equal_editions_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Two equal editions: exit 0, and the summary says there is nothing."""
    from dutyledger.cli import main

    assert main(["diff", "2025-01", "2025-01"]) == 0
    assert "共 0 处调整" in capsys.readouterr().out


def test_english_report_from_the_command_line(tmp_path: Path) -> None:
    """--lang en gives English labels in the file."""
    from dutyledger.cli import main

    out = tmp_path / "report.md"
    assert (
        main(["diff", "2025-01", str(EXAMPLE), "--format", "md", "--lang", "en", "-o", str(out)])
        == 1
    )
    text = out.read_text(encoding="utf-8")
    assert "## Summary" in text
    assert "做好保密工作" in text


def test_binary_format_to_a_terminal_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Xlsx to a terminal is bad usage: exit 2 with one message, nothing written."""
    from dutyledger.cli import main

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["diff", "2025-01", str(EXAMPLE), "--format", "xlsx"]) == 2
    assert "expected -o FILE" in capsys.readouterr().err


def test_progress_is_silent_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Progress shows only when stderr is a terminal; a pipe or a CI log gets nothing."""
    from dutyledger._progress import progress

    with progress("working") as shown:
        shown.step("still working")
    assert capsys.readouterr().err == ""
