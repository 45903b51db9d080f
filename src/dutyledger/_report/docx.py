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
from typing import TYPE_CHECKING, Any

import attrs

from dutyledger._changes.changeset import CLERICAL_KINDS
from dutyledger._edition.stable_zip import document_time, property_text, stable_zip
from dutyledger._extras import require
from dutyledger._report.gbt9704 import (
    BODY_FONT,
    HEADING_FONT,
    LINE,
    SIZE_3,
    SIZE_5,
    SIZE_SMALL_4,
    SUBHEADING_FONT,
    add_footers,
    add_row,
    add_run,
    add_table,
    font_fallbacks,
    set_page,
    setup_styles,
)
from dutyledger._report.model import Report, ReportRow

if TYPE_CHECKING:
    pass

__all__ = ["RENDERER", "DocxRenderer"]

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
    add_run(paragraph, text, HEADING_FONT, SIZE_SMALL_4)


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
    subtitle.paragraph_format.space_after = Pt(LINE)
    add_run(
        subtitle,
        f"（{report.old_date}—{report.new_date}）"
        if zh
        else labels["subtitle"].format(old=report.old_date, new=report.new_date),
        SUBHEADING_FONT,
        SIZE_3,
    )
    for notice in report.notices:
        add_run(document.add_paragraph(), notice).bold = True
    document.add_paragraph(labels["overview"], style="Heading 1")
    document.add_paragraph(report.headline)
    _caption(document, labels["totals"])
    table = add_table(
        document,
        [labels["list_name"], labels["before_total"], labels["after_total"], labels["net"]],
        [60, 30, 30, 30],
    )
    for total in report.totals:
        add_row(
            table,
            document,
            [total.label, str(total.before), str(total.after), f"{total.net:+d}"],
            [60, 30, 30, 30],
        )
    if report.summary:
        widths = [47, 27, 27, 27, 27]
        _caption(document, labels["summary"])
        table = add_table(
            document,
            [labels[k] for k in ("kind", "basic", "cooperative", "recalled", "total")],
            widths,
        )
        for line in report.summary:
            add_row(
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
        signature.paragraph_format.right_indent = Pt(4 * SIZE_3)
    note = document.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note.paragraph_format.right_indent = Pt(4 * SIZE_3)
    add_run(note, labels["placeholder_note"], BODY_FONT, SIZE_5)


_CHINESE = "一二三四五六七八九十"


def _annex(document: Any, report: Report) -> None:
    from docx.enum.section import WD_SECTION
    from docx.shared import Pt

    labels = report.labels
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    annex = document.add_paragraph()
    annex.paragraph_format.first_line_indent = Pt(0)
    add_run(annex, labels["annex"], HEADING_FONT, SIZE_3)
    document.add_paragraph()
    document.add_paragraph(labels["table_title"].format(township=report.township), style="报告标题")
    widths = _fit_widths(report, 225)
    table = add_table(document, [labels[k] for k, _, _ in _ANNEX_COLUMNS], widths)
    for row in report.rows:
        add_row(
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
        heading.paragraph_format.space_before = Pt(LINE)
        widths = [30.0, 45.0, 75.0, 75.0]
        table = add_table(
            document, [labels["topic"], labels["field"], labels["old"], labels["new"]], widths
        )
        for entry in report.appendix:
            add_row(table, document, [entry.topic, entry.label, entry.old, entry.new], widths)
    form_only = [r for r in report.records if r.kind in CLERICAL_KINDS]
    if form_only:
        heading = document.add_paragraph(labels["form_only"], style="Heading 2")
        heading.paragraph_format.space_before = Pt(LINE)
        widths = [35.0, 40.0, 70.0, 40.0, 40.0]
        table = add_table(
            document,
            [labels["kind"], labels["list"], labels["name"], labels["old"], labels["new"]],
            widths,
        )
        for record in form_only:
            add_row(
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
        setup_styles(document)
        font_fallbacks(document)
        section = document.sections[0]
        set_page(section, landscape=False)
        add_footers(document, section)
        _body(document, report)
        _annex(document, report)
        core = document.core_properties
        core.title = property_text(report.title)
        core.subject = property_text(f"{report.township} {report.old_date} - {report.new_date}")
        core.language = "zh-CN" if report.lang == "zh" else "en"
        buffer = io.BytesIO()
        document.save(buffer)
        # Byte-identical across runs: times from the edition (or SOURCE_DATE_EPOCH).
        return stable_zip(buffer.getvalue(), document_time(report.stamp_date))


RENDERER = DocxRenderer()
