"""From what a source says to an edition: the part every reader shares.

Each reader (text, workbook, Word document, PDF) finds the cover, the preamble
(说明), the contents (目录) and each list's rows in its own way, and hands them
over as :class:`SourceParts`: rows of cells in the published column order, each
cell with the place it came from (``line 40, 序号``, ``基本履职事项清单!A17``,
``第14页 表3 第5行``). :func:`assemble` turns them into items by the
normalisation rules of :mod:`dutyledger._edition.duty_text`, resolves
departments through the registry and mints ids, collecting every problem with
its place.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TypedDict

import attrs

from dutyledger._edition.codec import validate_edition
from dutyledger._edition.departments import DepartmentRegistry
from dutyledger._edition.duty_text import normalise_inline, parse_duty_text, parse_recall_entries
from dutyledger._edition.records import (
    BasicItem,
    ContentsEntry,
    CooperativeItem,
    Edition,
    EditionMeta,
    Jurisdiction,
    ListDeclaration,
    ListKind,
    Preamble,
    PreambleSection,
    RecalledItem,
)
from dutyledger._published.meta import EditionFields, IngestMeta
from dutyledger.exceptions import IngestError, Problem

__all__ = [
    "HEADERS",
    "STAR",
    "PreambleReader",
    "SourceParts",
    "SourceRow",
    "assemble",
    "derive_namespace",
    "mint_id",
    "squash",
]

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

# Numbers in a source: ASCII or full-width digits, at most nine (a page, a count, a 序号);
# any other digit (², ①, ٣) or a longer run is not a number of the format.
_DIGIT = "[0-9０-９]"
_NUMBER = rf"(?<!{_DIGIT}){_DIGIT}{{1,9}}(?!{_DIGIT})"
_WHOLE_NUMBER = re.compile(rf"^{_DIGIT}{{1,9}}$")
COVER_DATE = re.compile(rf"^({_DIGIT}{{4}})年({_DIGIT}{{1,2}})月(?:({_DIGIT}{{1,2}})日)?$")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、\S{2,16}$")
_CONTENTS = re.compile(
    rf"^{_DIGIT}+\.\s*(?P<title>[^.\s…]+?)\s*(?:[.…·]{{2,}}\s*|\t\s*)(?P<page>{_DIGIT}{{1,9}})$"
)
_CATEGORIES = re.compile(rf"包括(?P<names>.+?)等?\s*(?P<count>{_NUMBER})\s*个类别")
_ITEMS = re.compile(rf"个类别[^\d]*?(?P<count>{_NUMBER})\s*项")
_DEPARTMENTS = re.compile(rf"涉及\s*(?P<count>{_NUMBER})\s*个部门")


def squash(line: str) -> str:
    """Return ``line`` without any whitespace (``说 明`` → ``说明``)."""
    return re.sub(r"\s+", "", line)


@attrs.frozen(kw_only=True)
class SourceRow:
    """One row of a list as a source gives it.

    Attributes:
        where: The row's place, for problems about the whole row.
        cells: The cells in the published column order of the list (``HEADERS``).
        cell_where: Each cell's place, in the same order.
        page: The page of the published list the row stands on, if the source says.
    """

    where: str
    cells: tuple[str, ...]
    cell_where: tuple[str, ...]
    page: int | None = None


@attrs.frozen(kw_only=True)
class SourceParts:
    """Everything a reader found: the preamble parts and each list's rows."""

    cover: tuple[str, ...] = ()
    sections: tuple[PreambleSection, ...] = ()
    contents: tuple[ContentsEntry, ...] = ()
    rows: tuple[tuple[ListKind, tuple[SourceRow, ...]], ...] = ()

    def rows_of(self, kind: ListKind) -> tuple[SourceRow, ...]:
        """The rows of one list, in source order."""
        return next((rows for k, rows in self.rows if k is kind), ())

    @property
    def has_preamble(self) -> bool:
        """Whether the source has a cover, a 说明 or a 目录 of its own."""
        return bool(self.cover or self.sections or self.contents)


