"""Staff reports: one row per 事项, counts that add up, and every format read back."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dutyledger
from conftest import ROOT
from dutyledger._report.base import FORMATS, renderer
from dutyledger._report.build import build_report
from dutyledger._report.cells import cells_from_spans
from dutyledger._report.model import Cell, Report
from dutyledger._report.terminal import TerminalRenderer, display_width
from strategies import EditScript, edit_scripts, editions

EXAMPLE = ROOT / "examples" / "2026-01-illustrative.json"
SNAPSHOTS = Path(__file__).parent / "snapshots"
FULL_WIDTH = re.compile("[，。：；（）、！？【】“”《》]")


@pytest.fixture(scope="module")
def example() -> dutyledger.Edition:
    """The illustrative 2026-01 edition derived from 2025-01."""
    return dutyledger.load_edition(EXAMPLE)


@pytest.fixture(scope="module")
def old() -> dutyledger.Edition:
    """The 2025-01 edition."""
    return dutyledger.builtin_edition("2025-01")


@pytest.fixture(scope="module")
def report(old: dutyledger.Edition, example: dutyledger.Edition) -> Report:
    """The Chinese report from 2025-01 to the example."""
    return build_report(dutyledger.diff(old, example), old, example)


@pytest.fixture(scope="module")
def english(old: dutyledger.Edition, example: dutyledger.Edition) -> Report:
    """The English report from 2025-01 to the example."""
    return build_report(dutyledger.diff(old, example), old, example, lang="en")


# --- the model: rows and counts -------------------------------------------------------------


def assert_counts_add_up(report: Report, old: dutyledger.Edition, new: dutyledger.Edition) -> None:
    """Rows, summary, totals, flows and headline tell the same numbers."""
    changes = dutyledger.diff(old, new)
    adjusted = dutyledger.adjustments(changes)
    assert [row.key for row in report.rows] == [a.key for a in adjusted]
    assert [row.number for row in report.rows] == list(range(1, len(report.rows) + 1))
    kinds = Counter(row.kind for row in report.rows)
    assert {s.kind: s.total for s in report.summary} == dict(kinds)
    for line in report.summary:
        assert line.basic + line.cooperative + line.recalled == line.total
    assert sum(s.total for s in report.summary) == len(report.rows)
    short = {
        k.value: label
        for k, label in zip(dutyledger.ListKind, ("基本", "配合", "收回"), strict=True)
    }
    for total in report.totals:
        kind = dutyledger.ListKind(total.list)
        assert total.before == len(old.items(kind))
        assert total.after == len(new.items(kind))
        # The diagram: bands leaving a list add up to its items before, reaching it to after.
        label = short[total.list]
        assert sum(f.before for f in report.flows if f.source == label) == total.before
        assert sum(f.after for f in report.flows if f.target == label) == total.after
    # A split or merge is one band, whatever its size at each end.
    # (one band per group, or per list its parts come from when a merge takes from two lists).
    regrouped = sum(len(a.old_lists) for a in adjusted if a.kind in ("合并", "分设"))
    bands = [f for f in report.flows if f.kind in ("split", "merge")]
    assert sum(f.after for f in bands) == sum(
        len(a.new) for a in adjusted if a.kind in ("合并", "分设")
    )
    assert len(bands) <= regrouped
    assert f"共调整事项{len(report.rows)}项" in report.headline
    for line in report.summary:
        assert f"{line.label}{line.total}项" in report.headline
    for total in report.totals:
        assert f"{total.label}{total.after}项" in report.headline


def test_one_row_per_adjusted_item(report: Report, old: Any, example: Any) -> None:
    """23 事项 for 25 substantive records; keys are the adjustments'; note fields start empty."""
    assert_counts_add_up(report, old, example)
    assert len(report.rows) == 23
    assert all(not (r.reason or r.basis or r.remark) for r in report.rows)
    assert "共调整事项23项" in report.headline
    star = next(r for r in report.rows if r.name == "推荐县级以上党代表工作")
    assert star.kind == "变更"
    assert star.elements == ("乡镇配合职责", "★")
    assert star.kind_label == "变更（乡镇配合职责、★）"


@given(edit_scripts())
def test_counts_add_up_on_known_edits(script: EditScript) -> None:
    """On random edit scripts: rows, summary, totals, flows and headline agree."""
    changes = dutyledger.diff(script.old, script.new)
    assert_counts_add_up(build_report(changes, script.old, script.new), script.old, script.new)


