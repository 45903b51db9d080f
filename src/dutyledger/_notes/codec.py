"""The notes file format ``dutyledger.notes/1``: one converter, canonical JSON, every problem.

The format is described in ``docs/notes.md``. :func:`load_notes` also takes a
filled notes workbook (``dutyledger notes OLD NEW -o 调整说明.xlsx``): it tells
the two apart by their content, never by the file name.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

import cattrs

from dutyledger._changes.adjustments import ADJUSTMENT_KINDS, AdjustmentKind
from dutyledger._edition.codec import make_converter, read_json, structure_problems
from dutyledger._notes.records import NOTES_FORMAT, Notes, check_text, parse_date
from dutyledger.exceptions import NotesError, Problem

__all__ = [
    "NOTES_FORMAT",
    "dump_notes",
    "is_workbook",
    "load_notes",
    "make_notes_converter",
    "notes_from_dict",
    "notes_to_dict",
    "parse_date",
]

_ZIP_MAGIC = b"PK\x03\x04"


def _structure_date(value: Any, _: type) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError("expected a date written YYYY-MM-DD (a string)")
    return parse_date(value)


def _structure_kind(value: Any, _: type) -> str:
    if value not in ADJUSTMENT_KINDS:
        raise ValueError(
            f"expected a 调整类型, one of {'、'.join(ADJUSTMENT_KINDS)}; "
            f"found {json.dumps(value, ensure_ascii=False)}"
        )
    kind: str = value
    return kind


def _structure_text(value: Any, _: type) -> str:
    # Checked here as well as by the records, so the problem names the field, not the note.
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {type(value).__name__}")
    check_text(None, None, value)
    return value


def _structure_texts(value: Any, _: type) -> tuple[str, ...]:
    # cattrs would take a string for a sequence of its characters; a citation list is an array.
    if not isinstance(value, list):
        raise TypeError("expected an array of strings (one citation each)")
    for text in value:
        if not isinstance(text, str):
            raise TypeError("expected an array of strings (one citation each)")
        check_text(None, None, text)
    return tuple(value)


def make_notes_converter() -> cattrs.Converter:
    """Make the converter for notes records: the edition converter's strictness, plus dates.

    A notes file is written by staff (or read back from their form), not only by
    :func:`dump_notes`: a field with a default (审核, 批准, 备注 …) may be left out, as in
    a reviewed crosswalk. Everything present is checked as strictly as in an edition.

    Returns:
        A new converter, owned by the caller.
    """
    converter = make_converter(every_field=False)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_structure_hook(str, _structure_text)
    converter.register_structure_hook_func(lambda t: t == AdjustmentKind, _structure_kind)
    converter.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_texts)
    return converter


def _duplicates(notes: Notes) -> list[Problem]:
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for index, note in enumerate(notes.notes):
        first = seen.setdefault((note.key, note.kind), index)
        if first != index:
            message = (
                f"a second note for {note.key} ({note.kind}); the first is $.notes[{first}]; "
                "expected one note per 事项 and 调整类型"
            )
            problems.append(Problem(where=f"$.notes[{index}].key", message=message))
    return problems


def notes_from_dict(
    data: dict[str, Any], name: str = "<notes>", *, converter: cattrs.Converter | None = None
) -> Notes:
    """Build notes from parsed JSON, with every problem found.

    Raises:
        NotesError: Naming ``name`` and the JSON path of each fault.
    """
    data = dict(data)
    problems: list[Problem] = []
    fmt = data.pop("format", None)
    if fmt != NOTES_FORMAT:
        message = f"expected {NOTES_FORMAT!r}, found {fmt!r}"
        problems.append(Problem(where="$.format", message=message))
    notes, structure = structure_problems(converter or make_notes_converter(), data, Notes)
    problems += structure
    if notes is not None:
        problems += _duplicates(notes)
    if problems or notes is None:
        raise NotesError(name, problems)
    return notes


def is_workbook(raw: bytes) -> bool:
    """Whether bytes are an Office Open XML file (a ZIP), as a filled notes workbook is."""
    return raw.startswith(_ZIP_MAGIC)


def load_notes(
    source: str | bytes | os.PathLike[str], *, converter: cattrs.Converter | None = None
) -> Notes:
    """Load notes from a notes file (JSON) or a filled notes workbook (xlsx).

    Args:
        source: A path, or the content itself: JSON text (a ``str`` starting
            with ``{``) or bytes (JSON, or the bytes of an xlsx file).
        converter: The converter to use; a new one from
            :func:`make_notes_converter` by default.

    Returns:
        The notes, in the file's order.

    Raises:
        NotesError: The input is neither a valid notes file nor a notes
            workbook; every problem is listed with its JSON path or cell.
    """
    name, raw = "<bytes>", b""
    if isinstance(source, bytes):
        raw = source
    elif not (isinstance(source, str) and source.lstrip().startswith("{")):
        name = str(source)
        try:
            with Path(source).open("rb") as handle:
                raw = handle.read(len(_ZIP_MAGIC))
        except OSError as exc:
            message = f"cannot read: {exc.strerror}"
            raise NotesError(name, [Problem(where="file", message=message)]) from None
        if is_workbook(raw):
            raw = Path(source).read_bytes()
    if is_workbook(raw):
        from dutyledger._notes.readback import read_workbook

        return read_workbook(raw, name=name)
    name, data = read_json(source, NotesError)
    return notes_from_dict(data, name, converter=converter)


def notes_to_dict(notes: Notes, *, converter: cattrs.Converter | None = None) -> dict[str, Any]:
    """Return notes as plain data, ``format`` first, in canonical key order."""
    data = (converter or make_notes_converter()).unstructure(notes)
    return {"format": NOTES_FORMAT, **data}


def dump_notes(notes: Notes, *, converter: cattrs.Converter | None = None) -> str:
    """Return the canonical JSON text of notes.

    Canonical as the edition files are: UTF-8 with Chinese unescaped, the
    records' field order as key order, every field written, 2-space indent, one
    newline at the end; ``dump_notes(load_notes(x)) == x`` for every canonical
    ``x``.
    """
    data = notes_to_dict(notes, converter=converter)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
