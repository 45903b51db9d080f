"""Shared fixtures and the hypothesis profiles.

Three hypothesis profiles (``HYPOTHESIS_PROFILE=…``):

* ``fast`` (the default) keeps a local run quick: 40 examples a property
  (derandomized under CI, as in ``.ci/floors`` and ``.ci/package``).
* ``thorough`` (CI) runs 400 examples a property, derandomized: the examples are a
  function of the test, so a CI verdict is reproducible on any machine, and a
  green local ``CI=true python3 dev.py test`` is the verdict CI will give.
* ``explore`` runs 400 examples from a fresh random seed each run: the search for
  new failures (``--hypothesis-seed=N`` repeats one). A failure it finds becomes a
  deterministic regression test before the fix lands.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import dutyledger

settings.register_profile(
    "fast",
    max_examples=40,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ROOT / "editions"
SOURCE = EDITIONS / "sources" / "2025-01.txt"
SOURCE_META = EDITIONS / "sources" / "2025-01.toml"


@pytest.fixture(scope="session")
def seed_edition() -> dutyledger.Edition:
    """The committed 2025-01 edition, loaded once."""
    return dutyledger.load_edition(EDITIONS / "2025-01.json")


def ingest_bytes(
    data: bytes,
    edition: dutyledger.Edition,
    *,
    suffix: str = "",
    preamble: dutyledger.Preamble | None = None,
) -> dutyledger.Edition:
    """Ingest a file's bytes with an edition's own metadata (in a fresh temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"source{suffix}"
        path.write_bytes(data)
        return dutyledger.ingest_file(
            path, dutyledger.meta_from_edition(edition), preamble=preamble
        )


@pytest.fixture(scope="session")
def example_edition() -> dutyledger.Edition:
    """The illustrative 2026-01 edition of examples/, loaded once."""
    return dutyledger.load_edition(ROOT / "examples" / "2026-01-illustrative.json")


@pytest.fixture(scope="session")
def example_changes(
    seed_edition: dutyledger.Edition, example_edition: dutyledger.Edition
) -> dutyledger.ChangeSet:
    """The diff of 2025-01 → the illustrative example, made once."""
    return dutyledger.diff(seed_edition, example_edition)


@pytest.fixture(scope="session")
def example_adjustments(example_changes: dutyledger.ChangeSet) -> tuple[dutyledger.Adjustment, ...]:
    """The adjustments of 2025-01 → the illustrative example, made once."""
    return dutyledger.adjustments(example_changes)
