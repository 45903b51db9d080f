"""Structural rules (DL1xx, errors): what every edition must satisfy.

序号 runs 1..n, ids are unique, categories are declared ones, no item is in two
lists, cooperative and recalled items carry what their lists require, no text
is empty, and every department mention resolves to the registry. The last group
repeats the edition format's own reference rules (``_validate.py``) on the
record, so ``check`` reports them for an edition in memory as well as for a
file loaded with ``validate=False``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import pairwise

from dutyledger._checks.base import Hit, ItemRef, Rule, Subject, make_rule, quote
from dutyledger._checks.findings import Location
from dutyledger._checks.texts import texts
from dutyledger._edition.records import CooperativeItem, ListKind, RecalledItem

__all__ = ["RULES"]

_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


def _span(first: int, last: int) -> tuple[str, str]:
    """Missing numbers in words: ``第3项`` / ``item 3 is missing``."""
    if first == last:
        return f"第{first}项", f"item {first} is missing"
    return f"第{first}至{last}项", f"items {first} to {last} are missing"


def _backbone(refs: list[ItemRef]) -> list[int]:
    """The positions of a longest run of strictly rising 序号 (the list's spine)."""
    tails: list[int] = []
    tail_positions: list[int] = []
    parent: dict[int, int | None] = {}
    for position, ref in enumerate(refs):
        k = bisect_left(tails, ref.item.number)
        parent[position] = tail_positions[k - 1] if k else None
        if k == len(tails):
            tails.append(ref.item.number)
            tail_positions.append(position)
        else:
            tails[k] = ref.item.number
            tail_positions[k] = position
    spine: list[int] = []
    at = tail_positions[-1] if tail_positions else None
    while at is not None:
        spine.append(at)
        at = parent[at]
    return spine[::-1]


def _numbering(subject: Subject) -> Iterator[Hit]:
    for kind in ListKind:
        refs = list(subject.items(kind))
        by_number: dict[int, list[ItemRef]] = {}
        for ref in refs:
            by_number.setdefault(ref.item.number, []).append(ref)
        settled: set[int] = set()  # positions already reported or on the spine
        for position, ref in enumerate(refs):
            n = ref.item.number
            if n < 1:
                settled.add(position)
                yield Hit(
                    location=ref.location(".number"),
                    zh=f"{ref.zh}：序号{n}无效，序号从1开始",
                    en=f"{ref.en}: number {n} is not valid; numbering starts at 1",
                )
            elif len(by_number[n]) > 1:
                settled.add(position)
                others = [o for o in by_number[n] if o is not ref]
                yield Hit(
                    location=ref.location(".number"),
                    zh=f"{ref.zh}：序号{n}重复，{'、'.join(o.zh for o in others)}也用了这个序号",
                    en=f"{ref.en}: number {n} is used twice; {'; '.join(o.en for o in others)} has it too",
                )
        valid = [p for p, r in enumerate(refs) if r.item.number >= 1]
        spine = [valid[p] for p in _backbone([refs[p] for p in valid])]
        on_spine = set(spine)
        bounds = [-1, *spine, len(refs)]
        for left, right in pairwise(bounds):
            low = refs[left].item.number if left >= 0 else 0
            high = refs[right].item.number if right < len(refs) else None
            between = [p for p in range(left + 1, right) if p not in on_spine]
            for p in between:
                if p in settled:
                    continue
                ref = refs[p]
                n = ref.item.number
                after_zh = f"第{low}项之后" if low else ""
                before_zh = f"第{high}项之前" if high is not None else ""
                place_zh = "、".join(x for x in (after_zh, before_zh) if x)
                place_en = " and ".join(
                    x
                    for x in (
                        f"after item {low}" if low else "",
                        f"before item {high}" if high is not None else "",
                    )
                    if x
                )
                yield Hit(
                    location=ref.location(".number"),
                    zh=f"{ref.zh}：序号{n}顺序不对，它排在{place_zh}",
                    en=f"{ref.en}: number {n} is out of order; it stands {place_en}",
                )
            if not between and high is not None and high > low + 1:
                ref = refs[right]
                span_zh, span_en = _span(low + 1, high - 1)
                yield Hit(
                    location=ref.location(".number"),
                    zh=f"{ref.zh}：序号不连续，缺少{span_zh}（序号应从1起逐项连续）",
                    en=f"{ref.en}: the numbering has a gap, {span_en} (items are numbered 1, 2, 3, … with no gap)",
                )


def _unique_ids(subject: Subject) -> Iterator[Hit]:
    first: dict[str, ItemRef] = {}
    for ref in subject.items():
        other = first.setdefault(ref.item.id, ref)
        if other is not ref:
            yield Hit(
                location=ref.location(".id"),
                zh=f"{ref.zh}：事项标识{ref.item.id}重复，{other.zh}已使用",
                en=f"{ref.en}: id {ref.item.id} is used twice; {other.en} has it too",
            )


def _categories(subject: Subject) -> Iterator[Hit]:
    declared = {c for d in subject.edition.preamble.declarations for c in d.categories}
    if not declared:
        return  # nothing to compare with; DL201 reports the missing declarations
    for ref in subject.items():
        category = ref.item.category
        if category not in declared:
            yield Hit(
                location=ref.location(".category"),
                zh=f"{ref.zh}：事项类别「{category}」不在说明列出的类别之中",
                en=f'{ref.en}: category "{category}" is not one of the categories the preamble declares',
            )


def _one_list(subject: Subject) -> Iterator[Hit]:
    first: dict[str, ItemRef] = {}
    for ref in subject.items():
        key = re.sub(r"\s+", "", ref.item.name)
        if not key:
            continue
        other = first.setdefault(key, ref)
        if other.kind is not ref.kind:
            yield Hit(
                location=ref.location(".name"),
                zh=f"{ref.zh}：与{other.zh}是同一事项，一个事项只能列入一个清单",
                en=f"{ref.en}: the same item is in {other.en}; an item belongs to one list only",
            )


def _upstream_departments(subject: Subject) -> Iterator[Hit]:
    for ref in subject.items(ListKind.COOPERATIVE):
        assert isinstance(ref.item, CooperativeItem)
        if not ref.item.departments:
            yield Hit(
                location=ref.location(".departments"),
                zh=f"{ref.zh}：未写明对应上级部门",
                en=f"{ref.en}: names no upstream department (对应上级部门)",
            )


def _duty_texts(subject: Subject) -> Iterator[Hit]:
    columns = (
        ("upstream_duties", "上级部门职责", "upstream duties"),
        ("township_duties", "乡镇配合职责", "township duties"),
    )
    for ref in subject.items(ListKind.COOPERATIVE):
        for column, zh, en in columns:
            text = getattr(ref.item, column)
            if not any(piece.strip() for piece in text.texts()) or not any(text.steps()):
                yield Hit(
                    location=ref.location(f".{column}"),
                    zh=f"{ref.zh}：缺少{zh}",
                    en=f"{ref.en}: has no {en} ({zh})",
                )


def _receivers(subject: Subject) -> Iterator[Hit]:
    for ref in subject.items(ListKind.RECALLED):
        assert isinstance(ref.item, RecalledItem)
        if not ref.item.receivers:
            yield Hit(
                location=ref.location(".receivers"),
                zh=f"{ref.zh}：未写明承接部门",
                en=f"{ref.en}: names no receiving department (承接部门)",
            )
        for e, entry in enumerate(ref.item.receivers):
            if not entry.departments:
                yield Hit(
                    location=ref.location(f".receivers[{e}].departments"),
                    zh=f"{ref.zh}：第{e + 1}项承接未写明承接部门",
                    en=f"{ref.en}: receiver {e + 1} names no department (承接部门)",
                )


def _methods(subject: Subject) -> Iterator[Hit]:
    for ref in subject.items(ListKind.RECALLED):
        assert isinstance(ref.item, RecalledItem)
        for e, entry in enumerate(ref.item.receivers):
            if not entry.method.strip():
                yield Hit(
                    location=ref.location(f".receivers[{e}].method"),
                    zh=f"{ref.zh}：未写明工作方式",
                    en=f"{ref.en}: states no work method (工作方式)",
                )


def _empty_texts(subject: Subject) -> Iterator[Hit]:
    for text in texts(subject, methods=False):
        if not text.value.strip():
            yield Hit(
                location=text.location(),
                zh=f"{text.where_zh}为空",
                en=f"{text.where_en} is empty",
            )


# What breaks a text out of its line or cell in the published layout: a tab ends the cell,
# CR, LF and the Unicode line and paragraph separators end the line. Tab, CR and LF are
# control characters, which DL114 (unsafe-text) reports everywhere: this rule names the
# separators, which are not control characters but end a line all the same.
_LINE_BREAKS = {"\u2028": "U+2028", "\u2029": "U+2029"}


def _breaks(value: str) -> str:
    return "/".join(name for char, name in _LINE_BREAKS.items() if char in value)


def _one_line(subject: Subject) -> Iterator[Hit]:
    for text in texts(subject):
        if text.item is None and not text.path.startswith("$.preamble"):
            continue  # metadata and the registry are not written in the published layout
        found = _breaks(text.value)
        if found:
            yield Hit(
                location=text.location(),
                zh=f"{text.where_zh}「{quote(text.value)}」含有行分隔符（{found}），公布的清单中它写在一行之内",
                en=f'{text.where_en} "{quote(text.value)}" holds {found}; the published list writes it on one line, and `export` cannot',
            )
    for ref in subject.items():
        for mention, sub in ref.mentions():
            found = _breaks(mention.written)
            if found:
                yield Hit(
                    location=ref.location(f"{sub}.written"),
                    zh=f"{ref.zh}：部门写法「{quote(mention.written)}」含有行分隔符（{found}）",
                    en=f'{ref.en}: the department written "{quote(mention.written)}" holds {found}',
                )


def _known_departments(subject: Subject) -> Iterator[Hit]:
    for ref in subject.items():
        for mention, sub in ref.mentions():
            if mention.department not in subject.registry:
                yield Hit(
                    location=ref.location(f"{sub}.department"),
                    zh=f"{ref.zh}：「{mention.written}」指向的部门标识{mention.department}不在部门名录中",
                    en=f'{ref.en}: "{mention.written}" refers to department id {mention.department}, which is not in the department registry',
                )


def _spellings(subject: Subject) -> Iterator[Hit]:
    registry = subject.registry
    for ref in subject.items():
        for mention, sub in ref.mentions():
            dept = registry.get(mention.department)
            if dept is None or mention.written in dept.names():
                continue
            owner = registry.resolve(mention.written)
            known = "、".join(dept.names())
            if owner is not None:
                zh = f"「{mention.written}」是{owner.name}的写法，不是{dept.name}的"
                en = f'"{mention.written}" is a name of {owner.name} ({owner.id}), not of {dept.name} ({dept.id})'
            else:
                zh = f"「{mention.written}」不是{dept.name}的写法（可写作：{known}）"
                en = f'"{mention.written}" is not a way of writing {dept.name} ({dept.id}); known spellings: {", ".join(dept.names())}'
            yield Hit(
                location=ref.location(f"{sub}.written"), zh=f"{ref.zh}：{zh}", en=f"{ref.en}: {en}"
            )


def _registry(subject: Subject) -> Iterator[Hit]:
    ids: dict[str, int] = {}
    owner: dict[str, str] = {}
    for index, dept in enumerate(subject.edition.departments):
        where = f"$.departments[{index}]"
        if ids.setdefault(dept.id, index) != index:
            yield Hit(
                location=Location(path=f"{where}.id"),
                zh=f"部门名录：部门标识{dept.id}重复（第{ids[dept.id] + 1}项已使用）",
                en=f"department registry: id {dept.id} is used twice (also by entry {ids[dept.id] + 1})",
            )
            continue
        for name in dict.fromkeys(dept.names()):
            other = owner.setdefault(name, dept.id)
            if other != dept.id:
                yield Hit(
                    location=Location(path=where),
                    zh=f"部门名录：「{name}」既是{other}的写法，又是{dept.id}的写法",
                    en=f'department registry: "{name}" names both {other} and {dept.id}',
                )


def _date(subject: Subject) -> Iterator[Hit]:
    date = subject.edition.meta.date
    if not _DATE.match(date):
        yield Hit(
            location=Location(path="$.meta.date"),
            zh=f"版本日期「{quote(date)}」无效，应写作YYYY-MM或YYYY-MM-DD",
            en=f'the edition date "{quote(date)}" is not valid; expected YYYY-MM or YYYY-MM-DD',
        )


_rule = make_rule


RULES: tuple[tuple[Rule, Callable[[Subject], Iterator[Hit]]], ...] = (
    (
        _rule(
            "DL101",
            "numbering",
            "序号从1起逐项连续",
            "序号 runs 1..n in each list",
            "序号 is how the published list, the township and every reader cite an item; a gap, a repeat or a number out of order means an item was lost, doubled or moved.",
        ),
        _numbering,
    ),
    (
        _rule(
            "DL102",
            "unique-ids",
            "事项标识在本版内唯一",
            "item ids are unique in the edition",
            "An id is how editions and diffs follow one item through time; two items with one id cannot be told apart.",
        ),
        _unique_ids,
    ),
    (
        _rule(
            "DL103",
            "declared-category",
            "事项类别须是说明列出的类别",
            "categories come from the declared category set",
            "The preamble fixes the categories of the lists; any other category is a typo or an undeclared change.",
        ),
        _categories,
    ),
    (
        _rule(
            "DL104",
            "one-list",
            "一个事项只列入一个清单",
            "no item is in two lists",
            "The three lists divide the duties: a duty the township owns, supports, or no longer does. An item cannot be two of these at once.",
        ),
        _one_list,
    ),
    (
        _rule(
            "DL105",
            "upstream-department",
            "配合事项写明对应上级部门",
            "a cooperative item names an upstream department",
            "A cooperative duty exists because an upstream department leads it; without that department the township cannot know whom it supports.",
        ),
        _upstream_departments,
    ),
    (
        _rule(
            "DL106",
            "duty-texts",
            "配合事项写明上级部门职责和乡镇配合职责",
            "a cooperative item has both duty texts",
            "The point of the cooperative list is to divide the work: what the upstream department does and what the township does. Either text missing leaves the division open.",
        ),
        _duty_texts,
    ),
    (
        _rule(
            "DL107",
            "receivers",
            "收回事项写明承接部门",
            "a recalled item names its receiving departments",
            "A recalled duty must land somewhere; without the receiving department it is dropped, not recalled.",
        ),
        _receivers,
    ),
    (
        _rule(
            "DL108",
            "work-method",
            "收回事项写明工作方式",
            "a recalled item states its work method",
            "The work method says how the receiving department does the duty; without it the recall is incomplete.",
        ),
        _methods,
    ),
    (
        _rule(
            "DL109",
            "empty-text",
            "不得有空白文字",
            "no empty text",
            "An empty name, category, step or title is always a mistake of extraction or editing; the published list has words there.",
        ),
        _empty_texts,
    ),
    (
        _rule(
            "DL110",
            "known-department",
            "部门须在部门名录中",
            "every department is in the registry",
            "Departments are identities; a mention that resolves to no entry of the registry cannot be counted or followed.",
        ),
        _known_departments,
    ),
    (
        _rule(
            "DL111",
            "department-spelling",
            "部门写法须是该部门的名称、简称或别名",
            "a department is written by one of its names",
            "The written name must be one the registry knows for that department; anything else is a misspelling or points to the wrong department.",
        ),
        _spellings,
    ),
    (
        _rule(
            "DL112",
            "department-registry",
            "部门名录无重复",
            "the department registry is consistent",
            "One id per department and one department per spelling, or mentions resolve ambiguously.",
        ),
        _registry,
    ),
    (
        _rule(
            "DL113",
            "edition-date",
            "版本日期有效",
            "the edition date is valid",
            "Editions are ordered by date; a date that is not YYYY-MM or YYYY-MM-DD cannot be ordered.",
        ),
        _date,
    ),
    (
        _rule(
            "DL116",
            "one-line",
            "文字不得含行分隔符",
            "no line or paragraph separator inside a text",
            "The published list writes each name, category, step and department on one line of its cell; a line or paragraph separator (U+2028, U+2029) there is an extraction fault, and `export` cannot write it back. Tabs and line breaks are control characters, which DL114 reports.",
        ),
        _one_line,
    ),
)
"""The structural rules, each with its function."""
