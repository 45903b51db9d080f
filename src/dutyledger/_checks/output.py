"""The outputs of ``dutyledger check``: text, JSON, GitHub Actions annotations, SARIF 2.1.0.

All are pure functions of the findings (and of the files that could not be
read), so they are tested without files. The JSON structure is documented in
``docs/checks.md`` and versioned by its ``format`` key; SARIF follows the OASIS
standard, version 2.1.0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, Literal, get_args
from urllib.parse import quote

from dutyledger._checks.base import Rule
from dutyledger._checks.findings import LANGUAGES, Finding, Findings, Language, Severity
from dutyledger._checks.registry import RULES
from dutyledger._edition.codec import make_converter
from dutyledger._edition.safe_text import json_safe, visible
from dutyledger._version import __version__
from dutyledger.exceptions import EditionLoadError, InvalidArgumentError

__all__ = [
    "FORMAT",
    "FORMATS",
    "SARIF_SCHEMA",
    "OutputFormat",
    "format_findings",
    "render",
    "render_github",
    "render_json",
    "render_rules",
    "render_sarif",
    "render_text",
]

# SARIF's levels: an info finding (DL200) is a "note", which never fails a code scan.
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

OutputFormat = Literal["text", "json", "github", "sarif"]
"""The formats of ``dutyledger check``'s output."""
FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
"""The ``$schema`` of the SARIF logs ``check`` writes: the OASIS SARIF 2.1.0 schema."""

FORMAT = "dutyledger.check/1"
"""The ``format`` key of the JSON output."""

_NO_FILE = "<edition>"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(findings: Findings, checked: int) -> str:
    """One line: how many editions, errors and warnings, and the count per rule."""
    line = (
        f"{_plural(checked, 'edition')} checked: {_plural(len(findings.errors), 'error')}, "
        f"{_plural(len(findings.warnings), 'warning')}"
    )
    codes = findings.codes()
    if codes:
        line += " (" + ", ".join(f"{code} ×{codes[code]}" for code in sorted(codes)) + ")"
    return line


def _text_line(finding: Finding, lang: Language) -> str:
    where = finding.location
    place = where.file or _NO_FILE
    if where.line is not None:
        place += f":{where.line}"
    path = f" [{where.path}]" if where.path else ""
    # Messages quote the edition's texts: control characters are shown, never sent.
    return visible(
        f"{place}: {finding.code} {finding.severity.value} {finding.message(lang)}{path}"
    )


def render_text(findings: Findings, checked: int, *, lang: Language = "both") -> str:
    """One line per finding, ``FILE:LINE: CODE severity message [JSON path]``, then a summary."""
    lines = [_text_line(f, lang) for f in findings]
    lines.append(summary(findings, checked))
    return "\n".join(lines) + "\n"


def render_json(findings: Findings, checked: int) -> str:
    """A JSON document: format, counts, and every finding as its record's fields."""
    converter = make_converter()
    document = {
        "format": FORMAT,
        "editions": checked,
        "errors": len(findings.errors),
        "warnings": len(findings.warnings),
        "findings": [converter.unstructure(f) for f in findings],
    }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_LINE = re.compile(r"\bline (\d+)")


def _failure_line(failure: EditionLoadError) -> int | None:
    """The line of the first problem of an unreadable file, if its place is a line."""
    for problem in failure.problems:
        found = _LINE.match(problem.where)
        if found:
            return int(found.group(1))
    return None


def _failure_message(failure: EditionLoadError) -> str:
    return "; ".join(str(p) for p in failure.problems) or "cannot be read"


def _failure_annotation(failure: EditionLoadError) -> str:
    properties = [f"file={_escape_property(failure.source)}"]
    line = _failure_line(failure)
    if line is not None:
        properties.append(f"line={line}")
    properties.append("title=unreadable")
    message = _escape_data(
        visible(f"not a readable edition: {_failure_message(failure)}", keep="\r\n")
    )
    return visible(f"::error {','.join(properties)}::{message}")  # a lone surrogate is no UTF-8


def _annotation(finding: Finding, lang: Language) -> str:
    where = finding.location
    properties = []
    if where.file is not None:
        properties.append(f"file={_escape_property(where.file)}")
        if where.line is not None:
            properties.append(f"line={where.line}")
    properties.append(f"title={_escape_property(finding.code)}")
    command = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(finding.severity, "notice")
    message = _escape_data(visible(finding.message(lang), keep="\r\n"))
    return visible(f"::{command} {','.join(properties)}::{message}")


