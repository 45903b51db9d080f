"""Strict JSON and the size limits (``_edition/strict.py``): every crash the fuzzer found, and more.

Each test feeds one hostile input to a loader and expects one clear error that
names the place: the JSON path, or the line and column where there is no path.
"""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import dutyledger
import strategies
from conftest import EDITIONS
from dutyledger import ChangeSetLoadError, CheckConfigError, EditionLoadError, IngestError
from dutyledger._checks.config import load_config
from dutyledger._edition import strict

SEED_TEXT = (EDITIONS / "2025-01.json").read_text(encoding="utf-8")
SEED = json.loads(SEED_TEXT)


def problems_of(source: str | bytes | Path) -> list[tuple[str, str]]:
    with pytest.raises(EditionLoadError) as caught:
        dutyledger.load_edition(source)
    return [(p.where, p.message) for p in caught.value.problems]


def edited(change: Any) -> str:
    data = copy.deepcopy(SEED)
    change(data)
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_a_5000_digit_integer_is_an_error_with_its_line() -> None:
    """Found by the fuzzer: a ValueError from Python's integer conversion limit, now an error."""
    text = SEED_TEXT.replace('"number": 1,', '"number": ' + "9" * 5000 + ",", 1)
    [(where, message)] = problems_of(text)
    line = SEED_TEXT[: SEED_TEXT.index('"number": 1,')].count("\n") + 1
    assert where.startswith(f"line {line}, column ")
    assert "more than 16 digits" in message


def test_nesting_10000_deep_is_an_error_not_a_recursion_error() -> None:
    """Found by the fuzzer: a RecursionError in the parser, now an error at the 65th level."""
    text = '{"format": "dutyledger.edition/1", "meta": ' + "[" * 10_000 + "]" * 10_000 + "}"
    [(where, message)] = problems_of(text)
    assert f"line 1, column {len(text[: text.index('[')]) + strict.MAX_DEPTH}" == where
    assert "nested more than 64 levels" in message


def test_nesting_past_the_limit_is_named_by_its_path_when_it_parses() -> None:
    """A document 70 deep parses; the depth problem is reported with its JSON path."""
    text = edited(lambda d: d["meta"].__setitem__("note", json.loads("[" * 70 + "]" * 70)))
    found = dict(problems_of(text))
    deepest = "$.meta.note" + "[0]" * (strict.MAX_DEPTH - 2)
    assert "nested more than 64 levels deep; expected at most 64" == found[deepest]


def test_short_names_as_a_number_is_a_type_error_with_its_path() -> None:
    """Found by the fuzzer: a TypeError in validate, now 'expected an array' at the path."""
    found = dict(problems_of(edited(lambda d: d["departments"][0].__setitem__("short_names", 5))))
    assert "expected an array, found a number (5)" == found["$.departments[0].short_names"]


def test_a_duplicate_key_is_an_error_not_last_wins() -> None:
    """The same key twice in one object is refused at its path."""
    text = SEED_TEXT.replace('"number": 1,', '"number": 1, "number": 2,', 1)
    assert [
        ("$.basic[0].number", "duplicate key 'number'; expected each key once in an object")
    ] == problems_of(text)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("NaN", "NaN is not JSON; expected a finite number"),
        ("Infinity", "Infinity is not JSON; expected a finite number"),
        ("-Infinity", "-Infinity is not JSON; expected a finite number"),
        ("1e400", "1e400 is too large for a number; expected a finite number"),
        ("-0", "-0 is not canonical; expected 0"),
    ],
)
def test_non_json_numbers_are_errors_with_their_path(token: str, message: str) -> None:
    """NaN, the infinities, an overflowing float and -0 are refused where they stand."""
    text = SEED_TEXT.replace('"number": 1,', f'"number": {token},', 1)
    assert [("$.basic[0].number", message)] == problems_of(text)


def test_a_date_with_minus_zero_inside_a_string_is_not_a_negative_zero() -> None:
    """'-0' inside a text is text: the -0 check looks at numbers only."""
    text = edited(lambda d: d["basic"][0].__setitem__("name", "a -0, b"))
    assert "a -0, b" == dutyledger.load_edition(text).basic[0].name


@pytest.mark.parametrize("value", [2**53 + 1, -(2**53) - 1, 10**30])
def test_integers_beyond_2_to_the_53_are_errors(value: int) -> None:
    """An integer JSON readers that use doubles would round is refused at its path."""
    found = dict(problems_of(edited(lambda d: d["basic"][0].__setitem__("page", value))))
    assert found["$.basic[0].page"].endswith("expected an integer within ±2^53")


