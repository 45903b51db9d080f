"""Notes: the file format, citations, matching to a diff, and the DL5xx rules."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import dutyledger
import strategies
from conftest import ROOT
from dutyledger import Edition, Note, Notes, NotesError, Signoff
from dutyledger._changes.adjustments import Adjustment, adjustments
from dutyledger._checks.registry import NOTES_RULES
from dutyledger._notes.citations import citation_problems
from dutyledger._notes.match import match_notes
from dutyledger._notes.rules import NOTES_CHECKS

EXAMPLE_NOTES = ROOT / "examples" / "2026-01-illustrative.notes.json"


def _notes(seed: Edition, *notes: Note) -> Notes:
    return Notes(jurisdiction=seed.meta.jurisdiction, old="2025-01", new="2026-01", notes=notes)


def _of(example_adjustments: tuple[Adjustment, ...], kind: str) -> Adjustment:
    return next(a for a in example_adjustments if a.kind == kind)


# --- the file format ------------------------------------------------------------------------


@given(strategies.notes())
def test_notes_round_trip_through_json(notes: Notes) -> None:
    """load_notes(dump_notes(n)) == n for any notes, hostile texts included; the dump is canonical."""
    text = dutyledger.dump_notes(notes)
    assert notes == dutyledger.load_notes(text)
    assert text == dutyledger.dump_notes(dutyledger.load_notes(text.encode("utf-8")))


def test_dump_is_canonical_json_with_format_first(seed_edition: Edition) -> None:
    """The dump starts with the format, keeps Chinese unescaped, dates as YYYY-MM-DD."""
    note = Note(
        key="a+b",
        kind="合并",
        reason="理由",
        reviewed=Signoff(by="县委编办", date=datetime.date(2025, 12, 1)),
    )
    text = dutyledger.dump_notes(_notes(seed_edition, note))
    data = json.loads(text)
    assert "dutyledger.notes/1" == next(iter(data.values()))
    assert '"reason": "理由"' in text
    assert {"by": "县委编办", "date": "2025-12-01"} == data["notes"][0]["reviewed"]
    assert text.endswith("}\n")


def test_every_problem_is_named_with_its_json_path(seed_edition: Edition) -> None:
    """A bad type, an unknown 调整类型, an impossible date, an unknown field: each with its path."""
    data = json.loads(dutyledger.dump_notes(_notes(seed_edition, Note(key="k", kind="增加"))))
    data["notes"][0]["kind"] = "调整"
    data["notes"][0]["basis"] = "《法》"
    data["notes"][0]["approved"] = {"by": "某", "date": "2025-02-30"}
    data["notes"][0]["colour"] = "red"
    with pytest.raises(NotesError) as caught:
        dutyledger.load_notes(json.dumps(data, ensure_ascii=False))
    where = {p.where for p in caught.value.problems}
    assert {"$.notes[0].kind", "$.notes[0].basis", "$.notes[0].approved.date"} <= where
    assert any("colour" in p.message for p in caught.value.problems)
    assert "2025-02-30" in str(caught.value)


def test_wrong_format_and_invalid_json_are_refused(tmp_path: Path) -> None:
    """A file of another format, or not JSON, is a NotesError naming the file and place."""
    other = tmp_path / "edition.json"
    other.write_text('{"format": "dutyledger.edition/1"}', encoding="utf-8")
    with pytest.raises(NotesError, match=r"\$\.format"):
        dutyledger.load_notes(other)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(NotesError, match="line 1"):
        dutyledger.load_notes(broken)


def test_two_notes_for_one_adjustment_are_an_error(seed_edition: Edition) -> None:
    """One note per key and 调整类型: the second is named with the first's place."""
    text = dutyledger.dump_notes(
        _notes(seed_edition, Note(key="k", kind="增加"), Note(key="x", kind="增加"))
    ).replace('"x"', '"k"')
    with pytest.raises(NotesError, match=r"\$\.notes\[1\]\.key.*\$\.notes\[0\]"):
        dutyledger.load_notes(text)


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\r", "\x7f", "\x9b"])
def test_control_characters_are_refused_at_the_door(seed_edition: Edition, control: str) -> None:
    """No record holds a control character, so no format ever has to write one."""
    with pytest.raises(ValueError, match="control character"):
        Note(key="k", kind="增加", reason=f"理由{control}")
    good = dutyledger.dump_notes(_notes(seed_edition, Note(key="k", kind="增加", reason="理由")))
    bad = good.replace('"理由"', json.dumps(f"理由{control}"))
    with pytest.raises(NotesError, match=r"\$\.notes\[0\]\.reason"):
        dutyledger.load_notes(bad)


# --- citations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "乌编办发〔2025〕12号",
        "国务院令第588号",
        "中华人民共和国主席令第二十八号",
        "《中华人民共和国土地管理法》第六十七条",
        "《关于〈土地管理法〉的说明》",
        "《地名管理条例》（国务院令第753号）第十三条",
        "命令第3条",
    ],
)
def test_well_formed_citations_pass(text: str) -> None:
    """The standard forms raise nothing."""
    assert [] == citation_problems(text)


