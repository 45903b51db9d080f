"""Text sources as Windows offices save them: GB18030/GBK, UTF-16, UTF-8 with a BOM."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import dutyledger
from conftest import SOURCE, SOURCE_META
from dutyledger import IngestError
from dutyledger._published.encodings import detect_encoding

TEXT = SOURCE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-8"), "utf-8"),
    ],
    ids=["gb18030", "gbk", "utf-16-bom", "utf-16-le", "utf-16-be", "utf-8-bom", "utf-8"],
)
def test_the_seed_in_every_encoding_gives_the_same_edition(
    tmp_path: Path, data: bytes, codec: str, seed_edition: dutyledger.Edition
) -> None:
    """Detected by rule, and the edition read is the committed one (the BOM is no cover line)."""
    assert codec == detect_encoding(data)
    path = tmp_path / "2025-01.txt"
    path.write_bytes(data)
    meta = dutyledger.load_ingest_meta(SOURCE_META)
    assert seed_edition == dutyledger.ingest_file(path, meta)


def test_an_encoding_can_be_named(tmp_path: Path, seed_edition: dutyledger.Edition) -> None:
    """--encoding overrides detection (Big5 is never detected)."""
    path = tmp_path / "big5.txt"
    path.write_bytes(TEXT.replace("★", "*").encode("big5", "replace"))
    meta = dutyledger.load_ingest_meta(SOURCE_META)
    with pytest.raises(IngestError):
        dutyledger.ingest_file(path, meta, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_file(path, meta, encoding="no-such-codec")
    assert "--encoding" == caught.value.problems[0].where


def test_bytes_that_fit_no_encoding_name_the_byte(tmp_path: Path) -> None:
    """Not GB18030 either: the byte offset and what was expected."""
    path = tmp_path / "bad.txt"
    path.write_bytes("基本".encode() + b"\x81\x20")
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_file(path, dutyledger.load_ingest_meta(SOURCE_META))
    (problem,) = caught.value.problems
    assert problem.where.startswith("byte ")
    assert "gb18030" in problem.message
