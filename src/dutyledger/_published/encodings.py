"""The encodings a published text arrives in, and how one is told from another.

Windows offices save .txt as GB18030/GBK ("ANSI" on a Chinese Windows) or
UTF-16 ("Unicode" in Notepad), with or without a byte-order mark; everything
else is UTF-8, sometimes with a BOM. Detection is by rule, in this order, so
the same bytes always read the same way:

1. a byte-order mark: UTF-8 (``EF BB BF``), UTF-16 LE (``FF FE``) or BE (``FE FF``);
2. valid UTF-8;
3. UTF-16 without a mark: zero bytes (at least 1 in 100), which the ASCII
   characters of UTF-16 text (digits, line ends) have and GB18030 text never
   does; little-endian if most of them stand at odd offsets;
4. GB18030 (a superset of GBK and GB2312).

The mark is never part of the text (so never a cover line).
"""

from __future__ import annotations

import codecs

from dutyledger.exceptions import IngestError, Problem

__all__ = ["decode_text", "detect_encoding"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` if the text has zero bytes, by where most of them are."""
    if len(data) < 2 or len(data) % 2 or data.count(0) * 100 < len(data):
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    return "utf-16-le" if odd >= even else "utf-16-be"


def detect_encoding(data: bytes) -> str:
    """Return the codec name the rules above choose for ``data``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    return _looks_utf16(data) or "gb18030"


def decode_text(data: bytes, name: str, *, encoding: str | None = None) -> str:
    """Decode a text source, by ``encoding`` if given, else by :func:`detect_encoding`.

    Raises:
        IngestError: The encoding is unknown, or the bytes are not valid in it
            (naming the byte offset).
    """
    chosen = encoding or detect_encoding(data)
    try:
        codecs.lookup(chosen)
    except LookupError:
        message = f"unknown encoding {chosen!r}; expected e.g. utf-8, gb18030, utf-16"
        raise IngestError(name, [Problem(where="--encoding", message=message)]) from None
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as exc:
        how = "given" if encoding else "detected"
        raise IngestError(
            name,
            [
                Problem(
                    where=f"byte {exc.start}",
                    message=f"not valid {chosen} ({how}); expected UTF-8, GB18030/GBK or "
                    "UTF-16 text, or name the encoding with --encoding",
                )
            ],
        ) from None
    return text.removeprefix("\ufeff")
