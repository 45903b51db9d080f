"""Word: a formal report that opens in Word and WPS.

A title with the township and both edition dates, a summary paragraph, the
summary table, the indicators, and a table per change kind. Chinese text is set
in 宋体 (SimSun) through the East Asian font slot, which Word and WPS both honour.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import attrs

from dutyledger._edition.stable_zip import document_time, stable_zip
from dutyledger._report.model import Cell, Report

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

__all__ = ["RENDERER", "DocxRenderer"]

_FONT = "宋体"
_HEADING_FONT = "黑体"


def _east_asian(run: Any, font: str = _FONT) -> None:
    from docx.oxml.ns import qn

    run.font.name = font
    properties = run._element.get_or_add_rPr()
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _runs(paragraph: Paragraph, cell: Cell) -> None:
    from docx.shared import RGBColor

    if not cell.segments:
        _east_asian(paragraph.add_run(cell.text))
        return
    for segment in cell.segments:
        run = paragraph.add_run(segment.text)
        _east_asian(run)
        if segment.op == "delete":
            run.font.strike = True
            run.font.color.rgb = RGBColor(0xCF, 0x22, 0x2E)
        elif segment.op == "insert":
            run.font.bold = True
            run.font.underline = True
            run.font.color.rgb = RGBColor(0x1A, 0x7F, 0x37)


def _heading(document: Any, text: str) -> None:
    from docx.shared import Pt

    run = document.add_paragraph().add_run(text)
    run.font.bold = True
    run.font.size = Pt(14)
    _east_asian(run, _HEADING_FONT)


def _table(document: Any, header: list[str]) -> Any:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.font.bold = True
        _east_asian(run)
    return table


def _front(document: Any, report: Report) -> None:
    """Title, subtitle, notices, summary paragraph and table, indicators."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    labels = report.labels
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title)
    run.font.size = Pt(18)
    run.font.bold = True
    _east_asian(run, _HEADING_FONT)
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(subtitle.add_run(f"{report.township}  {report.old_date} → {report.new_date}"))
    for notice in report.notices:
        run = document.add_paragraph().add_run(notice)
        run.font.bold = True
        _east_asian(run)
    _heading(document, labels["summary"])
    _east_asian(document.add_paragraph().add_run(report.headline))
    keys = ("kind", "basic", "cooperative", "recalled", "total")
    table = _table(document, [labels[k] for k in keys])
    for line in report.summary:
        values = (line.label, line.basic, line.cooperative, line.recalled, line.total)
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _east_asian(cell.paragraphs[0].add_run(str(value)))
    if report.indicators:
        _heading(document, labels["indicators"])
        for indicator in report.indicators:
            paragraph = document.add_paragraph(style="List Bullet")
            run = paragraph.add_run(f"{indicator.label}：{indicator.value}")
            run.font.bold = indicator.warning
            _east_asian(run)


_COLUMNS = ("number", "category", "old", "new", "kind", "departments", "note")


def _sections(document: Any, report: Report) -> None:
    """A heading, a description and a table per change kind."""
    for part in report.sections:
        _heading(document, f"{part.label}（{len(part.rows)}）")
        _east_asian(document.add_paragraph().add_run(part.description))
        table = _table(document, [report.labels[k] for k in _COLUMNS])
        for line in part.rows:
            plain = {
                "number": line.numbers,
                "category": line.category,
                "kind": line.kind_label,
                "departments": "、".join(line.departments),
                "note": line.note,
            }
            for cell, key in zip(table.add_row().cells, _COLUMNS, strict=True):
                paragraph = cell.paragraphs[0]
                if key == "old":
                    _runs(paragraph, line.old)
                elif key == "new":
                    _runs(paragraph, line.new)
                else:
                    _east_asian(paragraph.add_run(plain[key]))


@attrs.frozen
class DocxRenderer:
    """A Word document (.docx)."""

    name: str = "docx"
    suffix: str = ".docx"
    binary: bool = True

    def render(self, report: Report) -> bytes:
        """Return the document's bytes."""
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.oxml.ns import qn
        from docx.shared import Pt

        document = Document()
        normal: Any = document.styles["Normal"]
        normal.font.name = _FONT
        normal.font.size = Pt(10.5)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _FONT)
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        _front(document, report)
        _sections(document, report)
        core = document.core_properties
        core.title = report.title
        core.subject = f"{report.township} {report.old_date} → {report.new_date}"
        buffer = io.BytesIO()
        document.save(buffer)
        # Byte-identical across runs: times from the edition (or SOURCE_DATE_EPOCH).
        return stable_zip(buffer.getvalue(), document_time(report.new_date))


RENDERER = DocxRenderer()
