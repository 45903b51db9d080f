"""Reading a ledger's editions cheaply, and its cache on disk.

An edition file is known first by its metadata alone: the canonical JSON
writes ``format`` and ``meta`` first, so a small read of the head of the file
gives them (the whole file is parsed only if it is not canonical). Its items
are loaded only when needed.

The cache keeps, per edition, a compact index of its items, and per pair of
consecutive editions the link between them (pairing, substantive changes,
flows, indicators), each in a file named by the editions' content hashes
(SHA-256 of the file's bytes) and written atomically. A file whose size,
modification time and inode are unchanged keeps the hash recorded for it (as
git's index does), so a warm ledger does not read its editions at all.
A cache file that cannot be read is ignored and made again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from dutyledger._edition.codec import FORMAT, make_converter, structure_problems, write_atomic
from dutyledger._edition.records import (
    CooperativeItem,
    Edition,
    EditionMeta,
    ListKind,
    RecalledItem,
)
from dutyledger._ledger.records import EditionEntry, ItemState, effective_day
from dutyledger.exceptions import EditionLoadError, Problem

__all__ = [
    "CACHE_ENV",
    "OTHER_FORMATS",
    "Cache",
    "EditionIndex",
    "default_cache_folder",
    "entry_of",
    "read_entry",
    "state_of",
]

CACHE_ENV = "DUTYLEDGER_CACHE"
"""The environment variable naming the cache folder (default ``~/.cache/dutyledger``)."""

OTHER_FORMATS = frozenset(
    {
        "dutyledger.crosswalk/1",
        "dutyledger.changeset/1",
        "dutyledger.example-manifest/1",
        "dutyledger.overview/1",
    }
)
"""Other dutyledger documents that may sit beside editions; a ledger passes them over."""

_FORMAT_KEY = re.compile(rb'^\s*\{\s*"format"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"meta"\s*:\s*')
_HEAD = 16_384
_VERSION = "1"


def default_cache_folder() -> Path:
    """``$DUTYLEDGER_CACHE``, else ``$XDG_CACHE_HOME/dutyledger``, else ``~/.cache/dutyledger``."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "dutyledger"


def _head(path: Path) -> tuple[str | None, dict[str, Any] | None]:
    """The ``format`` and ``meta`` of an edition file from its head; ``None``s if not canonical."""
    with path.open("rb") as handle:
        raw = handle.read(_HEAD)
        found = _FORMAT_KEY.match(raw)
        if found is None:
            return None, None
        fmt = json.loads(found.group(1))
        if fmt != FORMAT:
            return fmt, None
        decoder = json.JSONDecoder()
        while True:
            try:
                text = raw[found.end() :].decode("utf-8")
                meta, _ = decoder.raw_decode(text)
            except (UnicodeDecodeError, json.JSONDecodeError):
                more = handle.read(len(raw))
                if not more:
                    return fmt, None
                raw += more
                continue
            return fmt, meta if isinstance(meta, dict) else None


