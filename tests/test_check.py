"""check(): structural rules (DL1xx) and declared totals (DL2xx); random corruptions caught.

The rules run on the seed and on corrupted copies of it; any single random corruption of a
valid edition is caught by an error that names the item.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest
from hypothesis import given

import dutyledger
import strategies
from conftest import ROOT
from dutyledger import (
    RULES,
    CheckConfigError,
    DutyText,
    Edition,
    Finding,
    Findings,
    ListKind,
    Severity,
    check,
    validate_edition,
)


def evolve_item(edition: Edition, kind: ListKind, index: int, **changes: Any) -> Edition:
    """The edition with one item changed."""
    items = list(edition.items(kind))
    items[index] = attrs.evolve(items[index], **changes)
    return with_items(edition, kind, items)


def with_items(edition: Edition, kind: ListKind, items: list[Any]) -> Edition:
    """The edition with one list replaced."""
    lists: dict[str, Any] = {kind.value: tuple(items)}
    return attrs.evolve(edition, **lists)


def paths(findings: Findings, code: str) -> list[str | None]:
    return [f.location.path for f in findings.with_code(code)]


def test_seed_has_no_errors(seed_edition: Edition) -> None:
    """The shipped 2025-01 edition passes every error rule, the declared totals among them."""
    assert [] == [f.message_en for f in check(seed_edition).errors]


def test_seed_warnings_by_rule(seed_edition: Edition) -> None:
    """The seed's warnings: the six "and" artifacts, three mixed-punctuation texts, six aliases."""
    assert {"DL401": 6, "DL403": 3, "DL405": 6} == dict(check(seed_edition).codes())


def test_seed_and_artifacts_are_found(seed_edition: Edition) -> None:
    """DL401 names each of the six places where extraction wrote "and" for 和."""
    expected = [
        "$.cooperative[19].township_duties.blocks[0].steps[0].text",
        "$.cooperative[45].name",
        "$.recalled[3].name",
        "$.recalled[3].receivers[0].method",
        "$.recalled[54].name",
        "$.recalled[54].receivers[0].method",
    ]
    found = check(seed_edition).with_code("DL401")
    assert expected == [f.location.path for f in found]
    assert all('"and"' in f.message_en and "「and」" in f.message_zh for f in found)


def test_seed_mixed_punctuation_in_cooperative_52_and_85(seed_edition: Edition) -> None:
    """DL403 finds the half-width ; and , of 配合 52 (both duty texts) and 85."""
    found = check(seed_edition).with_code("DL403")
    assert [52, 52, 85] == [f.location.number for f in found]
    assert {ListKind.COOPERATIVE} == {f.location.list for f in found}


def test_a_finding_names_its_item_in_both_languages(seed_edition: Edition) -> None:
    """Messages name list, 序号 and name: 配合履职事项清单第46项「…」 / cooperative list, item 46."""
    finding = next(f for f in check(seed_edition) if f.location.path == "$.cooperative[45].name")
    assert finding.message_zh.startswith("配合履职事项清单第46项「乡镇企业、乡村公共设施 and")
    assert finding.message_en.startswith('cooperative list, item 46 "乡镇企业')
    assert "72ff7b7a-" in (finding.location.item_id or "")
    assert (ListKind.COOPERATIVE, 46) == (finding.location.list, finding.location.number)


# --- DL1xx ---------------------------------------------------------------------------------


def test_dl101_repeated_number_names_both_items(seed_edition: Edition) -> None:
    """Two items numbered 4 in 基本: both are reported, each naming the other; 5 is missing."""
    edition = evolve_item(seed_edition, ListKind.BASIC, 4, number=4)
    found = check(edition).with_code("DL101")
    expected = ["$.basic[3].number", "$.basic[4].number", "$.basic[5].number"]
    assert expected == paths(found, "DL101")
    assert "number 4 is used twice; basic list, item 4" in found[0].message_en
    assert "item 5 is missing" in found[2].message_en


