"""The edition file format: one converter, canonical JSON, loading with all problems.

The format is described in ``docs/edition-format.md``. The converter is made by
:func:`make_converter` and owned by whoever calls it; dutyledger never registers
hooks on cattrs' global converter.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dutyledger._edition import strict
from dutyledger._edition.fast import fast_load, paused_gc
from dutyledger._edition.records import Edition
from dutyledger._edition.validate import semantic_problems
from dutyledger.exceptions import EditionLoadError, Problem

if TYPE_CHECKING:  # cattrs is imported where a converter is made: a canonical file needs none
    import cattrs

__all__ = [
    "FORMAT",
    "dump_edition",
    "edition_to_dict",
    "load_edition",
    "make_converter",
    "read_json",
    "structure_problems",
    "validate_edition",
    "write_atomic",
]

FORMAT = "dutyledger.edition/1"
"""The value of the top-level ``format`` key of edition files this version writes."""

T = TypeVar("T")


def _strict(
    kind: type[T], expected: str, check: Callable[[T], T] | None = None
) -> Callable[[Any, type[T]], T]:
    def structure(value: Any, _: type[T]) -> T:
        # bool is an int in Python; an edition file never means one for the other.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"expected {expected}, found {_describe(value)}")
        return value if check is None else check(value)

    return structure


_describe = strict.describe


def make_converter(*, every_field: bool = True) -> cattrs.Converter:
    """Make the converter for edition records.

    It is strict: a string field takes only a JSON string (of at most
    :data:`~dutyledger._edition.strict.MAX_TEXT_CHARS` characters), an integer
    field only a JSON integer within ±2^53, an array field only a JSON array,
    and an object with a key the record does not know is an error.
    Unstructuring keeps the records' field order, which is the key order of the
    canonical file.

    Args:
        every_field: Refuse an object that leaves out a field, even one with a
            default (the canonical formats). ``False`` for hand-written inputs
            such as the ingest metadata file and a reviewed crosswalk.

    Returns:
        A new converter, owned by the caller.
    """
    import cattrs

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict(str, "a string", strict.check_text))
    converter.register_structure_hook(int, _strict(int, "an integer", strict.check_integer))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    strict.require_arrays(converter)
    if every_field:
        strict.require_every_field(converter)
    return converter


def structure_problems(
    converter: cattrs.Converter, data: Any, cls: type[T], root: str = "$"
) -> tuple[T | None, list[Problem]]:
    """Structure ``data`` into ``cls``, turning every fault into a :class:`Problem`.

    Args:
        converter: The converter to use.
        data: Parsed JSON (or TOML) data.
        cls: The record class wanted.
        root: The path of ``data`` in its document.

    Returns:
        The record, or ``None`` with every problem found.
    """
    import cattrs
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

    try:
        return converter.structure(data, cls), []
    except (ClassValidationError, ForbiddenExtraKeysError, TypeError, ValueError) as exc:
        messages = cattrs.transform_error(exc, path=root, format_exception=_format_exception)
        problems = []
        too_deep = strict.depth_problem(data)
        if too_deep is not None:
            problems.append(too_deep)
        for message in messages:
            text, _, where = message.rpartition(" @ ")
            problems.append(Problem(where=where, message=text))
        return None, problems


def _format_exception(exc: BaseException, type_: type | None) -> str:
    """Say what was expected, in words, for one leaf of a cattrs error."""
    from cattrs.errors import ForbiddenExtraKeysError

    message = f"invalid value: {exc}"
    if isinstance(exc, KeyError):
        message = "required field missing"
    elif isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        message = f"unknown field(s) {keys}; expected only the fields of the format"
    elif isinstance(exc, TypeError) and str(exc).startswith("expected "):
        message = str(exc)
    elif isinstance(exc, ValueError) and "; expected " in str(exc):
        message = str(exc)  # the limits of strict.py say what they expected
    elif isinstance(exc, ValueError) and type_ is not None and hasattr(type_, "__members__"):
        allowed = ", ".join(repr(m.value) for m in type_)  # type: ignore[attr-defined]
        message = f"expected one of {allowed}"
    elif type_ is not None and getattr(type_, "__origin__", None) is tuple:
        message = "expected an array"
    elif isinstance(exc, TypeError | AttributeError) and type_ is not None:
        message = f"expected an object for {getattr(type_, '__name__', type_)}"
    return message


def validate_edition(
    edition: Edition, *, converter: cattrs.Converter | None = None
) -> tuple[Problem, ...]:
    """Check what types alone cannot: references, uniqueness, dates.

    Args:
        edition: An edition record.
        converter: The converter to use; a new one by default.

    Returns:
        Every problem found, each with its JSON path; empty if none (a tuple,
        like every collection the API returns).
    """
    return tuple(semantic_problems(edition_to_dict(edition, converter=converter)))


def read_json(
    source: str | bytes | os.PathLike[str], error: Callable[[str, list[Problem]], Exception]
) -> tuple[str, dict[str, Any]]:
    """Read a JSON object from a path, a JSON string or bytes.

    Args:
        source: A path, or the JSON text itself (a ``str`` starting with ``{``, or ``bytes``).
        error: Makes the exception to raise from the source's name and the problem.

    Returns:
        The source's name for messages, and the object.

    Raises:
        Exception: What ``error`` makes, for a file that cannot be read or is larger than
            :data:`~dutyledger._edition.strict.MAX_FILE_BYTES`, text that is not UTF-8,
            invalid JSON (with line and column), JSON that :func:`strict.parse_json
            <dutyledger._edition.strict.parse_json>` refuses (duplicate keys, NaN,
            Infinity, -0, huge integers, deep nesting; with their paths), or JSON that is
            not an object.
    """
    name, raw = read_source(source, error)
    return name, parse_json(name, raw, error)


def read_source(
    source: str | bytes | os.PathLike[str], error: Callable[[str, list[Problem]], Exception]
) -> tuple[str, bytes]:
    """Return the source's name for messages and its bytes (see :func:`read_json`)."""
    raw: bytes | None
    if isinstance(source, bytes):
        name, raw = "<bytes>", source
    elif isinstance(source, str) and source.lstrip().startswith("{"):
        name, raw = "<string>", source.encode("utf-8", errors="surrogatepass")
    else:
        name = str(source)
        try:
            raw = strict.read_limited(Path(source))
        except OSError as exc:
            raise error(
                name, [Problem(where="file", message=f"cannot read: {exc.strerror}")]
            ) from None
    if raw is None or len(raw) > strict.MAX_FILE_BYTES:
        limit = strict.MAX_FILE_BYTES // 2**20
        message = f"larger than {limit} MiB; expected a file of at most {limit} MiB"
        raise error(name, [Problem(where="file", message=message)])
    return name, raw


def parse_json(
    name: str, raw: bytes, error: Callable[[str, list[Problem]], Exception]
) -> dict[str, Any]:
    """Parse the bytes of a JSON object, strictly (see :func:`read_json`)."""
    try:
        text = raw.decode("utf-8")
        data, problems = strict.parse_json(text, raw)
    except UnicodeDecodeError as exc:
        message = "not UTF-8; expected a UTF-8 encoded JSON file"
        raise error(name, [Problem(where=f"byte {exc.start}", message=message)]) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise error(name, [Problem(where=where, message=f"invalid JSON: {exc.msg}")]) from None
    raw_escape = strict.raw_escapable_problem(text, raw)
    if raw_escape is not None:
        problems = [*problems, raw_escape]
    if problems:
        raise error(name, problems)
    if not isinstance(data, dict):
        message = f"expected an object, found {_describe(data)}"
        raise error(name, [Problem(where="$", message=message)])
    return data


def load_edition(
    source: str | bytes | os.PathLike[str],
    *,
    converter: cattrs.Converter | None = None,
    validate: bool = True,
) -> Edition:
    """Load an edition from a file path, a JSON string or JSON bytes.

    Args:
        source: A path (``str`` or path-like), or the JSON text itself (a
            ``str`` starting with ``{``, or ``bytes``).
        converter: The converter to use; a new one from :func:`make_converter`
            by default.
        validate: Also apply the format's rules on references, uniqueness and
            dates (:func:`validate_edition`). ``dutyledger check`` loads with
            ``validate=False`` and reports those rules as findings instead.

    Returns:
        The edition.

    Raises:
        EditionLoadError: The input is not a valid edition. The error lists
            every problem with its JSON path (or line and column for invalid
            JSON); no partial edition is returned.
    """
    with paused_gc():
        return _load_edition(source, converter, validate=validate)


def _load_edition(
    source: str | bytes | os.PathLike[str], converter: cattrs.Converter | None, *, validate: bool
) -> Edition:
    name, raw = read_source(source, EditionLoadError)
    if converter is None:
        # A canonical, valid file takes the shortcut; anything else (and every error
        # message) goes the general way below. See dutyledger._edition.fast.
        edition = fast_load(raw, FORMAT, validate=validate)
        if edition is not None:
            return edition
    data = parse_json(name, raw, EditionLoadError)
    problems: list[Problem] = []
    fmt = data.pop("format", None)
    if fmt != FORMAT:
        problems.append(Problem(where="$.format", message=f"expected {FORMAT!r}, found {fmt!r}"))
    too_many = strict.item_count_problem(data, ("basic", "cooperative", "recalled"))
    if too_many is not None:
        raise EditionLoadError(name, [*problems, too_many])
    edition, structure = structure_problems(converter or make_converter(), data, Edition)
    problems += structure
    if validate:
        problems += semantic_problems(data)
    if problems or edition is None:
        raise EditionLoadError(name, problems)
    return edition


def edition_to_dict(
    edition: Edition, *, converter: cattrs.Converter | None = None
) -> dict[str, Any]:
    """Return the edition as plain data, ``format`` first, in canonical key order."""
    data = (converter or make_converter()).unstructure(edition)
    return {"format": FORMAT, **data}


def dump_edition(edition: Edition, *, converter: cattrs.Converter | None = None) -> str:
    """Return the canonical JSON text of an edition.

    Canonical: UTF-8 with Chinese unescaped, the records' field order as key
    order, 2-space indent, one newline at the end. ``dump_edition(load_edition(x))
    == x`` for every canonical ``x``.
    """
    from dutyledger._edition.safe_text import json_safe

    dumped = json.dumps(
        edition_to_dict(edition, converter=converter), ensure_ascii=False, indent=2, allow_nan=False
    )
    return json_safe(dumped) + "\n"


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write a file so that readers see the old content or the new, never half.

    The content goes to a temporary file in the same folder, is flushed to
    disk, and then replaces the target in one rename. What the target is
    decides how it is written (``docs/reliability.md``):

    * a symbolic link is followed: the file it points to is replaced, the link stays;
    * a character device or a FIFO (``/dev/null``, a named pipe) is written through;
    * a directory, a socket or a block device, a read-only file, or a file with
      several hard links (which a replace would break) is refused;
    * if anything fails, the target is left as it was and no temporary file stays.

    Raises:
        OutputError: The target is refused or cannot be written; the error
            names the target as given, never the temporary file.
    """
    from dutyledger._edition.output import write_target

    write_target(path, text.encode("utf-8") if isinstance(text, str) else text)
