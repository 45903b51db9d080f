"""Field-level comparison of records (deepdiff), as reports show edition-level changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import dutyledger
import strategies
from dutyledger._changes.fields import FieldChange, _plain, field_changes


def test_equal_records_have_no_field_changes(seed_edition: dutyledger.Edition) -> None:
    """A record compared with itself differs nowhere."""
    assert field_changes(seed_edition.preamble, seed_edition.preamble) == ()


def test_declared_total_change_is_named_by_path(seed_edition: dutyledger.Edition) -> None:
    """A changed declared item count is one field, with its path and both values."""
    declarations = list(seed_edition.preamble.declarations)
    declarations[1] = attrs.evolve(declarations[1], item_count=98)
    new = attrs.evolve(seed_edition.preamble, declarations=tuple(declarations))
    assert field_changes(seed_edition.preamble, new) == (
        FieldChange(path="$.declarations[1].item_count", old="96", new="98"),
    )


def test_paths_sort_with_numeric_indices(seed_edition: dutyledger.Edition) -> None:
    """[2] sorts before [10], and added or removed values show as —."""
    departments = seed_edition.departments
    new = (*departments[:2], *departments[3:])
    changes = field_changes(departments, new)
    assert changes[0].path.startswith("$[2]")
    assert changes[-1] == FieldChange(
        path=f"$[{len(departments) - 1}]", old=changes[-1].old, new="—"
    )


def test_edition_level_changes_say_which_fields(seed_edition: dutyledger.Edition) -> None:
    """Diff's metadata change lists the fields that differ."""
    new = attrs.evolve(seed_edition, meta=attrs.evolve(seed_edition.meta, date="2026-01"))
    (change,) = dutyledger.diff(seed_edition, new)
    assert [str(f) for f in change.fields()] == ['$.date: "2025-01" → "2026-01"']  # type: ignore[union-attr]


def _deepdiff_loaded_by_diff(tmp_path: Path, new: dutyledger.Edition) -> bool:
    """Run ``dutyledger diff`` (Markdown) in a fresh interpreter; whether it imported deepdiff."""
    old_path, new_path = tmp_path / "old.json", tmp_path / "new.json"
    old_path.write_text(dutyledger.dump_edition(dutyledger.builtin_edition("2025-01")))
    new_path.write_text(dutyledger.dump_edition(new))
    script = (
        "import sys; from dutyledger.cli import main; "
        f"status = main(['diff', {str(old_path)!r}, {str(new_path)!r}, '--format', 'md', "
        f"'-o', {str(tmp_path / 'report.md')!r}]); "
        "print(status, 'deepdiff' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    status, loaded = done.stdout.split()
    assert status == "1"  # there are changes
    assert (tmp_path / "report.md").read_text(encoding="utf-8")
    return loaded == "True"


@pytest.mark.slow
def test_deepdiff_is_imported_only_for_edition_level_changes(
    tmp_path: Path, seed_edition: dutyledger.Edition
) -> None:
    """A diff of items alone never loads deepdiff; a changed metadata record does, to say which field."""
    renamed = attrs.evolve(seed_edition.basic[0], name=seed_edition.basic[0].name + "等")
    items_only = attrs.evolve(seed_edition, basic=(renamed, *seed_edition.basic[1:]))
    assert not _deepdiff_loaded_by_diff(tmp_path, items_only)
    meta = attrs.evolve(items_only, meta=attrs.evolve(seed_edition.meta, date="2026-01"))
    assert _deepdiff_loaded_by_diff(tmp_path, meta)


@given(strategies.editions())
def test_records_compare_as_the_edition_file_writes_them(edition: dutyledger.Edition) -> None:
    """The plain data compared is the converter's: dicts in field order, lists, enum values."""
    converter = dutyledger.make_converter()
    for record in (edition.meta, edition.preamble, edition.departments, edition.items()):
        assert converter.unstructure(record) == _plain(record)
