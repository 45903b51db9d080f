"""The metadata of an ingest: what a source does not say, recorded beside it.

Jurisdiction, status, source and the department registry come from a TOML file
(``docs/edition-format.md``) or from an existing edition (``--meta EDITION``).
Every reader of ``dutyledger._published`` takes an :class:`IngestMeta`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import attrs

from dutyledger._edition.codec import make_converter, structure_problems
from dutyledger._edition.departments import DepartmentRegistry
from dutyledger._edition.records import (
    Department,
    Edition,
    EditionSource,
    EditionStatus,
    Jurisdiction,
)
from dutyledger._edition.strict import read_toml_text
from dutyledger.exceptions import MetadataError, Problem

__all__ = ["EditionFields", "IngestMeta", "load_ingest_meta", "meta_from_edition"]


@attrs.frozen(kw_only=True)
class EditionFields:
    """The ``[edition]`` table of a metadata file."""

    jurisdiction: Jurisdiction
    status: EditionStatus
    source: EditionSource
    date: str | None = None
    title: str | None = None
    namespace: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class IngestMeta:
    """The metadata file of an ingest: edition facts and the department registry.

    Attributes:
        edition: Jurisdiction, status, source; optionally date, title (else
            read from the cover), namespace (else derived) and a note.
        departments: The department registry.
    """

    edition: EditionFields
    departments: tuple[Department, ...] = ()


def meta_from_edition(edition: Edition) -> IngestMeta:
    """Return the ingest metadata that reproduces an edition's own metadata."""
    meta = edition.meta
    fields = EditionFields(
        jurisdiction=meta.jurisdiction,
        status=meta.status,
        source=meta.source,
        date=meta.date,
        title=meta.title,
        namespace=meta.namespace,
        note=meta.note,
    )
    return IngestMeta(edition=fields, departments=edition.departments)


def load_ingest_meta(path: str | Path) -> IngestMeta:
    """Read an ingest metadata file (TOML).

    Raises:
        MetadataError: The file cannot be read, is not TOML, or does not have
            the expected keys and types; every problem is listed.
    """
    name = str(path)
    try:
        data = tomllib.loads(read_toml_text(Path(path)))
    except OSError as exc:
        raise MetadataError(
            name, [Problem(where="file", message=f"cannot read: {exc.strerror}")]
        ) from None
    except UnicodeDecodeError:
        raise MetadataError(
            name, [Problem(where="file", message="not UTF-8; expected a UTF-8 TOML file")]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(name, [Problem(where="file", message=f"invalid TOML: {exc}")]) from None
    except ValueError as exc:  # larger than MAX_TOML_BYTES
        raise MetadataError(name, [Problem(where="file", message=str(exc))]) from None
    meta, problems = structure_problems(make_converter(every_field=False), data, IngestMeta)
    if meta is None:
        raise MetadataError(name, problems)
    _, registry_problems = DepartmentRegistry.from_departments(meta.departments)
    if registry_problems:
        raise MetadataError(name, registry_problems)
    return meta
