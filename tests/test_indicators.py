"""Indicators: the net change of each list, and the 明减暗增 warning."""

from __future__ import annotations

from pathlib import Path

import attrs

from dutyledger import (
    ChangeSet,
    CooperativeItem,
    Edition,
    ListKind,
    PushDown,
    RecalledItem,
    diff,
    indicators,
    load_edition,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"


def test_net_change_per_list_and_both_warnings(seed_edition: Edition) -> None:
    """The example: 基本 −1, 配合 +2, 收回 −1; both patterns of 明减暗增 are seen."""
    example = load_edition(EXAMPLE)
    found = indicators(diff(seed_edition, example))
    assert (-1, 2, -1) == (found.basic.net, found.cooperative.net, found.recalled.net)
    for kind in ListKind:
        assert len(example.items(kind)) - len(seed_edition.items(kind)) == found.delta(kind).net
    assert [PushDown.BASIC_DOWN_COOPERATIVE_UP, PushDown.RECALLED_BACK_AS_COOPERATIVE] == [
        w.reason for w in found.warnings
    ]
    devolved = found.warnings[1].items
    assert 1 == len(devolved)
    assert "明减暗增" in found.warnings[0].message
    assert found == diff(seed_edition, example).indicators()


def test_no_warning_when_nothing_is_pushed_down(seed_edition: Edition) -> None:
    """No changes, no warning; a 配合 item recalled upstream is no warning either."""
    assert not indicators(ChangeSet()).warnings
    item = seed_edition.cooperative[-1]
    assert isinstance(item, CooperativeItem)
    recalled = RecalledItem(
        id=item.id,
        number=len(seed_edition.recalled) + 1,
        category=item.category,
        name=item.name,
        receivers=seed_edition.recalled[0].receivers,
    )
    new = attrs.evolve(
        seed_edition,
        cooperative=seed_edition.cooperative[:-1],
        recalled=(*seed_edition.recalled, recalled),
    )
    found = indicators(diff(seed_edition, new))
    assert (0, -1, 1) == (found.basic.net, found.cooperative.net, found.recalled.net)
    assert (1, 1) == (found.cooperative.moved_out, found.recalled.moved_in)
    assert () == found.warnings
