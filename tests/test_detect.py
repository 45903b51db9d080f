"""`ingest` of any file staff hold: kind by content; CLI export and ingest; the missing extra."""

from __future__ import annotations

import importlib
import io
import re
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

import dutyledger
from conftest import EDITIONS
from dutyledger import IngestError, MissingExtraError
from dutyledger._published.detect import ingest_bytes
from dutyledger.cli import main
from samples import marked_encrypted

SEED = EDITIONS / "2025-01.json"


def test_the_kind_is_told_by_the_content_not_the_name(
    tmp_path: Path, seed_edition: dutyledger.Edition
) -> None:
    """A workbook named .txt and a Word document named .xlsx are read as what they are."""
    workbook = tmp_path / "list.txt"
    workbook.write_bytes(dutyledger.export_xlsx(seed_edition))
    document = tmp_path / "list.xlsx"
    document.write_bytes(dutyledger.export_docx(seed_edition))
    meta = dutyledger.meta_from_edition(seed_edition)
    assert seed_edition == dutyledger.ingest_file(workbook, meta, preamble=seed_edition.preamble)
    assert seed_edition == dutyledger.ingest_file(document, meta)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy Office file"),
        (b"PK\x03\x04broken", "a damaged ZIP archive; expected an Excel workbook"),
        (_zip({"a.txt": b"x", "[Content_Types].xml": b"<Types/>"}), "neither an Excel workbook"),
    ],
    ids=["xls", "broken zip", "zip"],
)
def test_files_that_are_no_list_are_named(
    tmp_path: Path, data: bytes, expected: str, seed_edition: dutyledger.Edition
) -> None:
    """A legacy .xls/.doc, a broken ZIP and a ZIP that is not OOXML: one clear problem each."""
    path = tmp_path / "list.xls"
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_file(path, dutyledger.meta_from_edition(seed_edition))
    assert expected in caught.value.problems[0].message


def test_a_damaged_workbook_is_an_ingest_error(
    tmp_path: Path, seed_edition: dutyledger.Edition
) -> None:
    """OOXML content types with the sheets missing: an error naming the file, no traceback."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_file(path, dutyledger.meta_from_edition(seed_edition))
    assert "cannot be read as xlsx" in caught.value.problems[0].message


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_export_then_ingest_from_the_command_line(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --format xlsx|docx -o F`, then `ingest F --meta EDITION.json`: the same edition file, byte for byte."""
    office = tmp_path / f"2025-01.{fmt}"
    again = tmp_path / "again.json"
    assert 0 == main(["export", str(SEED), "--format", fmt, "-o", str(office)])
    assert 0 == main(["ingest", str(office), "--meta", str(SEED), "-o", str(again)])
    assert SEED.read_bytes() == again.read_bytes()
    assert "配合履职事项清单: 96 items, 序号 1–96" in capsys.readouterr().err


def test_a_workbook_without_meta_edition_says_the_preamble_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ingest of a workbook with a TOML metadata file: the note on stderr says what check will skip."""
    office = tmp_path / "2025-01.xlsx"
    assert 0 == main(["export", str(SEED), "--format", "xlsx", "-o", str(office)])
    out = tmp_path / "e.json"
    assert 0 == main(
        [
            "ingest",
            str(office),
            "--meta",
            str(EDITIONS / "sources" / "2025-01.toml"),
            "-o",
            str(out),
        ]
    )
    assert "the preamble is empty" in capsys.readouterr().err
    assert () == dutyledger.load_edition(out).preamble.sections


def test_a_failed_office_ingest_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown department in a workbook: exit 2, the cell on stderr, no output file."""
    import openpyxl

    office = tmp_path / "2025-01.xlsx"
    assert 0 == main(["export", str(SEED), "--format", "xlsx", "-o", str(office)])
    book = openpyxl.load_workbook(office)
    book["配合履职事项清单"]["D5"] = "乌鲁木齐县审记局"
    book.save(office)
    out = tmp_path / "out.json"
    assert 2 == main(["ingest", str(office), "--meta", str(SEED), "-o", str(out)])
    err = capsys.readouterr().err
    assert "配合履职事项清单!D5: unknown department '乌鲁木齐县审记局'" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_without_the_office_extra_the_message_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Openpyxl missing: MissingExtraError naming dutyledger[office]; the CLI exits 2 without a traceback."""
    real = importlib.import_module

    def without_openpyxl(name: str, package: str | None = None) -> ModuleType:
        if name.split(".", maxsplit=1)[0] == "openpyxl":
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_openpyxl)
    with pytest.raises(MissingExtraError) as caught:
        dutyledger.export_xlsx(dutyledger.load_edition(SEED))
    assert 'pip install "dutyledger[office]"' in str(caught.value)
    out = tmp_path / "x.xlsx"
    assert 2 == main(["export", str(SEED), "--format", "xlsx", "-o", str(out)])
    err = capsys.readouterr().err
    assert "dutyledger[office]" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_binary_export_to_a_terminal_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format docx without -o on a terminal: exit 2, asking for -o FILE."""
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert 2 == main(["export", str(SEED), "--format", "docx"])
    assert "expected -o FILE" in capsys.readouterr().err


