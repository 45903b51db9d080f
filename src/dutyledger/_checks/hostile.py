"""Rules against what a hostile or broken file can hold (DL114, DL115 errors; DL406 a warning).

* DL406 pages — every item's page lies within its list's pages by the
  contents (目录), and pages rise by at most one from item to item. A page far
  beyond the contents made ``export`` write one header row per missing page;
  a page header missing from a published text shifts every later page.
* DL114 unsafe-text — no text holds a control character, a lone surrogate or
  a non-character (U+FFFE, U+FFFF): they are never in an official text, they
  drive terminals (ESC sequences), and they break UTF-8 and XML writers.
* DL115 heading-numbering — the block headings of a duty text are numbered
  一, 二, 三, … in order, as ingest reads them and export writes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

from dutyledger._checks.base import Hit, ItemRef, Rule, Subject, make_rule
from dutyledger._checks.findings import Location, Severity
from dutyledger._edition.codec import edition_to_dict
from dutyledger._edition.records import CooperativeItem, ListKind
from dutyledger._edition.safe_text import describe_character, unsafe_characters

__all__ = ["RULES"]

_ITEM_PATH = re.compile(r"^\$\.(basic|cooperative|recalled)\[(\d+)\]")


def _first_pages(subject: Subject) -> dict[ListKind, tuple[int, int | None]]:
    """Each list's first page by the contents, and the first page of the next entry."""
    contents = subject.edition.preamble.contents
    kinds = {kind.title: kind for kind in ListKind}
    found: dict[ListKind, tuple[int, int | None]] = {}
    for index, entry in enumerate(contents):
        kind = kinds.get(entry.title)
        if kind is None or kind in found:
            continue
        following = contents[index + 1].page if index + 1 < len(contents) else None
        found[kind] = (entry.page, following)
    return found


def _pages(subject: Subject) -> Iterator[Hit]:
    bounds = _first_pages(subject)
    for kind in ListKind:
        refs = [ref for ref in subject.items(kind) if ref.item.page is not None]
        if not refs:
            continue
        first, following = bounds.get(kind, (None, None))
        head = refs[0]
        if first is not None and head.item.page != first:
            yield Hit(
                location=head.location(".page"),
                zh=f"{head.zh}：页码{head.item.page}与目录不符，目录列{kind.title}从第{first}页起",
                en=f"{head.en}: page {head.item.page} does not match the contents, "
                f"which start the {kind.value} list on page {first}",
            )
        for before, ref in pairwise(refs):
            low, page = before.item.page, ref.item.page
            assert low is not None
            assert page is not None
            if page < low:
                yield Hit(
                    location=ref.location(".page"),
                    zh=f"{ref.zh}：页码{page}小于前一项的页码{low}，页码顺序不对",
                    en=f"{ref.en}: page {page} comes after page {low}; pages are out of order",
                )
            elif page > low + 1:
                yield Hit(
                    location=ref.location(".page"),
                    zh=f"{ref.zh}：页码从{low}跳到{page}，中间的页没有事项（可能多了表头或页码有误）",
                    en=f"{ref.en}: the page jumps from {low} to {page}; the pages between hold "
                    "no item (a repeated header or a wrong page)",
                )
        beyond = next(
            (
                r
                for r in refs
                if following is not None and r.item.page is not None and r.item.page > following
            ),
            None,
        )
        if beyond is not None:
            yield Hit(
                location=beyond.location(".page"),
                zh=f"{beyond.zh}：页码{beyond.item.page}超出目录范围，目录列下一部分从第{following}页起",
                en=f"{beyond.en}: page {beyond.item.page} lies beyond the contents, which start "
                f"the next part on page {following}",
            )
        tail = refs[-1]
        last = tail.item.page
        assert last is not None
        if following is not None and last < following - 1:
            yield Hit(
                location=tail.location(".page"),
                zh=f"{tail.zh}：{kind.title}止于第{last}页，而目录列下一部分从第{following}页起，"
                "可能缺少页眉表头",
                en=f"{tail.en}: the {kind.value} list ends on page {last}, but the contents start "
                f"the next part on page {following}; a page header may be missing",
            )


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value):
            yield from _strings(inner, f"{path}[{index}]")


def _unsafe_texts(subject: Subject) -> Iterator[Hit]:
    refs = {ref.path: ref for ref in subject.items()}
    for path, text in _strings(edition_to_dict(subject.edition), "$"):
        found = unsafe_characters(text)
        if not found:
            continue
        at, char = found[0]
        what = describe_character(char)
        more_zh = f"等{len(found)}个" if len(found) > 1 else ""
        more_en = f" and {len(found) - 1} more" if len(found) > 1 else ""
        item = _ITEM_PATH.match(path)
        ref = refs.get(item.group()) if item else None
        where = Location(path=path) if ref is None else ref.location(path[len(ref.path) :])
        zh_of = f"{ref.zh}：" if ref else ""
        en_of = f"{ref.en}: " if ref else ""
        yield Hit(
            location=where,
            zh=f"{zh_of}{path}中有控制字符或无效字符：第{at + 1}个字符是{what}{more_zh}，"
            "官方文本中不应出现",
            en=f"{en_of}character {at + 1} of {path} is {what}{more_en}; control characters, "
            "lone surrogates and non-characters are never part of an official text",
        )


def _heading_numbers(subject: Subject) -> Iterator[Hit]:
    for ref in subject.items(ListKind.COOPERATIVE):
        item = ref.item
        assert isinstance(item, CooperativeItem)
        for column in ("upstream_duties", "township_duties"):
            expected = 0
            for b, block in enumerate(getattr(item, column).blocks):
                if block.heading is None:
                    continue
                expected += 1
                number = block.heading.number
                if number != expected:
                    yield _heading_hit(
                        ref, f".{column}.blocks[{b}].heading.number", number, expected
                    )
                    break


def _heading_hit(ref: ItemRef, sub: str, number: int, expected: int) -> Hit:
    return Hit(
        location=ref.location(sub),
        zh=f"{ref.zh}：职责分部的编号是{number}，应为第{expected}个（一、二、三……依次编号）",
        en=f"{ref.en}: a block heading is numbered {number}; expected {expected} "
        "(headings are numbered 1, 2, 3, … in order)",
    )


_rule = make_rule

RULES: tuple[tuple[Rule, Callable[[Subject], Iterator[Hit]]], ...] = (
    (
        _rule(
            "DL406",
            "pages",
            "页码与目录和事项顺序相符",
            "pages agree with the contents and the item sequence",
            "Pages come from the header rows of the published text; a page outside the list's pages by the contents, or a jump over pages, means a header was lost or doubled, or the page was edited by hand.",
            severity=Severity.WARNING,
        ),
        _pages,
    ),
    (
        _rule(
            "DL114",
            "unsafe-text",
            "文字中不得有控制字符或无效字符",
            "no control characters or invalid characters in any text",
            "Control characters, lone surrogates and non-characters are never part of an official text; they can drive a terminal (escape sequences) and cannot be written as UTF-8 or XML.",
        ),
        _unsafe_texts,
    ),
    (
        _rule(
            "DL115",
            "heading-numbering",
            "职责分部编号从一起依次连续",
            "block headings are numbered 一, 二, 三, … in order",
            "Ingest reads a heading only when its numeral continues the sequence, and export writes the number as a numeral; any other number would be read back as text.",
        ),
        _heading_numbers,
    ),
)
"""The rules against hostile or broken content, each with its function."""
