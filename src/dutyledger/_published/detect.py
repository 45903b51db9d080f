"""Ingest any file staff hold: the kind is told by the content, not the name.

* a ZIP whose ``[Content_Types].xml`` declares a workbook → .xlsx;
* a ZIP that declares a Word document → .docx;
* ``%PDF-`` at the start → PDF;
* anything else → text, in any of the encodings of :mod:`dutyledger._published.encodings`.

A legacy binary .xls or .doc (an OLE file) is refused with what to do instead.
"""

from __future__ import annotations

import enum
import io
import zipfile
from pathlib import Path

from dutyledger._edition.damaged import DAMAGED_OOXML
from dutyledger._edition.records import Edition, Preamble
from dutyledger._published.assemble import assemble
from dutyledger._published.encodings import decode_text
from dutyledger._published.meta import IngestMeta
from dutyledger._published.tables import read_blocks
from dutyledger._published.txt import ingest_text, read_source_file
from dutyledger.exceptions import IngestError, Problem

__all__ = ["SourceKind", "detect_kind", "ingest_bytes", "ingest_file"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORKBOOK = "spreadsheetml.sheet.main+xml"
_DOCUMENT = "wordprocessingml.document.main+xml"


class SourceKind(enum.Enum):
    """The kinds of file ``ingest`` reads."""

    TEXT = "txt"
    XLSX = "xlsx"
    DOCX = "docx"
    PDF = "pdf"


def detect_kind(data: bytes, name: str) -> SourceKind:
    """Tell the kind of a source from its bytes.

    Raises:
        IngestError: A ZIP that is neither a workbook nor a Word document, or a
            legacy .xls/.doc file.
    """
    if data.startswith(b"%PDF-"):
        return SourceKind.PDF
    if data.startswith(_OLE):
        message = "a legacy Office file (.xls or .doc); expected .xlsx or .docx: open it and save it as one"
        raise IngestError(name, [Problem(where="file", message=message)])
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
        except DAMAGED_OOXML as exc:
            message = (
                "a damaged ZIP archive; expected an Excel workbook (.xlsx) or a Word document "
                f"(.docx) ({exc.__class__.__name__}: {exc})"
            )
            raise IngestError(name, [Problem(where="file", message=message)]) from None
        if _WORKBOOK in types:
            return SourceKind.XLSX
        if _DOCUMENT in types:
            return SourceKind.DOCX
        message = "a ZIP file that is neither an Excel workbook (.xlsx) nor a Word document (.docx)"
        raise IngestError(name, [Problem(where="file", message=message)])
    return SourceKind.TEXT


def _unreadable(name: str, kind: SourceKind, exc: Exception) -> IngestError:
    message = f"cannot be read as {kind.value}: {exc.__class__.__name__}: {exc}"
    return IngestError(name, [Problem(where="file", message=message)])


def ingest_file(
    path: str | Path,
    meta: IngestMeta,
    *,
    preamble: Preamble | None = None,
    encoding: str | None = None,
) -> Edition:
    """Ingest a published list from a .txt, .xlsx, .docx or .pdf file.

    Args:
        path: The file; its kind is detected from its content.
        meta: Edition facts the file does not give, and the department registry.
        preamble: The preamble to use if the file has none of its own (a
            workbook has no 说明 or 目录): typically the previous edition's,
            from ``--meta EDITION``.
        encoding: For a text file, its encoding; detected when not given.

    Returns:
        The edition.

    Raises:
        IngestError: The file cannot be read, or does not hold the lists as
            ``docs/sources.md`` describes; every problem is named by its line,
            cell or page. Nothing is returned half-read.
        MissingExtraError: An office file, and the ``office`` extra is not installed.
    """
    name = str(path)
    data = read_source_file(path)
    return ingest_bytes(data, meta, name=name, preamble=preamble, encoding=encoding)


def ingest_bytes(
    data: bytes,
    meta: IngestMeta,
    *,
    name: str = "<upload>",
    preamble: Preamble | None = None,
    encoding: str | None = None,
) -> Edition:
    """Ingest a published list held in memory (an upload), as :func:`ingest_file` does a file.

    Args:
        data: The file's bytes; its kind is detected from them.
        meta: Edition facts the file does not give, and the department registry.
        name: How to name the file in error messages (the uploaded file's name).
        preamble: The preamble to use if the file has none of its own.
        encoding: For a text file, its encoding; detected when not given.

    Raises:
        IngestError: As :func:`ingest_file`.
        MissingExtraError: An office file, and the ``office`` extra is not installed.
    """
    kind = detect_kind(data, name)
    if kind is SourceKind.TEXT:
        text = decode_text(data, name, encoding=encoding)
        return ingest_text(text, meta, name=name)
    problems: list[Problem] = []
    if kind is SourceKind.PDF:
        from dutyledger._published.pdf import pdf_blocks

        blocks = list(pdf_blocks(data, name))
        parts = read_blocks(blocks, problems, continuations=True, physical_pages=True)
    else:
        if kind is SourceKind.XLSX:
            from dutyledger._published.xlsx import xlsx_blocks as reader
        else:
            from dutyledger._published.docx import docx_blocks as reader
        try:
            blocks = list(reader(data, name))
        except DAMAGED_OOXML as exc:
            raise _unreadable(name, kind, exc) from None
        parts = read_blocks(blocks, problems)
    return assemble(parts, meta, name=name, problems=problems, preamble=preamble)
