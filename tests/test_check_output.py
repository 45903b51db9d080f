"""The pieces around the rules: JSON path to line, the three outputs, pyproject settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EDITIONS
from dutyledger import CheckConfigError, Finding, Findings, ListKind, Location, Severity
from dutyledger._checks.config import CheckConfig, load_config
from dutyledger._checks.locate import LineLocator
from dutyledger._checks.output import render_github, render_json, render_text

# GitHub's workflow command: ::name prop=value,prop=value::message, one line, with
# properties free of the characters that delimit them.
ANNOTATION = re.compile(
    r"^::(error|warning|notice)( [a-z]+=[^,:\r\n]*(,[a-z]+=[^,:\r\n]*)*)?::[^\r\n]*$"
)


def finding(
    *,
    file: str | None = "e/2025-01.json",
    line: int | None = 3,
    kind: ListKind | None = None,
    number: int | None = None,
) -> Finding:
    """An error of DL109 at 基本 item 1's name."""
    where = Location(file=file, path="$.basic[0].name", line=line, list=kind, number=number)
    return Finding(
        code="DL109",
        severity=Severity.ERROR,
        location=where,
        message_zh="基本履职事项清单第1项「」的事项名称为空",
        message_en='basic list, item 1 "": the name is empty',
    )


# --- LineLocator ---------------------------------------------------------------------------


def test_locator_on_canonical_json() -> None:
    """Each key of indented JSON is on its own line; array items by index."""
    text = json.dumps({"a": 1, "b": [{"c": "x"}, {"c": "y"}], "d": {}}, indent=2)
    locator = LineLocator(text)
    assert [1, 2, 3, 4, 5, 8, 11] == [
        locator.line(p) for p in ("$", "$.a", "$.b", "$.b[0]", "$.b[0].c", "$.b[1].c", "$.d")
    ]


def test_locator_falls_back_to_the_nearest_ancestor() -> None:
    """A path not in the file answers with its parent's line; invalid JSON with None."""
    text = '{\n  "a": {\n    "b": 1\n  }\n}'
    assert 2 == LineLocator(text).line("$.a.missing[3]")
    assert LineLocator("{nope").line("$.a") is None
    assert LineLocator(text).line(None) is None


def test_locator_reads_escapes_and_compact_json() -> None:
    """Escaped quotes in strings and keys do not confuse it; compact JSON is all line 1."""
    text = '{"k\\"ey": "va\\"l", "n": [1, -2.5e3, true, null]}'
    locator = LineLocator(text)
    assert (1, 1) == (locator.line('$.k"ey'), locator.line("$.n[3]"))


def test_locator_on_the_seed() -> None:
    """$.cooperative[45].name is the line of that name in editions/2025-01.json."""
    text = (EDITIONS / "2025-01.json").read_text(encoding="utf-8")
    expected = 1 + text[: text.index('"name": "乡镇企业、乡村公共设施 and')].count("\n")
    assert expected == LineLocator(text).line("$.cooperative[45].name")


# --- outputs -------------------------------------------------------------------------------


def test_text_output() -> None:
    """FILE:LINE: CODE severity message [path], then a summary with counts per rule."""
    text = render_text(Findings([finding()]), 1, lang="en")
    assert [
        'e/2025-01.json:3: DL109 error basic list, item 1 "": the name is empty [$.basic[0].name]',
        "1 edition checked: 1 error, 0 warnings (DL109 ×1)",
    ] == text.splitlines()


def test_text_output_without_file_or_line() -> None:
    """An edition in memory: <edition>, no line; both languages by default."""
    text = render_text(Findings([finding(file=None, line=None)]), 2)
    assert text.startswith("<edition>: DL109 error 基本履职事项清单第1项「」的事项名称为空 / basic")
    assert text.endswith("2 editions checked: 1 error, 0 warnings (DL109 ×1)\n")


def test_json_output() -> None:
    """A versioned document; each finding is its record's fields, enums as their values."""
    document = json.loads(render_json(Findings([finding(kind=ListKind.BASIC, number=1)]), 1))
    assert {"format", "editions", "errors", "warnings", "findings"} == set(document)
    assert ("dutyledger.check/1", 1, 0) == (
        document["format"],
        document["errors"],
        document["warnings"],
    )
    [entry] = document["findings"]
    assert {
        "code": "DL109",
        "severity": "error",
        "location": {
            "file": "e/2025-01.json",
            "path": "$.basic[0].name",
            "line": 3,
            "item_id": None,
            "list": "basic",
            "number": 1,
        },
        "message_zh": "基本履职事项清单第1项「」的事项名称为空",
        "message_en": 'basic list, item 1 "": the name is empty',
        "score": None,
    } == entry


