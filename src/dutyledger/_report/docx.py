"""Word: the 调整情况报告, laid out per GB/T 9704-2012 (党政机关公文格式).

A4 with margins of 37 mm (top), 35 mm (bottom), 28 mm (left) and 26 mm
(right). The title in 2号 方正小标宋简体, the body in 3号 仿宋_GB2312 at a fixed
28.9 pt line, 一、 headings in 黑体 and （一） headings in 楷体_GB2312 — as the real
styles 标题 1 and 标题 2, so Word's navigation pane lists them. Every font is
set in the East Asian slot (``w:eastAsia``) of its style or run, and the font
table names a fallback that Windows ships for each (宋体, 仿宋, 楷体, 黑体).
Page numbers "— 1 —" in 4号 宋体 in the footer (a PAGE field), odd pages on
the right and even pages on the left.

Sections: 一、总体情况 (totals per list before and after, 事项 per 调整类型),
二、调整事项 (by 调整类型), 三、需关注的问题 (明减暗增), the annex note, the
issuing office and date (placeholders the office edits), then 附件 调整对照表
in a landscape section with its header row repeated on every page and column
widths fitted to the content, and the appendix of edition-level changes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from dutyledger._changes.changeset import CLERICAL_KINDS
from dutyledger._edition.stable_zip import document_time, stable_zip
from dutyledger._extras import require
from dutyledger._report.model import Cell, Report, ReportRow

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

__all__ = ["FALLBACKS", "RENDERER", "DocxRenderer"]

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"

FALLBACKS = {
    TITLE_FONT: "宋体",
    BODY_FONT: "仿宋",
    SUBHEADING_FONT: "楷体",
    HEADING_FONT: "SimHei",
    NUMBER_FONT: "SimSun",
}
"""The font Word or WPS uses where the first is missing (``w:altName`` in the font table)."""

# Sizes in points: 2号, 3号, 4号, 小四, 5号.
_SIZE_2, _SIZE_3, _SIZE_4, _SIZE_SMALL_4, _SIZE_5 = 22, 16, 14, 12, 10.5
_LINE = 28.9  # the body's fixed line spacing: 22 lines on the 225 mm type area

_ANNEX_COLUMNS = (
    ("number", 8, 11),
    ("list", 14, 16),
    ("category", 14, 16),
    ("name", 30, 60),
    ("kind", 14, 16),
    ("old", 38, 80),
    ("new", 38, 80),
    ("departments", 18, 22),
    ("reason", 10, 40),
    ("basis", 10, 36),
    ("remark", 10, 14),
)
"""The 调整对照表 columns with their least and most widths in mm (225 mm in all).

The note columns (调整理由, 调整依据, 备注) keep their least width while empty and grow with notes.
"""


def _fonts(element: Any, font: str) -> None:
    """Set every font slot of a run or style to ``font``; drop theme fonts, which would win."""
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


def _run(
    paragraph: Paragraph, text: str, font: str | None = None, size: float | None = None
) -> Any:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    if font is not None:
        run.font.name = font
        _fonts(run._element, font)
    if size is not None:
        run.font.size = Pt(size)
    return run


def _marked(paragraph: Paragraph, cell: Cell, font: str, size: float) -> None:
    """A cell's text in runs: deleted characters struck (red), inserted ones underlined (green)."""
    from docx.enum.text import WD_BREAK
    from docx.shared import RGBColor

    for index, line in enumerate(cell.lines()):
        if index:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        for segment in line.segments or (None,):
            text = line.text if segment is None else segment.text
            run = _run(paragraph, text, font, size)
            if segment is not None and segment.op == "delete":
                run.font.strike = True
                run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            elif segment is not None and segment.op == "insert":
                run.font.underline = True
                run.font.bold = True
                run.font.color.rgb = RGBColor(0x00, 0x70, 0x30)


def _style(document: Any, name: str, font: str, size: float, *, base: str | None = None) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    styles = document.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if base is not None:
        style.base_style = styles[base]
    style.font.name = font
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element, font)
    return style