def read_entry(path: Path, digest: Callable[[Path], str]) -> EditionEntry | None:
    """Read an edition file's metadata (not its items).

    Args:
        path: The file.
        digest: Gives the file's content hash.

    Returns:
        The entry; ``None`` for another dutyledger document (:data:`OTHER_FORMATS`).

    Raises:
        EditionLoadError: The file cannot be read, or is no edition, or its
            metadata is not valid.
    """
    name = str(path)
    try:
        fmt, meta = _head(path)
        if meta is None and fmt is None:
            data = json.loads(path.read_bytes().decode("utf-8"))
            if not isinstance(data, dict):
                raise EditionLoadError(name, [Problem(where="$", message="expected an object")])
            fmt, meta = data.get("format"), data.get("meta")
    except OSError as exc:
        raise EditionLoadError(
            name, [Problem(where="file", message=f"cannot read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        message = "not UTF-8; expected a UTF-8 encoded JSON file"
        raise EditionLoadError(name, [Problem(where="file", message=message)]) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise EditionLoadError(
            name, [Problem(where=where, message=f"invalid JSON: {exc.msg}")]
        ) from None
    if fmt in OTHER_FORMATS:
        return None
    if fmt != FORMAT:
        raise EditionLoadError(
            name, [Problem(where="$.format", message=f"expected {FORMAT!r}, found {fmt!r}")]
        )
    record, problems = structure_problems(make_converter(), meta, EditionMeta, root="$.meta")
    if record is None:
        raise EditionLoadError(name, problems)
    try:
        effective_day(record.date)
    except ValueError as exc:
        raise EditionLoadError(name, [Problem(where="$.meta.date", message=str(exc))]) from None
    stem = path.name.removesuffix(".json")
    return _entry(stem, path, record, digest(path))


def _entry(name: str, path: Path | None, meta: EditionMeta, digest: str) -> EditionEntry:
    return EditionEntry(
        name=name,
        path=path,
        title=meta.title,
        jurisdiction=meta.jurisdiction,
        date=meta.date,
        status=meta.status,
        namespace=meta.namespace,
        digest=digest,
    )


def entry_of(edition: Edition, name: str | None = None, path: Path | None = None) -> EditionEntry:
    """The entry of an edition held in memory (its digest: of its canonical JSON)."""
    from dutyledger._edition.codec import dump_edition

    digest = hashlib.sha256(dump_edition(edition).encode("utf-8")).hexdigest()
    return _entry(name or edition.meta.date, path, edition.meta, digest)


def state_of(item: Any) -> ItemState:
    """The state of an item record (list, 序号, category, name, ★, department ids)."""
    if isinstance(item, CooperativeItem):
        kind, departments = ListKind.COOPERATIVE, tuple(r.department for r in item.departments)
    elif isinstance(item, RecalledItem):
        kind, departments = ListKind.RECALLED, tuple(r.department for r in item.departments)
    else:
        kind, departments = ListKind.BASIC, ()
    return ItemState(
        id=item.id,
        list=kind,
        number=item.number,
        category=item.category,
        name=item.name,
        starred=item.starred,
        departments=departments,
    )


def state_to_json(state: ItemState) -> list[Any]:
    """A state as a compact JSON array."""
    return [
        state.id,
        state.list.value,
        state.number,
        state.category,
        state.name,
        state.starred,
        list(state.departments),
    ]


def state_from_json(row: list[Any]) -> ItemState:
    """A state from :func:`state_to_json`'s array."""
    return ItemState(
        id=row[0],
        list=ListKind(row[1]),
        number=row[2],
        category=row[3],
        name=row[4],
        starred=row[5],
        departments=tuple(row[6]),
    )


@attrs.frozen(kw_only=True)
class EditionIndex:
    """The items of an edition, compactly, and its department names.

    Attributes:
        items: Every item's state, in list order.
        departments: Department id → canonical name, as its registry gives them.
    """

    items: tuple[ItemState, ...]
    departments: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, edition: Edition) -> EditionIndex:
        """The index of an edition."""
        return cls(
            items=tuple(state_of(item) for item in edition.items()),
            departments=tuple((d.id, d.name) for d in edition.departments),
        )

    def to_json(self) -> dict[str, Any]:
        """The index as plain data."""
        return {
            "items": [state_to_json(s) for s in self.items],
            "departments": [list(d) for d in self.departments],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EditionIndex:
        """The index from :meth:`to_json`'s data."""
        return cls(
            items=tuple(state_from_json(row) for row in data["items"]),
            departments=tuple((d[0], d[1]) for d in data["departments"]),
        )


class Cache:
    """The ledger's cache folder; ``None`` keeps everything in memory only."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / "ledger" / f"v{_VERSION}" if folder is not None else None
        self._stats: dict[str, list[Any]] | None = None
        self._stats_changed = False

    def _load_stats(self) -> dict[str, list[Any]]:
        if self._stats is None:
            found = self.read("stat.json")
            self._stats = found if isinstance(found, dict) else {}
        return self._stats

    def digest(self, path: Path) -> str:
        """The SHA-256 of a file's bytes, reused while its size, mtime and inode are unchanged."""
        info = path.stat()
        key = str(path.resolve())
        mark = [info.st_size, info.st_mtime_ns, info.st_ino]
        stats = self._load_stats() if self.folder is not None else {}
        known = stats.get(key)
        if isinstance(known, list) and len(known) == 4 and known[:3] == mark:
            return str(known[3])
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if self.folder is not None:
            stats[key] = [*mark, digest]
            self._stats_changed = True
        return digest

    def flush(self) -> None:
        """Write the recorded hashes, if any changed."""
        if self._stats_changed and self._stats is not None:
            self.write("stat.json", self._stats)
            self._stats_changed = False

    def read(self, name: str) -> Any:
        """The JSON data of a cache file, or ``None`` if it is missing or unreadable."""
        if self.folder is None:
            return None
        try:
            return json.loads((self.folder / name).read_bytes())
        except (OSError, ValueError):
            return None

    def write(self, name: str, data: Any) -> None:
        """Write a cache file atomically; a cache that cannot be written is not an error."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / name, json.dumps(data, ensure_ascii=False))
        except OSError:
            return
