"""The exit statuses of ``dutyledger`` (``docs/cli.md``)."""

from __future__ import annotations

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_CHANGES",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_SOFTWARE",
    "EXIT_TERMINATED",
]

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_BAD_INPUT = 2
EXIT_SOFTWARE = 70
"""An internal error (a bug): sysexits.h EX_SOFTWARE."""
EXIT_BROKEN_PIPE = 141
"""The reader of stdout went away (128 + SIGPIPE), as a shell reports it."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT)."""
EXIT_TERMINATED = 143
"""SIGTERM (128 + SIGTERM)."""