def _setup_styles(document: Any) -> None:
    """Normal (3号 仿宋), 标题 1 (黑体), 标题 2 (楷体), the title and the table text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    normal = _style(document, "Normal", BODY_FONT, _SIZE_3)
    body = normal.paragraph_format
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = Pt(_LINE)
    body.space_before = body.space_after = Pt(0)
    body.first_line_indent = Pt(2 * _SIZE_3)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.widow_control = False
    for name, font in (("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
        style = _style(document, name, font, _SIZE_3)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(_LINE)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(2 * _SIZE_3)
        fmt.keep_with_next = True
    title = _style(document, "报告标题", TITLE_FONT, _SIZE_2, base="Normal")
    fmt = title.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = Pt(35)
    fmt.space_after = Pt(_LINE)
    table_text = _style(document, "表格文字", BODY_FONT, _SIZE_5, base="Normal")
    fmt = table_text.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    footer = _style(document, "Footer", NUMBER_FONT, _SIZE_4)
    footer.paragraph_format.first_line_indent = Pt(0)


def _font_fallbacks(document: Any) -> None:
    """Name each font in the font table, with the font to use where it is missing."""
    from lxml import etree  # type: ignore[import-untyped]

    part = next(
        p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"
    )
    root = etree.fromstring(part.blob)
    ns = root.nsmap["w"]
    w = f"{{{ns}}}"
    for name, fallback in FALLBACKS.items():
        for old in root.findall(f"{w}font"):
            if old.get(f"{w}name") == name:
                root.remove(old)
        font = etree.SubElement(root, f"{w}font")
        font.set(f"{w}name", name)
        etree.SubElement(font, f"{w}altName").set(f"{w}val", fallback)
        etree.SubElement(font, f"{w}charset").set(f"{w}val", "86")  # GB2312
        etree.SubElement(font, f"{w}family").set(f"{w}val", "modern" if "宋" in name else "auto")
        etree.SubElement(font, f"{w}pitch").set(f"{w}val", "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(section: Any, *, landscape: bool) -> None:
    """A4, the type area of GB/T 9704 (turned for a landscape annex)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        # Turned a quarter: the top margin becomes the left, the binding edge the bottom.
        section.left_margin, section.right_margin = Mm(37), Mm(35)
        section.top_margin, section.bottom_margin = Mm(26), Mm(28)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28 - 7)  # page number 7 mm below the type area


def _page_number(paragraph: Paragraph) -> None:
    """``— PAGE —`` in 4号 宋体, the number a PAGE field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _run(paragraph, "— ", NUMBER_FONT, _SIZE_4)
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = _run(paragraph, "", NUMBER_FONT, _SIZE_4)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._element.append(instruction)
        else:
            run.text = text or ""
    _run(paragraph, " —", NUMBER_FONT, _SIZE_4)


def _footers(document: Any, section: Any) -> None:
    """Odd pages: the number on the right, one character in; even pages: on the left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = alignment
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(_SIZE_4)
        else:
            fmt.left_indent = Pt(_SIZE_4)
        _page_number(paragraph)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cell_paragraph(cell: Any, document: Any) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = document.styles["表格文字"]
    return paragraph


def _table(document: Any, header: list[str], widths_mm: Sequence[float]) -> Any:
    """A bordered table with a bold header row that repeats on every page, columns fixed."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for cell, text, width in zip(table.rows[0].cells, header, widths_mm, strict=True):
        cell.width = Mm(width)
        paragraph = _cell_paragraph(cell, document)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, HEADING_FONT, _SIZE_5)
    _repeat_header(table.rows[0])
    return table


def _add_row(
    table: Any, document: Any, values: list[Cell | str], widths_mm: Sequence[float]
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    cells = table.add_row().cells
    for cell, value, width in zip(cells, values, widths_mm, strict=True):
        cell.width = Mm(width)
        paragraph = _cell_paragraph(cell, document)
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _marked(
            paragraph, value if isinstance(value, Cell) else Cell.plain(value), BODY_FONT, _SIZE_5
        )


def _fit_widths(report: Report, total: float) -> list[float]:
    """Column widths of the 调整对照表 fitted to the content.

    Each column is as wide as its longest line (5号: about 3.7 mm a character),
    within its bounds; the room left goes to 事项名称, 调整前 and 调整后 (and
    调整理由, 调整依据 when notes fill them) in proportion to their content.
    """
    from dutyledger._report.terminal import display_width

    labels = report.labels
    wanted = []
    for key, least, most in _ANNEX_COLUMNS:
        texts = [labels[key]]
        for row in report.rows:
            if key == "number":
                texts.append(str(row.number))
            elif key in ("old", "new"):
                texts.extend(line.text for line in getattr(row, key).lines())
            elif key == "departments":
                texts.extend(row.departments)
            else:
                texts.append(str(getattr(row, "lists" if key == "list" else key)))
        longest = max(display_width(t) for t in texts)
        if key in ("reason", "basis", "remark") and not any(texts[1:]):
            longest = 0  # no notes: the column stays narrow, for staff to write in
        wanted.append(min(max(longest * 1.85 + 2.5, least), most))
    grow = ("name", "old", "new", "reason", "basis")  # the note columns only when they hold notes
    flexible = [
        i
        for i, (key, least, _) in enumerate(_ANNEX_COLUMNS)
        if key in grow and (key in ("name", "old", "new") or wanted[i] > least)
    ]
    fixed = sum(w for i, w in enumerate(wanted) if i not in flexible)
    room = total - fixed
    share = sum(wanted[i] for i in flexible)
    widths = [w if i not in flexible else w * room / share for i, w in enumerate(wanted)]
    # A filled note column narrower than a few characters breaks every citation over many
    # lines: give it its floor, taken from 事项名称, 调整前 and 调整后 in proportion.
    keys = [key for key, _, _ in _ANNEX_COLUMNS]
    deficit = 0.0
    for i in flexible:
        floor = _NOTE_FLOOR.get(keys[i], 0.0)
        if widths[i] < floor:
            deficit += floor - widths[i]
            widths[i] = floor
    donors = [i for i in flexible if keys[i] in ("name", "old", "new")]
    pool = sum(widths[i] for i in donors)
    if deficit and pool:
        for i in donors:
            widths[i] -= deficit * widths[i] / pool
    return [round(w, 1) for w in widths]


_NOTE_FLOOR = {"reason": 24.0, "basis": 26.0}
"""The least width (mm) of a note column that holds notes: a citation such as
《中华人民共和国土地管理法》第十条 then wraps over two or three lines, not ten."""


def _caption(document: Any, text: str) -> None:
    """A table's title: centred, 黑体 in 小四, with a little room above."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph(style="表格文字")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, HEADING_FONT, _SIZE_SMALL_4)


