"""The fuzz targets, their seed inputs, and the promise every case is held to.

The promise (``docs/reliability.md``): whatever the input, a target either
succeeds or raises a :class:`dutyledger.DutyLedgerError` (the CLI: exits 0, 1
or 2 with no exception escaping); no case takes more than
:data:`CASE_SECONDS` of CPU time; memory stays bounded (:data:`CASE_MEMORY`,
measured with tracemalloc on a sample of cases). An edition that loads is
canonical: its canonical dump holds the same data as the input.

Used by the pytest fuzz tests (``tests/fuzz/test_fuzz_*.py``) and by the long
campaigns of ``tests/fuzz/campaign.py``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

import dutyledger
from dutyledger import DutyLedgerError
from dutyledger._cli.exits import EXIT_BAD_INPUT
from dutyledger.cli import main as cli_main
from fuzz.mutations import (
    Chooser,
    document_bytes,
    mutate_bytes,
    mutate_document,
    mutate_lines,
    mutate_strings,
)

__all__ = [
    "CASE_MEMORY",
    "CASE_SECONDS",
    "TARGETS",
    "Outcome",
    "Seeds",
    "run_case",
    "seeds",
]

ROOT = Path(__file__).resolve().parents[2]
CASE_SECONDS = 2.0
"""The most CPU time one case may take (this thread's CPU time, so a busy machine does not fail it)."""
CASE_MEMORY = 256 * 2**20
"""The most memory one case may allocate at its peak (inputs are at most a few MB)."""


KNOWN: tuple[tuple[str, str], ...] = (
    # A page header moved past a row (the header and the row swapped) puts one item on the
    # page next to it: the pages stay in sequence and agree with the contents, so neither
    # ingest nor check can see where the break stood. A lost or doubled header is caught
    # (DL406); this one is a documented limit (docs/reliability.md).
    ("silent: repaged", "a page break moved by a row cannot be seen (docs/reliability.md)"),
    # Whitespace put after a clause (；) of a text without step numbers is where the published
    # text starts a new part (normalisation rule N3): the mutated source says two steps where
    # the original says one, with the same words. Ingest reads what the source says.
    ("silent: parts", "whitespace after a clause starts a part (N3; docs/reliability.md)"),
)
"""Broken promises that are documented limits: reported apart, not failed on."""


def known_owner(crash: str) -> str | None:
    """The owner of a broken promise in :data:`KNOWN`, if it is one of them."""
    return next((owner for prefix, owner in KNOWN if crash.startswith(prefix)), None)


@attrs.frozen(kw_only=True)
class Outcome:
    """What one case did.

    Attributes:
        refused: The target raised a DutyLedgerError (or the CLI exited 2).
        crash: The exception that broke the promise, as ``Type: message``; None if kept.
        seconds: CPU seconds taken.
        peak: Peak traced memory in bytes, when traced.
        known: The owner, when the crash is one of :data:`KNOWN` (``crash`` is then None).
    """

    refused: bool
    crash: str | None
    seconds: float
    peak: int | None = None
    known: str | None = None


def run_case(work: Callable[[], Any], *, trace: bool = False) -> Outcome:
    """Run one case and say whether it kept the promise (never raises)."""
    if trace:
        tracemalloc.start()
    start = time.thread_time()
    refused, crash = False, None
    try:
        refused = work() == EXIT_BAD_INPUT
    except DutyLedgerError:
        refused = True
    except Exception as exc:  # the promise is broken: any other exception is a crash
        crash = f"{type(exc).__name__}: {str(exc)[:300]}"
        if isinstance(exc, _Silent):
            crash = str(exc)
    seconds = time.thread_time() - start
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    if crash is None and seconds > CASE_SECONDS:
        crash = f"slow: {seconds:.2f} s of CPU; expected at most {CASE_SECONDS} s"
    if crash is None and peak is not None and peak > CASE_MEMORY:
        crash = (
            f"memory: peak {peak / 2**20:.0f} MiB; expected at most {CASE_MEMORY / 2**20:.0f} MiB"
        )
    known = None if crash is None else known_owner(crash)
    if known is not None:
        crash = None
    return Outcome(refused=refused, crash=crash, seconds=seconds, peak=peak, known=known)


def _trimmed(edition: dutyledger.Edition, keep: slice) -> dict[str, Any]:
    data = dutyledger.edition_to_dict(edition)
    for key in ("basic", "cooperative", "recalled"):
        data[key] = data[key][keep]
    return data


@attrs.frozen(kw_only=True)
class Seeds:
    """Valid inputs the mutations start from (small, so a case runs in milliseconds).

    Attributes:
        editions: Edition documents: slices of 2025-01 and of the 2026-01 example.
        changesets: Change-set documents (a few changes of 2025-01 → 2026-01).
        crosswalks: Crosswalk documents.
        texts: Published texts: the 2025-01 source, cut to a few rows per table.
        meta: The ingest metadata for the texts.
        full: The whole 2025-01 edition document (for the campaign's large cases).
    """

    editions: tuple[Any, ...]
    changesets: tuple[Any, ...]
    crosswalks: tuple[Any, ...]
    texts: tuple[str, ...]
    meta: Any
    full: Any


def _short_text(text: str, rows: int) -> str:
    """The published text with only the first ``rows`` rows of each table (headers kept)."""
    kept: list[str] = []
    count = 0
    for line in text.split("\n"):
        if line.rstrip("\r") in {k.title for k in dutyledger.ListKind}:
            count = 0
        elif line[:1].isdigit() and "\t" in line:
            count += 1
            if count > rows:
                continue
        kept.append(line)
    return "\n".join(kept)


@functools.cache
def seeds() -> Seeds:
    """Load the seed inputs once."""
    from dutyledger._published.meta import load_ingest_meta

    old = dutyledger.load_edition(ROOT / "editions" / "2025-01.json")
    new = dutyledger.load_edition(ROOT / "examples" / "2026-01-illustrative.json")
    editions = (
        _trimmed(old, slice(0, 3)),
        _trimmed(old, slice(5, 7)),
        _trimmed(new, slice(0, 3)),
    )
    changes = dutyledger.diff(old, new)
    changesets = tuple(
        json.loads(dutyledger.dump_changeset(attrs.evolve(changes, changes=part)))
        for part in (changes.changes[:4], changes.changes[-4:])
    )
    from dutyledger._matching.crosswalk import dump_crosswalk
    from dutyledger._matching.pairing import match

    small_old = dutyledger.load_edition(json.dumps(_trimmed(old, slice(0, 4))))
    small_new = dutyledger.load_edition(json.dumps(_trimmed(new, slice(0, 4))))
    crosswalks = (json.loads(dump_crosswalk(match(small_old, small_new))),)
    source = (ROOT / "editions" / "sources" / "2025-01.txt").read_text(encoding="utf-8")
    meta = load_ingest_meta(ROOT / "editions" / "sources" / "2025-01.toml")
    return Seeds(
        editions=editions,
        changesets=changesets,
        crosswalks=crosswalks,
        texts=(_short_text(source, 3),),
        meta=meta,
        full=dutyledger.edition_to_dict(old),
    )


def _same_data(loaded: dutyledger.Edition, data: bytes) -> None:
    """An accepted edition is canonical: its dump holds exactly the input's data."""
    dumped = json.loads(dutyledger.dump_edition(loaded))
    if dumped != json.loads(data):
        raise AssertionError("load accepted a file that its canonical dump does not reproduce")


@functools.cache
def _converters() -> tuple[Any, Any, Any]:
    """The converters the loaders make by default, made once (cattrs generates code for each)."""
    from dutyledger._changes.codec import make_changes_converter

    return (
        dutyledger.make_converter(),
        make_changes_converter(),
        make_changes_converter(every_field=False),
    )


def load_edition_case(data: bytes) -> None:
    """Load an edition; if accepted, it must dump back to the same data."""
    converter = _converters()[0]
    _same_data(dutyledger.load_edition(data, converter=converter), data)


def load_changeset_case(data: bytes) -> None:
    """Load a change set, and write it back (never NaN)."""
    converter = _converters()[1]
    changes = dutyledger.load_changeset(data, converter=converter)
    dutyledger.dump_changeset(changes, converter=converter)


def load_crosswalk_case(data: bytes) -> None:
    """Load a crosswalk (as a reviewer may write it: labels may be left out)."""
    from dutyledger._matching.crosswalk import load_crosswalk

    load_crosswalk(data, converter=_converters()[2])


def check_config_case(data: bytes, folder: Path) -> None:
    """Read ``[tool.dutyledger.check]`` from a ``pyproject.toml`` holding ``data``."""
    from dutyledger._checks.config import load_config

    (folder / "pyproject.toml").write_bytes(data)
    load_config(folder)


@functools.cache
def office_seeds() -> tuple[tuple[str, bytes], ...]:
    """Staff files to damage: a small edition as .xlsx and .docx, and a one-page .pdf."""
    from dutyledger._published.docx import export_docx
    from dutyledger._published.xlsx import export_xlsx

    small = dutyledger.load_edition(json.dumps(seeds().editions[0]))
    return (("xlsx", export_xlsx(small)), ("docx", export_docx(small)), ("pdf", _pdf_seed()))


def _pdf_seed() -> bytes:
    """A valid one-page PDF with a line of text in a standard font (no list: ingest refuses it)."""
    from samples import minimal_pdf

    font = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
    return minimal_pdf(b"BT /F1 12 Tf 72 700 Td (1 ABC 123) Tj ET", resources=font)


@functools.cache
def notes_seeds() -> tuple[Any, bytes]:
    """The illustrative notes as a document, and the 调整说明 form filled with them (.xlsx)."""
    from dutyledger._notes.workbook import write_workbook

    path = ROOT / "examples" / "2026-01-illustrative.notes.json"
    old = dutyledger.load_edition(ROOT / "editions" / "2025-01.json")
    new = dutyledger.load_edition(ROOT / "examples" / "2026-01-illustrative.json")
    form = write_workbook(old, new, dutyledger.diff(old, new), dutyledger.load_notes(path))
    return json.loads(path.read_text(encoding="utf-8")), form


def notes_input(choose: Chooser) -> bytes:
    """A damaged notes file (JSON, as text or bytes) or a damaged filled form (.xlsx)."""
    from fuzz.mutations import mutate_workbook

    document, form = notes_seeds()
    if choose.integer(0, 3) == 0:
        data = mutate_workbook(form, choose)
    else:
        data = document_bytes(mutate_document(document, choose))
    return mutate_bytes(data, choose) if choose.integer(0, 3) == 0 else data


def notes_case(data: bytes) -> None:
    """Load notes (a file or a filled form); if accepted, they write back and load the same."""
    notes = dutyledger.load_notes(data)
    if dutyledger.load_notes(dutyledger.dump_notes(notes)) != notes:
        raise AssertionError("notes that were accepted do not load back the same")


def office_input(choose: Chooser) -> bytes:
    """A damaged staff file: an .xlsx or .docx with cells, rows and parts damaged, or a .pdf."""
    from fuzz.mutations import mutate_document_file, mutate_workbook

    kind, data = choose.choice(office_seeds())
    if kind == "xlsx":
        data = mutate_workbook(data, choose)
    elif kind == "docx":
        data = mutate_document_file(data, choose)
    return mutate_bytes(data, choose) if kind == "pdf" or choose.integer(0, 3) == 0 else data


def office_case(data: bytes) -> None:
    """Ingest a staff file of any kind, told by its content, with the 2025-01 metadata."""
    from dutyledger._published.detect import ingest_bytes

    ingest_bytes(data, seeds().meta, name="<fuzz>")


def ingest_case(text: str) -> None:
    """Ingest a published text with the 2025-01 metadata."""
    from dutyledger._published.txt import ingest_text

    ingest_text(text, seeds().meta, name="<fuzz>")


CLI_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("summary", "{a}"),
    ("show", "{a}"),
    ("show", "{a}", "--format", "json"),
    ("export", "{a}"),
    ("check", "{a}"),
    ("check", "{a}", "--format", "json", "--lang", "en"),
    ("check", "{a}", "--format", "github", "--strict"),
    ("diff", "{b}", "{a}"),
    ("diff", "{a}", "{b}", "--lang", "en", "--show-renumbered"),
    ("diff", "{b}", "{a}", "--format", "md"),
    ("diff", "{b}", "{a}", "--format", "html"),
    ("diff", "{b}", "{a}", "--format", "xlsx", "-o", "{out}"),
    ("diff", "{b}", "{a}", "--format", "docx", "-o", "{out}"),
    ("diff", "{b}", "{a}", "--format", "json"),
    ("diff", "{b}", "{a}", "--format", "csv", "--method", "content"),
    ("diff", "{b}", "{b}", "--crosswalk", "{c}"),
    ("match", "{b}", "{a}"),
    ("match", "{b}", "{b}", "--crosswalk", "{c}", "-o", "{out}"),
    ("ingest", "{s}", "--meta", "{m}", "-o", "{out}"),
)
"""Every command and most options; ``{a}`` is the mutated edition, ``{b}`` a valid one."""


