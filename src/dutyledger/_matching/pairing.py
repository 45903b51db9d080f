"""Matching: which item of the new edition is which item of the old.

In order, each stage taking only what the earlier ones left:

1. A crosswalk, if given: its kept pairs and groups as written, its
   ``unmatched`` items left unpaired, its rejected pairs never made.
2. Ids, where both editions carry them (they share at least one id): equal ids
   pair, and an id only one edition has is an item added or removed.
3. Otherwise, by content: equal names pair first (exactly; several items of
   one name pair by the similarity of their duties); then splits and merges
   (:mod:`dutyledger._matching.groups`); then the rest by similarity (:func:`score`),
   one to one, most alike first, down to :data:`MATCH_THRESHOLD`.

With ids, splits and merges are looked for among the items left over.

Every assignment is greedy by score, ties broken by the two items' places
taken together, so that matching new to old gives the mirror of matching old
to new. Matching stays near-linear: exact stages use dictionaries; the fuzzy
stage compares all leftover pairs only while there are at most
:data:`BRUTE_FORCE_PAIRS` of them, and otherwise only pairs that share one of
the rarest characters of their names (prefix filtering).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, get_args

import attrs
from rapidfuzz import fuzz, process

from dutyledger._changes.base import MatchSource, position
from dutyledger._changes.changeset import EditionLabel
from dutyledger._edition.records import CooperativeItem, Edition, Item, RecalledItem, list_of
from dutyledger._matching.crosswalk import (
    Crosswalk,
    GroupMatch,
    Match,
    Unmatched,
    crosswalk_problems,
    item_label,
)
from dutyledger._matching.groups import find_groups
from dutyledger.exceptions import CrosswalkError, InvalidArgumentError

__all__ = [
    "BRUTE_FORCE_PAIRS",
    "MATCH_THRESHOLD",
    "Method",
    "Pairing",
    "Visit",
    "carry_ids",
    "match",
    "pair_items",
    "score",
]

MATCH_THRESHOLD = 0.6
"""The least :func:`score` at which two items are inferred to be one."""

NAME_WEIGHT = 0.6
"""The weight of the name in :func:`score` when both items have duty texts."""

BRUTE_FORCE_PAIRS = 250_000
"""Above this many leftover pairs, the fuzzy stage compares only blocked candidates."""

_BLOCK_JACCARD = 0.3
_NAME_FLOOR = (MATCH_THRESHOLD - (1 - NAME_WEIGHT)) / NAME_WEIGHT

Method = Literal["auto", "id", "content"]
METHODS: tuple[Method, ...] = get_args(Method)
"""How to pair items: ``id``, ``content``, or ``auto`` (ids if the editions share any)."""


Visit = Callable[[Item, Item, MatchSource, float], object]
"""Called with each pair as it is found: old item, new item, source, score."""


@attrs.define
class Pairing:
    """What the matcher found (items, not ids): the engine's working form of a crosswalk."""

    visit: Visit | None = None
    pairs: list[tuple[Item, Item, MatchSource, float]] = attrs.Factory(list)
    groups: list[tuple[tuple[Item, ...], tuple[Item, ...], MatchSource, float]] = attrs.Factory(
        list
    )
    unmatched_old: list[Item] = attrs.Factory(list)
    unmatched_new: list[Item] = attrs.Factory(list)

    def add(self, old: Item, new: Item, source: MatchSource, score: float) -> None:
        """Record a pair (and visit it)."""
        self.pairs.append((old, new, source, score))
        if self.visit is not None:
            self.visit(old, new, source, score)


def _content(item: Item) -> str:
    if isinstance(item, CooperativeItem):
        return (
            "".join(item.upstream_duties.texts()) + "\x1f" + "".join(item.township_duties.texts())
        )
    if isinstance(item, RecalledItem):
        return "".join(entry.method for entry in item.receivers)
    return ""


def _both(old: Item, new: Item) -> tuple[float, float]:
    """Name similarity and content similarity (``-1`` if not comparable)."""
    names = fuzz.ratio(old.name, new.name) / 100
    if list_of(old) is not list_of(new):
        return names, -1.0
    a, b = _content(old), _content(new)
    if not a or not b:
        return names, -1.0
    return names, fuzz.ratio(a, b) / 100


