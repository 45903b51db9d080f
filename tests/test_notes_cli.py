"""The command line with notes: `notes`, `check --notes`, `diff --notes`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dutyledger
from conftest import EDITIONS, ROOT
from dutyledger.cli import main

OLD = str(EDITIONS / "2025-01.json")
NEW = str(ROOT / "examples" / "2026-01-illustrative.json")
NOTES = str(ROOT / "examples" / "2026-01-illustrative.notes.json")


def _with_note(tmp_path: Path, key: str, kind: str = "增加") -> Path:
    data = json.loads(Path(NOTES).read_text(encoding="utf-8"))
    data["notes"].append({"key": key, "kind": kind, "reason": "手写的说明"})
    path = tmp_path / "notes.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_form_then_notes_back(tmp_path: Path) -> None:
    """`notes OLD NEW -o 调整说明.xlsx`, then `--from` it: an empty notes file for these editions."""
    form = tmp_path / "调整说明.xlsx"
    back = tmp_path / "notes.json"
    assert 0 == main(["notes", OLD, NEW, "-o", str(form)])
    assert form.read_bytes().startswith(b"PK")
    assert 0 == main(["notes", OLD, NEW, "--from", str(form), "-o", str(back)])
    notes = dutyledger.load_notes(back)
    assert ((), "2025-01", "2026-01") == (notes.notes, notes.old, notes.new)


def test_a_filled_form_prefilled_from_notes_reads_back_the_same_notes(tmp_path: Path) -> None:
    """notes.json → form (--from … -o x.xlsx) → notes.json: the same notes file."""
    form = tmp_path / "调整说明.xlsx"
    back = tmp_path / "back.json"
    assert 0 == main(["notes", OLD, NEW, "--from", NOTES, "-o", str(form)])
    assert 0 == main(["notes", OLD, NEW, "--from", str(form), "-o", str(back)])
    assert Path(NOTES).read_text(encoding="utf-8") == back.read_text(encoding="utf-8")


def test_an_unmatched_note_exits_2_naming_its_key_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key naming no item: exit 2, the key on stderr, no output file."""
    notes = _with_note(tmp_path, "nosuch-12345678")
    out = tmp_path / "out.xlsx"
    assert 2 == main(["notes", OLD, NEW, "--from", str(notes), "-o", str(out)])
    err = capsys.readouterr().err
    assert "nosuch-12345678" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_check_with_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings pass, --strict fails; an unmatched key is an error (DL507); rules can be disabled."""
    empty = tmp_path / "empty.json"
    assert 0 == main(["notes", OLD, NEW, "--format", "json", "-o", str(empty)])
    assert 0 == main(["check", OLD, NEW, "--notes", str(empty), "--disable", "DL401,DL403,DL405"])
    out = capsys.readouterr().out
    assert "DL501" in out
    assert "DL502" in out
    assert 1 == main(["check", OLD, NEW, "--notes", str(empty), "--strict"])
    capsys.readouterr()
    args = ["check", OLD, NEW, "--notes", NOTES, "--format", "json"]
    assert 0 == main(args)
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert not {c for c in codes if c.startswith("DL5")}
    assert 1 == main(["check", OLD, NEW, "--notes", str(_with_note(tmp_path, "nosuch-1"))])
    assert "DL507 error" in capsys.readouterr().out


def test_check_notes_takes_exactly_two_editions(capsys: pytest.CaptureFixture[str]) -> None:
    """--notes with one edition is a usage error (exit 2); --list-rules shows the DL5xx rules."""
    assert 2 == main(["check", OLD, "--notes", NOTES])
    assert "OLD NEW" in capsys.readouterr().err
    assert 0 == main(["check", "--list-rules"])
    assert "DL501" in capsys.readouterr().out


def test_a_notes_finding_points_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed 文号: in a notes file, the annotation names the line; in a form, the cell."""
    text = (
        Path(NOTES).read_text(encoding="utf-8").replace("乌县编发〔2025〕9号", "乌县编发[2025]9号")
    )
    path = tmp_path / "notes.json"
    path.write_text(text, encoding="utf-8")
    line = 1 + text[: text.index("[2025]9号")].count("\n")
    assert 0 == main(["check", OLD, NEW, "--notes", str(path), "--format", "github"])
    out = capsys.readouterr().out
    assert f"::warning file={path},line={line},title=DL503::" in out
    form = tmp_path / "调整说明.xlsx"
    assert 0 == main(["notes", OLD, NEW, "--from", str(path), "-o", str(form)])
    assert 0 == main(["check", OLD, NEW, "--notes", str(form), "--disable", "DL401,DL403,DL405"])
    assert "DL503 warning" in (out := capsys.readouterr().out)
    assert "[调整说明!K4]" in out  # 调整依据 of the first row: the cell to fix in the form


def test_diff_reports_stale_notes_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note for an item that is adjusted otherwise: diff still runs, and names it on stderr."""
    renamed = "72ff7b7a-c4e87161"  # 做好巡视巡察整改工作: 变更 (名称) in the example
    notes = _with_note(tmp_path, renamed, kind="上收")
    assert 1 == main(["diff", OLD, NEW, "--notes", str(notes), "--format", "md"])
    err = capsys.readouterr().err
    assert renamed in err
    assert "手写的说明" in err


def test_diff_takes_a_filled_form_as_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A filled form as `diff --notes`: its's notes appear in the report, as from the notes file."""
    form = tmp_path / "调整说明.xlsx"
    assert 0 == main(["notes", OLD, NEW, "--from", NOTES, "-o", str(form)])
    capsys.readouterr()
    assert 1 == main(["diff", OLD, NEW, "--notes", str(form), "--format", "md"])
    from_form = capsys.readouterr().out
    assert 1 == main(["diff", OLD, NEW, "--notes", NOTES, "--format", "md"])
    assert capsys.readouterr().out == from_form
    assert "示例：保密工作已由乡党委统一承担" in from_form
