"""Lints (DL4xx, warnings): what is probably a mistake, but may be what was published.

Extraction from PDF and Word leaves traces in the texts: an English word where
the original has a Chinese one, spaces between characters, half-width marks in
full-width text. The lints point at them so an editor can compare with the
original; they never change the text. ``--strict`` makes them errors.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import islice

from rapidfuzz import fuzz

from dutyledger._checks.base import Hit, ItemRef, Rule, Subject, make_rule
from dutyledger._checks.findings import Severity
from dutyledger._checks.texts import Text, texts
from dutyledger._edition.records import DeptRef, ListKind

__all__ = ["NEAR_DUPLICATE", "RULES"]

NEAR_DUPLICATE = 0.9
"""Two names at least this similar (``rapidfuzz.fuzz.ratio`` / 100) are near duplicates."""

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK = f"{_HAN}\u3000-\u303f\uff01-\uff60"  # Han, CJK punctuation, full-width forms
_HAS_HAN = re.compile(f"[{_HAN}]")
# A lower-case word (or a capitalised one, "And"): English, not an abbreviation.
# Abbreviations and terms with digits (AAA, IP, 4G, IPv6) are normal in Chinese
# administrative writing and are left alone.
_WORD = re.compile(r"(?<![A-Za-z0-9])(?:[a-z]{2,}|[A-Z][a-z]{2,})(?![A-Za-z0-9])")
_INNER_SPACE = re.compile(f"(?<=[{_CJK}])[ \\t\u3000\u00a0]+(?=[{_CJK}])")
_HALF = ",;:?!()"
_FULL_OF = dict(zip(_HALF, "，；：？！（）", strict=True))
_HALF_NEXT_TO_CJK = re.compile(
    f"(?<=[{_CJK}])[{re.escape(_HALF)}]|[{re.escape(_HALF)}](?=[{_CJK}])"
)
_FULL = re.compile("[，。；：？！（）、“”《》]")
_HINTS = {"and": "和", "or": "或", "with": "与"}
_MIN_LENGTH_RATIO = NEAR_DUPLICATE / (2 - NEAR_DUPLICATE)


def _prose(subject: Subject) -> Iterator[Text]:
    for text in texts(subject):
        if text.prose and _HAS_HAN.search(text.value):
            yield text


def _latin_words(subject: Subject) -> Iterator[Hit]:
    for text in _prose(subject):
        words = list(dict.fromkeys(m.group() for m in _WORD.finditer(text.value)))
        if not words:
            continue
        quoted_zh = "、".join(f"「{w}」" for w in words)
        quoted_en = ", ".join(f'"{w}"' for w in words)
        hints = [(w, _HINTS[w.lower()]) for w in words if w.lower() in _HINTS]
        hint_zh = "（原文多为" + "、".join(f"“{h}”" for _, h in hints) + "）" if hints else ""
        hint_en = (
            " (the original probably has " + ", ".join(f"{h} for {w}" for w, h in hints) + ")"
            if hints
            else ""
        )
        yield Hit(
            location=text.location(),
            zh=f"{text.where_zh}中有英文单词{quoted_zh}{hint_zh}",
            en=f"{text.where_en} has the English word(s) {quoted_en} inside Chinese text{hint_en}",
        )


def _spaces(subject: Subject) -> Iterator[Hit]:
    for text in _prose(subject):
        value = text.value
        inner = _INNER_SPACE.search(value)
        if inner:
            around = value[max(inner.start() - 4, 0) : inner.end() + 4]
            yield Hit(
                location=text.location(),
                zh=f"{text.where_zh}中汉字之间有空格：「{around}」",
                en=f'{text.where_en} has a space between Chinese characters: "{around}"',
            )
        elif "\u3000" in value.strip():
            # A full-width space is never the conventional one between a number and Chinese
            # (56 公里): next to a digit or a letter it is an artifact too.
            at = value.index("\u3000", len(value) - len(value.lstrip()))
            around = value[max(at - 4, 0) : at + 5]
            yield Hit(
                location=text.location(),
                zh=f"{text.where_zh}中有全角空格：「{around}」",
                en=f'{text.where_en} has a full-width (ideographic) space: "{around}"',
            )
        elif value != value.strip():
            yield Hit(
                location=text.location(),
                zh=f"{text.where_zh}首尾有空格",
                en=f"{text.where_en} starts or ends with a space",
            )


def _punctuation(subject: Subject) -> Iterator[Hit]:
    cells: dict[str, list[Text]] = {}
    for text in _prose(subject):
        cells.setdefault(text.cell, []).append(text)
    for members in cells.values():
        if not any(_FULL.search(t.value) for t in members):
            continue
        marks: dict[str, None] = {}
        first: Text | None = None
        for text in members:
            for match in _HALF_NEXT_TO_CJK.finditer(text.value):
                marks.setdefault(match.group())
                first = first or text
        if first is None:
            continue
        half = "".join(f"「{m}」" for m in marks)
        full = "".join(f"「{_FULL_OF[m]}」" for m in marks)
        where_zh = first.where_zh if len(members) == 1 else f"{first.where_zh}等处"
        yield Hit(
            location=first.location(),
            zh=f"{where_zh}全角与半角标点混用：半角{half}应为全角{full}",
            en=f"{first.where_en}{'' if len(members) == 1 else ' (and elsewhere in that text)'} has half-width {' '.join(marks)} in Chinese text that otherwise uses full-width punctuation; write {' '.join(_FULL_OF[m] for m in marks)}",
        )


def _grams(name: str, q: int) -> list[str]:
    """The q-grams of a name as a set: a q-gram seen before is told apart by its count."""
    pieces = [name[k : k + q] for k in range(len(name) - q + 1)] or [name]
    if len(set(pieces)) == len(pieces):  # the common case: no q-gram twice
        return pieces
    seen: dict[str, int] = {}
    grams = []
    for gram in pieces:
        count = seen.get(gram, 0)
        seen[gram] = count + 1
        grams.append(f"{gram}\x00{count}" if count else gram)  # no name holds a NUL
    return grams


def _edits(length: int, longest_partner: float) -> int:
    """The most insertions and deletions ``fuzz.ratio`` ≥ :data:`NEAR_DUPLICATE` allows."""
    return math.floor((1 - NEAR_DUPLICATE) * (length + longest_partner) + 1e-9)


def _trigrams_suffice(length: int) -> bool:
    """Whether a name this long shares a 3-gram with every near duplicate no longer than it.

    Each insertion or deletion spoils at most ``q`` q-grams (Ukkonen's q-gram lemma),
    so names of lengths ``la ≥ lb`` within ``d`` edits share at least
    ``la − q + 1 − q·d`` q-grams; for 3-grams that is at least one except for very
    short names (1, 2 and 5 characters), which are compared by character pairs.
    """
    return length - 2 - 3 * _edits(length, length) >= 1


# la − 2 − 3·⌊0.2·la⌋ ≥ 0.4·la − 2 ≥ 1 from 8 characters on, so the search can stop there.
_SHORT = max(n for n in range(1, 8) if not _trigrams_suffice(n))


class _Index:
    """Names indexed under the rarest of their q-grams, for prefix filtering.

    Two near-duplicate names share at least ``la − q + 1 − q·d`` q-grams, so by
    prefix filtering they share one of the rarest ``q·d + 1`` q-grams of each (with
    ``d`` bounded by the longest partner a name can have). Only names sharing such
    a q-gram are compared: the work grows near-linearly rather than with the square
    of the names. Character pairs (q = 2) are few — a few thousand characters
    make them — so among many names each is common; 3-grams stay rare.
    """

    def __init__(self, q: int, names: list[str]) -> None:
        self.q = q
        grams = [_grams(name, q) for name in names]
        rarity = Counter(gram for found in grams for gram in found)
        # One global order of the q-grams, rarest first (ties in order of first use), as
        # numbers: count · n + first use. A q-gram of one name only (below 2n) is skipped
        # in the prefix: no other name can share it.
        n = len(rarity)
        order = {gram: count * n + k for k, (gram, count) in enumerate(rarity.items())}
        self.unique_below = 2 * n
        self.ranked = [sorted(map(order.__getitem__, found)) for found in grams]
        self.postings: defaultdict[int, list[int]] = defaultdict(list)

    def _prefix(self, pos: int, size: int) -> list[int]:
        ranked = self.ranked[pos][:size]
        return ranked[bisect_left(ranked, self.unique_below) :]

    def probe(self, pos: int, length: int, low: int) -> set[int]:
        """The positions indexed so far, from ``low`` on, sharing a rare q-gram with ``pos``."""
        candidates: set[int] = set()
        for gram in self._prefix(pos, self.q * _edits(length, length) + 1):
            postings = self.postings.get(gram)
            if postings:  # in position order: skip the names too short to match at once
                candidates.update(islice(postings, bisect_left(postings, low), None))
        return candidates

    def add(self, pos: int, length: int) -> None:
        """Index ``pos`` under as many of its rarest q-grams as its longest partner needs."""
        size = self.q * _edits(length, length / _MIN_LENGTH_RATIO) + 1
        for gram in self._prefix(pos, size):
            self.postings[gram].append(pos)


def _near_duplicates(subject: Subject) -> Iterator[Hit]:
    refs = [ref for ref in subject.items() if ref.item.name.strip()]
    names = [re.sub(r"\s+", "", ref.item.name) for ref in refs]
    order = sorted(range(len(refs)), key=lambda i: len(names[i]))
    by_length = [names[i] for i in order]
    lengths = [len(name) for name in by_length]
    # ratio = 2·matches / (len a + len b) ≥ 0.9 needs the shorter name at least 9/11 of the
    # longer, so only the names in that length window can match. Names of up to _SHORT
    # characters, and their partners, are compared by character pairs; the rest by 3-grams.
    short = bisect_left(lengths, _SHORT + 1)
    pairs = _Index(2, by_length[:short])
    triples = _Index(3, by_length)
    for pos, i in enumerate(order):
        length = lengths[pos]
        low = bisect_left(lengths, length * _MIN_LENGTH_RATIO - 1e-9)
        index = pairs if length <= _SHORT else triples
        matches = []
        for j in sorted(index.probe(pos, length, low)):
            score = fuzz.ratio(names[i], by_length[j], score_cutoff=NEAR_DUPLICATE * 100)
            if score:
                matches.append((score, j))
        matches.sort(key=lambda match: -match[0])  # as process.extract: by score, then position
        if length <= _SHORT:
            pairs.add(pos, length)
        triples.add(pos, length)
        for score, pos_j in matches:
            j = order[pos_j]
            same = names[i] == names[j]
            a, b = sorted((refs[i], refs[j]), key=_position)
            if same and a.kind is not b.kind:
                continue  # the same name in two lists is an error of DL104
            yield Hit(
                location=b.location(".name"),
                zh=f"{b.zh}与{a.zh}名称{'相同' if same else '几乎相同'}（相似度{score / 100:.2f}）",
                en=f"{b.en} has {'the same name as' if same else 'nearly the same name as'} {a.en} (similarity {score / 100:.2f})",
                score=round(score / 100, 4),
            )


# A step marker (N. or N．, N of one or two digits, not a decimal) after a clause's end.
_INNER_MARKER = re.compile(r"[；。;]\s*(\d{1,2})\s*[.．](?!\d)")


def _inner_markers(subject: Subject) -> Iterator[Hit]:
    for text in _prose(subject):
        if ".steps[" not in text.path:
            continue
        found = _INNER_MARKER.search(text.value)
        if found is not None:
            start = found.start() + 1
            marker = text.value[start : found.end()].strip()
            around = text.value[max(start - 8, 0) : found.end() + 8]
            yield Hit(
                location=text.location(),
                zh=f"{text.where_zh}中含有步骤序号「{marker}」：「{around}」，可能是分步丢失（原文应另起一步）",
                en=f'{text.where_en} holds the step marker "{marker}" inside its text ("{around}"): a step break probably lost in extraction',
            )


def _position(ref: ItemRef) -> tuple[int, int]:
    return (list(ListKind).index(ref.kind), ref.index)


def _aliases(subject: Subject) -> Iterator[Hit]:
    registry = subject.registry
    mentions: dict[str, list[tuple[ItemRef, DeptRef, str]]] = {}
    for ref in subject.items():
        for mention, sub in ref.mentions():
            dept = registry.get(mention.department)
            if dept is not None and mention.written in dept.names():
                mentions.setdefault(dept.id, []).append((ref, mention, sub))
    for dept_id, found in mentions.items():
        dept = registry.get(dept_id)
        assert dept is not None
        canonical = sum(mention.written == dept.name for _, mention, _ in found)
        if not canonical:
            continue
        for ref, mention, sub in found:
            if mention.written in dept.aliases and mention.written not in dept.short_names:
                yield Hit(
                    location=ref.location(f"{sub}.written"),
                    zh=f"{ref.zh}：部门写作别名「{mention.written}」，本版其他{canonical}处用规范名称「{dept.name}」",
                    en=f'{ref.en}: the department is written by its alias "{mention.written}", while the edition writes its canonical name "{dept.name}" in {canonical} other place(s)',
                )


_rule = functools.partial(make_rule, severity=Severity.WARNING)


RULES: tuple[tuple[Rule, Callable[[Subject], Iterator[Hit]]], ...] = (
    (
        _rule(
            "DL401",
            "latin-word",
            "中文文字中夹有英文单词",
            "Latin words inside Chinese text",
            "Extraction and machine translation put English words (and, or) where the original has 和, 或; the published text is Chinese. Abbreviations and terms with digits (AAA, IP, 4G, IPv6) are normal and not flagged.",
        ),
        _latin_words,
    ),
    (
        _rule(
            "DL402",
            "space-in-chinese",
            "中文文字中有空格",
            "spaces inside Chinese text",
            "Chinese is written without spaces between characters; a space there is a line break or a column edge of the source, and it breaks search and comparison. Spaces next to Latin letters or digits (56 公里) are conventional and not flagged, unless the space is a full-width one (U+3000), which is never the conventional one.",
        ),
        _spaces,
    ),
    (
        _rule(
            "DL403",
            "mixed-punctuation",
            "全角与半角标点混用",
            "mixed full-width and half-width punctuation in one text",
            "Chinese text takes full-width punctuation (，；：); a half-width mark next to Chinese characters in a text that otherwise uses full-width marks is a typing or extraction slip.",
        ),
        _punctuation,
    ),
    (
        _rule(
            "DL404",
            "near-duplicate-name",
            "事项名称相同或几乎相同",
            "two items with the same or nearly the same name",
            f"Two items whose names are at least {NEAR_DUPLICATE:.0%} similar are often one duty entered twice, or two duties that should be told apart by their names.",
        ),
        _near_duplicates,
    ),
    (
        _rule(
            "DL405",
            "department-alias",
            "部门使用别名而本版其他地方使用规范名称",
            "a department written by an alias where the edition uses its canonical name",
            "One department should be written one way in one edition; an alias next to the canonical name makes readers wonder whether two departments are meant.",
        ),
        _aliases,
    ),
    (
        _rule(
            "DL407",
            "inner-step-marker",
            "步骤文字中夹有步骤序号",
            "a step marker inside a step's text",
            "A step reads 1.… 2.… one after another; a marker such as ；2. inside a step's text means the break before it was lost (a space in the marker, a number out of sequence), so two or more steps were read as one.",
        ),
        _inner_markers,
    ),
)
"""The lints, each with its function."""
