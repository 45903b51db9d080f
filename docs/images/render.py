"""Render the pictures of docs/sources.md from real files made from the 2025-01 edition.

    .venv/bin/python docs/images/render.py   # needs LibreOffice (soffice) and poppler (pdftoppm)

Each accepted layout is written as a file (by dutyledger's own exports, or as staff
lay it out by hand with openpyxl / python-docx), printed to PDF by LibreOffice and
cut to the top of one page at 100 dpi.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import openpyxl
import openpyxl.styles
from docx.enum.text import WD_BREAK

import dutyledger
from dutyledger._published.tsv import item_cells

HERE = Path(__file__).resolve().parent
EDITION = dutyledger.builtin_edition("2025-01")


def _print(source: Path, out: Path) -> Path:
    """Print ``source`` to PDF with LibreOffice, in a profile of its own."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None, "LibreOffice is needed"
    profile = (out / "profile").as_uri()
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(out)},
    )
    return out / (source.stem + ".pdf")


def _png(pdf: Path, page: int, name: str, height: float = 0.5) -> None:
    """Page ``page`` of ``pdf``, its top ``height`` (a fraction), as docs/images/NAME.png at 100 dpi."""
    info = subprocess.run(
        ["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    size = next(
        line for line in info.stdout.splitlines() if re.match(r"Page\s+(\d+\s+)?size:", line)
    )
    width_pt, height_pt = (float(v) for v in size.split(":")[1].split("pts")[0].split("x"))
    width_px, height_px = round(width_pt / 72 * 100), round(height_pt / 72 * 100 * height)
    target = HERE / name.removesuffix(".png")  # pdftoppm adds the suffix
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "100",
            "-png",
            "-gray",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            "0",
            "-y",
            "0",
            "-W",
            str(width_px),
            "-H",
            str(height_px),
            str(pdf),
            str(target),
        ],
        check=True,
    )


def _page_with(pdf: Path, text: str) -> int:
    """The first page of ``pdf`` whose text has a line that is ``text``."""
    page = 1
    while True:
        found = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if text in (line.strip() for line in found.splitlines()):
            return page
        page += 1


def _staff_workbook(path: Path) -> None:
    """One sheet, a title row before each list, categories merged or written once, ★ after, 编号."""
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = "清单"
    sheet.append(["甘沟乡履职事项清单（2025年1月）"])
    sheet.append(["基本履职事项清单"])
    sheet.append(["编号", "类别", "履职事项名称"])
    for item in EDITION.basic[:6]:
        sheet.append(
            [
                "１" if item.number == 1 else item.number,
                item.category if item.number in (1,) else None,
                item.name,
            ]
        )
    sheet.merge_cells("B4:B9")
    sheet.append([])
    sheet.append(["配合履职事项清单"])
    sheet.append(["编号", "类别", "事项", "配合部门", "上级部门职责", "乡镇配合职责"])
    for item in EDITION.cooperative[:2]:
        cells = item_cells(item, "\n")
        cells[2] = item.name + ("★" if item.starred else "")
        sheet.append(cells)
    for column, width in zip("ABCDEF", (6, 12, 30, 20, 40, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
    sheet.page_setup.orientation = "landscape"
    book.save(path)


def _staff_document(path: Path) -> None:
    """Heading paragraphs, the preamble as paragraphs, a table per list, the header again after a page break."""
    document = docx.Document()
    for line in (*EDITION.preamble.title_lines, "说明"):
        document.add_paragraph(line)
    for section in EDITION.preamble.sections[:1]:
        document.add_paragraph(section.title)
        document.add_paragraph(section.paragraphs[0][:120] + "……")
    document.add_paragraph("附件1：基本履职事项清单")
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "事项类别", "事项名称"), strict=True):
        cell.text = text
    for item in EDITION.basic[:4]:
        row = table.add_row().cells
        row[0].text, row[2].text = str(item.number), item.name
        row[1].text = item.category if item.number == 1 else ""
    table.cell(1, 1).merge(table.cell(4, 1))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(path)


def main() -> None:
    """Write every picture of docs/sources.md."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        text = out / "published.txt"
        text.write_text(dutyledger.export_tsv(EDITION), encoding="utf-8")
        workbook = out / "export.xlsx"
        workbook.write_bytes(dutyledger.export_xlsx(EDITION))
        document = out / "export.docx"
        document.write_bytes(dutyledger.export_docx(EDITION))
        staff_book = out / "staff.xlsx"
        _staff_workbook(staff_book)
        staff_doc = out / "staff.docx"
        _staff_document(staff_doc)
        printed_text = _print(text, out)
        _png(printed_text, _page_with(printed_text, "基本履职事项清单"), "source-text.png", 0.3)
        exported = _print(workbook, out)
        _png(exported, 12, "source-xlsx.png", 0.45)
        _png(_print(staff_book, out), 1, "source-xlsx-staff.png", 0.6)
        printed = _print(document, out)
        _png(printed, 5, "source-docx-contents.png", 0.4)
        _png(printed, 17, "source-docx-table.png", 0.5)
        _png(_print(staff_doc, out), 1, "source-docx-staff.png", 0.7)


if __name__ == "__main__":
    main()
