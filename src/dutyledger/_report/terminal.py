"""The terminal: the totals and counts, then one aligned block per 事项.

Plain text, laid out by display width (a Chinese character takes two columns),
with no library. Changed characters show as ``[-删-]`` / ``{+增+}``, or in
colour (struck red, bold green) on a terminal. Lines are wrapped to the
terminal's width only when writing to one (``width``); into files and pipes a
line is never broken.
"""

from __future__ import annotations

import unicodedata

import attrs

from dutyledger._changes.changeset import CLERICAL_KINDS
from dutyledger._report.model import Cell, Report, ReportRow

__all__ = ["RENDERER", "TerminalRenderer", "display_width"]

_RED_STRUCK = "\x1b[9;31m"
_GREEN_BOLD = "\x1b[1;32m"
_BOLD = "\x1b[1m"
_YELLOW = "\x1b[1;33m"
_RESET = "\x1b[0m"


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """How many terminal columns a text takes (East Asian wide characters take two)."""
    return sum(_char_width(c) for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


# A run of text with its style: "" plain, or "delete" / "insert" / "bold" / "warn".
_Run = tuple[str, str]


@attrs.frozen
class TerminalRenderer:
    """Readable text for a terminal.

    Attributes:
        colour: Use ANSI colours (only when writing to a terminal).
        width: Wrap lines to this many columns; ``None`` (files and pipes)
            never wraps.
    """

    name: str = "text"
    suffix: str = ".txt"
    binary: bool = False
    colour: bool = False
    width: int | None = None

    # --- runs and lines -----------------------------------------------------------------

    def _runs(self, cell: Cell) -> list[_Run]:
        if not cell.segments:
            return [(cell.text, "")]
        return [(s.text, "" if s.op == "equal" else s.op) for s in cell.segments]

    def _styled(self, runs: list[_Run]) -> str:
        out = []
        for text, style in runs:
            if not text:
                continue
            if self.colour:
                code = {
                    "delete": _RED_STRUCK,
                    "insert": _GREEN_BOLD,
                    "bold": _BOLD,
                    "warn": _YELLOW,
                }.get(style)
                out.append(f"{code}{text}{_RESET}" if code else text)
            elif style == "delete":
                out.append(f"[-{text}-]")
            elif style == "insert":
                out.append(f"{{+{text}+}}")
            else:
                out.append(text)
        return "".join(out)

    def _wrap(self, runs: list[_Run], room: int | None) -> list[list[_Run]]:
        """Break runs into lines of at most ``room`` columns (marks included); never if None."""
        if room is None:
            return [runs]
        lines: list[list[_Run]] = [[]]
        used = 0
        for text, style in runs:
            marks = 0 if self.colour or style not in ("delete", "insert") else 4
            piece = ""
            for char in text:
                width = _char_width(char)
                if used + width + marks > room and (piece or lines[-1]):
                    if piece:
                        lines[-1].append((piece, style))
                    lines.append([])
                    used, piece = 0, ""
                piece += char
                used += width
            if piece:
                lines[-1].append((piece, style))
                used += marks
        return lines

    def _field(self, out: list[str], indent: int, label: str, label_width: int, cell: Cell) -> None:
        """``label  value`` lines, the value's lines aligned under its first."""
        head = " " * indent + _pad(label, label_width) + "  "
        room = None if self.width is None else max(10, self.width - display_width(head))
        first = True
        for line in cell.lines():
            for piece in self._wrap(self._runs(line), room):
                prefix = head if first else " " * display_width(head)
                out.append((prefix + self._styled(piece)).rstrip())
                first = False

    def _line(self, out: list[str], text: str, style: str = "", indent: int = 0) -> None:
        room = None if self.width is None else max(10, self.width - indent)
        for piece in self._wrap([(text, style)], room):
            out.append(" " * indent + self._styled(piece))

    def _table(self, out: list[str], header: list[str], rows: list[list[str]]) -> None:
        widths = [
            max(display_width(cell) for cell in column)
            for column in zip(header, *rows, strict=True)
        ]

        def line(cells: list[str]) -> str:
            first = _pad(cells[0], widths[0])
            rest = [
                " " * (w - display_width(c)) + c for c, w in zip(cells[1:], widths[1:], strict=True)
            ]
            return ("  " + "  ".join([first, *rest])).rstrip()

        out.append(self._styled([(line(header), "bold")]))
        out.extend(line(row) for row in rows)

    # --- the report -----------------------------------------------------------------------

    def render(self, report: Report) -> bytes:
        """Return the text (with ANSI colour codes only if ``colour``)."""
        labels = report.labels
        out: list[str] = []
        self._line(out, report.title, "bold")
        self._line(out, f"{report.old_date}{labels['arrow']}{report.new_date}")
        for notice in report.notices:
            self._line(out, notice, "warn")
        out.append("")
        self._line(out, labels["overview"], "bold")
        self._line(out, report.headline)
        out.append("")
        self._line(out, labels["totals"], "bold")
        self._table(
            out,
            [labels["list_name"], labels["before_total"], labels["after_total"], labels["net"]],
            [[t.label, str(t.before), str(t.after), f"{t.net:+d}"] for t in report.totals],
        )
        if report.summary:
            out.append("")
            self._line(out, labels["summary"], "bold")
            self._table(
                out,
                [
                    labels["kind"],
                    labels["basic"],
                    labels["cooperative"],
                    labels["recalled"],
                    labels["total"],
                ],
                [
                    [s.label, str(s.basic), str(s.cooperative), str(s.recalled), str(s.total)]
                    for s in report.summary
                ],
            )
        if report.rows:
            out.append("")
            self._line(out, labels["adjusted"], "bold")
            for row in report.rows:
                out.append("")
                self._row(out, report, row)
        if report.indicators:
            out.append("")
            self._line(out, labels["attention"], "bold")
            for indicator in report.indicators:
                self._line(out, f"! {indicator.label}{labels['colon']}{indicator.value}", "warn", 2)
        if report.appendix:
            out.append("")
            self._line(out, labels["appendix"], "bold")
            width = max(display_width(e.label) for e in report.appendix)
            for entry in report.appendix:
                minus = "−" if report.lang == "zh" else "-"
                if entry.old.text:
                    self._field(out, 2, f"{entry.label} {minus}", width + 2, entry.old)
                if entry.new.text:
                    self._field(out, 2, f"{entry.label} +", width + 2, entry.new)
        form_only = [r for r in report.records if r.kind in CLERICAL_KINDS]
        if form_only:
            out.append("")
            self._line(out, labels["form_only"], "bold")
            for record in form_only:
                where = " ".join(p for p in (record.lists, record.numbers, record.name) if p)
                old, new = record.old.text, record.new.text
                change = f"{old}{labels['arrow']}{new}" if old or new else record.note
                self._line(out, f"{record.kind_label}  {where}  {change}".rstrip(), indent=2)
        return ("\n".join(out) + "\n").encode("utf-8")

    def _row(self, out: list[str], report: Report, row: ReportRow) -> None:
        labels = report.labels
        fields: list[tuple[str, Cell]] = [
            (labels["list"], Cell.plain(row.lists)),
            (labels["category"], Cell.plain(row.category)),
            (labels["name"], Cell.plain(row.name)),
        ]
        if row.old.text:
            fields.append((labels["old"], row.old))
        if row.new.text:
            fields.append((labels["new"], row.new))
        if row.departments:
            fields.append(
                (labels["departments"], Cell.plain(labels["separator"].join(row.departments)))
            )
        for key in ("reason", "basis", "remark"):
            value = getattr(row, key)
            if value:
                fields.append((labels[key], Cell.plain(value)))
        number = f"{row.number}."
        self._line(out, f"{number} {row.kind_label}", "bold")
        width = max(display_width(label) for label, _ in fields)
        for label, cell in fields:
            self._field(out, len(number) + 1, label, width, cell)


RENDERER = TerminalRenderer()
