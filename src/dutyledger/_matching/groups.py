"""Splits (分设) and merges (合并): one item of one edition that is several of the other.

Found among items left unpaired one to one. A *part* belongs to a *whole* when
its name stands, nearly verbatim, inside the whole's name (``partial_ratio`` of
at least :data:`CONTAINMENT`) and is shorter; a part may fit several wholes.
Overlap is not more evidence: of parts that fit the same piece of a whole
(near duplicates of each other), only the best counts. A whole with two
or more such parts, at least one in its category, that together cover at least
:data:`COVERAGE` of its name is a split (whole in the old edition) or a merge
(whole in the new). Where groupings claim the same item, the one with the
higher score wins, so a part that fits several wholes goes to the one it
completes best.

Candidates are blocked by character pairs (prefix filtering): a part is only
compared with the wholes that share one of the rarer half of its character
pairs, so the work stays near-linear in the number of unpaired items.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from rapidfuzz import fuzz

from dutyledger._changes.base import position
from dutyledger._edition.records import Item

__all__ = ["CONTAINMENT", "COVERAGE", "Group", "find_groups"]

CONTAINMENT = 0.75
"""The least ``partial_ratio`` (0 to 1) of a part's name within the whole's name."""

COVERAGE = 0.7
"""The least share of the whole's name its parts must cover together."""

_SHARED = 0.5

_OVERLAP = 0.2
"""The most of a part's place in the whole that may overlap the places of better parts."""

Group = tuple[tuple[Item, ...], tuple[Item, ...], float]
"""Old items, new items, score: one old and several new (split) or the reverse (merge)."""


def _key(item: Item) -> tuple[Any, ...]:
    return (*position(item), item.name)


def _covered(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, 0
    for start, end in sorted(spans):
        begin = max(start, reach)
        if end > begin:
            total += end - begin
            reach = end
    return total


def _grams(name: str) -> set[str]:
    return {name[k : k + 2] for k in range(len(name) - 1)} or {name}


def _candidates(wholes: Sequence[Item], parts: Sequence[Item]) -> Iterable[tuple[Item, set[int]]]:
    """For each part, the wholes that share one of its rarest character pairs.

    Prefix filtering: a part that stands nearly verbatim in a whole shares at
    least half of its character pairs with it, so it shares one of the rarer
    half (plus one) of them.
    """
    index: defaultdict[str, list[int]] = defaultdict(list)
    for w, whole in enumerate(wholes):
        for gram in _grams(whole.name):
            index[gram].append(w)
    for part in parts:
        grams = sorted(_grams(part.name), key=lambda g: (len(index.get(g, ())), g))
        prefix = grams[: len(grams) - math.ceil(_SHARED * len(grams)) + 1]
        yield part, {w for gram in prefix for w in index.get(gram, ())}


def _disjoint(
    whole: str, members: list[tuple[Item, float, int, int]]
) -> list[tuple[Item, float, int, int]]:
    """The members whose places in the whole do not overlap, those fitting the most first.

    The parts of a split or a merge are different pieces of the whole's name. A
    member whose place overlaps a better one's is looked for again in the pieces
    not yet taken (``最新`` in ``…最新最新``); if it does not fit there, it is a near
    duplicate of the better one (``…服务`` and ``…宣传`` after one shared stem), not
    another part, and it is left out.
    """
    kept: list[tuple[Item, float, int, int]] = []
    # The most of the whole first: a long part that fits is stronger evidence than a short one.
    for member in sorted(members, key=lambda m: (-m[1] * (m[3] - m[2]), -m[1], _key(m[0]))):
        part, _, start, end = member
        if _overlap(kept, start, end) <= _OVERLAP * (end - start):
            kept.append(member)
            continue
        moved = _in_gaps(whole, part.name, kept)
        if moved is not None:
            kept.append((part, *moved))
    return kept


def _overlap(kept: list[tuple[Item, float, int, int]], start: int, end: int) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for _, _, s, e in kept)


def _in_gaps(
    whole: str, name: str, kept: list[tuple[Item, float, int, int]]
) -> tuple[float, int, int] | None:
    """The best place for ``name`` in the stretches of ``whole`` no kept member covers."""
    best: tuple[float, int, int] | None = None
    reach = 0
    for begin, finish in [*sorted((s, e) for _, _, s, e in kept), (len(whole), len(whole))]:
        if begin - reach >= len(name):
            hit = fuzz.partial_ratio_alignment(
                name, whole[reach:begin], score_cutoff=CONTAINMENT * 100
            )
            if hit is not None and (best is None or hit.score / 100 > best[0]):
                best = (hit.score / 100, reach + hit.dest_start, reach + hit.dest_end)
        reach = max(reach, finish)
    return best


def _wholes_with_parts(
    wholes: Sequence[Item], parts: Sequence[Item]
) -> list[tuple[float, Item, tuple[Item, ...]]]:
    if not wholes or len(parts) < 2:
        return []
    found: defaultdict[int, list[tuple[Item, float, int, int]]] = defaultdict(list)
    for part, candidates in _candidates(wholes, parts):
        # Every whole the part fits, not only the best: a short part (``工作``) fits many
        # names, and which of them it belongs to shows only with the other parts.
        for w in candidates:
            whole = wholes[w]
            if len(whole.name) <= len(part.name):
                continue
            hit = fuzz.partial_ratio_alignment(
                part.name, whole.name, score_cutoff=CONTAINMENT * 100
            )
            if hit is not None:
                found[w].append((part, hit.score / 100, hit.dest_start, hit.dest_end))
    groups = []
    for w, fits in found.items():
        if len(fits) < 2:
            continue
        whole = wholes[w]
        members = _disjoint(whole.name, fits)
        if len(members) < 2 or all(m[0].category != whole.category for m in members):
            continue
        coverage = _covered([(start, end) for _, _, start, end in members]) / len(whole.name)
        if coverage < COVERAGE:
            continue
        mean = sum(score for _, score, _, _ in members) / len(members)
        ordered = tuple(sorted((m[0] for m in members), key=position))
        groups.append((round(min(coverage, mean), 4), whole, ordered))
    return groups


def find_groups(
    old: Sequence[Item],
    new: Sequence[Item],
    forbidden: frozenset[tuple[frozenset[str], frozenset[str]]] = frozenset(),
) -> list[Group]:
    """Find the splits and merges among unpaired items.

    Args:
        old: The old edition's unpaired items.
        new: The new edition's unpaired items.
        forbidden: Groupings a reviewer rejected, as (old ids, new ids).

    Returns:
        The groups, no item in two; old and new items each in their edition's order.
    """
    candidates: list[tuple[float, tuple[Any, ...], Group]] = []
    for score, whole, parts in _wholes_with_parts(old, new):
        candidates.append((score, (whole, *parts), ((whole,), parts, score)))
    for score, whole, parts in _wholes_with_parts(new, old):
        candidates.append((score, (whole, *parts), (parts, (whole,), score)))
    candidates.sort(key=lambda c: (-c[0], tuple(sorted(_key(i) for i in c[1]))))
    used: set[int] = set()
    groups: list[Group] = []
    for _, members, group in candidates:
        olds, news, _ = group
        ids = (frozenset(i.id for i in olds), frozenset(i.id for i in news))
        if ids in forbidden or any(id(i) in used for i in members):
            continue
        used.update(id(i) for i in members)
        groups.append(group)
    return groups
