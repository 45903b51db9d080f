"""The crosswalk: every pairing of two editions' items, reviewable in a file.

``dutyledger match OLD NEW -o crosswalk.json`` writes it; a reviewer confirms a
pair (``"source": "confirmed"``), breaks one (``"source": "rejected"``), adds
one (a new entry, ``"source": "confirmed"``) or moves an item out of
``unmatched`` into a pair; ``dutyledger diff --crosswalk crosswalk.json`` then
honours it (see ``docs/changes.md``). The ``old_item`` / ``new_item`` labels
are for the reviewer's eyes and are not read back.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import TYPE_CHECKING, Any, Literal

import attrs

from dutyledger._changes.base import MatchSource
from dutyledger._changes.changeset import EditionLabel
from dutyledger._changes.codec import changes_converter, make_changes_converter
from dutyledger._edition.codec import read_json, structure_problems
from dutyledger._edition.records import Edition, Item, list_of
from dutyledger._edition.safe_text import json_safe
from dutyledger.exceptions import CrosswalkError, Problem

if TYPE_CHECKING:  # the converter comes from make_converter; a diff needs none
    import cattrs

__all__ = [
    "CROSSWALK_FORMAT",
    "Crosswalk",
    "GroupMatch",
    "Match",
    "Unmatched",
    "crosswalk_problems",
    "dump_crosswalk",
    "item_label",
    "load_crosswalk",
]

CROSSWALK_FORMAT = "dutyledger.crosswalk/1"
"""The value of the top-level ``format`` key of crosswalk files this version writes."""


def item_label(item: Item) -> str:
    """Describe an item for a reviewer: list, 序号 and name (``基本履职事项清单 第3项 …``)."""
    star = "★" if item.starred else ""
    return f"{list_of(item).title} 第{item.number}项 {star}{item.name}"


@attrs.frozen(kw_only=True)
class Match:
    """One item of the old edition paired with one of the new.

    Attributes:
        old: The old item's id.
        new: The new item's id.
        score: How sure the pairing is, 0 to 1: 1 for ids, the similarity of
            name and duties for pairs inferred from content.
        source: ``id``, ``confirmed``, ``inferred``; in a reviewed file also
            ``rejected`` (the reviewer broke the pair).
        old_item: A label of the old item, for the reviewer; not read back.
        new_item: A label of the new item, for the reviewer; not read back.
    """

    old: str
    new: str
    score: float
    source: MatchSource
    old_item: str | None = None
    new_item: str | None = None


@attrs.frozen(kw_only=True)
class GroupMatch:
    """A split (one old item, several new) or a merge (several old, one new).

    Attributes:
        old: The old items' ids.
        new: The new items' ids.
        score: How sure the grouping is, 0 to 1.
        source: ``inferred`` or ``confirmed``; ``rejected`` to break it.
        old_items: Labels of the old items, for the reviewer.
        new_items: Labels of the new items, for the reviewer.
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    score: float
    source: MatchSource
    old_items: tuple[str, ...] = ()
    new_items: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Unmatched:
    """An item paired with nothing: removed (``old``) or added (``new``).

    Attributes:
        edition: ``old`` or ``new``.
        id: The item's id.
        item: A label of the item, for the reviewer.
    """

    edition: Literal["old", "new"]
    id: str
    item: str | None = None


