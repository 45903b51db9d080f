"""Find the line of a JSON path in the text of a JSON file.

``json`` gives values, not positions, so this walks the text once with a small
scanner (a string's value is decoded by ``json``, so escapes in keys are exact)
and records where each value starts. Any valid JSON works, canonical or not; a
path that is not in the file answers with the line of its nearest ancestor.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left

__all__ = ["LineLocator"]

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_SCALAR = re.compile(r"true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LAST_STEP = re.compile(r"(\.[^.\[]+|\[\d+\])$")


class LineLocator:
    """Answer "which line is ``$.cooperative[3].name`` on?" for one JSON text.

    Args:
        text: The JSON text. If it is not valid JSON, every answer is ``None``.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: dict[str, int] = {}
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        try:
            self._value(0, "$")
        except (ValueError, IndexError):
            self._starts = {}

    def line(self, path: str | None) -> int | None:
        """Return the 1-based line where the value at ``path`` starts, or ``None``."""
        while path:
            offset = self._starts.get(path)
            if offset is not None:
                return bisect_left(self._newlines, offset) + 1
            parent = _LAST_STEP.sub("", path)
            if parent == path:
                return None
            path = parent
        return None

    def _skip(self, pos: int) -> int:
        match = _SPACE.match(self._text, pos)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    def _string(self, pos: int) -> tuple[str, int]:
        """Read the string at ``pos``; return its value and the position after it."""
        match = _STRING.match(self._text, pos)
        if match is None:
            raise ValueError(f"unterminated string at {pos}")
        value: str = json.loads(match.group())
        return value, match.end()

    def _value(self, pos: int, path: str) -> int:
        """Record where the value at ``pos`` starts; return the position after it."""
        text = self._text
        pos = self._skip(pos)
        self._starts[path] = pos
        char = text[pos]
        if char == '"':
            return self._string(pos)[1]
        if char == "{":
            return self._object(pos + 1, path)
        if char == "[":
            return self._array(pos + 1, path)
        scalar = _SCALAR.match(text, pos)
        if scalar is None:
            raise ValueError(f"unexpected {char!r} at {pos}")
        return scalar.end()

    def _object(self, pos: int, path: str) -> int:
        text = self._text
        pos = self._skip(pos)
        if text[pos] == "}":
            return pos + 1
        while True:
            if text[pos] != '"':
                raise ValueError(f"expected a key at {pos}")
            key, pos = self._string(pos)
            pos = self._skip(pos)
            if text[pos] != ":":
                raise ValueError(f"expected ':' at {pos}")
            pos = self._skip(self._value(pos + 1, f"{path}.{key}"))
            if text[pos] == "}":
                return pos + 1
            if text[pos] != ",":
                raise ValueError(f"expected ',' at {pos}")
            pos = self._skip(pos + 1)

    def _array(self, pos: int, path: str) -> int:
        text = self._text
        pos = self._skip(pos)
        if text[pos] == "]":
            return pos + 1
        index = 0
        while True:
            pos = self._skip(self._value(pos, f"{path}[{index}]"))
            index += 1
            if text[pos] == "]":
                return pos + 1
            if text[pos] != ",":
                raise ValueError(f"expected ',' at {pos}")
            pos += 1
