"""The JSON Schemas in schemas/: current, valid, passing every real file and failing corruptions."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import dutyledger
from conftest import EDITIONS, ROOT
from strategies import edit_scripts, editions

SCHEMAS = ROOT / "schemas"
EXAMPLE = ROOT / "examples" / "2026-01-illustrative.json"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("schemas_generate", SCHEMAS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}-1.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


EDITION = validator("edition")
CHANGESET = validator("changeset")
CROSSWALK = validator("crosswalk")


def errors(check: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in check.iter_errors(data)]


@pytest.mark.parametrize("name", list(GENERATE.SCHEMAS))
def test_committed_schemas_are_current(name: str) -> None:
    """Each schema file is what schemas/generate.py makes from today's records."""
    assert GENERATE.render(name) == (SCHEMAS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(GENERATE.SCHEMAS))
def test_schemas_are_valid_json_schema(name: str) -> None:
    """Each is a valid JSON Schema (draft 2020-12), so editors and validators accept it."""
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "path", [*sorted(EDITIONS.glob("*.json")), EXAMPLE], ids=lambda p: Path(p).name
)
def test_shipped_editions_validate(path: Path) -> None:
    """The shipped editions and the example edition are valid edition/1 files."""
    assert [] == errors(EDITION, json.loads(path.read_text(encoding="utf-8")))


def test_change_set_and_crosswalk_validate() -> None:
    """The example change set (docs/examples) and a fresh diff and match validate."""
    old, new = dutyledger.builtin_edition("2025-01"), dutyledger.load_edition(EXAMPLE)
    shipped = json.loads((ROOT / "docs" / "examples" / "changes.json").read_text(encoding="utf-8"))
    assert [] == errors(CHANGESET, shipped)
    assert [] == errors(CHANGESET, json.loads(dutyledger.dump_changeset(dutyledger.diff(old, new))))
    crosswalk = dutyledger.match(old, new, method="content")
    assert [] == errors(CROSSWALK, json.loads(dutyledger.dump_crosswalk(crosswalk)))


@given(editions())
def test_generated_editions_validate(edition: dutyledger.Edition) -> None:
    """Every edition the strategies draw validates once written."""
    assert [] == errors(EDITION, json.loads(dutyledger.dump_edition(edition)))


@given(edit_scripts())
def test_generated_change_sets_validate(script: Any) -> None:
    """Every change set between drawn editions validates: all kinds, tagged items."""
    changes = dutyledger.diff(script.old, script.new)
    assert [] == errors(CHANGESET, json.loads(dutyledger.dump_changeset(changes)))


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def corrupt(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return corrupt


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def corrupt(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return corrupt


EDITION_CORRUPTIONS = {
    "another format": _set(("format",), "dutyledger.edition/2"),
    "unknown top-level key": _set(("extra",), 1),
    "missing meta": _drop(("meta",)),
    "status not one of the three": _set(("meta", "status"), "final"),
    "number as a string": _set(("basic", 0, "number"), "1"),
    "starred as a string": _set(("basic", 0, "starred"), "★"),
    "unknown item key": _set(("cooperative", 0, "lead"), "x"),
    "list not an array": _set(("recalled",), {}),
    "department ref without written": _drop(("cooperative", 0, "departments", 0, "written")),
    "step text null": _set(
        ("cooperative", 0, "upstream_duties", "blocks", 0, "steps", 0, "text"), None
    ),
}


# The loader of this version still reads an object where an array belongs (cattrs iterates
# it); the schema does not. The strict loaders (issue 15) refuse it too.
LOADER_LENIENT = {"list not an array"}


@pytest.mark.parametrize("corruption", list(EDITION_CORRUPTIONS))
def test_corrupted_editions_fail(corruption: str) -> None:
    """Each corruption of the seed edition is caught by the schema, as by the loader."""
    data = json.loads((EDITIONS / "2025-01.json").read_text(encoding="utf-8"))
    EDITION_CORRUPTIONS[corruption](data)
    assert errors(EDITION, data)
    if corruption not in LOADER_LENIENT:
        with pytest.raises(dutyledger.EditionLoadError):
            dutyledger.load_edition(json.dumps(data, ensure_ascii=False))


def test_corrupted_change_sets_fail() -> None:
    """A change of an unknown kind, an item of an unknown list, a missing field: invalid."""
    full = json.loads((ROOT / "docs" / "examples" / "changes.json").read_text(encoding="utf-8"))
    moved = next(c for c in full["changes"] if c["kind"] == "moved")
    shipped = {**full, "changes": [moved]}
    assert [] == errors(CHANGESET, shipped)
    for corrupt in (
        _set(("changes", 0, "kind"), "moves"),
        _set(("changes", 0, "old", "list"), "other"),
        _drop(("changes", 0, "direction")),
        _set(("changes", 0, "confidence"), "high"),
    ):
        data = copy.deepcopy(shipped)
        corrupt(data)
        assert errors(CHANGESET, data)
        with pytest.raises(dutyledger.ChangeSetLoadError):
            dutyledger.load_changeset(json.dumps(data, ensure_ascii=False))


def test_corrupted_crosswalks_fail() -> None:
    """A pair without its new id, or from an unknown source: invalid."""
    old, new = dutyledger.builtin_edition("2025-01"), dutyledger.load_edition(EXAMPLE)
    shipped = json.loads(dutyledger.dump_crosswalk(dutyledger.match(old, new)))
    for corrupt in (_drop(("pairs", 0, "new")), _set(("pairs", 0, "source"), "guessed")):
        data = copy.deepcopy(shipped)
        corrupt(data)
        assert errors(CROSSWALK, data)
        with pytest.raises(dutyledger.CrosswalkError):
            dutyledger.load_crosswalk(json.dumps(data, ensure_ascii=False))


@pytest.mark.slow
def test_wheel_carries_the_schemas(tmp_path: Path) -> None:
    """The wheel ships the three schemas inside the package, beside the editions."""
    build = ["wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)]
    subprocess.run(
        [sys.executable, "-m", "pip", *build],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("dutyledger-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"dutyledger/schemas/{name}" for name in GENERATE.SCHEMAS} <= names
    assert not any(name.endswith("generate.py") for name in names)
