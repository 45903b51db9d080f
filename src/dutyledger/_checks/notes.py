"""The rules on notes (DL5xx), declared: codes, names, severities, titles, reasons.

Notes explain the adjustments of a diff, and the adjustments come from the
changes, a room above this one; so the rules' functions live in
``dutyledger._notes.rules`` and run when ``check`` is given ``--notes``. They
are declared here, beside the other rules, so that ``--list-rules``,
``--disable`` and ``[tool.dutyledger.check]`` know them like any other.
"""

from __future__ import annotations

import functools

from dutyledger._checks.base import Rule, Scope, make_rule
from dutyledger._checks.findings import Severity

__all__ = ["EXPLAINED_KINDS", "RULES"]

EXPLAINED_KINDS = ("增加", "取消", "上收", "下放", "基本转配合", "配合转基本", "合并", "分设")
"""The 调整类型 whose 事项 must each have a 调整理由 and a 调整依据 (DL501, DL502)."""

_rule = functools.partial(make_rule, scope=Scope.NOTES, severity=Severity.WARNING)

RULES: tuple[Rule, ...] = (
    _rule(
        "DL501",
        "missing-reason",
        "调整事项须写明调整理由",
        "an adjusted item has no reason (调整理由)",
        "The procedures require every application to state its reasons (说明调整的依据和理由); an 增加, 取消, 上收, 下放, 基本转配合, 配合转基本, 合并 or 分设 without one cannot be sent up.",
    ),
    _rule(
        "DL502",
        "missing-basis",
        "调整事项须写明调整依据",
        "an adjusted item has no basis (调整依据)",
        "Each adjustment rests on a law, a regulation or a document; the application names it, so the reviewer can check that the adjustment follows from it.",
    ),
    _rule(
        "DL503",
        "document-number",
        "文号须写作〔YYYY〕N号",
        "a document number not written 〔YYYY〕N号",
        "GB/T 9704-2012 7.2.4: the year in full, in 六角括号 〔〕, the serial number in Arabic digits without 第 and without leading zeros, then 号. [2025], (2025) and 【2025】 are the usual slips; a wrong number cannot be searched for.",
    ),
    _rule(
        "DL504",
        "order-number",
        "令号须写作令第N号",
        "an order number not written 令第N号",
        "Regulations are promulgated by numbered orders, cited as 国务院令第588号 or 中华人民共和国主席令第二十八号; 令588号 and 令第588 are slips.",
    ),
    _rule(
        "DL505",
        "title-marks",
        "书名号《》须成对",
        "unbalanced title marks 《》",
        "A law or document is cited by its title in 《》; an unclosed 《, a stray 》, an empty 《》, ASCII << >> or a 《 inside a title (which takes 〈〉) garbles the citation.",
    ),
    _rule(
        "DL506",
        "stale-note",
        "说明所对应的调整已不存在",
        "a note whose adjustment is gone",
        "A note stays attached to its 事项 by key and 调整类型; when the 事项 is no longer adjusted that way (another type now, or not adjusted), the note is kept and reported, never dropped silently, so staff move or delete it on purpose.",
    ),
    _rule(
        "DL507",
        "unmatched-note",
        "说明的标识不对应任何事项",
        "a note whose key names no item of either edition",
        "A key none of whose ids is an item of either edition is mistyped or comes from notes for other editions; its note would silently explain nothing.",
        severity=Severity.ERROR,
    ),
)
"""The DL5xx rules, by code."""
