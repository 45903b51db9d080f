"""Ingest: the published text of a township's lists into an :class:`Edition`.

The published-text format (``docs/published-text.md``): a cover, a preamble
(说明) whose 清单内容 section declares each list's categories and totals, a
table of contents (目录) with each list's first page, then the three tables.
Each table starts with its title line; its header row repeats at every page
break; rows are tab-separated. Cells are read by :mod:`dutyledger._edition.duty_text`.

What the text does not say (jurisdiction, status, source, the department
registry) comes from a metadata file in TOML (``docs/edition-format.md``).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import TypedDict

import attrs

from dutyledger._edition.codec import make_converter, structure_problems, validate_edition
from dutyledger._edition.departments import DepartmentRegistry
from dutyledger._edition.duty_text import normalise_inline, parse_duty_text, parse_recall_entries
from dutyledger._edition.records import (
    BasicItem,
    ContentsEntry,
    CooperativeItem,
    Department,
    Edition,
    EditionMeta,
    EditionSource,
    EditionStatus,
    Jurisdiction,
    ListDeclaration,
    ListKind,
    Preamble,
    PreambleSection,
    RecalledItem,
)
from dutyledger._edition.strict import MAX_FILE_BYTES, MAX_TEXT_CHARS, read_limited, read_toml_text
from dutyledger.exceptions import IngestError, MetadataError, Problem

__all__ = ["IngestMeta", "ingest_text", "load_ingest_meta", "meta_from_edition", "read_published"]

HEADERS: dict[ListKind, tuple[str, ...]] = {
    ListKind.BASIC: ("序号", "事项类别", "事项名称"),
    ListKind.COOPERATIVE: (
        "序号",
        "事项类别",
        "事项名称",
        "对应上级部门",
        "上级部门职责",
        "乡镇配合职责",
    ),
    ListKind.RECALLED: ("序号", "事项类别", "事项名称", "承接部门及工作方式"),
}
"""The columns of each table, in the published order."""

STAR = "★"

_TITLES = {kind.title: kind for kind in ListKind}
_COVER_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、\S{2,16}$")
_CONTENTS = re.compile(r"^\d+\.\s*(?P<title>[^.\s]+?)\s*\.{2,}\s*(?P<page>\d+)$")
_CATEGORIES = re.compile(r"包括(?P<names>.+?)等?\s*(?P<count>\d+)\s*个类别")
_ITEMS = re.compile(r"个类别[^\d]*?(?P<count>\d+)\s*项")
_DEPARTMENTS = re.compile(r"涉及\s*(?P<count>\d+)\s*个部门")


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


def _squash(line: str) -> str:
    return re.sub(r"\s+", "", line)


class _Common(TypedDict):
    id: str
    number: int
    category: str
    name: str
    starred: bool
    page: int | None


@attrs.frozen(kw_only=True)
class _EditionFields:
    jurisdiction: Jurisdiction
    status: EditionStatus
    source: EditionSource
    date: str | None = None
    title: str | None = None
    namespace: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class IngestMeta:
    """The metadata file of an ingest: edition facts and the department registry.

    Attributes:
        edition: Jurisdiction, status, source; optionally date, title (else
            read from the cover), namespace (else derived) and a note.
        departments: The department registry.
    """

    edition: _EditionFields
    departments: tuple[Department, ...] = ()


def meta_from_edition(edition: Edition) -> IngestMeta:
    """Return the ingest metadata that reproduces an edition's own metadata."""
    meta = edition.meta
    fields = _EditionFields(
        jurisdiction=meta.jurisdiction,
        status=meta.status,
        source=meta.source,
        date=meta.date,
        title=meta.title,
        namespace=meta.namespace,
        note=meta.note,
    )
    return IngestMeta(edition=fields, departments=edition.departments)


