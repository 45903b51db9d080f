"""The chain rules DL311–DL314, run through the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import dutyledger
from dutyledger import BasicItem, Edition, ListKind, RecalledItem
from dutyledger._checks.base import Subject
from dutyledger._ledger.checks import chain_checks
from dutyledger._ledger.ledger import Ledger


def _run(editions: list[Edition], code: str) -> list[Any]:
    subjects = [Subject.of(e, file=f"{k}.json") for k, e in enumerate(editions)]
    rule = {r.code: run for r, run in chain_checks()}[code]
    return [hit for _, hit in rule(subjects)]


def _dated(edition: Edition, date: str) -> Edition:
    return attrs.evolve(edition, meta=attrs.evolve(edition.meta, date=date))


def _recall(edition: Edition, item_id: str) -> Edition:
    """Move a 基本 item to the end of 收回 (上收)."""
    item = next(i for i in edition.basic if i.id == item_id)
    receivers = edition.recalled[0].receivers
    moved = RecalledItem(
        id=item.id,
        number=len(edition.recalled) + 1,
        category=item.category,
        name=item.name,
        receivers=receivers,
    )
    basic = tuple(i for i in edition.basic if i.id != item_id)
    basic = tuple(attrs.evolve(i, number=n) for n, i in enumerate(basic, 1))
    return attrs.evolve(edition, basic=basic, recalled=(*edition.recalled, moved))


def _devolve(edition: Edition, item_id: str) -> Edition:
    """Move a 收回 item back to the end of 基本 (下放)."""
    item = next(i for i in edition.recalled if i.id == item_id)
    moved = BasicItem(
        id=item.id, number=len(edition.basic) + 1, category=item.category, name=item.name
    )
    recalled = tuple(i for i in edition.recalled if i.id != item_id)
    recalled = tuple(attrs.evolve(i, number=n) for n, i in enumerate(recalled, 1))
    return attrs.evolve(edition, basic=(*edition.basic, moved), recalled=recalled)


def test_recall_then_devolve_within_two_editions(seed_edition: Edition) -> None:
    """上收 in 2026 and 下放 in 2028 (two editions on) is found; in 2029 (three on) it is not."""
    target = seed_edition.basic[10].id
    e25 = seed_edition
    e26 = _dated(_recall(e25, target), "2026-01")
    e27 = _dated(e26, "2027-01")
    back = _devolve(e27, target)
    found = _run([e25, e26, e27, _dated(back, "2028-01")], "DL313")
    assert len(found) == 1
    assert found[0].location.item_id == target
    assert found[0].location.file == "3.json"
    e28 = _dated(e27, "2028-01")
    assert _run([e25, e26, e27, e28, _dated(back, "2029-01")], "DL313") == []


def test_date_order(seed_edition: Edition) -> None:
    """2025-01 and 2025-01-01 are one day: DL314; 2025-01 and 2025-02 are not."""
    found = _run([seed_edition, _dated(seed_edition, "2025-01-01")], "DL314")
    assert len(found) == 1
    assert "2025-01-01" in found[0].zh
    assert _run([seed_edition, _dated(seed_edition, "2025-02")], "DL314") == []


def test_removed_item_back_by_id_or_name(seed_edition: Edition) -> None:
    """Removed in 2026, back in 2027 under a new id with the same name: DL312."""
    gone = seed_edition.basic[-1]
    e26 = _dated(attrs.evolve(seed_edition, basic=seed_edition.basic[:-1]), "2026-01")
    again = attrs.evolve(gone, id="72ff7b7a-00000000")
    e27 = _dated(attrs.evolve(seed_edition, basic=(*seed_edition.basic[:-1], again)), "2027-01")
    found = _run([seed_edition, e26, e27], "DL312")
    assert [hit.location.item_id for hit in found] == ["72ff7b7a-00000000"]
    assert _run([seed_edition, e26], "DL312") == []


def test_conservation_holds_for_diffs_and_catches_a_link_that_says_less(
    seed_edition: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts add up along a real chain; a link missing a flow is reported per list."""
    example = dutyledger.load_edition(
        Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"
    )
    assert _run([seed_edition, example], "DL311") == []
    original = Ledger.link

    def lossy(self: Any, edition: Any) -> Any:
        link = original(self, edition)
        kept = tuple(f for f in link.flows if f.kind != "removed")
        return attrs.evolve(link, flows=kept)

    monkeypatch.setattr(Ledger, "link", lossy)
    found = _run([seed_edition, example], "DL311")
    assert [hit.location.path for hit in found] == [f"$.{ListKind.BASIC.value}"]
    assert "应为127项，本版却有126项" in found[0].zh


def test_editions_with_duplicate_ids_are_left_to_other_rules(seed_edition: Edition) -> None:
    """A chain that cannot be diffed (a duplicate id) gives no chain finding, and no crash."""
    broken = attrs.evolve(seed_edition, basic=(*seed_edition.basic, seed_edition.basic[0]))
    for code in ("DL311", "DL312", "DL313", "DL314"):
        assert _run([seed_edition, _dated(broken, "2026-01")], code) == []
