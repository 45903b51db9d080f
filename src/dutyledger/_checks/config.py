"""``[tool.dutyledger.check]`` in ``pyproject.toml``: rules off, strict on, per project.

The file is the one in the current folder or the nearest folder above it (as
ruff and pytest find theirs). Unknown keys and wrong types are errors, so a typo
never silently turns a rule back on.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import attrs

from dutyledger._checks.registry import resolve_codes
from dutyledger._edition.strict import read_toml_text
from dutyledger.exceptions import CheckConfigError, Problem

__all__ = ["CheckConfig", "find_pyproject", "load_config"]

_TABLE = "[tool.dutyledger.check]"


@attrs.frozen(kw_only=True)
class CheckConfig:
    """The check settings of a project.

    Attributes:
        disable: Rule codes not to run.
        strict: Report warnings as errors.
        source: The ``pyproject.toml`` they came from, if any.
    """

    disable: frozenset[str] = frozenset()
    strict: bool = False
    source: Path | None = None


def find_pyproject(start: Path) -> Path | None:
    """Return ``pyproject.toml`` in ``start`` or its nearest parent that has one."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(read_toml_text(path))
    except (OSError, ValueError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        raise CheckConfigError(str(path), [Problem(where="file", message=str(exc))]) from None
    table: Any = data
    for key in ("tool", "dutyledger", "check"):
        table = table.get(key, {}) if isinstance(table, dict) else None
    if not isinstance(table, dict):
        raise CheckConfigError(str(path), [Problem(where=_TABLE, message="expected a table")])
    return table


def load_config(start: Path | None = None) -> CheckConfig:
    """Read the check settings from the nearest ``pyproject.toml``.

    Args:
        start: The folder to start from; the current folder by default.

    Returns:
        The settings; the defaults if there is no file or no table.

    Raises:
        CheckConfigError: The file is not valid TOML, or the table has an
            unknown key, a value of the wrong type or an unknown rule code.
    """
    path = find_pyproject(start or Path.cwd())
    if path is None:
        return CheckConfig()
    table = _table(path)
    problems: list[Problem] = []
    unknown = sorted(set(table) - {"disable", "strict"})
    if unknown:
        message = f"unknown key(s) {', '.join(unknown)}; expected only disable and strict"
        problems.append(Problem(where=_TABLE, message=message))
    disable = table.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(c, str) for c in disable):
        problems.append(Problem(where=f"{_TABLE}.disable", message="expected a list of rule codes"))
        disable = []
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        problems.append(Problem(where=f"{_TABLE}.strict", message="expected true or false"))
        strict = False
    if problems:
        raise CheckConfigError(str(path), problems)
    codes = resolve_codes(disable, source=str(path), where=f"{_TABLE}.disable")
    return CheckConfig(disable=codes, strict=strict, source=path)
