"""The timeline and an item's history, as text, Markdown, HTML (inline SVG) and Excel.

The HTML page is self-contained and works offline (inline CSS and SVG, nothing
fetched); every text is escaped. Excel needs the ``office`` extra (openpyxl),
imported only when asked for.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from typing import Any

from dutyledger._changes.base import Direction
from dutyledger._edition.records import EditionStatus, ListKind
from dutyledger._edition.stable_zip import document_time, stable_zip
from dutyledger._ledger.link import direction_counts
from dutyledger._ledger.records import BlameLine, ItemEvent, TimelineEntry

__all__ = [
    "COLUMNS",
    "render_blame",
    "render_history",
    "render_timeline",
    "timeline_rows",
]

_STATUS = {
    EditionStatus.OFFICIAL: "正式",
    EditionStatus.DRAFT: "草案",
    EditionStatus.ILLUSTRATIVE: "示例",
}
_SHORT = {ListKind.BASIC: "基本", ListKind.COOPERATIVE: "配合", ListKind.RECALLED: "收回"}
_COLOURS = {
    ListKind.BASIC: "#0969da",
    ListKind.COOPERATIVE: "#bf8700",
    ListKind.RECALLED: "#8250df",
}

COLUMNS = (
    "版本",
    "日期",
    "状态",
    "基本",
    "配合",
    "收回",
    "合计",
    "增加",
    "取消",
    "上收",
    "下放",
    "基本转配合",
    "配合转基本",
    "分设合并",
    "明减暗增",
)
"""The timeline table's columns."""


def _moves(entry: TimelineEntry) -> dict[Direction, int]:
    return direction_counts(entry.flows)


def _flow(entry: TimelineEntry, kind: str) -> int:
    return sum(f.count for f in entry.flows if f.kind == kind)


def timeline_rows(timeline: Sequence[TimelineEntry]) -> list[list[str | int]]:
    """The timeline table: per edition, the counts, the flows since the previous, 明减暗增."""
    rows: list[list[str | int]] = []
    for k, entry in enumerate(timeline):
        moves = _moves(entry)
        warnings = len(entry.indicators.warnings) if entry.indicators is not None else 0
        lists = [entry.count(kind) for kind in ListKind]
        flows: list[str | int] = (
            [
                _flow(entry, "added"),
                _flow(entry, "removed"),
                moves[Direction.RECALL],
                moves[Direction.DEVOLVE],
                moves[Direction.TO_COOPERATIVE],
                moves[Direction.TO_BASIC],
                sum(f.count for f in entry.flows if f.kind == "regrouped" and f.source is not None),
                f"⚠ {warnings}" if warnings else "",
            ]
            if k
            else [*(["—"] * 7), ""]
        )
        rows.append([entry.edition, entry.date, _STATUS[entry.status], *lists, sum(lists), *flows])
    return rows


def _warnings(timeline: Sequence[TimelineEntry]) -> list[str]:
    out = []
    for entry in timeline:
        if entry.indicators is not None:
            out += [f"{entry.edition}：{w.message}" for w in entry.indicators.warnings]
    return out


def _notices(timeline: Sequence[TimelineEntry]) -> list[str]:
    shown = [e.edition for e in timeline if e.status is not EditionStatus.OFFICIAL]
    if not shown:
        return []
    return [f"注意：{'、'.join(shown)} 不是正式版本（草案或示例），其内容并非官方文本。"]


def _text_table(rows: list[list[str | int]]) -> str:
    from dutyledger._edition.show import text_table

    return "\n".join(text_table("", COLUMNS, [tuple(str(c) for c in row) for row in rows])[1:])


def _bars_text(timeline: Sequence[TimelineEntry]) -> str:
    most = max(sum(e.count(k) for k in ListKind) for e in timeline) or 1
    lines = ["", "事项数（█ 基本  ▓ 配合  ░ 收回）"]
    width = max(len(e.edition) for e in timeline)
    for entry in timeline:
        bar = "".join(
            mark * round(40 * entry.count(kind) / most)
            for kind, mark in zip(ListKind, "█▓░", strict=True)
        )
        lines.append(f"{entry.edition:<{width}}  {bar} {sum(entry.count(k) for k in ListKind)}")
    return "\n".join(lines) + "\n"


