"""The three outputs of ``dutyledger check``: text, JSON, GitHub Actions annotations.

All three are pure functions of the findings, so they are tested without files.
The JSON structure is documented in ``docs/checks.md`` and versioned by its
``format`` key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from dutyledger._checks.base import Rule
from dutyledger._checks.findings import Finding, Findings, Severity
from dutyledger._edition.codec import make_converter
from dutyledger._edition.safe_text import json_safe, visible

__all__ = ["FORMAT", "render", "render_github", "render_json", "render_rules", "render_text"]

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


def _text_line(finding: Finding, lang: str) -> str:
    where = finding.location
    place = where.file or _NO_FILE
    if where.line is not None:
        place += f":{where.line}"
    path = f" [{where.path}]" if where.path else ""
    # Messages quote the edition's texts: control characters are shown, never sent.
    return visible(
        f"{place}: {finding.code} {finding.severity.value} {finding.message(lang)}{path}"
    )


def render_text(findings: Findings, checked: int, *, lang: str = "both") -> str:
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


def _annotation(finding: Finding, lang: str) -> str:
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


def render_github(findings: Findings, checked: int, *, lang: str = "both") -> str:
    """GitHub Actions workflow commands, one annotation per finding, then a summary.

    ``::error file=F,line=N,title=CODE::message`` (``::warning`` for
    warnings), escaped as GitHub requires: ``%``, CR and LF in the message;
    also ``:`` and ``,`` in properties.
    """
    lines = [_annotation(f, lang) for f in findings]
    lines.append(summary(findings, checked))
    return "\n".join(lines) + "\n"


def render(findings: Findings, checked: int, *, fmt: str = "text", lang: str = "both") -> str:
    """Render findings as ``text``, ``json`` or ``github``."""
    if fmt == "json":
        return render_json(findings, checked)
    if fmt == "github":
        return render_github(findings, checked, lang=lang)
    return render_text(findings, checked, lang=lang)


def render_rules(rules: Sequence[Rule]) -> str:
    """The rule table for ``--list-rules``: code, severity, name, titles."""
    lines = [
        f"{r.code}  {r.severity.value:<7}  {r.name:<24}  {r.title_zh} — {r.title_en}" for r in rules
    ]
    return "\n".join(lines) + "\n"
