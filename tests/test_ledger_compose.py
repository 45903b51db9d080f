"""Change sets composed over a chain of editions: ≅ the diff of the two ends."""

from __future__ import annotations

import attrs
from hypothesis import given, settings

import dutyledger
from conftest import ROOT
from dutyledger import Edition, compose, diff, equivalent
from strategies import edition_chains


@given(edition_chains(length=3))
def test_composing_two_diffs_is_the_diff_of_the_ends(chain: tuple[Edition, ...]) -> None:
    """compose(diff(a, b), diff(b, c)) ≅ diff(a, c), and it rebuilds c from a."""
    a, b, c = chain
    composed = compose(diff(a, b), diff(b, c), start=a)
    direct = diff(a, c)
    assert equivalent(composed, direct)
    assert composed.apply(a) == c


# The property above is the one CI runs in full; these two check the plumbing around it.
FEWER = settings(max_examples=min(settings().max_examples, 80))


@FEWER
@given(edition_chains(length=2))
def test_composing_one_diff_gives_it_back(chain: tuple[Edition, ...]) -> None:
    """A chain of one link composes to exactly the diff of its two editions."""
    a, b = chain
    assert compose(diff(a, b), start=a) == diff(a, b)


@FEWER
@given(edition_chains(length=4))
def test_ledger_changes_over_the_chain(chain: tuple[Edition, ...]) -> None:
    """Ledger.changes(first, last) ≅ diff(first, last); read backwards it is the inverse."""
    ledger = dutyledger.Ledger.from_editions(chain)
    first, last = ledger.editions[0].name, ledger.editions[-1].name
    forward = ledger.changes(first, last)
    assert equivalent(forward, diff(chain[0], chain[-1]))
    assert forward.apply(chain[0]) == chain[-1]
    assert ledger.changes(last, first) == forward.invert()


def test_items_merged_then_split_back_keep_their_identity(seed_edition: Edition) -> None:
    """Items merged, then split back under their ids, are the same items over the chain.

    Two 收回 items merged in one edition and split back in the next: the ledger tells what the
    diff of the ends tells, no removal and no addition.

    (Found by CI's thorough run: the merge and the split composed to a two-to-two tangle that
    was told as two removals and two additions.)
    """
    x, y, *rest = seed_edition.recalled
    merged = attrs.evolve(
        x, id=f"{x.id}-m", name=x.name + y.name, receivers=x.receivers + y.receivers
    )
    renumbered = (attrs.evolve(item, number=n) for n, item in enumerate(rest, start=2))

    def dated(date: str, **items: object) -> Edition:
        meta = attrs.evolve(seed_edition.meta, date=date)
        return attrs.evolve(seed_edition, meta=meta, **items)  # type: ignore[arg-type]

    chain = (seed_edition, dated("2026-01", recalled=(merged, *renumbered)), dated("2027-01"))
    assert [c.kind for c in diff(chain[0], chain[1]) if c.group == "item"] == ["merged"]
    assert [c.kind for c in diff(chain[1], chain[2]) if c.group == "item"] == ["split"]
    ledger = dutyledger.Ledger.from_editions(chain)
    over = ledger.changes(ledger.editions[0].name, ledger.editions[-1].name)
    assert [c.kind for c in over] == [c.kind for c in diff(chain[0], chain[-1])] == ["meta"]
    assert over.apply(chain[0]) == chain[-1]


def test_equivalent_tells_different_change_sets_apart(seed_edition: Edition) -> None:
    """≅ is not everything-equal: a diff is not ≅ an empty change set, nor its inverse."""
    example = dutyledger.load_edition(ROOT / "examples" / "2026-01-illustrative.json")
    changes = diff(seed_edition, example)
    assert not equivalent(changes, diff(seed_edition, seed_edition))
    assert not equivalent(changes, changes.invert())
    assert equivalent(changes, changes)
