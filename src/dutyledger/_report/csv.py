"""CSV: the record-level view, one row per change record, UTF-8 with a byte-order mark so that Excel reads the Chinese."""

from __future__ import annotations

import csv
import io

import attrs

from dutyledger._report.model import Report

__all__ = ["RENDERER", "CsvRenderer"]


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
        writer = csv.writer(buffer, lineterminator="\r\n")
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