def test_github_output() -> None:
    """::error file=F,line=N,title=CODE::message, then a plain summary line."""
    lines = render_github(Findings([finding()]), 1, lang="en").splitlines()
    assert (
        '::error file=e/2025-01.json,line=3,title=DL109::basic list, item 1 "": the name is empty'
        == lines[0]
    )
    assert ANNOTATION.match(lines[0])
    assert not lines[1].startswith("::")


def test_github_output_escapes() -> None:
    """%, CR and LF are escaped in the message; also : and , in properties."""
    odd = Finding(
        code="DL402",
        severity=Severity.WARNING,
        location=Location(file="a,b:c%.json", line=7),
        message_zh="百分之5%\r\n第二行",
        message_en="x",
    )
    [line, _] = render_github(Findings([odd]), 1, lang="zh").splitlines()
    assert "::warning file=a%2Cb%3Ac%25.json,line=7,title=DL402::百分之5%25%0D%0A第二行" == line
    assert ANNOTATION.match(line)


def test_github_output_without_file() -> None:
    """An edition in memory has no file property, and so no line."""
    line = render_github(Findings([finding(file=None)]), 1, lang="en").splitlines()[0]
    assert line.startswith("::error title=DL109::")


def test_findings_is_a_falsy_sorted_sequence() -> None:
    """Empty findings are falsy; findings sort by file, line, list, 序号, path, code."""
    assert not Findings()
    late, early = finding(line=9), finding(line=2)
    warning = Finding(
        code="DL401",
        severity=Severity.WARNING,
        location=Location(file="e/2025-01.json", line=5),
        message_zh="",
        message_en="",
    )
    findings = Findings([late, warning, early])
    assert (3, [early, warning, late]) == (len(findings), list(findings))
    assert ([warning], [early, late]) == (list(findings.warnings), list(findings.errors))
    assert early == findings[0]
    assert 4 == len(findings + Findings([early]))


# --- pyproject settings --------------------------------------------------------------------


def write_pyproject(folder: Path, table: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[project]\nname = "x"\n\n[tool.dutyledger.check]\n{table}\n', "utf-8")
    return path


def test_config_from_the_nearest_pyproject(tmp_path: Path) -> None:
    """Settings come from the pyproject.toml of the folder or its nearest parent."""
    path = write_pyproject(tmp_path, 'disable = ["DL401", "department-alias"]\nstrict = true')
    inner = tmp_path / "editions" / "deep"
    inner.mkdir(parents=True)
    expected = CheckConfig(disable=frozenset({"DL401", "DL405"}), strict=True, source=path)
    assert expected == load_config(inner)


def test_config_defaults_without_a_table(tmp_path: Path) -> None:
    """A pyproject.toml without the table, or none at all, gives the defaults."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert CheckConfig(source=tmp_path / "pyproject.toml") == load_config(tmp_path)


@pytest.mark.parametrize(
    ("table", "where"),
    [
        ('disable = ["DL999"]', "unknown rule 'DL999'"),
        ('disable = "DL401"', "disable: expected a list of rule codes"),
        ('strict = "yes"', "strict: expected true or false"),
        ("ignore = []", "unknown key(s) ignore"),
    ],
)
def test_config_errors(tmp_path: Path, table: str, where: str) -> None:
    """Unknown keys, wrong types and unknown codes are errors naming the key."""
    write_pyproject(tmp_path, table)
    with pytest.raises(CheckConfigError) as caught:
        load_config(tmp_path)
    assert where in str(caught.value)
    assert str(tmp_path / "pyproject.toml") in str(caught.value)


def test_config_invalid_toml(tmp_path: Path) -> None:
    """A pyproject.toml that is not TOML is an error, not silently ignored."""
    (tmp_path / "pyproject.toml").write_text("[tool.dutyledger.check\n", "utf-8")
    with pytest.raises(CheckConfigError):
        load_config(tmp_path)
