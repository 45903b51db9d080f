"""The illustrative 2026-01 edition: hypothetical, and diffed to its manifest exactly."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

import attrs

from dutyledger import Edition, EditionStatus, diff, dump_edition, load_edition
from dutyledger._edition.records import list_of
from strategies import signature, with_minted_ids

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE = EXAMPLES / "2026-01-illustrative.json"
MANIFEST = EXAMPLES / "2026-01-illustrative.manifest.json"


def _places(items: Any) -> list[dict[str, Any]]:
    return sorted(
        ({"id": i.id, "list": list_of(i).value, "number": i.number} for i in items),
        key=lambda place: place["id"],
    )


def _entry(kind: str, old: list[Any], new: list[Any], detail: list[Any]) -> str:
    return json.dumps([kind, old, new, detail], ensure_ascii=False, sort_keys=True)


def test_the_example_is_marked_hypothetical() -> None:
    """Status illustrative; the note, the preamble and the source say it is not official."""
    example = load_edition(EXAMPLE)
    assert EditionStatus.ILLUSTRATIVE is example.meta.status
    assert example.meta.note is not None
    assert "假设的示例" in example.meta.note
    assert "并非官方文本" in example.meta.note
    assert "not official" in example.meta.source.description
    assert example.meta.note in example.preamble.sections[-1].paragraphs


def test_diff_of_the_example_equals_its_manifest_exactly(seed_edition: Edition) -> None:
    """Every change of diff(2025-01, example) is in the manifest, and every entry is a change."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    expected = Counter(
        _entry(
            e["kind"],
            sorted(e["old"], key=lambda p: p["id"]),
            sorted(e["new"], key=lambda p: p["id"]),
            e["detail"],
        )
        for e in manifest["changes"]
    )
    changes = diff(seed_edition, load_edition(EXAMPLE))
    actual = Counter(
        _entry(
            c.kind,
            _places(c.old_items()),
            _places(c.new_items()),
            json.loads(json.dumps(list(signature(c)[3]), ensure_ascii=False)),
        )
        for c in changes
    )
    assert expected == actual
    kinds = {e["kind"] for e in manifest["changes"]}
    every = {
        "added", "removed", "moved", "split", "merged", "renamed", "recategorised",
        "star_set", "star_cleared", "department_added", "department_removed",
        "department_reassigned", "lead_department_changed", "step_added", "step_removed",
        "step_reworded", "block_added", "block_removed", "block_reassigned", "block_retitled",
        "wording", "renumbered", "repaged", "meta", "preamble", "registry",
    }  # fmt: skip
    assert every == kinds
    directions = {c.direction.value for c in changes.filter(kind="moved")}  # type: ignore[union-attr]
    assert {"recall", "devolve", "to_cooperative", "to_basic"} == directions


def test_content_matching_finds_the_same_changes(seed_edition: Edition) -> None:
    """With the example's ids minted apart, matching by content gives the same item changes."""
    example = load_edition(EXAMPLE)
    stripped = with_minted_ids(
        attrs.evolve(example, meta=attrs.evolve(example.meta, namespace="feedface"))
    )
    by_content = diff(seed_edition, stripped)
    assert diff(seed_edition, example).counts() == by_content.counts()
    assert by_content.apply(seed_edition) == stripped


def test_the_example_is_made_by_its_script(seed_edition: Edition) -> None:
    """examples/make_example.py, run again, makes the committed files byte for byte."""
    spec = importlib.util.spec_from_file_location("make_example", EXAMPLES / "make_example.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    edition, manifest = module.make(seed_edition)
    assert EXAMPLE.read_text(encoding="utf-8") == dump_edition(edition)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    assert MANIFEST.read_text(encoding="utf-8") == text
