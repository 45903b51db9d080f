"""The diff engine: every change once, nothing else; a patch that applies and inverts."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import pytest
from deepdiff import DeepDiff
from hypothesis import given
from hypothesis import strategies as st

import dutyledger
from dutyledger import (
    BasicItem,
    BlockReassigned,
    ChangeSet,
    Column,
    CooperativeItem,
    DeptRef,
    Direction,
    Edition,
    Heading,
    ListKind,
    MatchSource,
    Moved,
    RecalledItem,
    RegistryChanged,
    Repaged,
    StepAdded,
    StepReworded,
    WordingChanged,
    diff,
    dump_changeset,
    load_changeset,
)
from dutyledger._changes.blocks import PairMixin
from strategies import EditScript, edit_scripts, editions, signature, with_minted_ids


def strip_ids(edition: Edition, namespace: str = "0badc0de") -> tuple[Edition, dict[str, str]]:
    """The edition as if ingested on its own: every id minted anew in another namespace."""
    meta = attrs.evolve(edition.meta, namespace=namespace)
    fresh = with_minted_ids(attrs.evolve(edition, meta=meta))
    return fresh, {a.id: b.id for a, b in zip(edition.items(), fresh.items(), strict=True)}


def signatures(changes: ChangeSet) -> list[Any]:
    return sorted(signature(change) for change in changes)


def report(expected: list[Any], actual: list[Any]) -> str:
    missing = sorted((Counter(expected) - Counter(actual)).elements())
    extra = sorted((Counter(actual) - Counter(expected)).elements())
    return f"missing {missing}; extra {extra}"


def _with_items(edition: Edition, kind: ListKind, items: list[Any]) -> Edition:
    lists: dict[str, Any] = {kind.value: tuple(items)}
    return attrs.evolve(edition, **lists)


# --- properties ---------------------------------------------------------------------------


@given(editions(max_items=3))
def test_an_edition_has_no_changes_from_itself(edition: Edition) -> None:
    """diff(e, e) is empty, by id and by content."""
    assert not diff(edition, edition)
    assert not diff(edition, edition, method="content")
    assert len(diff(edition, edition)) == 0


@given(editions(max_items=4), editions(max_items=4), st.sampled_from(["auto", "id", "content"]))
def test_any_two_editions_patch_and_invert(a: Edition, b: Edition, method: Any) -> None:
    """apply(diff(a, b), a) == b and diff(b, a) == diff(a, b).invert(), for any pair."""
    changes = diff(a, b, method=method)
    assert changes.apply(a) == b
    assert changes.invert() == diff(b, a, method=method)
    assert changes.invert().apply(b) == a


@given(edit_scripts())
def test_known_edits_are_recovered_exactly_by_id(script: EditScript) -> None:
    """Every edit of a random script is found, once, and nothing else (ids kept).

    Also: the change set patches and inverts; its records sort by unique keys
    (its order is canonical); it survives its JSON form; and field by field,
    DeepDiff of each changed pair's items finds exactly the fields the pair's
    records tell.
    """
    changes = diff(script.old, script.new, method="id")
    expected, actual = sorted(script.expected), signatures(changes)
    assert expected == actual, report(expected, actual)
    assert changes.apply(script.old) == script.new
    assert changes.invert() == diff(script.new, script.old, method="id")
    keys = [repr(change.sort_key()) for change in changes]
    assert len(keys) == len(set(keys))
    assert changes == ChangeSet(old=changes.old, new=changes.new, changes=changes[::-1])
    assert changes == load_changeset(dump_changeset(changes))
    assert_fields_told(changes)


@given(edit_scripts())
def test_known_edits_are_recovered_exactly_by_content(script: EditScript) -> None:
    """With ids stripped (minted apart), content matching recovers the same edits.

    Besides the edits: one clerical ``reidentified`` per item paired one to one,
    and the edition metadata (its namespace) changed.
    """
    new, ids = strip_ids(script.new)
    changes = diff(script.old, new)
    kept = {item.id for item in script.old.items()}
    expected = [
        (kind, old, tuple(sorted(ids[i] for i in new_ids)), detail)
        for kind, old, new_ids, detail in script.expected
    ]
    expected += [
        ("reidentified", (item.id,), (ids[item.id],), ())
        for item in script.new.items()
        if item.id in kept
    ]
    expected.append(("meta", (), (), ()))
    actual = signatures(changes)
    assert sorted(expected) == actual, report(sorted(expected), actual)
    assert {getattr(c, "match", None) for c in changes} <= {MatchSource.INFERRED, None}
    assert changes.apply(script.old) == new
    assert changes.invert() == diff(new, script.old)


_FIELDS_TOLD = {
    "reidentified": {"id"},
    "renumbered": {"number"},
    "repaged": {"page"},
    "renamed": {"name"},
    "recategorised": {"category"},
    "star_set": {"starred"},
    "star_cleared": {"starred"},
    "department_added": {"departments", "receivers"},
    "department_removed": {"departments", "receivers"},
    "department_reassigned": {"departments", "receivers"},
    "lead_department_changed": {"departments"},
}


def _told(change: Any) -> set[str]:
    """The top-level fields of the item a record says changed."""
    if change.kind == "moved":
        return {"*"}
    if change.kind in _FIELDS_TOLD:
        return _FIELDS_TOLD[change.kind]
    column = change.column.value
    if column in ("method", "receivers", "departments") and isinstance(change.old, RecalledItem):
        return {"receivers"}
    return {column}


def assert_fields_told(changes: ChangeSet) -> None:
    """DeepDiff of each changed pair's two items finds the fields the records tell, no more."""
    converter = dutyledger.make_converter()
    told: dict[tuple[str, str], set[str]] = {}
    pairs = {}
    for change in changes:
        if isinstance(change, PairMixin):
            key = (change.old.id, change.new.id)
            told.setdefault(key, set()).update(_told(change))
            pairs[key] = (change.old, change.new)
    for key, (old, new) in pairs.items():
        found = DeepDiff(converter.unstructure(old), converter.unstructure(new))
        fields = {path.split("'")[1] for path in found.affected_paths}
        if "*" in told[key]:
            continue
        recalled = isinstance(old, RecalledItem)
        assert fields == {f for f in told[key] if f != ("departments" if recalled else "receivers")}


