"""The one exception hierarchy of dutyledger.

Every error the library raises on purpose derives from :class:`DutyLedgerError`.
The leaves also derive from a builtin (``ValueError``), so code that already
catches ``ValueError`` keeps working. Errors carry data: a list of
:class:`Problem` records, each naming *where* (file, JSON path or line) and
*what was expected*. The message is built from that data in ``__str__``, and it
always lists every problem found, never only the first.
"""

from __future__ import annotations

import attrs

__all__ = [
    "ChangeSetLoadError",
    "CheckConfigError",
    "CrosswalkError",
    "DutyLedgerError",
    "EditionLoadError",
    "ExportError",
    "IngestError",
    "InvalidArgumentError",
    "LedgerError",
    "MetadataError",
    "MissingExtraError",
    "NotesError",
    "PatchConflictError",
    "Problem",
    "ReportError",
    "UnknownEditionError",
    "UnknownNameError",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input.

    Attributes:
        where: The place, as a JSON path (``$.cooperative[12].departments[1]``)
            or ``line N`` / ``line N, column M`` for text inputs.
        message: What was found and what was expected, in plain words.
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class DutyLedgerError(Exception):
    """Root of every error that dutyledger raises on purpose."""


class _ProblemsError(DutyLedgerError, ValueError):
    """An input that breaks one or more rules; lists all of them."""

    what = "input"

    def __init__(self, source: str, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(source, self.problems)

    def __str__(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{self.source}: not a valid {self.what} ({count} {noun})"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


class EditionLoadError(_ProblemsError):
    """An edition file (JSON) that cannot be loaded.

    Raised for invalid JSON, text that is not UTF-8, a value of the wrong type,
    a missing or unknown field, a reference to an unknown department, a
    duplicate id, and every other rule of the edition format. ``problems`` holds
    one :class:`Problem` per fault, each with its JSON path.
    """

    what = "edition"


class IngestError(_ProblemsError):
    """A published list (text) or its metadata file that cannot be ingested.

    ``problems`` name the line of the source text (or the key of the metadata
    file) and what was expected there.
    """

    what = "published list"


class CheckConfigError(_ProblemsError):
    """A configuration of ``check`` that is not valid.

    Raised for an unknown rule code (in ``disable`` or ``--disable``) and for a
    ``[tool.dutyledger.check]`` table in ``pyproject.toml`` with an unknown key
    or a value of the wrong type. ``problems`` name the option or key.
    """

    what = "check configuration"


class ExportError(_ProblemsError):
    """An edition that cannot be written in the asked-for layout.

    The published layout is tab-separated, one row per line: a text holding a
    tab or a line break cannot be written there without changing it.
    """

    what = "edition for this export"


class MetadataError(IngestError):
    """An ingest metadata file (TOML) that is missing or not valid.

    ``problems`` name the key (``$.edition.jurisdiction.city``) and what was
    expected there.
    """

    what = "metadata file"


class ChangeSetLoadError(_ProblemsError):
    """A change-set file (JSON, ``dutyledger.changeset/1``) that cannot be loaded.

    ``problems`` give the JSON path of each fault (``$.changes[3].old.name``).
    """

    what = "change set"


class CrosswalkError(_ProblemsError):
    """A crosswalk file (``dutyledger.crosswalk/1``) that is not valid, or not for these editions.

    Raised for a file that does not follow the format, and for one that names an
    item id neither edition has, pairs an item twice, or marks a pair ``id``
    whose ids differ. ``problems`` give the JSON path of each (``$.pairs[4].new``).
    """

    what = "crosswalk"


class LedgerError(_ProblemsError):
    """A ledger (a folder of editions) that cannot be opened or asked as it was.

    Raised for editions of several townships in one ledger, a folder with no
    edition, an edition or date asked for that the ledger does not hold, and a
    crosswalk kept beside an edition that was made for other editions.
    ``problems`` name the file or the argument.
    """

    what = "ledger"

    def __str__(self) -> str:
        lines = [f"{self.source}: {p}" for p in self.problems]
        return "\n".join(lines)


class NotesError(_ProblemsError):
    """A notes file (``dutyledger.notes/1``) or notes workbook that cannot be used.

    Raised for a file that does not follow the format (``problems`` give the JSON
    path, ``$.notes[3].reviewed.date``, or the workbook cell, ``调整说明!P7``), and
    for notes that do not belong to the editions they are used with: written for
    other editions, or a note whose key names no item of either edition
    (``problems`` name the key).
    """

    what = "notes file"


class PatchConflictError(_ProblemsError):
    """A change set that does not fit the edition it is applied to.

    The edition lacks an item a change starts from, holds it otherwise than
    the change says, or already has an item the change would add.
    """

    what = "change set for this edition"


class OutputError(_ProblemsError):
    """An output target that dutyledger will not write (``-o``).

    A directory, a read-only file, a file with several hard links (an atomic
    replace would break them), an input of the same run, or a folder that
    cannot take the file. ``source`` is the target as given, never a
    temporary file.
    """

    what = "output target"


class ReportError(_ProblemsError):
    """A change report that cannot be written as asked.

    Raised by :func:`dutyledger.render_report` for a format or language it does
    not have, and by ``dutyledger diff`` for a binary format to a terminal.
    ``problems`` name the option (``format``, ``lang``, ``--output``).
    """

    what = "report request"


class UnknownEditionError(DutyLedgerError, LookupError):
    """A built-in edition asked for by a name that is not shipped."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        super().__init__(name, known)

    def __str__(self) -> str:
        return f"no built-in edition {self.name!r}; shipped: {', '.join(self.known)}"


class MissingExtraError(DutyLedgerError, ImportError):
    """A feature whose optional dependencies are not installed.

    The message names the extra that brings them: ``pip install "dutyledger[office]"``.
    """

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.feature = feature
        self.extra = extra
        self.module = module
        super().__init__(feature, extra, module)

    def __str__(self) -> str:
        return (
            f"{self.feature} needs the optional dependency {self.module!r}, which is not installed; "
            f'install it with: pip install "dutyledger[{self.extra}]"'
        )


class UnknownNameError(DutyLedgerError, KeyError):
    """A name that is not among the known ones: a change kind, a department id.

    It also derives from ``KeyError``, which these look-ups raised before.

    Attributes:
        what: What kind of name was looked up (``"change kind"``, ``"department id"``).
        name: The name asked for.
        known: The names that exist, for the message.
    """

    def __init__(self, what: str, name: str, known: tuple[str, ...]) -> None:
        self.what = what
        self.name = name
        self.known = known
        super().__init__(what, name, known)

    def __str__(self) -> str:
        shown = ", ".join(self.known[:40]) + (" …" if len(self.known) > 40 else "")
        return f"no {self.what} {self.name!r}; expected one of: {shown}"


class InvalidArgumentError(DutyLedgerError, ValueError):
    """A function argument outside what it accepts (a format, method or language it lacks).

    Attributes:
        argument: The parameter's name.
        value: The value given.
        expected: What it accepts, in words.
    """

    def __init__(self, argument: str, value: object, expected: str) -> None:
        self.argument = argument
        self.value = value
        self.expected = expected
        super().__init__(argument, value, expected)

    def __str__(self) -> str:
        return f"{self.argument}={self.value!r}: expected {self.expected}"
