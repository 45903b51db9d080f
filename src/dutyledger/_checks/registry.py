"""The rules of ``dutyledger check``, in one table, and choosing among them.

Codes are stable: 1xx structure, 2xx declared totals, 3xx across editions
(errors unless marked), 4xx lints (warnings), 5xx notes (``check OLD NEW
--notes``; declared here so that ``--list-rules``, ``--disable`` and
``pyproject.toml`` know them, run by ``dutyledger._notes.rules``, which needs
the changes above this room). A code, once published, is never
given to another rule; a retired rule's code stays retired.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from dutyledger._checks import history, hostile, lints, notes, structure, totals
from dutyledger._checks.base import Hit, Rule, Subject
from dutyledger._checks.chain import CHAIN_RULES
from dutyledger.exceptions import CheckConfigError, Problem

__all__ = ["EDITION_CHECKS", "NOTES_RULES", "RULES", "SERIES_CHECKS", "resolve_codes"]

EditionCheck = Callable[[Subject], Iterator[Hit]]
SeriesCheck = Callable[[Sequence[Subject]], Iterator[tuple[Subject, Hit]]]

EDITION_CHECKS: tuple[tuple[Rule, EditionCheck], ...] = (
    *structure.RULES,
    *hostile.RULES,
    *totals.RULES,
    *lints.RULES,
)
"""The rules that look at one edition, with their functions."""

SERIES_CHECKS: tuple[tuple[Rule, SeriesCheck], ...] = history.RULES
"""The rules that look at all editions of a run, with their functions."""

NOTES_RULES: tuple[Rule, ...] = notes.RULES
"""The rules on notes (DL5xx); their functions live above, in ``dutyledger._notes.rules``."""

RULES: tuple[Rule, ...] = tuple(
    sorted(
        (*(rule for rule, _ in (*EDITION_CHECKS, *SERIES_CHECKS)), *CHAIN_RULES, *NOTES_RULES),
        key=lambda r: r.code,
    )
)
"""Every rule of ``dutyledger check``, by code (the chain rules DL31x run from the command)."""

_BY_KEY = {key: rule.code for rule in RULES for key in (rule.code.upper(), rule.name)}


def resolve_codes(
    names: Iterable[str], *, source: str = "check", where: str = "disable"
) -> frozenset[str]:
    """Turn rule codes or names (``DL401``, ``dl401``, ``latin-word``) into codes.

    Args:
        names: What the user wrote.
        source: Where the setting comes from, for the error (a file, or
            ``command line``).
        where: The option or key (``--disable``, ``[tool.dutyledger.check].disable``).

    Returns:
        The rule codes.

    Raises:
        CheckConfigError: A name is no rule's code or name; every unknown name
            is listed.
    """
    codes: set[str] = set()
    problems: list[Problem] = []
    for name in names:
        code = _BY_KEY.get(name.strip().upper()) or _BY_KEY.get(name.strip())
        if code is None:
            message = (
                f"unknown rule {name!r}; expected a rule code ({RULES[0].code} … "
                f"{RULES[-1].code}) or name, as `dutyledger check --list-rules` lists them"
            )
            problems.append(Problem(where=where, message=message))
        else:
            codes.add(code)
    if problems:
        raise CheckConfigError(source, problems)
    return frozenset(codes)
