"""CSV: the record-level view, one row per change record, UTF-8 with a byte-order mark so that Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
from typing import Any

import attrs

from dutyledger._edition.safe_text import csv_cell
from dutyledger._report.model import Report

__all__ = ["RENDERER", "CsvRenderer"]


@attrs.frozen
class _Writer:
    """A csv writer whose every cell goes through :func:`csv_cell` (no formula, OWASP)."""

    writer: Any

    def writerow(self, row: list[str]) -> None:
        self.writer.writerow([csv_cell(cell) for cell in row])


@attrs.frozen
class CsvRenderer:
    """CSV, one row per change; texts exactly as in the editions."""

    name: str = "csv"
    suffix: str = ".csv"
    binary: bool = False

    def render(self, report: Report) -> bytes:
        """Return the rows as CSV (RFC 4180 quoting), UTF-8 with BOM."""
        labels = report.labels
        buffer = io.StringIO(newline="")
        writer = _Writer(csv.writer(buffer, lineterminator="\r\n"))
        writer.writerow(
            [
                "kind",
                labels["kind"],
                labels["list"],
                labels["number"],
                labels["category"],
                labels["name"],
                labels["old"],
                labels["new"],
                labels["departments"],
                labels["note"],
                labels["match"],
            ]
        )
        for row in report.records:
            writer.writerow(
                [
                    row.kind,
                    row.kind_label,
                    row.lists,
                    row.numbers,
                    row.category,
                    row.name,
                    row.old.text,
                    row.new.text,
                    "、".join(row.departments),
                    row.note,
                    row.match,
                ]
            )
        return buffer.getvalue().encode("utf-8-sig")


RENDERER = CsvRenderer()
