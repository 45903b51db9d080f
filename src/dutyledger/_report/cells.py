"""Report cells: texts with the characters that changed marked (inserted, deleted)."""

from __future__ import annotations

from collections.abc import Iterable

from dutyledger._changes.base import Span
from dutyledger._matching.similarity import char_spans
from dutyledger._report.model import Cell, Segment

__all__ = ["cells_from_spans", "compare", "marked_values", "marked_whole", "prefixed"]


def cells_from_spans(spans: Iterable[Span]) -> tuple[Cell, Cell]:
    """Turn a character-level diff into the old and the new cell, changes marked."""
    old: list[Segment] = []
    new: list[Segment] = []
    for span in spans:
        if span.op == "equal":
            old.append(Segment(text=span.old))
            new.append(Segment(text=span.new))
            continue
        if span.old:
            old.append(Segment(text=span.old, op="delete"))
        if span.new:
            new.append(Segment(text=span.new, op="insert"))
    return (
        Cell.join([Cell(text=s.text, segments=(s,)) for s in old], separator=""),
        Cell.join([Cell(text=s.text, segments=(s,)) for s in new], separator=""),
    )


def compare(old: str, new: str) -> tuple[Cell, Cell]:
    """Two wordings, the characters that differ marked."""
    if old == new:
        return Cell.plain(old), Cell.plain(new)
    return cells_from_spans(char_spans(old, new))


def marked_whole(text: str, op: str) -> Cell:
    """A text wholly inserted or deleted."""
    if not text:
        return Cell.plain("")
    return Cell(
        text=text, segments=(Segment(text=text, op="insert" if op == "insert" else "delete"),)
    )


def prefixed(prefix: str, cell: Cell) -> Cell:
    return Cell.join([Cell.plain(prefix), cell], separator="") if cell.text else cell


def marked_values(values: list[tuple[str, str]], others: set[str], op: str, sep: str) -> Cell:
    """Values (key, text) joined; those whose key is not in ``others`` marked with ``op``."""
    cells = [Cell.plain(text) if key in others else marked_whole(text, op) for key, text in values]
    return Cell.join(cells, separator=sep) if cells else Cell.plain("")
