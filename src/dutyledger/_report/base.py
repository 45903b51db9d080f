"""The renderer protocol and the registry of formats."""

from __future__ import annotations

import importlib
from typing import Protocol

from dutyledger._report.model import Report

__all__ = ["FORMATS", "Renderer", "renderer"]


class Renderer(Protocol):
    """Lays a :class:`Report` out in one format.

    Attributes:
        name: The format's name on the command line (``md``, ``xlsx`` …).
        suffix: The usual file suffix.
        binary: Whether the output is a binary file (not for a terminal).
    """

    name: str
    suffix: str
    binary: bool

    def render(self, report: Report) -> bytes:
        """Return the report in this format (text formats as UTF-8)."""
        ...


# name -> module; each module has a RENDERER. Imported on demand, so that a
# report in one format never loads another format's library.
FORMATS: dict[str, str] = {
    "text": "dutyledger._report.terminal",
    "md": "dutyledger._report.markdown",
    "html": "dutyledger._report.html",
    "xlsx": "dutyledger._report.xlsx",
    "docx": "dutyledger._report.docx",
    "csv": "dutyledger._report.csv",
}


def renderer(name: str) -> Renderer:
    """Return the renderer of a format.

    Raises:
        KeyError: No format of that name.
    """
    module = importlib.import_module(FORMATS[name])
    found: Renderer = module.RENDERER
    return found
