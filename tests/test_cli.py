"""The command line: summary, ingest, export; bad input exits 2 with one message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EDITIONS, SOURCE, SOURCE_META
from dutyledger.cli import main


def test_summary_of_the_shipped_edition(capsys: pytest.CaptureFixture[str]) -> None:
    """The main job: per list items, categories, departments and ★."""
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    rows = {
        line.split()[0]: line.split()[1:]
        for line in out.splitlines()
        if line.endswith(tuple("0123456789"))
    }
    assert rows["基本履职事项清单"] == ["127", "20", "—", "0"]
    assert rows["配合履职事项清单"] == ["96", "19", "38", "21"]
    assert rows["上级部门收回事项清单"] == ["57", "12", "17", "0"]


def test_ingest_writes_the_committed_edition(tmp_path: Path) -> None:
    """`ingest SOURCE --meta META -o OUT` writes exactly editions/2025-01.json."""
    out = tmp_path / "2025-01.json"
    assert main(["ingest", str(SOURCE), "--meta", str(SOURCE_META), "-o", str(out)]) == 0
    assert out.read_bytes() == (EDITIONS / "2025-01.json").read_bytes()


def test_ingest_finds_the_metadata_beside_the_source(tmp_path: Path) -> None:
    """Without --meta, SOURCE.toml beside the source is used."""
    out = tmp_path / "e.json"
    assert main(["ingest", str(SOURCE), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["date"] == "2025-01"


def test_export_then_ingest_from_the_command_line(tmp_path: Path) -> None:
    """Export writes the published layout; ingest of it (metadata from the edition) is equal."""
    tsv = tmp_path / "2025-01.tsv"
    again = tmp_path / "again.json"
    edition = EDITIONS / "2025-01.json"
    assert main(["export", str(edition), "--format", "tsv", "-o", str(tsv)]) == 0
    assert main(["ingest", str(tsv), "--meta", str(edition), "-o", str(again)]) == 0
    assert again.read_bytes() == edition.read_bytes()


def test_bad_edition_exits_2_with_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken edition: exit 2, the file and JSON path on stderr, no traceback."""
    data = json.loads((EDITIONS / "2025-01.json").read_text(encoding="utf-8"))
    data["cooperative"][12]["departments"][0]["department"] = "nowhere"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["summary", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "$.cooperative[12].departments[0].department" in err
    assert "Traceback" not in err


def test_failed_ingest_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An ingest that fails leaves no output file, not even a partial one."""
    source = tmp_path / "s.txt"
    source.write_text(
        SOURCE.read_text(encoding="utf-8").replace("乌鲁木齐县侨联", "乌鲁木齐县侨办"),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert main(["ingest", str(source), "--meta", str(SOURCE_META), "-o", str(out)]) == 2
    assert not out.exists()
    assert "乌鲁木齐县侨办" in capsys.readouterr().err


def test_missing_metadata_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ingest without a metadata file says what it needs."""
    source = tmp_path / "s.txt"
    source.write_text("x", encoding="utf-8")
    assert main(["ingest", str(source)]) == 2
    assert "no metadata file" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command is a usage error: exit 2."""
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    """The installed entry point runs as a process and reports bad input cleanly."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff")
    result = subprocess.run(
        [sys.executable, "-m", "dutyledger.cli", "summary", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_start_does_not_load_heavy_libraries() -> None:
    """`dutyledger --help` and `import dutyledger` leave the report libraries unloaded."""
    code = (
        "import sys\n"
        "from dutyledger.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('openpyxl', 'docx', 'rich', 'deepdiff') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_an_unknown_edition_name_lists_the_shipped_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """`summary 2024-06` (a name, not a file) names the editions that are shipped."""
    assert 2 == main(["summary", "2024-06"])
    err = capsys.readouterr().err
    assert "no built-in edition '2024-06'; shipped: 2025-01" in err
    assert "cannot read" not in err


@pytest.mark.parametrize("where", ["missing-folder/report.tsv", "a-folder"])
def test_write_errors_name_the_target(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be written is named as given, never as its temporary file."""
    (tmp_path / "a-folder").mkdir()
    target = tmp_path / where
    assert 2 == main(["export", "2025-01", "-o", str(target)])
    err = capsys.readouterr().err
    assert err.startswith(f"dutyledger: {target}: ")
    assert ".tmp" not in err
    assert [] == [p.name for p in tmp_path.rglob("*.tmp")]
