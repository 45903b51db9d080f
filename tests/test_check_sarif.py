"""`check --format sarif` and `--format github` for code review: every finding and unreadable file.

The SARIF logs are validated against the official OASIS SARIF 2.1.0 schema,
kept in tests/schemas/sarif-schema-2.1.0.json (from oasis-tcs/sarif-spec,
Documents/CommitteeSpecifications/2.1.0).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import dutyledger
from conftest import EDITIONS
from dutyledger.cli import main

SEED = EDITIONS / "2025-01.json"
SEED_DATA: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
SARIF_SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def valid_sarif(text: str) -> dict[str, Any]:
    """Parse a SARIF log and validate it against the official schema (formats too)."""
    log: dict[str, Any] = json.loads(text)
    validator = jsonschema.Draft7Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert [] == [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    return log


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a folder without pyproject.toml, so the project's own settings don't apply."""
    monkeypatch.chdir(tmp_path)


def folder_with_problems(tmp_path: Path) -> Path:
    """A folder of four files: the seed, a copy (DL301), an empty name (DL109), broken JSON."""
    folder = tmp_path / "版本 editions"
    folder.mkdir()
    text = json.dumps(SEED_DATA, ensure_ascii=False, indent=2) + "\n"
    (folder / "2025-01.json").write_text(text, encoding="utf-8")
    (folder / "2025-01-copy.json").write_text(text, encoding="utf-8")
    data = copy.deepcopy(SEED_DATA)
    data["meta"]["date"] = "2025-06"
    data["basic"][0]["name"] = ""
    (folder / "2025-06.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (folder / "broken.json").write_text('{\n  "format": ', encoding="utf-8")
    return folder


def test_sarif_log_is_valid_and_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every finding is a result with rule, level, file and line; the broken file a notification."""
    folder = folder_with_problems(tmp_path)
    status = main(["check", "--format", "sarif", "--lang", "en", str(folder)])
    log = valid_sarif(capsys.readouterr().out)
    assert 2 == status
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in dutyledger.RULES]
    results = run["results"]
    codes = {r["ruleId"] for r in results}
    assert {"DL109", "DL301"} <= codes
    dl109 = next(r for r in results if r["ruleId"] == "DL109")
    assert "error" == dl109["level"]
    assert rules[dl109["ruleIndex"]]["id"] == "DL109"
    physical = dl109["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith("/2025-06.json")
    assert "%20" in physical["artifactLocation"]["uri"]  # the space of "版本 editions"
    assert physical["region"]["startLine"] >= 1
    assert dl109["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "$.basic[0].name"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notice] = invocation["toolExecutionNotifications"]
    assert "invalid JSON" in notice["message"]["text"]
    assert notice["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "/broken.json"
    )
    assert notice["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_sarif_for_a_clean_run(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed alone: a valid log whose warnings are results of level warning, run successful."""
    assert 0 == main(["check", "--format", "sarif", str(SEED)])
    log = valid_sarif(capsys.readouterr().out)
    run = log["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is True
    assert {r["level"] for r in run["results"]} == {"warning"}
    assert log["version"] == "2.1.0"


def test_github_annotates_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid JSON gets an ::error annotation on its line, so the pull request shows it."""
    folder = folder_with_problems(tmp_path)
    assert 2 == main(["check", "--format", "github", str(folder)])
    captured = capsys.readouterr()
    broken = folder / "broken.json"
    annotations = [line for line in captured.out.splitlines() if "title=unreadable" in line]
    assert [f"::error file={broken},line=2,title=unreadable::"] == [
        a[: a.index("::", 2) + 2] for a in annotations
    ]
    assert "invalid JSON" in annotations[0]
    assert f"{broken}: not a valid edition" in captured.err  # and still on stderr, as before


def without_lines(fmt: str, output: str) -> Any:
    """The output without line numbers (the library's findings carry none), in sorted order.

    Findings sort by file, then line: without lines, the order within a file differs.
    """
    if fmt == "text":
        return sorted(re.sub(r"^([^:]+):\d+: ", r"\1: ", output, flags=re.MULTILINE).splitlines())
    if fmt == "github":
        return sorted(re.sub(r",line=\d+", "", output).splitlines())
    data = json.loads(output)
    if fmt == "json":
        for entry in data["findings"]:
            entry["location"]["line"] = None
        data["findings"].sort(key=json.dumps)
    else:
        results = data["runs"][0]["results"]
        for result in results:
            result["locations"][0]["physicalLocation"].pop("region", None)
        results.sort(key=json.dumps)
    return data


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_format_findings_matches_the_command(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The library's format_findings prints what `dutyledger check --format F` prints.

    The command also finds each finding's line in the file; the rest is the same.
    """
    assert 1 == main(["check", "--strict", "--format", fmt, str(SEED)])
    expected = capsys.readouterr().out
    edition = dutyledger.load_edition(SEED, validate=False)
    findings = dutyledger.check_editions([edition], files=[str(SEED)], strict=True)
    got = dutyledger.format_findings(findings, format=fmt)  # type: ignore[arg-type]
    assert without_lines(fmt, expected) == without_lines(fmt, got)


def test_format_findings_refuses_unknown_formats() -> None:
    """An unknown format or language is an InvalidArgumentError (a DutyLedgerError)."""
    findings = dutyledger.check(dutyledger.builtin_edition())
    with pytest.raises(dutyledger.InvalidArgumentError, match="format='xml'"):
        dutyledger.format_findings(findings, format="xml")  # type: ignore[arg-type]
    with pytest.raises(dutyledger.DutyLedgerError, match="lang='fr'"):
        dutyledger.format_findings(findings, lang="fr")  # type: ignore[arg-type]
