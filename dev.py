#!/usr/bin/env python3
"""Set up and run dutyledger from a fresh clone, with nothing but python3.

    python3 dev.py main   # the main job: the change report 2025-01 → the illustrative example
    python3 dev.py test   # the whole suite: ruff, mypy --strict, pytest

The first run makes a virtual environment in .venv and installs the project
with its development dependencies; later runs reinstall only when
pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".dutyledger-installed"


def run(*args: str | Path, ok: tuple[int, ...] = (0,), **env: str) -> None:
    """Run a command in the project root; stop with its status unless it is an ``ok`` one."""
    result = subprocess.run(
        [str(a) for a in args], cwd=ROOT, env={**os.environ, **env}, check=False
    )
    if result.returncode not in ok:
        sys.exit(result.returncode)


def ensure_installed() -> None:
    """Create .venv and install the project with its dev extras, if needed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("dev.py: creating .venv", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    print("dev.py: installing dutyledger and its dev dependencies", file=sys.stderr)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


OLD = "editions/2025-01.json"
NEW = "examples/2026-01-illustrative.json"
NOTES = "examples/2026-01-illustrative.notes.json"
REPORTS = ROOT / "out"


def main_job() -> None:
    """The main job: the change report from the 2025-01 edition to the illustrative example.

    Prints the report in the terminal and writes it in every office format to out/, its
    调整理由/调整依据/备注 filled from the illustrative notes, and the 调整说明表 form filled
    from them too.
    ``dutyledger diff`` exits 1 when the editions differ, as they do here.
    """
    REPORTS.mkdir(exist_ok=True)
    differ = (0, 1)
    for fmt, name in (
        ("xlsx", "调整对照表.xlsx"),
        ("docx", "调整情况报告.docx"),
        ("html", "report.html"),
        ("md", "report.md"),
        ("csv", "changes.csv"),
        ("json", "changes.json"),
    ):
        notes = ("--notes", NOTES) if fmt != "json" else ()
        args = ("--format", fmt, "-o", REPORTS / name, *notes)
        run(BIN / "dutyledger", "diff", OLD, NEW, *args, ok=differ)
    run(BIN / "dutyledger", "notes", OLD, NEW, "--from", NOTES, "-o", REPORTS / "调整说明表.xlsx")
    run(BIN / "dutyledger", "diff", OLD, NEW, "--notes", NOTES, ok=differ)
    print(
        f"\nreports written to {REPORTS.relative_to(ROOT)}/: "
        + ", ".join(sorted(p.name for p in REPORTS.iterdir()))
    )


def test() -> None:
    """Lint, type-check and test everything."""
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy")
    profile = "thorough" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "fast")
    run(BIN / "python", "-m", "pytest", "-q", HYPOTHESIS_PROFILE=profile)


def main() -> None:
    """Dispatch ``main`` or ``test``."""
    commands = {"main": main_job, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        print("usage: python3 dev.py main|test", file=sys.stderr)
        sys.exit(2)
    ensure_installed()
    commands[sys.argv[1]]()


if __name__ == "__main__":
    main()
