"""Text comparison: similarity, character-level diffs, alignment of sequences of texts.

Every function here gives the mirror result when its arguments are swapped:
``char_spans(b, a)`` is ``char_spans(a, b)`` inverted, and ``align(b, a)`` is
``align(a, b)`` with each pair reversed. Diff algorithms break ties by position,
which would make ``diff(b, a)`` differ from ``diff(a, b).invert()`` in rare
cases; so each computation runs in one canonical orientation (the smaller
argument first) and is turned round afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from dutyledger._changes.base import Span, SpanOp, invert_spans

__all__ = ["CHAR_DIFF_LIMIT", "Pair", "align", "char_spans", "pair_greedily", "similarity"]

CHAR_DIFF_LIMIT = 100_000_000
"""The most work a character diff does: past this product of the lengths of the parts
that differ (after the common start and end), the parts are one replacement. Two
texts of 10,000 characters each take about 0.1 s; the diff is quadratic, so a 10 MB
name would take minutes (``docs/reliability.md``)."""

Pair = tuple[int | None, int | None]
"""Indices of an aligned old and new element; ``None`` where one side has none."""


def similarity(old: str, new: str) -> float:
    """Return how alike two texts are, 0 to 1: normalised Indel similarity, 4 decimals."""
    return round(fuzz.ratio(old, new) / 100, 4)


def char_spans(old: str, new: str) -> tuple[Span, ...]:
    """Return the character-level diff from ``old`` to ``new`` as spans."""
    if old > new:
        return invert_spans(_spans(new, old))
    return _spans(old, new)


def _spans(old: str, new: str) -> tuple[Span, ...]:
    if len(old) * len(new) > CHAR_DIFF_LIMIT:
        return _bounded_spans(old, new)
    return tuple(
        Span(
            op=_OPS[op.tag],
            old=old[op.src_start : op.src_end],
            new=new[op.dest_start : op.dest_end],
        )
        for op in Levenshtein.opcodes(old, new)
    )


def _common_length(old: str, new: str, low: int, high: int) -> int:
    """The length of the common start of two texts, at most ``high`` (a binary search in C)."""
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _bounded_spans(old: str, new: str) -> tuple[Span, ...]:
    """Common start, one replacement, common end: linear work for texts of any length."""
    start = _common_length(old, new, 0, min(len(old), len(new)))
    rest = min(len(old), len(new)) - start
    end = _common_length(old[::-1], new[::-1], 0, rest)
    old_mid, new_mid = old[start : len(old) - end], new[start : len(new) - end]
    if len(old_mid) * len(new_mid) <= CHAR_DIFF_LIMIT:
        middle = _spans(old_mid, new_mid)
    elif not old_mid:
        middle = (Span(op="insert", old="", new=new_mid),)
    elif not new_mid:
        middle = (Span(op="delete", old=old_mid, new=""),)
    else:
        middle = (Span(op="replace", old=old_mid, new=new_mid),)
    head = (Span(op="equal", old=old[:start], new=new[:start]),) if start else ()
    tail = (Span(op="equal", old=old[len(old) - end :], new=new[len(new) - end :]),) if end else ()
    return head + middle + tail


_OPS: dict[str, SpanOp] = {
    "equal": "equal",
    "insert": "insert",
    "delete": "delete",
    "replace": "replace",
}


def pair_greedily(
    old: Sequence[str],
    old_at: Sequence[int],
    new: Sequence[str],
    new_at: Sequence[int],
    cutoff: float,
) -> list[Pair]:
    """Pair texts one to one, most alike first, keeping pairs at least ``cutoff`` alike.

    Args:
        old: The old texts.
        old_at: The indices of ``old`` to pair.
        new: The new texts.
        new_at: The indices of ``new`` to pair.
        cutoff: The least similarity (0 to 1) of a pair.

    Returns:
        Every index of ``old_at`` and ``new_at`` once: paired, or with ``None``.
    """
    candidates = []
    for i in old_at:
        for j in new_at:
            score = similarity(old[i], new[j])
            if score >= cutoff:
                candidates.append((-score, i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[Pair] = []
    for _, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    pairs += [(i, None) for i in old_at if i not in used_old]
    pairs += [(None, j) for j in new_at if j not in used_new]
    return pairs


def align(old: Sequence[str], new: Sequence[str], cutoff: float) -> list[Pair]:
    """Align two sequences of texts (the steps of two blocks).

    Equal texts align in order (the longest common subsequence, by
    :class:`difflib.SequenceMatcher`); in each stretch that differs, texts at
    least ``cutoff`` alike pair up as rewordings, most alike first; the rest
    are added or removed.

    Returns:
        Every index of both sequences once, paired or with ``None``.
    """
    if tuple(old) > tuple(new):
        return [(j, i) for i, j in _align(new, old, cutoff)]
    return _align(old, new, cutoff)


def _align(old: Sequence[str], new: Sequence[str], cutoff: float) -> list[Pair]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend((i1 + k, j1 + k) for k in range(i2 - i1))
        else:
            pairs.extend(pair_greedily(old, range(i1, i2), new, range(j1, j2), cutoff))
    return pairs
