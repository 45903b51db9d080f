"""The workbook: exported in the published layout, read back, and read as staff write it."""

from __future__ import annotations

import io
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given

import dutyledger
import strategies
from conftest import ingest_bytes
from dutyledger import Edition, IngestError, ListKind, Preamble, Severity

EMPTY = Preamble(title_lines=(), sections=(), declarations=(), contents=())


def test_seed_round_trip(seed_edition: Edition) -> None:
    """The 2025-01 edition, exported and read back with its preamble, is equal (pages included)."""
    data = dutyledger.export_xlsx(seed_edition)
    assert seed_edition == ingest_bytes(data, seed_edition, preamble=seed_edition.preamble)


@given(strategies.editions())
def test_round_trip(edition: Edition) -> None:
    """Any edition, exported and read back with its own preamble, is equal."""
    data = dutyledger.export_xlsx(edition)
    assert edition == ingest_bytes(data, edition, preamble=edition.preamble)


def test_published_layout(seed_edition: Edition) -> None:
    """A sheet per list named after it; title row, header row printed on every page; ★ first; a step a line; A4."""
    book = openpyxl.load_workbook(io.BytesIO(dutyledger.export_xlsx(seed_edition)))
    assert [kind.title for kind in ListKind] == book.sheetnames
    sheet = book["配合履职事项清单"]
    assert "配合履职事项清单" == sheet["A1"].value
    assert ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡镇配合职责"] == [
        c.value for c in sheet[2]
    ]
    assert "★推荐县级以上党代表工作" == sheet["C3"].value
    assert (
        "1.对县级及以上党代表人选进行提名；\n2.做好代表推荐人选的考察、公示。" == sheet["F3"].value
    )
    assert sheet["F3"].alignment.wrap_text
    assert sheet["F3"].border.left.style == "thin"
    assert "$2:$2" == sheet.print_title_rows
    assert ("9", "landscape") == (str(sheet.page_setup.paperSize), sheet.page_setup.orientation)
    assert (12, True) == (sheet.page_setup.firstPageNumber, sheet.page_setup.useFirstPageNumber)
    # A manual page break where the published list turned the page: after 配合 2 (page 12).
    assert 4 == sheet.row_breaks.brk[0].id


def test_without_a_preamble_check_says_the_totals_are_not_checked(seed_edition: Edition) -> None:
    """Read without --meta EDITION: empty preamble, and check reports DL200 (info) instead of DL201 errors."""
    edition = ingest_bytes(dutyledger.export_xlsx(seed_edition), seed_edition)
    assert EMPTY == edition.preamble
    assert [i.page for i in seed_edition.items()] == [i.page for i in edition.items()]
    findings = dutyledger.check(edition)
    assert [] == [f.code for f in findings.errors if f.code.startswith("DL2")]
    (note,) = findings.with_code("DL200")
    assert Severity.INFO == note.severity
    assert not dutyledger.check(edition, strict=True).with_code("DL200").errors


def _book(*sheets: tuple[str, list[list[Any]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_staff_workbook_quirks(seed_edition: Edition) -> None:
    """Title rows, other header spellings, merged and blank categories, ★ after, Alt+Enter, full-width 序号, blank rows."""
    rows: list[list[object]] = [
        ["甘沟乡履职事项清单（2025年）"],
        ["基本履职事项清单"],
        ["编号", "类别", "履职事项名称"],
        [1, "党的建设", "加强党的组织体系建设，\n承担区域化党建工作★"],
        ["２", None, "组织开展理论宣传宣讲"],
        [3.0, "经济发展", "负责统计人员队伍建设和统计业务工作"],
        [None, None, None],
        ["配合履职事项清单"],
        ["序号", "事项类别", "事项名称", "配合部门", "上级部门职责", "乡镇配合职责"],
        [
            1,
            "党的建设",
            "★党内统计工作",
            "乌鲁木齐县委组织部",
            "1.组织培训；\n2.汇总数据。",
            "参加培训。",
        ],
        [None, None, None, None, None, None],
    ]
    book = openpyxl.load_workbook(io.BytesIO(_book(("Sheet1", rows))))
    book["Sheet1"].merge_cells("B4:B5")
    out = io.BytesIO()
    book.save(out)
    edition = ingest_bytes(out.getvalue(), seed_edition)
    basic = [(i.number, i.category, i.name, i.starred) for i in edition.basic]
    assert [
        (1, "党的建设", "加强党的组织体系建设，承担区域化党建工作", True),
        (2, "党的建设", "组织开展理论宣传宣讲", False),
        (3, "经济发展", "负责统计人员队伍建设和统计业务工作", False),
    ] == basic
    (item,) = edition.cooperative
    assert (True, ("county.party.organization",)) == (
        item.starred,
        tuple(r.department for r in item.departments),
    )
    assert ["组织培训；", "汇总数据。"] == [s.text for s in item.upstream_duties.steps()]
    assert () == edition.recalled
    assert all(i.page is None for i in edition.items())


def test_every_problem_is_named_by_its_cell(seed_edition: Edition) -> None:
    """A bad 序号, an unknown department and a row without 序号: all listed, each at its cell."""
    sheets: tuple[tuple[str, list[list[Any]]], ...] = (
        (
            "基本履职事项清单",
            [
                ["序号", "事项类别", "事项名称"],
                [1, "党的建设", "甲"],
                ["x", "党的建设", "乙"],
                [None, "党的建设", "丙"],
            ],
        ),
        (
            "配合履职事项清单",
            [
                ["序号", "事项类别", "事项名称", "对应上级部门", "上级部门职责", "乡镇配合职责"],
                [1, "党的建设", "丁", "乌鲁木齐县审记局", "做好。", "配合。"],
            ],
        ),
    )
    with pytest.raises(IngestError) as caught:
        ingest_bytes(_book(*sheets), seed_edition)
    where = {p.where for p in caught.value.problems}
    assert {"基本履职事项清单!A3", "基本履职事项清单!A4", "配合履职事项清单!D2"} == where


def test_a_second_list_without_its_title_is_an_error(seed_edition: Edition) -> None:
    """序号 starting again at 1 in one table is two lists run together: never merged silently."""
    rows: list[list[Any]] = [
        ["序号", "事项类别", "事项名称"],
        [1, "党的建设", "甲"],
        [2, "党的建设", "乙"],
        [1, "经济发展", "丙"],
    ]
    with pytest.raises(IngestError) as caught:
        ingest_bytes(_book(("基本履职事项清单", rows)), seed_edition)
    (problem,) = caught.value.problems
    assert "基本履职事项清单!A4" == problem.where
    assert "starts again at 1" in problem.message


def test_pages_that_skip_cannot_be_exported(seed_edition: Edition) -> None:
    """A page break moves one page on: an item two pages after the one before is refused by path."""
    basic = list(seed_edition.basic)
    basic[-1] = attrs.evolve(basic[-1], page=13)
    with pytest.raises(dutyledger.ExportError) as caught:
        dutyledger.export_xlsx(attrs.evolve(seed_edition, basic=tuple(basic)))
    assert ["$.basic[126].page"] == [p.where for p in caught.value.problems]