@pytest.mark.parametrize(
    ("text", "rule", "says"),
    [
        ("乌编办发[2025]12号", "document-number", "六角括号"),
        ("乌编办发(2025)12号", "document-number", "六角括号"),
        ("乌编办发【2025】12号", "document-number", "六角括号"),
        ("乌编办发（2025）12号", "document-number", "六角括号"),
        ("乌编办发〔25〕12号", "document-number", "全称"),
        ("乌编办发〔2025〕第12号", "document-number", "不加“第”"),
        ("乌编办发〔2025〕012号", "document-number", "虚位"),
        ("乌编办发〔2025〕12", "document-number", "加“号”"),
        ("国务院令588号", "order-number", "加“第”"),
        ("国务院令第588", "order-number", "加“号”"),
        ("《土地管理法", "title-marks", "没有闭合"),
        ("土地管理法》", "title-marks", "没有对应"),
        ("《关于《土地管理法》的说明》", "title-marks", "〈〉"),
        ("<<土地管理法>>", "title-marks", "《》"),
        ("《》", "title-marks", "没有名称"),
    ],
)
def test_malformed_citations_are_named_with_the_form_expected(
    text: str, rule: str, says: str
) -> None:
    """Each slip is caught by its rule, quoting the fragment and saying what is expected."""
    problems = [p for p in citation_problems(text) if p.rule == rule]
    assert problems, text
    assert says in problems[0].zh
    assert problems[0].fragment in text


# --- matching -------------------------------------------------------------------------------