@given(editions(max_items=4), editions(max_items=4))
def test_counts_add_up_on_any_two_editions(a: dutyledger.Edition, b: dutyledger.Edition) -> None:
    """On unrelated editions too, with splits and merges from content matching."""
    assert_counts_add_up(build_report(dutyledger.diff(a, b), a, b), a, b)


def test_rows_carry_names_and_lists(report: Report) -> None:
    """Every row names its item and its lists; 配合 1 and 收回 1 can be told apart."""
    assert all(row.name and row.lists and row.category for row in report.rows)
    moved = next(r for r in report.rows if r.kind == "上收")
    assert moved.lists == "基本 117 → 收回 56"
    assert any(r.lists == "收回 1" for r in report.rows)
    assert any(r.lists == "配合 1" for r in report.rows)


def test_changed_characters_are_marked() -> None:
    """A character-level diff marks deleted characters on the old side, inserted on the new."""
    from dutyledger._matching.similarity import char_spans

    old, new = cells_from_spans(char_spans("做好保密工作", "做好档案保密工作"))
    assert old.text == "做好保密工作"
    assert new.text == "做好档案保密工作"
    assert [(s.text, s.op) for s in new.segments if s.op != "equal"] == [("档案", "insert")]


def test_block_and_step_changes_are_marked(report: Report) -> None:
    """An added block is marked inserted, and its department is among 涉及部门; a removed one struck."""
    gas = next(r for r in report.rows if r.name == "燃气安全管理工作")
    inserted = "".join(s.text for s in gas.new.segments if s.op == "insert")
    assert "县市场监督管理局" in inserted
    assert "负责燃气具产品质量监督" in inserted
    assert "乌鲁木齐县市场监督管理局" in gas.departments
    vaccine = next(r for r in report.rows if r.name.startswith("做好动物流行病学检测"))
    assert "动物疫苗管理工作" in "".join(s.text for s in vaccine.old.segments if s.op == "delete")
    reworded = next(r for r in report.rows if r.name == "推荐县级以上党代表工作")
    assert [s.text for s in reworded.new.segments if s.op == "insert"] == ["和材料报送", "无"]


def test_split_and_merge_parts_are_one_line_each(report: Report) -> None:
    """A split's parts stand on their own lines, each with its list and 序号."""
    split = next(r for r in report.rows if r.kind == "分设")
    assert [line.text for line in split.new.lines()] == [
        "基本 30．负责人口普查、农业普查工作",
        "基本 31．负责经济普查等调查统计工作",
    ]
    merged = next(r for r in report.rows if r.kind == "合并")
    assert len(merged.old.lines()) == 2


def test_appendix_is_plain_language(report: Report) -> None:
    """Edition-level changes: no ids, namespaces, JSON paths or English; a registry change in words."""
    texts = [t for e in report.appendix for t in (e.topic, e.label, e.old.text, e.new.text)]
    assert texts
    for text in texts:
        assert not re.search(r"[A-Za-z$\[\]{}]", text), text
    assert any(e.label == "增加部门" and e.new.text == "乌鲁木齐县数据局" for e in report.appendix)
    preamble = [e for e in report.appendix if e.topic == "清单说明" and e.label == "三、清单内容"]
    assert preamble
    assert any(s.op == "insert" for e in preamble for s in e.new.segments)
    assert not any(r.kind in ("meta", "preamble", "registry") for r in report.rows)


def test_illustrative_edition_is_flagged(report: Report) -> None:
    """A report on an illustrative edition says first that it is not official."""
    assert report.notices
    assert "并非官方文本" in report.notices[0]


def test_english_is_translated_with_ascii_punctuation(english: Report) -> None:
    """--lang en: every label translated, ASCII punctuation, plurals right; items stay Chinese."""
    texts = [
        *english.labels.values(),
        english.title,
        english.headline,
        *english.notices,
        *(s.label for s in english.summary),
        *(t.label for t in english.totals),
        *(i.label + i.value for i in english.indicators),
        *(r.kind_label for r in english.rows),
        *(r.lists for r in english.rows),
        *(e.topic + e.label for e in english.appendix if e.topic != "Preamble"),
    ]
    for text in texts:
        assert not FULL_WIDTH.search(text), text
        assert "明减暗增" not in text
    assert "23 items adjusted" in english.headline
    assert "1 recalled item came back" in english.indicators[1].value
    assert english.rows[0].kind_label == "Changed (name)"
    assert "做好巡视巡察整改工作" in {row.name for row in english.rows}


