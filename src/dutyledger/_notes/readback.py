"""Reading a filled 调整说明 form back into notes.

Reading goes by the hidden 标识 and 调整类型 of each row, never by its position, so
rows may be sorted or filtered freely. Dates may be typed as text (``2025年3月1日``,
``2025-03-01``) or be real Excel dates; a cell that cannot be read is a problem naming
its sheet, row and column.
"""

from __future__ import annotations

import datetime
import io
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dutyledger._changes.adjustments import ADJUSTMENT_KINDS
from dutyledger._edition.damaged import DAMAGED_OOXML
from dutyledger._edition.records import Jurisdiction
from dutyledger._extras import require
from dutyledger._notes.records import NOTES_FORMAT, Note, Notes, Signoff, parse_date
from dutyledger._notes.workbook import (
    COLUMNS,
    FEATURE,
    KEY,
    MAIN_SHEET,
    META_SHEET,
    NOTE_FIELDS,
    STALE_SHEET,
)
from dutyledger.exceptions import NotesError, Problem

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["cell_of", "read_workbook", "read_workbook_places"]


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _text_of(value: Any) -> str:
    """A cell's value as the text staff typed: numbers without a trailing .0, blanks trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _date_of(value: Any) -> datetime.date:
    """A date cell: a real date, an Excel serial number, or text like 2025-12-01 or 2025年12月1日.

    Raises:
        ValueError: Anything else, or no such day.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = _text_of(value)
    found = _DATE_TEXT.match(text)
    if found:
        year, month, day = (int(g) for g in found.groups())
        return parse_date(f"{year:04d}-{month:02d}-{day:02d}")
    raise ValueError(f"expected a date such as 2025-12-01 or 2025年12月1日, found {text!r}")


def _meta(book: Any, name: str) -> tuple[Jurisdiction, str, str, bool]:
    if META_SHEET not in book.sheetnames or MAIN_SHEET not in book.sheetnames:
        message = (
            f"not a notes workbook: expected the sheets {MAIN_SHEET} and {META_SHEET}, "
            "as `dutyledger notes OLD NEW -o 调整说明.xlsx` writes them"
        )
        raise NotesError(name, [Problem(where="workbook", message=message)])
    sheet = book[META_SHEET]
    values = {
        _text_of(row[0]): _text_of(row[1]) for row in sheet.iter_rows(values_only=True) if row[0]
    }
    if values.get("format") != NOTES_FORMAT:
        message = f"expected format {NOTES_FORMAT!r}, found {values.get('format')!r}"
        raise NotesError(name, [Problem(where=f"{META_SHEET}!B1", message=message)])
    jurisdiction = Jurisdiction(
        province=values.get("province", ""),
        city=values.get("city", ""),
        county=values.get("county", ""),
        township=values.get("township", ""),
    )
    illustrative = values.get("illustrative") == "true"
    return jurisdiction, values.get("old", ""), values.get("new", ""), illustrative


def _header(sheet: Worksheet, name: str) -> tuple[dict[str, int], int]:
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=10), 1):
        headers = {_text_of(c.value): c.column for c in row if c.value is not None}
        if KEY in headers:
            missing = [h for h in COLUMNS if h not in headers]
            if missing:
                message = (
                    f"the column(s) {'、'.join(missing)} are missing; expected {'、'.join(COLUMNS)}"
                )
                raise NotesError(name, [Problem(where=f"{sheet.title}!{number}", message=message)])
            return {h: headers[h] for h in COLUMNS}, number
    message = (
        f"no header row with the column {KEY}; expected the form as written by `dutyledger notes`"
    )
    raise NotesError(name, [Problem(where=sheet.title, message=message)])


def _rows(sheet: Worksheet, name: str, problems: list[Problem]) -> Iterator[tuple[Note, int]]:
    from openpyxl.utils import get_column_letter

    columns, header_row = _header(sheet, name)
    for row, cells in enumerate(sheet.iter_rows(min_row=header_row + 1), header_row + 1):
        values = {h: cells[c - 1].value if c - 1 < len(cells) else None for h, c in columns.items()}

        def where(header: str, row: int = row) -> str:
            return f"{sheet.title}!{get_column_letter(columns[header])}{row}"

        fields = {field: values[header] for header, field, _ in NOTE_FIELDS}
        key, kind = _text_of(values[KEY]), _text_of(values["调整类型"])
        if all(_text_of(v) == "" for v in fields.values()):
            continue  # a row left blank: no note
        if not key:
            message = "notes on a row without 标识; expected notes only on the rows the form lists"
            problems.append(Problem(where=where(KEY), message=message))
            continue
        if kind not in ADJUSTMENT_KINDS:
            message = f"expected a 调整类型, one of {'、'.join(ADJUSTMENT_KINDS)}; found {kind!r}"
            problems.append(Problem(where=where("调整类型"), message=message))
            continue
        signoffs: dict[str, Signoff | None] = {}
        for part, label in (("reviewed", "审核"), ("approved", "批准")):
            by, date = _text_of(fields[f"{part}.by"]), fields[f"{part}.date"]
            if not by and _text_of(date) == "":
                signoffs[part] = None
                continue
            if not by:
                message = f"{label}日期 without {label}人; expected who {label} it"
                problems.append(Problem(where=where(f"{label}人"), message=message))
                continue
            try:
                signoffs[part] = Signoff(by=by, date=_date_of(date))
            except ValueError as exc:
                problems.append(Problem(where=where(f"{label}日期"), message=str(exc)))
        if len(signoffs) != 2:
            continue
        try:
            note = Note(
                key=key,
                kind=kind,  # checked against ADJUSTMENT_KINDS above
                name=_text_of(values["事项名称"]),
                reason=_text_of(fields["reason"]),
                basis=tuple(
                    line.strip() for line in _text_of(fields["basis"]).split("\n") if line.strip()
                ),
                proposer=_text_of(fields["proposer"]),
                opinions=_text_of(fields["opinions"]),
                remarks=_text_of(fields["remarks"]),
                reviewed=signoffs["reviewed"],
                approved=signoffs["approved"],
            )
        except ValueError as exc:
            problems.append(Problem(where=f"{sheet.title}!{row}", message=str(exc)))
            continue
        yield note, row


