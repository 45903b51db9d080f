"""The fuzz run's seed and its budget of cases per target (read from the environment).

``DUTYLEDGER_FUZZ_SEED`` fixes the seed (default: a new one per run, printed in
pytest's header; under CI — the ``CI`` variable set — the fixed :data:`CI_SEED`, so
a CI verdict is reproducible and the search for new failures is the campaigns');
``DUTYLEDGER_FUZZ_SCALE`` multiplies every budget (``0.1``
for a quick local look, ``50`` for a long run; ``tests/fuzz/campaign.py`` is
the tool for a million cases).
"""

from __future__ import annotations

import os
import random

from hypothesis import strategies as st

CI_SEED = 20261201
"""The seed of a CI run: the budget below, from this seed, passes on the commit CI checks."""

FUZZ_SEED = int(
    os.environ.get("DUTYLEDGER_FUZZ_SEED")
    or (CI_SEED if os.environ.get("CI") else random.SystemRandom().randrange(10**6))
)
SCALE = float(os.environ.get("DUTYLEDGER_FUZZ_SCALE") or 1)

BUDGET = {
    "edition": 9_000,
    "changeset": 4_000,
    "crosswalk": 3_000,
    "config": 1_500,
    "ingest": 2_500,
    "silent": 300,
    "notes": 1_500,
    "office": 300,
    "cli": 1_000,
}
"""Cases per target in the default run: 20,000 loader cases, 300 silent-change cases, 1,000 CLI runs.

About 110 s of CPU time in all (docs/reliability.md gives the measured figures): about two
minutes on an idle 2-core machine, single-threaded.
"""


def budget(target: str) -> int:
    """The number of cases for a target in this run."""
    return max(1, round(BUDGET[target] * SCALE))


CASE_SEEDS = st.integers(0, 10**9 - 1)
"""A case's seed: case ``i`` of campaign seed 0, so ``campaign.py --replay TARGET:0:i`` repeats it."""
