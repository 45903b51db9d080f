"""Optional dependencies: import one where it is used, or say which extra brings it.

The core (editions, check, diff, the text/md/html/json/csv reports) needs only its
hard dependencies; office files (xlsx, docx, pdf) need the ``office`` extra.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from dutyledger.exceptions import MissingExtraError

__all__ = ["require"]


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Import ``module`` for ``feature``, or raise :class:`MissingExtraError` naming ``extra``.

    Args:
        module: The module to import, e.g. ``"openpyxl"``.
        extra: The dutyledger extra that installs it, e.g. ``"office"``.
        feature: What needs it, for the message, e.g. ``"the Excel report"``.

    Raises:
        MissingExtraError: The module cannot be imported.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(feature, extra, module.split(".", maxsplit=1)[0]) from exc
