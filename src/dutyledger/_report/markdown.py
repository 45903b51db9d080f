"""Markdown, fit for a pull-request comment: the totals and counts, one table row per 事项."""

from __future__ import annotations

import re

import attrs

from dutyledger._changes.changeset import CLERICAL_KINDS
from dutyledger._report.model import Cell, Report

__all__ = ["RENDERER", "MarkdownRenderer"]

_SPECIAL = re.compile(r"([\\`*_~|<>\[\]#])")
_BREAK = re.compile("\r\n?|[\n\u2028\u2029]")


def escape(text: str) -> str:
    """Escape what Markdown (GitHub's) would read as markup; line breaks as <br>.

    A line break is LF, CR, CRLF or a line or paragraph separator (U+2028, U+2029):
    CommonMark does not end a line there, but editors and many tools do, and a table
    row cut by one falls apart in them.
    """
    return _BREAK.sub("<br>", _SPECIAL.sub(r"\\\1", text))


def marked(cell: Cell) -> str:
    """The cell's text, line by line, deleted characters ~~struck~~ and inserted ones **bold**."""
    return "<br>".join(
        line.marked(escape, delete="~~{}~~", insert="**{}**") for line in cell.lines()
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def note_columns(report: Report) -> tuple[str, ...]:
    """The note columns (调整理由, 调整依据, 备注) that any row fills."""
    return tuple(
        k for k in ("reason", "basis", "remark") if any(getattr(r, k) for r in report.rows)
    )


@attrs.frozen
class MarkdownRenderer:
    """Markdown (GitHub-flavoured): tables, changed characters marked."""

    name: str = "md"
    suffix: str = ".md"
    binary: bool = False

    def render(self, report: Report) -> bytes:
        """Return the report as Markdown, UTF-8."""
        labels = report.labels
        out = [
            f"# {escape(report.title)}",
            "",
            escape(f"{report.old_date}{labels['arrow']}{report.new_date}"),
            "",
        ]
        out += [f"> **{escape(n)}**" for n in report.notices]
        if report.notices:
            out.append("")
        out += [escape(report.headline), "", f"## {escape(labels['overview'])}", ""]
        out += [f"### {escape(labels['totals'])}", ""]
        out += _table(
            [labels["list_name"], labels["before_total"], labels["after_total"], labels["net"]],
            [[escape(t.label), str(t.before), str(t.after), f"{t.net:+d}"] for t in report.totals],
        )
        if report.summary:
            out += ["", f"### {escape(labels['summary'])}", ""]
            out += _table(
                [
                    labels["kind"],
                    labels["basic"],
                    labels["cooperative"],
                    labels["recalled"],
                    labels["total"],
                ],
                [
                    [
                        escape(s.label),
                        str(s.basic),
                        str(s.cooperative),
                        str(s.recalled),
                        str(s.total),
                    ]
                    for s in report.summary
                ],
            )
        notes = note_columns(report)
        if report.rows:
            out += ["", f"## {escape(labels['adjusted'])}", ""]
            out += _table(
                [
                    labels["number"],
                    labels["list"],
                    labels["category"],
                    labels["name"],
                    labels["kind"],
                    labels["old"],
                    labels["new"],
                    labels["departments"],
                    *(labels[k] for k in notes),
                ],
                [
                    [
                        str(row.number),
                        escape(row.lists),
                        escape(row.category),
                        escape(row.name),
                        escape(row.kind_label),
                        marked(row.old),
                        marked(row.new),
                        escape(labels["separator"].join(row.departments)),
                        *(escape(getattr(row, k)) for k in notes),
                    ]
                    for row in report.rows
                ],
            )
        out += ["", f"## {escape(labels['attention'])}", ""]
        if report.indicators:
            out += [
                f"- ⚠️ {escape(i.label)}{escape(labels['colon'])}{escape(i.value)}"
                for i in report.indicators
            ]
        else:
            out.append(escape(labels["attention_none"]))
        if report.appendix:
            out += ["", f"## {escape(labels['appendix'])}", ""]
            out += _table(
                [labels["topic"], labels["field"], labels["old"], labels["new"]],
                [
                    [escape(e.topic), escape(e.label), marked(e.old), marked(e.new)]
                    for e in report.appendix
                ],
            )
        form_only = [r for r in report.records if r.kind in CLERICAL_KINDS]
        if form_only:
            out += ["", f"## {escape(labels['form_only'])}", ""]
            out += _table(
                [labels["kind"], labels["list"], labels["name"], labels["old"], labels["new"]],
                [
                    [
                        escape(r.kind_label),
                        escape(f"{r.lists} {r.numbers}"),
                        escape(r.name),
                        marked(r.old),
                        marked(r.new),
                    ]
                    for r in form_only
                ],
            )
        return ("\n".join(out) + "\n").encode("utf-8")


RENDERER = MarkdownRenderer()
