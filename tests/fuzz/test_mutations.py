"""The mutation engine keeps its word: structural damage never becomes a plausible edit.

The silent-change promise is judged against ``mutate_lines(..., structural=True)``: it
damages a source (drops, repeats, swaps and splits lines, splices in what nobody sees)
but never cuts a visible character, since a cut name is a different text, not a
damaged one, and no reader could tell it from a real edit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from fuzz import targets
from fuzz.mutations import HIDDEN_TEXTS, RandomChooser, mutate_lines

T = TypeVar("T")

_HIDDEN = {c for text in HIDDEN_TEXTS for c in text}


class _Scripted:
    """A chooser that answers from a script: each ``integer`` call takes the next answer."""

    def __init__(self, answers: Sequence[int]) -> None:
        self._answers = list(answers)

    def integer(self, low: int, high: int) -> int:
        answer = self._answers.pop(0)
        assert low <= answer <= high, (low, answer, high)
        return answer

    def choice(self, options: Sequence[T]) -> T:
        return options[self.integer(0, len(options) - 1)]


def _visible(text: str) -> Counter[str]:
    return Counter(c for c in text if c not in _HIDDEN and c not in "\t\n")


def test_a_piece_of_a_split_line_is_never_dropped() -> None:
    """Split a row inside its name, then drop the piece with the name's end: nothing is cut.

    Found by the campaign (``silent:20261241:597789``): the split then the drop turned
    ``做好保密工作`` into ``做好保密`` — a valid row with a shorter name, which ingest must
    (and does) read as written. That is an edit, not damage, so the engine must not make it.
    """
    source = targets.ingest_source()
    row = "119\t综合政务\t做好保密工作"
    at = source.split("\n").index(row)
    cut = len("119\t综合政务\t做好保密")
    # two edits: split the row at `cut`, then drop line at+1 (the piece "工作")
    mutated = mutate_lines(source, _Scripted([2, 3, at, cut, 0, at + 1]), structural=True)
    assert _visible(mutated) == _visible(source)
    assert "做好保密" in mutated.split("\n")[at]
    # without `structural` the same script does cut the name (the ingest fuzzer wants that)
    cut_off = mutate_lines(source, _Scripted([2, 3, at, cut, 0, at + 1]))
    assert row not in cut_off
    assert "119\t综合政务\t做好保密" in cut_off.split("\n")


def test_the_campaign_case_keeps_the_promise() -> None:
    """``campaign.py --replay silent:20261241:597789`` no longer breaks the promise."""
    payload = targets.loader_input("silent", RandomChooser(20261241 * 10**9 + 597789))
    assert targets.silent_change(payload) is None
