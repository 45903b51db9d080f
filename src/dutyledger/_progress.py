"""Progress on stderr, shown only when stderr is a terminal.

CI logs and pipes stay quiet; a person at a terminal sees what a long run is
doing: one line, rewritten in place at each step, cleared at the end. Plain
text, so the core needs no terminal library.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["Progress", "progress"]


class Progress:
    """Say which step a run is on (one line on the terminal), or nothing off a terminal."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def step(self, message: str) -> None:
        """Show the step now being taken, in place of the one before."""
        if self._stream is not None:
            # \r back to the line's start, \x1b[K erase to its end: the line is rewritten.
            self._stream.write(f"\r\x1b[K… {message}")
            self._stream.flush()


@contextmanager
def progress(first: str, *, enabled: bool | None = None) -> Iterator[Progress]:
    """Show progress on stderr while the block runs.

    Args:
        first: The first step's message.
        enabled: Force on or off; by default on only when stderr is a terminal.
    """
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield Progress(None)
        return
    shown = Progress(sys.stderr)
    shown.step(first)
    try:
        yield shown
    finally:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
