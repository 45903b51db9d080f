"""The editions folder the page works on: list, load, and save drafts, never outside the folder.

Editions are named by their file's stem (``2025-01``). A name from a request is looked up in
the folder's listing, never joined into a path, so no request can reach a file outside it.
Uploads are kept in memory under a random id until staff save one as a draft edition.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from pathlib import Path

import attrs

from dutyledger._edition.codec import dump_edition, load_edition, write_atomic
from dutyledger._edition.records import Edition, EditionStatus, ListKind
from dutyledger.exceptions import DutyLedgerError

__all__ = ["EditionEntry", "Shelf", "ShelfError"]

UPLOAD_PREFIX = "upload-"
_KEPT_UPLOADS = 16


class ShelfError(DutyLedgerError, LookupError):
    """A request names an edition the folder does not hold."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        super().__init__(name, known)

    def __str__(self) -> str:
        shown = "、".join(self.known) or "—"
        return (
            f"没有名为 {self.name!r} 的版本 / no edition named {self.name!r}; 可用 / known: {shown}"
        )


@attrs.frozen(kw_only=True)
class EditionEntry:
    """One edition of the folder, as the editions page lists it."""

    name: str
    township: str
    date: str
    status: EditionStatus
    counts: tuple[int, int, int]
    uploaded: bool = False

    @property
    def total(self) -> int:
        """Items in all three lists."""
        return sum(self.counts)


def _entry(name: str, edition: Edition, *, uploaded: bool = False) -> EditionEntry:
    counts = tuple(len(edition.items(kind)) for kind in ListKind)
    return EditionEntry(
        name=name,
        township=edition.meta.jurisdiction.township,
        date=edition.meta.date,
        status=edition.meta.status,
        counts=(counts[0], counts[1], counts[2]),
        uploaded=uploaded,
    )


class Shelf:
    """The editions in one or more folders (``*.json``), plus the uploads of this run of the page.

    The first folder is the ledger: drafts and notes are written there. Later folders are read
    only (``--ledger editions --ledger examples`` shows the shipped edition beside the example).
    """

    def __init__(self, *folders: Path) -> None:
        if not folders:
            raise ValueError("a shelf needs at least one folder")
        self.folders = tuple(f.resolve() for f in folders)
        self.folder = self.folders[0]
        self._lock = threading.Lock()
        self._cache: dict[Path, tuple[int, int, Edition]] = {}
        self._uploads: OrderedDict[str, Edition] = OrderedDict()

    def _files(self) -> dict[str, Path]:
        files: dict[str, Path] = {}
        for folder in self.folders:
            for path in sorted(folder.glob("*.json")):
                # ``x.crosswalk.json``, ``x.manifest.json`` … are companions, not editions.
                if path.is_file() and not path.is_symlink() and "." not in path.stem:
                    files.setdefault(path.stem, path)
        return files

    def names(self) -> tuple[str, ...]:
        """The names of the editions in the folder and of the uploads, oldest date first."""
        return tuple(entry.name for entry in self.entries())

    def entries(self) -> tuple[EditionEntry, ...]:
        """Every edition the page can show, by date then name; a file that does not load is skipped."""
        found = []
        for name in self._files():
            try:
                found.append(_entry(name, self.load(name)))
            except DutyLedgerError:
                continue
        with self._lock:
            uploads = list(self._uploads.items())
        found += [_entry(name, edition, uploaded=True) for name, edition in uploads]
        return tuple(sorted(found, key=lambda e: (e.date, e.uploaded, e.name)))

    def broken(self) -> tuple[tuple[str, str], ...]:
        """The files of the folder that do not load, each with its error, for the editions page."""
        problems = []
        for name in self._files():
            try:
                self.load(name)
            except DutyLedgerError as exc:
                problems.append((name, str(exc)))
        return tuple(problems)

    def load(self, name: str) -> Edition:
        """Return the edition of that name (cached while its file is unchanged).

        Raises:
            ShelfError: No edition of that name.
            EditionLoadError: Its file does not load.
        """
        with self._lock:
            upload = self._uploads.get(name)
        if upload is not None:
            return upload
        path = self._files().get(name)
        if path is None:
            raise ShelfError(name, tuple(self._files()) + tuple(self._uploads))
        stat = path.stat()
        cached = self._cache.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
        edition = load_edition(path)
        self._cache[path] = (stat.st_mtime_ns, stat.st_size, edition)
        return edition

    def latest_official(self) -> str | None:
        """The name of the latest official edition, the default to compare against."""
        official = [e for e in self.entries() if e.status is EditionStatus.OFFICIAL]
        return official[-1].name if official else None

    def keep_upload(self, edition: Edition) -> str:
        """Keep an uploaded edition for this run of the page; return its name."""
        name = f"{UPLOAD_PREFIX}{secrets.token_hex(4)}"
        with self._lock:
            self._uploads[name] = edition
            while len(self._uploads) > _KEPT_UPLOADS:
                self._uploads.popitem(last=False)
        return name

    def save_draft(self, name: str) -> str:
        """Save an upload into the folder as a draft edition; return the new edition's name.

        The file is named by the edition's date (``2026-01-draft.json``, then ``-draft-2`` …);
        an existing file is never replaced.

        Raises:
            ShelfError: No upload of that name.
        """
        with self._lock:
            edition = self._uploads.get(name)
        if edition is None:
            raise ShelfError(name, tuple(self._uploads))
        draft = attrs.evolve(edition, meta=attrs.evolve(edition.meta, status=EditionStatus.DRAFT))
        stem = f"{draft.meta.date}-draft"
        files = self._files()
        candidate, counter = stem, 1
        while candidate in files or (self.folder / f"{candidate}.json").exists():
            counter += 1
            candidate = f"{stem}-{counter}"
        write_atomic(self.folder / f"{candidate}.json", dump_edition(draft))
        with self._lock:
            self._uploads.pop(name, None)
        return candidate

    def path_for(self, filename: str) -> Path:
        """A path inside the folder for a file the page writes (notes), by a name it made itself.

        Raises:
            DutyLedgerError: The name would leave the folder.
        """
        target = (self.folder / filename).resolve()
        if target.parent != self.folder or "/" in filename or "\\" in filename:
            raise ShelfError(filename, ())
        return target
