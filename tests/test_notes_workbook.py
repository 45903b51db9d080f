"""The 调整说明 form: what staff get in Excel/WPS, and what is read back from it."""

from __future__ import annotations

import contextlib
import datetime
import io
import random
import warnings
import zipfile
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dutyledger
import strategies
from conftest import ROOT
from dutyledger import ChangeSet, Edition, Note, Notes, NotesError, Signoff
from dutyledger._notes.readback import cell_of, read_workbook
from dutyledger._notes.workbook import (
    COLUMNS,
    MAIN_SHEET,
    STALE_SHEET,
    SheetRow,
    sheet_rows,
    write_workbook,
)
from dutyledger._report.build import build_report
from samples import marked_encrypted

EXAMPLE_NOTES = ROOT / "examples" / "2026-01-illustrative.notes.json"
FIRST = 4  # the first row of data, under the title, the instructions and the header


@pytest.fixture(scope="module")
def form_rows(
    seed_edition: Edition, example_edition: Edition, example_changes: ChangeSet
) -> tuple[SheetRow, ...]:
    """The rows of the form for 2025-01 → the example: the 调整对照表's, in its order."""
    return sheet_rows(build_report(example_changes, seed_edition, example_edition))


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _column(header: str) -> int:
    return COLUMNS.index(header) + 1


def _as_read(notes: Notes, rows: tuple[SheetRow, ...]) -> Notes:
    """What the form gives back: notes in report order, each named as its row names it."""
    names = {r.key: r.name for r in rows}
    order = {r.key: n for n, r in enumerate(rows)}
    kept = sorted(notes.notes, key=lambda n: order[n.key])
    return attrs.evolve(notes, notes=tuple(attrs.evolve(n, name=names[n.key]) for n in kept))


@settings(max_examples=15)
@given(data=st.data())
def test_xlsx_notes_xlsx_round_trip(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
    data: st.DataObject,
) -> None:
    """Form with notes → notes → form: the notes come back as written, hostile texts included."""
    keys = tuple((a.key, a.kind) for a in form_rows)
    drawn = data.draw(strategies.notes(keys=keys, jurisdiction=seed_edition.meta.jurisdiction))
    notes = attrs.evolve(drawn, old="2025-01", new="2026-01")
    first = write_workbook(seed_edition, example_edition, example_changes, notes)
    read = read_workbook(first)
    assert _as_read(notes, form_rows) == read
    again = write_workbook(seed_edition, example_edition, example_changes, read)
    assert read == read_workbook(again)
    sheet_a, sheet_b = _book(first)[MAIN_SHEET], _book(again)[MAIN_SHEET]
    assert [[c.value for c in r] for r in sheet_a.iter_rows()] == [
        [c.value for c in r] for r in sheet_b.iter_rows()
    ]


