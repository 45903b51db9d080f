"""The lints (DL4xx, warnings): each with a passing and a failing case."""

from __future__ import annotations

import random
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import given, settings
from rapidfuzz import fuzz, process

import strategies
from dutyledger import DeptRef, Edition, ListKind, Severity, check
from dutyledger._checks.base import Hit, Subject
from dutyledger._checks.lints import _MIN_LENGTH_RATIO, NEAR_DUPLICATE, _near_duplicates, _position


def with_item(edition: Edition, kind: ListKind, index: int, **changes: Any) -> Edition:
    """The edition with one item changed."""
    items = list(edition.items(kind))
    items[index] = attrs.evolve(items[index], **changes)
    lists: dict[str, Any] = {kind.value: tuple(items)}
    return attrs.evolve(edition, **lists)


def paths(edition: Edition, code: str) -> list[str | None]:
    return [f.location.path for f in check(edition).with_code(code)]


def test_lints_are_warnings(seed_edition: Edition) -> None:
    """Every DL4xx finding of the seed is a warning; the seed passes (exit 0)."""
    found = [f for f in check(seed_edition) if f.code.startswith("DL4")]
    assert found
    assert {Severity.WARNING} == {f.severity for f in found}


def test_dl401_passes_when_and_is_written_as_he(seed_edition: Edition) -> None:
    """With 和 for "and", the name is not flagged; abbreviations (IP, 4G, IPv6, AAA) never are."""
    name = seed_edition.cooperative[45].name.replace(" and ", "和")
    edition = with_item(seed_edition, ListKind.COOPERATIVE, 45, name=name)
    assert "$.cooperative[45].name" not in paths(edition, "DL401")
    flagged = paths(seed_edition, "DL401")
    assert "$.basic[97].name" not in flagged  # 旅游IP
    assert not any(p and p.startswith(("$.cooperative[35]", "$.preamble")) for p in flagged)


def test_dl401_flags_english_words(seed_edition: Edition) -> None:
    """A lower-case or capitalised English word inside Chinese text is flagged, with a hint."""
    edition = with_item(seed_edition, ListKind.BASIC, 0, name="党组织 or 党员 With 群众")
    [finding] = [f for f in check(edition).with_code("DL401") if f.location.list is ListKind.BASIC]
    assert "$.basic[0].name" == finding.location.path
    assert '"or", "With"' in finding.message_en
    assert "和" not in finding.message_zh
    assert "“或”、“与”" in finding.message_zh


def test_dl402_spaces_between_chinese_characters(seed_edition: Edition) -> None:
    """A space between two Chinese characters, or at the end, is flagged; 56 公里 is not."""
    assert [] == paths(seed_edition, "DL402")  # the preamble's "距市区 56 公里" passes
    inner = with_item(seed_edition, ListKind.BASIC, 1, name="开展 土地调查")
    trailing = with_item(seed_edition, ListKind.BASIC, 1, name="开展土地调查 ")
    assert ["$.basic[1].name"] == paths(inner, "DL402")
    assert "「开展 土地调查」" in check(inner).with_code("DL402")[0].message_zh
    assert ["$.basic[1].name"] == paths(trailing, "DL402")


def test_dl402_a_full_width_space_next_to_a_digit(seed_edition: Edition) -> None:
    """`80　岁` (U+3000) is flagged where `56 公里` is not.

    A full-width space is never the conventional one (found by the fuzz campaign: such a
    space in a name changed it with no finding).
    """
    name = "对违规领取80\u3000岁（含）以上高龄老人津贴的追缴"
    edition = with_item(seed_edition, ListKind.RECALLED, 0, name=name)
    [finding] = check(edition).with_code("DL402")
    assert "$.recalled[0].name" == finding.location.path
    assert finding.message_zh.endswith("的事项名称中有全角空格：「领取80\u3000岁（含）」")


def test_dl403_mixed_punctuation(seed_edition: Edition) -> None:
    """Half-width ; next to Chinese in a text with full-width marks: flagged; 1,000 is not."""
    mixed = with_item(seed_edition, ListKind.BASIC, 0, name="组织建设;党员管理，教育")
    numbers = with_item(seed_edition, ListKind.BASIC, 0, name="补助1,000元，按月发放")
    only_half = with_item(seed_edition, ListKind.BASIC, 0, name="组织建设;党员管理")
    seed = paths(seed_edition, "DL403")
    assert ["$.basic[0].name", *seed] == paths(mixed, "DL403")
    assert "「;」应为全角「；」" in check(mixed).with_code("DL403")[0].message_zh
    assert seed == paths(numbers, "DL403")
    assert seed == paths(only_half, "DL403")


