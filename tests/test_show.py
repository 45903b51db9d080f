"""`show`: an edition per list, category and department."""

from __future__ import annotations

import json

import pytest

import dutyledger
from dutyledger import ListKind
from dutyledger._edition.show import overview, overview_json, render_overview_terminal
from dutyledger.cli import main


def test_counts_per_list(seed_edition: dutyledger.Edition) -> None:
    """Items, ★, categories and departments per list, as the preamble declares."""
    view = overview(seed_edition)
    got = {
        row.list: (row.items, row.starred, len(row.categories), len(row.departments))
        for row in view.lists
    }
    assert got == {
        ListKind.BASIC: (127, 0, 20, 0),
        ListKind.COOPERATIVE: (96, 21, 19, 38),
        ListKind.RECALLED: (57, 0, 12, 17),
    }


def test_categories_in_order_of_first_use(seed_edition: dutyledger.Edition) -> None:
    """Categories come in the order the list first uses them, which is the declared order."""
    view = overview(seed_edition)
    for row in view.lists:
        declared = seed_edition.preamble.declaration(row.list)
        assert declared is not None
        assert declared.categories == tuple(c.category for c in row.categories)


def test_departments_counted_as_identities(seed_edition: dutyledger.Edition) -> None:
    """A department written two ways counts once, with both spellings listed."""
    cooperative = overview(seed_edition).lists[1]
    drc = next(d for d in cooperative.departments if d.department == "county.development-reform")
    assert drc.name == "乌鲁木齐县发展和改革委员会"
    assert drc.items == 7
    assert set(drc.spellings) == {"乌鲁木齐县发展和改革委员会", "乌鲁木齐县发展改革委员会"}
    agriculture = cooperative.departments[0]
    assert (agriculture.name, agriculture.items) == ("乌鲁木齐县农业农村局", 15)


def test_terminal_table(seed_edition: dutyledger.Edition) -> None:
    """The terminal form shows each list's totals and the departments by name."""
    text = render_overview_terminal(overview(seed_edition), width=120)
    assert "配合履职事项清单 · 按部门" in text
    assert "乌鲁木齐县农业农村局" in text


def test_json_form(capsys: pytest.CaptureFixture[str]) -> None:
    """`show --format json` prints the overview, versioned."""
    assert main(["show", "2025-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "dutyledger.overview/1"
    assert [row["items"] for row in data["lists"]] == [127, 96, 57]
    assert data == json.loads(overview_json(overview(dutyledger.builtin_edition())))