@attrs.frozen(kw_only=True)
class Crosswalk:
    """The pairing of two editions' items, with where each pair came from.

    Attributes:
        old: The old edition.
        new: The new edition.
        pairs: One-to-one pairs, in the new edition's order.
        groups: Splits and merges.
        unmatched: Items paired with nothing; :func:`dutyledger.diff` leaves an
            item listed here unpaired.
    """

    old: EditionLabel
    new: EditionLabel
    pairs: tuple[Match, ...] = ()
    groups: tuple[GroupMatch, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()

    def counts(self) -> dict[str, int]:
        """Count pairs per source, groups and unmatched items per edition."""
        counts = Counter(f"pairs.{m.source.value}" for m in self.pairs)
        counts.update(f"groups.{g.source.value}" for g in self.groups)
        counts.update(f"unmatched.{u.edition}" for u in self.unmatched)
        return dict(sorted(counts.items()))


def _to_dict(crosswalk: Crosswalk, converter: cattrs.Converter) -> dict[str, Any]:
    return {"format": CROSSWALK_FORMAT, **converter.unstructure(crosswalk)}


def dump_crosswalk(crosswalk: Crosswalk, *, converter: cattrs.Converter | None = None) -> str:
    """Return the JSON text of a crosswalk (UTF-8, 2-space indent)."""
    data = _to_dict(crosswalk, changes_converter(converter))
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def load_crosswalk(
    source: str | bytes | os.PathLike[str], *, converter: cattrs.Converter | None = None
) -> Crosswalk:
    """Load a crosswalk from a path, a JSON string or JSON bytes.

    Args:
        source: A path, or the JSON text.
        converter: A converter from :func:`make_changes_converter` (or :func:`make_converter`,
            taught the change records); a new one by default.

    Returns:
        The crosswalk, as written (not yet checked against editions; see
        :func:`crosswalk_problems`).

    Raises:
        CrosswalkError: The file is not a valid crosswalk; every problem is
            listed with its JSON path.
    """
    name, data = read_json(source, CrosswalkError)
    problems: list[Problem] = []
    fmt = data.pop("format", None)
    if fmt != CROSSWALK_FORMAT:
        problems.append(
            Problem(where="$.format", message=f"expected {CROSSWALK_FORMAT!r}, found {fmt!r}")
        )
    # A reviewer adds pairs by hand: the labels and other defaults may be left out.
    chosen = (
        changes_converter(converter)
        if converter is not None
        else make_changes_converter(every_field=False)
    )
    crosswalk, found = structure_problems(chosen, data, Crosswalk)
    problems += found
    if crosswalk is not None:
        problems += _shape_problems(crosswalk)
    if problems or crosswalk is None:
        raise CrosswalkError(name, problems)
    return crosswalk


def _shape_problems(crosswalk: Crosswalk) -> list[Problem]:
    problems = []
    for index, pair in enumerate(crosswalk.pairs):
        if pair.source is MatchSource.ID and pair.old != pair.new:
            message = f"source 'id' pairs equal ids, found {pair.old!r} and {pair.new!r}; expected 'confirmed'"
            problems.append(Problem(where=f"$.pairs[{index}].source", message=message))
        if not 0 <= pair.score <= 1:
            message = f"expected a score from 0 to 1, found {pair.score}"
            problems.append(Problem(where=f"$.pairs[{index}].score", message=message))
    for index, group in enumerate(crosswalk.groups):
        if group.source is MatchSource.ID:
            message = (
                "a split or merge is never by id; expected 'inferred', 'confirmed' or 'rejected'"
            )
            problems.append(Problem(where=f"$.groups[{index}].source", message=message))
        if not (len(group.old) == 1 < len(group.new) or len(group.new) == 1 < len(group.old)):
            message = "expected one old id and several new (a split), or several old and one new (a merge)"
            problems.append(Problem(where=f"$.groups[{index}]", message=message))
    return problems


def crosswalk_problems(crosswalk: Crosswalk, old: Edition, new: Edition) -> list[Problem]:
    """Check a crosswalk against the two editions it is used with.

    Every id must be an item of its edition, and no item may be in two kept
    pairs or groups (a rejected pair or group only forbids that pairing).

    Returns:
        Every problem, each with its JSON path in the crosswalk; empty if none.
    """
    ids = {"old": {i.id for i in old.items()}, "new": {i.id for i in new.items()}}
    claimed: dict[str, dict[str, str]] = {"old": {}, "new": {}}
    problems: list[Problem] = []

    def claim(side: str, item_id: str, where: str, kept: bool) -> None:
        if item_id not in ids[side]:
            message = f"{item_id!r} is no item of the {side} edition; expected one of its ids"
            problems.append(Problem(where=where, message=message))
        elif kept and item_id in claimed[side]:
            message = (
                f"{item_id!r} is also paired at {claimed[side][item_id]}; expected each item once"
            )
            problems.append(Problem(where=where, message=message))
        elif kept:
            claimed[side][item_id] = where

    for index, pair in enumerate(crosswalk.pairs):
        kept = pair.source is not MatchSource.REJECTED
        claim("old", pair.old, f"$.pairs[{index}].old", kept)
        claim("new", pair.new, f"$.pairs[{index}].new", kept)
    for index, group in enumerate(crosswalk.groups):
        kept = group.source is not MatchSource.REJECTED
        for k, item_id in enumerate(group.old):
            claim("old", item_id, f"$.groups[{index}].old[{k}]", kept)
        for k, item_id in enumerate(group.new):
            claim("new", item_id, f"$.groups[{index}].new[{k}]", kept)
    for index, entry in enumerate(crosswalk.unmatched):
        claim(entry.edition, entry.id, f"$.unmatched[{index}].id", True)
    return problems
