"""The lazy public facade: names load on first use, and report ``dutyledger`` as their module.

``import dutyledger`` loads only this module and the version, so ``dutyledger
--version`` and ``--help`` start without cattrs, rapidfuzz, deepdiff or any
report library (PEP 562's module ``__getattr__``). When a name is first asked
for, its module is imported, and every public class and function of the modules
loaded so far is stamped with ``__module__ = "dutyledger"``, so ``help``,
``repr`` and ``pickle`` show the public path, never a private room.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

__all__ = ["make_getattr"]

PUBLIC = "dutyledger"
_MISSING = object()


def _stamp(obj: Any) -> None:
    # attrs is imported here, not at the top: the facade is what ``dutyledger --version``
    # loads, and attrs alone would double its start-up time. Any record asked for has
    # loaded it already.
    import attrs

    is_class = isinstance(obj, type)
    if not (is_class or isinstance(obj, types.FunctionType)):
        return
    if getattr(obj, "__module__", PUBLIC) == PUBLIC:
        return
    if is_class and attrs.has(obj):
        # String annotations (``from __future__ import annotations``) resolve in the
        # defining module's namespace: resolve them before that module is no longer named.
        attrs.resolve_types(obj)
    obj.__module__ = PUBLIC


def make_getattr(package: str, lazy: dict[str, str]) -> Callable[[str], Any]:
    """Return the module ``__getattr__`` of ``package`` for the public names in ``lazy``.

    Loaded names are kept in a cache of their own, not in the package's globals: pydoc
    documents every global, and ``help(dutyledger)`` is meant to stay an overview.
    """
    cache: dict[str, Any] = {}

    def __getattr__(name: str) -> Any:
        found = cache.get(name, _MISSING)
        if found is not _MISSING:
            return found
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        importlib.import_module(module)
        for public, where in lazy.items():
            loaded = sys.modules.get(where)
            if loaded is not None and public not in cache:
                value = getattr(loaded, public)
                _stamp(value)
                cache[public] = value
        return cache[name]

    return __getattr__
