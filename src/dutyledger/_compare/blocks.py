"""Diff of two duty texts, and of the 工作方式 of two 收回 items, into change records.

Blocks align first by heading: a department heading by the *set of department
ids* it names (so a heading written with an alias still aligns), a topic
heading by its title, the headless block with the headless block. Blocks left
over pair up by the similarity of their content (lead and steps, at least
:data:`BLOCK_CUTOFF` alike): a pair under two department headings was moved to
another department (:class:`BlockReassigned`), any other pair was retitled.
Within aligned blocks the lead pairs with the lead and the steps align by
text (:func:`dutyledger._matching.similarity.align`, :data:`STEP_CUTOFF`).

Numbers (一、, 1.) are not compared: they follow from the order. What differs
only in form — a heading spelling its departments another way, numbering —
is one :class:`WordingChanged` for the column.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

from dutyledger._changes.base import Column
from dutyledger._changes.blocks import (
    BlockAdded,
    BlockReassigned,
    BlockRemoved,
    BlockRetitled,
    StepAdded,
    StepRemoved,
    StepReworded,
)
from dutyledger._changes.kinds import WordingChanged
from dutyledger._edition.records import Block, DutyText, Heading, RecalledItem
from dutyledger._matching.similarity import Pair, align, char_spans, pair_greedily, similarity

__all__ = ["BLOCK_CUTOFF", "STEP_CUTOFF", "duty_text_changes", "method_changes"]

STEP_CUTOFF = 0.5
"""The least similarity at which a changed step counts as reworded, not removed and added."""

BLOCK_CUTOFF = 0.5
"""The least similarity of content at which two blocks with different headings pair up."""

TextChange = (
    StepAdded
    | StepRemoved
    | StepReworded
    | BlockAdded
    | BlockRemoved
    | BlockReassigned
    | BlockRetitled
    | WordingChanged
)


def _key(block: Block) -> tuple[str, tuple[str, ...]]:
    heading = block.heading
    if heading is None:
        return ("none", ())
    if heading.departments:
        return ("departments", tuple(sorted({ref.department for ref in heading.departments})))
    return ("topic", (heading.title,))


def _content(block: Block) -> str:
    return (block.lead or "") + "".join(step.text for step in block.steps)


def _respelled(old: Heading | None, new: Heading | None) -> bool:
    if old is None or new is None:
        return False
    return (old.title, old.departments) != (new.title, new.departments)


def _align_blocks(old: DutyText, new: DutyText) -> list[Pair]:
    if repr(old) > repr(new):
        return [(j, i) for i, j in _align_blocks_oriented(new, old)]
    return _align_blocks_oriented(old, new)


def _align_blocks_oriented(old: DutyText, new: DutyText) -> list[Pair]:
    waiting: defaultdict[tuple[str, tuple[str, ...]], deque[int]] = defaultdict(deque)
    for j, block in enumerate(new.blocks):
        waiting[_key(block)].append(j)
    pairs: list[Pair] = []
    left_old = []
    for i, block in enumerate(old.blocks):
        queue = waiting[_key(block)]
        if queue:
            pairs.append((i, queue.popleft()))
        else:
            left_old.append(i)
    left_new = sorted(j for queue in waiting.values() for j in queue)
    old_content = [_content(b) for b in old.blocks]
    new_content = [_content(b) for b in new.blocks]
    pairs += pair_greedily(old_content, left_old, new_content, left_new, BLOCK_CUTOFF)
    return pairs


def _reworded(
    ctx: dict[str, Any],
    column: Column,
    where: tuple[int, int | None, int, int | None],
    old_text: str,
    new_text: str,
) -> StepReworded:
    old_block, old_step, new_block, new_step = where
    return StepReworded(
        **ctx,
        column=column,
        old_block=old_block,
        old_step=old_step,
        new_block=new_block,
        new_step=new_step,
        old_text=old_text,
        new_text=new_text,
        similarity=similarity(old_text, new_text),
        spans=char_spans(old_text, new_text),
    )


def _heading_change(
    ctx: dict[str, Any], column: Column, where: tuple[int, int], old: Block, new: Block
) -> TextChange:
    i, j = where
    a, b = old.heading, new.heading
    if a is not None and b is not None and a.departments and b.departments:
        return BlockReassigned(
            **ctx,
            column=column,
            old_block=i,
            new_block=j,
            old_departments=a.departments,
            new_departments=b.departments,
        )
    return BlockRetitled(
        **ctx,
        column=column,
        old_block=i,
        new_block=j,
        old_title=None if a is None else a.title,
        new_title=None if b is None else b.title,
    )


def _block_changes(
    ctx: dict[str, Any], column: Column, where: tuple[int, int], old: Block, new: Block
) -> tuple[list[TextChange], bool]:
    i, j = where
    found: list[TextChange] = []
    wording = False
    if _key(old) != _key(new):
        found.append(_heading_change(ctx, column, where, old, new))
    elif _respelled(old.heading, new.heading):
        wording = True
    if old.lead != new.lead:
        if old.lead is None:
            found.append(StepAdded(**ctx, column=column, block=j, step=None, text=new.lead or ""))
        elif new.lead is None:
            found.append(StepRemoved(**ctx, column=column, block=i, step=None, text=old.lead))
        else:
            found.append(_reworded(ctx, column, (i, None, j, None), old.lead, new.lead))
    old_texts = [step.text for step in old.steps]
    new_texts = [step.text for step in new.steps]
    for si, sj in align(old_texts, new_texts, STEP_CUTOFF):
        if si is None:
            assert sj is not None
            found.append(StepAdded(**ctx, column=column, block=j, step=sj, text=new_texts[sj]))
        elif sj is None:
            found.append(StepRemoved(**ctx, column=column, block=i, step=si, text=old_texts[si]))
        elif old_texts[si] != new_texts[sj]:
            found.append(_reworded(ctx, column, (i, si, j, sj), old_texts[si], new_texts[sj]))
    return found, wording


def duty_text_changes(
    old: DutyText, new: DutyText, column: Column, ctx: dict[str, Any]
) -> list[TextChange]:
    """Return the changes from one duty text to another.

    Args:
        old: The old text.
        new: The new text.
        column: Which text it is (上级部门职责 or 乡镇配合职责).
        ctx: The pair's ``match``, ``confidence``, ``old`` and ``new`` item.

    Returns:
        The change records, in no particular order; empty if the texts are equal.
    """
    if old == new:
        return []
    found: list[TextChange] = []
    wording = False
    for i, j in _align_blocks(old, new):
        if j is None:
            assert i is not None
            found.append(BlockRemoved(**ctx, column=column, block=i))
        elif i is None:
            found.append(BlockAdded(**ctx, column=column, block=j))
        else:
            block_found, respelled = _block_changes(
                ctx, column, (i, j), old.blocks[i], new.blocks[j]
            )
            found += block_found
            wording = wording or respelled
    if wording or not found:
        found.append(WordingChanged(**ctx, column=column))
    return found


def method_changes(old: RecalledItem, new: RecalledItem, ctx: dict[str, Any]) -> list[TextChange]:
    """Return the changes of 工作方式 between two 收回 items, one text per receiver entry.

    Args:
        old: The old item.
        new: The new item.
        ctx: The pair's ``match``, ``confidence``, ``old`` and ``new`` item.

    Returns:
        Step records with ``column`` :attr:`Column.METHOD`, ``block`` the entry's
        index and ``step`` ``None``.
    """
    old_texts = [entry.method for entry in old.receivers]
    new_texts = [entry.method for entry in new.receivers]
    if old_texts == new_texts:
        return []
    found: list[TextChange] = []
    column = Column.METHOD
    for i, j in align(old_texts, new_texts, STEP_CUTOFF):
        if i is None:
            assert j is not None
            found.append(StepAdded(**ctx, column=column, block=j, step=None, text=new_texts[j]))
        elif j is None:
            found.append(StepRemoved(**ctx, column=column, block=i, step=None, text=old_texts[i]))
        elif old_texts[i] != new_texts[j]:
            found.append(_reworded(ctx, column, (i, None, j, None), old_texts[i], new_texts[j]))
    return found
