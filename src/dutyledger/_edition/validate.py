"""The rules of the edition format that types alone cannot state.

They run on plain data (parsed JSON), so that a file with a wrong type in one
place still has its duplicate ids and unknown departments reported in the same
message: every problem, not only the first. Whatever is not of the expected
shape is skipped here; the converter reports it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from dutyledger.exceptions import Problem

__all__ = ["is_date", "semantic_problems"]

# ASCII digits only, and the whole string: ``\d`` would take ٢٠٢٥ and ``$`` a trailing newline.
_DATE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?")
_LISTS = ("basic", "cooperative", "recalled")


def is_date(text: str) -> bool:
    """Whether ``text`` is ``YYYY-MM`` or ``YYYY-MM-DD`` in ASCII digits, and a real date."""
    if not _DATE.fullmatch(text):
        return False
    year, month, *day = (int(part) for part in text.split("-"))
    try:
        datetime.date(year, month, day[0] if day else 1)
    except ValueError:
        return False  # 2025-02-31
    return True


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
            # Only an array holds spellings; any other type is the converter's to report.
            if isinstance(dept.get(key), list):
                spellings.extend(dept[key])
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
    if isinstance(date, str) and not is_date(date):
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
