r"""Text that is safe to print and to write, whatever an edition holds.

A loaded edition can hold any Unicode string: control characters (ESC starts a
terminal escape sequence), lone surrogates (which no UTF-8 encoder accepts) and
characters that XML 1.0 forbids (which make a .xlsx or .docx unreadable).
``dutyledger check`` reports every such character as an error (DL114); the
functions here keep every writer working on an edition that was not checked.

* :func:`unsafe_characters` finds them, for the check rule.
* :func:`visible` makes them visible, one character for one: C0 controls
  become their Unicode control pictures (``\x1b`` → ``␛``), DEL becomes ``␡``,
  C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF become
  ``�`` (U+FFFD). A line feed is kept only where asked (``keep="\n"``).
* :func:`visible_record` applies :func:`visible` to every string of an attrs
  record tree (a report), keeping line feeds.
* :func:`json_safe` makes dumped JSON text encodable and inert, without
  changing what it means.
* :func:`csv_cell` neutralises a CSV cell a spreadsheet would run as a formula.

The rules are documented in ``docs/reliability.md`` ("Hostile input and output
targets").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TypeVar

import attrs

__all__ = [
    "FORMULA_STARTS",
    "TEXT_LIMIT",
    "clip",
    "csv_cell",
    "describe_character",
    "json_safe",
    "unsafe_characters",
    "visible",
    "visible_record",
]

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_JSON_ESCAPED = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
_REPLACEMENT = "\ufffd"

FORMULA_STARTS = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet read a CSV cell as a formula (OWASP)."""

TEXT_LIMIT = 30_000
"""The longest text a report shows whole, in characters: below Excel's 32,767 per
cell, and far above any text of a real list. A longer text is cut there, with a
note of how much was left out; the edition itself is never changed."""

T = TypeVar("T")


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """Return the position and character of every unsafe character of ``text``.

    Unsafe: C0 controls (tab and line feed included), DEL, C1 controls, lone
    surrogates, U+FFFE and U+FFFF.
    """
    return [(m.start(), m.group()) for m in _UNSAFE.finditer(text)]


def describe_character(char: str) -> str:
    """Name a character for a message: ``U+001B (ESCAPE)``, ``U+D800 (lone surrogate)``."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        name = "lone surrogate"
    else:
        name = unicodedata.name(char, "") or {
            0x7F: "DELETE",
            0x0A: "LINE FEED",
            0x0D: "CARRIAGE RETURN",
            0x09: "TAB",
            0x1B: "ESCAPE",
            0x00: "NUL",
        }.get(code, "control")
    return f"U+{code:04X} ({name})"


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return _REPLACEMENT


def visible(text: str, *, keep: str = "") -> str:
    r"""Return ``text`` with every unsafe character made visible, one for one.

    Args:
        text: Any string.
        keep: Characters to leave as they are (``"\n"`` to keep line breaks).

    Returns:
        The text, safe for a terminal, UTF-8 and XML 1.0.
    """
    if not _UNSAFE.search(text):
        return text
    if not keep:
        return _UNSAFE.sub(_picture, text)
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _picture(m), text)


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """Cut a text longer than ``limit`` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…［另有{len(text) - limit}字未显示 / {len(text) - limit} more characters not shown］"


def visible_record(value: T) -> T:
    """Return an attrs record tree made safe to lay out in any format.

    Every string gets :func:`visible` (line feeds kept: reports put one between
    the items of a cell) and :func:`clip`. A record with a ``text`` longer than
    :data:`TEXT_LIMIT` and ``segments`` (a report cell with highlighted runs)
    loses its runs, so that its text is clipped whole. Walks attrs instances,
    tuples, lists and dicts (keys and values); other values are returned as
    they are.
    """
    return _visible_value(value)  # type: ignore[no-any-return]


def _visible_value(value: Any) -> Any:
    if isinstance(value, str):
        return clip(visible(value, keep="\n"))
    if isinstance(value, tuple):
        return tuple(_visible_value(v) for v in value)
    if isinstance(value, list):
        return [_visible_value(v) for v in value]
    if isinstance(value, dict):
        return {_visible_value(k): _visible_value(v) for k, v in value.items()}
    if attrs.has(type(value)):
        text, segments = getattr(value, "text", None), getattr(value, "segments", None)
        if isinstance(text, str) and len(text) > TEXT_LIMIT and segments:
            value = attrs.evolve(value, segments=())
        changes = {}
        for field in attrs.fields(type(value)):
            current = getattr(value, field.name)
            cleaned = _visible_value(current)
            if cleaned is not current and cleaned != current:
                changes[field.alias or field.name] = cleaned
        return attrs.evolve(value, **changes) if changes else value
    return value


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(dumped: str) -> str:
    r"""Escape, in JSON text made by :func:`json.dumps`, what must not go out raw.

    ``json.dumps(..., ensure_ascii=False)`` already escapes C0 controls; this
    escapes DEL, C1 controls, lone surrogates, U+FFFE/U+FFFF and the line
    separators U+2028/U+2029 as ``\uXXXX``. Such characters only occur inside
    JSON strings, so the document means exactly what it meant (``json.loads``
    gives the same value back), and it encodes to UTF-8.
    """
    return _JSON_ESCAPED.sub(_json_escape, dumped)


def csv_cell(text: str) -> str:
    """Return a CSV cell a spreadsheet will show as text, never run as a formula.

    A cell whose first character is ``= + - @``, tab or carriage return gets a
    leading apostrophe (OWASP, "CSV injection"); unsafe characters are made
    visible (line feeds kept: CSV quotes them).
    """
    cell = visible(text, keep="\n")
    if text[:1] in FORMULA_STARTS:
        return "'" + cell
    return cell