def test_dl101_gap_after_a_deleted_item(seed_edition: Edition) -> None:
    """基本 item 11 deleted: one finding, at item 12, saying item 11 is missing."""
    items = list(seed_edition.basic)
    del items[10]
    found = check(with_items(seed_edition, ListKind.BASIC, items)).with_code("DL101")
    assert ["$.basic[10].number"] == paths(found, "DL101")
    assert "item 11 is missing" in found[0].message_en
    assert "缺少第11项" in found[0].message_zh


def test_dl101_out_of_order(seed_edition: Edition) -> None:
    """An item renumbered far ahead is out of order; it alone is reported."""
    edition = evolve_item(seed_edition, ListKind.RECALLED, 2, number=90)
    found = check(edition).with_code("DL101")
    assert ["$.recalled[2].number"] == paths(found, "DL101")
    assert "stands after item 2 and before item 4" in found[0].message_en


def test_dl101_number_below_one(seed_edition: Edition) -> None:
    """序号 0 is not a number of a list."""
    edition = evolve_item(seed_edition, ListKind.BASIC, 0, number=0)
    assert ["$.basic[0].number"] == paths(check(edition), "DL101")


def test_dl102_duplicate_id(seed_edition: Edition) -> None:
    """Two items with one id: the second is reported, naming the first."""
    edition = evolve_item(seed_edition, ListKind.COOPERATIVE, 5, id=seed_edition.basic[2].id)
    found = check(edition).with_code("DL102")
    assert ["$.cooperative[5].id"] == paths(found, "DL102")
    assert "basic list, item 3" in found[0].message_en


def test_dl103_undeclared_category(seed_edition: Edition) -> None:
    """A category the preamble does not declare (a typo) is reported at the item."""
    edition = evolve_item(seed_edition, ListKind.BASIC, 0, category="党建")
    found = check(edition).with_code("DL103")
    assert ["$.basic[0].category"] == paths(found, "DL103")
    assert '"党建"' in found[0].message_en


def test_dl104_one_item_in_two_lists(seed_edition: Edition) -> None:
    """An item of 基本 written into 收回 as well."""
    edition = evolve_item(seed_edition, ListKind.RECALLED, 0, name=seed_edition.basic[0].name)
    found = check(edition).with_code("DL104")
    assert ["$.recalled[0].name"] == paths(found, "DL104")
    assert "basic list, item 1" in found[0].message_en


def test_dl105_cooperative_item_without_department(seed_edition: Edition) -> None:
    """A cooperative item naming no upstream department."""
    edition = evolve_item(seed_edition, ListKind.COOPERATIVE, 0, departments=())
    assert ["$.cooperative[0].departments"] == paths(check(edition), "DL105")


def test_dl106_cooperative_item_without_duty_text(seed_edition: Edition) -> None:
    """A cooperative item whose township duties are missing."""
    edition = evolve_item(
        seed_edition, ListKind.COOPERATIVE, 0, township_duties=DutyText(blocks=())
    )
    assert ["$.cooperative[0].township_duties"] == paths(check(edition), "DL106")


def test_dl107_recalled_item_without_receiver(seed_edition: Edition) -> None:
    """A recalled item naming no receiving department, as a whole or in one entry."""
    entry = seed_edition.recalled[1].receivers[0]
    no_entries = evolve_item(seed_edition, ListKind.RECALLED, 0, receivers=())
    no_departments = evolve_item(
        seed_edition, ListKind.RECALLED, 1, receivers=(attrs.evolve(entry, departments=()),)
    )
    assert ["$.recalled[0].receivers"] == paths(check(no_entries), "DL107")
    assert ["$.recalled[1].receivers[0].departments"] == paths(check(no_departments), "DL107")


def test_dl108_recalled_item_without_work_method(seed_edition: Edition) -> None:
    """A blank work method is DL108 (and not also DL109)."""
    entry = seed_edition.recalled[0].receivers[0]
    edition = evolve_item(
        seed_edition, ListKind.RECALLED, 0, receivers=(attrs.evolve(entry, method=" "),)
    )
    findings = check(edition)
    assert ["$.recalled[0].receivers[0].method"] == paths(findings, "DL108")
    assert [] == paths(findings, "DL109")