def load_ingest_meta(path: str | Path) -> IngestMeta:
    """Read an ingest metadata file (TOML).

    Raises:
        MetadataError: The file cannot be read, is not TOML, or does not have
            the expected keys and types; every problem is listed.
    """
    name = str(path)
    try:
        data = tomllib.loads(read_toml_text(Path(path)))
    except OSError as exc:
        raise MetadataError(
            name, [Problem(where="file", message=f"cannot read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise MetadataError(
            name, [Problem(where="file", message="not UTF-8; expected a UTF-8 TOML file")]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(name, [Problem(where="file", message=f"invalid TOML: {exc}")]) from None
    except ValueError as exc:  # larger than MAX_TOML_BYTES
        raise MetadataError(name, [Problem(where="file", message=str(exc))]) from None
    meta, problems = structure_problems(make_converter(every_field=False), data, IngestMeta)
    if meta is None:
        raise MetadataError(name, problems)
    _, registry_problems = DepartmentRegistry.from_departments(meta.departments)
    if registry_problems:
        raise MetadataError(name, registry_problems)
    return meta


@attrs.define
class _Row:
    line: int
    page: int | None
    cells: list[str]


@attrs.define
class _Layout:
    """Reads the text line by line: cover, 说明, 目录, then the tables."""

    problems: list[Problem]
    cover: list[str] = attrs.Factory(list)
    sections: list[PreambleSection] = attrs.Factory(list)
    contents: list[ContentsEntry] = attrs.Factory(list)
    rows: dict[ListKind, list[_Row]] = attrs.Factory(lambda: {k: [] for k in ListKind})
    stage: str = "cover"
    section: tuple[str, list[str]] | None = None
    table: ListKind | None = None
    pages_seen: int = 0

    def read(self, text: str) -> None:
        handlers = {
            "cover": self._cover,
            "preamble": self._preamble,
            "contents": self._contents,
            "table": self._table,
        }
        for number, raw in enumerate(text.split("\n"), start=1):
            line = raw.rstrip("\r")
            longest = max(line.split("\t"), key=len)
            if len(longest) > MAX_TEXT_CHARS:
                message = (
                    f"a text of {len(longest):,} characters; expected at most {MAX_TEXT_CHARS:,}"
                )
                self._problem(number, message)
                continue
            hidden = _hidden_character(line)
            if hidden is not None:
                column, message = hidden
                self.problems.append(
                    Problem(where=f"line {number}, column {column}", message=message)
                )
                continue
            squashed = _squash(line)
            if not squashed:
                continue
            if squashed in _TITLES:
                self._close_section()
                self.stage, self.table, self.pages_seen = "table", _TITLES[squashed], 0
                continue
            handlers[self.stage](number, line, squashed)
        self._close_section()
        if self.stage != "table":
            self._problem(1, "found no table; expected a title line such as 基本履职事项清单")

    def _problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(where=f"line {number}", message=message))

    def _close_section(self) -> None:
        if self.section is not None:
            title, paragraphs = self.section
            self.sections.append(PreambleSection(title=title, paragraphs=tuple(paragraphs)))
        self.section = None

    def _cover(self, number: int, line: str, squashed: str) -> None:
        if squashed == "说明":
            self.stage = "preamble"
        elif squashed == "目录":
            self.stage = "contents"
        else:
            self.cover.append(line)

    def _preamble(self, number: int, line: str, squashed: str) -> None:
        if squashed == "目录":
            self._close_section()
            self.stage = "contents"
        elif _SECTION.match(squashed):
            self._close_section()
            self.section = (line, [])
        elif self.section is None:
            self._problem(number, "expected a section title such as 一、基本情况")
        else:
            self.section[1].append(line)

    def _contents(self, number: int, line: str, squashed: str) -> None:
        match = _CONTENTS.match(line.strip())
        if match:
            self.contents.append(ContentsEntry(title=match["title"], page=int(match["page"])))
        else:
            self._problem(number, "expected a contents line: 1. 基本履职事项清单.....<TAB>1")

    def _table(self, number: int, line: str, squashed: str) -> None:
        assert self.table is not None
        cells = line.split("\t")
        header = HEADERS[self.table]
        if cells[0] == "序号":
            self.pages_seen += 1
            if tuple(c.strip() for c in cells) != header:
                found = " | ".join(cells)
                self._problem(number, f"expected the header {' | '.join(header)}; found {found}")
            return
        title = self.table.title
        first = next((e.page for e in self.contents if e.title == title), None)
        page = None if first is None else first + max(self.pages_seen, 1) - 1
        self.rows[self.table].append(_Row(number, page, cells))


def _declarations(
    sections: list[PreambleSection], problems: list[Problem]
) -> tuple[ListDeclaration, ...]:
    found: list[ListDeclaration] = []
    for section in sections:
        for paragraph in section.paragraphs:
            kind = next((k for k in ListKind if paragraph.startswith(k.title)), None)
            if kind is None:
                continue
            cats = _CATEGORIES.search(paragraph)
            items = _ITEMS.search(paragraph)
            depts = _DEPARTMENTS.search(paragraph)
            if cats is None or items is None:
                problems.append(
                    Problem(
                        where=f"preamble {section.title.strip()}",
                        message=f"{kind.title}: expected '包括…N 个类别…M 项' declaring categories and items",
                    )
                )
                continue
            found.append(
                ListDeclaration(
                    list=kind,
                    categories=tuple(n.strip() for n in cats["names"].split("、")),
                    category_count=int(cats["count"]),
                    item_count=int(items["count"]),
                    department_count=int(depts["count"]) if depts else None,
                )
            )
    return tuple(found)


def _cover_date(cover: list[str]) -> str | None:
    for line in cover:
        match = _COVER_DATE.match(_squash(line))
        if match:
            year, month, day = match.groups()
            return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return None


def _mint_id(namespace: str, name: str, taken: set[str]) -> str:
    digest = hashlib.sha256(f"{namespace}\x1f{name}".encode()).hexdigest()
    candidate = f"{namespace}-{digest[:8]}"
    suffix = 2
    while candidate in taken:
        candidate = f"{namespace}-{digest[:8]}-{suffix}"
        suffix += 1
    taken.add(candidate)
    return candidate


def derive_namespace(jurisdiction: Jurisdiction, date: str) -> str:
    """Return the default id namespace of an edition: a digest of where and when."""
    key = "|".join(
        (jurisdiction.province, jurisdiction.city, jurisdiction.county, jurisdiction.township, date)
    )
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def read_published(path: str | Path) -> str:
    """Read a published text file as UTF-8, as an :class:`IngestError` if it is not."""
    try:
        raw = read_limited(Path(path))
        if raw is None:
            limit = MAX_FILE_BYTES // 2**20
            message = f"larger than {limit} MiB; expected a file of at most {limit} MiB"
            raise IngestError(str(path), [Problem(where="file", message=message)])
        return raw.decode("utf-8")
    except OSError as exc:
        raise IngestError(
            str(path), [Problem(where="file", message=f"cannot read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError as exc:
        raise IngestError(
            str(path),
            [Problem(where=f"byte {exc.start}", message="not UTF-8; expected UTF-8 text")],
        ) from None


@attrs.define
class _Rows:
    """Turns table rows into item records, collecting problems with their lines."""

    registry: DepartmentRegistry
    namespace: str
    problems: list[Problem]
    taken: set[str] = attrs.Factory(set)

    def _cell_problems(self, row: _Row, column: str, found: list[str]) -> None:
        self.problems.extend(Problem(where=f"line {row.line}, {column}", message=m) for m in found)

    def common(self, kind: ListKind, row: _Row) -> _Common | None:
        header = HEADERS[kind]
        if len(row.cells) != len(header):
            columns = " | ".join(header)
            self.problems.append(
                Problem(
                    where=f"line {row.line}",
                    message=f"expected {len(header)} tab-separated columns ({columns}), "
                    f"found {len(row.cells)}",
                )
            )
            return None
        if not row.cells[0].strip().isdigit():
            self._cell_problems(row, "序号", [f"expected a whole number, found {row.cells[0]!r}"])
            return None
        name = normalise_inline(row.cells[2])
        return {
            "id": _mint_id(self.namespace, name.removeprefix(STAR), self.taken),
            "number": int(row.cells[0]),
            "category": normalise_inline(row.cells[1]),
            "name": name.removeprefix(STAR),
            "starred": name.startswith(STAR),
            "page": row.page,
        }

    def basic(self, row: _Row) -> BasicItem | None:
        base = self.common(ListKind.BASIC, row)
        return None if base is None else BasicItem(**base)

    def cooperative(self, row: _Row) -> CooperativeItem | None:
        base = self.common(ListKind.COOPERATIVE, row)
        if base is None:
            return None
        found: list[str] = []
        refs = []
        for written in normalise_inline(row.cells[3]).split("、"):
            ref = self.registry.ref(written)
            if ref is None:
                found.append(
                    f"unknown department {written!r}; "
                    "expected a name, short form or alias from the department registry"
                )
            else:
                refs.append(ref)
        self._cell_problems(row, "对应上级部门", found)
        upstream_found: list[str] = []
        upstream = parse_duty_text(row.cells[4], self.registry.ref, upstream_found)
        self._cell_problems(row, "上级部门职责", upstream_found)
        township_found: list[str] = []
        township = parse_duty_text(row.cells[5], self.registry.ref, township_found)
        self._cell_problems(row, "乡镇配合职责", township_found)
        return CooperativeItem(
            departments=tuple(refs), upstream_duties=upstream, township_duties=township, **base
        )

    def recalled(self, row: _Row) -> RecalledItem | None:
        base = self.common(ListKind.RECALLED, row)
        if base is None:
            return None
        found: list[str] = []
        receivers = parse_recall_entries(row.cells[3], self.registry.ref, found)
        self._cell_problems(row, "承接部门及工作方式", found)
        return RecalledItem(receivers=receivers, **base)


def _edition_meta(fields: _EditionFields, cover: list[str], problems: list[Problem]) -> EditionMeta:
    cover_date = _cover_date(cover)
    date = fields.date or cover_date
    if date is None:
        message = "found no date such as 2025年1月, and the metadata gives none"
        problems.append(Problem(where="cover", message=message))
        date = ""
    elif fields.date and cover_date and fields.date != cover_date:
        message = f"the cover says {cover_date}, the metadata {fields.date}; expected them to agree"
        problems.append(Problem(where="cover", message=message))
    cover_title = "".join(_squash(line) for line in cover if not _COVER_DATE.match(_squash(line)))
    return EditionMeta(
        title=fields.title or cover_title,
        jurisdiction=fields.jurisdiction,
        date=date,
        status=fields.status,
        source=fields.source,
        namespace=fields.namespace or derive_namespace(fields.jurisdiction, date),
        note=fields.note,
    )


def ingest_text(text: str, meta: IngestMeta, *, name: str = "<text>") -> Edition:
    """Parse the published text of a township's lists into an edition.

    Args:
        text: The published text (see ``docs/published-text.md``).
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
    layout = _Layout(problems)
    layout.read(text)
    registry, registry_problems = DepartmentRegistry.from_departments(
        meta.departments, where="departments"
    )
    problems += registry_problems
    edition_meta = _edition_meta(meta.edition, layout.cover, problems)
    rows = _Rows(registry, edition_meta.namespace, problems)
    basic = [rows.basic(row) for row in layout.rows[ListKind.BASIC]]
    cooperative = [rows.cooperative(row) for row in layout.rows[ListKind.COOPERATIVE]]
    recalled = [rows.recalled(row) for row in layout.rows[ListKind.RECALLED]]
    preamble = Preamble(
        title_lines=tuple(layout.cover),
        sections=tuple(layout.sections),
        declarations=_declarations(layout.sections, problems),
        contents=tuple(layout.contents),
    )
    edition = Edition(
        meta=edition_meta,
        preamble=preamble,
        departments=meta.departments,
        basic=tuple(i for i in basic if i is not None),
        cooperative=tuple(i for i in cooperative if i is not None),
        recalled=tuple(i for i in recalled if i is not None),
    )
    if not problems:
        problems += validate_edition(edition)
    if problems:
        raise IngestError(name, problems)
    return edition
