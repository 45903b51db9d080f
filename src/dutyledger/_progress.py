"""Progress on stderr, shown only when stderr is a terminal.

CI logs and pipes stay quiet; a person at a terminal sees what a long run is doing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Progress", "progress"]


class Progress:
    """Say which step a run is on (a spinner with a message), or nothing off a terminal."""

    def __init__(self, status: Any | None) -> None:
        self._status = status

    def step(self, message: str) -> None:
        """Show the step now being taken."""
        if self._status is not None:
            self._status.update(message)


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
    from rich.console import Console

    console = Console(stderr=True)
    with console.status(first) as status:
        yield Progress(status)
