"""Ingest of the published text, above all of the 2025-01 seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dutyledger
from conftest import EDITIONS, SOURCE, SOURCE_META
from dutyledger import IngestError, ListKind, load_ingest_meta
from dutyledger._published.tsv import item_cells

SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_1fced3ef81e15ccf.txt"


def ingest_seed() -> dutyledger.Edition:
    return dutyledger.ingest_text(SOURCE.read_text(encoding="utf-8"), load_ingest_meta(SOURCE_META))


def seed_rows() -> dict[tuple[str, int], list[str]]:
    rows: dict[tuple[str, int], list[str]] = {}
    title = ""
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        if line in {kind.title for kind in ListKind}:
            title = line
        cells = line.split("\t")
        if cells[0].isdigit():
            rows[title, int(cells[0])] = cells
    return rows


def test_ingesting_the_source_reproduces_the_committed_edition() -> None:
    """editions/2025-01.json is exactly what ingest makes of the kept source text."""
    expected = (EDITIONS / "2025-01.json").read_text(encoding="utf-8")
    assert expected == dutyledger.dump_edition(ingest_seed())


def test_a_heading_cut_by_a_full_width_space_reproduces_the_edition() -> None:
    """配合 19 with `一　、县民政局：` ingests to the very edition (found by the fuzz campaign)."""
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count("<p>一、县民政局：</p>") >= 1
    cut = text.replace("<p>一、县民政局：</p>", "<p>一\u3000、县民政局：</p>", 1)
    meta = load_ingest_meta(SOURCE_META)
    assert dutyledger.ingest_text(cut, meta) == dutyledger.ingest_text(text, meta)


@pytest.mark.skipif(not SHARED_SEED.is_file(), reason="the shared seed is only beside a checkout")
def test_kept_source_is_the_shared_seed() -> None:
    """The copy inside the project is byte for byte the published seed."""
    assert SHARED_SEED.read_bytes() == SOURCE.read_bytes()


def test_seed_counts(seed_edition: dutyledger.Edition) -> None:
    """127 basic, 96 cooperative and 57 recalled items, as the preamble declares."""
    assert (127, 96, 57) == (
        len(seed_edition.basic),
        len(seed_edition.cooperative),
        len(seed_edition.recalled),
    )


def test_every_cell_matches_the_seed_to_the_character(seed_edition: dutyledger.Edition) -> None:
    """Without markup and whitespace, every exported cell equals the seed's cell."""

    def bare(text: str) -> str:
        return re.sub(r"\s+", "", re.sub(r"<[^>]*>", "", text))

    rows = seed_rows()
    for kind in ListKind:
        for item in seed_edition.items(kind):
            published = rows[kind.title, item.number]
            assert [bare(c) for c in published] == [bare(c) for c in item_cells(item)], item.id


def test_declarations_are_read_from_the_preamble(seed_edition: dutyledger.Edition) -> None:
    """The preamble's totals: 20/127; 19/96/38; 12/57/17."""
    declared = {
        d.list: (d.category_count, len(d.categories), d.item_count, d.department_count)
        for d in seed_edition.preamble.declarations
    }
    assert declared == {
        ListKind.BASIC: (20, 20, 127, None),
        ListKind.COOPERATIVE: (19, 19, 96, 38),
        ListKind.RECALLED: (12, 12, 57, 17),
    }


def test_pages_follow_the_repeated_headers(seed_edition: dutyledger.Edition) -> None:
    """Each list starts on its contents page; a repeated header row is a new page."""
    assert (1, 11) == (seed_edition.basic[0].page, seed_edition.basic[-1].page)
    assert (12, 66) == (seed_edition.cooperative[0].page, seed_edition.cooperative[-1].page)
    assert (67, 72) == (seed_edition.recalled[0].page, seed_edition.recalled[-1].page)
    assert (seed_edition.basic[9].number, seed_edition.basic[9].page) == (10, 1)
    assert (seed_edition.basic[10].number, seed_edition.basic[10].page) == (11, 2)


