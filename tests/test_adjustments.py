"""The staff view of a change set: one adjustment per 事项, counts that add up."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from dutyledger import (
    ADJUSTMENT_KINDS,
    Added,
    Adjustment,
    ChangeSet,
    Edition,
    ListKind,
    Merged,
    Moved,
    Removed,
    Split,
    adjustments,
    diff,
    indicators,
    load_edition,
)
from dutyledger._changes.adjustments import ELEMENTS, adjustment_key
from strategies import EditScript, edit_scripts, editions

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"

_INVERSE = {
    "增加": "取消",
    "取消": "增加",
    "上收": "下放",
    "下放": "上收",
    "基本转配合": "配合转基本",
    "配合转基本": "基本转配合",
    "合并": "分设",
    "分设": "合并",
    "变更": "变更",
}


def assert_adds_up(changes: ChangeSet, old: Edition, new: Edition) -> tuple[Adjustment, ...]:
    """Check every invariant that ties the adjustments to the change set and the editions."""
    found = adjustments(changes)
    # Every item involved is in exactly one adjustment, on its side.
    old_ids = [i.id for a in found for i in a.old]
    new_ids = [i.id for a in found for i in a.new]
    assert len(old_ids) == len(set(old_ids))
    assert len(new_ids) == len(set(new_ids))
    # Every substantive record is in exactly one adjustment; nothing else is.
    told = [id(c) for a in found for c in a.changes]
    assert sorted(told) == sorted(id(c) for c in changes if c.group == "item")
    # Keys are unique and made of the items' ids only.
    assert len({a.key for a in found}) == len(found)
    for a in found:
        assert a.key == adjustment_key(a.items)
        assert a.kind in ADJUSTMENT_KINDS
        assert list(a.elements) == [e for e in ELEMENTS if e in a.elements]
        if a.kind == "变更":
            assert a.elements
            assert a.old_lists == a.new_lists
        if a.kind in ("增加", "取消", "合并", "分设"):
            assert not a.elements
    # Counts per type match the records they come from.
    kinds = Counter(a.kind for a in found)
    records = Counter(type(c) for c in changes)
    assert kinds["增加"] == records[Added]
    assert kinds["取消"] == records[Removed]
    assert kinds["分设"] == records[Split]
    assert kinds["合并"] == records[Merged]
    moves = Counter(c.direction.term for c in changes if isinstance(c, Moved))
    for term in ("上收", "下放", "基本转配合", "配合转基本"):
        assert kinds[term] == moves[term]
    pairs = {
        (c.old_items()[0].id, c.new_items()[0].id)
        for c in changes
        if c.group == "item" and not isinstance(c, Added | Removed | Split | Merged)
    }
    moved = {(c.old.id, c.new.id) for c in changes if isinstance(c, Moved)}
    assert kinds["变更"] == len(pairs - moved)
    # Before and after totals per list reconcile with both editions.
    figures = indicators(changes)
    for kind in ListKind:
        net = sum(a.delta(kind) for a in found)
        assert net == len(new.items(kind)) - len(old.items(kind))
        assert net == figures.delta(kind).net
        # Per list, each adjustment touching it counts once before or after.
        touching = [a for a in found if kind in (*a.old_lists, *a.new_lists)]
        assert len(touching) == len({a.key for a in touching})
    return found


@given(edit_scripts())
def test_adjustments_of_known_edits(script: EditScript) -> None:
    """On random edit scripts (one script, several properties, to keep the run short).

    * Each item is in one adjustment, and the counts match the records and both editions.
    * An adjustment built from its own records alone is the same: other items cannot
      change it, so its key and type stay when unrelated items are edited, and on a
      second diff of the same editions.
    * diff(new, old) has the same 事项 by key, each of the inverse type with the same
      变更要素.
    * An item whose only changes are of form (序号, page, id, spelling) is in none.
    """
    changes = diff(script.old, script.new, method="id")
    found = assert_adds_up(changes, script.old, script.new)
    assert found == adjustments(diff(script.old, script.new, method="id"))
    for adjustment in found:
        alone = ChangeSet(old=changes.old, new=changes.new, changes=adjustment.changes)
        assert adjustments(alone) == (adjustment,)
    forward = {a.key: a for a in found}
    backward = {a.key: a for a in adjustments(changes.invert())}
    assert forward.keys() == backward.keys()
    for key, a in forward.items():
        assert backward[key].kind == _INVERSE[a.kind]
        assert backward[key].elements == a.elements
        assert backward[key].old_lists == a.new_lists
    adjusted = {i.id for a in found for i in a.items}
    for change in changes:
        if change.group == "clerical":
            ids = {i.id for i in (*change.old_items(), *change.new_items())}
            substantive = any(
                c.group == "item" and ids & {i.id for i in (*c.old_items(), *c.new_items())}
                for c in changes
            )
            assert bool(ids & adjusted) == substantive


@given(editions(max_items=4), editions(max_items=4), st.sampled_from(["auto", "id", "content"]))
def test_adjustments_of_any_two_editions_add_up(a: Edition, b: Edition, method: Any) -> None:
    """On unrelated editions too (content matching, splits and merges), everything adds up."""
    assert_adds_up(diff(a, b, method=method), a, b)


def test_one_item_with_several_changes_is_one_adjustment(seed_edition: Edition) -> None:
    """Moved to 收回 and renamed and ★ set: one 上收 naming 名称 and ★, all three records."""
    item = seed_edition.basic[0]
    others = seed_edition.recalled
    from dutyledger import RecalledItem

    recalled = RecalledItem(
        id=item.id,
        number=len(others) + 1,
        page=item.page,
        category=item.category,
        name=item.name + "工作",
        starred=not item.starred,
        receivers=others[0].receivers,
    )
    new = attrs.evolve(
        seed_edition,
        basic=tuple(attrs.evolve(i, number=i.number - 1) for i in seed_edition.basic[1:]),
        recalled=(*others, recalled),
    )
    changes = diff(seed_edition, new, method="id")
    found = assert_adds_up(changes, seed_edition, new)
    assert len(found) == 1
    (only,) = found
    assert only.kind == "上收"
    assert only.elements == ("名称", "★")
    assert only.key == item.id
    assert only.old_lists == (ListKind.BASIC,)
    assert only.new_lists == (ListKind.RECALLED,)
    assert {c.kind for c in only.changes} == {
        "moved",
        "renamed",
        "star_set" if recalled.starred else "star_cleared",
    }


def test_the_example_adjustments(seed_edition: Edition) -> None:
    """2025-01 → illustrative 2026-01: every type the example exercises, counts that add up."""
    new = load_edition(EXAMPLE)
    changes = diff(seed_edition, new)
    found = assert_adds_up(changes, seed_edition, new)
    kinds = Counter(a.kind for a in found)
    substantive = [c for c in changes if c.group == "item"]
    # Fewer 事项 than records: items with several changes are one row each.
    assert len(found) < len(substantive)
    assert set(kinds) >= {"增加", "取消", "分设", "合并", "上收", "变更"}
    assert all(a.kind != "变更" or a.elements for a in found)
