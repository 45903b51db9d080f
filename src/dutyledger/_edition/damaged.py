"""What reading a damaged Office Open XML file (.xlsx, .docx) raises, in one place.

A damaged file is bad input, never a crash: whoever reads an archive catches these and
says the file cannot be read, naming it. Found by fuzzing: a ZIP entry whose offsets point
before the archive (``ValueError: negative seek value``), a corrupt deflate stream
(``zlib.error``), a truncated archive (``EOFError``, ``BadZipFile``), a missing part
(``KeyError``), a cell whose style number is past the workbook's styles (openpyxl's
``IndexError``; ``LookupError`` takes both), an entry marked as encrypted (``zipfile``'s ``RuntimeError``: "password required for
extraction"; a workbook locked by Excel is not a ZIP at all and is told apart before), bad XML inside (``xml.etree``'s ``ParseError`` and lxml's ``XMLSyntaxError``
are ``SyntaxError`` subclasses), an unsupported compression method (``NotImplementedError``).
"""

from __future__ import annotations

import zipfile
import zlib

__all__ = ["DAMAGED_OOXML"]

DAMAGED_OOXML: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    LookupError,
    ValueError,
    TypeError,
    OSError,
    SyntaxError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)
"""The exceptions a reader of a damaged .xlsx or .docx meets (openpyxl, python-docx, zipfile)."""