def test_dl404_near_duplicate_names(seed_edition: Edition) -> None:
    """Names at least 0.9 similar are flagged on the later item, with the score."""
    assert [] == paths(seed_edition, "DL404")
    base = seed_edition.basic[5].name
    near = with_item(seed_edition, ListKind.BASIC, 30, name=base + "等")
    same = with_item(seed_edition, ListKind.BASIC, 30, name=base)
    [finding] = check(near).with_code("DL404")
    assert "$.basic[30].name" == finding.location.path
    assert finding.score is not None
    assert 0.9 <= finding.score < 1
    assert "nearly the same name as basic list, item 6" in finding.message_en
    [exact] = check(same).with_code("DL404")
    assert 1.0 == exact.score


def brute_force_near_duplicates(subject: Subject) -> Iterator[Hit]:
    """DL404 as it was before blocking: every name against every name of its length window."""
    refs = [ref for ref in subject.items() if ref.item.name.strip()]
    names = [re.sub(r"\s+", "", ref.item.name) for ref in refs]
    order = sorted(range(len(refs)), key=lambda i: len(names[i]))
    by_length = [names[i] for i in order]
    lengths = [len(name) for name in by_length]
    for pos, i in enumerate(order):
        low = bisect_left(lengths, lengths[pos] * _MIN_LENGTH_RATIO - 1e-9)
        matches = process.extract(
            names[i],
            by_length[low:pos],
            scorer=fuzz.ratio,
            score_cutoff=NEAR_DUPLICATE * 100,
            limit=None,
        )
        for _, score, index in matches:
            j = order[low + index]
            same = names[i] == names[j]
            a, b = sorted((refs[i], refs[j]), key=_position)
            if same and a.kind is not b.kind:
                continue
            yield Hit(
                location=b.location(".name"),
                zh=f"{b.zh}与{a.zh}名称{'相同' if same else '几乎相同'}（相似度{score / 100:.2f}）",
                en=f"{b.en} has {'the same name as' if same else 'nearly the same name as'} {a.en} (similarity {score / 100:.2f})",
                score=round(score / 100, 4),
            )


@settings(max_examples=200)
@given(strategies.with_near_duplicate_names())
def test_dl404_blocking_finds_what_comparing_every_pair_finds(edition: Edition) -> None:
    """Blocking by character pairs loses no near duplicate: the hits of the brute force, in order."""
    subject = Subject.of(edition)
    assert list(brute_force_near_duplicates(subject)) == list(_near_duplicates(subject))


def test_dl404_blocking_on_the_seed_edition_with_copies(seed_edition: Edition) -> None:
    """On the 2025-01 edition, with names copied and edited, both ways give the same findings."""
    edition = seed_edition
    for k, kind in enumerate(ListKind):
        source = seed_edition.basic[k * 7].name
        edition = with_item(edition, kind, 3, name=source[:-1] + "和" + source[-1])
    subject = Subject.of(edition)
    expected = list(brute_force_near_duplicates(subject))
    assert len(expected) >= 3
    assert expected == list(_near_duplicates(subject))


def test_dl404_blocking_on_short_names_from_three_characters(seed_edition: Edition) -> None:
    """Names of 1 to 12 characters from an alphabet of three: short names, q-grams repeated.

    The names up to five characters are compared by character pairs, longer ones by
    3-grams; both, and the repeated q-grams, must lose no near duplicate.
    """
    rng = random.Random(404)
    names = ["".join(rng.choices("甲乙丙", k=rng.randint(1, 12))) for _ in seed_edition.basic]
    basic = tuple(
        attrs.evolve(item, name=name) for item, name in zip(seed_edition.basic, names, strict=True)
    )
    subject = Subject.of(attrs.evolve(seed_edition, basic=basic))
    expected = list(brute_force_near_duplicates(subject))
    assert len(expected) >= 20
    assert any(h.score is not None and h.score < 1 for h in expected)  # not only equal names
    assert expected == list(_near_duplicates(subject))