def _sentence(row: ReportRow, labels: dict[str, str], *, zh: bool) -> str:
    """One 事项 in a sentence: 序号, name, lists, and what changed."""
    text = (
        f"{row.number}．{row.name}（{row.lists}）"
        if zh
        else f"{row.number}. {row.name} ({row.lists})"
    )
    if row.elements and row.kind == "变更":
        return text + (
            f"：调整{'、'.join(row.elements)}。" if zh else f": {', '.join(row.elements)} changed."
        )
    if row.kind == "分设":
        parts = labels["separator"].join(line.text for line in row.new.lines())
        return text + (f"：分设为{parts}。" if zh else f": split into {parts}.")
    if row.kind == "合并":
        parts = labels["separator"].join(line.text for line in row.old.lines())
        return text + (f"：由{parts}合并。" if zh else f": merged from {parts}.")
    return text + ("。" if zh else ".")


def _body(document: Any, report: Report) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    labels = report.labels
    zh = report.lang == "zh"
    document.add_paragraph(report.title, style="报告标题")
    subtitle = document.add_paragraph(style="报告标题")
    subtitle.paragraph_format.space_after = Pt(_LINE)
    _run(
        subtitle,
        f"（{report.old_date}—{report.new_date}）"
        if zh
        else labels["subtitle"].format(old=report.old_date, new=report.new_date),
        SUBHEADING_FONT,
        _SIZE_3,
    )
    for notice in report.notices:
        _run(document.add_paragraph(), notice).bold = True
    document.add_paragraph(labels["overview"], style="Heading 1")
    document.add_paragraph(report.headline)
    _caption(document, labels["totals"])
    table = _table(
        document,
        [labels["list_name"], labels["before_total"], labels["after_total"], labels["net"]],
        [60, 30, 30, 30],
    )
    for total in report.totals:
        _add_row(
            table,
            document,
            [total.label, str(total.before), str(total.after), f"{total.net:+d}"],
            [60, 30, 30, 30],
        )
    if report.summary:
        widths = [47, 27, 27, 27, 27]
        _caption(document, labels["summary"])
        table = _table(
            document,
            [labels[k] for k in ("kind", "basic", "cooperative", "recalled", "total")],
            widths,
        )
        for line in report.summary:
            _add_row(
                table,
                document,
                [
                    line.label,
                    str(line.basic),
                    str(line.cooperative),
                    str(line.recalled),
                    str(line.total),
                ],
                widths,
            )
    document.add_paragraph(labels["adjusted"], style="Heading 1")
    for index, (summary, rows) in enumerate(report.by_kind(), 1):
        heading = (
            f"（{_CHINESE[index - 1]}）{summary.label}（{summary.total}项）"
            if zh
            else f"({index}) {summary.label} ({report.plural(summary.total, 'item_unit')})"
        )
        document.add_paragraph(heading, style="Heading 2")
        for row in rows:
            document.add_paragraph(_sentence(row, labels, zh=zh))
            for key in ("reason", "basis", "remark"):  # the 事项's explanation, from notes
                if getattr(row, key):
                    colon = "：" if zh else ": "
                    document.add_paragraph(f"{labels[key]}{colon}{getattr(row, key)}")
    document.add_paragraph(labels["attention"], style="Heading 1")
    for indicator in report.indicators:
        document.add_paragraph(indicator.value)
    if not report.indicators:
        document.add_paragraph(labels["attention_none"])
    document.add_paragraph()
    annex_title = labels["table_title"].format(township=report.township)
    document.add_paragraph(labels["annex_note"].format(title=annex_title))
    for text in ("", ""):
        document.add_paragraph(text)
    for text in (report.issuer, report.issued):
        signature = document.add_paragraph(text)
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        signature.paragraph_format.right_indent = Pt(4 * _SIZE_3)
    note = document.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note.paragraph_format.right_indent = Pt(4 * _SIZE_3)
    _run(note, labels["placeholder_note"], BODY_FONT, _SIZE_5)