def test_a_document_with_broken_xml_is_an_ingest_error(
    tmp_path: Path, seed_edition: dutyledger.Edition
) -> None:
    """A .docx whose document.xml is not XML: one problem naming the file, no traceback."""
    source = io.BytesIO(dutyledger.export_docx(seed_edition))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = b"<w:document" if info.filename == "word/document.xml" else old.read(info)
            new.writestr(info, data)
    path = tmp_path / "broken.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_file(path, dutyledger.meta_from_edition(seed_edition))
    assert "cannot be read as docx" in caught.value.problems[0].message


def test_a_cell_with_a_style_past_the_workbook_styles_is_an_ingest_error(
    seed_edition: dutyledger.Edition,
) -> None:
    """A cell whose style number the workbook lacks: openpyxl's IndexError is a damaged file.

    Found by the fuzz campaign (office:20261211:212878): ingest ended in a traceback.
    """
    source = io.BytesIO(dutyledger.export_xlsx(seed_edition))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb' s="[0-9]+"', b' s="9999"', data, count=1)
            new.writestr(info, data)
    with pytest.raises(IngestError) as caught:
        ingest_bytes(out.getvalue(), dutyledger.meta_from_edition(seed_edition), name="x.xlsx")
    (problem,) = caught.value.problems
    assert "cannot be read as xlsx" in problem.message
    assert "IndexError" in problem.message


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_office_file_with_a_part_marked_encrypted_is_an_ingest_error(
    seed_edition: dutyledger.Edition, fmt: str
) -> None:
    """A part flagged encrypted in the ZIP: one IngestError naming the file, no traceback."""
    exported = dutyledger.export_xlsx if fmt == "xlsx" else dutyledger.export_docx
    part = "xl/worksheets/sheet" if fmt == "xlsx" else "word/document.xml"
    data = marked_encrypted(exported(seed_edition), part)
    with pytest.raises(IngestError) as caught:
        ingest_bytes(data, dutyledger.meta_from_edition(seed_edition), name=f"x.{fmt}")
    (problem,) = caught.value.problems
    assert f"cannot be read as {fmt}" in problem.message
    assert "RuntimeError" in problem.message


def _content_types(archive: bytes) -> tuple[int, slice]:
    """Where ``[Content_Types].xml`` stands in a ZIP: its local header, and its compressed data."""
    info = zipfile.ZipFile(io.BytesIO(archive)).getinfo("[Content_Types].xml")
    start = info.header_offset
    names = int.from_bytes(archive[start + 26 : start + 28], "little")
    extra = int.from_bytes(archive[start + 28 : start + 30], "little")
    data = start + 30 + names + extra
    return start, slice(data, data + info.compress_size)


def _directory_moved(archive: bytes, by: int) -> bytes:
    """The ZIP with its end record pointing ``by`` bytes past its central directory."""
    end = archive.rindex(b"PK\x05\x06")
    where = int.from_bytes(archive[end + 16 : end + 20], "little")
    return archive[: end + 16] + (where + by).to_bytes(4, "little") + archive[end + 20 :]


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        ("deflate", "error"),  # zlib.error: the first entry's compressed data overwritten
        ("offsets", "ValueError: negative seek value"),  # the directory's offset too far on
    ],
)
def test_a_damaged_archive_is_an_ingest_error(
    seed_edition: dutyledger.Edition, damage: str, error: str
) -> None:
    """Damage found by fuzzing that crashed ingest before it could tell the kind of the file."""
    data = bytearray(dutyledger.export_xlsx(seed_edition))
    header, compressed = _content_types(bytes(data))
    if damage == "deflate":
        data[compressed] = b"\xff" * (compressed.stop - compressed.start)
    else:  # every entry's offset is read relative to the directory: the first one goes negative
        data = bytearray(_directory_moved(bytes(data), header + 50))
    with pytest.raises(IngestError) as caught:
        ingest_bytes(bytes(data), dutyledger.meta_from_edition(seed_edition), name="x")
    (problem,) = caught.value.problems
    assert problem.message.startswith("a damaged ZIP archive; expected an Excel workbook")
    assert error in problem.message


@pytest.mark.parametrize(("fmt", "module"), [("xlsx", "openpyxl"), ("docx", "docx")])
def test_diff_reports_without_the_office_extra_name_it(
    fmt: str,
    module: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``diff --format xlsx|docx`` without the office libraries: exit 2 naming the extra."""
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    out = tmp_path / f"report.{fmt}"
    example = SEED.parents[1] / "examples" / "2026-01-illustrative.json"
    assert 2 == main(["diff", str(SEED), str(example), "--format", fmt, "-o", str(out)])
    err = capsys.readouterr().err
    assert 'pip install "dutyledger[office]"' in err
    assert "Traceback" not in err
    assert not out.exists()
