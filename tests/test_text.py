"""The cell readers: markup, artifacts, steps, blocks, receivers (docs/normalisation.md)."""

from __future__ import annotations

import pytest
from hypothesis import given

import strategies
from dutyledger import Block, DeptRef, DutyText, Heading, RecallEntry, Step
from dutyledger._edition.duty_text import (
    normalise_inline,
    parse_duty_text,
    parse_recall_entries,
    render_duty_text,
    render_recall_entries,
)

KNOWN = {
    "县委组织部": DeptRef(department="org", written="县委组织部"),
    "县人社局": DeptRef(department="hr", written="县人社局"),
    "乌鲁木齐县民政局": DeptRef(department="civil", written="乌鲁木齐县民政局"),
    "乌鲁木齐县公安局": DeptRef(department="police", written="乌鲁木齐县公安局"),
}


def resolve(name: str) -> DeptRef | None:
    return KNOWN.get(name)


def test_space_inside_a_word_is_removed() -> None:
    """N2: a space that extraction put inside a Chinese word goes."""
    assert (
        normalise_inline("做好农业、畜牧业政策保险的宣传工 作；")
        == "做好农业、畜牧业政策保险的宣传工作；"
    )


def test_space_next_to_latin_is_kept() -> None:
    """N2: the 'and' artifact keeps its spaces, for check to report."""
    name = "乡镇企业、乡村公共设施 and 公益事业的乡村建设规划许可证初审"
    assert normalise_inline(name) == name


def test_numbered_steps_in_plain_text() -> None:
    """Steps separated by spaces, numbered 1. 2., become steps with their numbers."""
    text = parse_duty_text("1.对市级以上党代表进行推荐提名； 2.形成考察报告。", resolve)
    expected = DutyText(
        blocks=(
            Block(
                heading=None,
                lead=None,
                steps=(
                    Step(number=1, text="对市级以上党代表进行推荐提名；"),
                    Step(number=2, text="形成考察报告。"),
                ),
            ),
        )
    )
    assert expected == text


def test_paragraph_markup_and_a_word_broken_across_paragraphs() -> None:
    """N1, N2, N5: <p> is structure; a word split over two paragraphs is joined; the lead."""
    cell = "<p>县委宣传部负责统筹协调县融媒体中心建设与管理工</p> <p>作：</p> <p>1.协调；</p> <p>2.做好。</p>"
    text = parse_duty_text(cell, resolve)
    assert text.blocks[0].lead == "县委宣传部负责统筹协调县融媒体中心建设与管理工作："
    assert [s.number for s in text.blocks[0].steps] == [1, 2]


def test_ordered_list_without_numbers() -> None:
    """An <ol> whose numbers were lost gives unnumbered steps, one per clause."""
    cell = '<ol style="list-style-type: none"> 负责甲工作； 组织乙培训； 升级丙站点。 '
    text = parse_duty_text(cell, resolve)
    assert [(s.number, s.text) for s in text.blocks[0].steps] == [
        (None, "负责甲工作；"),
        (None, "组织乙培训；"),
        (None, "升级丙站点。"),
    ]


def test_department_blocks() -> None:
    """一、…： headings start blocks; a heading that names departments resolves them."""
    cell = "一、县委组织部： 1.负责考察； 2.负责审批。 二、县人社局： 配合审核材料。"
    text = parse_duty_text(cell, resolve)
    headings = [b.heading for b in text.blocks]
    assert headings == [
        Heading(number=1, title="县委组织部", departments=(KNOWN["县委组织部"],)),
        Heading(number=2, title="县人社局", departments=(KNOWN["县人社局"],)),
    ]
    assert text.blocks[1].steps == (Step(number=None, text="配合审核材料。"),)


def test_topic_heading_names_no_department() -> None:
    """A heading that is a topic, not a department, resolves to no department and no error."""
    problems: list[str] = []
    text = parse_duty_text("一、动物疫苗管理工作： 制定免疫计划。", resolve, problems)
    assert problems == []
    assert text.blocks[0].heading == Heading(number=1, title="动物疫苗管理工作")


