"""Word documents per GB/T 9704-2012 (党政机关公文格式): fonts, styles, the page, tables.

The layout facts (``../shared/reference/gbt9704.md``): A4 with margins of 37 mm (top), 35 mm
(bottom), 28 mm (left) and 26 mm (right); the title in 2号 方正小标宋简体, the body in 3号
仿宋_GB2312 at a fixed 28.9 pt line, 一、 headings in 黑体 and （一） headings in 楷体_GB2312 as
the real styles 标题 1 and 标题 2; page numbers "— 1 —" in 4号 宋体, odd pages on the right and
even pages on the left. Every font is set in the East Asian slot (``w:eastAsia``), and the font
table names a fallback that Windows ships for each. The report (:mod:`docx`) is built of these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dutyledger._report.model import Cell

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

__all__ = [
    "BODY_FONT",
    "FALLBACKS",
    "HEADING_FONT",
    "LINE",
    "NUMBER_FONT",
    "SIZE_2",
    "SIZE_3",
    "SIZE_4",
    "SIZE_5",
    "SIZE_SMALL_4",
    "SUBHEADING_FONT",
    "TITLE_FONT",
    "add_footers",
    "add_marked",
    "add_row",
    "add_run",
    "add_table",
    "cell_paragraph",
    "font_fallbacks",
    "make_style",
    "page_number",
    "repeat_header",
    "set_fonts",
    "set_page",
    "setup_styles",
]

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
SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4, SIZE_5 = 22, 16, 14, 12, 10.5
LINE = 28.9  # the body's fixed line spacing: 22 lines on the 225 mm type area


def set_fonts(element: Any, font: str) -> None:
    """Set every font slot of a run or style to ``font``; drop theme fonts, which would win."""
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


def add_run(
    paragraph: Paragraph, text: str, font: str | None = None, size: float | None = None
) -> Any:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    if font is not None:
        run.font.name = font
        set_fonts(run._element, font)
    if size is not None:
        run.font.size = Pt(size)
    return run


def add_marked(paragraph: Paragraph, cell: Cell, font: str, size: float) -> None:
    """A cell's text in runs: deleted characters struck (red), inserted ones underlined (green)."""
    from docx.enum.text import WD_BREAK
    from docx.shared import RGBColor

    for index, line in enumerate(cell.lines()):
        if index:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        for segment in line.segments or (None,):
            text = line.text if segment is None else segment.text
            run = add_run(paragraph, text, font, size)
            if segment is not None and segment.op == "delete":
                run.font.strike = True
                run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            elif segment is not None and segment.op == "insert":
                run.font.underline = True
                run.font.bold = True
                run.font.color.rgb = RGBColor(0x00, 0x70, 0x30)


def make_style(document: Any, name: str, font: str, size: float, *, base: str | None = None) -> Any:
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
    set_fonts(style.element, font)
    return style


def setup_styles(document: Any) -> None:
    """Normal (3号 仿宋), 标题 1 (黑体), 标题 2 (楷体), the title and the table text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    normal = make_style(document, "Normal", BODY_FONT, SIZE_3)
    body = normal.paragraph_format
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = Pt(LINE)
    body.space_before = body.space_after = Pt(0)
    body.first_line_indent = Pt(2 * SIZE_3)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.widow_control = False
    for name, font in (("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
        style = make_style(document, name, font, SIZE_3)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(2 * SIZE_3)
        fmt.keep_with_next = True
    title = make_style(document, "报告标题", TITLE_FONT, SIZE_2, base="Normal")
    fmt = title.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = Pt(35)
    fmt.space_after = Pt(LINE)
    table_text = make_style(document, "表格文字", BODY_FONT, SIZE_5, base="Normal")
    fmt = table_text.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    footer = make_style(document, "Footer", NUMBER_FONT, SIZE_4)
    footer.paragraph_format.first_line_indent = Pt(0)


def font_fallbacks(document: Any) -> None:
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


def set_page(section: Any, *, landscape: bool) -> None:
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


def page_number(paragraph: Paragraph) -> None:
    """``— PAGE —`` in 4号 宋体, the number a PAGE field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    add_run(paragraph, "— ", NUMBER_FONT, SIZE_4)
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = add_run(paragraph, "", NUMBER_FONT, SIZE_4)
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
    add_run(paragraph, " —", NUMBER_FONT, SIZE_4)


def add_footers(document: Any, section: Any) -> None:
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
            fmt.right_indent = Pt(SIZE_4)
        else:
            fmt.left_indent = Pt(SIZE_4)
        page_number(paragraph)


def repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def cell_paragraph(cell: Any, document: Any) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = document.styles["表格文字"]
    return paragraph


def add_table(document: Any, header: list[str], widths_mm: Sequence[float]) -> Any:
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
        paragraph = cell_paragraph(cell, document)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(paragraph, text, HEADING_FONT, SIZE_5)
    repeat_header(table.rows[0])
    return table


def add_row(
    table: Any, document: Any, values: list[Cell | str], widths_mm: Sequence[float]
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    cells = table.add_row().cells
    for cell, value, width in zip(cells, values, widths_mm, strict=True):
        cell.width = Mm(width)
        paragraph = cell_paragraph(cell, document)
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_marked(
            paragraph, value if isinstance(value, Cell) else Cell.plain(value), BODY_FONT, SIZE_5
        )