def test_dl109_empty_texts(seed_edition: Edition) -> None:
    """An empty name, and an empty preamble paragraph (no item to name there)."""
    edition = evolve_item(seed_edition, ListKind.BASIC, 2, name="")
    section = attrs.evolve(seed_edition.preamble.sections[0], paragraphs=("",))
    preamble = attrs.evolve(edition.preamble, sections=(section, *edition.preamble.sections[1:]))
    found = check(attrs.evolve(edition, preamble=preamble)).with_code("DL109")
    assert ["$.preamble.sections[0].paragraphs[0]", "$.basic[2].name"] == paths(found, "DL109")
    assert (None, ListKind.BASIC) == (found[0].location.item_id, found[1].location.list)
    assert "the name is empty" in found[1].message_en


def test_dl110_unknown_department_in_memory(seed_edition: Edition) -> None:
    """An edition in memory with an unknown department id: a finding, not an exception."""
    item = seed_edition.cooperative[12]
    ref = attrs.evolve(item.departments[0], department="nowhere")
    edition = evolve_item(seed_edition, ListKind.COOPERATIVE, 12, departments=(ref,))
    found = check(edition).with_code("DL110")
    assert ["$.cooperative[12].departments[0].department"] == paths(found, "DL110")
    assert (item.id, 13) == (found[0].location.item_id, found[0].location.number)


def test_dl111_misspelled_department(seed_edition: Edition) -> None:
    """A spelling that is no name of the department, and one that is another department's."""
    item = seed_edition.cooperative[0]
    typo = attrs.evolve(item.departments[0], written="乌鲁木齐县委组识部")
    other = attrs.evolve(item.departments[0], written="县委宣传部")
    found_typo = check(evolve_item(seed_edition, ListKind.COOPERATIVE, 0, departments=(typo,)))
    found_other = check(evolve_item(seed_edition, ListKind.COOPERATIVE, 0, departments=(other,)))
    assert ["$.cooperative[0].departments[0].written"] == paths(found_typo, "DL111")
    assert (
        "known spellings: 乌鲁木齐县委组织部, 县委组织部"
        in found_typo.with_code("DL111")[0].message_en
    )
    assert "is a name of 乌鲁木齐县委宣传部" in found_other.with_code("DL111")[0].message_en


def test_dl112_department_registry(seed_edition: Edition) -> None:
    """One id twice in the registry; one spelling for two departments."""
    first, second, *rest = seed_edition.departments
    twice = attrs.evolve(
        seed_edition, departments=(first, attrs.evolve(second, id=first.id), *rest)
    )
    shared = attrs.evolve(
        seed_edition, departments=(first, attrs.evolve(second, aliases=(first.name,)), *rest)
    )
    assert ["$.departments[1].id"] == paths(check(twice), "DL112")
    assert ["$.departments[1]"] == paths(check(shared), "DL112")


def test_dl113_edition_date(seed_edition: Edition) -> None:
    """A month 13 is not a date."""
    meta = attrs.evolve(seed_edition.meta, date="2025-13")
    assert ["$.meta.date"] == paths(check(attrs.evolve(seed_edition, meta=meta)), "DL113")


@pytest.mark.parametrize(
    ("brk", "code"),
    [("\r\n", "DL114"), ("\n", "DL114"), ("\r", "DL114"), ("\t", "DL114"), ("\u2028", "DL116")],
)
def test_line_break_in_a_name(seed_edition: Edition, brk: str, code: str) -> None:
    """A name broken over two lines is an error (export refuses it); the message stays one line.

    Tab, CR and LF are control characters (DL114, unsafe-text); the line separator U+2028
    is not, and DL116 (one-line) names it. Each break is reported once, by one rule.
    """
    name = seed_edition.basic[2].name
    broken = evolve_item(seed_edition, ListKind.BASIC, 2, name=name[:4] + brk + name[4:])
    findings = check(broken)
    assert ["$.basic[2].name"] == paths(findings, code)
    assert [] == paths(findings, "DL116" if code == "DL114" else "DL114")
    assert findings.errors
    for finding in findings:
        assert 1 == len(finding.message("both").splitlines())
    if brk != "\u2028":  # export refuses tab, CR and LF; U+2028 ends a line for str.splitlines
        with pytest.raises(dutyledger.ExportError):
            dutyledger.export_tsv(broken)


