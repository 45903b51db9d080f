"""The public surface as a developer adopting dutyledger meets it: converters, errors, reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dutyledger
from conftest import ROOT
from dutyledger.cli import main

EXAMPLE = ROOT / "examples" / "2026-01-illustrative.json"


@pytest.fixture(scope="module")
def editions() -> tuple[dutyledger.Edition, dutyledger.Edition]:
    """The 2025-01 edition and the illustrative 2026-01 one."""
    return dutyledger.builtin_edition("2025-01"), dutyledger.load_edition(EXAMPLE)


@pytest.fixture(scope="module")
def changes(editions: tuple[dutyledger.Edition, dutyledger.Edition]) -> dutyledger.ChangeSet:
    """The change set between them."""
    return dutyledger.diff(*editions)


# --- converters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "converter", [dutyledger.make_converter, dutyledger.make_changes_converter]
)
def test_dump_changeset_with_any_converter_round_trips(
    converter: object, changes: dutyledger.ChangeSet
) -> None:
    """A change set written with make_converter() (as the docs once said) reads back equal."""
    text = dutyledger.dump_changeset(changes, converter=converter())  # type: ignore[operator]
    assert '"kind": "moved"' in text
    assert changes == dutyledger.load_changeset(text)
    assert text == dutyledger.dump_changeset(changes)


def test_crosswalk_with_the_edition_converter(
    editions: tuple[dutyledger.Edition, dutyledger.Edition],
) -> None:
    """A crosswalk written with make_converter() reads back equal too."""
    crosswalk = dutyledger.match(*editions)
    text = dutyledger.dump_crosswalk(crosswalk, converter=dutyledger.make_converter())
    assert crosswalk == dutyledger.load_crosswalk(text, converter=dutyledger.make_converter())


# --- errors stay in the hierarchy ------------------------------------------------------------


def test_unknown_change_kind(changes: dutyledger.ChangeSet) -> None:
    """filter(kind="moves") names the kinds there are; still a KeyError for old callers."""
    with pytest.raises(dutyledger.UnknownNameError, match=r"no change kind 'moves'.*moved"):
        changes.filter(kind="moves")
    with pytest.raises(KeyError):
        changes.filter(kind=["moved", "moves"])


def test_unknown_department(editions: tuple[dutyledger.Edition, dutyledger.Edition]) -> None:
    """Edition.department("nope") is a DutyLedgerError that lists the ids."""
    with pytest.raises(dutyledger.DutyLedgerError, match="no department id 'nope'") as caught:
        editions[0].department("nope")
    assert isinstance(caught.value, KeyError)
    assert "county.development-reform" in caught.value.known  # type: ignore[attr-defined]


def test_files_of_another_length(editions: tuple[dutyledger.Edition, dutyledger.Edition]) -> None:
    """check_editions with more files than editions says which argument is wrong."""
    with pytest.raises(dutyledger.InvalidArgumentError, match=r"files=.*one file .* per edition"):
        dutyledger.check_editions([editions[0]], files=["a.json", "b.json"])


@pytest.mark.parametrize("call", [dutyledger.diff, dutyledger.match])
def test_unknown_method_is_refused(
    call: object, editions: tuple[dutyledger.Edition, dutyledger.Edition]
) -> None:
    """method="fuzzy" no longer falls back to matching by content."""
    with pytest.raises(dutyledger.InvalidArgumentError, match="method='fuzzy'"):
        call(*editions, method="fuzzy")  # type: ignore[operator]


def test_unknown_message_language(editions: tuple[dutyledger.Edition, dutyledger.Edition]) -> None:
    """Finding.message(lang="fr") is refused, not answered in both languages."""
    finding = next(iter(dutyledger.check(editions[0])))
    assert finding.message("zh") in finding.message("both")
    with pytest.raises(dutyledger.InvalidArgumentError, match="lang='fr'"):
        finding.message("fr")  # type: ignore[arg-type]


# --- render_report ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_render_report_is_what_diff_writes(
    fmt: str,
    tmp_path: Path,
    editions: tuple[dutyledger.Edition, dutyledger.Edition],
    changes: dutyledger.ChangeSet,
) -> None:
    """render_report gives the bytes `dutyledger diff --format F -o FILE` writes."""
    target = tmp_path / f"report.{fmt}"
    assert 1 == main(["diff", "2025-01", str(EXAMPLE), "--format", fmt, "-o", str(target)])
    got = dutyledger.render_report(changes, *editions, format=fmt)  # type: ignore[arg-type]
    assert target.read_bytes() == got


def test_render_report_in_english(
    editions: tuple[dutyledger.Edition, dutyledger.Edition], changes: dutyledger.ChangeSet
) -> None:
    """lang="en" labels the report in English; the items' texts stay Chinese."""
    text = dutyledger.render_report(changes, *editions, format="md", lang="en").decode()
    assert "甘沟乡" in text
    assert text != dutyledger.render_report(changes, *editions, format="md").decode()


