"""The command line of the diff engine: diff, match, ingest --based-on."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from conftest import EDITIONS, SOURCE, SOURCE_META
from dutyledger import dump_edition, load_changeset, load_edition
from dutyledger.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"
SEED = EDITIONS / "2025-01.json"


def test_diff_of_equal_editions_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """No changes: exit 0, and the text says so."""
    assert 0 == main(["diff", str(SEED), "2025-01"])
    assert "共调整事项0项" in capsys.readouterr().out


def test_diff_exits_1_and_lists_the_changes(capsys: pytest.CaptureFixture[str]) -> None:
    """Changes: exit 1; items per list, 事项 per 调整类型, 明减暗增, one block per 事项."""
    assert 1 == main(["diff", str(SEED), str(EXAMPLE)])
    out = capsys.readouterr().out
    assert "共调整事项23项" in out
    assert "基本履职事项         127     126    -1" in out
    assert "配合履职事项          96      98    +2" in out
    assert "明减暗增" in out
    assert "23. 上收" in out
    assert "序号调整" not in out
    assert 1 == main(["diff", str(SEED), str(EXAMPLE), "--show-renumbered"])
    assert "序号调整" in capsys.readouterr().out


def test_diff_writes_the_json_form(tmp_path: Path) -> None:
    """--format json -o FILE writes a change set that loads back."""
    out = tmp_path / "changes.json"
    assert 1 == main(["diff", str(SEED), str(EXAMPLE), "--format", "json", "-o", str(out)])
    changes = load_changeset(out)
    assert changes.apply(load_edition(SEED)) == load_edition(EXAMPLE)


def test_match_then_diff_with_a_reviewed_crosswalk(tmp_path: Path) -> None:
    """Match -o writes the crosswalk; a pair a reviewer rejects is reported as removed + added."""
    crosswalk = tmp_path / "crosswalk.json"
    assert 0 == main(["match", str(SEED), str(EXAMPLE), "-o", str(crosswalk)])
    data = json.loads(crosswalk.read_text(encoding="utf-8"))
    assert {"id"} == {pair["source"] for pair in data["pairs"]}
    renamed = next(p for p in data["pairs"] if "巡视巡察" in p["new_item"])
    renamed["source"] = "rejected"
    crosswalk.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "changes.json"
    args = ["diff", str(SEED), str(EXAMPLE), "--crosswalk", str(crosswalk)]
    assert 1 == main([*args, "--format", "json", "-o", str(out)])
    kinds = [c.kind for c in load_changeset(out) if renamed["old"] in {i.id for i in c.old_items()}]
    assert ["removed"] == kinds


def test_a_bad_crosswalk_exits_2_with_its_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crosswalk naming an id neither edition has: exit 2, the JSON path on stderr."""
    crosswalk = tmp_path / "crosswalk.json"
    assert 0 == main(["match", str(SEED), str(EXAMPLE), "-o", str(crosswalk)])
    data = json.loads(crosswalk.read_text(encoding="utf-8"))
    data["pairs"][3].update(new="nowhere", source="confirmed")
    crosswalk.write_text(json.dumps(data), encoding="utf-8")
    assert 2 == main(["diff", str(SEED), str(EXAMPLE), "--crosswalk", str(crosswalk)])
    err = capsys.readouterr().err
    assert f"{crosswalk}: not a valid crosswalk" in err
    assert "$.pairs[3].new" in err
    assert "Traceback" not in err
    crosswalk.write_text("{", encoding="utf-8")
    assert 2 == main(["diff", str(SEED), str(EXAMPLE), "--crosswalk", str(crosswalk)])


def test_ingest_based_on_the_previous_edition_keeps_its_ids(tmp_path: Path) -> None:
    """Ingest --based-on: items matched by content keep the previous edition's ids."""
    seed = load_edition(SEED)
    previous = attrs.evolve(
        seed,
        basic=tuple(attrs.evolve(i, id=f"old-{k}") for k, i in enumerate(seed.basic)),
    )
    previous_path = tmp_path / "previous.json"
    previous_path.write_text(dump_edition(previous), encoding="utf-8")
    out = tmp_path / "new.json"
    args = ["ingest", str(SOURCE), "--meta", str(SOURCE_META), "-o", str(out)]
    assert 0 == main([*args, "--based-on", str(previous_path)])
    assert previous == load_edition(out)
