"""The Word document: exported in the published layout, read back, and read as staff write it."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Pt
from docx.text.run import Run
from hypothesis import given

import dutyledger
import strategies
from conftest import ingest_bytes
from dutyledger import Edition, IngestError


def test_seed_round_trip(seed_edition: Edition) -> None:
    """The 2025-01 edition, exported and read back, is equal: cover, 说明, 目录, items, pages."""
    assert seed_edition == ingest_bytes(dutyledger.export_docx(seed_edition), seed_edition)


@given(strategies.editions())
def test_round_trip(edition: Edition) -> None:
    """Any edition, exported and read back, is equal."""
    assert edition == ingest_bytes(dutyledger.export_docx(edition), edition)


def test_published_layout(seed_edition: Edition) -> None:
    """Cover, 说明, 目录 with dot leaders, landscape tables with a repeated header row, a step a paragraph."""
    document = docx.Document(io.BytesIO(dutyledger.export_docx(seed_edition)))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:5] == [
        "新疆维吾尔自治区乌鲁木齐市",
        "乌鲁木齐县甘沟乡",
        "履职事项清单",
        "2025年1月",
        "说 明",
    ]
    assert "1. 基本履职事项清单\t1" in texts
    cover = document.paragraphs[4].runs[0]
    fonts = cover._element.xpath("./w:rPr/w:rFonts/@w:eastAsia")
    assert (["宋体"], Pt(22)) == (fonts, cover.font.size)
    first, lists = document.sections[0], document.sections[1:]
    sizes = (first.page_width, first.page_height, first.top_margin, first.left_margin)
    assert (210, 297, 37, 28) == tuple(-1 if v is None else round(v.mm) for v in sizes)
    assert all(s.orientation == WD_ORIENT.LANDSCAPE for s in lists)
    header = document.tables[0].rows[0]
    assert ["序号", "事项类别", "事项名称"] == [c.text for c in header.cells]
    assert header._tr.xpath("./w:trPr/w:tblHeader")
    cooperative = next(t for t in document.tables if len(t.columns) == 6)
    township = cooperative.rows[1].cells[5]
    assert ["1.对县级及以上党代表人选进行提名；", "2.做好代表推荐人选的考察、公示。"] == [
        p.text for p in township.paragraphs
    ]
    assert cooperative.rows[1].cells[2].text.startswith("★")
    # One table per published page: 72 pages of lists, 72 tables.
    assert 72 == len(document.tables)


def _document() -> Document:
    document = docx.Document()
    for line in (
        "乌鲁木齐县甘沟乡",
        "履职事项清单",
        "2025年1月",
        "说明",
        "一、基本情况",
        "甘沟乡是农业型乡镇。",
    ):
        document.add_paragraph(line)
    return document


def _save(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_staff_document_quirks(seed_edition: Edition) -> None:
    """Heading paragraphs, preamble paragraphs, merged category cells, header per page, ★ after, line breaks."""
    document = _document()
    document.add_paragraph("附件1：基本履职事项清单")
    table = document.add_table(rows=4, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("编号", "事项类别", "事项"),
            ("1", "党的建设", "加强党的组织体系建设★"),
            ("2", "", "组织开展理论宣传宣讲"),
            ("3", "经济发展", "负责统计人员队伍建设"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    table.cell(1, 1).merge(table.cell(2, 1))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    again = document.add_table(rows=2, cols=3)
    for cell, text in zip(again.rows[0].cells, ("序号", "事项类别", "事项名称"), strict=True):
        cell.text = text
    for cell, text in zip(again.rows[1].cells, ("4", "", "负责统计业务工作"), strict=True):
        cell.text = text
    again.cell(1, 2).add_paragraph("和人口普查")
    edition = ingest_bytes(_save(document), seed_edition)
    assert ("乌鲁木齐县甘沟乡", "履职事项清单", "2025年1月") == edition.preamble.title_lines
    assert ("甘沟乡是农业型乡镇。",) == edition.preamble.sections[0].paragraphs
    assert [
        (1, "党的建设", "加强党的组织体系建设", True),
        (2, "党的建设", "组织开展理论宣传宣讲", False),
        (3, "经济发展", "负责统计人员队伍建设", False),
        (4, "经济发展", "负责统计业务工作和人口普查", False),
    ] == [(i.number, i.category, i.name, i.starred) for i in edition.basic]


def test_problems_are_named_by_table_and_row(seed_edition: Edition) -> None:
    """A 序号 that is not a number and a header of the wrong list: both named, by table, row and column."""
    document = _document()
    document.add_paragraph("基本履职事项清单")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "事项类别", "事项名称"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("一", "党的建设", "甲"), strict=True):
        cell.text = text
    document.add_paragraph("上级部门收回事项清单")
    wrong = document.add_table(rows=1, cols=3)
    for cell, text in zip(wrong.rows[0].cells, ("序号", "事项类别", "事项名称"), strict=True):
        cell.text = text
    with pytest.raises(IngestError) as caught:
        ingest_bytes(_save(document), seed_edition)
    assert {"表1 第2行 第1列", "表2 第1行"} == {p.where for p in caught.value.problems}


def _rendered_break(run: Run, *, first: bool = True) -> None:
    """Put Word's mark of a page it started (w:lastRenderedPageBreak) in a run."""
    mark = OxmlElement("w:lastRenderedPageBreak")
    if first:
        run._r.insert(0, mark)
    else:
        run._r.append(mark)


