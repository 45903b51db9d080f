"""The ledger's commands: log, blame, timeline, as-of; chain rules in check; bad input exits 2."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import EDITIONS, ROOT
from dutyledger.cli import main

LEDGER = ["--ledger", str(EDITIONS), "--ledger", str(ROOT / "examples")]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUTYLEDGER_CACHE", str(tmp_path / "cache"))


def test_log_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    """The duty taken back in 2026 and devolved in 2027: 列入, 上收, 下放."""
    assert main(["log", "72ff7b7a-8203d5e0", *LEDGER]) == 0
    out = capsys.readouterr().out
    assert out.index("列入") < out.index("上收") < out.index("下放")
    assert "配合履职事项清单 第99项 负责统一代理村级财务会计记账、核算工作" in out


def test_log_by_nearest_name(capsys: pytest.CaptureFixture[str]) -> None:
    """Part of a name taken as the nearest item, said on stderr."""
    assert main(["log", "抽样调查", *LEDGER]) == 0
    captured = capsys.readouterr()
    assert "nearest" in captured.err
    assert "分设" in captured.out


def test_log_ambiguous_lists_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    """普查 fits several items equally: exit 2, the candidates with their ids, no traceback."""
    assert main(["log", "普查", *LEDGER]) == 2
    err = capsys.readouterr().err
    assert "72ff7b7a-4d498b8b" in err
    assert "20c167b0-6cb3a574" in err
    assert "Traceback" not in err


def test_blame(capsys: pytest.CaptureFixture[str]) -> None:
    """Each item of 2027 with the edition of its last change."""
    assert main(["blame", "2027-01-illustrative", *LEDGER]) == 0
    out = capsys.readouterr().out
    assert "下放" in out
    assert "2025-01" in out


def test_timeline_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """text, md, html (inline SVG, nothing fetched) and xlsx (a stacked chart)."""
    assert main(["timeline", *LEDGER]) == 0
    assert "明减暗增" in capsys.readouterr().out
    md = tmp_path / "t.md"
    assert main(["timeline", "--format", "md", "-o", str(md), *LEDGER]) == 0
    assert "| 2027-01-illustrative | 2027-01 | 示例 | 125 | 100 | 55 |" in md.read_text("utf-8")
    html = tmp_path / "t.html"
    assert main(["timeline", "--format", "html", "-o", str(html), *LEDGER]) == 0
    page = html.read_text("utf-8")
    assert "<svg" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    xlsx = tmp_path / "t.xlsx"
    assert main(["timeline", "--format", "xlsx", "-o", str(xlsx), *LEDGER]) == 0
    from openpyxl import load_workbook

    book = load_workbook(xlsx)
    assert book.sheetnames == ["时间线", "类别", "部门"]
    sheet = book["时间线"]
    assert sheet["D4"].value == "基本"
    assert sheet["D5"].value == 127
    with zipfile.ZipFile(xlsx) as archive:  # the stacked chart is a part of the workbook
        chart = next(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        assert b'<grouping val="stacked"/>' in archive.read(chart)


def test_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    """The official edition in force; an illustrative one only when asked; none before."""
    assert main(["as-of", "2026-06-30", *LEDGER]) == 0
    assert capsys.readouterr().out.startswith("2025-01\t")
    assert main(["as-of", "2026-06-30", "--illustrative", *LEDGER]) == 0
    assert capsys.readouterr().out.startswith("2026-01-illustrative\t")
    assert main(["as-of", "2020-01-01", *LEDGER]) == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["as-of", "2025-13-01"], "expected a date"),
        (["log", "x", "--ledger", "no/such/folder"], "no such file or folder"),
        (["blame", "1999-01"], "no edition '1999-01'"),
        (["log", "zzzzzzzzzzzzzzzzzzzz"], "may be meant"),
    ],
)
def test_wrong_input_exits_2_with_one_message(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad dates, paths, editions and queries: exit 2, one message, no traceback."""
    assert main([*argv, *LEDGER] if "--ledger" not in argv else argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_a_file_that_is_no_edition_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON file of another kind in the folder: exit 2 naming the file and $.format."""
    (tmp_path / "2025-01.json").write_text('{"format": "something/1", "meta": {}}', "utf-8")
    assert main(["timeline", "--ledger", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "2025-01.json" in err
    assert "$.format" in err


def test_check_runs_the_chain_rules(capsys: pytest.CaptureFixture[str]) -> None:
    """Check over the three editions: DL312 (做好保密工作 back) and DL313 (上收 then 下放)."""
    files = [
        str(EDITIONS / "2025-01.json"),
        str(ROOT / "examples" / "2026-01-illustrative.json"),
        str(ROOT / "examples" / "2027-01-illustrative.json"),
    ]
    assert main(["check", *files, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "DL312 warning 「做好保密工作」" in out
    assert "DL313 warning 「负责统一代理村级财务会计记账、核算工作」" in out
    assert "DL311" not in out
    assert main(["check", *files, "--disable", "DL313"]) == 0
    assert "DL313" not in capsys.readouterr().out.split("checked")[0]


def test_log_and_blame_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json: the events and the blame lines as plain data."""
    assert main(["log", "72ff7b7a-8203d5e0", "--format", "json", *LEDGER]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "dutyledger.history/1"
    assert [e["term"] for e in data["events"]] == ["列入", "上收", "下放"]
    assert data["events"][2]["new"][0]["list"] == "cooperative"
    assert main(["blame", "2026-01-illustrative", "--format", "json", *LEDGER]) == 0
    blame = json.loads(capsys.readouterr().out)
    assert len(blame["items"]) == 280
    assert {"item", "edition", "date", "kinds", "terms"} == set(blame["items"][0])
