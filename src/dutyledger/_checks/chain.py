"""The rules along a township's chain of editions (DL31x), as records.

Their functions need the ledger (which diffs consecutive editions), a room
above this one, so they live in ``dutyledger._ledger.checks``; the command
line hands them to the checks (``run_check(series=…)``). The records are here
so that every rule is listed, documented and can be turned off like the others.
"""

from __future__ import annotations

import functools

from dutyledger._checks.base import Rule, Scope, make_rule
from dutyledger._checks.findings import Severity

__all__ = ["CHAIN_RULES"]

_rule = functools.partial(make_rule, scope=Scope.EDITIONS)

CHAIN_RULES: tuple[Rule, ...] = (
    _rule(
        "DL311",
        "flow-conservation",
        "各清单事项数沿版本链守恒",
        "the lists' item counts are conserved along the chain",
        "Between two consecutive editions an item leaves a list only by a change the diff names (removed, moved, split or merged) and enters only by one; each list's count must equal the previous count plus what entered minus what left.",
        severity=Severity.ERROR,
    ),
    _rule(
        "DL312",
        "removed-returns",
        "已取消的事项又出现",
        "a removed item comes back",
        "An item removed in one edition and added again later (under its old id, or under a new id with the same name) is a restored duty or an edit undone; an editor should say which, and keep its id if it is the same duty.",
        severity=Severity.WARNING,
    ),
    _rule(
        "DL313",
        "recall-then-devolve",
        "上收后两个版本内又下放（明减暗增）",
        "taken back, then devolved again within two editions",
        "A duty taken back upstream (上收) and handed down again (下放) within two editions is the 明减暗增 pattern: the list says the township no longer does it while the duty returns, often as cooperation.",
        severity=Severity.WARNING,
    ),
    _rule(
        "DL314",
        "date-order",
        "版本日期严格递增",
        "the editions' dates increase strictly",
        "A ledger orders editions by the day they take effect (a month date is its first day); two editions of one township on one day written differently (2025-01 and 2025-01-01) cannot be ordered.",
        severity=Severity.ERROR,
    ),
)
"""The rules along the chain, by code."""