# --- departments are identities -----------------------------------------------------------


def _cooperative(seed: Edition, number: int) -> CooperativeItem:
    item = seed.cooperative[number - 1]
    assert isinstance(item, CooperativeItem)
    return item


def test_an_alias_is_wording_not_a_reassignment(seed_edition: Edition) -> None:
    """县交通运输局 written 乌鲁木齐县交通局 is the same department: one clerical record."""
    item = _cooperative(seed_edition, 66)
    respelled = attrs.evolve(
        item, departments=(attrs.evolve(item.departments[0], written="乌鲁木齐县交通局"),)
    )
    items = list(seed_edition.cooperative)
    items[65] = respelled
    changes = diff(seed_edition, _with_items(seed_edition, ListKind.COOPERATIVE, items))
    assert ["wording"] == [c.kind for c in changes]
    wording = changes[0]
    assert isinstance(wording, WordingChanged)
    assert Column.DEPARTMENTS == wording.column
    assert not changes.substantive()
    assert {} == changes.counts()
    assert {"wording": 1} == changes.counts(clerical=True)


def test_departments_reassigned_added_removed_and_lead(seed_edition: Edition) -> None:
    """By id: a replaced department is reassigned, a swap of the first two is a lead change."""
    item = _cooperative(seed_edition, 19)  # 民政局, 公安局
    a, b = item.departments
    water = DeptRef(department="county.water", written="乌鲁木齐县水务局")
    finance = DeptRef(department="county.finance", written="乌鲁木齐县财政局")
    cases: dict[tuple[DeptRef, ...], list[tuple[str, tuple[str, ...]]]] = {
        (b, a): [("lead_department_changed", (a.department, b.department))],
        (water, b): [("department_reassigned", (a.department, water.department))],
        (a, b, water): [("department_added", (water.department,))],
        (b,): [("department_removed", (a.department,))],
        (water, finance): [
            ("department_reassigned", (a.department, water.department)),
            ("department_reassigned", (b.department, finance.department)),
        ],
    }
    for departments, expected in cases.items():
        items = list(seed_edition.cooperative)
        items[18] = attrs.evolve(item, departments=departments)
        changes = diff(seed_edition, _with_items(seed_edition, ListKind.COOPERATIVE, items))
        assert sorted(expected) == sorted((c.kind, signature(c)[3]) for c in changes)


# --- moves, texts, order ------------------------------------------------------------------


def test_moves_name_their_direction(seed_edition: Edition) -> None:
    """上收, 下放, 基本 → 配合 and 配合 → 基本, each one move (the 序号 goes with it)."""
    assert Direction.RECALL is Direction.between(ListKind.BASIC, ListKind.RECALLED)
    assert Direction.RECALL is Direction.between(ListKind.COOPERATIVE, ListKind.RECALLED)
    assert Direction.DEVOLVE is Direction.between(ListKind.RECALLED, ListKind.BASIC)
    assert Direction.DEVOLVE is Direction.between(ListKind.RECALLED, ListKind.COOPERATIVE)
    assert Direction.TO_COOPERATIVE is Direction.between(ListKind.BASIC, ListKind.COOPERATIVE)
    assert Direction.TO_BASIC is Direction.between(ListKind.COOPERATIVE, ListKind.BASIC)
    assert "上收" == Direction.RECALL.term
    with pytest.raises(ValueError, match="no move"):
        Direction.between(ListKind.BASIC, ListKind.BASIC)
    item = seed_edition.basic[-1]
    recalled = RecalledItem(
        id=item.id,
        number=len(seed_edition.recalled) + 1,
        category=item.category,
        name=item.name,
        receivers=seed_edition.recalled[0].receivers,
        page=item.page,
    )
    new = attrs.evolve(
        seed_edition, basic=seed_edition.basic[:-1], recalled=(*seed_edition.recalled, recalled)
    )
    changes = diff(seed_edition, new)
    assert ["moved"] == [c.kind for c in changes]
    moved = changes[0]
    assert isinstance(moved, Moved)
    assert Direction.RECALL is moved.direction
    assert (ListKind.BASIC, ListKind.RECALLED) == (moved.old_list, moved.new_list)
    assert (127, 58) == (moved.old_number, moved.new_number)