def test_unknown_department_in_a_heading_is_reported() -> None:
    """A heading that looks like a department but resolves to nothing is a problem."""
    problems: list[str] = []
    parse_duty_text("一、县不存在局： 做事。", resolve, problems)
    assert len(problems) == 1
    assert "县不存在局" in problems[0]


def test_marker_followed_by_a_space() -> None:
    """N4: '1. 疫情' — the space after the marker belongs to the marker."""
    text = parse_duty_text("1. 疫情检测与报告； 2. 诊断与初步调查。", resolve)
    assert [s.text for s in text.steps()] == ["疫情检测与报告；", "诊断与初步调查。"]


def test_space_after_colon_inside_a_numbered_step_is_an_artifact() -> None:
    """N3: inside a numbered step, a space after a clause is not a new part."""
    text = parse_duty_text("1.项目申报： 旅游经营主体提交材料； 2.初步审核。", resolve)
    assert next(text.steps()).text == "项目申报：旅游经营主体提交材料；"


def test_recall_entries() -> None:
    """承接部门及工作方式 splits into entries of departments and method."""
    cell = "乌鲁木齐县民政局、乌鲁木齐县公安局：负责甲。 乌鲁木齐县公安局：负责乙。"
    entries = parse_recall_entries(cell, resolve)
    assert entries == (
        RecallEntry(
            departments=(KNOWN["乌鲁木齐县民政局"], KNOWN["乌鲁木齐县公安局"]), method="负责甲。"
        ),
        RecallEntry(departments=(KNOWN["乌鲁木齐县公安局"],), method="负责乙。"),
    )
    assert render_recall_entries(entries) == cell


@pytest.mark.parametrize("space", ["\u3000", " "])
def test_a_receiver_cut_by_a_space_still_starts_its_entry(space: str) -> None:
    """`乌鲁　木齐县公安局：` still starts the second entry.

    Found by fuzzing: the second receiver was glued to the first entry's method, with no
    finding; the two parts together name a department.
    """
    cell = f"乌鲁木齐县民政局：负责甲。 乌鲁{space}木齐县公安局：负责乙。"
    assert parse_recall_entries(cell, resolve) == (
        RecallEntry(departments=(KNOWN["乌鲁木齐县民政局"],), method="负责甲。"),
        RecallEntry(departments=(KNOWN["乌鲁木齐县公安局"],), method="负责乙。"),
    )


@pytest.mark.parametrize("cut", ["一\u3000、县民政局：", "一 、县民政局：", "一、县民\u3000政局："])
def test_a_heading_cut_by_a_space_is_still_a_heading(cut: str) -> None:
    """`一　、县民政局：` heads its block, and `二、` after it heads the next (N2 before headings).

    Found by the fuzz campaign (silent:20261222:57357): the first heading was read as a lead,
    and the second block was glued into its last step, with no finding.
    """
    cell = f"<p>{cut}</p> <p>1.负责甲；</p> <p>二、县公安局：</p> <p>负责乙。</p>"
    text = parse_duty_text(cell, resolve)
    assert [(b.heading.number, b.heading.title) for b in text.blocks if b.heading] == [
        (1, "县民政局"),
        (2, "县公安局"),
    ]
    assert [s.text for b in text.blocks for s in b.steps] == ["负责甲；", "负责乙。"]


def test_recall_entry_with_unknown_department() -> None:
    """A receiving department the registry does not know is a problem, never a new department."""
    problems: list[str] = []
    parse_recall_entries("乌鲁木齐县不存在局：负责。", resolve, problems)
    assert len(problems) == 1
    assert "乌鲁木齐县不存在局" in problems[0]


@given(strategies.departments().flatmap(strategies.duty_texts))
def test_render_then_parse_gives_the_same_structure(text: DutyText) -> None:
    """Rendering a canonical duty text and parsing it back is the identity."""
    registry = {r.written: r for b in text.blocks if b.heading for r in b.heading.departments}
    assert parse_duty_text(render_duty_text(text), registry.get) == text
