"""Matching: by id, by content (exact, then fuzzy, one to one), crosswalks a reviewer edits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import dutyledger
from dutyledger import (
    MATCH_THRESHOLD,
    Crosswalk,
    CrosswalkError,
    Edition,
    ListKind,
    Match,
    MatchSource,
    Renamed,
    Unmatched,
    carry_ids,
    diff,
    dump_crosswalk,
    load_crosswalk,
    load_edition,
    match,
)
from dutyledger._matching import pairing as matcher
from strategies import with_minted_ids

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"


def strip_ids(edition: Edition) -> Edition:
    """The edition as if ingested on its own: ids minted in another namespace."""
    return with_minted_ids(
        attrs.evolve(edition, meta=attrs.evolve(edition.meta, namespace="0ddba11"))
    )


@pytest.fixture(scope="module")
def example() -> Edition:
    """The illustrative 2026-01 edition."""
    return load_edition(EXAMPLE)


def _rename(edition: Edition, kind: ListKind, index: int, name: str) -> Edition:
    items = list(edition.items(kind))
    items[index] = attrs.evolve(items[index], name=name)
    lists: dict[str, Any] = {kind.value: tuple(items)}
    return attrs.evolve(edition, **lists)


def test_ids_pair_items_when_the_editions_share_them(
    seed_edition: Edition, example: Edition
) -> None:
    """By id: score 1, source id; items only one edition has are unmatched."""
    crosswalk = match(seed_edition, example)
    assert {MatchSource.ID} == {m.source for m in crosswalk.pairs}
    assert {1.0} == {m.score for m in crosswalk.pairs}
    assert 1 == len([g for g in crosswalk.groups if len(g.old) == 1])  # the split
    assert 1 == len([g for g in crosswalk.groups if len(g.new) == 1])  # the merge
    assert {"old": 1, "new": 1} == {
        side: sum(u.edition == side for u in crosswalk.unmatched) for side in ("old", "new")
    }
    assert crosswalk.pairs[0].old_item is not None
    assert crosswalk.pairs[0].old_item.startswith("基本履职事项清单 第1项")


def test_content_pairs_equal_names_then_similar_ones(seed_edition: Edition) -> None:
    """Without shared ids: equal names pair at 1.0; a reworded name above the threshold."""
    new = _rename(strip_ids(seed_edition), ListKind.BASIC, 5, "做好巡视巡察整改工作")
    crosswalk = match(seed_edition, new)
    assert {MatchSource.INFERRED} == {m.source for m in crosswalk.pairs}
    assert len(seed_edition.items()) == len(crosswalk.pairs)
    scores = sorted(m.score for m in crosswalk.pairs)
    assert MATCH_THRESHOLD <= scores[0] < 1.0
    assert 1.0 == scores[1]
    renamed = diff(seed_edition, new).filter(kind="renamed")
    change = renamed[0]
    assert isinstance(change, Renamed)
    assert (MatchSource.INFERRED, scores[0]) == (change.match, change.confidence)


def test_below_the_threshold_an_item_is_removed_and_another_added(seed_edition: Edition) -> None:
    """A name reworded beyond recognition is not the same item."""
    new = _rename(strip_ids(seed_edition), ListKind.BASIC, 5, "开展群众性体育赛事")
    changes = diff(seed_edition, new).substantive()
    assert ["added", "removed"] == sorted(c.kind for c in changes)


def test_matching_is_symmetric(seed_edition: Edition, example: Edition) -> None:
    """Matching new to old gives the mirror of matching old to new."""
    stripped = strip_ids(example)
    forward = {(m.old, m.new, m.score) for m in match(seed_edition, stripped).pairs}
    backward = {(m.new, m.old, m.score) for m in match(stripped, seed_edition).pairs}
    assert forward == backward


def test_blocking_finds_what_comparing_all_pairs_finds(
    seed_edition: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above BRUTE_FORCE_PAIRS the fuzzy stage blocks candidates; on real names it loses none."""
    new = strip_ids(seed_edition)
    for index in range(0, 120, 7):  # reword a name in every seventh item
        item = new.basic[index]
        new = _rename(new, ListKind.BASIC, index, item.name[:-1] + "等工作")
    brute = match(seed_edition, new)
    monkeypatch.setattr(matcher, "BRUTE_FORCE_PAIRS", 0)
    blocked = match(seed_edition, new)
    assert brute == blocked
    assert 18 == sum(m.score < 1 for m in blocked.pairs)


def test_score_lets_duties_carry_a_reworded_name(seed_edition: Edition) -> None:
    """Same duties raise the score of a much reworded name; they never lower an equal one."""
    item = seed_edition.cooperative[0]
    other = attrs.evolve(item, name="推荐党代表")
    assert matcher.score(item, other) > dutyledger.MATCH_THRESHOLD
    assert 1.0 == matcher.score(
        item, attrs.evolve(item, township_duties=seed_edition.cooperative[1].township_duties)
    )