# --- text formats ------------------------------------------------------------------------------


def _snapshot(name: str, rendered: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("DUTYLEDGER_UPDATE_SNAPSHOTS"):
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


def test_markdown_matches_the_reviewed_snapshot(report: Report) -> None:
    """The Markdown report is what was reviewed (tests/snapshots/example-report.md)."""
    _snapshot("example-report.md", renderer("md").render(report).decode("utf-8"))


def test_text_matches_the_reviewed_snapshot(report: Report) -> None:
    """The terminal text is what was reviewed (tests/snapshots/example-report.txt)."""
    _snapshot("example-report.txt", renderer("text").render(report).decode("utf-8"))


def test_markdown_escapes_markup() -> None:
    """Texts that look like Markdown are escaped, so a PR comment shows them as written."""
    from dutyledger._report.markdown import escape

    assert escape("a|b*c_d<e>") == "a\\|b\\*c\\_d\\<e\\>"
    assert escape("a\r\nb\rc\nd\u2028e\u2029f") == "a<br>b<br>c<br>d<br>e<br>f"


def test_markdown_marks_each_line_apart(report: Report) -> None:
    """A mark never spans a line break, which Markdown would not close."""
    text = renderer("md").render(report).decode("utf-8")
    for cell in re.findall(r"\*\*[^*]*\*\*|~~[^~]*~~", text):
        assert "<br>" not in cell


def test_terminal_aligns_blocks_and_never_wraps_off_a_terminal(report: Report) -> None:
    """Off a terminal: no line broken, marks as [-…-] {+…+}, no empty −/+ lines, no colour."""
    text = TerminalRenderer().render(report).decode("utf-8")
    assert "\x1b[" not in text
    assert "{+视巡+}" in text
    assert max(display_width(line) for line in text.splitlines()) > 120
    for line in text.splitlines():
        assert line.strip() not in ("−", "+", "调整前", "调整后")
    block = text.split("\n3. 分设\n")[1].split("\n\n")[0].splitlines()
    # Every label of a block starts in one column, every value in another; parts line up.
    starts = [len(line) - len(line.lstrip()) for line in block]
    assert starts == [3] * (len(block) - 1) + [13]
    for line in block[:-1]:
        label = re.match(r" {3}\S+ +", line)
        assert label is not None
        assert display_width(label.group()) == 13, line
    assert block[-1].strip() == "基本 31．负责经济普查等调查统计工作"


def test_terminal_wraps_to_the_width_given(report: Report) -> None:
    """On a terminal (a width given) no line is wider than it, and colour marks the changes."""
    text = TerminalRenderer(width=60, colour=True).render(report).decode("utf-8")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert max(display_width(line) for line in plain.splitlines()) <= 60
    assert "\x1b[1;32m" in text


def test_csv_keeps_the_record_view(report: Report) -> None:
    """CSV: a header and one row per change record, UTF-8 with BOM for Excel."""
    data = renderer("csv").render(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["kind", "调整类型", "清单"]
    assert len(rows) == 1 + len(report.records)
    assert {"moved", "renamed", "meta"} <= {row[0] for row in rows[1:]}


# --- HTML ------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.external: list[str] = []
        self.options: list[tuple[str | None, str]] = []
        self._option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "option":
            self._option = found.get("value") or ""
        for key in ("src", "href"):
            if found.get(key):
                self.external.append(f"{tag} {key}={found[key]}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._option is not None:
            self.options.append((self._option, data))
            self._option = None


def test_html_is_self_contained_and_complete(report: Report) -> None:
    """The page fetches nothing, has a row per 事项 with its key, filters, search and a diagram."""
    page = renderer("html").render(report).decode("utf-8")
    parser = _Collector()
    parser.feed(page)
    assert parser.external == []
    rows = [a for tag, a in parser.tags if tag == "tr" and a.get("class") == "change"]
    assert [a["data-key"] for a in rows] == [r.key for r in report.rows]
    selects = [a["name"] for tag, a in parser.tags if tag == "select"]
    assert selects == ["kind", "list", "category", "department"]
    assert (
        "input",
        {"id": "search", "type": "search", "placeholder": "事项名称、部门或职责文字"},
    ) in (parser.tags)
    # One "all" option per filter, and no other blank option.
    blanks = [text for value, text in parser.options if not value]
    assert blanks == ["全部"] * 4
    assert all(text.strip() for _, text in parser.options)
    assert 'data-many="显示 {n} 项事项"' in page
    assert sum(1 for tag, _ in parser.tags if tag == "svg") == 2
    text = "".join(parser.text)
    assert "做好保密工作" in text
    assert "附：清单说明及部门名录调整" in text


def test_html_prints_a4_landscape_and_fits_a_phone(report: Report) -> None:
    """Print rules (A4 landscape, controls hidden, header rows repeated); the table scrolls in a box."""
    page = renderer("html").render(report).decode("utf-8")
    css = page.split("<style>")[1].split("</style>")[0]
    printing = css.split("@media print")[1]
    assert "size: A4 landscape" in printing
    assert re.search(r"\.filters[^{]*\{ display: none", printing)
    assert "thead { display: table-header-group; }" in printing
    assert ".scroll { overflow-x: auto;" in css
    assert ".charts svg { width: 100%; height: auto;" in css
    assert '<div class="scroll"><table class="changes">' in page
    assert "<br>基本 31．负责经济普查等调查统计工作" in page


def test_html_diagram_labels_are_the_editions_counts(report: Report) -> None:
    """The flow diagram's nodes say each list's items before (left) and after (right)."""
    page = renderer("html").render(report).decode("utf-8")
    for label in ("基本 (127)", "配合 (96)", "收回 (57)", "基本 (126)", "配合 (98)", "收回 (56)"):
        assert label in page
    assert "新增 (1)" in page
    assert "取消 (1)" in page


def test_html_escapes_every_text(report: Report) -> None:
    """A text holding markup is shown as text, never run."""
    row = attrs.evolve(report.rows[0], name="<script>alert(1)</script>", old=Cell.plain("<b>x</b>"))
    page = renderer("html").render(attrs.evolve(report, rows=(row,))).decode("utf-8")
    assert "<b>x</b>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "<script>alert(1)" not in page


def test_notes_show_when_rows_carry_them(report: Report) -> None:
    """调整理由 / 调整依据 / 备注 set on a row (by notes) show in every staff format."""
    row = attrs.evolve(report.rows[0], reason="机构改革", basis="编委文件", remark="无")
    noted = attrs.evolve(report, rows=(row, *report.rows[1:]))
    for name in ("md", "html", "text"):
        text = renderer(name).render(noted).decode("utf-8")
        assert "机构改革" in text
        assert "编委文件" in text, name


# --- Excel -----------------------------------------------------------------------------------


def test_xlsx_reads_back(report: Report) -> None:
    """调整对照表 with every row, then 汇总; borders, 宋体, numbers, print settings, filter, frozen header."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(renderer("xlsx").render(report)), rich_text=True)
    assert book.sheetnames == ["调整对照表", "汇总"]
    sheet = book["调整对照表"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "序号", "清单", "事项类别", "事项名称", "调整类型", "调整前", "调整后",
        "涉及部门", "调整理由", "调整依据", "备注",
    ]  # fmt: skip
    assert sheet.max_row == 1 + len(report.rows)
    assert [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)] == list(
        range(1, len(report.rows) + 1)
    )
    assert sheet.cell(row=2, column=4).value == report.rows[0].name
    for cell in (sheet["A1"], sheet["F5"], sheet[f"K{sheet.max_row}"]):
        assert cell.border.left.style == "thin"
        assert cell.border.bottom.style == "thin"
        assert cell.font.name == "宋体"
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:K{sheet.max_row}"
    assert sheet.print_title_rows == "$1:$1"
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        9, "landscape", 1, 0,
    )  # fmt: skip
    fit, header, footer = sheet.sheet_properties.pageSetUpPr, sheet.oddHeader, sheet.oddFooter
    assert fit is not None
    assert header is not None
    assert footer is not None
    assert fit.fitToPage
    assert "调整对照表" in (header.center.text or "")
    assert footer.center.text == "第 &P 页 共 &N 页"
    widths = {c: sheet.column_dimensions[c].width for c in "ABFG"}
    assert widths["A"] < widths["B"] < widths["F"]
    summary = book["汇总"]
    values = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert 127 in values
    assert 126 in values
    assert any(isinstance(v, str) and "明减暗增" in v for v in values)
    assert summary.page_setup.paperSize == 9


def test_xlsx_never_makes_a_formula(report: Report) -> None:
    """Text that starts with = + - @ is stored as text, not as a formula."""
    from openpyxl import load_workbook

    risky = ["=SUM(A1:A2)", "+1", "-cmd", "@x"]
    rows = tuple(
        attrs.evolve(report.rows[0], name=text, old=Cell.plain(text), category=text)
        for text in risky
    )
    data = renderer("xlsx").render(attrs.evolve(report, rows=rows))
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml
    sheet = load_workbook(io.BytesIO(data))["调整对照表"]
    assert [sheet.cell(row=r, column=4).value for r in range(2, 6)] == risky
    assert {sheet.cell(row=r, column=4).data_type for r in range(2, 6)} == {"s"}


# --- Word ------------------------------------------------------------------------------------


def _docx(report: Report) -> Any:
    from docx import Document

    return Document(io.BytesIO(renderer("docx").render(report)))


def test_docx_page_and_margins_follow_gbt_9704(report: Report) -> None:
    """A4 portrait with 37/35/28/26 mm margins; the annex section A4 landscape."""
    from docx.enum.section import WD_ORIENT

    sections = _docx(report).sections
    body, annex = sections[0], sections[-1]

    def mm(*lengths: Any) -> tuple[float, ...]:
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(body.page_width, body.page_height) == (210, 297)
    assert mm(body.top_margin, body.bottom_margin, body.left_margin, body.right_margin) == (
        37, 35, 28, 26,
    )  # fmt: skip
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert mm(annex.page_width, annex.page_height) == (297, 210)


def test_docx_styles_and_fonts(report: Report) -> None:
    """Real heading styles; fonts in the East Asian slot: 小标宋 title, 仿宋 body, 黑体 and 楷体 heads."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = _docx(report)

    def east_asian(style: Any) -> str:
        return str(style.element.rPr.rFonts.get(qn("w:eastAsia")))

    styles = document.styles
    assert east_asian(styles["Normal"]) == "仿宋_GB2312"
    assert styles["Normal"].font.size == Pt(16)
    assert east_asian(styles["Heading 1"]) == "黑体"
    assert east_asian(styles["Heading 2"]) == "楷体_GB2312"
    assert east_asian(styles["报告标题"]) == "方正小标宋简体"
    assert styles["报告标题"].font.size == Pt(22)
    for name in ("Heading 1", "Heading 2"):
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win
    paragraphs = document.paragraphs
    assert paragraphs[0].text == report.title
    assert paragraphs[0].style.name == "报告标题"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、总体情况", "二、调整事项", "三、需关注的问题"]
    subheadings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert subheadings[0] == "（一）增加（1项）"
    assert "附：清单说明及部门名录调整" in subheadings
    texts = [p.text for p in paragraphs]
    assert "附件：乌鲁木齐县甘沟乡履职事项清单调整对照表" in texts
    assert report.issuer in texts
    assert report.issued in texts
    number_runs = [r for p in paragraphs for r in p.runs if r.text == "附件"]
    assert number_runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    fonts = zipfile.ZipFile(io.BytesIO(renderer("docx").render(report))).read("word/fontTable.xml")
    for font, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("方正小标宋简体", "宋体"),
        ("楷体_GB2312", "楷体"),
    ):
        assert re.search(f'w:name="{font}"><w:altName w:val="{fallback}"/>'.encode(), fonts), font


def test_docx_footer_has_a_page_field(report: Report) -> None:
    """The footer: "— PAGE —" in 4号 宋体, odd pages right and even pages left."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    section = _docx(report).sections[0]
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "<w:instrText" in xml
        assert " PAGE " in xml
        assert paragraph.text.startswith("— ")
        assert paragraph.text.endswith(" —")
        for run in paragraph.runs:
            assert run.font.size == Pt(14)
            assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_docx_annex_table_repeats_its_header(report: Report) -> None:
    """The 调整对照表: every 事项, a header row that repeats, widths fitted and filling the page."""
    from docx.shared import Mm

    document = _docx(report)
    table = next(
        t for t in document.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 11
    )
    header = table.rows[0]
    assert [c.text for c in header.cells][:5] == [
        "序号",
        "清单",
        "事项类别",
        "事项名称",
        "调整类型",
    ]
    assert header._tr.trPr is not None
    assert "w:tblHeader" in header._tr.trPr.xml
    assert len(table.rows) == 1 + len(report.rows)
    assert [table.rows[i + 1].cells[3].text for i in range(len(report.rows))] == [
        r.name for r in report.rows
    ]
    widths = [c.width for c in header.cells]
    assert abs(sum(widths) - Mm(225)) < Mm(1)
    assert widths[0] < widths[3]
    assert widths[8] < widths[5]


def test_every_format_is_registered() -> None:
    """Each named format has a renderer whose name matches."""
    assert {renderer(name).name for name in FORMATS} == set(FORMATS)


# --- the command line ------------------------------------------------------------------------


def test_diff_command_writes_every_format(tmp_path: Path) -> None:
    """`dutyledger diff OLD NEW --format F -o FILE` writes each format and exits 1 (they differ)."""
    from dutyledger.cli import main

    for fmt in ("md", "html", "xlsx", "docx", "csv", "json", "text"):
        out = tmp_path / f"report.{fmt}"
        assert main(["diff", "2025-01", str(EXAMPLE), "--format", fmt, "-o", str(out)]) == 1, fmt
        assert out.stat().st_size > 1000, fmt
    assert zipfile.is_zipfile(tmp_path / "report.xlsx")
    assert zipfile.is_zipfile(tmp_path / "report.docx")


def test_the_example_change_set_is_unchanged(tmp_path: Path) -> None:
    """The JSON change set (the engine's view) is byte for byte docs/examples/changes.json."""
    from dutyledger.cli import main

    out = tmp_path / "changes.json"
    main(["diff", "2025-01", str(EXAMPLE), "--format", "json", "-o", str(out)])
    assert out.read_bytes() == (ROOT / "docs" / "examples" / "changes.json").read_bytes()


def test_diff_of_equal_editions_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Two equal editions: exit 0, and the text says nothing was adjusted."""
    from dutyledger.cli import main

    assert main(["diff", "2025-01", "2025-01"]) == 0
    out = capsys.readouterr().out
    assert "共调整事项0项：无" in out
    assert "二、调整事项" not in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_renumbered_adds_form_only_changes(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--show-renumbered lists the changes of form (序号 …) apart; they are never 事项 rows."""
    from dutyledger.cli import main

    main(["diff", "2025-01", str(EXAMPLE), "--lang", lang])
    plain = capsys.readouterr().out
    main(["diff", "2025-01", str(EXAMPLE), "--lang", lang, "--show-renumbered"])
    shown = capsys.readouterr().out
    label = "序号调整" if lang == "zh" else "Renumbered"
    assert label not in plain
    assert label in shown


def test_english_report_from_the_command_line(tmp_path: Path) -> None:
    """--lang en gives English labels in the file."""
    from dutyledger.cli import main

    out = tmp_path / "report.md"
    args = ["diff", "2025-01", str(EXAMPLE), "--format", "md", "--lang", "en", "-o", str(out)]
    assert main(args) == 1
    text = out.read_text(encoding="utf-8")
    assert "## 1. Overview" in text
    assert "做好巡视巡察整改工作" in text


def test_binary_format_to_a_terminal_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Xlsx to a terminal is bad usage: exit 2 with one message, nothing written."""
    from dutyledger.cli import main

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["diff", "2025-01", str(EXAMPLE), "--format", "xlsx"]) == 2
    assert "expected -o FILE" in capsys.readouterr().err


@given(st.sampled_from(["zh", "en"]))
def test_empty_report_renders_in_every_format(lang: Any) -> None:
    """Equal editions: every format renders, with zero 事项 and totals unchanged."""
    old = dutyledger.builtin_edition("2025-01")
    empty = build_report(dutyledger.diff(old, old), old, old, lang=lang)
    assert empty.rows == ()
    assert all(t.before == t.after for t in empty.totals)
    for name in FORMATS:
        assert renderer(name).render(empty)


def test_progress_is_silent_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Progress shows only when stderr is a terminal; a pipe or a CI log gets nothing."""
    from dutyledger._progress import progress

    with progress("working") as shown:
        shown.step("still working")
    assert capsys.readouterr().err == ""
