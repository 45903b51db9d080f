"""The rules of the edition format that types alone cannot state.

They run on plain data (parsed JSON), so that a file with a wrong type in one
place still has its duplicate ids and unknown departments reported in the same
message: every problem, not only the first. Whatever is not of the expected
shape is skipped here; the converter reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dutyledger.exceptions import Problem

__all__ = ["semantic_problems"]

_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
_LISTS = ("basic", "cooperative", "recalled")


def _dicts(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                yield index, entry


def _mentions(item: dict[str, Any], where: str) -> Iterator[tuple[dict[str, Any], str]]:
    """Every department mention of an item, with its JSON path."""
    for d, ref in _dicts(item.get("departments")):
        yield ref, f"{where}.departments[{d}]"
    for e, entry in _dicts(item.get("receivers")):
        for d, ref in _dicts(entry.get("departments")):
            yield ref, f"{where}.receivers[{e}].departments[{d}]"
    for column in ("upstream_duties", "township_duties"):
        text = item.get(column)
        if not isinstance(text, dict):
            continue
        for b, block in _dicts(text.get("blocks")):
            heading = block.get("heading")
            if isinstance(heading, dict):
                for d, ref in _dicts(heading.get("departments")):
                    yield ref, f"{where}.{column}.blocks[{b}].heading.departments[{d}]"


def _registry(data: dict[str, Any], problems: list[Problem]) -> dict[str, list[str]]:
    names_of: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for index, dept in _dicts(data.get("departments")):
        dept_id = dept.get("id")
        if not isinstance(dept_id, str):
            continue
        where = f"$.departments[{index}]"
        if dept_id in names_of:
            message = f"duplicate department id {dept_id!r}; expected each id once"
            problems.append(Problem(where=f"{where}.id", message=message))
            continue
        spellings = [dept.get("name")]
        for key in ("short_names", "aliases"):
            more = dept.get(key)
            if isinstance(more, list):  # anything else is the converter's to report
                spellings += more
        names = [n for n in spellings if isinstance(n, str)]
        names_of[dept_id] = names
        for name in names:
            if owner.setdefault(name, dept_id) != dept_id:
                message = (
                    f"{name!r} already names department {owner[name]!r}; "
                    "expected each spelling to name one department"
                )
                problems.append(Problem(where=where, message=message))
    return names_of


def semantic_problems(data: dict[str, Any]) -> list[Problem]:
    """Check references, uniqueness and dates in an edition's plain data.

    Args:
        data: The parsed JSON of an edition (or an edition unstructured).

    Returns:
        Every problem found, each with its JSON path; empty if none.
    """
    problems: list[Problem] = []
    meta = data.get("meta")
    date = meta.get("date") if isinstance(meta, dict) else None
    if isinstance(date, str) and not _DATE.match(date):
        message = f"expected a date YYYY-MM or YYYY-MM-DD, found {date!r}"
        problems.append(Problem(where="$.meta.date", message=message))
    names_of = _registry(data, problems)
    seen: dict[str, str] = {}
    for key in _LISTS:
        for index, item in _dicts(data.get(key)):
            where = f"$.{key}[{index}]"
            item_id = item.get("id")
            if isinstance(item_id, str):
                if item_id in seen:
                    message = (
                        f"duplicate id {item_id!r}, also at {seen[item_id]}; expected each id once"
                    )
                    problems.append(Problem(where=f"{where}.id", message=message))
                else:
                    seen[item_id] = f"{where}.id"
            for ref, ref_where in _mentions(item, where):
                dept_id, written = ref.get("department"), ref.get("written")
                if not isinstance(dept_id, str):
                    continue
                if dept_id not in names_of:
                    message = f"unknown department {dept_id!r}; expected an id from $.departments"
                    problems.append(Problem(where=f"{ref_where}.department", message=message))
                elif isinstance(written, str) and written not in names_of[dept_id]:
                    known = ", ".join(names_of[dept_id])
                    message = f"{written!r} is not a name of department {dept_id!r}; expected one of {known}"
                    problems.append(Problem(where=f"{ref_where}.written", message=message))
    return problems