def test_the_form_has_a_row_per_adjustment_with_the_identity_locked_and_the_notes_open(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """Hidden 标识, locked identity columns, open note columns, protection without a password."""
    sheet = _book(write_workbook(seed_edition, example_edition, example_changes))[MAIN_SHEET]
    assert sheet.column_dimensions["A"].hidden
    assert [a.key for a in form_rows] == [
        sheet.cell(row=FIRST + n, column=1).value for n in range(len(form_rows))
    ]
    assert list(COLUMNS) == [c.value for c in sheet[FIRST - 1]]
    assert sheet.protection.sheet
    assert not sheet.protection.password
    assert not sheet.protection.autoFilter  # filtering stays allowed
    row = FIRST + 2
    for column, header in enumerate(COLUMNS, 1):
        locked = sheet.cell(row=row, column=column).protection.locked
        assert locked == (column <= COLUMNS.index("调整后") + 1), header
    assert "分设" in {sheet.cell(row=r, column=_column("调整类型")).value for r in range(FIRST, 40)}


def test_the_proposer_drop_down_lists_the_township_and_the_departments(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """提出单位 has a list validation over a hidden sheet: 甘沟乡人民政府, then the registry."""
    book = _book(write_workbook(seed_edition, example_edition, example_changes))
    sheet = book[MAIN_SHEET]
    [choices] = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    letter = openpyxl.utils.get_column_letter(_column("提出单位"))
    assert str(choices.sqref).startswith(f"{letter}{FIRST}:")
    source_sheet, _, cells = choices.formula1.partition("!")
    options = [c.value for c in book[source_sheet]["A"]]
    assert "hidden" == book[source_sheet].sheet_state
    assert "甘沟乡人民政府" == options[0]
    assert {d.name for d in example_edition.departments} <= set(options)
    assert cells.endswith(f"${len(options)}")
    dates = [v for v in sheet.data_validations.dataValidation if v.type == "date"]
    assert 1 == len(dates)


def test_the_form_prints_on_a4_landscape_in_song_and_fangsong_with_borders(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """Paper, orientation, fit to width, header row repeated, frozen header, fonts, borders."""
    sheet = _book(write_workbook(seed_edition, example_edition, example_changes))[MAIN_SHEET]
    assert "9" == str(sheet.page_setup.paperSize)  # A4
    assert "landscape" == sheet.page_setup.orientation
    assert 1 == sheet.page_setup.fitToWidth
    assert "$3:$3" == sheet.print_title_rows
    assert f"B{FIRST}" == sheet.freeze_panes
    header = sheet.cell(row=FIRST - 1, column=2)
    body = sheet.cell(row=FIRST, column=_column("调整理由"))
    assert ("宋体", True) == (header.font.name, header.font.bold)
    assert "仿宋" == body.font.name
    assert "thin" == body.border.left.style == body.border.bottom.style


def test_rows_may_be_sorted_the_notes_stay_with_their_key(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """Shuffle the rows of a filled form (as a sort would): each note still reads back to its 事项."""
    notes = dutyledger.load_notes(EXAMPLE_NOTES)
    book = _book(write_workbook(seed_edition, example_edition, example_changes, notes))
    sheet = book[MAIN_SHEET]
    rows = [
        [c.value for c in r]
        for r in sheet.iter_rows(min_row=FIRST, max_row=FIRST + len(form_rows) - 1)
    ]
    random.Random(7).shuffle(rows)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, 1):
            sheet.cell(row=FIRST + offset, column=column).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_workbook(buffer.getvalue())
    assert {(n.key, n.kind): n for n in _as_read(notes, form_rows).notes} == {
        (n.key, n.kind): n for n in read.notes
    }


def _fill(data: bytes, cells: dict[tuple[int, str], Any]) -> bytes:
    book = _book(data)
    for (row, header), value in cells.items():
        book[MAIN_SHEET].cell(row=row, column=_column(header)).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_what_staff_type_is_read_as_they_meant_it(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """Dates typed as dates, as 2025年12月1日 or as text; citations a line each; blanks trimmed."""
    blank = write_workbook(seed_edition, example_edition, example_changes)
    filled = _fill(
        blank,
        {
            (FIRST, "调整理由"): "  理由  ",
            (
                FIRST,
                "调整依据",
            ): "《中华人民共和国土地管理法》第六十七条\r\n\n乌编办发〔2025〕12号 ",
            (FIRST, "审核人"): "县委编办",
            (FIRST, "审核日期"): datetime.datetime(2025, 12, 1),
            (FIRST, "批准人"): "县编委",
            (FIRST, "批准日期"): "2025年12月9日",
            (FIRST + 1, "备注"): 12,
        },
    )
    first, second = read_workbook(filled).notes
    assert "理由" == first.reason
    assert ("《中华人民共和国土地管理法》第六十七条", "乌编办发〔2025〕12号") == first.basis
    assert Signoff(by="县委编办", date=datetime.date(2025, 12, 1)) == first.reviewed
    assert Signoff(by="县编委", date=datetime.date(2025, 12, 9)) == first.approved
    assert (form_rows[1].key, "12") == (second.key, second.remarks)


def test_bad_cells_are_named(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """A date that is no date, a date without a name, a note on a row without 标识: each cell named."""
    blank = write_workbook(seed_edition, example_edition, example_changes)
    date = openpyxl.utils.get_column_letter(_column("审核日期"))
    name = openpyxl.utils.get_column_letter(_column("批准人"))
    last = FIRST + len(form_rows)
    filled = _fill(
        blank,
        {
            (FIRST, "审核人"): "某",
            (FIRST, "审核日期"): "下周",
            (FIRST + 1, "批准日期"): "2025-12-01",
            (last, "调整理由"): "无主的说明",
        },
    )
    with pytest.raises(NotesError) as caught:
        read_workbook(filled, name="调整说明.xlsx")
    where = [p.where for p in caught.value.problems]
    assert [f"调整说明!{date}{FIRST}", f"调整说明!{name}{FIRST + 1}", f"调整说明!A{last}"] == where
    assert "调整说明.xlsx" in str(caught.value)


def test_formulas_stay_text(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """A note starting with = is stored as a string cell, never a formula, and read back as typed."""
    note = Note(key=form_rows[0].key, kind=form_rows[0].kind, reason='=cmd|"/c calc"!A1')
    notes = Notes(
        jurisdiction=seed_edition.meta.jurisdiction, old="2025-01", new="2026-01", notes=(note,)
    )
    data = write_workbook(seed_edition, example_edition, example_changes, notes)
    cell = _book(data)[MAIN_SHEET].cell(row=FIRST, column=_column("调整理由"))
    assert ("s", '=cmd|"/c calc"!A1') == (cell.data_type, cell.value)
    assert note.reason == read_workbook(data).notes[0].reason


def test_stale_notes_get_their_own_sheet_and_survive_the_round_trip(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """A stale note is written on 失效说明 and read back from it: never dropped by the form."""
    changed = next(a for a in form_rows if a.kind == "变更")
    stale = Note(key=changed.key, kind="上收", reason="旧的说明")
    notes = Notes(
        jurisdiction=seed_edition.meta.jurisdiction, old="2025-01", new="2026-01", notes=(stale,)
    )
    data = write_workbook(seed_edition, example_edition, example_changes, notes)
    assert STALE_SHEET in _book(data).sheetnames
    assert (stale,) == read_workbook(data).notes


def test_a_workbook_that_is_no_notes_form_is_refused(tmp_path: Any) -> None:
    """Any other xlsx is a NotesError saying what was expected; load_notes tells xlsx by content."""
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "notes.json"  # the name says JSON; the content is a workbook
    path.write_bytes(buffer.getvalue())
    with pytest.raises(NotesError, match="not a notes workbook"):
        dutyledger.load_notes(path)
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(NotesError, match="cannot be read"):
        dutyledger.load_notes(tmp_path / "bad.xlsx")


def test_a_date_out_of_range_is_no_warning_on_stderr(
    seed_edition: Edition, example_edition: Edition, example_changes: ChangeSet
) -> None:
    """A date cell holding 1e20 (found by fuzzing): openpyxl's UserWarning stays off stderr."""
    book = _book(write_workbook(seed_edition, example_edition, example_changes))
    sheet = book[MAIN_SHEET]
    dated = [c for c in sheet[FIRST] if c.number_format == 'yyyy"年"m"月"d"日"']
    assert dated  # the form has date columns (审核 and 批准)
    dated[0].value = 1e20
    buffer = io.BytesIO()
    book.save(buffer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(NotesError):
            dutyledger.load_notes(buffer.getvalue())
    assert [] == [str(w.message) for w in caught]


def test_a_form_with_broken_xml_is_refused(
    seed_edition: Edition, example_edition: Edition, example_changes: ChangeSet
) -> None:
    """A filled form whose sheet is not XML (found by fuzzing: xml.etree's ParseError escaped)."""
    source = io.BytesIO(write_workbook(seed_edition, example_edition, example_changes))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            broken = info.filename.startswith("xl/worksheets/sheet1")
            new.writestr(info, old.read(info) + b"<c><" if broken else old.read(info))
    with pytest.raises(NotesError, match=r"cannot be read as an xlsx workbook: ParseError"):
        dutyledger.load_notes(out.getvalue())


def test_a_form_with_a_part_marked_encrypted_is_refused(
    seed_edition: Edition, example_edition: Edition, example_changes: ChangeSet
) -> None:
    """A form whose sheet is flagged encrypted: one NotesError, not zipfile's RuntimeError.

    Found by the fuzz campaign (notes:20261213:348260).
    """
    form = write_workbook(seed_edition, example_edition, example_changes)
    with pytest.raises(NotesError, match=r"cannot be read as an xlsx workbook: RuntimeError"):
        dutyledger.load_notes(marked_encrypted(form, "xl/worksheets/sheet"))


@pytest.mark.parametrize(
    ("path", "cell"),
    [
        (".key", "调整说明!A7"),
        (".reason", "调整说明!J7"),
        (".basis[1]", "调整说明!K7"),
        (".reviewed", "调整说明!O7"),
        (".reviewed.date", "调整说明!P7"),
        (".approved.date", "调整说明!R7"),
        ("", "调整说明!7"),
    ],
)
def test_a_notes_path_names_its_cell_in_the_form(path: str, cell: str) -> None:
    """A finding's JSON path inside a note becomes the cell staff fix in the form."""
    assert cell == cell_of(MAIN_SHEET, 7, path)


def test_a_text_longer_than_an_excel_cell_is_refused_not_cut(
    seed_edition: Edition,
    example_edition: Edition,
    example_changes: ChangeSet,
    form_rows: tuple[SheetRow, ...],
) -> None:
    """Excel cuts cells at 32,767 characters: the form refuses such a note, naming it."""
    first = form_rows[0]
    note = Note(key=first.key, kind=first.kind, reason="长" * 32768)
    notes = Notes(
        jurisdiction=seed_edition.meta.jurisdiction, old="2025-01", new="2026-01", notes=(note,)
    )
    with pytest.raises(NotesError, match=r"调整理由 of .* 32768 characters"):
        write_workbook(seed_edition, example_edition, example_changes, notes)
