"""Rules across editions (DL3xx): one edition per date, dated file names, ids through time."""

from __future__ import annotations

import attrs
import pytest

from dutyledger import Edition, ListKind, Severity, check, check_editions


def dated(edition: Edition, date: str, township: str | None = None) -> Edition:
    """The edition under another date (and township)."""
    jurisdiction = edition.meta.jurisdiction
    if township is not None:
        jurisdiction = attrs.evolve(jurisdiction, township=township)
    return attrs.evolve(
        edition, meta=attrs.evolve(edition.meta, date=date, jurisdiction=jurisdiction)
    )


def without_basic(edition: Edition, index: int) -> Edition:
    """The edition without one 基本 item, renumbered so it stays valid."""
    items = [item for i, item in enumerate(edition.basic) if i != index]
    basic = tuple(attrs.evolve(item, number=n) for n, item in enumerate(items, 1))
    declaration = attrs.evolve(edition.preamble.declarations[0], item_count=len(basic))
    preamble = attrs.evolve(
        edition.preamble, declarations=(declaration, *edition.preamble.declarations[1:])
    )
    return attrs.evolve(edition, basic=basic, preamble=preamble)


def codes_of(*editions: Edition, files: list[str | None] | None = None) -> dict[str, int]:
    found = check_editions(editions, files=files, disable=["DL401", "DL403", "DL405"])
    return dict(found.codes())


def test_a_history_in_date_order_passes(seed_edition: Edition) -> None:
    """Three editions of one township, three dates, same ids, given in any order: nothing."""
    later, latest = dated(seed_edition, "2025-07"), dated(seed_edition, "2026-01")
    files: list[str | None] = ["e/2026-01.json", "e/2025-01.json", "e/2025-07.json"]
    assert {} == codes_of(latest, seed_edition, later, files=files)


def test_dl301_two_editions_of_one_date(seed_edition: Edition) -> None:
    """Two editions of 甘沟乡 dated 2025-01: an error naming both files."""
    found = check_editions([seed_edition, seed_edition], files=["a.json", "b.json"])
    [finding] = found.with_code("DL301")
    assert (Severity.ERROR, "b.json", "$.meta.date") == (
        finding.severity,
        finding.location.file,
        finding.location.path,
    )
    assert "two editions dated 2025-01: a.json and b.json" in finding.message_en


def test_dl301_counts_per_township(seed_edition: Edition) -> None:
    """The same date in two townships is two histories, not a clash."""
    other = dated(seed_edition, "2025-01", township="托里乡")
    assert "DL301" not in codes_of(seed_edition, other)


def test_dl302_file_named_for_another_date(seed_edition: Edition) -> None:
    """A file 2024-06.json holding the 2025-01 edition; a file not named for a date passes."""
    assert {"DL302": 1} == codes_of(seed_edition, files=["editions/2024-06.json"])
    assert {} == codes_of(seed_edition, files=["editions/2025-01.json"])
    assert {} == codes_of(seed_edition, files=["editions/gangou.json"])


def test_dl303_id_that_comes_back(seed_edition: Edition) -> None:
    """基本 item 3 is gone from 2025-07 and back in 2026-01: a warning on its return."""
    gone = without_basic(dated(seed_edition, "2025-07"), 2)
    back = dated(seed_edition, "2026-01")
    found = check_editions([seed_edition, gone, back], files=["a.json", "b.json", "c.json"])
    [finding] = found.with_code("DL303")
    assert Severity.WARNING == finding.severity
    assert ("c.json", seed_edition.basic[2].id) == (
        finding.location.file,
        finding.location.item_id,
    )
    assert "gone from the 2025-07 edition, and back in this one" in finding.message_en


def test_dl303_passes_when_the_id_stays(seed_edition: Edition) -> None:
    """An id that is in every edition, or gone for good, is not flagged."""
    gone = without_basic(dated(seed_edition, "2025-07"), 2)
    still_gone = without_basic(dated(seed_edition, "2026-01"), 2)
    assert "DL303" not in codes_of(seed_edition, gone, still_gone)


def test_dl304_one_id_for_two_unrelated_items(seed_edition: Edition) -> None:
    """The id of 基本 item 1 given to an unrelated duty later: a warning with the score."""
    unrelated = attrs.evolve(seed_edition.basic[0], name="对向河流倾倒垃圾的处罚")
    later = dated(attrs.evolve(seed_edition, basic=(unrelated, *seed_edition.basic[1:])), "2025-07")
    [finding] = check_editions([seed_edition, later]).with_code("DL304")
    assert Severity.WARNING == finding.severity
    assert finding.score is not None
    assert finding.score < 0.5
    assert (ListKind.BASIC, 1) == (finding.location.list, finding.location.number)


def test_dl304_passes_for_a_reworded_item(seed_edition: Edition) -> None:
    """A small rewording keeps the id: not flagged."""
    item = seed_edition.basic[0]
    reworded = attrs.evolve(item, name=item.name + "工作")
    later = dated(attrs.evolve(seed_edition, basic=(reworded, *seed_edition.basic[1:])), "2025-07")
    assert "DL304" not in codes_of(seed_edition, later)


def test_check_of_one_edition_runs_no_rules_across_editions(seed_edition: Edition) -> None:
    """check(edition) looks at the edition alone."""
    assert not any(f.code.startswith("DL3") for f in check(seed_edition))


def test_files_must_match_editions(seed_edition: Edition) -> None:
    """One file name per edition, or an InvalidArgumentError (still a ValueError)."""
    with pytest.raises(ValueError, match=r"one file \(or None\) per edition: 2, not 1"):
        check_editions([seed_edition, seed_edition], files=["a.json"])
