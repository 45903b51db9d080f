"""Applying a change set: the new edition exactly, or every conflict named."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from dutyledger import (
    ChangeSet,
    Edition,
    PatchConflictError,
    apply,
    diff,
    load_edition,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"


@pytest.fixture(scope="module")
def example() -> Edition:
    """The illustrative 2026-01 edition."""
    return load_edition(EXAMPLE)


def test_apply_gives_the_new_edition(seed_edition: Edition, example: Edition) -> None:
    """apply(diff(a, b), a) == b and back; the method and the function agree."""
    changes = diff(seed_edition, example)
    assert example == apply(changes, seed_edition)
    assert example == changes.apply(seed_edition)
    assert seed_edition == changes.invert().apply(example)


def test_an_empty_change_set_changes_nothing(seed_edition: Edition) -> None:
    """Applying nothing gives the same edition."""
    assert seed_edition == ChangeSet().apply(seed_edition)


def test_applying_to_another_edition_names_every_conflict(
    seed_edition: Edition, example: Edition
) -> None:
    """Items missing or held otherwise, metadata held otherwise: PatchConflictError lists them."""
    changes = diff(seed_edition, example)
    with pytest.raises(PatchConflictError) as caught:
        changes.apply(example)
    messages = [p.message for p in caught.value.problems]
    assert any("lacks" in m for m in messages)
    assert any("holds it otherwise" in m for m in messages)
    assert any("replaces meta" in m for m in messages)
    assert isinstance(caught.value, ValueError)


def test_adding_an_item_that_is_already_there_conflicts(seed_edition: Edition) -> None:
    """An added item whose id the edition already holds would hold that id twice."""
    item = seed_edition.basic[0]
    new = attrs.evolve(seed_edition, basic=seed_edition.basic[1:])
    added = diff(new, seed_edition)
    with pytest.raises(PatchConflictError, match="twice"):
        added.apply(seed_edition)
    assert item in added.apply(new).basic


def test_a_change_set_that_breaks_the_edition_is_refused_naming_the_change(
    seed_edition: Edition, example: Edition
) -> None:
    """An added item naming a department the registry lacks is a conflict.

    apply() used to return such an edition without a word; it must not load, so apply
    raises PatchConflictError at the change that brings the fault.
    """
    from dutyledger import Added, CooperativeItem, DeptRef

    changes = diff(seed_edition, example)
    added = next(c for c in changes if isinstance(c, Added) and isinstance(c.new, CooperativeItem))
    stray = DeptRef(department="nowhere", written="无名局")
    item = added.new
    assert isinstance(item, CooperativeItem)
    broken = attrs.evolve(added, new=attrs.evolve(item, departments=(stray,)))
    mutated = ChangeSet(
        old=changes.old,
        new=changes.new,
        changes=tuple(broken if c is added else c for c in changes),
    )
    with pytest.raises(PatchConflictError) as caught:
        apply(mutated, seed_edition)
    where = {p.where for p in caught.value.problems}
    index = next(i for i, c in enumerate(mutated) if c == broken)
    assert where == {f"$.changes[{index}]"}
    assert "nowhere" in str(caught.value)