def test_the_illustrative_notes_match_the_example_without_stale_or_unmatched(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """examples/ ships notes marked illustrative that fit the example and pass every DL5xx rule."""
    notes = dutyledger.load_notes(EXAMPLE_NOTES)
    assert notes.illustrative
    assert "illustrative" in EXAMPLE_NOTES.name
    matched = match_notes(notes, example_adjustments, seed_edition, example_edition)
    assert len(notes.notes) == len(matched.kept)
    assert ((), ()) == (matched.stale, matched.unmatched)
    assert not dutyledger.check_notes(notes, seed_edition, example_edition)


def test_notes_are_kept_when_an_unrelated_item_is_edited(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """Edit another item of the new edition and diff again: every note stays with its 事项."""
    notes = dutyledger.load_notes(EXAMPLE_NOTES)
    noted = {n.key for n in notes.notes}
    target = next(i for i in example_edition.basic if not any(i.id in k for k in noted))
    edited = attrs.evolve(
        example_edition,
        basic=tuple(
            attrs.evolve(i, name=i.name + "（修改）") if i is target else i
            for i in example_edition.basic
        ),
    )
    again = adjustments(dutyledger.diff(seed_edition, edited))
    assert len(again) == len(example_adjustments) + (
        target.id not in {a.key for a in example_adjustments}
    )
    matched = match_notes(notes, again, seed_edition, edited)
    assert {n.key: n for n in notes.notes} == matched.kept
    assert () == matched.stale


def test_a_note_whose_adjustment_disappeared_is_stale_never_dropped(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """Undo the example's 上收: its note is reported stale by key and text, and still in the notes."""
    recall = _of(example_adjustments, "上收")
    note = Note(key=recall.key, kind="上收", reason="村级财务统一代理记账")
    old = recall.old[0]
    assert isinstance(old, dutyledger.BasicItem)
    undone = attrs.evolve(
        example_edition,
        recalled=tuple(i for i in example_edition.recalled if i.id != recall.key),
        basic=(*example_edition.basic, attrs.evolve(old, number=len(example_edition.basic) + 1)),
    )
    notes = _notes(seed_edition, note)
    matched = match_notes(
        notes, adjustments(dutyledger.diff(seed_edition, undone)), seed_edition, undone
    )
    assert {} == matched.kept
    [stale] = matched.stale
    assert (note, 0) == (stale.note, stale.index)
    assert recall.key in stale.zh
    assert "村级财务统一代理记账" in stale.zh
    assert "村级财务统一代理记账" in stale.en
    findings = dutyledger.check_notes(notes, seed_edition, undone)
    assert ["DL506"] == [f.code for f in findings if f.code >= "DL506"]


def test_a_note_for_another_type_of_the_same_item_is_stale(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """Same key, other 调整类型: stale, saying what the 事项 is now."""
    renamed = next(a for a in example_adjustments if a.kind == "变更")
    notes = _notes(seed_edition, Note(key=renamed.key, kind="上收", reason="理由"))
    [stale] = match_notes(notes, example_adjustments, seed_edition, example_edition).stale
    assert "变更" == stale.now
    assert "现为「变更」" in stale.zh


def test_a_note_that_matches_nothing_is_an_error_naming_its_key(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """A key none of whose ids is an item of either edition: unmatched, named, an error (DL507)."""
    notes = _notes(seed_edition, Note(key="nosuch-00000000", kind="增加", reason="理由"))
    matched = match_notes(notes, example_adjustments, seed_edition, example_edition)
    assert (0,) == matched.unmatched
    [problem] = matched.unmatched_problems()
    assert "nosuch-00000000" in problem.message
    assert "$.notes[0].key" == problem.where
    [finding] = dutyledger.check_notes(notes, seed_edition, example_edition).with_code("DL507")
    assert dutyledger.Severity.ERROR is finding.severity
    assert "nosuch-00000000" == finding.location.item_id


def test_notes_for_other_editions_are_refused(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """Notes for another date or township cannot be matched at all: one error per difference."""
    notes = attrs.evolve(_notes(seed_edition), new="2027-01")
    with pytest.raises(NotesError, match=r"\$\.new.*2027-01"):
        match_notes(notes, example_adjustments, seed_edition, example_edition)


# --- the rules ------------------------------------------------------------------------------


def test_every_notes_rule_has_a_function_and_every_function_a_rule() -> None:
    """The DL5xx rules declared in the checks room are the ones the notes room runs."""
    assert list(NOTES_RULES) == [rule for rule, _ in NOTES_CHECKS]
    assert all(r.code.startswith("DL5") for r in NOTES_RULES)


def test_each_explained_adjustment_without_reason_or_basis_is_a_warning(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """No notes: DL501 and DL502 once for each 增加 … 分设, none for 变更; errors when strict."""
    explained = [a for a in example_adjustments if a.kind != "变更"]
    findings = dutyledger.check_notes(_notes(seed_edition), seed_edition, example_edition)
    assert len(explained) == len(findings.with_code("DL501")) == len(findings.with_code("DL502"))
    assert {a.key for a in explained} == {f.location.item_id for f in findings}
    assert not findings.errors
    strict = dutyledger.check_notes(
        _notes(seed_edition), seed_edition, example_edition, strict=True
    )
    assert len(findings) == len(strict.errors)
    quiet = dutyledger.check_notes(
        _notes(seed_edition), seed_edition, example_edition, disable={"DL501", "missing-basis"}
    )
    assert not quiet


def test_a_blank_reason_counts_as_none(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """A reason of blanks and an empty citation are no reason and no basis, at the note's path."""
    added = _of(example_adjustments, "增加")
    notes = _notes(seed_edition, Note(key=added.key, kind="增加", reason="  ", basis=(" ",)))
    findings = dutyledger.check_notes(notes, seed_edition, example_edition)
    [reason] = [f for f in findings.with_code("DL501") if f.location.item_id == added.key]
    assert "$.notes[0].reason" == reason.location.path


def test_malformed_citations_are_findings_at_their_path(
    seed_edition: Edition, example_edition: Edition, example_adjustments: tuple[Adjustment, ...]
) -> None:
    """A bad 文号 in 调整依据, a bad 令号 and an unclosed 《 in 调整理由: DL503, DL504, DL505."""
    added = _of(example_adjustments, "增加")
    note = Note(
        key=added.key,
        kind="增加",
        reason="依据《水法 和国务院令588号",
        basis=("《中华人民共和国水法》", "乌编办发[2025]12号"),
    )
    findings = dutyledger.check_notes(_notes(seed_edition, note), seed_edition, example_edition)
    assert ["$.notes[0].basis[1]"] == [f.location.path for f in findings.with_code("DL503")]
    assert ["$.notes[0].reason"] == [f.location.path for f in findings.with_code("DL504")]
    assert ["$.notes[0].reason"] == [f.location.path for f in findings.with_code("DL505")]
    assert "[2025]12号" in findings.with_code("DL503")[0].message_zh


def test_no_lower_room_imports_the_notes() -> None:
    """The notes sit above the reports: no module of a lower room names dutyledger._notes."""
    lower = ("_edition", "_published", "_checks", "_changes", "_matching", "_compare", "_report")
    offenders = [
        str(path.relative_to(ROOT))
        for room in lower
        for path in (ROOT / "src" / "dutyledger" / room).glob("*.py")
        if re.search(r"^\s*(from|import) dutyledger\._notes", path.read_text("utf-8"), re.M)
    ]
    assert [] == offenders


def test_notes_beside_editions_are_passed_over_by_check_and_ledgers() -> None:
    """A NAME.notes.json in a folder of editions is no edition to `check FOLDER` or a ledger."""
    from dutyledger._checks.command import edition_files

    files, _ = edition_files([str(EXAMPLE_NOTES.parent)])
    assert EXAMPLE_NOTES not in files
    ledger = dutyledger.Ledger.open(ROOT / "editions", EXAMPLE_NOTES.parent, cache=False)
    assert ["2025-01", "2026-01", "2027-01"] == [e.date for e in ledger.editions]
