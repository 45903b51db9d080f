"""The ledger: every edition of one township, in date order, as one chain.

``Ledger.open("editions/")`` reads only the editions' metadata; an edition's
items are loaded when a question needs them, and the link between two
consecutive editions (``diff``, honouring a reviewed crosswalk kept beside the
later edition) is made once and kept in the cache (see :mod:`.store`).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from dutyledger._changes.changeset import ChangeSet
from dutyledger._compare.diff import diff
from dutyledger._edition.codec import load_edition
from dutyledger._edition.records import Edition, EditionStatus, Jurisdiction
from dutyledger._ledger.compose import changes_over
from dutyledger._ledger.link import Link, link_from_changes
from dutyledger._ledger.records import (
    BlameLine,
    Candidate,
    EditionEntry,
    ItemEvent,
    TimelineEntry,
    effective_day,
)
from dutyledger._ledger.store import Cache, EditionIndex, default_cache_folder, entry_of, read_entry
from dutyledger._matching.crosswalk import Crosswalk, crosswalk_problems, load_crosswalk
from dutyledger.exceptions import CrosswalkError, LedgerError, Problem

__all__ = ["Ledger"]

_STATUS_RANK = {EditionStatus.OFFICIAL: 0, EditionStatus.DRAFT: 1, EditionStatus.ILLUSTRATIVE: 2}


def _order(entry: EditionEntry) -> tuple[datetime.date, int, str]:
    return (entry.day, _STATUS_RANK[entry.status], entry.name)


def _files(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[Problem]]:
    files: dict[Path, Path] = {}
    problems = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file() and not _is_crosswalk(p))
            if not found:
                problems.append(Problem(where=str(given), message="no edition files (*.json)"))
            for p in found:
                files.setdefault(p.resolve(), p)
        elif path.is_file():
            files.setdefault(path.resolve(), path)
        else:
            problems.append(Problem(where=str(given), message="no such file or folder"))
    return list(files.values()), problems


def _is_crosswalk(path: Path) -> bool:
    return path.name.endswith(".crosswalk.json")


class Ledger:
    """Every edition of one township, ordered by date, as one chain.

    Open one with :meth:`open` (a folder of edition files) or
    :meth:`from_editions` (editions in memory). Drafts and illustrative
    editions are part of the chain and marked by their ``status``; gaps between
    dates are allowed. Two consecutive editions are linked by their items' ids,
    by content where they share no id, or by a reviewed crosswalk kept beside
    the later edition (``2026-01.crosswalk.json`` beside ``2026-01.json``).
    """

    def __init__(
        self,
        entries: Iterable[EditionEntry],
        *,
        cache: Cache | None = None,
        loaded: dict[str, Edition] | None = None,
        source: str = "ledger",
    ) -> None:
        self._entries = tuple(sorted(entries, key=_order))
        self._cache = cache or Cache(None)
        self._loaded: dict[str, Edition] = dict(loaded or {})
        self._indexes: dict[str, EditionIndex] = {}
        self._links: dict[tuple[str, str], Link] = {}
        self.source = source
        if not self._entries:
            raise LedgerError(source, [Problem(where="editions", message="no edition")])
        townships: dict[Jurisdiction, list[str]] = {}
        for entry in self._entries:
            townships.setdefault(entry.jurisdiction, []).append(entry.name)
        if len(townships) > 1:
            listed = "; ".join(
                f"{j.county}{j.township}: {', '.join(names)}" for j, names in townships.items()
            )
            message = f"expected the editions of one township, found several ({listed})"
            raise LedgerError(source, [Problem(where="editions", message=message)])

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        *paths: str | os.PathLike[str],
        cache: str | os.PathLike[str] | bool = True,
    ) -> Ledger:
        """Open the ledger of the edition files in folders (their ``*.json``) or given one by one.

        Only the editions' metadata is read; items are loaded when needed.
        Files of other dutyledger formats (crosswalks, change sets, example
        manifests) are passed over.

        Args:
            paths: Folders and edition files.
            cache: The cache folder; ``True`` for the default
                (``$DUTYLEDGER_CACHE``, else ``~/.cache/dutyledger``), ``False``
                to keep nothing on disk.

        Returns:
            The ledger.

        Raises:
            LedgerError: A path gives no edition, or the editions are of
                several townships.
            EditionLoadError: A file is not an edition, or its metadata is invalid.
        """
        folder = default_cache_folder() if cache is True else None if cache is False else cache
        store = Cache(Path(folder) if folder is not None else None)
        files, problems = _files(paths or (".",))
        source = ", ".join(str(p) for p in paths) or "."
        if problems:
            raise LedgerError(source, problems)
        entries = [e for e in (read_entry(f, store.digest) for f in files) if e is not None]
        store.flush()
        names: dict[str, EditionEntry] = {}
        for entry in entries:
            other = names.setdefault(entry.name, entry)
            if other is not entry:
                message = f"two edition files named {entry.name}.json ({other.path}, {entry.path}); expected one per name"
                raise LedgerError(source, [Problem(where=str(entry.path), message=message)])
        return cls(entries, cache=store, source=source)

    @classmethod
    def from_editions(
        cls,
        editions: Iterable[Edition],
        *,
        names: Sequence[str] | None = None,
        files: Sequence[str | None] | None = None,
    ) -> Ledger:
        """A ledger of editions held in memory (nothing is cached on disk).

        Args:
            editions: The editions, in any order.
            names: A name for each (default: its date).
            files: The file each came from, if any: a crosswalk beside it is honoured.

        Raises:
            LedgerError: The editions are of several townships, or two share a name.
        """
        editions = list(editions)
        names = list(names) if names is not None else [e.meta.date for e in editions]
        paths = [Path(f) if f else None for f in (files or [None] * len(editions))]
        entries = []
        loaded = {}
        for edition, name, path in zip(editions, names, paths, strict=True):
            if name in loaded:
                message = f"two editions named {name}; expected one per name"
                raise LedgerError("editions", [Problem(where=name, message=message)])
            entries.append(entry_of(edition, name, path))
            loaded[name] = edition
        return cls(entries, loaded=loaded, source="editions")

    # --- the editions --------------------------------------------------------------------

    @property
    def editions(self) -> tuple[EditionEntry, ...]:
        """The editions, oldest first (by date; on one date official before draft and illustrative)."""
        return self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        names = ", ".join(f"{e.name} ({e.status.value})" for e in self._entries)
        return f"<Ledger of {self._entries[0].jurisdiction.township}: {names}>"

    def entry(self, edition: str | EditionEntry) -> EditionEntry:
        """The edition of a name (``2026-01``, the file's name without ``.json``) or a date.

        Raises:
            LedgerError: No edition of the ledger has that name or date, or
                several have that date.
        """
        if isinstance(edition, EditionEntry):
            return edition
        found = [e for e in self._entries if e.name == edition]
        if not found:
            found = [e for e in self._entries if e.date == edition]
        if len(found) == 1:
            return found[0]
        known = ", ".join(e.name for e in self._entries)
        if found:
            message = f"several editions are dated {edition} ({', '.join(e.name for e in found)}); name one by its file name"
        else:
            message = f"no edition {edition!r} in the ledger; expected one of: {known}"
        raise LedgerError(self.source, [Problem(where=str(edition), message=message)])

    def position(self, edition: str | EditionEntry) -> int:
        """The place of an edition in the chain, from 0."""
        return self._entries.index(self.entry(edition))

    def edition(self, edition: str | EditionEntry) -> Edition:
        """Load an edition (once; later calls return the same records).

        Raises:
            LedgerError: The ledger has no such edition.
            EditionLoadError: Its file is not a valid edition.
        """
        entry = self.entry(edition)
        found = self._loaded.get(entry.name)
        if found is None:
            assert entry.path is not None  # editions in memory are all loaded
            found = load_edition(entry.path)
            self._loaded[entry.name] = found
        return found

    def only(self, *statuses: EditionStatus) -> Ledger:
        """The ledger of the editions of these statuses only (say, official ones).

        Raises:
            LedgerError: No edition has any of these statuses.
        """
        kept = [e for e in self._entries if e.status in statuses]
        loaded = {e.name: self._loaded[e.name] for e in kept if e.name in self._loaded}
        return Ledger(kept, cache=self._cache, loaded=loaded, source=self.source)

    def as_of(
        self, date: str | datetime.date, *, drafts: bool = False, illustrative: bool = False
    ) -> EditionEntry | None:
        """The edition in force on a date: the latest official one dated on or before it.

        A month date (``2025-01``) takes effect on the first of the month.

        Args:
            date: ``YYYY-MM-DD`` (or ``YYYY-MM``, its first day), or a date.
            drafts: Count drafts too.
            illustrative: Count illustrative editions too.

        Returns:
            The edition, or ``None`` if none is dated on or before ``date``.

        Raises:
            LedgerError: ``date`` is not a date.
        """
        if isinstance(date, str):
            try:
                day = effective_day(date)
            except ValueError as exc:
                raise LedgerError(self.source, [Problem(where=date, message=str(exc))]) from None
        else:
            day = date
        wanted = {EditionStatus.OFFICIAL}
        wanted |= {EditionStatus.DRAFT} if drafts else set()
        wanted |= {EditionStatus.ILLUSTRATIVE} if illustrative else set()
        found = [e for e in self._entries if e.status in wanted and e.day <= day]
        if not found:
            return None
        return max(found, key=lambda e: (e.day, -_STATUS_RANK[e.status]))

    # --- links and indexes ---------------------------------------------------------------

    def index(self, edition: str | EditionEntry) -> EditionIndex:
        """The compact index of an edition's items (from the cache if it is there)."""
        entry = self.entry(edition)
        found = self._indexes.get(entry.digest)
        if found is not None:
            return found
        data = self._cache.read(f"index-{entry.digest}.json")
        if isinstance(data, dict):
            try:
                found = EditionIndex.from_json(data)
            except (KeyError, IndexError, TypeError, ValueError):
                found = None
        if found is None:
            found = EditionIndex.of(self.edition(entry))
            self._cache.write(f"index-{entry.digest}.json", found.to_json())
        self._indexes[entry.digest] = found
        return found

    def _crosswalk(self, before: EditionEntry, after: EditionEntry) -> tuple[Crosswalk | None, str]:
        path = after.crosswalk_path
        if path is None or not path.is_file():
            return None, "none"
        crosswalk = load_crosswalk(path)
        problems = []
        if crosswalk.old.date != before.date or crosswalk.old.namespace != before.namespace:
            message = (
                f"made from the edition of {crosswalk.old.date} ({crosswalk.old.namespace}); "
                f"expected the previous edition in the ledger, {before.name} "
                f"({before.date}, {before.namespace})"
            )
            problems.append(Problem(where="$.old", message=message))
        if crosswalk.new.date != after.date or crosswalk.new.namespace != after.namespace:
            message = f"made for the edition of {crosswalk.new.date}; expected {after.name} ({after.date})"
            problems.append(Problem(where="$.new", message=message))
        if problems:
            raise CrosswalkError(str(path), problems)
        problems = crosswalk_problems(crosswalk, self.edition(before), self.edition(after))
        if problems:
            raise CrosswalkError(str(path), problems)
        return crosswalk, self._cache.digest(path)

    def link(self, edition: str | EditionEntry) -> Link:
        """The link from the previous edition to this one (pairing, events, flows).

        Raises:
            LedgerError: The edition is the first of the ledger, or not in it.
            CrosswalkError: The crosswalk kept beside it does not fit.
        """
        k = self.position(edition)
        if k == 0:
            message = "the first edition of the ledger follows none"
            raise LedgerError(self.source, [Problem(where=self._entries[0].name, message=message)])
        before, after = self._entries[k - 1], self._entries[k]
        key = (before.digest, after.digest)
        found = self._links.get(key)
        if found is not None:
            return found
        crosswalk_digest = "none"
        path = after.crosswalk_path
        if path is not None and path.is_file():
            crosswalk_digest = self._cache.digest(path)
        name = f"link-{before.digest[:24]}-{after.digest[:24]}-{crosswalk_digest[:24]}.json"
        data = self._cache.read(name)
        if isinstance(data, dict):
            try:
                found = Link.from_json(data)
            except (KeyError, IndexError, TypeError, ValueError):
                found = None
        if found is None:
            crosswalk, _ = self._crosswalk(before, after)
            old, new = self.edition(before), self.edition(after)
            found = link_from_changes(diff(old, new, crosswalk=crosswalk), old, new)
            self._cache.write(name, found.to_json())
            for entry in (before, after):
                self.index(entry)
        self._cache.flush()
        self._links[key] = found
        return found

    def links(self) -> tuple[Link, ...]:
        """Every link, from the second edition on."""
        return tuple(self.link(e) for e in self._entries[1:])

    # --- questions -----------------------------------------------------------------------

    def changes(self, old: str | EditionEntry, new: str | EditionEntry) -> ChangeSet:
        """The change set from one edition to another, composed over the editions between.

        The pairing of each link is followed from ``old`` to ``new`` (an item
        through its pairs, splits and merges); the diff engine then says the
        changes of that pairing. The result ≅ ``diff(old, new)``
        (:func:`dutyledger._ledger.compose.equivalent`, docs/ledger.md); for
        consecutive editions it is ``diff(old, new)`` with their crosswalk.
        ``old`` later than ``new`` gives the change set read backwards.

        Raises:
            LedgerError: The ledger has no such edition.
        """
        a, b = self.position(old), self.position(new)
        if a > b:
            return self.changes(new, old).invert()
        links = [self.link(e) for e in self._entries[a + 1 : b + 1]]
        return changes_over(self.edition(self._entries[a]), self.edition(self._entries[b]), links)

    def history(self, item: str) -> tuple[ItemEvent, ...]:
        """Every event of one item across the editions, oldest first.

        ``listed`` (in the ledger's first edition) or ``added``; moves (上收,
        下放, 基本转配合, 配合转基本), renames, recategorisations, department and
        duty-text changes; ``split`` (into parts) and ``merged`` (from items);
        ``removed``. The item is followed through splits and merges: its
        ancestors and its descendants are part of its history; clerical
        changes (序号, page, id, spelling) are not.

        Args:
            item: An item id, as in any edition of the ledger.

        Returns:
            The events; empty if no edition holds the id.
        """
        from dutyledger._ledger.questions import item_history

        return item_history(self, item)

    def find(self, query: str, *, limit: int = 8) -> tuple[Candidate, ...]:
        """The items a query may mean: an equal id, else equal names, else the nearest names.

        Every name an item ever had in the ledger is searched (the first
        edition's, and those the changes give).

        Returns:
            Candidates, best first: one with score 1 for an equal id; those of
            an equal name (score 1); else up to ``limit`` nearest names with
            their similarity (rapidfuzz ``WRatio`` / 100).
        """
        from dutyledger._ledger.questions import find_items

        return find_items(self, query, limit=limit)

    def same_item(self, first: str, second: str) -> bool:
        """Whether two ids are one item followed through the ledger (one's history holds the other)."""
        return (
            any(second in {s.id for s in (*e.old, *e.new)} for e in self.history(first))
            or first == second
        )

    def blame(self, edition: str | EditionEntry) -> tuple[BlameLine, ...]:
        """For each item of an edition, the edition in which it last changed, and how.

        Raises:
            LedgerError: The ledger has no such edition.
        """
        from dutyledger._ledger.questions import blame_lines

        return blame_lines(self, edition)

    def timeline(self) -> tuple[TimelineEntry, ...]:
        """Per edition: items per list, category and department; flows and 明减暗增 since the previous."""
        from dutyledger._ledger.questions import timeline_entries

        return timeline_entries(self)
