"""Fuzz the loaders: mutated editions, change sets, crosswalks, check configs and published texts.

Hypothesis draws a case seed (fixed by the run's printed seed); the case's
mutations are drawn from it (``mutations.RandomChooser``), so a failing case is
replayed with ``campaign.py --replay`` and a case costs one draw, not fifty.
Every case keeps the promise of ``targets.py``: a DutyLedgerError or success, never
another exception, at most 2 s of CPU, bounded memory; an edition that loads is canonical.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
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
    large = target == "edition" and case % 100 == 0  # as in campaign.py: the whole 2025-01 edition
    payload = targets.loader_input(target, RandomChooser(case), large=large)
    outcome = targets.run_case(
        targets.loader_work(target, payload, folder), trace=next(_TRACE) % 250 == 249
    )
    replay = f"tests/fuzz/campaign.py --replay {target}:0:{case}"
    assert outcome.crash is None, f"{target}: {outcome.crash} (replay: {replay})"
    return outcome


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _fuzz_test(target: str, doc: str) -> Callable[..., None]:
    """One budgeted test of one target: cases drawn from the run's seed, each held to the promise."""

    @_settings(target)
    @seed(FUZZ_SEED)
    @given(CASE_SEEDS)
    def test(folder: Path, case: int) -> None:
        _keeps_promise(target, case, folder)

    test.__doc__ = doc
    return test


test_load_edition_keeps_the_promise = _fuzz_test(
    "edition", "Any mutated edition loads (and is then canonical) or raises EditionLoadError."
)
test_load_changeset_keeps_the_promise = _fuzz_test(
    "changeset", "Any mutated change set loads and writes back, or raises ChangeSetLoadError."
)
test_load_crosswalk_keeps_the_promise = _fuzz_test(
    "crosswalk", "Any mutated crosswalk loads or raises CrosswalkError."
)
test_check_config_keeps_the_promise = _fuzz_test(
    "config", "Any mutated [tool.dutyledger.check] table is read or raises CheckConfigError."
)
test_ingest_keeps_the_promise = _fuzz_test(
    "ingest", "Any mutated published text is ingested or raises IngestError."
)
test_ingest_is_never_silently_wrong = _fuzz_test(
    "silent", "A damaged source gives the same edition, an IngestError, or a new check finding."
)
test_load_notes_keeps_the_promise = _fuzz_test(
    "notes", "Any damaged notes file or filled form loads (and loads back) or raises NotesError."
)
test_ingest_office_keeps_the_promise = _fuzz_test(
    "office", "Any damaged .xlsx, .docx or .pdf list is ingested or raises IngestError."
)