def cli_case(argv: Sequence[str]) -> int:
    """Run the CLI in-process with captured output; exit 0, 1 or 2 keep the promise."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(list(argv))
    if status not in {0, 1, 2}:
        raise AssertionError(f"exit status {status}: {err.getvalue()[-300:]}")
    if "Traceback" in err.getvalue():
        raise AssertionError(f"a traceback on stderr: {err.getvalue()[-300:]}")
    return status


class CliFiles:
    """The files a CLI case reads, in a folder of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.a = folder / "a.json"
        self.b = folder / "b.json"
        self.c = folder / "c.json"
        self.s = folder / "s.txt"
        self.m = folder / "s.toml"
        self.out = folder / "out.bin"
        self.b.write_text(
            dutyledger.dump_edition(dutyledger.load_edition(json.dumps(seeds().editions[0])))
        )
        self.m.write_bytes((ROOT / "editions" / "sources" / "2025-01.toml").read_bytes())

    def argv(self, command: Sequence[str]) -> list[str]:
        """The command with the file names filled in."""
        names = {k: str(getattr(self, k)) for k in ("a", "b", "c", "s", "m", "out")}
        return [part.format(**names) for part in command]


def cli_input(files: CliFiles, choose: Chooser) -> list[str]:
    """Write one mutated edition, crosswalk and text; return a command line using them."""
    pool = seeds()
    seed = choose.choice(pool.editions)
    # Half the editions keep their shape (hostile text in their strings) and reach diff and the
    # renderers; the other half are mutated in any way and mostly stop at the loader.
    gentle = choose.integer(0, 1) == 0
    edition = mutate_strings(seed, choose) if gentle else mutate_document(seed, choose)
    files.a.write_bytes(document_bytes(edition))
    crosswalk = document_bytes(
        mutate_document(pool.crosswalks[0], choose, edits=choose.integer(0, 2))
    )
    files.c.write_bytes(crosswalk)
    files.s.write_text(
        mutate_lines(pool.texts[0], choose), encoding="utf-8", errors="surrogatepass"
    )
    if choose.integer(0, 9) == 0:
        files.a.write_bytes(mutate_bytes(files.a.read_bytes(), choose))
    return files.argv(choose.choice(CLI_COMMANDS))


