"""The edition file: canonical JSON, round trips, and one clear message per bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import dutyledger
import strategies
from conftest import EDITIONS
from dutyledger import EditionLoadError

SEED_JSON = EDITIONS / "2025-01.json"


def seed_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(source: Path | bytes | str) -> dict[str, str]:
    with pytest.raises(EditionLoadError) as caught:
        dutyledger.load_edition(source)
    return {p.where: p.message for p in caught.value.problems}


def test_dump_of_load_is_byte_for_byte() -> None:
    """The committed edition is canonical: dump(load(x)) == x."""
    text = SEED_JSON.read_text(encoding="utf-8")
    assert text == dutyledger.dump_edition(dutyledger.load_edition(SEED_JSON))


def test_canonical_form() -> None:
    """UTF-8 with Chinese unescaped, format first, 2-space indent, newline at the end."""
    text = SEED_JSON.read_text(encoding="utf-8")
    assert text.startswith('{\n  "format": "dutyledger.edition/1",\n  "meta": {\n')
    assert "甘沟乡" in text
    assert "\\u" not in text
    assert text.endswith("}\n")


def test_load_accepts_path_str_and_bytes() -> None:
    """A path, a JSON string and JSON bytes load to the same edition."""
    raw = SEED_JSON.read_bytes()
    from_path = dutyledger.load_edition(SEED_JSON)
    assert from_path == dutyledger.load_edition(str(SEED_JSON))
    assert from_path == dutyledger.load_edition(raw)
    assert from_path == dutyledger.load_edition(raw.decode("utf-8"))


@given(strategies.editions())
def test_round_trip(edition: dutyledger.Edition) -> None:
    """Any valid edition survives dump and load unchanged, and dumps canonically."""
    text = dutyledger.dump_edition(edition)
    assert edition == dutyledger.load_edition(text)
    assert text == dutyledger.dump_edition(dutyledger.load_edition(text))


def test_records_are_frozen_and_hashable(seed_edition: dutyledger.Edition) -> None:
    """Editions are immutable values: they hash, and assignment fails."""
    assert hash(seed_edition) == hash(dutyledger.load_edition(SEED_JSON))
    with pytest.raises(AttributeError):
        seed_edition.basic[0].name = "x"  # type: ignore[misc]


def test_invalid_json(tmp_path: Path) -> None:
    """Invalid JSON names the file, line and column."""
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": ,\n}', encoding="utf-8")
    with pytest.raises(EditionLoadError) as caught:
        dutyledger.load_edition(path)
    assert str(path) in str(caught.value)
    assert "line 2, column 13: invalid JSON" in str(caught.value)


def test_not_utf8(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are said to be so."""
    path = tmp_path / "gbk.json"
    path.write_bytes('{"meta": "甘沟乡"}'.encode("gbk"))
    assert problems_of(path) == {"byte 10": "not UTF-8; expected a UTF-8 encoded JSON file"}


def test_missing_file(tmp_path: Path) -> None:
    """A file that is not there is one clear problem."""
    assert problems_of(tmp_path / "nope.json") == {"file": "cannot read: No such file or directory"}


def test_wrong_type(tmp_path: Path) -> None:
    """A string where an integer belongs names the JSON path and the expectation."""
    data = seed_data()
    data["cooperative"][12]["number"] = "13"
    assert problems_of(write(tmp_path, data)) == {
        "$.cooperative[12].number": 'expected an integer, found a string ("13")'
    }


def test_missing_and_unknown_fields(tmp_path: Path) -> None:
    """A missing field and an unknown one are both reported, at their paths."""
    data = seed_data()
    del data["basic"][0]["name"]
    data["recalled"][2]["remark"] = "x"
    assert problems_of(write(tmp_path, data)) == {
        "$.basic[0].name": "required field missing",
        "$.recalled[2]": "unknown field(s) remark; expected only the fields of the format",
    }


def test_unknown_department(tmp_path: Path) -> None:
    """A reference to a department the registry lacks is an error at its path."""
    data = seed_data()
    data["cooperative"][13]["departments"][1]["department"] = "county.nowhere"
    assert problems_of(write(tmp_path, data)) == {
        "$.cooperative[13].departments[1].department": (
            "unknown department 'county.nowhere'; expected an id from $.departments"
        )
    }


def test_spelling_that_is_not_the_departments(tmp_path: Path) -> None:
    """A written name that is not a spelling of the referenced department is an error."""
    data = seed_data()
    data["recalled"][0]["receivers"][0]["departments"][0]["written"] = "乌鲁木齐县民政厅"
    where = "$.recalled[0].receivers[0].departments[0].written"
    assert where in problems_of(write(tmp_path, data))


def test_duplicate_id(tmp_path: Path) -> None:
    """Two items with one id: the second is named, with the first."""
    data = seed_data()
    data["recalled"][5]["id"] = data["basic"][0]["id"]
    message = problems_of(write(tmp_path, data))["$.recalled[5].id"]
    assert message.startswith("duplicate id")
    assert "$.basic[0].id" in message


def test_all_problems_at_once(tmp_path: Path) -> None:
    """Type errors and reference errors in one file come in one message."""
    data = seed_data()
    data["meta"]["status"] = "final"
    data["basic"][3]["number"] = True
    data["basic"][5]["id"] = data["basic"][4]["id"]
    data["cooperative"][0]["departments"][0]["department"] = "x"
    found = problems_of(write(tmp_path, data))
    assert set(found) == {
        "$.meta.status",
        "$.basic[3].number",
        "$.basic[5].id",
        "$.cooperative[0].departments[0].department",
    }
    assert found["$.meta.status"] == "expected one of 'official', 'draft', 'illustrative'"


def test_wrong_format_tag(tmp_path: Path) -> None:
    """A file of another format or version is refused."""
    data = seed_data()
    data["format"] = "dutyledger.edition/9"
    assert "$.format" in problems_of(write(tmp_path, data))


def test_not_an_object() -> None:
    """A JSON array is not an edition."""
    assert problems_of(b"[]") == {"$": "expected an object, found an array"}


def test_load_error_is_a_value_error_under_the_root() -> None:
    """Callers may catch DutyLedgerError or ValueError."""
    assert issubclass(EditionLoadError, dutyledger.DutyLedgerError)
    assert issubclass(EditionLoadError, ValueError)


def test_write_atomic_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails before the rename leaves the old content and no temporary file."""
    from dutyledger._edition import codec as _codec

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dutyledger._edition.output.os.fsync", fail)
    with pytest.raises(dutyledger.OutputError, match="No space") as caught:
        _codec.write_atomic(target, "new")
    assert caught.value.source == str(target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_atomic_gives_a_normal_file_mode(tmp_path: Path) -> None:
    """A written file is readable like any new file, not private to the writer."""
    import os

    from dutyledger._edition.codec import write_atomic

    target = tmp_path / "edition.json"
    write_atomic(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_registry_collection_of_the_wrong_type_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """short_names given as true is reported with its path (it once raised a TypeError)."""
    data = seed_data()
    data["departments"][0]["short_names"] = True
    problems = problems_of(write(tmp_path, data))
    assert "$.departments[0].short_names" in problems