def test_2_to_the_53_itself_is_accepted() -> None:
    """The limit is inclusive: 2^53 is exact in a double."""
    text = edited(lambda d: d["basic"][0].__setitem__("page", 2**53))
    assert 2**53 == dutyledger.load_edition(text).basic[0].page


def test_a_string_where_an_array_belongs_is_not_split_into_characters() -> None:
    """Issue 16.3: "title_lines": "甘沟乡" was three lines; now an error with its path."""
    found = dict(problems_of(edited(lambda d: d["preamble"].__setitem__("title_lines", "甘沟乡"))))
    assert 'expected an array, found a string ("甘沟乡")' == found["$.preamble.title_lines"]


def test_an_object_where_a_list_belongs_is_an_error() -> None:
    """Issue 16.3: "basic": {} was an empty list; now an error with its path."""
    found = dict(problems_of(edited(lambda d: d.__setitem__("basic", {}))))
    assert "expected an array, found an object" == found["$.basic"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("basic", 0), "page"),
        (("basic", 0), "starred"),
        (("meta",), "note"),
        (("departments", 0), "aliases"),
        (("meta", "source"), "url"),
    ],
)
def test_a_field_with_a_default_may_not_be_left_out(path: tuple[Any, ...], field: str) -> None:
    """Issue 16.4: the format is canonical; a missing field is an error even if it has a default."""

    def drop(data: Any) -> None:
        target = data
        for step in path:
            target = target[step]
        del target[field]

    where = "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path) + f".{field}"
    assert (where, "required field missing") in problems_of(edited(drop))


@pytest.mark.parametrize(
    "date", ["2025-02-31", "2025-01\n", "٢٠٢٥-01", "２０２５-01", "0000-01", "2025-13"]
)
def test_impossible_and_non_ascii_dates_are_refused(date: str) -> None:
    """Issue 16.4: a date must exist and be written in ASCII digits, with nothing after it."""
    found = dict(problems_of(edited(lambda d: d["meta"].__setitem__("date", date))))
    assert f"expected a date YYYY-MM or YYYY-MM-DD, found {date!r}" == found["$.meta.date"]


@pytest.mark.parametrize("date", ["2024-02-29", "2025-01", "2025-12-31"])
def test_real_dates_are_accepted(date: str) -> None:
    """A leap day and a month without a day are dates."""
    assert (
        date
        == dutyledger.load_edition(edited(lambda d: d["meta"].__setitem__("date", date))).meta.date
    )


def _first_heading(data: dict[str, Any]) -> str:
    for k, item in enumerate(data["cooperative"]):
        for b, block in enumerate(item["upstream_duties"]["blocks"]):
            if block["heading"] is not None:
                return f"$.cooperative[{k}].upstream_duties.blocks[{b}].heading.title"
    raise AssertionError("no heading in the seed")


@pytest.mark.parametrize(
    "path",
    [
        "$.basic[0].name",
        "$.basic[0].category",
        "$.cooperative[0].upstream_duties.blocks[0].steps[0].text",
        "heading",
        "$.recalled[0].receivers[0].method",
        "$.meta.title",
        "$.preamble.sections[0].paragraphs[0]",
        "$.departments[0].name",
    ],
)
def test_a_text_past_the_limit_is_an_error_with_its_path(path: str) -> None:
    """A text of more than MAX_TEXT_CHARS characters is refused wherever it stands, with its path.

    (A 10 MB name made diff take 17 s.) The loader's shortcut leaves such a file to the
    general path, which names the text: both ways give this one message.
    """
    path = _first_heading(SEED) if path == "heading" else path
    steps = re.findall(r"\.(\w+)|\[(\d+)\]", path[1:])
    keys: list[Any] = [name or int(index) for name, index in steps]

    def put(data: dict[str, Any]) -> None:
        where: Any = data
        for key in keys[:-1]:
            where = where[key]
        where[keys[-1]] = "长" * (strict.MAX_TEXT_CHARS + 1)

    found = dict(problems_of(edited(put)))
    assert "a text of 100,001 characters; expected at most 100,000" == found[path]


def test_an_edition_past_the_item_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """More items than MAX_ITEMS over the three lists: one error, before any structuring."""
    monkeypatch.setattr(strict, "MAX_ITEMS", 100)
    assert [("$", "280 items; expected at most 100 in an edition")] == problems_of(SEED_TEXT)