def test_pages_of_a_document_word_saved(seed_edition: Edition) -> None:
    """Word's own page marks give the pages: a row started on a page, or cut by one, and the 目录's first page."""
    document = docx.Document()
    for line in ("乌鲁木齐县甘沟乡", "履职事项清单", "2025年1月", "目录", "1. 基本履职事项清单\t3"):
        document.add_paragraph(line)
    document.add_paragraph("基本履职事项清单")
    table = document.add_table(rows=5, cols=3)
    values = [
        ("序号", "事项类别", "事项名称"),
        ("1", "党的建设", "甲"),
        ("2", "党的建设", "乙"),
        ("3", "党的建设", "丙"),
        ("4", "党的建设", "丁"),
    ]
    for row, texts in zip(table.rows, values, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    # Item 2 runs over a page break (Word marks it after some of its text): item 3 on page 4.
    _rendered_break(table.cell(2, 2).paragraphs[0].add_run("续"), first=False)
    # Item 4 starts a page: page 5.
    _rendered_break(table.cell(4, 0).paragraphs[0].runs[0])
    edition = ingest_bytes(_save(document), seed_edition)
    assert [3, 3, 4, 5] == [i.page for i in edition.basic]
    assert "乙续" == edition.basic[1].name


def test_a_title_past_words_property_limit_still_makes_a_document(
    seed_edition: Edition, example_edition: Edition
) -> None:
    """A 300-character township and title still make the Word report and the export.

    Found by fuzzing: python-docx refuses a title property of more than 255 characters, and
    the Word report exited 70. The property is cut; the document's text keeps it whole.
    """
    import attrs

    def long_named(edition: Edition) -> Edition:
        where = attrs.evolve(edition.meta.jurisdiction, township="长" * 300)
        meta = attrs.evolve(edition.meta, title="长" * 300, jurisdiction=where)
        return attrs.evolve(edition, meta=meta)

    old, new = long_named(seed_edition), long_named(example_edition)
    report = dutyledger.render_report(dutyledger.diff(old, new), old, new, format="docx")
    exported = dutyledger.export_docx(old)
    for data in (report, exported):
        document = docx.Document(io.BytesIO(data))
        title = document.core_properties.title
        assert len(title) == 255
        assert title.endswith("长…")
    assert any("长" * 300 in p.text for p in docx.Document(io.BytesIO(report)).paragraphs)
