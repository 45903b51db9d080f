"""The terminal: counts by kind and list, then the changes grouped by kind.

Reworded text shows its changed characters: deleted ones struck through in red,
inserted ones in bold green (plain ``[-…-]`` / ``{+…+}`` marks when the output
is not a terminal, so a log still shows them).
"""

from __future__ import annotations

from typing import Any

import attrs

from dutyledger._report.model import Cell, Report

__all__ = ["RENDERER", "TerminalRenderer"]


def _marked(cell: Cell, *, colour: bool) -> object:
    from rich.text import Text

    text = Text()
    if not cell.segments:
        text.append(cell.text)
        return text
    for segment in cell.segments:
        if segment.op == "delete":
            if colour:
                text.append(segment.text, style="strike red")
            else:
                text.append(f"[-{segment.text}-]")
        elif segment.op == "insert":
            if colour:
                text.append(segment.text, style="bold green")
            else:
                text.append(f"{{+{segment.text}+}}")
        else:
            text.append(segment.text)
    return text


@attrs.frozen
class TerminalRenderer:
    """Readable text for a terminal (colour only when it is one)."""

    name: str = "text"
    suffix: str = ".txt"
    binary: bool = False
    colour: bool = False
    width: int = 120

    def render(self, report: Report) -> bytes:
        """Return the text (with ANSI colour codes only if ``colour``)."""
        from rich.console import Console

        console = Console(
            width=self.width,
            force_terminal=self.colour,
            no_color=not self.colour,
            highlight=False,
            soft_wrap=False,
            record=False,
        )
        with console.capture() as capture:
            console.print(report.title, style="bold", markup=False)
            console.print(
                f"{report.township} · {report.old_date} → {report.new_date}", markup=False
            )
            for notice in report.notices:
                console.print(notice, style="bold yellow", markup=False)
            console.print(report.headline, markup=False)
            if report.summary:
                self._body(console, report)
        return capture.get().encode("utf-8")

    def _body(self, console: Any, report: Report) -> None:
        from rich.table import Table

        labels = report.labels
        table = Table(title=labels["summary"], title_justify="left")
        table.add_column(labels["kind"])
        for key in ("basic", "cooperative", "recalled", "total"):
            table.add_column(labels[key], justify="right")
        for line in report.summary:
            counts = (line.basic, line.cooperative, line.recalled, line.total)
            table.add_row(line.label, *(str(c) for c in counts))
        console.print(table)
        for indicator in report.indicators:
            style = "bold yellow" if indicator.warning else ""
            console.print(f"{indicator.label}：{indicator.value}", style=style, markup=False)
        for section in report.sections:
            console.print()
            console.print(f"{section.label}（{len(section.rows)}）", style="bold", markup=False)
            for row in section.rows:
                where = " ".join(
                    p
                    for p in (
                        row.lists,
                        row.numbers,
                        f"[{row.category}]" if row.category else "",
                        row.name,
                    )
                    if p
                )
                console.print(f"  {where or row.note}", markup=False, highlight=False)
                if row.note and where:
                    console.print(f"    {row.note}", markup=False)
                if row.old.text or row.new.text:
                    console.print("    − ", _marked(row.old, colour=self.colour), sep="")
                    console.print("    + ", _marked(row.new, colour=self.colour), sep="")


RENDERER = TerminalRenderer()