def render_github(
    findings: Findings,
    checked: int,
    *,
    lang: Language = "both",
    failures: Sequence[EditionLoadError] = (),
) -> str:
    """GitHub Actions workflow commands, one annotation per finding, then a summary.

    ``::error file=F,line=N,title=CODE::message`` (``::warning`` for
    warnings), escaped as GitHub requires: ``%``, CR and LF in the message;
    also ``:`` and ``,`` in properties. A file that could not be read (not
    JSON, not UTF-8, wrong types) gets an ``::error`` titled ``unreadable``,
    on its line where the fault has one, so the pull request shows it too.
    """
    lines = [_failure_annotation(f) for f in failures]
    lines += [_annotation(f, lang) for f in findings]
    lines.append(summary(findings, checked))
    return "\n".join(lines) + "\n"


def _uri(file: str) -> str:
    """A relative URI reference for a file path (``/`` separators, percent-encoded)."""
    return quote(PurePath(file).as_posix(), safe="/")


def _sarif_location(file: str | None, line: int | None, path: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
        if line is not None:
            physical["region"] = {"startLine": line}
        location["physicalLocation"] = physical
    if path is not None:
        location["logicalLocations"] = [{"fullyQualifiedName": path, "kind": "member"}]
    return location


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": f"{rule.title_zh} — {rule.title_en}"},
        "fullDescription": {"text": rule.reason},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
    }


def render_sarif(
    findings: Findings,
    checked: int,
    *,
    lang: Language = "both",
    failures: Sequence[EditionLoadError] = (),
    rules: Sequence[Rule] = RULES,
) -> str:
    """A SARIF 2.1.0 log: one run of dutyledger with every rule, finding and unreadable file.

    Code-scanning services (GitHub's among them) read SARIF: each finding is a
    ``result`` with its rule, level, message, file and line, and its JSON path
    as a logical location. A file that could not be read is a tool execution
    notification of level ``error``, and makes ``executionSuccessful`` false.

    Args:
        findings: The findings.
        checked: How many editions were checked (kept as a run property).
        lang: The language of the messages.
        failures: The files that could not be read as editions.
        rules: The rules to describe (all of them by default).
    """
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for finding in findings:
        where = finding.location
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message(lang)},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        location = _sarif_location(where.file, where.line, where.path)
        if location:
            result["locations"] = [location]
        properties = {
            key: value
            for key, value in (
                ("itemId", where.item_id),
                ("list", where.list.value if where.list is not None else None),
                ("number", where.number),
                ("score", finding.score),
            )
            if value is not None
        }
        if properties:
            result["properties"] = properties
        results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": f"not a readable edition: {_failure_message(failure)}"},
            "locations": [_sarif_location(failure.source, _failure_line(failure), None)],
        }
        for failure in failures
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dutyledger",
                        "version": __version__,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not failures,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
                "properties": {"editionsChecked": checked},
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def render(
    findings: Findings,
    checked: int,
    *,
    fmt: str = "text",
    lang: Language = "both",
    failures: Sequence[EditionLoadError] = (),
) -> str:
    """Render findings as ``text``, ``json``, ``github`` or ``sarif``.

    ``failures`` (files that could not be read) appear in the ``github`` and
    ``sarif`` outputs; the text and JSON outputs leave them to stderr.
    """
    if fmt == "json":
        return render_json(findings, checked)
    if fmt == "github":
        return render_github(findings, checked, lang=lang, failures=failures)
    if fmt == "sarif":
        return render_sarif(findings, checked, lang=lang, failures=failures)
    return render_text(findings, checked, lang=lang)


def format_findings(
    findings: Findings,
    *,
    format: OutputFormat = "text",
    lang: Language = "both",
    checked: int | None = None,
) -> str:
    """Return findings as ``dutyledger check`` prints them.

    Args:
        findings: From :func:`check` or :func:`check_editions`.
        format: ``text`` (one line per finding and a summary), ``json``
            (``dutyledger.check/1``), ``github`` (GitHub Actions annotations)
            or ``sarif`` (SARIF 2.1.0, for code-scanning services).
        lang: The language of the messages: ``zh``, ``en`` or ``both``.
        checked: How many editions were checked, for the summary line; by
            default the number of files the findings name (at least 1).

    Returns:
        The text, ending with a newline.

    Raises:
        InvalidArgumentError: An unknown ``format`` or ``lang``.
    """
    if format not in FORMATS:
        raise InvalidArgumentError("format", format, " or ".join(repr(f) for f in FORMATS))
    if lang not in LANGUAGES:
        raise InvalidArgumentError("lang", lang, " or ".join(repr(x) for x in LANGUAGES))
    if checked is None:
        checked = max(1, len({f.location.file for f in findings if f.location.file}))
    return render(findings, checked, fmt=format, lang=lang)


def render_rules(rules: Sequence[Rule]) -> str:
    """The rule table for ``--list-rules``: code, severity, name, titles."""
    lines = [
        f"{r.code}  {r.severity.value:<7}  {r.name:<24}  {r.title_zh} — {r.title_en}" for r in rules
    ]
    return "\n".join(lines) + "\n"
