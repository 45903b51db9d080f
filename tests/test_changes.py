"""Change records and the change set: kinds, inversion, filters, counts, the JSON form."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from dutyledger import (
    CHANGE_KINDS,
    CHANGESET_FORMAT,
    CLERICAL_KINDS,
    ChangeSet,
    ChangeSetLoadError,
    Direction,
    Edition,
    ListKind,
    MatchSource,
    Moved,
    Span,
    changeset_to_dict,
    configure_changes,
    diff,
    dump_changeset,
    load_changeset,
    load_edition,
    make_changes_converter,
    make_converter,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"


@pytest.fixture(scope="module")
def example_changes(seed_edition: Edition) -> ChangeSet:
    """diff(2025-01, the illustrative 2026-01 edition): every kind of change at least once."""
    return diff(seed_edition, load_edition(EXAMPLE))


def test_every_kind_has_one_class_a_tag_a_term_and_a_group() -> None:
    """Tags are unique; each class says its Chinese term and whether it is clerical."""
    assert len(CHANGE_KINDS) == len({cls.kind for cls in CHANGE_KINDS.values()})
    for kind, cls in CHANGE_KINDS.items():
        assert kind == cls.kind
        assert cls.term
        assert cls.group in ("item", "clerical", "edition")
    assert {"renumbered", "repaged", "reidentified", "wording", "reordered"} == CLERICAL_KINDS


def test_inverting_twice_gives_the_change_back(example_changes: ChangeSet) -> None:
    """invert() of every record of the example, twice, is the record; kinds pair up."""
    pairs = {
        "added": "removed",
        "split": "merged",
        "star_set": "star_cleared",
        "department_added": "department_removed",
        "step_added": "step_removed",
        "block_added": "block_removed",
    }
    pairs.update({v: k for k, v in pairs.items()})
    for change in example_changes:
        inverted = change.invert()
        assert change == inverted.invert()
        assert pairs.get(change.kind, change.kind) == inverted.kind
    assert example_changes == example_changes.invert().invert()


def test_a_move_checks_its_direction(example_changes: ChangeSet) -> None:
    """A Moved record whose direction does not fit its lists cannot be made."""
    moved = next(c for c in example_changes if isinstance(c, Moved))
    assert Direction.between(moved.old_list, moved.new_list) is moved.direction
    wrong = next(d for d in Direction if d is not moved.direction)
    with pytest.raises(ValueError, match="does not fit"):
        attrs.evolve(moved, direction=wrong)


def test_spans_invert() -> None:
    """A span read backwards: insert and delete swap, old and new swap."""
    assert Span(op="delete", old="x", new="") == Span(op="insert", old="", new="x").invert()
    assert Span(op="replace", old="b", new="a") == Span(op="replace", old="a", new="b").invert()


def test_a_change_set_is_falsy_when_empty_and_sequence_like(example_changes: ChangeSet) -> None:
    """Empty is falsy; len, iteration and indexing see the records in canonical order."""
    assert not ChangeSet()
    assert example_changes
    assert len(example_changes) == len(list(example_changes))
    assert example_changes[0] == next(iter(example_changes))
    assert example_changes.changes[:3] == example_changes[:3]
    assert ["meta", "preamble", "registry"] == [c.kind for c in example_changes[:3]]
    reversed_order = ChangeSet(changes=example_changes.changes[::-1])
    assert example_changes.changes == reversed_order.changes


def test_filters(example_changes: ChangeSet) -> None:
    """Filter by kind (tag or class), list, category, department; clerical kept or not."""
    moved = example_changes.filter(kind="moved")
    assert 5 == len(moved)
    assert moved == example_changes.filter(kind=Moved)
    assert 6 == len(example_changes.filter(kind=["moved", "split"]))
    recalled = example_changes.filter(list=ListKind.RECALLED, clerical=False)
    assert {"moved", "step_reworded"} == {c.kind for c in recalled}
    assert all(c.group != "clerical" for c in example_changes.filter(clerical=False))
    data = example_changes.filter(department="county.data")
    assert {"department_reassigned", "block_reassigned"} == {c.kind for c in data}
    assert example_changes.filter(category="精神文明建设", kind="recategorised")
    with pytest.raises(KeyError, match="no change kind"):
        example_changes.filter(kind="nonsense")


def test_counts_leave_clerical_kinds_out_unless_asked(example_changes: ChangeSet) -> None:
    """Counts per kind, in the canonical order of kinds; per list, a move counts in both."""
    counts = example_changes.counts()
    assert "renumbered" not in counts
    assert 5 == counts["moved"]
    assert set(CHANGE_KINDS) - CLERICAL_KINDS - {"meta", "preamble", "registry"} == set(counts)
    assert "renumbered" in example_changes.counts(clerical=True)
    assert list(counts) == [k for k in CHANGE_KINDS if k in counts]
    by_list = example_changes.counts_by_list()
    assert set(ListKind) == set(by_list)
    assert 4 == by_list[ListKind.BASIC]["moved"]
    assert len(example_changes.substantive()) == sum(counts.values())


def test_the_json_form_round_trips(example_changes: ChangeSet, tmp_path: Path) -> None:
    """Dump → load gives the change set back; format first, kinds and lists tagged."""
    text = dump_changeset(example_changes)
    data = json.loads(text)
    assert CHANGESET_FORMAT == next(iter(data.values()))
    assert {"kind", "match", "confidence", "direction", "old", "new"} == set(
        next(c for c in data["changes"] if c["kind"] == "moved")
    )
    assert "list" in data["changes"][3]["old"]
    assert example_changes == load_changeset(text)
    path = tmp_path / "changes.json"
    path.write_text(text, encoding="utf-8")
    assert example_changes == load_changeset(path)
    assert changeset_to_dict(example_changes) == data


def test_a_converter_passed_in_keeps_its_generated_code(example_changes: ChangeSet) -> None:
    """Loading with the caller's converter does not teach it again: its hooks stay the same.

    Teaching again registers hooks, which clears cattrs' cache of generated code, so each
    load would have generated it anew (three times the time of a load).
    """
    text = dump_changeset(example_changes)
    for converter in (make_changes_converter(), configure_changes(make_converter())):
        assert example_changes == load_changeset(text, converter=converter)
        hook = converter.get_structure_hook(ChangeSet)
        assert example_changes == load_changeset(text, converter=converter)
        assert converter.get_structure_hook(ChangeSet) is hook
    untaught = make_converter()
    assert example_changes == load_changeset(text, converter=untaught)  # taught on first use
    assert dump_changeset(example_changes, converter=untaught) == text


def test_a_bad_change_set_file_names_every_problem(example_changes: ChangeSet) -> None:
    """Wrong format tag, unknown kind, wrong type, unknown field: all reported with paths."""
    data = changeset_to_dict(example_changes)
    data["format"] = "dutyledger.changeset/0"
    data["changes"][0]["kind"] = "nonsense"
    data["changes"][4]["confidence"] = "high"
    data["changes"][5]["extra"] = 1
    data["changes"][6]["match"] = "guessed"
    with pytest.raises(ChangeSetLoadError) as caught:
        load_changeset(json.dumps(data, ensure_ascii=False))
    where = {p.where for p in caught.value.problems}
    assert {"$.format", "$.changes[0]", "$.changes[4].confidence", "$.changes[5]"} <= where
    assert "$.changes[6].match" in where
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ChangeSetLoadError, match="invalid JSON"):
        load_changeset(b"{not json")
    assert MatchSource.ID is example_changes.filter(kind="renamed")[0].match  # type: ignore[union-attr]
