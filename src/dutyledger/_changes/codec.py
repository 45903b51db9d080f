"""The change-set file format ``dutyledger.changeset/1``: versioned JSON through the converter.

Shape (``docs/changes.md`` describes it field by field)::

    {"format": "dutyledger.changeset/1",
     "old": {"title": …, "date": "2025-01", "status": "official", "namespace": …},
     "new": {…},
     "changes": [{"kind": "moved", "match": "id", "confidence": 1.0,
                  "direction": "recall", "old": {"list": "basic", "id": …}, "new": {…}}, …]}

Each change is an object whose ``kind`` names its class; each item carries its
``list``, which names its record class. The rest is the records' fields, in
their order. Later versions add kinds and fields; a reader of version 1 rejects
what it does not know rather than guess.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from dutyledger._changes.changeset import ChangeSet
from dutyledger._changes.kinds import CHANGE_KINDS, Change
from dutyledger._edition.codec import make_converter, read_json, structure_problems
from dutyledger._edition.records import (
    BasicItem,
    CooperativeItem,
    Item,
    ListKind,
    RecalledItem,
    list_of,
)
from dutyledger._edition.safe_text import json_safe
from dutyledger._edition.strict import describe
from dutyledger.exceptions import ChangeSetLoadError, Problem

if TYPE_CHECKING:  # the converter comes from make_converter; a diff needs none
    import cattrs

__all__ = [
    "CHANGESET_FORMAT",
    "changes_converter",
    "changeset_to_dict",
    "configure_changes",
    "dump_changeset",
    "load_changeset",
    "make_changes_converter",
]

CHANGESET_FORMAT = "dutyledger.changeset/1"
"""The value of the top-level ``format`` key of change-set files this version writes."""

_ITEM_CLASSES: dict[str, type[Item]] = {
    ListKind.BASIC.value: BasicItem,
    ListKind.COOPERATIVE.value: CooperativeItem,
    ListKind.RECALLED.value: RecalledItem,
}


def _structure_float(value: Any, _: type) -> float:
    # Every number of the change and crosswalk formats is a confidence or a score, 0 to 1.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number from 0 to 1, found {describe(value)}")
    if not 0 <= value <= 1:  # also refuses NaN, which compares false
        raise ValueError(f"{value!r} is out of range; expected a number from 0 to 1")
    return float(value)


def _tagged(
    converter: cattrs.Converter, tag: str, classes: dict[str, type[Any]], what: str
) -> tuple[Any, Any]:
    """Make hooks that write ``{tag: …, **fields}`` and read the class back from the tag."""

    def unstructure(value: Any) -> dict[str, Any]:
        name = value.kind if tag == "kind" else list_of(value).value
        return {tag: name, **converter.unstructure(value, unstructure_as=type(value))}

    def structure(value: Any, _: type) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {what}")
        name = value.get(tag)
        if name not in classes:
            allowed = ", ".join(repr(k) for k in classes)
            raise ValueError(f"{tag} {name!r} is not one of {allowed}")
        rest = {k: v for k, v in value.items() if k != tag}
        return converter.structure(rest, classes[name])

    structure.taught_changes = True  # type: ignore[attr-defined]  # see _taught
    return unstructure, structure


def _taught(converter: cattrs.Converter) -> bool:
    """Whether a converter was already taught the change records.

    Teaching again would register the hooks again, and registering clears the
    converter's cache of generated code: every load would then generate it anew.
    """
    try:
        hook = converter.get_structure_hook(Change, cache_result=False)
    except Exception:  # cattrs cannot make a hook for the union itself: not taught
        return False
    return getattr(hook, "taught_changes", False) is True


def configure_changes(converter: cattrs.Converter) -> cattrs.Converter:
    """Teach a converter (from :func:`make_converter`) the change records.

    Registers the tagged unions (items by ``list``, changes by ``kind``) and a
    strict number hook. Returns the same converter.
    """
    converter.register_structure_hook(float, _structure_float)
    item_out, item_in = _tagged(converter, "list", _ITEM_CLASSES, "an item")
    converter.register_unstructure_hook_func(lambda t: t == Item, item_out)
    converter.register_structure_hook_func(lambda t: t == Item, item_in)
    kinds: dict[str, type[Any]] = dict(CHANGE_KINDS.items())
    change_out, change_in = _tagged(converter, "kind", kinds, "a change")
    converter.register_unstructure_hook_func(lambda t: t == Change, change_out)
    converter.register_structure_hook_func(lambda t: t == Change, change_in)
    return converter


def make_changes_converter(*, every_field: bool = True) -> cattrs.Converter:
    """Make a converter for editions, change sets and crosswalks.

    Args:
        every_field: Refuse an object that leaves out a field (see
            :func:`~dutyledger.make_converter`); ``False`` for reviewed crosswalks.
    """
    return configure_changes(make_converter(every_field=every_field))


def changes_converter(converter: cattrs.Converter | None) -> cattrs.Converter:
    """The converter to use: a new one, or the caller's taught the change records.

    A converter from :func:`make_converter` alone writes a change without its
    ``kind`` tag, and the file could not be read back; teaching it here makes
    any converter of the edition records right for change sets.
    """
    if converter is None:
        return make_changes_converter()
    return converter if _taught(converter) else configure_changes(converter)


def changeset_to_dict(
    changes: ChangeSet, *, converter: cattrs.Converter | None = None
) -> dict[str, Any]:
    """Return a change set as plain data, ``format`` first.

    Args:
        changes: The change set.
        converter: A converter from :func:`make_changes_converter` or
            :func:`make_converter` (taught the change records,
            :func:`configure_changes`); a new one by default.

    Returns:
        The ``dutyledger.changeset/1`` object.
    """
    data = changes_converter(converter).unstructure(changes)
    return {"format": CHANGESET_FORMAT, **data}


def dump_changeset(changes: ChangeSet, *, converter: cattrs.Converter | None = None) -> str:
    """Return the canonical JSON text of a change set (UTF-8, 2-space indent).

    Args:
        changes: The change set.
        converter: As for :func:`changeset_to_dict`.

    Returns:
        The ``dutyledger.changeset/1`` text; :func:`load_changeset` reads it back equal.
    """
    data = changeset_to_dict(changes, converter=converter)
    # allow_nan=False: a confidence of NaN is never written; JSON has no NaN.
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def load_changeset(
    source: str | bytes | os.PathLike[str], *, converter: cattrs.Converter | None = None
) -> ChangeSet:
    """Load a change set from a path, a JSON string or JSON bytes.

    Args:
        source: A path, or the JSON text (a ``str`` starting with ``{``, or ``bytes``).
        converter: As for :func:`changeset_to_dict`.

    Returns:
        The change set.

    Raises:
        ChangeSetLoadError: The input is not a valid change set; every problem
            is listed with its JSON path.
    """
    name, data = read_json(source, ChangeSetLoadError)
    problems: list[Problem] = []
    fmt = data.pop("format", None)
    if fmt != CHANGESET_FORMAT:
        message = f"expected {CHANGESET_FORMAT!r}, found {fmt!r}"
        problems.append(Problem(where="$.format", message=message))
    changes, found = structure_problems(changes_converter(converter), data, ChangeSet)
    problems += found
    if problems or changes is None:
        raise ChangeSetLoadError(name, problems)
    return changes
