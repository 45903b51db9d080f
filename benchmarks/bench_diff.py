"""Benchmark: dutyledger's diff against DeepDiff(ignore_order=True), on synthetic editions.

Run ``.venv/bin/python benchmarks/bench_diff.py`` (``--quick`` for a short run,
``--sizes 1000,10000`` to choose). Synthetic editions are built directly as
records (not through hypothesis): ``n`` items over the three lists, and a copy
with a known set of edits (about 1% of the items: renamed, moved, removed,
added, reassigned, reworded, starred), lists renumbered 1, 2, … afterwards as
published lists are. Both editions are separate objects, as if loaded from two
files. The times are the best of a few runs; DeepDiff gets the same data as
plain dicts (``edition_to_dict``).

Targets (a 2-core machine): two 100k-item editions diffed in under 2 s; at
least 50x faster than DeepDiff at about 18k items; time for 100k no more than
12x the time for 10k.
"""

from __future__ import annotations

import argparse
import functools
import gc
import random
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from dutyledger import (
    BasicItem,
    Block,
    CooperativeItem,
    Department,
    DeptRef,
    DutyText,
    Edition,
    EditionMeta,
    EditionSource,
    EditionStatus,
    Heading,
    Jurisdiction,
    ListKind,
    Preamble,
    RecalledItem,
    RecallEntry,
    Step,
    diff,
    edition_to_dict,
)

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当"
    "使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你"
    "明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果"
)
CATEGORIES = (
    "党的建设",
    "经济发展",
    "民生服务",
    "平安法治",
    "乡村振兴",
    "社会保障",
    "自然资源",
    "城乡建设",
)
TARGET_100K_SECONDS = 2.0
T = TypeVar("T")
TARGET_DEEPDIFF_RATIO = 50.0
TARGET_SCALING = 12.0


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choices(HAN, k=rng.randint(low, high)))


def _registry() -> tuple[Department, ...]:
    return tuple(
        Department(id=f"county.d{k}", name=f"乌鲁木齐县第{k}局", short_names=(f"县第{k}局",))
        for k in range(40)
    )


def _refs(rng: random.Random, registry: tuple[Department, ...], count: int) -> tuple[DeptRef, ...]:
    return tuple(
        DeptRef(department=d.id, written=rng.choice(d.names())) for d in rng.sample(registry, count)
    )


def _duty(rng: random.Random, registry: tuple[Department, ...]) -> DutyText:
    blocks = []
    for number in range(1, rng.randint(1, 2) + 1):
        refs = _refs(rng, registry, 1)
        heading = Heading(number=number, title=refs[0].written, departments=refs)
        steps = tuple(
            Step(number=n, text=_text(rng, 8, 30) + "；") for n in range(1, rng.randint(1, 4) + 1)
        )
        blocks.append(Block(heading=heading, lead=None, steps=steps))
    return DutyText(blocks=tuple(blocks))


def _item(rng: random.Random, kind: ListKind, index: int, registry: tuple[Department, ...]) -> Any:
    common: dict[str, Any] = {
        "id": f"bench-{index:07d}",
        "number": 0,
        "category": rng.choice(CATEGORIES),
        "name": _text(rng, 10, 40),
        "starred": rng.random() < 0.1,
        "page": index // 4 + 1,
    }
    if kind is ListKind.BASIC:
        return BasicItem(**common)
    if kind is ListKind.COOPERATIVE:
        return CooperativeItem(
            **common,
            departments=_refs(rng, registry, rng.randint(1, 2)),
            upstream_duties=_duty(rng, registry),
            township_duties=_duty(rng, registry),
        )
    entry = RecallEntry(departments=_refs(rng, registry, 1), method=_text(rng, 8, 30) + "。")
    return RecalledItem(**common, receivers=(entry,))


def _numbered(items: list[Any]) -> tuple[Any, ...]:
    return tuple(attrs.evolve(item, number=n) for n, item in enumerate(items, 1))


def _edition(
    lists: dict[ListKind, list[Any]], registry: tuple[Department, ...], date: str
) -> Edition:
    jurisdiction = Jurisdiction(
        province="新疆维吾尔自治区", city="乌鲁木齐市", county="乌鲁木齐县", township="示例乡"
    )
    meta = EditionMeta(
        title="示例乡履职事项清单（合成）",
        jurisdiction=jurisdiction,
        date=date,
        status=EditionStatus.ILLUSTRATIVE,
        source=EditionSource(description="synthetic benchmark data"),
        namespace="bench",
        note="合成数据，仅供性能测试 / synthetic, for benchmarking only",
    )
    preamble = Preamble(title_lines=("示例乡",), sections=(), declarations=(), contents=())
    return Edition(
        meta=meta,
        preamble=preamble,
        departments=registry,
        basic=_numbered(lists[ListKind.BASIC]),
        cooperative=_numbered(lists[ListKind.COOPERATIVE]),
        recalled=_numbered(lists[ListKind.RECALLED]),
    )


def _lists(n: int, seed: int, registry: tuple[Department, ...]) -> dict[ListKind, list[Any]]:
    rng = random.Random(seed)
    lists: dict[ListKind, list[Any]] = {kind: [] for kind in ListKind}
    for index in range(n):
        roll = rng.random()
        kind = (
            ListKind.BASIC
            if roll < 0.5
            else ListKind.COOPERATIVE
            if roll < 0.8
            else ListKind.RECALLED
        )
        lists[kind].append(_item(rng, kind, index, registry))
    return lists


EDITS = ("rename", "star", "move", "remove", "add", "reassign", "reword", "recategorise")


