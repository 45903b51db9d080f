"""Running the rules: on an edition, on several, on files (with line numbers)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from dutyledger._checks.base import Hit, Rule, Subject
from dutyledger._checks.findings import Finding, Findings, Severity
from dutyledger._checks.locate import LineLocator
from dutyledger._checks.registry import EDITION_CHECKS, SERIES_CHECKS, resolve_codes
from dutyledger._edition.codec import load_edition
from dutyledger._edition.fast import paused_gc
from dutyledger._edition.records import Edition
from dutyledger.exceptions import EditionLoadError, InvalidArgumentError, Problem

__all__ = ["FileCheck", "check", "check_editions", "check_files"]


def _finding(rule: Rule, hit: Hit, subject: Subject, *, strict: bool) -> Finding:
    location = hit.location
    if location.file is None and subject.file is not None:
        location = attrs.evolve(location, file=subject.file)
    return Finding(
        code=rule.code,
        severity=Severity.ERROR if strict and rule.severity is Severity.WARNING else rule.severity,
        location=location,
        message_zh=hit.zh,
        message_en=hit.en,
        score=hit.score,
    )


SeriesChecks = Sequence[tuple[Rule, Callable[[Sequence[Subject]], Iterator[tuple[Subject, Hit]]]]]
"""Rules across editions given by a higher room (the ledger's DL31x), with their functions."""


def _run(
    subjects: Sequence[Subject],
    *,
    disable: Collection[str],
    strict: bool,
    series: bool,
    more: SeriesChecks = (),
) -> Findings:
    # The rules build many small acyclic records (findings, n-gram postings, normalised
    # texts); the cyclic collector would scan the whole edition again and again for cycles
    # there are none of, which made check grow faster than the edition.
    with paused_gc():
        return _run_rules(subjects, disable=disable, strict=strict, series=series, more=more)


def _run_rules(
    subjects: Sequence[Subject],
    *,
    disable: Collection[str],
    strict: bool,
    series: bool,
    more: SeriesChecks,
) -> Findings:
    disabled = resolve_codes(disable)
    found: list[Finding] = []
    for subject in subjects:
        for rule, run in EDITION_CHECKS:
            if rule.code not in disabled:
                found.extend(_finding(rule, hit, subject, strict=strict) for hit in run(subject))
    if series:
        for rule, run_series in (*SERIES_CHECKS, *more):
            if rule.code not in disabled:
                found.extend(
                    _finding(rule, hit, subject, strict=strict)
                    for subject, hit in run_series(subjects)
                )
    return Findings(found)


def check(edition: Edition, *, disable: Collection[str] = (), strict: bool = False) -> Findings:
    """Check one edition against every rule that looks at one edition.

    The edition's format-level problems (an unknown department, a spelling that
    is not of its department, a duplicate id) are findings here, so an edition
    loaded with ``load_edition(path, validate=False)`` can be checked whole.

    Args:
        edition: The edition.
        disable: Rule codes (or names) not to run.
        strict: Report warnings as errors.

    Returns:
        The findings, errors and warnings, in a stable order; empty if none.

    Raises:
        CheckConfigError: ``disable`` names an unknown rule.
    """
    return _run([Subject.of(edition)], disable=disable, strict=strict, series=False)


def check_editions(
    editions: Iterable[Edition],
    *,
    files: Sequence[str | None] | None = None,
    disable: Collection[str] = (),
    strict: bool = False,
) -> Findings:
    """Check several editions: each on its own, and together (the DL3xx rules).

    Args:
        editions: The editions, of one township or several, in any order.
        files: The file each edition came from (or ``None``), in the same
            order; it becomes the findings' ``location.file``.
        disable: Rule codes (or names) not to run.
        strict: Report warnings as errors.

    Returns:
        The findings of every edition and across them.

    Raises:
        CheckConfigError: ``disable`` names an unknown rule.
        InvalidArgumentError: ``files`` is not as long as ``editions``.
    """
    editions = tuple(editions)
    names = tuple(files) if files is not None else (None,) * len(editions)
    if len(names) != len(editions):
        expected = f"one file (or None) per edition: {len(editions)}, not {len(names)}"
        raise InvalidArgumentError("files", names, expected)
    subjects = [Subject.of(e, file=f) for e, f in zip(editions, names, strict=True)]
    return _run(subjects, disable=disable, strict=strict, series=True)


@attrs.frozen(kw_only=True)
class FileCheck:
    """The outcome of checking files.

    Attributes:
        findings: The findings, with file and line.
        failures: One error per file that could not be read as an edition.
        checked: The number of editions checked.
    """

    findings: Findings
    failures: tuple[EditionLoadError, ...]
    checked: int


def _read(path: Path) -> tuple[Edition, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem = Problem(where="file", message=f"cannot read: {exc.strerror}")
        raise EditionLoadError(str(path), [problem]) from None
    try:
        edition = load_edition(raw, validate=False)
    except EditionLoadError as exc:
        raise EditionLoadError(str(path), exc.problems) from None
    return edition, raw.decode("utf-8")


def check_files(
    paths: Iterable[str | Path],
    *,
    disable: Collection[str] = (),
    strict: bool = False,
    series: SeriesChecks = (),
) -> FileCheck:
    """Check edition files together, with the line of each finding.

    A file that cannot be read, is not UTF-8 JSON or has values of the wrong
    type is a failure (nothing else is checked in it); every other file is
    checked, including the rules across editions.

    Args:
        paths: Edition files (not folders).
        disable: Rule codes (or names) not to run.
        strict: Report warnings as errors.
        series: More rules across editions, with their functions (the command
            line passes the ledger's chain rules, DL31x).

    Returns:
        The findings, the failures, and how many editions were checked.

    Raises:
        CheckConfigError: ``disable`` names an unknown rule.
    """
    resolve_codes(disable)  # an unknown rule is a usage error before any file is read
    subjects: list[Subject] = []
    texts: dict[str, str] = {}
    failures: list[EditionLoadError] = []
    for path in paths:
        try:
            edition, text = _read(Path(path))
        except EditionLoadError as exc:
            failures.append(exc)
            continue
        subjects.append(Subject.of(edition, file=str(path)))
        texts[str(path)] = text
    findings = _run(subjects, disable=disable, strict=strict, series=True, more=series)
    locators: dict[str, LineLocator] = {}

    def with_line(finding: Finding) -> Finding:
        file = finding.location.file
        if file is None or file not in texts:
            return finding
        locator = locators.get(file) or locators.setdefault(file, LineLocator(texts[file]))
        line = locator.line(finding.location.path)
        return attrs.evolve(finding, location=attrs.evolve(finding.location, line=line))

    return FileCheck(
        findings=Findings(with_line(f) for f in findings),
        failures=tuple(failures),
        checked=len(subjects),
    )