def test_a_crosswalk_file_round_trips(
    seed_edition: Edition, example: Edition, tmp_path: Path
) -> None:
    """Match -o FILE writes what load_crosswalk reads back, labels and all."""
    crosswalk = match(seed_edition, example)
    path = tmp_path / "crosswalk.json"
    path.write_text(dump_crosswalk(crosswalk), encoding="utf-8")
    assert crosswalk == load_crosswalk(path)
    assert "dutyledger.crosswalk/1" == json.loads(path.read_text(encoding="utf-8"))["format"]


def _edited(crosswalk: Crosswalk, **changes: Any) -> Crosswalk:
    return attrs.evolve(crosswalk, **changes)


def test_diff_honours_confirmed_rejected_and_added_pairs(seed_edition: Edition) -> None:
    """A reviewer confirms a pair, breaks one, adds one the matcher missed, keeps one apart."""
    new = strip_ids(seed_edition)
    new = _rename(new, ListKind.BASIC, 5, "做好巡视巡察整改工作")  # inferred, fuzzy
    new = _rename(new, ListKind.BASIC, 6, "意识形态阵地建设")  # too far to infer
    crosswalk = match(seed_edition, new)
    by_old = {m.old: m for m in crosswalk.pairs}
    fuzzy = by_old[seed_edition.basic[5].id]
    exact = by_old[seed_edition.basic[0].id]
    lone_old = next(u for u in crosswalk.unmatched if u.edition == "old")
    lone_new = next(u for u in crosswalk.unmatched if u.edition == "new")
    assert lone_old.id == seed_edition.basic[6].id
    pairs = [m for m in crosswalk.pairs if m not in (fuzzy, exact)]
    pairs.append(attrs.evolve(fuzzy, source=MatchSource.CONFIRMED))
    pairs.append(attrs.evolve(exact, source=MatchSource.REJECTED))
    pairs.append(Match(old=lone_old.id, new=lone_new.id, score=0.0, source=MatchSource.CONFIRMED))
    reviewed = _edited(crosswalk, pairs=tuple(pairs), unmatched=())
    changes = diff(seed_edition, new, crosswalk=reviewed)
    renamed = {c.old.id: c for c in changes.filter(kind="renamed") if isinstance(c, Renamed)}
    assert MatchSource.CONFIRMED is renamed[fuzzy.old].match
    assert 1.0 == renamed[fuzzy.old].confidence
    assert MatchSource.CONFIRMED is renamed[lone_old.id].match
    assert ["added", "removed"] == sorted(c.kind for c in changes.filter(kind=["added", "removed"]))
    assert changes.apply(seed_edition) == new
    kept_apart = _edited(
        crosswalk, unmatched=(*crosswalk.unmatched, Unmatched(edition="old", id=exact.old))
    )
    kept_apart = _edited(kept_apart, pairs=tuple(m for m in crosswalk.pairs if m != exact))
    removed = diff(seed_edition, new, crosswalk=kept_apart).filter(kind="removed")
    assert exact.old in {c.old.id for c in removed}  # type: ignore[union-attr]


def test_a_crosswalk_that_does_not_fit_names_every_problem(
    seed_edition: Edition, example: Edition
) -> None:
    """Unknown ids, an item paired twice, an 'id' pair of two ids: CrosswalkError, all listed."""
    crosswalk = match(seed_edition, example)
    first, second = crosswalk.pairs[:2]
    pairs = (
        attrs.evolve(first, new="nowhere"),
        attrs.evolve(second, old=first.old),
        *crosswalk.pairs[2:],
    )
    with pytest.raises(CrosswalkError) as caught:
        diff(seed_edition, example, crosswalk=attrs.evolve(crosswalk, pairs=pairs))
    assert {"$.pairs[0].new", "$.pairs[1].old"} == {p.where for p in caught.value.problems}
    data = json.loads(dump_crosswalk(crosswalk))
    data["pairs"][0]["new"] = "something-else"
    data["pairs"][1]["source"] = "maybe"
    data["groups"][0]["new"] = data["groups"][0]["new"][:1]
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(json.dumps(data))
    where = {p.where for p in caught.value.problems}
    assert {"$.pairs[1].source"} <= where
    data["pairs"][1]["source"] = "id"
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(json.dumps(data))
    assert {"$.pairs[0].source", "$.groups[0]"} == {p.where for p in caught.value.problems}


def test_carry_ids_gives_a_fresh_ingest_the_old_ids(
    seed_edition: Edition, example: Edition
) -> None:
    """Items matched to the previous edition keep their ids; new items keep their new ones."""
    fresh = strip_ids(example)
    carried = carry_ids(fresh, seed_edition)
    old_ids = {i.id for i in seed_edition.items()}
    kept = [i for i in carried.items() if i.id in old_ids]
    assert len(kept) == len(match(seed_edition, fresh).pairs)
    new_items = [i for i in carried.items() if i.id not in old_ids]
    assert {i.id for i in new_items} <= {i.id for i in fresh.items()}
    assert carried.meta == fresh.meta
    by_id = diff(seed_edition, carried, method="id").substantive()
    assert diff(seed_edition, example).substantive().counts() == by_id.counts()
