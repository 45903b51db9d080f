"""The editions shipped with dutyledger.

The wheel carries the project's ``editions/`` folder as ``dutyledger/_editions``;
in a source checkout (an editable install) the folder is read where it stands.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from dutyledger._edition.codec import load_edition
from dutyledger._edition.records import Edition
from dutyledger.exceptions import UnknownEditionError

__all__ = ["builtin_edition", "builtin_edition_names", "builtin_edition_path"]


def _folder() -> Path:
    shipped = resources.files("dutyledger") / "_editions"
    if shipped.is_dir():
        return Path(str(shipped))
    # A source checkout: src/dutyledger/_edition/ -> the project root's editions/.
    return Path(__file__).resolve().parents[3] / "editions"


def builtin_edition_names() -> tuple[str, ...]:
    """Return the names of the shipped editions, oldest first (``2025-01`` …)."""
    folder = _folder()
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.stem for p in folder.glob("*.json")))


def builtin_edition_path(name: str) -> Path:
    """Return the path of a shipped edition file.

    Raises:
        UnknownEditionError: No edition of that name is shipped.
    """
    path = _folder() / f"{name}.json"
    if not path.is_file():
        raise UnknownEditionError(name, builtin_edition_names())
    return path


def builtin_edition(name: str = "2025-01") -> Edition:
    """Load a shipped edition by name.

    Args:
        name: The edition's name, its date (``2025-01``).

    Returns:
        The edition.

    Raises:
        UnknownEditionError: No edition of that name is shipped.
    """
    return load_edition(builtin_edition_path(name))