def test_a_block_moved_to_another_department(seed_edition: Edition) -> None:
    """一、县公安局：… becoming 一、县市场监督管理局：… is one block_reassigned."""
    item = _cooperative(seed_edition, 23)
    ref = DeptRef(department="county.market-regulation", written="县市场监督管理局")
    block = item.upstream_duties.blocks[1]
    moved = attrs.evolve(block, heading=Heading(number=2, title=ref.written, departments=(ref,)))
    text = attrs.evolve(item.upstream_duties, blocks=(item.upstream_duties.blocks[0], moved))
    items = list(seed_edition.cooperative)
    items[22] = attrs.evolve(item, upstream_duties=text)
    changes = diff(seed_edition, _with_items(seed_edition, ListKind.COOPERATIVE, items))
    assert ["block_reassigned"] == [c.kind for c in changes]
    block_change = changes[0]
    assert isinstance(block_change, BlockReassigned)
    assert ("county.agriculture-rural",) == tuple(
        r.department for r in block_change.old_departments
    )
    assert (1, 1) == (block_change.old_block, block_change.new_block)


def test_steps_added_removed_and_reworded(seed_edition: Edition) -> None:
    """Steps align by text: an edited step is reworded, with a similarity and spans."""
    item = _cooperative(seed_edition, 1)
    block = item.township_duties.blocks[0]
    first, second = block.steps
    steps = (
        attrs.evolve(first, text=first.text.replace("提名", "推荐提名")),
        second,
        attrs.evolve(second, number=3, text="按时报送推荐材料。"),
    )
    text = attrs.evolve(item.township_duties, blocks=(attrs.evolve(block, steps=steps),))
    items = list(seed_edition.cooperative)
    items[0] = attrs.evolve(item, township_duties=text)
    changes = diff(seed_edition, _with_items(seed_edition, ListKind.COOPERATIVE, items))
    assert ["step_added", "step_reworded"] == [c.kind for c in changes]
    added, reworded = changes
    assert isinstance(added, StepAdded)
    assert isinstance(reworded, StepReworded)
    assert (0, 0) == (reworded.old_step, reworded.new_step)
    assert 0.5 < reworded.similarity < 1
    assert "".join(s.new for s in reworded.spans) == reworded.new_text
    assert "".join(s.old for s in reworded.spans) == reworded.old_text
    assert (0, 2, "按时报送推荐材料。") == (added.block, added.step, added.text)


def test_a_list_out_of_order_is_recorded_and_reproduced(seed_edition: Edition) -> None:
    """Items standing in an order 序号 does not give: a clerical reordered, and apply keeps it."""
    basic = list(seed_edition.basic)
    basic[0], basic[1] = basic[1], basic[0]
    new = attrs.evolve(seed_edition, basic=tuple(basic))
    changes = diff(seed_edition, new)
    assert ["reordered"] == [c.kind for c in changes]
    assert new == changes.apply(seed_edition)
    assert seed_edition == changes.invert().apply(new)


def test_edition_records_carry_metadata_preamble_and_registry(seed_edition: Edition) -> None:
    """Meta, preamble and registry changes are one record each, first in the change set."""
    extra = attrs.evolve(
        seed_edition.departments[0], id="county.new", name="乌鲁木齐县新局", short_names=()
    )
    new = attrs.evolve(
        seed_edition,
        meta=attrs.evolve(seed_edition.meta, date="2026-01"),
        preamble=attrs.evolve(seed_edition.preamble, title_lines=("封面",)),
        departments=(*seed_edition.departments, extra),
    )
    changes = diff(seed_edition, new)
    assert ["meta", "preamble", "registry"] == [c.kind for c in changes]
    registry = changes[2]
    assert isinstance(registry, RegistryChanged)
    assert ("county.new",) == registry.added
    assert changes.apply(seed_edition) == new
    assert {} == changes.counts()


def test_unchanged_basic_item_with_new_page_is_repaged(seed_edition: Edition) -> None:
    """A page that changed, nothing else: one clerical repaged."""
    basic = list(seed_edition.basic)
    basic[5] = attrs.evolve(basic[5], page=99)
    changes = diff(seed_edition, attrs.evolve(seed_edition, basic=tuple(basic)))
    assert ["repaged"] == [c.kind for c in changes]
    repaged = changes[0]
    assert isinstance(repaged, Repaged)
    assert isinstance(repaged.old, BasicItem)
