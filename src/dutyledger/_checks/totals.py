"""Declared totals (DL2xx, errors): the preamble must say what the lists hold.

The preamble (说明) of a published edition declares, per list, its categories
in order, how many categories and items it has and, for 配合 and 收回, how many
departments (部门（单位）) it involves. These rules recount the data and compare.
Departments are counted as identities (registry ids), not spellings: 县水务局 and
乌鲁木齐县水务局 are one department, and so the published totals come out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dutyledger._checks.base import LIST_EN, Hit, Rule, Subject, make_rule
from dutyledger._checks.findings import Location, Severity
from dutyledger._edition.records import Item, ListDeclaration, ListKind

__all__ = ["RULES"]


def _declared(subject: Subject) -> Iterator[tuple[str, ListDeclaration, tuple[Item, ...]]]:
    """Each list's first declaration, with its path and the list's items."""
    seen: set[ListKind] = set()
    for index, declaration in enumerate(subject.edition.preamble.declarations):
        if declaration.list in seen:
            continue
        seen.add(declaration.list)
        yield (
            f"$.preamble.declarations[{index}]",
            declaration,
            subject.edition.items(declaration.list),
        )


def _where(path: str, kind: ListKind) -> Location:
    return Location(path=path, list=kind)


def _head(kind: ListKind) -> tuple[str, str]:
    return kind.title, f"the {LIST_EN[kind]}"


def _undeclarable(subject: Subject) -> bool:
    """Whether the source had no 说明 at all (a workbook), so there are no totals to compare."""
    preamble = subject.edition.preamble
    return not preamble.sections and not preamble.declarations


def _no_preamble(subject: Subject) -> Iterator[Hit]:
    if _undeclarable(subject) and subject.edition.items():
        yield Hit(
            location=Location(path="$.preamble"),
            zh="本版没有说明（来源如 Excel 工作簿没有说明和目录），无从核对声明的类别和项数：DL201–DL205 未检查",
            en="the edition has no preamble (its source, such as a workbook, has no 说明 or 目录), "
            "so there are no declared totals to compare: DL201–DL205 were not checked",
        )


def _declarations(subject: Subject) -> Iterator[Hit]:
    if _undeclarable(subject):
        return  # DL200 says so
    seen: set[ListKind] = set()
    for index, declaration in enumerate(subject.edition.preamble.declarations):
        kind = declaration.list
        if kind in seen:
            zh, en = _head(kind)
            yield Hit(
                location=_where(f"$.preamble.declarations[{index}]", kind),
                zh=f"{zh}：说明对该清单声明了不止一次",
                en=f"{en}: the preamble declares this list more than once",
            )
        seen.add(kind)
    for kind in ListKind:
        items = subject.edition.items(kind)
        if items and kind not in seen:
            zh, en = _head(kind)
            yield Hit(
                location=_where("$.preamble.declarations", kind),
                zh=f"{zh}有{len(items)}项，但说明没有声明该清单的类别和项数",
                en=f"{en} has {len(items)} items, but the preamble declares nothing about it",
            )


def _category_names(subject: Subject) -> Iterator[Hit]:
    for path, declaration, items in _declared(subject):
        used: dict[str, int] = {}
        for item in items:
            used.setdefault(item.category, item.number)
        declared = declaration.categories
        if tuple(used) == declared:
            continue
        zh, en = _head(declaration.list)
        parts_zh: list[str] = []
        parts_en: list[str] = []
        undeclared = [c for c in used if c not in declared]
        unused = [c for c in declared if c not in used]
        if undeclared:
            parts_zh.append(
                "清单用了说明未列的类别"
                + "、".join(f"「{c}」（第{used[c]}项）" for c in undeclared)
            )
            parts_en.append(
                "the list uses categories the preamble does not declare: "
                + ", ".join(f'"{c}" (item {used[c]})' for c in undeclared)
            )
        if unused:
            parts_zh.append("说明列出的类别" + "、".join(f"「{c}」" for c in unused) + "清单中没有")
            parts_en.append(
                "the preamble declares categories no item has: "
                + ", ".join(f'"{c}"' for c in unused)
            )
        if not undeclared and not unused:
            parts_zh.append("类别顺序应与清单中首次出现的顺序一致：" + "、".join(used))
            parts_en.append("the order should be that of first use in the list: " + ", ".join(used))
        yield Hit(
            location=_where(f"{path}.categories", declaration.list),
            zh=f"{zh}：说明列出的类别与清单不符，" + "；".join(parts_zh),
            en=f"{en}: the declared categories do not match the list; " + "; ".join(parts_en),
        )


def _item_count(subject: Subject) -> Iterator[Hit]:
    for path, declaration, items in _declared(subject):
        declared, actual = declaration.item_count, len(items)
        if declared == actual:
            continue
        zh, en = _head(declaration.list)
        extra_zh = extra_en = ""
        numbers = [item.number for item in items]
        if actual < declared and numbers == list(range(1, actual + 1)):
            first = actual + 1
            if first == declared:
                extra_zh, extra_en = f"，缺少第{first}项", f"; item {first} is missing"
            else:
                extra_zh = f"，缺少第{first}至{declared}项"
                extra_en = f"; items {first} to {declared} are missing"
        yield Hit(
            location=_where(f"{path}.item_count", declaration.list),
            zh=f"{zh}：说明声明{declared}项，清单实有{actual}项{extra_zh}",
            en=f"{en}: the preamble declares {declared} items, the list has {actual}{extra_en}",
        )


def _category_count(subject: Subject) -> Iterator[Hit]:
    for path, declaration, items in _declared(subject):
        declared, actual = declaration.category_count, len({item.category for item in items})
        if declared == actual:
            continue
        zh, en = _head(declaration.list)
        yield Hit(
            location=_where(f"{path}.category_count", declaration.list),
            zh=f"{zh}：说明声明{declared}个类别，清单实有{actual}个",
            en=f"{en}: the preamble declares {declared} categories, the list has {actual}",
        )


def _department_count(subject: Subject) -> Iterator[Hit]:
    for path, declaration, items in _declared(subject):
        declared = declaration.department_count
        if declared is None or declaration.list is ListKind.BASIC:
            continue
        refs = [ref for item in items for ref in getattr(item, "departments", ())]
        actual = len({ref.department for ref in refs})
        if declared == actual:
            continue
        spellings = len({ref.written for ref in refs})
        zh, en = _head(declaration.list)
        note_zh = f"；按写法计为{spellings}个" if spellings != actual else ""
        note_en = f"; counted by spelling it would be {spellings}" if spellings != actual else ""
        yield Hit(
            location=_where(f"{path}.department_count", declaration.list),
            zh=f"{zh}：说明声明涉及{declared}个部门（单位），清单实际涉及{actual}个（同一部门的不同写法计为一个{note_zh}）",
            en=f"{en}: the preamble declares {declared} departments, the list names {actual} (one department written two ways counts once{note_en})",
        )


_rule = make_rule


RULES: tuple[tuple[Rule, Callable[[Subject], Iterator[Hit]]], ...] = (
    (
        _rule(
            "DL200",
            "no-preamble",
            "无说明时不核对声明的总数",
            "without a preamble, the declared totals are not checked",
            "A workbook has no 说明 or 目录, so an edition ingested from one declares nothing; rather than an error per list, check says once that the totals were not checked. Ingest with --meta EDITION.json to take a preamble.",
            severity=Severity.INFO,
        ),
        _no_preamble,
    ),
    (
        _rule(
            "DL201",
            "declaration",
            "说明对每个清单声明一次",
            "the preamble declares each list once",
            "The declared totals are what the township publishes and is held to; a list with items and no declaration has no published totals to check.",
        ),
        _declarations,
    ),
    (
        _rule(
            "DL202",
            "declared-categories",
            "说明列出的类别与清单一致",
            "declared categories match the list, in order of first use",
            "The preamble lists a list's categories in the order the table uses them; a category missing, extra or out of order means the preamble and the table were edited apart.",
        ),
        _category_names,
    ),
    (
        _rule(
            "DL203",
            "declared-items",
            "说明声明的事项数与清单一致",
            "declared number of items matches the list",
            "The item count is the headline figure of each list; it must be the number of rows.",
        ),
        _item_count,
    ),
    (
        _rule(
            "DL204",
            "declared-category-count",
            "说明声明的类别数与清单一致",
            "declared number of categories matches the list",
            "The category count is stated in words next to the names; it must be the number of distinct categories used.",
        ),
        _category_count,
    ),
    (
        _rule(
            "DL205",
            "declared-departments",
            "说明声明的部门数与清单一致",
            "declared number of departments matches the list",
            "The 配合 and 收回 lists state how many departments (部门（单位）) they involve; counted as identities, two spellings of one department count once.",
        ),
        _department_count,
    ),
)
"""The rules on declared totals, each with its function."""
