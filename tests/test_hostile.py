"""Hostile content: every writer survives any text, check names it, work stays bounded."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dutyledger
import strategies
from conftest import EDITIONS, SOURCE, SOURCE_META
from dutyledger import Edition, check, diff, export_tsv
from dutyledger._edition.duty_text import numeral
from dutyledger._edition.safe_text import csv_cell, unsafe_characters, visible
from dutyledger._matching.similarity import char_spans
from dutyledger._published.meta import load_ingest_meta, meta_from_edition
from dutyledger._published.txt import ingest_text
from dutyledger._report.base import FORMATS, renderer
from dutyledger._report.build import build_report
from dutyledger._report.terminal import TerminalRenderer
from dutyledger.cli import main

_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SGR = re.compile("\x1b\\[[0-9;]*m")


def _named(edition: Edition, name: str) -> Edition:
    first = attrs.evolve(edition.basic[0], name=name)
    return attrs.evolve(edition, basic=(first, *edition.basic[1:]))


def _codes(edition: Edition, code: str) -> list[str | None]:
    return [f.location.path for f in check(edition) if f.code == code]


def _render_all(old: Edition, new: Edition) -> dict[str, bytes]:
    report = build_report(diff(old, new), old, new)
    out = {name: renderer(name).render(report) for name in FORMATS}
    out["colour"] = TerminalRenderer(colour=True).render(report)
    out["json"] = dutyledger.dump_changeset(diff(old, new)).encode("utf-8")
    return out


def _check_outputs(out: dict[str, bytes]) -> None:
    """What every output must be, whatever the texts: valid, inert, reopenable."""
    for name in ("text", "md", "html", "csv", "json"):
        text = out[name].decode("utf-8")  # never a lone surrogate
        assert not _RAW_CONTROL.search(text.replace("\r\n", "\n")), name
    assert not _RAW_CONTROL.search(_SGR.sub("", out["colour"].decode("utf-8")))
    assert "<script>alert" not in out["html"].decode("utf-8")
    markdown = out["md"].decode("utf-8")
    assert "\r" not in markdown
    assert all(line.endswith("|") for line in markdown.splitlines() if line.startswith("| "))
    rows = list(csv.reader(io.StringIO(out["csv"].decode("utf-8-sig"), newline="")))
    assert all(cell[:1] not in set("=+-@\t\r") for row in rows for cell in row)
    json.loads(out["json"])
    from docx import Document
    from openpyxl import load_workbook

    Document(io.BytesIO(out["docx"]))
    book = load_workbook(io.BytesIO(out["xlsx"]))
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


@given(strategies.editions(max_items=2), strategies.hostile_text())
def test_every_writer_survives_any_text(edition: Edition, text: str) -> None:
    """Controls, ESC sequences, lone surrogates, markup, formulas in a name: no crash, no harm."""
    changed = _named(edition, edition.basic[0].name + text)
    _check_outputs(_render_all(edition, changed))
    dumped = dutyledger.dump_edition(changed)
    dumped.encode("utf-8")
    assert dutyledger.load_edition(dumped.encode("utf-8"), validate=False) == changed
    if unsafe_characters(text):
        assert "$.basic[0].name" in _codes(changed, "DL114")
    problems: tuple[dutyledger.Problem, ...] = ()
    try:
        export_tsv(changed)
    except dutyledger.ExportError as exc:
        problems = exc.problems
    assert all(p.where == "$.basic[0]" for p in problems)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_a_name_keeps_the_markdown_table_whole(
    seed_edition: Edition, separator: str
) -> None:
    """U+2028/U+2029 end a line in editors and tools: Markdown shows them as <br>, rows stay whole.

    Found by CI's thorough profile: a name ending in U+2028 cut its table row in two.
    """
    changed = _named(seed_edition, seed_edition.basic[0].name + separator + "补充")
    markdown = _render_all(seed_edition, changed)["md"].decode("utf-8")
    assert separator not in markdown
    assert "<br>补充" in markdown
    assert all(line.endswith("|") for line in markdown.splitlines() if line.startswith("| "))


def test_lone_surrogates_and_controls_are_check_errors(seed_edition: Edition) -> None:
    """A lone surrogate (name), ESC (a step), NUL (the registry): DL114 errors at their paths."""
    item = seed_edition.cooperative[3]
    block = item.upstream_duties.blocks[0]
    step = attrs.evolve(block.steps[0], text=block.steps[0].text + "\x1b[2J")
    upstream = attrs.evolve(
        item.upstream_duties,
        blocks=(
            attrs.evolve(block, steps=(step, *block.steps[1:])),
            *item.upstream_duties.blocks[1:],
        ),
    )
    department = attrs.evolve(seed_edition.departments[0], short_names=("县委\x00组织部",))
    edition = attrs.evolve(
        _named(seed_edition, "党建\ud800工作"),
        cooperative=(
            *seed_edition.cooperative[:3],
            attrs.evolve(item, upstream_duties=upstream),
            *seed_edition.cooperative[4:],
        ),
        departments=(department, *seed_edition.departments[1:]),
    )
    found = _codes(edition, "DL114")
    assert "$.basic[0].name" in found
    assert "$.cooperative[3].upstream_duties.blocks[0].steps[0].text" in found
    assert "$.departments[0].short_names[0]" in found
    assert all(f.severity.value == "error" for f in check(edition) if f.code == "DL114")


def test_the_terminal_shows_escape_sequences_never_sends_them(
    seed_edition: Edition, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`diff` and `check` to a pipe: ESC shown as ␛, BEL as ␇; nothing reaches the terminal raw."""
    hostile = _named(seed_edition, "党建\x1b]0;pwned\x07\x1b[2J工作")
    path = tmp_path / "hostile.json"
    path.write_text(dutyledger.dump_edition(hostile), encoding="utf-8")
    assert main(["diff", str(EDITIONS / "2025-01.json"), str(path)]) == 1
    out = capsys.readouterr().out
    assert "党建␛]0;pwned␇␛[2J工作" in out
    assert "\x1b" not in out
    assert "\x07" not in out
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "DL114" in out
    assert "\x1b" not in out
    assert main(["show", str(path)]) == 0
    assert main(["summary", str(path)]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_every_command_survives_a_lone_surrogate(
    seed_edition: Edition, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lone surrogates crashed export, match and diff in all 7 formats; now none crashes."""
    path = tmp_path / "surrogate.json"
    path.write_text(dutyledger.dump_edition(_named(seed_edition, "党建\udc80工作")), "utf-8")
    seed = str(EDITIONS / "2025-01.json")
    for argv in (
        ["summary", str(path)],
        ["show", str(path)],
        ["show", str(path), "--format", "json"],
        ["match", seed, str(path)],
        *(["diff", seed, str(path), "--format", f] for f in ("text", "md", "html", "json", "csv")),
    ):
        assert main(argv) in {0, 1}, argv
        out = capsys.readouterr().out
        out.encode("utf-8")
    assert main(["check", str(path)]) == 1
    assert "U+DC80 (lone surrogate)" in capsys.readouterr().out
    assert main(["export", str(path)]) == 2
    assert "$.basic[0]" in capsys.readouterr().err


def test_visible_is_one_for_one() -> None:
    """Control pictures for C0 and DEL, U+FFFD for the rest; other text unchanged."""
    assert visible("a\x1b[2Jb\x00\x7f\x9b\ud800\ufffe") == "a␛[2Jb␀␡\ufffd\ufffd\ufffd"
    assert visible("一\n二", keep="\n") == "一\n二"
    assert visible("一\n二") == "一␊二"
    assert visible("甘沟乡 ★ “引号”") == "甘沟乡 ★ “引号”"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+86", "'+86"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'␉=1"),
        ("\r=1", "'␍=1"),
        ("1=1", "1=1"),
        ("县委组织部", "县委组织部"),
    ],
)
def test_csv_cells_are_never_formulas(text: str, cell: str) -> None:
    """OWASP: a cell starting with = + - @ tab or CR gets a leading apostrophe."""
    assert csv_cell(text) == cell


def test_a_carriage_return_does_not_split_a_markdown_row(seed_edition: Edition) -> None:
    """CR inside a name stays inside its table row (shown as ␍)."""
    changed = _named(seed_edition, "甲\r| 伪造 | 一行 |\r\n乙")
    markdown = renderer("md").render(
        build_report(diff(seed_edition, changed), seed_edition, changed)
    )
    text = markdown.decode("utf-8")
    row = next(line for line in text.splitlines() if "伪造" in line)
    assert row.startswith("| ")
    assert row.endswith(" |")
    assert "␍" in row
    assert "<br>" in row
    assert "\r" not in text


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (10001, "一万零一"),
        (100000, "十万"),
        (100000001, "一亿零一"),
        (-3, "负三"),
    ],
)
def test_chinese_numerals_are_right_for_any_number(number: int, expected: str) -> None:
    """Headings 11 and up used to crash export (IndexError); 0 came out as 十."""
    assert numeral(number) == expected


def _with_headings(edition: Edition, count: int, first: int = 1) -> Edition:
    item = edition.cooperative[3]
    block = item.upstream_duties.blocks[0]
    assert block.heading is not None
    blocks = tuple(
        attrs.evolve(block, heading=attrs.evolve(block.heading, number=n))
        for n in range(first, first + count)
    )
    changed = attrs.evolve(item, upstream_duties=attrs.evolve(item.upstream_duties, blocks=blocks))
    return attrs.evolve(
        edition, cooperative=(*edition.cooperative[:3], changed, *edition.cooperative[4:])
    )


def test_headings_past_ten_export_and_ingest_back(seed_edition: Edition) -> None:
    """Twelve headings: export writes 十一、十二、 and ingest reads the same edition back."""
    edition = _with_headings(seed_edition, 12)
    text = export_tsv(edition)
    assert "十二、" in text
    assert ingest_text(text, meta_from_edition(edition)) == edition


def test_a_heading_numbered_zero_is_a_finding_and_not_exported(seed_edition: Edition) -> None:
    """Heading 0 (or out of order): DL115 names it, export refuses it at its path."""
    edition = _with_headings(seed_edition, 2, first=0)
    path = "$.cooperative[3].upstream_duties.blocks[0].heading.number"
    assert _codes(edition, "DL115") == [path]
    with pytest.raises(dutyledger.ExportError) as caught:
        export_tsv(edition)
    assert [p.where for p in caught.value.problems] == [path]


def test_a_huge_page_is_a_finding_and_export_stays_linear(seed_edition: Edition) -> None:
    """Page 2,000,000 passed check and made export write 124 MB; now DL406 and a refusal."""
    items = list(seed_edition.recalled)
    items[5] = attrs.evolve(items[5], page=2_000_000)
    edition = attrs.evolve(seed_edition, recalled=tuple(items))
    assert "$.recalled[5].page" in _codes(edition, "DL406")
    with pytest.raises(dutyledger.ExportError) as caught:
        export_tsv(edition)
    assert [p.where for p in caught.value.problems] == ["$.recalled[5].page"]
    # A jump the header budget (one per item and list) can pay is written faithfully.
    items[5:] = [attrs.evolve(i, page=(i.page or 0) + 3) for i in seed_edition.recalled[5:]]
    jumped = attrs.evolve(seed_edition, recalled=tuple(items))
    assert export_tsv(jumped).count("序号\t") == export_tsv(seed_edition).count("序号\t") + 3


def test_the_seed_pages_agree_with_the_contents(seed_edition: Edition) -> None:
    """The real edition's pages pass DL406."""
    assert _codes(seed_edition, "DL406") == []


def _source_without_header(occurrence: int) -> str:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    headers = [i for i, line in enumerate(lines) if line.startswith("序号\t")]
    del lines[headers[occurrence]]
    return "\n".join(lines)


def test_a_lost_page_header_is_a_finding() -> None:
    """Ingest of a text missing one page header shifts later pages; check says so (DL406)."""
    meta = load_ingest_meta(SOURCE_META)
    edition = ingest_text(_source_without_header(5), meta)
    assert _codes(edition, "DL406")


def test_a_doubled_page_header_is_a_finding() -> None:
    """Two header rows in a row make a page with no item: DL406."""
    meta = load_ingest_meta(SOURCE_META)
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("序号\t")][4]
    lines.insert(at, lines[at])
    edition = ingest_text("\n".join(lines), meta)
    assert _codes(edition, "DL406")


def test_a_byte_order_mark_is_not_a_cover_line(seed_edition: Edition) -> None:
    """A UTF-8 byte-order mark (Notepad writes one) used to become a cover line."""
    meta = load_ingest_meta(SOURCE_META)
    text = SOURCE.read_text(encoding="utf-8")
    assert ingest_text("\ufeff" + text, meta) == ingest_text(text, meta)


@pytest.mark.parametrize("written", ["²", "①", "5²4", "٣", "1234567890"])
def test_a_serial_number_in_other_digits_is_an_error_naming_the_line(written: str) -> None:
    """序号 takes ASCII and full-width digits only; ², ① once crashed int()."""
    meta = load_ingest_meta(SOURCE_META)
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("3\t"))
    lines[at] = written + lines[at][1:]
    with pytest.raises(dutyledger.IngestError) as caught:
        ingest_text("\n".join(lines), meta)
    assert any(p.where == f"line {at + 1}, 序号" for p in caught.value.problems)


