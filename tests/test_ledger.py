"""The ledger: a township's editions as one chain, asked about items, dates and years."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest

import dutyledger
from conftest import EDITIONS, ROOT
from dutyledger import EditionStatus, Ledger, ListKind
from dutyledger._ledger.store import Cache

EXAMPLES = ROOT / "examples"
RECALLED_THEN_DEVOLVED = "72ff7b7a-8203d5e0"
SPLIT_IN_2026 = "72ff7b7a-7e9ffeb0"


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    """The three-edition ledger: 2025-01 (official), 2026-01 and 2027-01 (illustrative)."""
    return Ledger.open(EDITIONS, EXAMPLES, cache=tmp_path / "cache")


def test_open_orders_and_marks_the_editions(ledger: Ledger) -> None:
    """Editions by date, with their status; manifests and sources are passed over."""
    assert [(e.date, e.status) for e in ledger.editions] == [
        ("2025-01", EditionStatus.OFFICIAL),
        ("2026-01", EditionStatus.ILLUSTRATIVE),
        ("2027-01", EditionStatus.ILLUSTRATIVE),
    ]
    assert [e.name for e in ledger.editions] == [
        "2025-01",
        "2026-01-illustrative",
        "2027-01-illustrative",
    ]


def test_open_reads_metadata_only(tmp_path: Path) -> None:
    """Opening loads no edition: a file whose items are broken still opens, and fails on use."""
    text = (EDITIONS / "2025-01.json").read_text(encoding="utf-8")
    broken = text.replace('"basic": [', '"basic": [{"id": 1},', 1)
    (tmp_path / "2025-01.json").write_text(broken, encoding="utf-8")
    ledger = Ledger.open(tmp_path, cache=False)
    assert ledger.editions[0].date == "2025-01"
    with pytest.raises(dutyledger.EditionLoadError):
        ledger.edition("2025-01")


def test_as_of_is_the_latest_official_on_or_before(ledger: Ledger) -> None:
    """2025-06-30 → 2025-01; illustrative editions count only when asked; before all → None."""
    assert ledger.as_of("2025-06-30").name == "2025-01"  # type: ignore[union-attr]
    assert ledger.as_of("2026-06-30").name == "2025-01"  # type: ignore[union-attr]
    found = ledger.as_of("2026-06-30", illustrative=True)
    assert found is not None
    assert found.name == "2026-01-illustrative"
    assert ledger.as_of("2024-12-31") is None
    with pytest.raises(dutyledger.LedgerError, match="2025-13"):
        ledger.as_of("2025-13")


def test_history_of_a_duty_taken_back_and_devolved(ledger: Ledger) -> None:
    """Listed 2025 in 基本 → 上收 2026 → 下放 2027 into 配合."""
    events = ledger.history(RECALLED_THEN_DEVOLVED)
    assert [(e.edition, e.kind, e.term) for e in events] == [
        ("2025-01", "listed", "列入"),
        ("2026-01-illustrative", "moved", "上收"),
        ("2027-01-illustrative", "moved", "下放"),
    ]
    assert [e.new[0].list for e in events] == [
        ListKind.BASIC,
        ListKind.RECALLED,
        ListKind.COOPERATIVE,
    ]


def test_history_follows_an_item_through_a_split(ledger: Ledger) -> None:
    """The 普查 item split in 2026; one part renamed in 2027: asked by the part, the whole shows."""
    part = "20c167b0-df3b74a7"
    events = ledger.history(part)
    assert [(e.edition, e.kind) for e in events] == [
        ("2025-01", "listed"),
        ("2026-01-illustrative", "split"),
        ("2027-01-illustrative", "renamed"),
    ]
    assert events[1].old[0].id == SPLIT_IN_2026
    assert events[2].new[0].name == "负责人口普查、农业普查和抽样调查工作"
    whole = ledger.history(SPLIT_IN_2026)
    assert [e.kind for e in whole] == ["listed", "split", "renamed"]


def test_history_of_a_removed_item(ledger: Ledger) -> None:
    """做好保密工作: listed, removed in 2026 (its id is not the one re-added in 2027)."""
    events = ledger.history("72ff7b7a-3d41491b")
    assert [(e.edition, e.kind) for e in events] == [
        ("2025-01", "listed"),
        ("2026-01-illustrative", "removed"),
    ]


def test_history_of_an_unknown_id_is_empty(ledger: Ledger) -> None:
    """No edition holds the id: no events."""
    assert ledger.history("nowhere") == ()


def test_changes_between_ends_equal_the_diff_in_substance(ledger: Ledger) -> None:
    """changes(2025, 2027) ≅ diff(2025, 2027) and rebuilds 2027 from 2025."""
    first, last = ledger.edition("2025-01"), ledger.edition("2027-01-illustrative")
    composed = ledger.changes("2025-01", "2027-01-illustrative")
    assert dutyledger.equivalent(composed, dutyledger.diff(first, last))
    assert composed.apply(first) == last
    assert ledger.changes("2025-01", "2026-01-illustrative") == dutyledger.diff(
        first, ledger.edition("2026-01-illustrative")
    )


def test_blame_names_the_last_change(ledger: Ledger) -> None:
    """Per item of 2027: the edition of its last substantive change, and how."""
    lines = {line.item.id: line for line in ledger.blame("2027-01-illustrative")}
    assert len(lines) == len(ledger.edition("2027-01-illustrative").items())
    devolved = lines[RECALLED_THEN_DEVOLVED]
    assert (devolved.edition, devolved.terms) == ("2027-01-illustrative", ("下放",))
    renamed_2026 = lines["72ff7b7a-c4e87161"]
    assert (renamed_2026.edition, renamed_2026.kinds) == ("2026-01-illustrative", ("renamed",))
    untouched = lines["72ff7b7a-3908bab4"]  # recategorised in 2026, not since
    assert untouched.edition == "2026-01-illustrative"
    never = next(line for line in lines.values() if line.kinds == ("listed",))
    assert never.edition == "2025-01"


def test_timeline_counts_flows_and_indicators(ledger: Ledger) -> None:
    """Counts per list per edition; 2027: 上收 taken back, 下放 1, 明减暗增 warned."""
    timeline = ledger.timeline()
    assert [[e.count(k) for k in ListKind] for e in timeline] == [
        [127, 96, 57],
        [126, 98, 56],
        [125, 100, 55],
    ]
    assert timeline[0].flows == ()
    assert timeline[0].indicators is None
    moves = {(f.source, f.target): f.count for f in timeline[2].flows if f.kind == "moved"}
    assert moves == {
        (ListKind.RECALLED, ListKind.COOPERATIVE): 1,
        (ListKind.BASIC, ListKind.COOPERATIVE): 1,
    }
    assert timeline[2].indicators is not None
    assert timeline[2].indicators.warnings
    assert sum(n for kind, _, n in timeline[0].categories if kind is ListKind.BASIC) == 127


def test_find_by_id_name_and_nearest(ledger: Ledger) -> None:
    """An id and an exact name give score 1; a part of a name gives the nearest names."""
    assert [c.id for c in ledger.find(RECALLED_THEN_DEVOLVED)] == [RECALLED_THEN_DEVOLVED]
    by_name = ledger.find("做好保密工作")
    assert {c.id for c in by_name} >= {"72ff7b7a-3d41491b"}
    assert all(c.score == 1.0 for c in by_name)
    nearest = ledger.find("抽样调查")
    assert nearest[0].id == "20c167b0-df3b74a7"
    assert nearest[0].score < 1.0


def test_warm_cache_needs_no_edition(tmp_path: Path) -> None:
    """Once links and indexes are cached, history and timeline load no edition."""
    cache = tmp_path / "cache"
    Ledger.open(EDITIONS, EXAMPLES, cache=cache).timeline()
    warm = Ledger.open(EDITIONS, EXAMPLES, cache=cache)
    assert warm.history(RECALLED_THEN_DEVOLVED)
    assert warm.timeline()
    assert warm._loaded == {}


def test_a_broken_cache_file_is_made_again(tmp_path: Path) -> None:
    """A cache file that is not JSON is ignored: the answer is the same."""
    cache = tmp_path / "cache"
    expected = Ledger.open(EDITIONS, EXAMPLES, cache=cache).history(RECALLED_THEN_DEVOLVED)
    for path in (cache / "ledger" / "v1").glob("link-*.json"):
        path.write_text("{not json", encoding="utf-8")
    again = Ledger.open(EDITIONS, EXAMPLES, cache=cache)
    assert again.history(RECALLED_THEN_DEVOLVED) == expected


def test_the_digest_is_the_files_sha256(tmp_path: Path) -> None:
    """The cache key is the content hash; a changed file gets a new one."""
    import hashlib

    path = tmp_path / "2025-01.json"
    shutil.copy(EDITIONS / "2025-01.json", path)
    cache = Cache(tmp_path / "cache")
    assert cache.digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def _reminted(tmp_path: Path) -> tuple[Path, dutyledger.Edition]:
    """The 2026 example with every id minted afresh (as if ingested apart)."""
    example = dutyledger.load_edition(EXAMPLES / "2026-01-illustrative.json")
    edition = attrs.evolve(
        example,
        basic=tuple(attrs.evolve(i, id=f"x-basic-{i.number}") for i in example.basic),
        cooperative=tuple(attrs.evolve(i, id=f"x-coop-{i.number}") for i in example.cooperative),
        recalled=tuple(attrs.evolve(i, id=f"x-recalled-{i.number}") for i in example.recalled),
    )
    folder = tmp_path / "editions"
    folder.mkdir()
    shutil.copy(EDITIONS / "2025-01.json", folder / "2025-01.json")
    (folder / "2026-01.json").write_text(dutyledger.dump_edition(edition), encoding="utf-8")
    return folder, edition


def test_a_crosswalk_beside_the_later_edition_links_them(tmp_path: Path) -> None:
    """Without shared ids the link is by content; a reviewed crosswalk beside 2026-01 wins."""
    folder, edition = _reminted(tmp_path)
    first = dutyledger.builtin_edition("2025-01")
    by_content = Ledger.open(folder, cache=False)
    gone = "72ff7b7a-3d41491b"  # 做好保密工作, removed
    assert [e.kind for e in by_content.history(gone)] == ["listed", "removed"]
    crosswalk = dutyledger.match(first, edition)
    kept = next(p for p in crosswalk.pairs if p.old == "72ff7b7a-c4e87161")
    reviewed = attrs.evolve(
        crosswalk,
        pairs=tuple(p for p in crosswalk.pairs if p is not kept),
        unmatched=(
            *crosswalk.unmatched,
            dutyledger.Unmatched(edition="old", id=kept.old),
            dutyledger.Unmatched(edition="new", id=kept.new),
        ),
    )
    (folder / "2026-01.crosswalk.json").write_text(
        dutyledger.dump_crosswalk(reviewed), encoding="utf-8"
    )
    linked = Ledger.open(folder, cache=False)
    assert [e.kind for e in linked.history(kept.old)] == ["listed", "removed"]
    assert [e.kind for e in by_content.history(kept.old)] == ["listed", "renamed"]
    # Editions in memory, named otherwise (as check names them), still find it by their file.
    in_memory = Ledger.from_editions(
        [first, edition], names=["0", "1"], files=[None, str(folder / "2026-01.json")]
    )
    assert [e.kind for e in in_memory.history(kept.old)] == ["listed", "removed"]


def test_a_crosswalk_for_other_editions_is_an_error(tmp_path: Path) -> None:
    """A crosswalk beside 2026-01 made from another edition: CrosswalkError naming the file."""
    folder, edition = _reminted(tmp_path)
    crosswalk = dutyledger.match(dutyledger.builtin_edition("2025-01"), edition)
    data = json.loads(dutyledger.dump_crosswalk(crosswalk))
    data["old"]["date"] = "2024-01"
    (folder / "2026-01.crosswalk.json").write_text(json.dumps(data), encoding="utf-8")
    ledger = Ledger.open(folder, cache=False)
    with pytest.raises(dutyledger.CrosswalkError, match=r"2026-01\.crosswalk\.json"):
        ledger.history("72ff7b7a-3d41491b")


def test_editions_of_two_townships_are_refused(
    tmp_path: Path, seed_edition: dutyledger.Edition
) -> None:
    """One ledger, one township: both are named in the error."""
    other = attrs.evolve(
        seed_edition,
        meta=attrs.evolve(
            seed_edition.meta,
            date="2026-01",
            jurisdiction=attrs.evolve(seed_edition.meta.jurisdiction, township="永丰镇"),
        ),
    )
    with pytest.raises(dutyledger.LedgerError, match="永丰镇"):
        Ledger.from_editions([seed_edition, other])


def test_a_folder_without_editions_is_an_error(tmp_path: Path) -> None:
    """An empty folder: one message naming it."""
    with pytest.raises(dutyledger.LedgerError, match="no edition files"):
        Ledger.open(tmp_path, cache=False)


def test_only_official_editions(ledger: Ledger) -> None:
    """only(OFFICIAL) keeps the chain of official editions."""
    assert [e.name for e in ledger.only(EditionStatus.OFFICIAL).editions] == ["2025-01"]


def test_a_file_not_in_canonical_order_still_opens(tmp_path: Path) -> None:
    """The head read is a shortcut: keys in another order are read from the whole file."""
    data = json.loads((EDITIONS / "2025-01.json").read_text(encoding="utf-8"))
    reordered = {"meta": data.pop("meta"), **data}
    (tmp_path / "2025-01.json").write_text(json.dumps(reordered, ensure_ascii=False), "utf-8")
    ledger = Ledger.open(tmp_path, cache=False)
    assert ledger.editions[0].title == "新疆维吾尔自治区乌鲁木齐市乌鲁木齐县甘沟乡履职事项清单"
    assert len(ledger.edition("2025-01").items()) == 280


def test_metadata_errors_name_the_file_and_path(tmp_path: Path) -> None:
    """A bad status in meta: EditionLoadError with the file and $.meta.status."""
    text = (EDITIONS / "2025-01.json").read_text(encoding="utf-8")
    (tmp_path / "2025-01.json").write_text(
        text.replace('"status": "official"', '"status": "final"', 1), encoding="utf-8"
    )
    with pytest.raises(dutyledger.EditionLoadError) as caught:
        Ledger.open(tmp_path, cache=False)
    assert "2025-01.json" in str(caught.value)
    assert "$.meta.status" in str(caught.value)