def test_line_break_in_a_department_and_a_step(seed_edition: Edition) -> None:
    """A department as written, or a step, holding LF: each found at its own path."""
    item = seed_edition.cooperative[0]
    ref = attrs.evolve(item.departments[0], written=item.departments[0].written + "\n")
    block = item.upstream_duties.blocks[0]
    step = attrs.evolve(block.steps[0], text="第一行\n第二行")
    text = DutyText(
        blocks=(
            attrs.evolve(block, steps=(step, *block.steps[1:])),
            *item.upstream_duties.blocks[1:],
        )
    )
    broken = evolve_item(
        seed_edition,
        ListKind.COOPERATIVE,
        0,
        departments=(ref, *item.departments[1:]),
        upstream_duties=text,
    )
    assert [
        "$.cooperative[0].departments[0].written",
        "$.cooperative[0].upstream_duties.blocks[0].steps[0].text",
    ] == sorted(str(p) for p in paths(check(broken, disable={"DL111"}), "DL114"))


def test_dl116_leaves_metadata_alone(seed_edition: Edition) -> None:
    """A note with a line separator is not written in the published layout: no DL116."""
    meta = attrs.evolve(seed_edition.meta, note="第一行\u2028第二行")
    assert [] == paths(check(attrs.evolve(seed_edition, meta=meta)), "DL116")


# --- DL2xx ---------------------------------------------------------------------------------


def test_dl201_list_without_declaration(seed_edition: Edition) -> None:
    """收回 has items but the preamble declares nothing about it; or declares 基本 twice."""
    declarations = seed_edition.preamble.declarations
    missing = attrs.evolve(seed_edition.preamble, declarations=declarations[:2])
    twice = attrs.evolve(seed_edition.preamble, declarations=(*declarations, declarations[0]))
    found = check(attrs.evolve(seed_edition, preamble=missing)).with_code("DL201")
    assert [ListKind.RECALLED] == [f.location.list for f in found]
    assert ["$.preamble.declarations[3]"] == paths(
        check(attrs.evolve(seed_edition, preamble=twice)), "DL201"
    )


def test_dl202_declared_categories(seed_edition: Edition) -> None:
    """An undeclared category (with the item that first uses it), and a wrong order."""
    changed = check(evolve_item(seed_edition, ListKind.BASIC, 0, category="党建"))
    message = changed.with_code("DL202")[0].message_en
    assert 'the list uses categories the preamble does not declare: "党建" (item 1)' in message
    declaration = seed_edition.preamble.declarations[2]
    swapped = attrs.evolve(
        declaration,
        categories=(
            declaration.categories[1],
            declaration.categories[0],
            *declaration.categories[2:],
        ),
    )
    preamble = attrs.evolve(
        seed_edition.preamble, declarations=(*seed_edition.preamble.declarations[:2], swapped)
    )
    found = check(attrs.evolve(seed_edition, preamble=preamble)).with_code("DL202")
    assert ["$.preamble.declarations[2].categories"] == paths(found, "DL202")
    assert "the order should be that of first use in the list" in found[0].message_en


def test_dl203_declared_item_count(seed_edition: Edition) -> None:
    """The last 基本 item deleted: declared 127, 126 in the list, item 127 missing."""
    found = check(with_items(seed_edition, ListKind.BASIC, list(seed_edition.basic[:-1])))
    [finding] = found.with_code("DL203")
    assert "$.preamble.declarations[0].item_count" == finding.location.path
    assert "declares 127 items, the list has 126; item 127 is missing" in finding.message_en
    assert "说明声明127项，清单实有126项，缺少第127项" in finding.message_zh


def test_dl204_declared_category_count(seed_edition: Edition) -> None:
    """The preamble states 21 categories where 基本 uses 20."""
    declaration = attrs.evolve(seed_edition.preamble.declarations[0], category_count=21)
    preamble = attrs.evolve(
        seed_edition.preamble, declarations=(declaration, *seed_edition.preamble.declarations[1:])
    )
    found = check(attrs.evolve(seed_edition, preamble=preamble)).with_code("DL204")
    assert ["$.preamble.declarations[0].category_count"] == paths(found, "DL204")