def loader_input(target: str, choose: Chooser, *, large: bool = False) -> Any:
    """One mutated input for a loader target (bytes, or text for config and ingest)."""
    pool = seeds()
    if target == "config":
        from fuzz.mutations import toml_table

        return toml_table(choose)
    if target == "ingest":
        return mutate_lines(pool.texts[0], choose)
    if target == "silent":
        return mutate_lines(ingest_source(), choose, structural=True)
    if target == "notes":
        return notes_input(choose)
    if target == "office":
        return office_input(choose)
    documents = {
        "edition": (pool.full,) if large else pool.editions,
        "changeset": pool.changesets,
        "crosswalk": pool.crosswalks,
    }[target]
    data = document_bytes(mutate_document(choose.choice(documents), choose))
    return mutate_bytes(data, choose) if choose.integer(0, 2) == 0 else data


def loader_work(target: str, payload: Any, folder: Path) -> Callable[[], None]:
    """The call that runs one loader case."""
    if target == "config":
        return functools.partial(check_config_case, payload, folder)
    work: dict[str, Callable[[Any], None]] = {
        "edition": load_edition_case,
        "changeset": load_changeset_case,
        "crosswalk": load_crosswalk_case,
        "silent": silent_case,
        "notes": notes_case,
        "office": office_case,
        "ingest": ingest_case,
    }
    return functools.partial(work[target], payload)