def score(old: Item, new: Item) -> float:
    """Return how likely two items are one, 0 to 1.

    The similarity of the names (normalised Indel similarity); for two items
    of the same list that both have duty texts (配合: both duty columns; 收回:
    the 工作方式), the greater of that and ``0.6 × names + 0.4 × duties``, so
    unchanged duties can carry a reworded name, never hold an unchanged one back.
    """
    names, content = _both(old, new)
    if content < 0:
        return round(names, 4)
    return round(max(names, NAME_WEIGHT * names + (1 - NAME_WEIGHT) * content), 4)


def _pkey(item: Item) -> tuple[Any, ...]:
    return (*position(item), item.name)


def _greedy(
    candidates: Iterable[tuple[float, float, Item, Item]],
    forbidden: set[tuple[str, str]],
) -> list[tuple[Item, Item, float]]:
    ordered = sorted(
        candidates, key=lambda c: (-c[0], -c[1], tuple(sorted((_pkey(c[2]), _pkey(c[3])))))
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    chosen = []
    for value, _, x, y in ordered:
        if id(x) in used_old or id(y) in used_new or (x.id, y.id) in forbidden:
            continue
        used_old.add(id(x))
        used_new.add(id(y))
        chosen.append((x, y, value))
    return chosen


def _exact_names(
    old: Sequence[Item], new: Sequence[Item], forbidden: set[tuple[str, str]]
) -> list[tuple[Item, Item, float]]:
    old_by_name: defaultdict[str, list[Item]] = defaultdict(list)
    new_by_name: defaultdict[str, list[Item]] = defaultdict(list)
    for x in old:
        old_by_name[x.name].append(x)
    for y in new:
        new_by_name[y.name].append(y)
    chosen = []
    crowded = []
    for name, xs in old_by_name.items():
        ys = new_by_name.get(name)
        if not ys:
            continue
        if len(xs) == len(ys) == 1:
            if (xs[0].id, ys[0].id) not in forbidden:
                chosen.append((xs[0], ys[0], 1.0))
        else:
            # Several items of one name: pair them by the similarity of their duties.
            crowded += [(1.0, _both(x, y)[1], x, y) for x in xs for y in ys]
    return chosen + _greedy(crowded, forbidden)


def _tokens(item: Item) -> set[str]:
    return {c for c in item.name if c.isalnum()}


def _blocked_candidates(old: Sequence[Item], new: Sequence[Item]) -> Iterable[tuple[int, int]]:
    """Pairs that share one of the rarest characters of their names (prefix filtering)."""
    old_tokens = [_tokens(x) for x in old]
    new_tokens = [_tokens(y) for y in new]
    frequency = Counter(t for tokens in (*old_tokens, *new_tokens) for t in tokens)

    def prefix(tokens: set[str]) -> list[str]:
        ordered = sorted(tokens, key=lambda t: (frequency[t], t))
        return ordered[: len(ordered) - math.ceil(_BLOCK_JACCARD * len(ordered)) + 1]

    index: defaultdict[str, list[int]] = defaultdict(list)
    for j, tokens in enumerate(new_tokens):
        for token in prefix(tokens):
            index[token].append(j)
    for i, tokens in enumerate(old_tokens):
        seen: set[int] = set()
        for token in prefix(tokens):
            seen.update(index.get(token, ()))
        for j in sorted(seen):
            yield i, j


def _fuzzy(
    old: Sequence[Item], new: Sequence[Item], forbidden: set[tuple[str, str]]
) -> list[tuple[Item, Item, float]]:
    if not old or not new:
        return []
    candidates = []
    if len(old) * len(new) <= BRUTE_FORCE_PAIRS:
        names = [y.name for y in new]
        for x in old:
            hits = process.extract(
                x.name, names, scorer=fuzz.ratio, score_cutoff=_NAME_FLOOR * 100, limit=None
            )
            for _, _, j in hits:
                value = score(x, new[j])
                if value >= MATCH_THRESHOLD:
                    candidates.append((value, 0.0, x, new[j]))
    else:
        for i, j in _blocked_candidates(old, new):
            value = score(old[i], new[j])
            if value >= MATCH_THRESHOLD:
                candidates.append((value, 0.0, old[i], new[j]))
    return _greedy(candidates, forbidden)


def _without(items: Sequence[Item], taken: set[int]) -> list[Item]:
    return [i for i in items if id(i) not in taken]


def _from_crosswalk(
    crosswalk: Crosswalk, old: Edition, new: Edition, pairing: Pairing
) -> tuple[set[tuple[str, str]], frozenset[tuple[frozenset[str], frozenset[str]]], set[int]]:
    problems = crosswalk_problems(crosswalk, old, new)
    if problems:
        raise CrosswalkError("crosswalk", problems)
    old_by_id = {i.id: i for i in old.items()}
    new_by_id = {i.id: i for i in new.items()}
    forbidden: set[tuple[str, str]] = set()
    forbidden_groups = set()
    taken: set[int] = set()
    for entry in crosswalk.pairs:
        if entry.source is MatchSource.REJECTED:
            forbidden.add((entry.old, entry.new))
            continue
        x, y = old_by_id[entry.old], new_by_id[entry.new]
        confidence = entry.score if entry.source is MatchSource.INFERRED else 1.0
        pairing.add(x, y, entry.source, confidence)
        taken.update((id(x), id(y)))
    for group in crosswalk.groups:
        if group.source is MatchSource.REJECTED:
            forbidden_groups.add((frozenset(group.old), frozenset(group.new)))
            continue
        olds = tuple(old_by_id[i] for i in group.old)
        news = tuple(new_by_id[i] for i in group.new)
        confidence = group.score if group.source is MatchSource.INFERRED else 1.0
        pairing.groups.append((olds, news, group.source, confidence))
        taken.update(id(i) for i in (*olds, *news))
    for lone in crosswalk.unmatched:
        item = (old_by_id if lone.edition == "old" else new_by_id)[lone.id]
        (pairing.unmatched_old if lone.edition == "old" else pairing.unmatched_new).append(item)
        taken.add(id(item))
    return forbidden, frozenset(forbidden_groups), taken


def _check_method(method: str) -> None:
    """Refuse a pairing method that does not exist, rather than fall back to one that does."""
    if method not in METHODS:
        raise InvalidArgumentError("method", method, " or ".join(repr(m) for m in METHODS))


def pair_items(
    old: Edition,
    new: Edition,
    *,
    crosswalk: Crosswalk | None = None,
    method: Method = "auto",
    visit: Visit | None = None,
) -> Pairing:
    """Pair the items of two editions (the engine behind :func:`match` and :func:`diff`).

    ``visit``, if given, is called with each one-to-one pair as soon as it is found.

    Raises:
        CrosswalkError: The crosswalk names ids the editions do not have, or an
            item twice.
    """
    _check_method(method)
    pairing = Pairing(visit=visit)
    forbidden: set[tuple[str, str]] = set()
    forbidden_groups: frozenset[tuple[frozenset[str], frozenset[str]]] = frozenset()
    taken: set[int] = set()
    if crosswalk is not None:
        forbidden, forbidden_groups, taken = _from_crosswalk(crosswalk, old, new, pairing)
    rest_old = _without(old.items(), taken) if taken else list(old.items())
    rest_new = _without(new.items(), taken) if taken else list(new.items())
    new_by_id = {y.id: y for y in rest_new}
    new_ids = {y.id for y in new.items()} if taken else new_by_id
    by_ids = method == "id" or (method == "auto" and any(x.id in new_ids for x in old.items()))
    if by_ids:
        # One pass over the old items; what is left of the dictionary is the new items unpaired.
        left_new = dict(new_by_id)
        left_old = []
        pairs = pairing.pairs
        source = MatchSource.ID
        visit = pairing.visit
        for x in rest_old:
            y = left_new.pop(x.id, None)
            if y is None:
                left_old.append(x)
            elif forbidden and (x.id, y.id) in forbidden:
                left_old.append(x)
                left_new[y.id] = y
            else:
                # Visiting here, while both items are fresh in the cache, is what keeps
                # a 100k-item diff near-linear.
                pairs.append((x, y, source, 1.0))
                if visit is not None:
                    visit(x, y, source, 1.0)
        rest_old = left_old
        rest_new = sorted(left_new.values(), key=position)
    else:
        for x, y, value in _exact_names(rest_old, rest_new, forbidden):
            pairing.add(x, y, MatchSource.INFERRED, value)
            taken.update((id(x), id(y)))
    rest_old, rest_new = _without(rest_old, taken), _without(rest_new, taken)
    for olds, news, value in find_groups(rest_old, rest_new, forbidden_groups):
        pairing.groups.append((olds, news, MatchSource.INFERRED, value))
        taken.update(id(i) for i in (*olds, *news))
    rest_old, rest_new = _without(rest_old, taken), _without(rest_new, taken)
    if not by_ids:
        for x, y, value in _fuzzy(rest_old, rest_new, forbidden):
            pairing.add(x, y, MatchSource.INFERRED, value)
            taken.update((id(x), id(y)))
        rest_old, rest_new = _without(rest_old, taken), _without(rest_new, taken)
    pairing.unmatched_old += rest_old
    pairing.unmatched_new += rest_new
    return pairing


def match(
    old: Edition, new: Edition, *, crosswalk: Crosswalk | None = None, method: Method = "auto"
) -> Crosswalk:
    """Pair the items of two editions, saying for each pair where it came from.

    Args:
        old: The old edition.
        new: The new edition.
        crosswalk: A reviewed crosswalk to honour (see the module docstring).
        method: ``auto`` (ids if the editions share any, else content),
            ``id`` or ``content``.

    Returns:
        The crosswalk: pairs in the new edition's order, with score and source;
        splits and merges; unmatched items.

    Raises:
        CrosswalkError: The crosswalk does not fit these editions.
    """
    pairing = pair_items(old, new, crosswalk=crosswalk, method=method)
    pairs = tuple(
        Match(
            old=x.id,
            new=y.id,
            score=value,
            source=source,
            old_item=item_label(x),
            new_item=item_label(y),
        )
        for x, y, source, value in sorted(pairing.pairs, key=lambda p: position(p[1]))
    )
    groups = tuple(
        GroupMatch(
            old=tuple(i.id for i in olds),
            new=tuple(i.id for i in news),
            score=value,
            source=source,
            old_items=tuple(item_label(i) for i in olds),
            new_items=tuple(item_label(i) for i in news),
        )
        for olds, news, source, value in sorted(
            pairing.groups, key=lambda g: min(position(i) for i in g[1])
        )
    )
    unmatched = tuple(
        Unmatched(edition="old", id=i.id, item=item_label(i))
        for i in sorted(pairing.unmatched_old, key=position)
    ) + tuple(
        Unmatched(edition="new", id=i.id, item=item_label(i))
        for i in sorted(pairing.unmatched_new, key=position)
    )
    return Crosswalk(
        old=EditionLabel.of(old),
        new=EditionLabel.of(new),
        pairs=pairs,
        groups=groups,
        unmatched=unmatched,
    )


def carry_ids(
    edition: Edition, previous: Edition, *, crosswalk: Crosswalk | None = None
) -> Edition:
    """Give the items of a newly ingested edition the ids they had in the previous one.

    Items are matched by content (as :func:`match` with ``method="content"``,
    honouring ``crosswalk``); each item paired one to one takes its old id.
    Items new to this edition, and the parts of splits and merges, keep their
    newly minted ids (re-minted with a suffix should one clash with a carried id).

    Args:
        edition: The new edition, as ingested.
        previous: The edition it follows.
        crosswalk: A reviewed crosswalk from ``previous`` to ``edition``.

    Returns:
        The edition with ids carried over; everything else unchanged.

    Raises:
        CrosswalkError: The crosswalk does not fit these editions.
    """
    # Imported here: the ingest module is heavy, and diff (which imports this module) never
    # needs it.
    from dutyledger._published.assemble import mint_id as _mint_id

    pairing = pair_items(previous, edition, crosswalk=crosswalk, method="content")
    carried = {id(y): x.id for x, y, _, _ in pairing.pairs}
    taken = set(carried.values())

    def carry(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = []
        for item in items:
            if id(item) in carried:
                out.append(attrs.evolve(item, id=carried[id(item)]))
            elif item.id in taken:
                fresh = _mint_id(edition.meta.namespace, item.name, taken)
                out.append(attrs.evolve(item, id=fresh))
            else:
                taken.add(item.id)
                out.append(item)
        return tuple(out)

    return attrs.evolve(
        edition,
        basic=carry(edition.basic),
        cooperative=carry(edition.cooperative),
        recalled=carry(edition.recalled),
    )