def test_dl205_departments_are_counted_as_identities(seed_edition: Edition) -> None:
    """Declaring the 41 spellings of 配合 as 41 departments fails: they are 38 departments."""
    declarations = list(seed_edition.preamble.declarations)
    declarations[1] = attrs.evolve(declarations[1], department_count=41)
    preamble = attrs.evolve(seed_edition.preamble, declarations=tuple(declarations))
    [finding] = check(attrs.evolve(seed_edition, preamble=preamble)).with_code("DL205")
    assert "declares 41 departments, the list names 38" in finding.message_en
    assert "counted by spelling it would be 41" in finding.message_en


# --- options -------------------------------------------------------------------------------


def test_disable_and_strict(seed_edition: Edition) -> None:
    """Rules can be turned off (by code or name); strict turns warnings into errors."""
    assert {"DL403": 3} == dict(check(seed_edition, disable=["DL401", "department-alias"]).codes())
    strict = check(seed_edition, strict=True)
    assert 15 == len(strict.errors)
    assert {Severity.ERROR} == {f.severity for f in strict}


def test_unknown_rule_is_a_config_error(seed_edition: Edition) -> None:
    """An unknown code raises CheckConfigError (a ValueError), naming the code."""
    with pytest.raises(CheckConfigError, match="DL999"):
        check(seed_edition, disable=["DL999"])


def test_rules_are_listed_with_stable_unique_codes() -> None:
    """RULES: codes DLnnn, sorted, unique; names unique; errors 1xx/2xx (DL200 info), warnings 4xx; 5xx notes."""
    codes = [r.code for r in RULES]
    assert sorted(set(codes)) == codes
    assert all(re.fullmatch(r"DL[1-5]\d\d", c) for c in codes)
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(
        r.severity is Severity.ERROR for r in RULES if r.code < "DL300" and r.code != "DL200"
    )
    assert [Severity.INFO] == [r.severity for r in RULES if r.code == "DL200"]
    assert all(r.severity is Severity.WARNING for r in RULES if "DL400" <= r.code < "DL500")


# --- properties ----------------------------------------------------------------------------


@given(strategies.editions())
def test_valid_editions_have_no_errors(edition: Edition) -> None:
    """Every valid edition the strategies draw passes every error rule."""
    assert [] == [f.message_en for f in check(edition).errors]


def names_item(finding: Finding, done: strategies.Corruption) -> bool:
    """Whether a finding names the corrupted item: by id, or by list and 序号."""
    where = finding.location
    if done.item_id is not None:
        return where.item_id == done.item_id
    # A deleted item has no id left to name; the finding says which 序号 is missing.
    return where.list is done.list and f"item {done.number} is missing" in finding.message_en


@given(strategies.corruptions())
def test_any_single_corruption_is_caught_naming_the_item(
    corrupted: tuple[Edition, strategies.Corruption],
) -> None:
    """Any one corruption gives an error, and an error names the corrupted item.

    Delete, duplicate or renumber an item, change its category, misspell a department, blank
    a text.
    """
    edition, done = corrupted
    errors = check(edition).errors
    assert errors, done
    assert any(names_item(f, done) for f in errors), (done, [f.message_en for f in errors])


def test_docs_list_every_rule() -> None:
    """docs/checks.md has a section per rule, headed with its code and name, with an example."""
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for rule in RULES:
        heading = f"#### {rule.code} {rule.name} — {rule.title_zh}"
        assert heading in text, heading
        section = text.split(heading, 1)[1].split("\n#### ", 1)[0]
        assert "\n> " in section, f"{rule.code} has no example"


@given(strategies.corruptions())
def test_every_format_problem_is_a_finding_at_its_path(
    corrupted: tuple[Edition, strategies.Corruption],
) -> None:
    """What validate_edition (the format's rules) reports, check reports at the same JSON path."""
    edition, _ = corrupted
    expected = {problem.where for problem in validate_edition(edition)}
    assert expected <= {f.location.path for f in check(edition).errors}
