"""The illustrative 2027-01 edition: hypothetical, made by its script, diffed to its manifest."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from dutyledger import Edition, EditionStatus, diff, dump_edition, load_edition
from strategies import signature

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PREVIOUS = EXAMPLES / "2026-01-illustrative.json"
EXAMPLE = EXAMPLES / "2027-01-illustrative.json"
MANIFEST = EXAMPLES / "2027-01-illustrative.manifest.json"


def test_the_example_is_marked_hypothetical() -> None:
    """Status illustrative; note, preamble and source say it is not official; cover says 2027."""
    example = load_edition(EXAMPLE)
    assert EditionStatus.ILLUSTRATIVE is example.meta.status
    assert example.meta.note is not None
    assert "并非官方文本" in example.meta.note
    assert "not official" in example.meta.source.description
    assert example.meta.note in example.preamble.sections[-1].paragraphs
    assert "2027年1月" in example.preamble.title_lines


def test_diff_from_2026_equals_the_manifest(seed_edition: Edition) -> None:
    """The substantive changes of diff(2026-01, 2027-01) are the manifest's, kind, ids and details."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    expected = Counter(
        json.dumps([e["kind"], sorted(e["old"]), sorted(e["new"]), e["detail"]], ensure_ascii=False)
        for e in manifest["changes"]
    )
    changes = diff(load_edition(PREVIOUS), load_edition(EXAMPLE)).substantive()
    actual = Counter(
        json.dumps(
            [c.kind, list(signature(c)[1]), list(signature(c)[2]), list(signature(c)[3])],
            ensure_ascii=False,
        )
        for c in changes
    )
    assert expected == actual


def test_the_example_is_made_by_its_script(
    seed_edition: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/make_example_2027.py, run again, makes the committed files byte for byte."""
    monkeypatch.syspath_prepend(str(EXAMPLES))  # it imports make_example, beside it
    path = EXAMPLES / "make_example_2027.py"
    spec = importlib.util.spec_from_file_location("make_example_2027", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    edition, manifest = module.make(load_edition(PREVIOUS), seed_edition)
    assert EXAMPLE.read_text(encoding="utf-8") == dump_edition(edition)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    assert MANIFEST.read_text(encoding="utf-8") == text