def cell_of(sheet: str, row: int, path: str) -> str:
    """The cell of a note's field: ``.basis[1]`` of the note on row 7 → ``调整说明!K7``.

    Args:
        sheet: The note's sheet.
        row: The note's row.
        path: A JSON path inside the note (``.key``, ``.reason``, ``.basis[1]``,
            ``.reviewed.date`` …); the row alone for any other.
    """
    from openpyxl.utils import get_column_letter

    field = path.lstrip(".").split("[", 1)[0].split(".", 1)[0]
    headers = {f: h for h, f, _ in NOTE_FIELDS} | {
        "key": KEY,
        "kind": "调整类型",
        "name": "事项名称",
        "reviewed": "审核人",
        "approved": "批准人",
    }
    header = headers.get(field)
    if header in {"审核人", "批准人"} and path.endswith(".date"):
        header = header[:2] + "日期"
    column = get_column_letter(COLUMNS.index(header) + 1) if header else ""
    return f"{sheet}!{column}{row}"


def read_workbook(data: bytes, *, name: str = "<workbook>") -> Notes:
    """Read the notes of a filled 调整说明 form; see :func:`read_workbook_places`."""
    return read_workbook_places(data, name=name)[0]


def read_workbook_places(
    data: bytes, *, name: str = "<workbook>"
) -> tuple[Notes, tuple[tuple[str, int], ...]]:
    """Read the notes of a filled 调整说明 form: every row with something written in it.

    Rows are read by their hidden 标识 and their 调整类型, in any order; the
    失效说明 sheet's notes are read too (they stay stale until staff delete
    them). Surrounding blanks of a cell are dropped; 调整依据 is split at line
    breaks, one citation a line.

    Args:
        data: The xlsx file's bytes.
        name: The file's name, for messages.

    Returns:
        The notes, the 调整说明 sheet's first, in row order; and the sheet and
        row each note was read from.

    Raises:
        NotesError: Not a notes workbook, or cells that cannot be read (a
            date that is no date, a note on a row without 标识); every problem
            names its cell (``调整说明!P7``).
    """
    openpyxl = require("openpyxl", extra="office", feature=FEATURE)

    try:
        with warnings.catch_warnings():
            # openpyxl warns on stderr of what it cannot take (a date serial out of range);
            # the cell itself is then read, and reported, like any other.
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(io.BytesIO(data), rich_text=False)
    except DAMAGED_OOXML as exc:
        message = f"cannot be read as an xlsx workbook: {exc.__class__.__name__}: {exc}"
        raise NotesError(name, [Problem(where="file", message=message)]) from None
    jurisdiction, old, new, illustrative = _meta(book, name)
    problems: list[Problem] = []
    found = [(n, (MAIN_SHEET, r)) for n, r in _rows(book[MAIN_SHEET], name, problems)]
    if STALE_SHEET in book.sheetnames:
        found += [(n, (STALE_SHEET, r)) for n, r in _rows(book[STALE_SHEET], name, problems)]
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for note, (sheet, row) in found:
        first = seen.setdefault((note.key, note.kind), (sheet, row))
        if first != (sheet, row):
            message = (
                f"a second row for {note.key} ({note.kind}); the first is {first[0]}!{first[1]}; "
                "expected one row per 事项"
            )
            problems.append(Problem(where=f"{sheet}!{row}", message=message))
    if problems:
        raise NotesError(name, problems)
    try:
        notes = Notes(
            jurisdiction=jurisdiction,
            old=old,
            new=new,
            illustrative=illustrative,
            notes=tuple(n for n, _ in found),
        )
        return notes, tuple(place for _, place in found)
    except ValueError as exc:
        raise NotesError(name, [Problem(where=META_SHEET, message=str(exc))]) from None