def test_dl404_leaves_the_same_name_in_two_lists_to_dl104(seed_edition: Edition) -> None:
    """One name in 基本 and 收回 is the error DL104, not also a DL404 warning."""
    edition = with_item(seed_edition, ListKind.RECALLED, 0, name=seed_edition.basic[0].name)
    findings = check(edition)
    assert ["$.recalled[0].name"] == [f.location.path for f in findings.with_code("DL104")]
    assert [] == [f.location.path for f in findings.with_code("DL404")]


def test_dl407_a_step_marker_inside_a_step(seed_edition: Edition) -> None:
    """Steps 1–3 of 配合 45 read as one (a space broke the marker 2.): DL407 points at it.

    Found by the fuzz campaign: `2　.负责…` in the published text is no step marker, and 3.
    does not continue 1, so ingest kept one step; nothing else in check could see it.
    """
    assert [] == paths(seed_edition, "DL407")
    item = seed_edition.cooperative[44]
    block = item.upstream_duties.blocks[0]
    one, two, three = block.steps
    text = f"{one.text}2\u3000.{two.text}3.{three.text}"
    glued = attrs.evolve(block, steps=(attrs.evolve(one, text=text),))
    duties = attrs.evolve(item.upstream_duties, blocks=(glued,))
    edition = with_item(seed_edition, ListKind.COOPERATIVE, 44, upstream_duties=duties)
    [finding] = check(edition).with_code("DL407")
    assert "$.cooperative[44].upstream_duties.blocks[0].steps[0].text" == finding.location.path
    assert finding.severity is Severity.WARNING
    assert (
        "配合履职事项清单第45项「野生动物保护」的上级部门职责第1条中含有步骤序号「2\u3000.」："
        "「免疫的监督检查；2\u3000.负责野生动物保护」，可能是分步丢失（原文应另起一步）"
    ) == finding.message_zh
    decimal = attrs.evolve(one, text="补助标准为每人每年；2.5万元。")
    money = attrs.evolve(block, steps=(decimal, two, three))
    duties = attrs.evolve(item.upstream_duties, blocks=(money,))
    edition = with_item(seed_edition, ListKind.COOPERATIVE, 44, upstream_duties=duties)
    assert [] == paths(edition, "DL407")  # 2.5 is a number, not a marker


def test_dl405_alias_where_the_canonical_name_is_used(seed_edition: Edition) -> None:
    """乌鲁木齐水务局 (收回 29) is flagged: 乌鲁木齐县水务局 is written 14 times elsewhere."""
    flagged = check(seed_edition).with_code("DL405")
    water = [f for f in flagged if "乌鲁木齐水务局" in f.message_zh]
    assert ["$.recalled[28].receivers[0].departments[0].written"] == [
        f.location.path for f in water
    ]
    assert "其他14处用规范名称「乌鲁木齐县水务局」" in water[0].message_zh


def test_dl405_passes_where_the_edition_never_writes_the_canonical_name(
    seed_edition: Edition,
) -> None:
    """If every mention of a department is an alias or short name, nothing is flagged for it."""
    dept = seed_edition.department("other.safety-supervision")
    alias = dept.aliases[0]

    def respell(ref: DeptRef) -> DeptRef:
        return attrs.evolve(ref, written=alias) if ref.written == dept.name else ref

    cooperative = []
    for item in seed_edition.cooperative:
        texts = {}
        for column in ("upstream_duties", "township_duties"):
            text = getattr(item, column)
            blocks = tuple(
                attrs.evolve(
                    b,
                    heading=attrs.evolve(
                        b.heading, departments=tuple(respell(r) for r in b.heading.departments)
                    ),
                )
                if b.heading is not None
                else b
                for b in text.blocks
            )
            texts[column] = attrs.evolve(text, blocks=blocks)
        departments = tuple(respell(r) for r in item.departments)
        cooperative.append(attrs.evolve(item, departments=departments, **texts))
    edition = attrs.evolve(seed_edition, cooperative=tuple(cooperative))
    messages = [f.message_zh for f in check(edition).with_code("DL405")]
    assert not any(alias in m for m in messages)
    assert 5 == len(messages)
