"""The fuzz tests: the seed printed in the header, and the ``fuzz`` marker on each.

Every test of this folder carries the ``fuzz`` marker: ``-m "not fuzz"`` leaves
them out. The seed and the budgets are in ``budget.py``.
"""

from __future__ import annotations

import pytest

from fuzz.budget import FUZZ_SEED, SCALE


def pytest_report_header() -> str:
    """Print the seed, so that a failing run can be repeated."""
    return f"fuzz seed: {FUZZ_SEED} (repeat with DUTYLEDGER_FUZZ_SEED={FUZZ_SEED}); budget scale {SCALE}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``fuzz``."""
    for item in items:
        if "tests/fuzz/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.fuzz)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the seed again at the end, where ``pytest -q`` shows it too."""
    terminalreporter.write_line(pytest_report_header())
