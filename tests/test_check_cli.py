"""`dutyledger check PATH...`: exit 0 / 1 / 2, the three formats, options and pyproject."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import EDITIONS, ROOT
from dutyledger.cli import main

SEED = EDITIONS / "2025-01.json"
SEED_DATA: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
ANNOTATION = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,title=DL\d{3}::[^\r\n]+$")


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a folder without pyproject.toml, so the project's own settings don't apply."""
    monkeypatch.chdir(tmp_path)


def write(folder: Path, data: dict[str, Any], name: str = "2025-01.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def run_json(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    status = main(["check", "--format", "json", str(path)])
    findings: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["findings"]
    return status, findings


def test_the_seed_passes_and_prints_its_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 0; 15 warnings, the "and" artifacts among them; one line each plus a summary."""
    assert 0 == main(["check", str(SEED)])
    lines = capsys.readouterr().out.splitlines()
    assert "1 edition checked: 0 errors, 15 warnings (DL401 ×6, DL403 ×3, DL405 ×6)" == lines[-1]
    assert 15 == len(lines) - 1
    and_lines = [line for line in lines if " DL401 warning " in line]
    assert 6 == len(and_lines)
    assert all(line.startswith(f"{SEED}:") and "「and」" in line for line in and_lines)


def test_a_folder_is_its_json_files(capsys: pytest.CaptureFixture[str]) -> None:
    """editions/ gives editions/2025-01.json (sources/ is not searched); exit 0."""
    assert 0 == main(["check", str(EDITIONS)])
    assert capsys.readouterr().out.endswith(
        "1 edition checked: 0 errors, 15 warnings (DL401 ×6, DL403 ×3, DL405 ×6)\n"
    )


def delete_cooperative_14(data: dict[str, Any]) -> str:
    del data["cooperative"][13]
    return "cooperative item 14 is missing"


def duplicate_basic_5(data: dict[str, Any]) -> str:
    data["basic"].insert(5, copy.deepcopy(data["basic"][4]))
    return str(data["basic"][4]["id"])


def renumber_recalled_11(data: dict[str, Any]) -> str:
    data["recalled"][10]["number"] = 99
    return str(data["recalled"][10]["id"])


def change_basic_1_category(data: dict[str, Any]) -> str:
    data["basic"][0]["category"] = "党建"
    return str(data["basic"][0]["id"])


def misspell_cooperative_14_department(data: dict[str, Any]) -> str:
    data["cooperative"][13]["departments"][0]["written"] = "乌鲁木齐县财攻局"
    return str(data["cooperative"][13]["id"])


def unknown_department(data: dict[str, Any]) -> str:
    data["cooperative"][12]["departments"][0]["department"] = "nowhere"
    return str(data["cooperative"][12]["id"])


def blank_cooperative_20_step(data: dict[str, Any]) -> str:
    data["cooperative"][19]["township_duties"]["blocks"][0]["steps"][0]["text"] = ""
    return str(data["cooperative"][19]["id"])


@pytest.mark.parametrize(
    "corrupt",
    [
        delete_cooperative_14,
        duplicate_basic_5,
        renumber_recalled_11,
        change_basic_1_category,
        misspell_cooperative_14_department,
        unknown_department,
        blank_cooperative_20_step,
    ],
)
def test_every_corrupted_copy_exits_1_naming_the_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], corrupt: Callable[[dict[str, Any]], str]
) -> None:
    """Each corruption exits 1 with an error naming the item and its line.

    Exit 1, not 2, even where load_edition (validating) would refuse the file.
    """
    data = copy.deepcopy(SEED_DATA)
    named = corrupt(data)
    path = write(tmp_path, data)
    status, findings = run_json(path, capsys)
    assert 1 == status
    errors = [f for f in findings if f["severity"] == "error"]
    if named.endswith("is missing"):
        hits = [f for f in errors if "item 14 is missing" in f["message_en"]]
        assert ["cooperative"] == [f["location"]["list"] for f in hits]
    else:
        hits = [f for f in errors if f["location"]["item_id"] == named]
    assert hits
    lines = path.read_text(encoding="utf-8").splitlines()
    for hit in hits:
        assert hit["location"]["file"] == str(path)
        assert 1 <= hit["location"]["line"] <= len(lines)


def test_a_finding_points_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The line of a text finding is the line holding that text."""
    data = copy.deepcopy(SEED_DATA)
    data["basic"][0]["category"] = "党建"
    path = write(tmp_path, data)
    _, findings = run_json(path, capsys)
    [dl103] = [f for f in findings if f["code"] == "DL103"]
    line = path.read_text(encoding="utf-8").splitlines()[dl103["location"]["line"] - 1]
    assert '"category": "党建"' in line


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Invalid JSON, a wrong type, a missing path: exit 2, one message each, no traceback.

    The readable files are still checked.
    """
    (tmp_path / "broken.json").write_text('{"format": ', encoding="utf-8")
    data = copy.deepcopy(SEED_DATA)
    data["basic"][0]["number"] = "1"
    typed = write(tmp_path, data, "typed.json")
    status = main(["check", str(SEED), str(tmp_path / "broken.json"), str(typed), "nowhere"])
    captured = capsys.readouterr()
    assert 2 == status
    assert "1 edition checked" in captured.out
    assert f"{tmp_path / 'broken.json'}: not a valid edition" in captured.err
    assert "line 1, column 12: invalid JSON" in captured.err
    assert "$.basic[0].number: expected an integer" in captured.err
    assert "nowhere: no such file or folder" in captured.err
    assert "Traceback" not in captured.err


def test_not_utf8_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file in another encoding is input that cannot be read."""
    path = tmp_path / "gbk.json"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert 2 == main(["check", str(path)])
    assert "not UTF-8" in capsys.readouterr().err


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json: the documented document, counts and findings."""
    assert 0 == main(["check", "--format", "json", str(SEED)])
    document = json.loads(capsys.readouterr().out)
    assert ("dutyledger.check/1", 1, 0, 15) == (
        document["format"],
        document["editions"],
        document["errors"],
        document["warnings"],
    )


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    """--format github: one workflow command per finding, with file and line, then a summary."""
    assert 0 == main(["check", "--format", "github", "--lang", "en", str(SEED)])
    *annotations, summary = capsys.readouterr().out.splitlines()
    assert 15 == len(annotations)
    assert all(ANNOTATION.match(line) for line in annotations), annotations
    assert annotations[1].startswith(f"::warning file={SEED},line=2935,title=DL401::")
    assert not summary.startswith("::")


def test_github_format_of_an_unreadable_file_quoting_a_lone_surrogate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The annotation of an unreadable file is UTF-8 even when its message quotes a surrogate.

    Found by the fuzz campaign: the quoted value went to stdout as it was, and writing it
    crashed (exit 70) where the text format made it visible.
    """
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["recalled"][2]["page"] = "\udcff甘沟乡"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")  # ASCII: the surrogate as an escape
    assert 2 == main(["check", "--format", "github", str(bad)])
    out = capsys.readouterr().out
    out.encode("utf-8")  # would raise UnicodeEncodeError, as printing to a UTF-8 stdout did
    assert out.startswith(f"::error file={bad},title=unreadable::not a readable edition: ")
    assert "$.recalled[2].page" in out


def test_strict_and_disable(capsys: pytest.CaptureFixture[str]) -> None:
    """--strict makes the warnings errors (exit 1); --disable turns rules off (also a,b)."""
    assert 1 == main(["check", "--strict", str(SEED)])
    assert "0 warnings" in capsys.readouterr().out
    assert 0 == main(
        ["check", "--strict", "--disable", "DL401,DL403", "--disable", "DL405", str(SEED)]
    )
    assert "1 edition checked: 0 errors, 0 warnings\n" == capsys.readouterr().out


def test_unknown_rule_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown code: exit 2, a message naming it; nothing is checked."""
    assert 2 == main(["check", "--disable", "DL999", str(SEED)])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert "--disable: unknown rule 'DL999'" in captured.err


def test_pyproject_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """[tool.dutyledger.check] in the current folder's pyproject.toml applies."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.dutyledger.check]\nstrict = true\ndisable = ["DL401"]\n', encoding="utf-8"
    )
    assert 1 == main(["check", str(SEED)])
    assert "1 edition checked: 9 errors, 0 warnings (DL403 ×3, DL405 ×6)" in capsys.readouterr().out
    (tmp_path / "pyproject.toml").write_text("[tool.dutyledger.check]\nstrictly = true\n", "utf-8")
    assert 2 == main(["check", str(SEED)])
    assert "unknown key(s) strictly" in capsys.readouterr().err


