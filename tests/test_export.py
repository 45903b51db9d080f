"""Export in the published layout, and ingest of what export writes."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

import dutyledger
import strategies
from conftest import SOURCE
from dutyledger import ExportError, ListKind


def test_layout_of_the_tables(seed_edition: dutyledger.Edition) -> None:
    """A title line before each table, the published header, one row per item, 序号 first."""
    lines = dutyledger.export_tsv(seed_edition).split("\n")
    for kind in ListKind:
        start = lines.index(kind.title)
        assert lines[start + 2].split("\t")[0] == "序号"
    headers = [line for line in lines if line.startswith("序号\t")]
    assert "序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t乡镇配合职责" in headers
    rows = [line for line in lines if line.split("\t")[0].isdigit()]
    assert len(rows) == 280
    assert rows[127].split("\t")[:3] == ["1", "党的建设", "★推荐县级以上党代表工作"]


def test_page_breaks_repeat_the_header_as_published(seed_edition: dutyledger.Edition) -> None:
    """The header row stands as often as in the source: once per page."""
    published = SOURCE.read_text(encoding="utf-8")
    exported = dutyledger.export_tsv(seed_edition)
    assert published.count("\n序号\t") == exported.count("\n序号\t") == 72


def test_steps_are_written_as_plain_text(seed_edition: dutyledger.Edition) -> None:
    """Steps and blocks come back as numbered plain text, in order, without markup."""
    row = next(
        line.split("\t")
        for line in dutyledger.export_tsv(seed_edition).split("\n")
        if line.startswith("4\t党的建设\t★领导班子")
    )
    assert row[4].startswith("一、县委组织部： 1.对党政领导班子")
    assert " 二、县人社局： 配合县委组织部审核" in row[4]
    assert "<" not in row[4]


def test_export_then_ingest_gives_the_seed_back(seed_edition: dutyledger.Edition) -> None:
    """Ingesting the export with the edition's own metadata gives an equal edition."""
    exported = dutyledger.export_tsv(seed_edition)
    assert seed_edition == dutyledger.ingest_text(
        exported, dutyledger.meta_from_edition(seed_edition)
    )


@given(strategies.editions())
def test_export_then_ingest_round_trip(edition: dutyledger.Edition) -> None:
    """For any canonical edition, export then ingest is the identity."""
    exported = dutyledger.export_tsv(edition)
    assert edition == dutyledger.ingest_text(exported, dutyledger.meta_from_edition(edition))


def test_text_with_a_tab_cannot_be_exported(seed_edition: dutyledger.Edition) -> None:
    """A tab inside a text is refused, naming the item, rather than breaking the row."""
    broken = attrs.evolve(seed_edition.basic[2], name="加强\t乡镇党委")
    edition = attrs.evolve(
        seed_edition, basic=(*seed_edition.basic[:2], broken, *seed_edition.basic[3:])
    )
    with pytest.raises(ExportError) as caught:
        dutyledger.export_tsv(edition)
    assert [p.where for p in caught.value.problems] == ["$.basic[2]"]