_CHINESE = "一二三四五六七八九十"


def _annex(document: Any, report: Report) -> None:
    from docx.enum.section import WD_SECTION
    from docx.shared import Pt

    labels = report.labels
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    annex = document.add_paragraph()
    annex.paragraph_format.first_line_indent = Pt(0)
    _run(annex, labels["annex"], HEADING_FONT, _SIZE_3)
    document.add_paragraph()
    document.add_paragraph(labels["table_title"].format(township=report.township), style="报告标题")
    widths = _fit_widths(report, 225)
    table = _table(document, [labels[k] for k, _, _ in _ANNEX_COLUMNS], widths)
    for row in report.rows:
        _add_row(
            table,
            document,
            [
                str(row.number),
                row.lists,
                row.category,
                "\n".join((row.name,)),
                row.kind_label,
                row.old,
                row.new,
                "\n".join(row.departments),
                row.reason,
                row.basis,
                row.remark,
            ],
            widths,
        )
    if report.appendix:
        heading = document.add_paragraph(labels["appendix"], style="Heading 2")
        heading.paragraph_format.space_before = Pt(_LINE)
        widths = [30.0, 45.0, 75.0, 75.0]
        table = _table(
            document, [labels["topic"], labels["field"], labels["old"], labels["new"]], widths
        )
        for entry in report.appendix:
            _add_row(table, document, [entry.topic, entry.label, entry.old, entry.new], widths)
    form_only = [r for r in report.records if r.kind in CLERICAL_KINDS]
    if form_only:
        heading = document.add_paragraph(labels["form_only"], style="Heading 2")
        heading.paragraph_format.space_before = Pt(_LINE)
        widths = [35.0, 40.0, 70.0, 40.0, 40.0]
        table = _table(
            document,
            [labels["kind"], labels["list"], labels["name"], labels["old"], labels["new"]],
            widths,
        )
        for record in form_only:
            _add_row(
                table,
                document,
                [
                    record.kind_label,
                    f"{record.lists} {record.numbers}",
                    record.name,
                    record.old,
                    record.new,
                ],
                widths,
            )


@attrs.frozen
class DocxRenderer:
    """A Word document (.docx): the 调整情况报告 with the 调整对照表 annexed."""

    name: str = "docx"
    suffix: str = ".docx"
    binary: bool = True

    def render(self, report: Report) -> bytes:
        """Return the document's bytes.

        Raises:
            MissingExtraError: python-docx is not installed (the ``office`` extra).
        """
        require("docx", extra="office", feature="the Word report")
        from docx import Document

        document = Document()
        _setup_styles(document)
        _font_fallbacks(document)
        section = document.sections[0]
        _page(section, landscape=False)
        _footers(document, section)
        _body(document, report)
        _annex(document, report)
        core = document.core_properties
        core.title = report.title
        core.subject = f"{report.township} {report.old_date} - {report.new_date}"
        core.language = "zh-CN" if report.lang == "zh" else "en"
        buffer = io.BytesIO()
        document.save(buffer)
        # Byte-identical across runs: times from the edition (or SOURCE_DATE_EPOCH).
        return stable_zip(buffer.getvalue(), document_time(report.stamp_date))


RENDERER = DocxRenderer()
