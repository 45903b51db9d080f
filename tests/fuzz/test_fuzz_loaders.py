"""Fuzz the loaders: mutated editions, change sets, crosswalks, check configs and published texts.

Hypothesis draws a case seed (fixed by the run's printed seed); the case's
mutations are drawn from it (``mutations.RandomChooser``), so a failing case is
replayed with ``campaign.py --replay`` and a case costs one draw, not fifty.
Every case keeps the promise of ``targets.py``: a DutyLedgerError or success, never
another exception, at most 2 s of CPU, bounded memory; an edition that loads is canonical.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from fuzz import targets
from fuzz.budget import CASE_SEEDS, FUZZ_SEED, budget
from fuzz.mutations import RandomChooser

_TRACE = itertools.count()


def _settings(target: str) -> settings:
    return settings(
        max_examples=budget(target),
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],  # a case is replayed from its seed; nothing to shrink
    )


def _keeps_promise(target: str, case: int, folder: Path) -> targets.Outcome:
    payload = targets.loader_input(target, RandomChooser(case))
    outcome = targets.run_case(
        targets.loader_work(target, payload, folder), trace=next(_TRACE) % 250 == 249
    )
    replay = f"tests/fuzz/campaign.py --replay {target}:0:{case}"
    assert outcome.crash is None, f"{target}: {outcome.crash} (replay: {replay})"
    return outcome


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@_settings("edition")
@seed(FUZZ_SEED)
@given(CASE_SEEDS)
def test_load_edition_keeps_the_promise(folder: Path, case: int) -> None:
    """Any mutated edition loads (and is then canonical) or raises EditionLoadError."""
    _keeps_promise("edition", case, folder)


@_settings("changeset")
@seed(FUZZ_SEED)
@given(CASE_SEEDS)
def test_load_changeset_keeps_the_promise(folder: Path, case: int) -> None:
    """Any mutated change set loads and writes back, or raises ChangeSetLoadError."""
    _keeps_promise("changeset", case, folder)


@_settings("crosswalk")
@seed(FUZZ_SEED)
@given(CASE_SEEDS)
def test_load_crosswalk_keeps_the_promise(folder: Path, case: int) -> None:
    """Any mutated crosswalk loads or raises CrosswalkError."""
    _keeps_promise("crosswalk", case, folder)


@_settings("config")
@seed(FUZZ_SEED)
@given(CASE_SEEDS)
def test_check_config_keeps_the_promise(folder: Path, case: int) -> None:
    """Any mutated [tool.dutyledger.check] table is read or raises CheckConfigError."""
    _keeps_promise("config", case, folder)


@_settings("ingest")
@seed(FUZZ_SEED)
@given(CASE_SEEDS)
def test_ingest_keeps_the_promise(folder: Path, case: int) -> None:
    """Any mutated published text is ingested or raises IngestError."""
    _keeps_promise("ingest", case, folder)


@_settings("silent")
@seed(FUZZ_SEED)
@given(CASE_SEEDS)
def test_ingest_is_never_silently_wrong(folder: Path, case: int) -> None:
    """A damaged source gives the same edition, an IngestError, or a new check finding."""
    _keeps_promise("silent", case, folder)
