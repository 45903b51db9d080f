"""The rules of ``dutyledger check``, in one table, and choosing among them.

Codes are stable: 1xx structure, 2xx declared totals, 3xx across editions
(errors unless marked), 4xx lints (warnings). A code, once published, is never
given to another rule; a retired rule's code stays retired.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from dutyledger._checks import history, lints, structure, totals
from dutyledger._checks.base import Hit, Rule, Subject
from dutyledger._checks.chain import CHAIN_RULES
from dutyledger.exceptions import CheckConfigError, Problem

__all__ = ["EDITION_CHECKS", "RULES", "SERIES_CHECKS", "resolve_codes"]

EditionCheck = Callable[[Subject], Iterator[Hit]]
SeriesCheck = Callable[[Sequence[Subject]], Iterator[tuple[Subject, Hit]]]

EDITION_CHECKS: tuple[tuple[Rule, EditionCheck], ...] = (
    *structure.RULES,
    *totals.RULES,
    *lints.RULES,
)
"""The rules that look at one edition, with their functions."""

SERIES_CHECKS: tuple[tuple[Rule, SeriesCheck], ...] = history.RULES
"""The rules that look at all editions of a run, with their functions."""

RULES: tuple[Rule, ...] = tuple(
    sorted(
        (*(rule for rule, _ in (*EDITION_CHECKS, *SERIES_CHECKS)), *CHAIN_RULES),
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
