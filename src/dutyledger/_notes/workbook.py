"""The notes workbook: the 调整说明 form staff fill in Excel or WPS, and reading it back.

``dutyledger notes OLD NEW -o 调整说明.xlsx`` writes the rows of the staff
调整对照表, one per adjusted 事项, its identifying columns locked (grey) and its
note columns open (white):

* sheet 调整说明: a hidden 标识 column (the adjustment's key), then 序号, 清单,
  事项类别, 事项名称, 调整类型, 变更要素, 调整前, 调整后 (locked), then 调整理由, 调整依据 (one
  citation a line), 提出单位 (a drop-down of the township and the registry's
  departments), 相关部门意见, 备注, 审核人, 审核日期, 批准人, 批准日期 (open);
* sheet 失效说明, only when there are stale notes: they are kept, never dropped;
* a hidden sheet 选项 with the drop-down's entries, and a very hidden sheet
  ``dutyledger`` with the format, township and dates, so that the file alone
  can be read back.

The sheets are protected without a password (审阅 → 撤销工作表保护), to keep
the identifying columns from being typed over by mistake, not as a lock.
Reading a filled form back is :mod:`readback`'s: it goes by the hidden 标识 and
调整类型 of each row, never by its position, so rows may be sorted or filtered freely.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from dutyledger._changes.adjustments import AdjustmentKind, adjustments
from dutyledger._changes.changeset import ChangeSet
from dutyledger._edition.records import Edition, Jurisdiction
from dutyledger._edition.stable_zip import document_time, stable_zip
from dutyledger._extras import require
from dutyledger._notes.records import NOTES_FORMAT, Note, Notes
from dutyledger._report.model import Cell, Report
from dutyledger.exceptions import NotesError, Problem

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "COLUMNS",
    "FEATURE",
    "KEY",
    "MAIN_SHEET",
    "META_SHEET",
    "NOTE_FIELDS",
    "STALE_SHEET",
    "SheetRow",
    "proposers",
    "sheet_rows",
    "write_workbook",
]

MAIN_SHEET = "调整说明"
STALE_SHEET = "失效说明"
_LIST_SHEET = "选项"
META_SHEET = "dutyledger"
FEATURE = "the notes workbook"

KEY = "标识"
NOTE_FIELDS = (
    ("调整理由", "reason", 24),
    ("调整依据", "basis", 20),
    ("提出单位", "proposer", 12),
    ("相关部门意见", "opinions", 16),
    ("备注", "remarks", 10),
    ("审核人", "reviewed.by", 10),
    ("审核日期", "reviewed.date", 14),
    ("批准人", "approved.by", 10),
    ("批准日期", "approved.date", 14),
)
"""The open columns: header, the note's field, width."""

_FIXED = (
    (KEY, 12),
    ("序号", 5),
    ("清单", 13),
    ("事项类别", 8),
    ("事项名称", 22),
    ("调整类型", 7),
    ("变更要素", 9),
    ("调整前", 24),
    ("调整后", 24),
)
COLUMNS: tuple[str, ...] = tuple(h for h, _ in _FIXED) + tuple(h for h, _, _ in NOTE_FIELDS)
"""Every column of the 调整说明 and 失效说明 sheets, in order."""

_WIDTHS = tuple(w for _, w in _FIXED) + tuple(w for _, _, w in NOTE_FIELDS)
_HEADER_ROW = 3
_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
_INSTRUCTION = (
    "填写说明：灰底列为清单内容，已锁定；白底列请填写。调整依据每条一行（Alt+Enter 换行），"
    "如《中华人民共和国土地管理法》第六十七条、乌编办发〔2025〕12号。提出单位可从下拉列表选择。"
    "审核、批准请填人名和日期。可排序、筛选；工作表保护无密码（审阅→撤销工作表保护）。"
)


@attrs.frozen(kw_only=True)
class SheetRow:
    """One row of the form: an adjusted 事项 as the 调整对照表 shows it.

    Attributes:
        key: The adjustment's key (the hidden 标识).
        kind: 调整类型.
        number: 序号, running from 1 (none on the 失效说明 sheet).
        lists: 清单 and 序号 before → after (``基本 117 → 收回 56``).
        category: 事项类别.
        name: 事项名称.
        elements: 变更要素, joined by 、.
        old: 调整前, the changed characters marked.
        new: 调整后, the changed characters marked.
    """

    key: str
    kind: AdjustmentKind
    number: int | None
    lists: str
    category: str
    name: str
    elements: str
    old: Cell = attrs.field(factory=lambda: Cell(text=""))
    new: Cell = attrs.field(factory=lambda: Cell(text=""))


def sheet_rows(report: Report) -> tuple[SheetRow, ...]:
    """One row per 事项 of the report's 调整对照表, in its order and with its 序号."""
    return tuple(
        SheetRow(
            key=row.key,
            kind=cast(AdjustmentKind, row.kind),  # the report's rows take it from the adjustment
            number=row.number,
            lists=row.lists,
            category=row.category,
            name=row.name,
            elements="、".join(row.elements),
            old=row.old,
            new=row.new,
        )
        for row in report.rows
    )


