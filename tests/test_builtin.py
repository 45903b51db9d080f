"""The editions shipped with the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import dutyledger
from conftest import ROOT


def test_builtin_edition_loads() -> None:
    """builtin_edition('2025-01') is the committed edition."""
    edition = dutyledger.builtin_edition("2025-01")
    assert edition.meta.jurisdiction.township == "甘沟乡"
    assert (len(edition.basic), len(edition.cooperative), len(edition.recalled)) == (127, 96, 57)


def test_unknown_builtin_edition() -> None:
    """Asking for an edition that is not shipped names the ones that are."""
    with pytest.raises(dutyledger.UnknownEditionError, match="2025-01"):
        dutyledger.builtin_edition("1999-01")


@pytest.mark.slow
def test_wheel_carries_the_editions(tmp_path: Path) -> None:
    """A wheel built from the project holds the editions beside the package."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("dutyledger-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dutyledger/_editions/2025-01.json" in names
    assert "dutyledger/py.typed" in names
