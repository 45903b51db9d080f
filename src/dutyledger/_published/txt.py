"""Ingest: the published text of a township's lists into an :class:`Edition`.

The published-text format (``docs/sources.md``): a cover, a preamble (说明)
whose 清单内容 section declares each list's categories and totals, a table of
contents (目录) with each list's first page, then the three tables. Each table
starts with its title line; its header row repeats at every page break; rows
are tab-separated. Cells are read by :mod:`dutyledger._edition.duty_text`.

What the text does not say (jurisdiction, status, source, the department
registry) comes from a metadata file in TOML (``docs/edition-format.md``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import attrs

from dutyledger._edition.records import Edition, ListKind
from dutyledger._edition.strict import MAX_FILE_BYTES, MAX_TEXT_CHARS, read_limited
from dutyledger._published.assemble import (
    HEADERS,
    PreambleReader,
    SourceParts,
    SourceRow,
    assemble,
    squash,
)
from dutyledger._published.encodings import decode_text
from dutyledger._published.meta import IngestMeta
from dutyledger.exceptions import IngestError, Problem

__all__ = ["ingest_text", "read_published", "read_source_file"]

_TITLES = {kind.title: kind for kind in ListKind}


# Characters no published list means: controls, invisible format marks (zero-width space,
# right-to-left marks, a BOM inside the text), lone surrogates, private-use and unassigned
# code points, line and paragraph separators. Kept, they would change texts and ids
# unseen; they are refused with their line (docs/reliability.md).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _hidden_character(line: str) -> tuple[int, str] | None:
    """Return the column and a description of a line's first hidden character (tabs aside)."""
    if line.replace("\t", "").isprintable():
        return None
    for column, char in enumerate(line, start=1):
        if char != "\t" and unicodedata.category(char) in _HIDDEN_CATEGORIES:
            name = unicodedata.name(char, "unnamed")
            return column, f"hidden character U+{ord(char):04X} ({name}); expected visible text"
    return None


@attrs.define
class _Layout:
    """Reads the text line by line: cover, 说明, 目录, then the tables."""

    problems: list[Problem]
    preamble: PreambleReader
    rows: dict[ListKind, list[SourceRow]] = attrs.Factory(lambda: {k: [] for k in ListKind})
    table: ListKind | None = None
    pages_seen: int = 0

    def read(self, text: str) -> None:
        for number, raw in enumerate(text.split("\n"), start=1):
            line = raw.rstrip("\r")
            longest = max(line.split("\t"), key=len)
            if len(longest) > MAX_TEXT_CHARS:
                message = (
                    f"a text of {len(longest):,} characters; expected at most {MAX_TEXT_CHARS:,}"
                )
                self.problems.append(Problem(where=f"line {number}", message=message))
                continue
            hidden = _hidden_character(line)
            if hidden is not None:
                column, message = hidden
                self.problems.append(
                    Problem(where=f"line {number}, column {column}", message=message)
                )
                continue
            squashed = squash(line)
            if not squashed:
                continue
            if squashed in _TITLES:
                self.preamble.close()
                self.table, self.pages_seen = _TITLES[squashed], 0
            elif self.table is None:
                self.preamble.feed(f"line {number}", line)
            else:
                self._table(number, line)
        self.preamble.close()
        if self.table is None:
            self.problems.append(
                Problem(
                    where="line 1",
                    message="found no table; expected a title line such as 基本履职事项清单",
                )
            )

    def _table(self, number: int, line: str) -> None:
        assert self.table is not None
        cells = line.split("\t")
        header = HEADERS[self.table]
        if cells[0] == "序号":
            self.pages_seen += 1
            if tuple(c.strip() for c in cells) != header:
                found = " | ".join(cells)
                self.problems.append(
                    Problem(
                        where=f"line {number}",
                        message=f"expected the header {' | '.join(header)}; found {found}",
                    )
                )
            return
        if len(cells) != len(header):
            self.problems.append(
                Problem(
                    where=f"line {number}",
                    message=f"expected {len(header)} tab-separated columns "
                    f"({' | '.join(header)}), found {len(cells)}",
                )
            )
            return
        first = self.preamble.first_page(self.table)
        page = None if first is None else first + max(self.pages_seen, 1) - 1
        self.rows[self.table].append(
            SourceRow(
                where=f"line {number}",
                cells=tuple(cells),
                cell_where=tuple(f"line {number}, {column}" for column in header),
                page=page,
            )
        )

    def parts(self) -> SourceParts:
        return SourceParts(
            cover=tuple(self.preamble.cover),
            sections=tuple(self.preamble.sections),
            contents=tuple(self.preamble.contents),
            rows=tuple((kind, tuple(rows)) for kind, rows in self.rows.items()),
        )


def read_published(path: str | Path, *, encoding: str | None = None) -> str:
    """Read a published text file, as an :class:`IngestError` if it cannot be decoded.

    Args:
        path: The file.
        encoding: The encoding, if known (``gb18030``, ``utf-16`` …); by
            default it is detected (``docs/sources.md``): a byte-order mark,
            else UTF-8, else UTF-16 by its zero bytes, else GB18030.

    Raises:
        IngestError: The file cannot be read or decoded.
    """
    data = read_source_file(path)
    return decode_text(data, str(path), encoding=encoding)


def read_source_file(path: str | Path) -> bytes:
    """Read a source file's bytes, up to :data:`MAX_FILE_BYTES` (a FIFO or device stops there).

    Raises:
        IngestError: The file cannot be read, or is larger than the limit.
    """
    try:
        raw = read_limited(Path(path))
    except OSError as exc:
        raise IngestError(
            str(path), [Problem(where="file", message=f"cannot read: {exc.strerror}")]
        ) from None
    if raw is None:
        limit = MAX_FILE_BYTES // 2**20
        message = f"larger than {limit} MiB; expected a file of at most {limit} MiB"
        raise IngestError(str(path), [Problem(where="file", message=message)])
    return raw


def ingest_text(text: str, meta: IngestMeta, *, name: str = "<text>") -> Edition:
    """Parse the published text of a township's lists into an edition.

    Args:
        text: The published text (see ``docs/sources.md``).
        meta: Edition facts the text does not give, and the department registry.
        name: How to name the text in error messages (its file name).

    Returns:
        The edition, valid by :func:`dutyledger.load_edition`'s rules.

    Raises:
        IngestError: The text does not follow the format, or names a
            department the registry does not know. Every problem is listed
            with its line.
    """
    problems: list[Problem] = []
    layout = _Layout(problems, PreambleReader(problems))
    layout.read(text.removeprefix("\ufeff"))
    return assemble(layout.parts(), meta, name=name, problems=problems)
