"""Byte-identical Office files: one timestamp, from the edition or ``SOURCE_DATE_EPOCH``.

openpyxl and python-docx stamp a .xlsx or .docx with the time of writing, twice:
in each zip entry's header and in ``docProps/core.xml`` (``dcterms:created``,
``dcterms:modified``). :func:`stable_zip` rewrites both with one time, so the same
report made twice is the same bytes (``docs/reliability.md``). The time is
:func:`document_time`: ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
convention), else the date of the edition the document is about.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

__all__ = ["PROPERTY_LIMIT", "document_time", "property_text", "stable_zip"]

PROPERTY_LIMIT = 255
"""The most characters of a document property (title, subject): python-docx refuses more."""

_EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The earliest time a zip entry can carry."""

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_STAMP = re.compile(
    rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def document_time(date: str | None) -> dt.datetime:
    """The time to stamp a document with.

    Args:
        date: The edition's date (``YYYY-MM`` or ``YYYY-MM-DD``).

    Returns:
        ``SOURCE_DATE_EPOCH`` if it is set to a whole number of seconds, else the
        first moment (UTC) of ``date``; never before 1980-01-01 (zip's first day).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        seconds = min(int(epoch), 253402300799)  # 9999-12-31T23:59:59
        return max(dt.datetime.fromtimestamp(seconds, tz=dt.UTC), _EARLIEST)
    match = _DATE.match(date or "")
    if match:
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            return max(dt.datetime(year, month, day, tzinfo=dt.UTC), _EARLIEST)
        except ValueError:
            pass
    return _EARLIEST


def stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """Return an Office zip with every timestamp set to ``when``.

    Entries keep their order, names and content (``docProps/core.xml`` with its
    created and modified times replaced); each is deflated with a fixed date.
    """
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = when.astimezone(dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def property_text(text: str) -> str:
    """A document property (title, subject) cut to :data:`PROPERTY_LIMIT` characters.

    A title as long as an edition may hold (found by fuzzing: a 300-character township name
    made the Word report fail with exit 70) ends in … within the limit; the text of the
    document itself is never cut.
    """
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"
