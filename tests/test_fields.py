"""Field-level comparison of records (deepdiff), as reports show edition-level changes."""

from __future__ import annotations

import attrs

import dutyledger
from dutyledger._changes.fields import FieldChange, field_changes


def test_equal_records_have_no_field_changes(seed_edition: dutyledger.Edition) -> None:
    """A record compared with itself differs nowhere."""
    assert field_changes(seed_edition.preamble, seed_edition.preamble) == ()


def test_declared_total_change_is_named_by_path(seed_edition: dutyledger.Edition) -> None:
    """A changed declared item count is one field, with its path and both values."""
    declarations = list(seed_edition.preamble.declarations)
    declarations[1] = attrs.evolve(declarations[1], item_count=98)
    new = attrs.evolve(seed_edition.preamble, declarations=tuple(declarations))
    assert field_changes(seed_edition.preamble, new) == (
        FieldChange(path="$.declarations[1].item_count", old="96", new="98"),
    )


def test_paths_sort_with_numeric_indices(seed_edition: dutyledger.Edition) -> None:
    """[2] sorts before [10], and added or removed values show as —."""
    departments = seed_edition.departments
    new = (*departments[:2], *departments[3:])
    changes = field_changes(departments, new)
    assert changes[0].path.startswith("$[2]")
    assert changes[-1] == FieldChange(
        path=f"$[{len(departments) - 1}]", old=changes[-1].old, new="—"
    )


def test_edition_level_changes_say_which_fields(seed_edition: dutyledger.Edition) -> None:
    """Diff's metadata change lists the fields that differ."""
    new = attrs.evolve(seed_edition, meta=attrs.evolve(seed_edition.meta, date="2026-01"))
    (change,) = dutyledger.diff(seed_edition, new)
    assert [str(f) for f in change.fields()] == ['$.date: "2025-01" → "2026-01"']  # type: ignore[union-attr]