def test_list_rules_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """--list-rules prints every rule; no path at all is a usage error (exit 2)."""
    assert 0 == main(["check", "--list-rules"])
    lines = capsys.readouterr().out.splitlines()
    assert 44 == len(
        lines
    )  # 27, DL116, DL200, DL311–DL314, DL114, DL115, DL406, DL407, DL501–DL507
    assert lines[0].startswith("DL101  error    numbering")
    assert 2 == main(["check"])
    assert "give at least one edition file or folder" in capsys.readouterr().err


def test_two_editions_of_one_date_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with the seed twice (2025-01.json and 2025-01-copy.json): DL301, exit 1."""
    folder = tmp_path / "editions"
    folder.mkdir()
    write(folder, SEED_DATA)
    write(folder, SEED_DATA, "2025-01-copy.json")
    assert 1 == main(["check", "--lang", "en", str(folder)])
    out = capsys.readouterr().out
    assert "DL301 error 甘沟乡 has two editions dated 2025-01" in out
    assert "2 editions checked" in out


@pytest.mark.slow
def test_check_as_a_process() -> None:
    """`python -m dutyledger.cli check` on the seed: exit 0, warnings on stdout."""
    result = subprocess.run(
        [sys.executable, "-m", "dutyledger.cli", "check", "--lang", "zh", str(SEED)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (0, "") == (result.returncode, result.stderr)
    assert "中有英文单词「and」" in result.stdout


def hook() -> dict[str, str]:
    """The hook's settings, read from .pre-commit-hooks.yaml (one hook, `key: value` lines)."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    found = re.findall(r"^(?:- |  )([a-z_]+): (.+)$", text, flags=re.MULTILINE)
    return {key: value.strip() for key, value in found}


def test_pre_commit_hook_runs_only_for_editions() -> None:
    """The hook fires for editions/*.json, not for package.json or the sources folder."""
    settings = hook()
    assert ("dutyledger-check", "dutyledger check") == (settings["id"], settings["entry"])
    pattern = re.compile(settings["files"].strip("'"))
    assert pattern.search("editions/2025-01.json")
    assert not pattern.search("package.json")
    assert not pattern.search("web/package.json")
    assert not pattern.search("editions/sources/2025-01.json")


def test_pre_commit_hook_checks_the_whole_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A duplicate edition staged alone is caught: the hook checks editions/ as a whole (DL301).

    pre-commit runs `entry args` without the staged file names (pass_filenames: false),
    from the repository's root.
    """
    settings = hook()
    assert "false" == settings["pass_filenames"]
    args = settings["args"].strip("[]").split(", ")
    assert ["editions/"] == args
    (tmp_path / "editions").mkdir()
    write(tmp_path / "editions", SEED_DATA)
    write(tmp_path / "editions", SEED_DATA, "2025-01-copy.json")  # the one staged
    command = settings["entry"].split()[1:]
    assert 1 == main([*command, *args])
    assert "DL301" in capsys.readouterr().out