@attrs.define
class PreambleReader:
    """Reads the lines before the tables: the cover, then 说明, then 目录.

    A reader feeds it every line (or paragraph) until the first list title;
    lines it cannot place become problems at their ``where``.
    """

    problems: list[Problem]
    cover: list[str] = attrs.Factory(list)
    sections: list[PreambleSection] = attrs.Factory(list)
    contents: list[ContentsEntry] = attrs.Factory(list)
    stage: str = "cover"
    section: tuple[str, list[str]] | None = None

    def feed(self, where: str, line: str) -> None:
        """Place one non-blank line (a paragraph, for a Word document)."""
        squashed = squash(line)
        if not squashed:
            return
        if self.stage == "cover":
            if squashed in ("说明", "目录"):
                self.stage = "preamble" if squashed == "说明" else "contents"
            else:
                self.cover.append(line)
        elif self.stage == "preamble":
            self._preamble(where, line, squashed)
        else:
            match = _CONTENTS.match(line.strip())
            if match:
                self.contents.append(ContentsEntry(title=match["title"], page=int(match["page"])))
            else:
                self.problems.append(
                    Problem(
                        where=where,
                        message="expected a contents line: 1. 基本履职事项清单.....<TAB>1",
                    )
                )

    def _preamble(self, where: str, line: str, squashed: str) -> None:
        if squashed == "目录":
            self.close()
            self.stage = "contents"
        elif _SECTION.match(squashed):
            self.close()
            self.section = (line, [])
        elif self.section is None:
            self.problems.append(
                Problem(where=where, message="expected a section title such as 一、基本情况")
            )
        else:
            self.section[1].append(line)

    def close(self) -> None:
        """End the open section, if any (at a list title or the end of the source)."""
        if self.section is not None:
            title, paragraphs = self.section
            self.sections.append(PreambleSection(title=title, paragraphs=tuple(paragraphs)))
        self.section = None

    def first_page(self, kind: ListKind) -> int | None:
        """The page the contents give for a list, if they give one."""
        return next((e.page for e in self.contents if e.title == kind.title), None)


class _Common(TypedDict):
    id: str
    number: int
    category: str
    name: str
    starred: bool
    page: int | None


