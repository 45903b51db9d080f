"""Synthetic editions for the benchmarks: known edits, optionally near-duplicate names.

Editions are built directly as records (not through hypothesis): ``n`` items
over the three lists, and a copy with a known set of edits (about 1% of the
items: renamed, moved, removed, added, reassigned, reworded, starred,
recategorised; in the realistic case also split and merged), lists renumbered
1, 2, … afterwards as published lists are. Both editions are separate objects,
as if loaded from two files.

- ``shared``: the new edition keeps the old ids (diff pairs by id).
- ``content``: the same edits, every id of the new edition minted anew (diff
  pairs by content: exact names, splits and merges, fuzzy names).
- ``realistic``: names in families that share a stem (``…管理``, ``…管理工作``:
  near duplicates, some containing others), splits and merges among the edits,
  pages recomputed after the edits (rows shift), and ids minted anew.

The truth is the edit log: each edit is one substantive change, told by its
kind and the ids of the items it takes and gives (in the new ids where they
were minted anew). A diff is scored against it (recall and precision).
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

import attrs

from dutyledger import (
    BasicItem,
    Block,
    ChangeSet,
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
SUFFIXES = ("管理", "管理工作", "服务", "监督检查", "审核", "登记", "工作", "宣传")
SCENARIOS = ("shared", "content", "realistic")
EDITS = ("rename", "star", "move", "remove", "add", "reassign", "reword", "recategorise")
REALISTIC_EDITS = (*EDITS, "split", "merge")
Signature = tuple[str, tuple[str, ...], tuple[str, ...]]
_KIND_OF = {
    "rename": "renamed",
    "star": "star_set",
    "move": "moved",
    "remove": "removed",
    "add": "added",
    "reassign": "department_reassigned",
    "reword": "step_reworded",
    "recategorise": "recategorised",
    "split": "split",
    "merge": "merged",
}


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choices(HAN, k=rng.randint(low, high)))


def registry() -> tuple[Department, ...]:
    """Forty county departments, each with a short name."""
    return tuple(
        Department(id=f"county.d{k}", name=f"乌鲁木齐县第{k}局", short_names=(f"县第{k}局",))
        for k in range(40)
    )


def _refs(rng: random.Random, depts: tuple[Department, ...], count: int) -> tuple[DeptRef, ...]:
    return tuple(
        DeptRef(department=d.id, written=rng.choice(d.names())) for d in rng.sample(depts, count)
    )


def _duty(rng: random.Random, depts: tuple[Department, ...]) -> DutyText:
    blocks = []
    for number in range(1, rng.randint(1, 2) + 1):
        refs = _refs(rng, depts, 1)
        heading = Heading(number=number, title=refs[0].written, departments=refs)
        steps = tuple(
            Step(number=n, text=_text(rng, 8, 30) + "；") for n in range(1, rng.randint(1, 4) + 1)
        )
        blocks.append(Block(heading=heading, lead=None, steps=steps))
    return DutyText(blocks=tuple(blocks))


class _Names:
    """Item names: random, or in families sharing a stem (near duplicates)."""

    def __init__(self, rng: random.Random, families: bool) -> None:
        self.rng = rng
        self.families = families
        self.stem = ""
        self.left = 0
        self.seen: set[str] = set()

    def __call__(self) -> str:
        """A name no other item of the edition has (a published list has none twice)."""
        name = self._draw()
        while name in self.seen:
            name = self._draw()
        self.seen.add(name)
        return name

    def _draw(self) -> str:
        rng = self.rng
        if not self.families:
            return _text(rng, 10, 40)
        if self.left == 0:
            self.stem, self.left = _text(rng, 6, 14), rng.randint(1, 4)
        self.left -= 1
        return self.stem + rng.choice(SUFFIXES) + _text(rng, 0, 2)


def _item(
    rng: random.Random, kind: ListKind, ident: str, name: str, depts: tuple[Department, ...]
) -> Any:
    common: dict[str, Any] = {
        "id": ident,
        "number": 0,
        "category": rng.choice(CATEGORIES),
        "name": name,
        "starred": rng.random() < 0.1,
        "page": None,
    }
    if kind is ListKind.BASIC:
        return BasicItem(**common)
    if kind is ListKind.COOPERATIVE:
        return CooperativeItem(
            **common,
            departments=_refs(rng, depts, rng.randint(1, 2)),
            upstream_duties=_duty(rng, depts),
            township_duties=_duty(rng, depts),
        )
    entry = RecallEntry(departments=_refs(rng, depts, 1), method=_text(rng, 8, 30) + "。")
    return RecalledItem(**common, receivers=(entry,))


def _numbered(items: list[Any]) -> tuple[Any, ...]:
    """序号 1, 2, … and the page each row stands on (four rows a page), as published."""
    return tuple(
        attrs.evolve(item, number=n, page=(n - 1) // 4 + 1) for n, item in enumerate(items, 1)
    )


def edition(lists: dict[ListKind, list[Any]], depts: tuple[Department, ...], date: str) -> Edition:
    """An edition of these lists, numbered and paged."""
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
        departments=depts,
        basic=_numbered(lists[ListKind.BASIC]),
        cooperative=_numbered(lists[ListKind.COOPERATIVE]),
        recalled=_numbered(lists[ListKind.RECALLED]),
    )


def _lists(
    n: int, seed: int, depts: tuple[Department, ...], families: bool
) -> dict[ListKind, list[Any]]:
    rng = random.Random(seed)
    names = _Names(rng, families)
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
        lists[kind].append(_item(rng, kind, f"bench-{index:07d}", names(), depts))
    return lists


class _Editor:
    """Makes the edits, each told by exactly one substantive change."""

    def __init__(self, lists: dict[ListKind, list[Any]], seed: int, depts: tuple[Department, ...]):
        self.lists = lists
        self.rng = random.Random(seed)
        self.depts = depts
        self.touched: set[str] = set()
        self.names = {i.name for items in lists.values() for i in items}
        self.fresh = 10_000_000
        self.truth: set[Signature] = set()
        self.gone: list[str] = []
        self.made: list[str] = []
        self.item_id = ""
        self.starred = False

    def mint(self) -> str:
        self.fresh += 1
        ident = f"bench-new-{self.fresh}"
        self.touched.add(ident)  # an item made by one edit takes no other
        self.made.append(ident)
        return ident

    def pick(self, kind: ListKind) -> tuple[int, Any] | None:
        items = self.lists[kind]
        at = self.rng.randrange(len(items))
        item = items[at]
        if item.id in self.touched:
            return None
        self.touched.add(item.id)
        return at, item

    def edit(self, edit: str) -> bool:
        """Make one edit of this kind, if the item drawn allows it; note the change it makes."""
        self.gone = []
        self.made = []
        if not self._edit(edit):
            return False
        kind = _KIND_OF[edit]
        if edit == "star":
            kind = "star_set" if self.starred else "star_cleared"
        if self.gone or self.made:
            self.truth.add((kind, tuple(sorted(self.gone)), tuple(sorted(self.made))))
        else:  # an edit of one item in place, or a move: the item keeps its id
            self.truth.add((kind, (self.item_id,), (self.item_id,)))
        return True

    def _edit(self, edit: str) -> bool:  # noqa: PLR0912, PLR0915 - one branch per kind of edit
        rng, lists = self.rng, self.lists
        kind = (
            ListKind.COOPERATIVE if edit in ("reassign", "reword") else rng.choice(list(ListKind))
        )
        picked = self.pick(kind)
        if picked is None:
            return False
        at, item = picked
        self.item_id, self.starred = item.id, not item.starred
        items = lists[kind]
        if edit == "rename":
            name = item.name + rng.choice(HAN)
            if name in self.names:
                return False
            self.names.add(name)
            items[at] = attrs.evolve(item, name=name)
        elif edit == "star":
            items[at] = attrs.evolve(item, starred=not item.starred)
        elif edit == "recategorise":
            category = rng.choice([c for c in CATEGORIES if c != item.category])
            items[at] = attrs.evolve(item, category=category)
        elif edit == "move":
            target = rng.choice([t for t in ListKind if t is not kind])
            del items[at]
            moved = _item(rng, target, item.id, item.name, self.depts)
            lists[target].append(attrs.evolve(moved, category=item.category, starred=item.starred))
        elif edit == "remove":
            del items[at]
            self.gone.append(item.id)
        elif edit == "add":
            name = _text(rng, 10, 40)
            self.names.add(name)
            items.insert(at, _item(rng, kind, self.mint(), name, self.depts))
        elif edit == "reassign":
            named = {r.department for r in item.departments}
            dept = rng.choice([d for d in self.depts if d.id not in named])
            refs = (DeptRef(department=dept.id, written=dept.name), *item.departments[1:])
            items[at] = attrs.evolve(item, departments=refs)
        elif edit == "reword":  # a step of 乡镇配合职责
            block = item.township_duties.blocks[0]
            steps = (attrs.evolve(block.steps[0], text=block.steps[0].text + rng.choice(HAN)),)
            blocks = (attrs.evolve(block, steps=steps + block.steps[1:]),)
            duty = DutyText(blocks=blocks + item.township_duties.blocks[1:])
            items[at] = attrs.evolve(item, township_duties=duty)
        elif edit == "split":
            k = rng.randint(3, len(item.name) - 3) if len(item.name) >= 6 else 0
            halves = (item.name[:k], item.name[k:])
            if not k or self.names & set(halves) or halves[0] == halves[1]:
                return False
            self.names.update(halves)
            self.gone.append(item.id)
            items[at : at + 1] = [attrs.evolve(item, id=self.mint(), name=n) for n in halves]
        else:  # merge with the next item of the same list
            if at + 1 >= len(items) or items[at + 1].id in self.touched:
                return False
            second = items[at + 1]
            self.touched.add(second.id)
            name = item.name + second.name
            if name in self.names:
                return False
            self.names.add(name)
            self.gone += [item.id, second.id]
            items[at : at + 2] = [attrs.evolve(item, id=self.mint(), name=name)]
        return True


@attrs.frozen
class Case:
    """Two synthetic editions, and what diff must find between them.

    Attributes:
        scenario: ``shared``, ``content`` or ``realistic``.
        size: Items in the old edition.
        old: The old edition.
        new: The new edition (ids minted anew unless ``shared``).
        edits: How many edits were made (one substantive change each).
        truth: The substantive changes, by kind and items (the new edition's ids).
    """

    scenario: str
    size: int
    old: Edition
    new: Edition
    edits: int
    truth: frozenset[Signature]


def signatures(changes: ChangeSet) -> frozenset[Signature]:
    """The substantive changes by kind, old ids and new ids."""
    return frozenset(
        (
            c.kind,
            tuple(sorted(i.id for i in c.old_items())),
            tuple(sorted(i.id for i in c.new_items())),
        )
        for c in changes.substantive()
    )


def _reminted(new: Edition) -> tuple[Edition, dict[str, str]]:
    """The edition with every item id minted anew, and the map from the ids to the new ones."""
    forward: dict[str, str] = {}

    def mint(item: Any) -> Any:
        ident = "other-" + hashlib.sha1(item.id.encode()).hexdigest()[:12]
        forward[item.id] = ident
        return attrs.evolve(item, id=ident)

    again = attrs.evolve(
        new,
        basic=tuple(map(mint, new.basic)),
        cooperative=tuple(map(mint, new.cooperative)),
        recalled=tuple(map(mint, new.recalled)),
    )
    return again, forward


def make_case(size: int, scenario: str = "shared", seed: int = 7) -> Case:
    """Two editions of ``size`` items, the second with about 1% of them edited."""
    families = scenario == "realistic"
    depts = registry()
    old = edition(_lists(size, seed, depts, families), depts, "2025-01")
    lists = _lists(size, seed, depts, families)  # the same data again, as separate objects
    editor = _Editor(lists, seed + 1, depts)
    kinds = REALISTIC_EDITS if scenario == "realistic" else EDITS
    made = sum(editor.edit(kinds[k % len(kinds)]) for k in range(max(len(kinds), size // 100)))
    new = edition(lists, registry(), "2026-01")
    if scenario == "shared":
        return Case(scenario, size, old, new, made, frozenset(editor.truth))
    new, forward = _reminted(new)
    truth = frozenset(
        (kind, olds, tuple(sorted(forward[i] for i in news))) for kind, olds, news in editor.truth
    )
    return Case(scenario, size, old, new, made, truth)