def _edit(
    lists: dict[ListKind, list[Any]], changes: int, seed: int, registry: tuple[Department, ...]
) -> int:
    """Make ``changes`` edits, each told by exactly one substantive change; return how many."""
    rng = random.Random(seed)
    touched: set[str] = set()
    made = 0
    fresh = 10_000_000
    for k in range(changes):
        edit = EDITS[k % len(EDITS)]
        kind = (
            ListKind.COOPERATIVE if edit in ("reassign", "reword") else rng.choice(list(ListKind))
        )
        items = lists[kind]
        at = rng.randrange(len(items))
        item = items[at]
        if item.id in touched:
            continue
        touched.add(item.id)
        if edit == "rename":
            items[at] = attrs.evolve(item, name=item.name + rng.choice(HAN))
        elif edit == "star":
            items[at] = attrs.evolve(item, starred=not item.starred)
        elif edit == "recategorise":
            items[at] = attrs.evolve(
                item, category=rng.choice([c for c in CATEGORIES if c != item.category])
            )
        elif edit == "move":
            target = rng.choice([t for t in ListKind if t is not kind])
            del items[at]
            moved = _item(rng, target, 0, registry)
            lists[target].append(
                attrs.evolve(
                    moved,
                    id=item.id,
                    name=item.name,
                    category=item.category,
                    starred=item.starred,
                    page=item.page,
                )
            )
        elif edit == "remove":
            del items[at]
        elif edit == "add":
            fresh += 1
            items.insert(
                at, attrs.evolve(_item(rng, kind, fresh, registry), id=f"bench-new-{fresh}")
            )
        elif edit == "reassign":
            named = {r.department for r in item.departments}
            target_dept = rng.choice([d for d in registry if d.id not in named])
            refs = (
                DeptRef(department=target_dept.id, written=target_dept.name),
                *item.departments[1:],
            )
            items[at] = attrs.evolve(item, departments=refs)
        else:  # reword a step of 乡镇配合职责
            text = item.township_duties
            block = text.blocks[0]
            step = block.steps[0]
            steps = (attrs.evolve(step, text=step.text + rng.choice(HAN)), *block.steps[1:])
            blocks = (attrs.evolve(block, steps=steps), *text.blocks[1:])
            items[at] = attrs.evolve(item, township_duties=DutyText(blocks=blocks))
        made += 1
    return made


@attrs.frozen
class Case:
    """Two synthetic editions and the number of substantive changes between them."""

    size: int
    old: Edition
    new: Edition
    expected: int


def make_case(size: int, seed: int = 7) -> Case:
    """Two editions of ``size`` items, the second with about 1% of them edited."""
    registry = _registry()
    old = _edition(_lists(size, seed, registry), registry, "2025-01")
    lists = _lists(size, seed, registry)  # the same data again, as separate objects
    made = _edit(lists, max(8, size // 100), seed + 1, registry)
    new = _edition(lists, _registry(), "2026-01")
    return Case(size=size, old=old, new=new, expected=made)


def best_of(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall time of ``runs`` calls, and the last result."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def _deepdiff(case: Case) -> float:
    from deepdiff import DeepDiff

    old, new = edition_to_dict(case.old), edition_to_dict(case.new)
    seconds, _ = best_of(1, lambda: DeepDiff(old, new, ignore_order=True))
    return seconds


def _row(*cells: object) -> str:
    widths = (8, 10, 10, 12, 14, 10)
    return "".join(f"{cell!s:>{width}}" for cell, width in zip(cells, widths, strict=True))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print times, ratios and the targets; 0 if every target is met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="DeepDiff only at 18k items")
    parser.add_argument("--sizes", default="1000,10000,18000,100000", help="comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="dutyledger runs per size (best of)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"dutyledger diff vs DeepDiff(ignore_order=True); Python {sys.version.split()[0]}")
    print(_row("items", "records", "changes", "dutyledger", "DeepDiff", "ratio"))
    times: dict[int, float] = {}
    ratios: dict[int, float] = {}
    for size in sizes:
        case = make_case(size)
        seconds, result = best_of(args.runs, functools.partial(diff, case.old, case.new))
        changes = result.substantive()
        if len(changes) != case.expected or result.apply(case.old) != case.new:
            print(f"{size}: expected {case.expected} changes, found {len(changes)}")
            return 1
        times[size] = seconds
        deep = "-"
        ratio = "-"
        if not args.quick or size == 18000:
            deep_seconds = _deepdiff(case)
            ratios[size] = deep_seconds / seconds
            deep, ratio = f"{deep_seconds:.2f} s", f"{ratios[size]:.0f}x"
        print(_row(size, len(result), len(changes), f"{seconds:.3f} s", deep, ratio))
    met = True
    print()
    if 100000 in times:
        ok = times[100000] < TARGET_100K_SECONDS
        met &= ok
        print(
            f"100k items in {times[100000]:.2f} s (target < {TARGET_100K_SECONDS} s): {'met' if ok else 'NOT met'}"
        )
    if 18000 in ratios:
        ok = ratios[18000] >= TARGET_DEEPDIFF_RATIO
        met &= ok
        print(
            f"{ratios[18000]:.0f}x faster than DeepDiff at 18k (target >= {TARGET_DEEPDIFF_RATIO:.0f}x): {'met' if ok else 'NOT met'}"
        )
    if 10000 in times and 100000 in times:
        scaling = times[100000] / times[10000]
        ok = scaling <= TARGET_SCALING
        met &= ok
        print(
            f"100k / 10k time = {scaling:.1f} (target <= {TARGET_SCALING:.0f}): {'met' if ok else 'NOT met'}"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