def test_a_file_past_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file larger than MAX_FILE_BYTES is refused by its size."""
    monkeypatch.setattr(strict, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text(SEED_TEXT, encoding="utf-8")
    assert [("file", "larger than 0 MiB; expected a file of at most 0 MiB")] == problems_of(path)


def test_a_device_that_never_ends_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev/zero is read only up to the limit, then refused (it used to read forever)."""
    monkeypatch.setattr(strict, "MAX_FILE_BYTES", 3 * 2**20)
    assert [("file", "larger than 3 MiB; expected a file of at most 3 MiB")] == problems_of(
        Path("/dev/zero")
    )


def test_a_huge_pyproject_is_refused_not_parsed_for_seconds(tmp_path: Path) -> None:
    """Found by the fuzzer: tomllib is quadratic in an escaped string (4 s for 6 MB); TOML is capped."""
    body = "\\u957f" * (strict.MAX_TOML_BYTES // 6 + 1)
    (tmp_path / "pyproject.toml").write_text(f'[tool.dutyledger.check]\nx = "{body}"\n')
    with pytest.raises(CheckConfigError, match="larger than 1024 KiB"):
        load_config(tmp_path)


def changeset_text() -> str:
    old = dutyledger.builtin_edition("2025-01")
    new = dutyledger.load_edition(EDITIONS.parent / "examples" / "2026-01-illustrative.json")
    changes = dutyledger.diff(old, new)
    paired = tuple(c for c in changes if hasattr(c, "confidence"))[:2]
    return dutyledger.dump_changeset(attrs.evolve(changes, changes=paired))


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("NaN", "NaN is not JSON; expected a finite number"),
        ("Infinity", "Infinity is not JSON; expected a finite number"),
        ("-5", "-5 is out of range; expected a number from 0 to 1"),
        ("1.5", "1.5 is out of range; expected a number from 0 to 1"),
    ],
)
def test_a_change_set_refuses_a_confidence_outside_0_to_1(token: str, message: str) -> None:
    """Issue 16.4: a confidence of NaN, Infinity or -5 is refused at its path."""
    text = changeset_text().replace('"confidence": 1.0', f'"confidence": {token}', 1)
    with pytest.raises(ChangeSetLoadError) as caught:
        dutyledger.load_changeset(text)
    [problem] = caught.value.problems
    assert (problem.where.endswith(".confidence"), problem.message) == (True, message)


def test_a_change_set_never_writes_nan() -> None:
    """A change record holding NaN (made in code) cannot be written: JSON has no NaN."""
    changes = dutyledger.load_changeset(changeset_text())
    first: Any = attrs.evolve(changes.changes[0], confidence=math.nan)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not JSON compliant"):
        dutyledger.dump_changeset(attrs.evolve(changes, changes=(first, *changes.changes[1:])))


def test_hidden_characters_in_a_source_are_refused_with_line_and_column() -> None:
    """A zero-width space before a section title silently moved the section; now an error."""
    from conftest import SOURCE, SOURCE_META

    text = SOURCE.read_text(encoding="utf-8").replace("三、清单内容", "\u200b三、清单内容")
    line = text[: text.index("\u200b")].count("\n") + 1
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_text(text, dutyledger.load_ingest_meta(SOURCE_META))
    [problem] = caught.value.problems
    assert (
        f"line {line}, column 1",
        "hidden character U+200B (ZERO WIDTH SPACE); expected visible text",
    ) == (
        problem.where,
        problem.message,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.mutated_editions())
def test_whatever_load_accepts_is_canonical(text: str) -> None:
    """Issue 16.4: dump(load(x)) == x for every x that load accepts (mutations of canonical files)."""
    try:
        edition = dutyledger.load_edition(text)
    except EditionLoadError:
        return
    assert text == dutyledger.dump_edition(edition)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x7f", "\x85", "\ufffe"])
def test_characters_canonical_json_escapes_are_refused_raw(char: str) -> None:
    """Canonical JSON escapes U+2028 and the like; written as themselves they are refused."""
    text = SEED_TEXT.replace('"title": "', f'"title": "{char}', 1)
    [(where, message)] = problems_of(text)
    assert where.startswith("line 4, column ")
    assert f"U+{ord(char):04X} written as itself" in message
    escaped = SEED_TEXT.replace('"title": "', f'"title": "\\u{ord(char):04x}', 1)
    assert escaped == dutyledger.dump_edition(dutyledger.load_edition(escaped))