def test_a_full_width_serial_number_is_read() -> None:
    """序号 ３ (full-width) reads as 3: the same edition."""
    meta = load_ingest_meta(SOURCE_META)
    text = SOURCE.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("3\t"))
    lines[at] = "３" + lines[at][1:]
    assert ingest_text("\n".join(lines), meta) == ingest_text(text, meta)


def test_the_character_diff_of_a_huge_text_is_bounded() -> None:
    """A 10 MB name: common start and end, one replacement, in well under a second."""
    old = "甲" * 1000 + "乙" * 5_000_000 + "丙"
    new = "甲" * 1000 + "丁" * 5_000_000 + "丙"
    started = time.perf_counter()
    spans = char_spans(old, new)
    assert time.perf_counter() - started < 5
    assert [s.op for s in spans] == ["equal", "replace", "equal"]
    assert "".join(s.old for s in spans) == old
    assert "".join(s.new for s in spans) == new
    assert char_spans("甲乙丙", "甲丁丙") == char_spans("甲乙丙", "甲丁丙")  # small: exact diff
    assert [s.op for s in char_spans("甲乙丙", "甲丁丙")] == ["equal", "replace", "equal"]


def test_a_ten_megabyte_name_diffs_in_seconds(seed_edition: Edition) -> None:
    """The text report of a 10 MB name took 17 s (rich, quadratic diff); now bounded and clipped."""
    changed = _named(seed_edition, "x" * 10_000_000)
    started = time.perf_counter()
    out = _render_all(seed_edition, changed)
    assert time.perf_counter() - started < 60
    assert "more characters not shown" in out["text"].decode("utf-8")
    _check_outputs(out)


@given(st.text(alphabet="甲乙丙丁", max_size=30), st.text(alphabet="甲乙丙丁", max_size=30))
def test_character_diffs_give_both_texts_back(old: str, new: str) -> None:
    """Whatever the path (exact or bounded), the spans spell out both texts."""
    spans = char_spans(old, new)
    assert "".join(s.old for s in spans) == old
    assert "".join(s.new for s in spans) == new


def test_export_never_writes_a_control_character(seed_edition: Edition) -> None:
    """ESC in a name, a line break in a preamble paragraph: refused at their paths, not written."""
    section = seed_edition.preamble.sections[0]
    broken = attrs.evolve(section, paragraphs=("第一行\n第二行", *section.paragraphs[1:]))
    preamble = attrs.evolve(
        seed_edition.preamble, sections=(broken, *seed_edition.preamble.sections[1:])
    )
    edition = attrs.evolve(_named(seed_edition, "党建\x1b[2J工作"), preamble=preamble)
    with pytest.raises(dutyledger.ExportError) as caught:
        export_tsv(edition)
    assert [p.where for p in caught.value.problems] == [
        "$.preamble.sections[0].paragraphs[0]",
        "$.basic[0]",
    ]
    assert "U+001B (ESCAPE)" in str(caught.value)