def _declarations(
    sections: tuple[PreambleSection, ...], problems: list[Problem]
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


def _cover_date(cover: tuple[str, ...]) -> str | None:
    for line in cover:
        match = COVER_DATE.match(squash(line))
        if match:
            year, month, day = match.groups()
            return f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return None


def mint_id(namespace: str, name: str, taken: set[str]) -> str:
    """Mint the id ingest gives an item of this name, unique among ``taken`` (which it joins)."""
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


def read_number(cell: str) -> int | None:
    """Read 序号: a whole number in ASCII or full-width digits (``１２``), at most 9; else ``None``.

    Other digits (``²``, ``①``, ``5²4``) are not 序号 digits, though NFKC would fold them to
    ASCII: a row numbered so is refused, naming its line or cell, never read as another number.
    """
    text = cell.strip()
    if not _WHOLE_NUMBER.match(text):
        return None
    return int(unicodedata.normalize("NFKC", text))


def read_name(cell: str) -> tuple[str, bool]:
    """Read 事项名称: the name without ★ (N6: before or after it) and whether it had one."""
    name = normalise_inline(cell)
    starred = name.startswith(STAR) or name.endswith(STAR)
    if starred:
        name = name.removeprefix(STAR).removesuffix(STAR).strip()
    return name, starred


@attrs.define
class _Rows:
    """Turns table rows into item records, collecting problems with their places."""

    registry: DepartmentRegistry
    namespace: str
    problems: list[Problem]
    taken: set[str] = attrs.Factory(set)

    def _cell_problems(self, row: SourceRow, column: int, found: list[str]) -> None:
        self.problems.extend(Problem(where=row.cell_where[column], message=m) for m in found)

    def common(self, row: SourceRow) -> _Common | None:
        number = read_number(row.cells[0])
        if number is None:
            self._cell_problems(row, 0, [f"expected a whole number, found {row.cells[0]!r}"])
            return None
        name, starred = read_name(row.cells[2])
        return {
            "id": mint_id(self.namespace, name, self.taken),
            "number": number,
            "category": normalise_inline(row.cells[1]),
            "name": name,
            "starred": starred,
            "page": row.page,
        }

    def basic(self, row: SourceRow) -> BasicItem | None:
        base = self.common(row)
        return None if base is None else BasicItem(**base)

    def cooperative(self, row: SourceRow) -> CooperativeItem | None:
        base = self.common(row)
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
        self._cell_problems(row, 3, found)
        upstream_found: list[str] = []
        upstream = parse_duty_text(row.cells[4], self.registry.ref, upstream_found)
        self._cell_problems(row, 4, upstream_found)
        township_found: list[str] = []
        township = parse_duty_text(row.cells[5], self.registry.ref, township_found)
        self._cell_problems(row, 5, township_found)
        return CooperativeItem(
            departments=tuple(refs), upstream_duties=upstream, township_duties=township, **base
        )

    def recalled(self, row: SourceRow) -> RecalledItem | None:
        base = self.common(row)
        if base is None:
            return None
        found: list[str] = []
        receivers = parse_recall_entries(row.cells[3], self.registry.ref, found)
        self._cell_problems(row, 3, found)
        return RecalledItem(receivers=receivers, **base)


def _edition_meta(
    fields: EditionFields, cover: tuple[str, ...], problems: list[Problem]
) -> EditionMeta:
    cover_date = _cover_date(cover)
    date = fields.date or cover_date
    if date is None:
        message = "found no date such as 2025年1月, and the metadata gives none"
        problems.append(Problem(where="cover", message=message))
        date = ""
    elif fields.date and cover_date and fields.date != cover_date:
        message = f"the cover says {cover_date}, the metadata {fields.date}; expected them to agree"
        problems.append(Problem(where="cover", message=message))
    cover_title = "".join(squash(line) for line in cover if not COVER_DATE.match(squash(line)))
    return EditionMeta(
        title=fields.title or cover_title,
        jurisdiction=fields.jurisdiction,
        date=date,
        status=fields.status,
        source=fields.source,
        namespace=fields.namespace or derive_namespace(fields.jurisdiction, date),
        note=fields.note,
    )


def assemble(
    parts: SourceParts,
    meta: IngestMeta,
    *,
    name: str,
    problems: list[Problem],
    preamble: Preamble | None = None,
) -> Edition:
    """Build the edition from a source's parts, or raise with every problem found.

    Args:
        parts: What the reader found.
        meta: Edition facts the source does not give, and the department registry.
        name: How to name the source in error messages (its file name).
        problems: The reader's own problems so far; assembling adds its own.
        preamble: The preamble to use when the source has none of its own (a
            workbook): from ``--meta EDITION``. Without it, such an edition's
            preamble is empty.

    Raises:
        IngestError: Any problem, the reader's or the rows'; every one is listed.
    """
    registry, registry_problems = DepartmentRegistry.from_departments(
        meta.departments, where="departments"
    )
    problems += registry_problems
    own = parts.has_preamble or preamble is None
    cover = parts.cover if own or preamble is None else preamble.title_lines
    edition_meta = _edition_meta(meta.edition, cover, problems)
    rows = _Rows(registry, edition_meta.namespace, problems)
    basic = [rows.basic(row) for row in parts.rows_of(ListKind.BASIC)]
    cooperative = [rows.cooperative(row) for row in parts.rows_of(ListKind.COOPERATIVE)]
    recalled = [rows.recalled(row) for row in parts.rows_of(ListKind.RECALLED)]
    if own or preamble is None:
        preamble = Preamble(
            title_lines=parts.cover,
            sections=parts.sections,
            declarations=_declarations(parts.sections, problems),
            contents=parts.contents,
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
