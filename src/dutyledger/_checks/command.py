"""``dutyledger check PATH...``: the command behind the CLI's thin handler.

Exit status: 0 no errors (warnings are printed but pass), 1 errors (or warnings
with ``--strict``), 2 an input that cannot be read or a bad option; 2 wins when
both happen, and the readable files are still checked and reported.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from dutyledger._checks.config import load_config
from dutyledger._checks.findings import Findings, Language
from dutyledger._checks.output import render, render_rules
from dutyledger._checks.registry import RULES, resolve_codes
from dutyledger._checks.run import SeriesChecks, check_files
from dutyledger._edition.safe_text import visible

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "edition_files", "run_check"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


def edition_files(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Expand the command's paths into edition files.

    A file is taken as given (whatever its name); a folder gives its ``*.json``
    files, not those of its subfolders (``editions/sources/`` holds the source
    texts) nor the crosswalks and notes kept beside editions (``*.crosswalk.json``,
    ``*.notes.json``; see docs/ledger.md, docs/notes.md), in name order. A path given
    twice is checked once.

    Returns:
        The files, and a message for each path that gives none.
    """
    files: dict[Path, None] = {}
    problems: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p
                for p in path.glob("*.json")
                if p.is_file() and not p.name.endswith((".crosswalk.json", ".notes.json"))
            )
            if not found:
                problems.append(f"{given}: no edition files (*.json) in this folder")
            files.update(dict.fromkeys(found))
        elif path.exists():
            files[path] = None
        else:
            problems.append(f"{given}: no such file or folder")
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), problems


def run_check(
    paths: Sequence[str],
    *,
    fmt: str = "text",
    lang: Language = "both",
    strict: bool = False,
    disable: Sequence[str] = (),
    list_rules: bool = False,
    series: SeriesChecks = (),
    out: TextIO | None = None,
    err: TextIO | None = None,
    more: Callable[[frozenset[str], bool], Findings] | None = None,
) -> int:
    """Run ``dutyledger check``; return the exit status.

    Args:
        paths: Edition files or folders.
        fmt: ``text``, ``json`` or ``github``.
        lang: ``zh``, ``en`` or ``both``.
        strict: Report warnings as errors.
        disable: Rule codes or names not to run (each may be comma-separated).
        list_rules: Only list the rules.
        series: Rules across editions run from a room above (the ledger's chain
            rules, DL31x), with their functions.
        out: Where the findings go (stdout by default).
        err: Where problems with the inputs go (stderr by default).
        more: Findings of rules run from a room above (``--notes``: DL5xx),
            made from the disabled codes and the strictness; added to the
            editions' findings before anything is written.

    Raises:
        CheckConfigError: An unknown rule code, or a bad ``[tool.dutyledger.check]``
            table (the CLI turns it into exit status 2).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if list_rules:
        out.write(render_rules(RULES))
        return EXIT_OK
    if not paths:
        err.write("dutyledger check: give at least one edition file or folder\n")
        return EXIT_BAD_INPUT
    config = load_config()
    names = [code for option in disable for code in option.split(",") if code.strip()]
    disabled = config.disable | resolve_codes(names, source="command line", where="--disable")
    files, missing = edition_files(paths)
    strict = strict or config.strict
    result = check_files(files, disable=disabled, strict=strict, series=series)
    findings = result.findings
    if more is not None:
        findings += more(disabled, strict)
    out.write(render(findings, result.checked, fmt=fmt, lang=lang, failures=result.failures))
    for message in missing:
        err.write(f"dutyledger: {visible(message)}\n")
    for failure in result.failures:
        err.write(f"dutyledger: {visible(str(failure), keep=chr(10))}\n")
    if missing or result.failures:
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if findings.errors else EXIT_OK
