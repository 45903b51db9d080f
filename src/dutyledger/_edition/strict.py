"""Strict JSON for every file format, and the limits of what a file may hold.

Editions, change sets and crosswalks are read by one :func:`parse_json`. It is
stricter than :func:`json.loads` on purpose (``docs/reliability.md``):

- a key twice in one object is an error, not "the last one wins";
- ``NaN``, ``Infinity``, ``-Infinity``, a number too large for a float
  (``1e400``) and ``-0`` are errors: they are not JSON (RFC 8259) or not
  canonical;
- an integer of more than :data:`MAX_INTEGER_DIGITS` digits is an error,
  before Python's own conversion limit turns it into a crash;
- nesting past :data:`MAX_DEPTH` levels is an error, before the parser
  runs out of stack;
- a file larger than :data:`MAX_FILE_BYTES` is refused before it is read.

The checks that need the whole document walk it only when a hook has flagged
something, so a valid file pays for one ``object_pairs_hook`` and one byte
search. What belongs to a record's fields (integers within ±2^53, texts of at
most :data:`MAX_TEXT_CHARS` characters, arrays where the format has arrays,
every field present) is said by the converter hooks here, so the problem comes
with the field's JSON path.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

import attrs

from dutyledger.exceptions import Problem

if TYPE_CHECKING:  # cattrs is imported where a converter is taught: a canonical file never is
    import cattrs

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INTEGER",
    "MAX_INTEGER_DIGITS",
    "MAX_ITEMS",
    "MAX_TEXT_CHARS",
    "MAX_TOML_BYTES",
    "check_integer",
    "check_text",
    "depth_problem",
    "describe",
    "has_raw_escapable",
    "item_count_problem",
    "parse_json",
    "raw_escapable_problem",
    "read_limited",
    "read_toml_text",
    "require_arrays",
    "require_every_field",
]

MAX_FILE_BYTES = 512 * 1024 * 1024
"""The largest file read: 512 MiB (a 200,000-item edition is about 210 MB)."""

MAX_TOML_BYTES = 1024 * 1024
"""The largest TOML file read (``pyproject.toml``, ingest metadata): 1 MiB.