def test_star_is_a_field(seed_edition: dutyledger.Edition) -> None:
    """★ is taken off the name and kept as `starred`."""
    first = seed_edition.cooperative[0]
    assert (first.name, first.starred) == ("推荐县级以上党代表工作", True)
    assert sum(i.starred for i in seed_edition.cooperative) == 21


def test_aliases_resolve_to_one_department(seed_edition: dutyledger.Edition) -> None:
    """乌鲁木齐县发展改革委员会 and 乌鲁木齐县发展和改革委员会 are one identity."""
    by_written = {
        ref.written: ref.department for item in seed_edition.cooperative for ref in item.departments
    }
    assert by_written["乌鲁木齐县发展改革委员会"] == by_written["乌鲁木齐县发展和改革委员会"]
    receivers = {
        ref.written: ref.department for item in seed_edition.recalled for ref in item.departments
    }
    assert receivers["乌鲁木齐水务局"] == receivers["乌鲁木齐县水务局"]


def test_distinct_departments_match_the_declared_counts(seed_edition: dutyledger.Edition) -> None:
    """Counted as identities, the departments come to the declared 38 and 17."""
    summary = {row.list: row.departments for row in dutyledger.summarise(seed_edition)}
    assert (summary[ListKind.COOPERATIVE], summary[ListKind.RECALLED]) == (38, 17)


def test_and_artifacts_are_kept(seed_edition: dutyledger.Edition) -> None:
    """The English 'and' of the extraction stays in the text (check reports it)."""
    recalled_4 = seed_edition.recalled[3]
    assert " and " in recalled_4.name


def test_ids_are_namespaced_and_independent_of_list_and_number(
    seed_edition: dutyledger.Edition,
) -> None:
    """Ids start with the edition's namespace and do not encode list or 序号."""
    namespace = seed_edition.meta.namespace
    ids = [item.id for item in seed_edition.items()]
    assert all(i.startswith(namespace + "-") for i in ids)
    assert len(set(ids)) == 280


def test_unknown_department_is_an_error_naming_the_line(tmp_path: Path) -> None:
    """A department the registry does not know stops ingest with its line and name."""
    text = SOURCE.read_text(encoding="utf-8").replace("乌鲁木齐县审计局", "乌鲁木齐县审记局", 1)
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_text(text, load_ingest_meta(SOURCE_META), name="seed.txt")
    message = str(caught.value)
    assert "seed.txt" in message
    assert "乌鲁木齐县审记局" in message
    assert re.search(r"line \d+, 对应上级部门", message)


def test_all_problems_are_reported_not_only_the_first() -> None:
    """Two bad rows give two problems in one error."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    rows = [i for i, line in enumerate(lines) if line.startswith(("5\t", "7\t"))][:2]
    for i in rows:
        lines[i] = lines[i].replace("\t", " ", 1)
    with pytest.raises(IngestError) as caught:
        dutyledger.ingest_text("\n".join(lines), load_ingest_meta(SOURCE_META))
    assert len(caught.value.problems) == 2


def test_cover_date_must_agree_with_metadata(tmp_path: Path) -> None:
    """A metadata date that contradicts the cover is an error."""
    meta = tmp_path / "meta.toml"
    meta.write_text(
        SOURCE_META.read_text(encoding="utf-8").replace('date = "2025-01"', 'date = "2025-02"')
    )
    with pytest.raises(IngestError, match="the cover says 2025-01"):
        dutyledger.ingest_text(SOURCE.read_text(encoding="utf-8"), load_ingest_meta(meta))


def test_bad_metadata_file_names_the_key(tmp_path: Path) -> None:
    """A metadata file with a wrong type names the key."""
    meta = tmp_path / "meta.toml"
    meta.write_text(
        '[edition]\nstatus = "official"\n[edition.jurisdiction]\nprovince = 1\n', encoding="utf-8"
    )
    with pytest.raises(IngestError) as caught:
        load_ingest_meta(meta)
    wheres = {p.where for p in caught.value.problems}
    assert "$.edition.jurisdiction.province" in wheres
    assert "$.edition.source" in wheres
