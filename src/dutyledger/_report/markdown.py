"""Markdown, fit for a pull-request comment: a summary table, a section per kind."""

from __future__ import annotations

import re

import attrs

from dutyledger._report.model import Cell, Report

__all__ = ["RENDERER", "MarkdownRenderer"]

_SPECIAL = re.compile(r"([\\`*_~|<>\[\]#])")
_BREAK = re.compile(r"\r\n?|\n")


def escape(text: str) -> str:
    """Escape what Markdown (GitHub's) would read as markup; line breaks (LF, CR, CRLF) as <br>."""
    return _BREAK.sub("<br>", _SPECIAL.sub(r"\\\1", text))


def marked(cell: Cell) -> str:
    """The cell's text with deleted characters ~~struck~~ and inserted ones **bold**."""
    return cell.marked(escape, delete="~~{}~~", insert="**{}**")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


@attrs.frozen
class MarkdownRenderer:
    """Markdown (GitHub-flavoured): tables, changed characters marked."""

    name: str = "md"
    suffix: str = ".md"
    binary: bool = False

    def render(self, report: Report) -> bytes:
        """Return the report as Markdown, UTF-8."""
        labels = report.labels
        out = [f"# {escape(report.title)}", ""]
        out += [f"> **{escape(n)}**" for n in report.notices]
        if report.notices:
            out.append("")
        out += [escape(report.headline), "", f"## {labels['summary']}", ""]
        out += _table(
            [
                labels["kind"],
                labels["basic"],
                labels["cooperative"],
                labels["recalled"],
                labels["total"],
            ],
            [
                [escape(s.label), str(s.basic), str(s.cooperative), str(s.recalled), str(s.total)]
                for s in report.summary
            ],
        )
        if report.indicators:
            out += ["", f"## {labels['indicators']}", ""]
            for indicator in report.indicators:
                mark = "⚠️ " if indicator.warning else ""
                out.append(f"- {mark}{escape(indicator.label)}：{escape(indicator.value)}")
        header = [
            labels["number"],
            labels["list"],
            labels["category"],
            labels["old"],
            labels["new"],
            labels["departments"],
            labels["note"],
        ]
        for section in report.sections:
            out += [
                "",
                f"## {escape(section.label)}（{len(section.rows)}）",
                "",
                escape(section.description),
                "",
            ]
            out += _table(
                header,
                [
                    [
                        escape(row.numbers),
                        escape(row.lists),
                        escape(row.category),
                        marked(row.old),
                        marked(row.new),
                        escape("、".join(row.departments)),
                        escape(row.note),
                    ]
                    for row in section.rows
                ],
            )
        return ("\n".join(out) + "\n").encode("utf-8")


RENDERER = MarkdownRenderer()
