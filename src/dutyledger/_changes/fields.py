"""Field-level comparison of two records: which fields differ, old value and new.

The diff engine pairs items and says *what kind* of change each is; for the
records that have no finer kinds — an edition's metadata, its preamble, its
department registry — a report still has to say which field changed (the
declared item count of 配合, a department's alias). deepdiff walks the two
records' plain data and names every differing leaf.
"""

from __future__ import annotations

import enum
import json
from typing import Any

import attrs

__all__ = ["FieldChange", "field_changes"]

_ABSENT = "—"


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field that differs between two records.

    Attributes:
        path: Where, as a JSON path from the record (``$.declarations[1].item_count``).
        old: The old value as JSON text, ``—`` where there was none.
        new: The new value as JSON text, ``—`` where there is none.
    """

    path: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.path}: {self.old} → {self.new}"


def _path(parts: list[Any]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def _value(value: Any) -> str:
    if type(value).__name__ == "NotPresent":
        return _ABSENT
    return json.dumps(value, ensure_ascii=False)


def field_changes(old: Any, new: Any) -> tuple[FieldChange, ...]:
    """Compare two records (attrs classes, or tuples of them) field by field.

    Args:
        old: The old record.
        new: The new record.

    Returns:
        Every differing leaf, in path order; empty if the records are equal.
    """
    from deepdiff import DeepDiff

    tree = DeepDiff(_plain(old), _plain(new), view="tree")
    found = [
        FieldChange(
            path=_path(level.path(output_format="list")), old=_value(level.t1), new=_value(level.t2)
        )
        for levels in tree.values()
        for level in levels
    ]
    return tuple(sorted(found, key=lambda change: _order(change.path)))


def _plain(value: Any) -> Any:
    """A record (or a tuple of them) as plain data, as the edition file writes it.

    The same data as the codec's converter gives (records as dicts in field order,
    tuples as lists, enums as their values), without building (and generating code
    for) a converter for one comparison.
    """
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return value


def _order(path: str) -> tuple[tuple[int, int | str], ...]:
    """Sort paths with their indices as numbers: [2] before [10]."""
    parts = path.replace("[", ".[").split(".")[1:]
    return tuple((0, int(p[1:-1])) if p.startswith("[") else (1, p) for p in parts)
