"""The fast load path: the same editions and the same errors as the general path, sooner."""

from __future__ import annotations

import gc
import json
import sys

import attrs
import pytest
from hypothesis import given, settings

import dutyledger
import strategies
from conftest import EDITIONS
from dutyledger import Edition, EditionLoadError, dump_edition, load_edition, make_converter
from dutyledger._edition.fast import HOT_RECORDS, fast_load

FORMAT = "dutyledger.edition/1"


def general(raw: bytes) -> Edition | list[tuple[str, str]]:
    """The general path's answer: the edition, or the problems it reports."""
    try:
        return load_edition(raw, converter=make_converter())
    except EditionLoadError as exc:
        return [(p.where, p.message) for p in exc.problems]


@given(strategies.editions())
def test_canonical_files_take_the_fast_path(edition: Edition) -> None:
    """A canonical, valid file is built by the fast path, equal to what the general path builds."""
    raw = dump_edition(edition).encode("utf-8")
    fast = fast_load(raw, FORMAT, validate=True)
    assert fast is not None
    assert general(raw) == fast
    assert dump_edition(fast) == raw.decode("utf-8")


@settings(max_examples=150)
@given(strategies.mutated_files())
def test_fast_path_never_decides_what_the_general_path_would_not(
    case: tuple[Edition, bytes, str],
) -> None:
    """After any one fault, the fast path gives up or gives exactly the general path's edition."""
    _, raw, _ = case
    expected = general(raw)
    for validate in (True, False):
        fast = fast_load(raw, FORMAT, validate=validate)
        if fast is not None:
            assert load_edition(raw, converter=make_converter(), validate=validate) == fast
    fast = fast_load(raw, FORMAT, validate=True)
    assert fast is None or fast == expected
    if isinstance(expected, list):
        with pytest.raises(EditionLoadError) as caught:
            load_edition(raw)
        assert [(p.where, p.message) for p in caught.value.problems] == expected


def test_duplicate_key_is_left_to_the_general_path() -> None:
    """A key written twice (which orjson would take silently) sends the file the general way."""
    text = (EDITIONS / "2025-01.json").read_text(encoding="utf-8")
    doubled = text.replace('"namespace": ', '"namespace": "decoy",\n    "namespace": ', 1)
    assert doubled != text
    assert fast_load(doubled.encode("utf-8"), FORMAT, validate=True) is None
    assert fast_load(text.encode("utf-8"), FORMAT, validate=True) is not None


def test_real_editions_load_the_same_either_way() -> None:
    """The 2025-01 edition and the illustrative 2026-01 take the fast path and equal the general one."""
    for path in (
        EDITIONS / "2025-01.json",
        EDITIONS.parent / "examples" / "2026-01-illustrative.json",
    ):
        raw = path.read_bytes()
        fast = fast_load(raw, FORMAT, validate=True)
        assert fast is not None
        assert fast == general(raw)


def test_without_orjson_load_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without orjson (it is optional) the general path loads the same edition."""
    raw = (EDITIONS / "2025-01.json").read_bytes()
    expected = load_edition(raw)
    monkeypatch.setitem(sys.modules, "orjson", None)
    assert fast_load(raw, FORMAT, validate=True) is None
    assert load_edition(raw) == expected


def test_the_collector_is_restored_after_a_failed_load() -> None:
    """Loading pauses the garbage collector and turns it back on, even when the file is bad."""
    assert gc.isenabled()
    with pytest.raises(EditionLoadError):
        load_edition(json.dumps({"format": FORMAT}))
    assert gc.isenabled()


def test_hot_records_are_plain_frozen_values() -> None:
    """The hot records have no hook that the fast path, setting their slots directly, would skip."""
    for cls in HOT_RECORDS:
        assert attrs.has(cls)
        for field in attrs.fields(cls):
            assert field.validator is None, (cls, field.name)
            assert field.converter is None, (cls, field.name)
            assert field.on_setattr is None, (cls, field.name)
        assert "__attrs_post_init__" not in vars(cls), cls
    assert dutyledger.DeptRef in HOT_RECORDS


def test_json_nested_past_pythons_stack_is_the_general_paths_error() -> None:
    """JSON nested far deeper than Python's stack: the shortcut walks nothing recursively.

    Found by the floors run: orjson 3.9 parses 1,024 levels, and a recursive walk of the
    shortcut raised RecursionError before the strict reader could name the nesting.
    """
    deep = '{"format": "dutyledger.edition/1", "meta": ' + "[" * 1000 + "]" * 1000 + "}"
    with pytest.raises(dutyledger.EditionLoadError, match="nested"):
        dutyledger.load_edition(deep)