TARGETS = (
    "edition",
    "changeset",
    "crosswalk",
    "config",
    "ingest",
    "silent",
    "notes",
    "office",
    "cli",
)
"""The fuzz targets, by name (``campaign.py --target``)."""


@contextlib.contextmanager
def scratch() -> Any:
    """A private folder for a run's files, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="dutyledger-fuzz-") as folder:
        previous = Path.cwd()
        os.chdir(folder)  # check reads the pyproject.toml of the current folder
        try:
            yield Path(folder)
        finally:
            os.chdir(previous)


@functools.cache
def _ingest_baseline() -> tuple[str, dutyledger.Edition, frozenset[tuple[str, str]]]:
    from dutyledger._published.txt import ingest_text

    text = (ROOT / "editions" / "sources" / "2025-01.txt").read_text(encoding="utf-8")
    edition = ingest_text(text, seeds().meta)
    return text, edition, _finding_keys(edition)


def _finding_keys(edition: dutyledger.Edition) -> frozenset[tuple[str, str]]:
    return frozenset((f.code, f.message_en) for f in dutyledger.check(edition))


def ingest_source() -> str:
    """The whole published text of 2025-01 (the silent-change test mutates it)."""
    return _ingest_baseline()[0]


def silent_change(text: str) -> str | None:
    """Say how ingest of a mutated source went wrong silently, or ``None`` if it did not.

    Ingest is never silently wrong: a mutated source either gives the same
    edition, is refused with an IngestError, or gives an edition on which
    ``check`` reports a finding the unmutated edition does not have.
    """
    from dutyledger._published.txt import ingest_text

    _, baseline, known = _ingest_baseline()
    try:
        edition = ingest_text(text, seeds().meta, name="<fuzz>")
    except DutyLedgerError:
        return None
    if edition == baseline or _finding_keys(edition) - known:
        return None
    changes = dutyledger.diff(baseline, edition)
    kinds = sorted({change.kind for change in changes})
    if set(kinds) <= _STEP_KINDS and _parts_joined(edition) == _parts_joined(baseline):
        return "silent: parts"  # the same words, cut into steps elsewhere (see KNOWN)
    return f"silent: {', '.join(kinds) or 'no change records'}"


_STEP_KINDS = {"step_added", "step_removed", "step_reworded"}


def _parts_joined(edition: dutyledger.Edition) -> list[tuple[str, str, int, str]]:
    """Each block of each duty text as one string: its steps' words, where cut aside."""
    joined = []
    for item in edition.cooperative:
        for column in ("upstream_duties", "township_duties"):
            for k, block in enumerate(getattr(item, column).blocks):
                joined.append((item.id, column, k, "".join(s.text for s in block.steps)))
    return joined


def silent_case(text: str) -> None:
    """Raise if ingest of a mutated source went wrong silently (a broken promise)."""
    found = silent_change(text)
    if found is not None:
        raise _Silent(found)


class _Silent(Exception):
    def __str__(self) -> str:
        return str(self.args[0])