Python's TOML reader takes time quadratic in the length of a string with escapes
(4 s for a 6 MB one); a configuration file is never near this size.
"""

MAX_DEPTH = 64
"""The deepest nesting of arrays and objects (the formats themselves nest at most 9)."""

MAX_INTEGER = 2**53
"""The largest integer magnitude: beyond it, JSON readers that use doubles lose digits."""

MAX_INTEGER_DIGITS = 16
"""An integer literal with more digits is refused without converting it (±2^53 has 16)."""

MAX_ITEMS = 500_000
"""The most items an edition holds, over its three lists."""

MAX_TEXT_CHARS = 100_000
"""The longest text (any string field), in characters; a real duty text is under 5,000."""

_NEGATIVE_ZERO = re.compile(rb"-0[^0-9.eE]")
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_LONG_INTEGER = re.compile(rf"-?\d{{{MAX_INTEGER_DIGITS + 1},}}")


@attrs.frozen
class _Refused:
    """A value the parser met but JSON does not allow; stands in its place until reported."""

    message: str


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """Read a file, or return ``None`` if it is larger than ``limit`` bytes.

    A regular file's size is known before reading; a device or a FIFO is read in
    chunks, since it may never end (``/dev/zero``).

    Raises:
        OSError: The file cannot be read.
    """
    with path.open("rb") as handle:
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            if os.fstat(handle.fileno()).st_size > limit:
                return None
            return handle.read()
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = handle.read(2**20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)


def read_toml_text(path: Path) -> str:
    """Read a TOML file as text, refusing one past :data:`MAX_TOML_BYTES`.

    Raises:
        OSError: The file cannot be read.
        UnicodeDecodeError: It is not UTF-8.
        ValueError: It is larger than the limit (the message says so).
    """
    raw = read_limited(path, MAX_TOML_BYTES)
    if raw is None:
        limit = MAX_TOML_BYTES // 1024
        raise ValueError(f"larger than {limit} KiB; expected a file of at most {limit} KiB")
    return raw.decode("utf-8")


def describe(value: Any) -> str:
    """Say what a JSON value is, in words, for a message (``a string ("甘沟乡")``)."""
    if value is None:
        return "null"
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    for kind, name in names.items():
        if type(value) is kind:
            shown = value[:40] if isinstance(value, str) else value
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
                return f"{name} of {len(str(abs(value)))} digits"
            return f"{name} ({json.dumps(shown, ensure_ascii=False)[:40]})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# What canonical JSON writes as a \uXXXX escape (dump_edition, through safe_text.json_safe):
# DEL and the C1 controls, U+FFFE/U+FFFF and the line separators U+2028/U+2029. Written as
# themselves they are not canonical, so they are refused: load takes exactly what dump writes.
_RAW_ESCAPABLE = (b"\x7f", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_RAW_C1 = re.compile(rb"\xc2[\x80-\x9f]")


def has_raw_escapable(raw: bytes) -> bool:
    """Whether the UTF-8 bytes of one of those characters are in ``raw``.

    Each is looked for by ``bytes.__contains__`` (memchr speed, several times a regular
    expression's on Chinese text, whose lead bytes keep an alternation busy); the C1
    controls only where their lead byte occurs at all.
    """
    if any(sequence in raw for sequence in _RAW_ESCAPABLE):
        return True
    return b"\xc2" in raw and _RAW_C1.search(raw) is not None


def raw_escapable_problem(text: str, raw: bytes) -> Problem | None:
    """A character that canonical JSON escapes, found written as itself; ``None`` if none."""
    if not has_raw_escapable(raw):
        return None
    for offset, char in enumerate(text):
        code = ord(char)
        if code == 0x7F or 0x80 <= code <= 0x9F or code in (0xFFFE, 0xFFFF, 0x2028, 0x2029):
            message = (
                f"U+{code:04X} written as itself; expected the escape \\u{code:04x}, "
                "as canonical JSON writes it"
            )
            return Problem(where=_position(text, offset), message=message)
    return None


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _too_deep_at(text: str) -> str:
    """Return the line and column where the text's nesting passes :data:`MAX_DEPTH`."""
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _position(text, token.start())
        elif char in "]}":
            depth -= 1
    return "$"


def _join(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}"


def _flagged_paths(data: Any, duplicates: dict[int, list[str]]) -> list[Problem]:
    """Walk the document once for the keys and values the hooks flagged, with their paths."""
    problems: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key in duplicates.get(id(value), ()):
                message = f"duplicate key {key!r}; expected each key once in an object"
                problems.append(Problem(where=_join(path, key), message=message))
            entries: Any = value.items()
        elif isinstance(value, list):
            entries = enumerate(value)
        else:
            continue
        for key, child in entries:
            if isinstance(child, _Refused):
                problems.append(Problem(where=_join(path, key), message=child.message))
            elif isinstance(child, dict | list):
                stack.append((child, _join(path, key)))
    problems.sort(key=lambda p: p.where)
    return problems


def parse_json(text: str, raw: bytes) -> tuple[Any, list[Problem]]:
    """Parse JSON text strictly; return the data and every problem, each with its place.

    Args:
        text: The JSON text.
        raw: The same text as UTF-8 bytes (searched for ``-0`` at C speed).

    Returns:
        The parsed data (``None`` when it cannot be parsed) and the problems;
        the data is to be used only if there are none.

    Raises:
        json.JSONDecodeError: The text is not JSON at all (the caller names
            line and column).
    """
    duplicates: dict[int, list[str]] = {}
    refused: list[_Refused] = []

    def pairs(entries: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(entries)
        if len(obj) != len(entries):
            seen: set[str] = set()
            found = duplicates.setdefault(id(obj), [])
            for key, _ in entries:
                if key in seen and key not in found:
                    found.append(key)
                seen.add(key)
        return obj

    def refuse(message: str) -> _Refused:
        mark = _Refused(message)
        refused.append(mark)
        return mark

    def constant(name: str) -> _Refused:
        return refuse(f"{name} is not JSON; expected a finite number")

    def number(literal: str) -> float | _Refused:
        value = float(literal)
        if not math.isfinite(value):
            return refuse(f"{literal} is too large for a number; expected a finite number")
        return value

    def integer(literal: str) -> int | _Refused:
        if literal == "-0":
            return refuse("-0 is not canonical; expected 0")
        return int(literal)

    # parse_int is the slow path, only for a file that may hold a -0 (dates hold "-0" + digit).
    maybe_negative_zero = _NEGATIVE_ZERO.search(raw) is not None
    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=constant,
            parse_float=number,
            parse_int=integer if maybe_negative_zero else None,
        )
    except RecursionError:
        message = f"nested more than {MAX_DEPTH} levels deep; expected at most {MAX_DEPTH}"
        return None, [Problem(where=_too_deep_at(text), message=message)]
    except json.JSONDecodeError:
        raise
    except ValueError:
        # Python refuses to convert an integer literal of more than 4,300 digits.
        match = _LONG_INTEGER.search(text)
        where = "$" if match is None else _position(text, match.start())
        message = f"an integer of more than {MAX_INTEGER_DIGITS} digits; expected at most ±2^53"
        return None, [Problem(where=where, message=message)]
    if duplicates or refused:
        return data, _flagged_paths(data, duplicates)
    return data, []


def depth_problem(data: Any) -> Problem | None:
    """Return a problem at the first array or object nested past :data:`MAX_DEPTH`, if any.

    A document deeper than the format never structures, so the loaders call this
    only when structuring found problems: a valid file pays nothing.
    """
    stack: list[tuple[Any, str, int]] = [(data, "$", 1)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep; expected at most {MAX_DEPTH}"
            return Problem(where=path, message=message)
        entries = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in entries:
            if isinstance(child, dict | list):
                stack.append((child, _join(path, key), depth + 1))
    return None


def item_count_problem(data: dict[str, Any], lists: tuple[str, ...]) -> Problem | None:
    """Return a problem if an edition's lists hold more than :data:`MAX_ITEMS` items together."""
    count = sum(len(data[key]) for key in lists if isinstance(data.get(key), list))
    if count > MAX_ITEMS:
        message = f"{count:,} items; expected at most {MAX_ITEMS:,} in an edition"
        return Problem(where="$", message=message)
    return None


def check_text(value: str) -> str:
    """Refuse a text longer than :data:`MAX_TEXT_CHARS` (a converter's ``str`` hook calls it)."""
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(
            f"a text of {len(value):,} characters; expected at most {MAX_TEXT_CHARS:,}"
        )
    return value


def check_integer(value: int) -> int:
    """Refuse an integer beyond ±2^53 (a converter's ``int`` hook calls it)."""
    if not -MAX_INTEGER <= value <= MAX_INTEGER:
        raise ValueError(f"{describe(value)}; expected an integer within ±2^53")
    return value


def _is_variadic_tuple(kind: Any) -> bool:
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def require_arrays(converter: cattrs.Converter) -> None:
    """Make a converter take a ``tuple[X, ...]`` field only from a JSON array.

    cattrs takes any iterable: a string would become a tuple of its characters
    and an object a tuple of its keys.
    """
    from cattrs.cols import homogenous_tuple_structure_factory

    def factory(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
        inner = homogenous_tuple_structure_factory(kind, conv)

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, list):
                raise TypeError(f"expected an array, found {describe(value)}")
            return inner(value, kind)

        return structure

    converter.register_structure_hook_factory(_is_variadic_tuple, factory)


def require_every_field(converter: cattrs.Converter) -> None:
    """Make a converter refuse an object that leaves out a field, even one with a default.

    The formats are canonical: every file :func:`dutyledger.load_edition`
    accepts is the one :func:`dutyledger.dump_edition` writes, and that writes
    every field.
    """
    from cattrs.errors import AttributeValidationNote, ClassValidationError
    from cattrs.gen import make_dict_structure_fn

    def factory(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
        inner = make_dict_structure_fn(cls, conv)
        fields = [(a.name, a.type) for a in attrs.fields(cls)]

        def structure(value: Any, _: Any) -> Any:
            if isinstance(value, dict):
                missing = []
                for name, kind in fields:
                    if name not in value:
                        exc = KeyError(name)
                        note = f"Structuring class {cls.__qualname__} @ attribute {name}"
                        exc.__notes__ = [AttributeValidationNote(note, name, kind)]
                        missing.append(exc)
                if missing:
                    raise ClassValidationError(
                        f"While structuring {cls.__qualname__}", missing, cls
                    )
            return inner(value, cls)

        return structure

    converter.register_structure_hook_factory(attrs.has, factory)