def test_render_report_refuses_unknown_formats(
    editions: tuple[dutyledger.Edition, dutyledger.Edition], changes: dutyledger.ChangeSet
) -> None:
    """An unknown format or language is a ReportError (a ValueError) naming the choices."""
    with pytest.raises(dutyledger.ReportError, match=r"format: no report format 'pdf'.*'xlsx'"):
        dutyledger.render_report(changes, *editions, format="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no report language 'fr'"):
        dutyledger.render_report(changes, *editions, lang="fr")  # type: ignore[arg-type]


@pytest.mark.parametrize(("fmt", "module"), [("xlsx", "openpyxl"), ("docx", "docx")])
def test_office_formats_without_the_extra(
    fmt: str,
    module: str,
    monkeypatch: pytest.MonkeyPatch,
    editions: tuple[dutyledger.Edition, dutyledger.Edition],
    changes: dutyledger.ChangeSet,
) -> None:
    """Without the office extra: MissingExtraError naming it, from the library and the CLI."""
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    with pytest.raises(dutyledger.MissingExtraError, match=r'pip install "dutyledger\[office\]"'):
        dutyledger.render_report(changes, *editions, format=fmt)  # type: ignore[arg-type]


# --- the slim core ---------------------------------------------------------------------------

# Run the CLI with the optional libraries unimportable, as after `pip install dutyledger`.
SLIM = (
    "import sys\n"
    "for name in ('rich', 'openpyxl', 'docx', 'pdfplumber', 'lxml', 'pygments'):\n"
    "    sys.modules[name] = None\n"
    "from dutyledger.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def slim(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SLIM, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("summary",), 0),
        (("show",), 0),
        (("check", "editions/2025-01.json"), 0),
        (("export", "2025-01"), 0),
        (("diff", "2025-01", str(EXAMPLE), "--format", "md"), 1),
        (("diff", "2025-01", str(EXAMPLE), "--format", "html"), 1),
        (("diff", "2025-01", str(EXAMPLE), "--format", "csv"), 1),
        (("diff", "2025-01", str(EXAMPLE), "--format", "json"), 1),
    ],
)
def test_the_core_works_without_extras(args: tuple[str, ...], status: int) -> None:
    """Editions, check, diff and the md/html/csv/json reports need none of the extras."""
    result = slim(*args)
    assert (status, "") == (result.returncode, result.stderr)
    assert result.stdout


@pytest.mark.slow
def test_a_missing_extra_exits_2_naming_it(tmp_path: Path) -> None:
    """`diff --format xlsx` without the office extra: exit 2, one line naming it, nothing written."""
    target = tmp_path / "调整对照表.xlsx"
    result = slim("diff", "2025-01", str(EXAMPLE), "--format", "xlsx", "-o", str(target))
    assert 2 == result.returncode
    assert 'pip install "dutyledger[office]"' in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


# --- API roughness ---------------------------------------------------------------------------


