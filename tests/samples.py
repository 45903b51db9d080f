"""Sample files the tests build by hand.

A minimal PDF (no PDF library needed to make one); an Office file with one part marked as
encrypted.
"""

from __future__ import annotations

import io
import zipfile

__all__ = ["marked_encrypted", "minimal_pdf"]


def marked_encrypted(archive: bytes, prefix: str) -> bytes:
    """The ZIP with its first entry named ``prefix…`` flagged as encrypted (bit 0 of its flags).

    zipfile then refuses to open that entry (``RuntimeError``: password required), as it did
    for a damaged workbook the fuzz campaign made.
    """
    info = next(
        i for i in zipfile.ZipFile(io.BytesIO(archive)).infolist() if i.filename.startswith(prefix)
    )
    data = bytearray(archive)
    data[info.header_offset + 6] |= 1  # the local header's flags
    name = info.filename.encode()
    central = archive.index(b"PK\x01\x02")
    while archive[central + 46 : central + 46 + len(name)] != name:
        central = archive.index(b"PK\x01\x02", central + 4)
    data[central + 8] |= 1  # the central directory's flags
    return bytes(data)


def minimal_pdf(*pages: bytes, resources: bytes = b"") -> bytes:
    """A small valid PDF whose pages draw only ``pages`` (content streams).

    Args:
        pages: One content stream per page.
        resources: The pages' resource dictionary entries (e.g. a font), if any.
    """
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages))).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages))
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R" % (4 + 2 * i)
            + (b" /Resources << " + resources + b" >>" if resources else b"")
            + b" >>"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