def proposers(old: Edition, new: Edition) -> tuple[str, ...]:
    """The drop-down's entries for 提出单位: the township's government, then every department."""
    township = f"{new.meta.jurisdiction.township}人民政府"
    names = [township]
    names.extend(d.name for edition in (new, old) for d in edition.departments)
    return tuple(dict.fromkeys(names))


def _rich(cell: Cell) -> Any:
    """A 调整前/调整后 text with its changes marked as the 调整对照表 marks them."""
    from dutyledger._report import xlsx

    return xlsx._rich(cell)  # one marking for the report and the form


def _set(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """Put a value in a cell; text is always text, never a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=cmd|…" stays the characters "=cmd|…"
    return cell


def _note_values(note: Note | None) -> list[Any]:
    if note is None:
        return [None] * len(NOTE_FIELDS)
    return [
        note.reason or None,
        "\n".join(note.basis) or None,
        note.proposer or None,
        note.opinions or None,
        note.remarks or None,
        note.reviewed.by if note.reviewed else None,
        note.reviewed.date if note.reviewed else None,
        note.approved.by if note.approved else None,
        note.approved.date if note.approved else None,
    ]


EXCEL_CELL_LIMIT = 32767
"""The most characters an Excel cell holds; Excel cuts a longer text when it opens the file."""


def _too_long(notes: Notes) -> list[Problem]:
    problems = []
    for index, note in enumerate(notes.notes):
        for (header, _, _), value in zip(NOTE_FIELDS, _note_values(note), strict=True):
            if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
                message = (
                    f"{header} of {note.key} ({note.kind}) has {len(value)} characters; "
                    f"an Excel cell holds at most {EXCEL_CELL_LIMIT}"
                )
                problems.append(Problem(where=f"$.notes[{index}]", message=message))
    return problems


def _height(values: Sequence[Any]) -> float:
    """A row tall enough for its longest cell: a CJK character takes two width units."""
    lines = 1
    for value, width in zip(values[1:], _WIDTHS[1:], strict=True):
        if isinstance(value, str):
            per_line = max(1, int(width / 2.3))
            lines = max(lines, sum(len(part) // per_line + 1 for part in value.split("\n")))
    return 15.0 * min(lines, 27)  # Excel caps a row at 409 points


def _form_sheet(
    sheet: Worksheet,
    title: str,
    rows: Sequence[tuple[SheetRow, Note | None]],
    choices: str | None,
) -> None:
    openpyxl = require("openpyxl", extra="office", feature=FEATURE)
    styles = openpyxl.styles
    from openpyxl.utils import get_column_letter

    thin = styles.Side(style="thin", color="808080")
    border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    body = styles.Font(name="仿宋", size=11)
    locked_fill = styles.PatternFill("solid", fgColor="EDEDED")
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    last = get_column_letter(len(COLUMNS))
    _set(sheet, 1, 1, title).font = styles.Font(name="宋体", size=16, bold=True)
    sheet.merge_cells(f"A1:{last}1")
    sheet.cell(row=1, column=1).alignment = styles.Alignment(horizontal="center")
    _set(sheet, 2, 1, _INSTRUCTION).font = styles.Font(name="仿宋", size=10, color="595959")
    sheet.merge_cells(f"A2:{last}2")
    sheet.cell(row=2, column=1).alignment = wrap
    sheet.row_dimensions[2].height = 30
    for column, (header, width) in enumerate(zip(COLUMNS, _WIDTHS, strict=True), 1):
        cell = _set(sheet, _HEADER_ROW, column, header)
        cell.font = styles.Font(name="宋体", size=11, bold=True)
        cell.alignment = styles.Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        cell.fill = styles.PatternFill("solid", fgColor="D9D9D9")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions["A"].hidden = True
    fixed = len(_FIXED)
    unlocked = styles.Protection(locked=False)
    for offset, (row, note) in enumerate(rows):
        index = _HEADER_ROW + 1 + offset
        values = [row.key, row.number, row.lists, row.category, row.name, row.kind, row.elements]
        values += [row.old.text or None, row.new.text or None, *_note_values(note)]
        sheet.row_dimensions[index].height = _height(values)
        marked = {COLUMNS.index("调整前"): _rich(row.old), COLUMNS.index("调整后"): _rich(row.new)}
        for column, value in enumerate(values, 1):
            cell = _set(sheet, index, column, marked.get(column - 1, value))
            cell.font = body
            cell.alignment = wrap
            cell.border = border
            if column <= fixed:
                cell.fill = locked_fill
            else:
                cell.protection = unlocked
            if COLUMNS[column - 1].endswith("日期"):
                cell.number_format = _DATE_FORMAT
    first, end = _HEADER_ROW + 1, _HEADER_ROW + max(len(rows), 1)
    _validations(sheet, first, end, choices)
    _print_and_protect(sheet, title, first, end)


def _validations(sheet: Worksheet, first: int, end: int, choices: str | None) -> None:
    """The 提出单位 drop-down (a warning, not a refusal, for a unit not listed) and real dates."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    column_of = {h: get_column_letter(c) for c, h in enumerate(COLUMNS, 1)}
    if choices is not None:
        proposer = DataValidation(
            type="list",
            formula1=choices,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="提出单位",
            error="不在列表中的单位：如确需填写，请点“是”。",
        )
        proposer.add(f"{column_of['提出单位']}{first}:{column_of['提出单位']}{end}")
        sheet.add_data_validation(proposer)
    dates = DataValidation(
        type="date",
        operator="between",
        formula1="32874",  # 1990-01-01
        formula2="73415",  # 2100-12-31
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="日期",
        error="请填写日期，如 2025-12-01。",
    )
    for header in ("审核日期", "批准日期"):
        dates.add(f"{column_of[header]}{first}:{column_of[header]}{end}")
    sheet.add_data_validation(dates)


def _print_and_protect(sheet: Worksheet, title: str, first: int, end: int) -> None:
    """A4 landscape, one page wide, the header row on every page; protected without a password."""
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = f"B{first}"
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.auto_filter.ref = f"B{_HEADER_ROW}:{last}{end}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    header, footer = sheet.oddHeader, sheet.oddFooter
    if header is not None and footer is not None:  # openpyxl always makes both
        header.center.text = title.replace("&", "&&")
        header.center.size = 9
        footer.center.text = "第 &P 页，共 &N 页"
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False
    protection.sort = False


def _meta_sheet(
    sheet: Worksheet, jurisdiction: Jurisdiction, old: str, new: str, illustrative: bool
) -> None:
    values = (
        ("format", NOTES_FORMAT),
        ("province", jurisdiction.province),
        ("city", jurisdiction.city),
        ("county", jurisdiction.county),
        ("township", jurisdiction.township),
        ("old", old),
        ("new", new),
        ("illustrative", "true" if illustrative else "false"),
    )
    for row, (key, value) in enumerate(values, 1):
        _set(sheet, row, 1, key)
        _set(sheet, row, 2, value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def write_workbook(
    old: Edition,
    new: Edition,
    changes: ChangeSet,
    notes: Notes | None = None,
) -> bytes:
    """Write the 调整说明 form for the adjustments of ``old`` → ``new``.

    Its rows are those of the staff 调整对照表 (``dutyledger diff --format xlsx``),
    with the note columns beside them.

    Args:
        old: The earlier edition.
        new: The later edition.
        changes: Their diff.
        notes: Notes to fill in (their kept notes on their rows, stale notes on
            the 失效说明 sheet); empty note columns without.

    Returns:
        The xlsx file's bytes.

    Raises:
        NotesError: The notes are for other editions, or a text is longer than
            an Excel cell holds (32,767 characters).
    """
    openpyxl = require("openpyxl", extra="office", feature=FEATURE)
    from dutyledger._notes.match import match_notes
    from dutyledger._report.build import build_report

    adjusted = adjustments(changes)
    matched = match_notes(notes, adjusted, old, new) if notes is not None else None
    problems = _too_long(notes) if notes is not None else []
    if problems:
        raise NotesError("notes", problems)
    book = openpyxl.Workbook()
    main = book.active
    main.title = MAIN_SHEET
    choices = book.create_sheet(_LIST_SHEET)
    entries = proposers(old, new)
    for row, name in enumerate(entries, 1):
        _set(choices, row, 1, name)
    choices.sheet_state = "hidden"
    j = new.meta.jurisdiction
    title = f"{j.county}{j.township}履行职责事项清单调整说明表（{old.meta.date} → {new.meta.date}）"
    by_key = {a.key: a for a in adjusted}
    rows = [
        (row, matched.note(by_key[row.key]) if matched else None)
        for row in sheet_rows(build_report(changes, old, new))
    ]
    _form_sheet(main, title, rows, f"{_LIST_SHEET}!$A$1:$A${len(entries)}")
    if matched is not None and matched.stale:
        stale = book.create_sheet(STALE_SHEET, 1)
        stale_rows = [
            (
                SheetRow(
                    key=s.note.key,
                    kind=s.note.kind,
                    number=None,
                    lists=f"现为{s.now}" if s.now else "已无此调整",
                    category="",
                    name=s.note.name,
                    elements="",
                ),
                s.note,
            )
            for s in matched.stale
        ]
        _form_sheet(
            stale, f"已失效的调整说明（{old.meta.date} → {new.meta.date}）", stale_rows, None
        )
    illustrative = notes is not None and notes.illustrative
    _meta_sheet(book.create_sheet(META_SHEET), j, old.meta.date, new.meta.date, illustrative)
    buffer = io.BytesIO()
    book.save(buffer)
    # One timestamp in the file and its properties: the new edition's date (or SOURCE_DATE_EPOCH).
    return stable_zip(buffer.getvalue(), document_time(new.meta.date))