def test_readme_snippet_is_type_checked() -> None:
    """The README's library snippet is in tests/typing/api.py, which mypy --strict checks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("```python\n", 1)[1].split("```", 1)[0]
    typed = (ROOT / "tests" / "typing" / "api.py").read_text(encoding="utf-8")
    body = typed.split("def readme_snippet() -> None:\n", 1)[1]
    lines = [line.removeprefix("    ") for line in body.splitlines()[1:]]
    assert snippet.strip() in "\n".join(lines)


def test_change_kinds_are_read_only() -> None:
    """CHANGE_KINDS cannot be changed by a caller, and lists the kinds in order."""
    with pytest.raises(TypeError):
        dutyledger.CHANGE_KINDS["moves"] = dutyledger.Moved  # type: ignore[index]
    assert "moved" in dutyledger.CHANGE_KINDS
    assert dutyledger.CHANGE_KINDS["moved"] is dutyledger.Moved


def test_kind_tags_match_the_literal() -> None:
    """ChangeKind lists exactly the tags of CHANGE_KINDS, in order; groups are of ChangeGroup."""
    from typing import get_args

    assert get_args(dutyledger.ChangeKind) == tuple(dutyledger.CHANGE_KINDS)
    groups = {cls.group for cls in dutyledger.CHANGE_KINDS.values()}
    assert groups == set(get_args(dutyledger.ChangeGroup))


def test_items_of_a_list_and_the_old_keyword(
    editions: tuple[dutyledger.Edition, dutyledger.Edition],
) -> None:
    """items(list=...) is the name; items(kind=...) still works, with a DeprecationWarning."""
    edition = editions[0]
    assert edition.items(list=dutyledger.ListKind.RECALLED) == edition.recalled
    assert edition.items(dutyledger.ListKind.BASIC) == edition.basic
    with pytest.warns(DeprecationWarning, match=r"items\(list=...\)"):
        assert edition.items(kind=dutyledger.ListKind.COOPERATIVE) == edition.cooperative


def test_registry_accessor(editions: tuple[dutyledger.Edition, dutyledger.Edition]) -> None:
    """Edition.registry() resolves a spelling to its department, without a (registry, problems) pair."""
    edition = editions[0]
    registry = edition.registry()
    assert isinstance(registry, dutyledger.DepartmentRegistry)
    found = registry.resolve("乌鲁木齐县发展改革委员会")
    assert found is not None
    assert "county.development-reform" == found.id
    assert registry == dutyledger.DepartmentRegistry.of(edition.departments)


def test_items_naming_a_department(editions: tuple[dutyledger.Edition, dutyledger.Edition]) -> None:
    """items_naming gives the items of every list that name the department, in list order."""
    edition = editions[0]
    naming = edition.items_naming("county.development-reform")
    assert 7 == len([i for i in naming if isinstance(i, dutyledger.CooperativeItem)])
    assert all(isinstance(i, dutyledger.CooperativeItem | dutyledger.RecalledItem) for i in naming)
    assert list(naming) == [i for i in edition.items() if i in naming]
    with pytest.raises(dutyledger.UnknownNameError):
        edition.items_naming("nowhere")


def test_validate_edition_returns_a_tuple(
    editions: tuple[dutyledger.Edition, dutyledger.Edition],
) -> None:
    """validate_edition returns a tuple, like the rest of the API."""
    assert () == dutyledger.validate_edition(editions[0])


def test_list_keyword_everywhere(changes: dutyledger.ChangeSet) -> None:
    """Preamble.declaration and Indicators.delta take list=; kind= warns and still answers."""
    edition = dutyledger.builtin_edition("2025-01")
    basic = dutyledger.ListKind.BASIC
    declared = edition.preamble.declaration(list=basic)
    assert declared is not None
    assert 127 == declared.item_count
    with pytest.warns(DeprecationWarning, match=r"Preamble.declaration\(kind=...\)"):
        assert declared == edition.preamble.declaration(kind=basic)
    found = changes.indicators()
    with pytest.warns(DeprecationWarning, match=r"Indicators.delta\(kind=...\)"):
        assert found.delta(list=basic) == found.delta(kind=basic)
    with pytest.raises(TypeError, match="needs the list"):
        found.delta()