def _markdown(timeline: Sequence[TimelineEntry], rows: list[list[str | int]], title: str) -> str:
    out = [f"# {title}", ""]
    out += [f"> {n}" for n in _notices(timeline)]
    out += ["", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        cells = [str(c).replace("|", "\\|") for c in row]
        out.append("| " + " | ".join(cells) + " |")
    warnings = _warnings(timeline)
    if warnings:
        out += ["", "## 明减暗增", ""] + [f"- {w}" for w in warnings]
    return "\n".join(out) + "\n"


def _svg(timeline: Sequence[TimelineEntry]) -> str:
    """Stacked bars (基本/配合/收回) per edition, and the moves per year beneath."""
    count = len(timeline)
    bar_w, gap, top, height, flow_h = 56, 64, 24, 260, 120
    width = 70 + count * (bar_w + gap)
    most = max(sum(e.count(k) for k in ListKind) for e in timeline) or 1
    total_h = top + height + 60 + flow_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_h}" width="{width}" '
        f'height="{total_h}" role="img" aria-label="事项数与清单间流动">'
    ]
    for k, entry in enumerate(timeline):
        x = 60 + k * (bar_w + gap)
        y: float = top + height
        for kind in ListKind:
            h = height * entry.count(kind) / most
            y -= h
            title = escape(f"{entry.edition} {_SHORT[kind]} {entry.count(kind)}")
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" fill="{_COLOURS[kind]}">'
                f"<title>{title}</title></rect>"
            )
            if h > 14:
                parts.append(
                    f'<text x="{x + bar_w / 2}" y="{y + h / 2 + 4:.1f}" text-anchor="middle" '
                    f'font-size="11" fill="#fff">{entry.count(kind)}</text>'
                )
        official = entry.status is EditionStatus.OFFICIAL
        label = entry.date if official else f"{entry.date}（{_STATUS[entry.status]}）"
        parts.append(
            f'<text x="{x + bar_w / 2}" y="{top + height + 16}" text-anchor="middle" font-size="12">'
            f"<title>{escape(entry.edition)}</title>{escape(label)}</text>"
        )
        if k:
            moves = _moves(entry)
            lines = [f"{d.term} {n}" for d, n in moves.items() if n]
            lines += [f"增加 {_flow(entry, 'added')}"] if _flow(entry, "added") else []
            lines += [f"取消 {_flow(entry, 'removed')}"] if _flow(entry, "removed") else []
            for i, line in enumerate(lines[:7]):
                parts.append(
                    f'<text x="{x + bar_w / 2}" y="{top + height + 40 + i * 15}" '
                    f'text-anchor="middle" font-size="11" fill="#57606a">{escape(line)}</text>'
                )
    for i, kind in enumerate(ListKind):
        parts.append(
            f'<rect x="{60 + i * 80}" y="4" width="10" height="10" fill="{_COLOURS[kind]}"/>'
            f'<text x="{74 + i * 80}" y="13" font-size="11">{_SHORT[kind]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       sans-serif; margin: 0 auto; max-width: 1400px; padding: 1.5rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; }
.warn { color: #9a6700; font-weight: bold; }
"""


def _html(timeline: Sequence[TimelineEntry], rows: list[list[str | int]], title: str) -> bytes:
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(str(c))}</td>' if k > 2 else f"<td>{escape(str(c))}</td>"
            for k, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    notices = "".join(f'<p class="notice">{escape(n)}</p>' for n in _notices(timeline))
    warnings = "".join(f'<li class="warn">{escape(w)}</li>' for w in _warnings(timeline))
    categories = "".join(
        f"<tr><td>{escape(e.edition)}</td><td>{escape(_SHORT[kind])}</td><td>{escape(cat)}</td>"
        f'<td class="num">{n}</td></tr>'
        for e in timeline
        for kind, cat, n in e.categories
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{escape(title)}</h1>
{notices}
<figure>{_svg(timeline)}<figcaption>事项数（基本、配合、收回），柱下为较上一版本的调整</figcaption></figure>
<h2>各版本事项数与调整</h2>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<ul>{warnings}</ul>
<h2>各版本分类事项数</h2>
<table><thead><tr><th>版本</th><th>清单</th><th>事项类别</th><th>事项数</th></tr></thead>
<tbody>{categories}</tbody></table>
</body>
</html>
"""
    return page.encode("utf-8")


def _table_sheet(
    sheet: Any, header: tuple[str, ...], rows: Sequence[tuple[str | int, ...]]
) -> None:
    """A sheet of a header row (bold, frozen) and rows; text always stays text."""
    from openpyxl.styles import Font

    for column, name in enumerate(header, 1):
        sheet.cell(row=1, column=column, value=name).font = Font(bold=True)
    for line, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            cell = sheet.cell(row=line, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["C"].width = 40


def _xlsx(timeline: Sequence[TimelineEntry], rows: list[list[str | int]], title: str) -> bytes:
    from dutyledger._extras import require
    from dutyledger._report.xlsx import _landscape as landscape

    openpyxl = require("openpyxl", extra="office", feature="the Excel timeline")
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "时间线"
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    row_at = 2
    for notice in _notices(timeline):
        sheet.cell(row=row_at, column=1, value=notice).font = Font(bold=True, color="9A6700")
        row_at += 1
    header = row_at + 1
    for column, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=header, column=column, value=name)
        cell.font = Font(bold=True)
    right = Alignment(horizontal="right")
    for offset, row in enumerate(rows, 1):
        for column, value in enumerate(row, 1):
            cell = sheet.cell(row=header + offset, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            if column > 3:
                cell.alignment = right
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.print_title_rows = f"{header}:{header}"
    sheet.column_dimensions["A"].width = 24
    for letter in "LMN":
        sheet.column_dimensions[letter].width = 12
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "各版本事项数"
    data = Reference(sheet, min_col=4, max_col=6, min_row=header, max_row=header + len(rows))
    labels = Reference(sheet, min_col=1, min_row=header + 1, max_row=header + len(rows))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    sheet.add_chart(chart, sheet.cell(row=header + len(rows) + 3, column=1).coordinate)
    _table_sheet(
        book.create_sheet("类别"),
        ("版本", "清单", "事项类别", "事项数"),
        [(e.edition, _SHORT[kind], cat, n) for e in timeline for kind, cat, n in e.categories],
    )
    _table_sheet(
        book.create_sheet("部门"),
        ("版本", "部门", "部门名称", "配合、收回事项数"),
        [(e.edition, dept, name, n) for e in timeline for dept, name, n in e.departments],
    )
    for each in book.worksheets:
        landscape(each)
    buffer = io.BytesIO()
    book.save(buffer)
    # One timestamp in the file and its properties: the last edition's date (or SOURCE_DATE_EPOCH).
    return stable_zip(buffer.getvalue(), document_time(timeline[-1].date if timeline else None))


def render_timeline(timeline: Sequence[TimelineEntry], fmt: str, title: str) -> str | bytes:
    """The timeline in a format: ``text``, ``md``, ``html`` (bytes) or ``xlsx`` (bytes)."""
    rows = timeline_rows(timeline)
    if fmt == "md":
        return _markdown(timeline, rows, title)
    if fmt == "html":
        return _html(timeline, rows, title)
    if fmt == "xlsx":
        return _xlsx(timeline, rows, title)
    lines = [title, *_notices(timeline), _text_table(rows).rstrip("\n"), _bars_text(timeline)]
    lines += _warnings(timeline)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_history(events: Sequence[ItemEvent], title: str) -> str:
    """An item's history as text, one block per event."""
    lines = [title]
    for event in events:
        status = "" if event.status is EditionStatus.OFFICIAL else f"（{_STATUS[event.status]}）"
        lines.append(f"{event.edition}{status}  {event.term}  {event.detail}".rstrip())
        for state in event.old:
            lines.append(f"    − {state.label}")
        for state in event.new:
            lines.append(f"    + {state.label}")
    return "\n".join(lines) + "\n"


def render_blame(lines: Sequence[BlameLine], title: str) -> str:
    """For each item, the edition in which it last changed, and how: a text table."""
    from dutyledger._edition.show import text_table

    rows = [
        (
            _SHORT[line.item.list],
            str(line.item.number),
            line.item.name,
            line.edition,
            "、".join(line.terms),
        )
        for line in lines
    ]
    return "\n".join(text_table(title, ("清单", "序号", "事项名称", "最后调整版本", "调整"), rows))
