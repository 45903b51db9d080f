"""Make the illustrative 2026-01 edition of 甘沟乡 from the official 2025-01 edition.

HYPOTHETICAL. The edition this script writes is made up: documented edits to
the official 2025-01 text, chosen so that it holds every kind of change
dutyledger's diff reports. It is not, and must never be taken for, an official
text (status ``illustrative``; its note and preamble say so).

Run from the project root::

    .venv/bin/python examples/make_example.py

It writes ``examples/2026-01-illustrative.json`` and, beside it,
``2026-01-illustrative.manifest.json``: every change the edits make, as
``diff(2025-01, example)`` must report it — kind, the items' ids, lists and
序号 before and after, what is particular to the kind, and the edit that made
it. ``tests/test_example.py`` holds the diff to that manifest exactly. The
script is deterministic: running it again gives the same files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import attrs

from dutyledger import (
    BasicItem,
    Block,
    CooperativeItem,
    Department,
    DeptRef,
    Direction,
    DutyText,
    Edition,
    EditionSource,
    EditionStatus,
    Heading,
    ListKind,
    PreambleSection,
    RecalledItem,
    RecallEntry,
    Step,
    dump_edition,
    load_edition,
)
from dutyledger._edition.records import list_of
from dutyledger._published.txt import _mint_id, derive_namespace

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "editions" / "2025-01.json"
OUT = ROOT / "examples" / "2026-01-illustrative.json"
MANIFEST = ROOT / "examples" / "2026-01-illustrative.manifest.json"
NOTE = "假设的示例：据2025年1月官方清单改写，用以演示版本比对，并非官方文本。"
SOURCE = (
    "Hypothetical, not official: examples/make_example.py applies illustrative edits "
    "to the official 2025-01 edition."
)
DATA = Department(
    id="county.data",
    name="乌鲁木齐县数据局",
    short_names=("县数据局",),
    note="Illustrative only: a department the example's 2026-01 edition adds.",
)


def _text(*steps: str, heading: Heading | None = None) -> DutyText:
    numbered = len(steps) > 1
    return DutyText(
        blocks=(
            Block(
                heading=heading,
                lead=None,
                steps=tuple(
                    Step(number=n if numbered else None, text=t) for n, t in enumerate(steps, 1)
                ),
            ),
        )
    )


class Example:
    """The lists being edited, and the manifest of what each edit changes."""

    def __init__(self, seed: Edition, date: str = "2026-01") -> None:
        self.seed = seed
        self.lists: dict[ListKind, list[Any]] = {k: list(seed.items(k)) for k in ListKind}
        self.namespace = derive_namespace(seed.meta.jurisdiction, date)
        self.taken = {i.id for i in seed.items()}
        self.entries: list[dict[str, Any]] = []

    def by_id(self, item_id: str) -> Any:
        """The item of this id, as it stands now."""
        kind, at = self.where(item_id)
        return self.lists[kind][at]

    def item(self, kind: ListKind, number: int) -> Any:
        """The item that had this 序号 in the seed (found by its seed id)."""
        wanted = self.seed.items(kind)[number - 1].id
        return next(i for items in self.lists.values() for i in items if i.id == wanted)

    def where(self, item_id: str) -> tuple[ListKind, int]:
        """The list and index where an item now stands."""
        for kind, items in self.lists.items():
            for at, item in enumerate(items):
                if item.id == item_id:
                    return kind, at
        raise KeyError(item_id)

    def put(self, item: Any) -> Any:
        """Replace the item of the same id by ``item``; return it."""
        kind, at = self.where(item.id)
        self.lists[kind][at] = item
        return item

    def put_at(self, old: Any, new: Any) -> None:
        """Put ``new`` where ``old`` stands."""
        kind, at = self.where(old.id)
        self.lists[kind][at] = new

    def mint(self, name: str) -> str:
        """A new id in the example's namespace, as ingest would mint it."""
        return _mint_id(self.namespace, name, self.taken)

    def expect(
        self, kind: str, old: tuple[str, ...], new: tuple[str, ...], edit: str, *detail: Any
    ) -> None:
        """Add a change to the manifest: kind, old and new ids, the edit, the details."""
        self.entries.append(
            {"kind": kind, "old": old, "new": new, "detail": list(detail), "edit": edit}
        )

    def pair(self, kind: str, item: Any, edit: str, *detail: Any) -> None:
        """Add a change of one item (same id before and after) to the manifest."""
        self.expect(kind, (item.id,), (item.id,), edit, *detail)

    def move(self, item: Any, target: ListKind, new: Any, edit: str) -> None:
        """Move an item to the end of another list, as ``new``; expect the move."""
        kind, at = self.where(item.id)
        del self.lists[kind][at]
        self.lists[target].append(new)
        self.pair("moved", item, edit, Direction.between(kind, target).value)


def _basic_edits(ex: Example) -> None:
    item = ex.put(attrs.evolve(ex.item(ListKind.BASIC, 6), name="做好巡视巡察整改工作"))
    ex.pair("renamed", item, "事项名称改写：巡察 → 巡视巡察")

    item = ex.put(attrs.evolve(ex.item(ListKind.BASIC, 13), category="精神文明建设"))
    ex.pair("recategorised", item, "类别调整：党的建设 → 精神文明建设")

    item = ex.item(ListKind.BASIC, 119)
    ex.lists[ListKind.BASIC].remove(item)
    ex.expect("removed", (item.id,), (), "取消：做好保密工作")

    item = ex.item(ListKind.BASIC, 117)
    ref = DeptRef(department="county.finance", written="乌鲁木齐县财政局")
    method = "由县财政局统一代理村级财务会计记账、核算。"
    recalled = RecalledItem(
        **_common(item), receivers=(RecallEntry(departments=(ref,), method=method),)
    )
    ex.move(item, ListKind.RECALLED, recalled, "上收：村级财务代理记账由县财政局承接")

    item = ex.item(ListKind.BASIC, 59)
    cooperative = CooperativeItem(
        **_common(item),
        departments=(
            DeptRef(department="county.natural-resources", written="乌鲁木齐县自然资源局"),
            DeptRef(department="county.agriculture-rural", written="乌鲁木齐县农业农村局"),
        ),
        upstream_duties=_text("负责设施农业用地备案审核；", "负责设施农业用地监督检查。"),
        township_duties=_text("配合做好设施农业用地备案材料收集；", "配合开展日常巡查。"),
    )
    ex.move(item, ListKind.COOPERATIVE, cooperative, "基本转配合：设施农业用地备案和监管")

    item = ex.item(ListKind.BASIC, 30)
    parts = []
    for name in ("负责人口普查、农业普查工作", "负责经济普查等调查统计工作"):
        parts.append(attrs.evolve(item, id=ex.mint(name), name=name))
    kind, at = ex.where(item.id)
    ex.lists[kind][at : at + 1] = parts
    ex.expect("split", (item.id,), tuple(sorted(p.id for p in parts)), "分设：普查工作分为两项")

    first, second = ex.item(ListKind.BASIC, 84), ex.item(ListKind.BASIC, 85)
    name = "落实林长制、河湖长制，加强林草资源保护，开展宣传、巡查及线索上报工作"
    merged = attrs.evolve(first, id=ex.mint(name), name=name)
    ex.lists[ListKind.BASIC].remove(second)
    ex.put_at(first, merged)
    ex.expect(
        "merged",
        tuple(sorted((first.id, second.id))),
        (merged.id,),
        "合并：林长制与河湖长制两项合为一项",
    )

    item = ex.put(attrs.evolve(ex.item(ListKind.BASIC, 126), page=12))
    ex.pair("repaged", item, "页码变化：第 11 页 → 第 12 页")


def _common(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "number": item.number,
        "category": item.category,
        "name": item.name,
        "starred": item.starred,
        "page": item.page,
    }


def _department_edits(ex: Example) -> None:
    item = ex.item(ListKind.COOPERATIVE, 19)
    refs = item.departments
    ex.put(attrs.evolve(item, departments=(refs[1], refs[0])))
    ex.pair(
        "lead_department_changed",
        item,
        "牵头部门调整：县公安局牵头",
        refs[0].department,
        refs[1].department,
    )

    item = ex.item(ListKind.COOPERATIVE, 28)
    added = DeptRef(department="county.forestry-grassland", written="乌鲁木齐县林业和草原局")
    ex.put(attrs.evolve(item, departments=(*item.departments, added)))
    ex.pair("department_added", item, "增加部门：县林业和草原局", added.department)

    item = ex.item(ListKind.COOPERATIVE, 54)
    ex.put(attrs.evolve(item, departments=item.departments[:1]))
    ex.pair("department_removed", item, "减少部门：县财政局", item.departments[1].department)

    item = ex.item(ListKind.COOPERATIVE, 36)
    new_ref = DeptRef(department=DATA.id, written=DATA.name)
    block = item.upstream_duties.blocks[1]
    heading = Heading(
        number=2, title="县数据局", departments=(DeptRef(department=DATA.id, written="县数据局"),)
    )
    upstream = DutyText(
        blocks=(item.upstream_duties.blocks[0], attrs.evolve(block, heading=heading))
    )
    ex.put(attrs.evolve(item, departments=(item.departments[0], new_ref), upstream_duties=upstream))
    ex.pair(
        "department_reassigned",
        item,
        "部门调整：县委网信办 → 县数据局（示例新设部门）",
        "county.party.cyberspace",
        DATA.id,
    )
    ex.pair(
        "block_reassigned",
        item,
        "上级部门职责第二块转由县数据局承担",
        "upstream_duties",
        ["county.party.cyberspace"],
        [DATA.id],
    )

    item = ex.item(ListKind.COOPERATIVE, 66)
    ref = attrs.evolve(item.departments[0], written="乌鲁木齐县交通局")
    ex.put(attrs.evolve(item, departments=(ref,)))
    ex.pair("wording", item, "表述调整：县交通运输局写作县交通局（同一部门）", "departments")


def _text_edits(ex: Example) -> None:
    item = ex.item(ListKind.COOPERATIVE, 1)
    block = item.township_duties.blocks[0]
    old_step = block.steps[1]
    new_text = "做好代表推荐人选的考察、公示和材料报送。"
    steps = (block.steps[0], attrs.evolve(old_step, text=new_text))
    township = DutyText(blocks=(attrs.evolve(block, steps=steps),))
    ex.put(attrs.evolve(item, township_duties=township, starred=False))
    ex.pair("star_cleared", item, "取消★")
    ex.pair(
        "step_reworded",
        item,
        "乡镇配合职责第 2 步改写",
        "township_duties",
        old_step.text,
        new_text,
    )

    item = ex.item(ListKind.COOPERATIVE, 23)
    block = item.township_duties.blocks[0]
    added = "配合开展犬只登记和狂犬病免疫宣传。"
    steps = (*block.steps, Step(number=len(block.steps) + 1, text=added))
    township = DutyText(blocks=(attrs.evolve(block, steps=steps),))
    ex.put(attrs.evolve(item, township_duties=township))
    ex.pair("step_added", item, "乡镇配合职责增加一步", "township_duties", added)

    item = ex.item(ListKind.COOPERATIVE, 51)
    block = item.upstream_duties.blocks[0]
    gone = block.steps[1]
    upstream = DutyText(
        blocks=(attrs.evolve(block, steps=(attrs.evolve(block.steps[0], number=None),)),)
    )
    ex.put(attrs.evolve(item, upstream_duties=upstream))
    ex.pair("step_removed", item, "上级部门职责删去一步", "upstream_duties", gone.text)

    item = ex.item(ListKind.COOPERATIVE, 13)
    blocks = list(item.upstream_duties.blocks)
    blocks[1] = attrs.evolve(
        blocks[1], heading=attrs.evolve(blocks[1].heading, title="预防接种工作")
    )
    ex.put(attrs.evolve(item, upstream_duties=DutyText(blocks=tuple(blocks))))
    ex.pair(
        "block_retitled", item, "职责块标题：预防疫苗接种工作 → 预防接种工作", "upstream_duties"
    )

    item = ex.item(ListKind.COOPERATIVE, 24)
    blocks = [b for b in item.upstream_duties.blocks if b.heading.title != "动物疫苗管理工作"]
    blocks = [
        attrs.evolve(b, heading=attrs.evolve(b.heading, number=n)) for n, b in enumerate(blocks, 1)
    ]
    ex.put(attrs.evolve(item, upstream_duties=DutyText(blocks=tuple(blocks))))
    ex.pair("block_removed", item, "上级部门职责删去“动物疫苗管理工作”一块", "upstream_duties")

    item = ex.item(ListKind.COOPERATIVE, 87)
    ref = DeptRef(department="county.market-regulation", written="县市场监督管理局")
    heading = Heading(number=5, title=ref.written, departments=(ref,))
    block = Block(
        heading=heading, lead=None, steps=(Step(number=None, text="负责燃气具产品质量监督。"),)
    )
    upstream = DutyText(blocks=(*item.upstream_duties.blocks, block))
    ex.put(attrs.evolve(item, upstream_duties=upstream))
    ex.pair("block_added", item, "上级部门职责增加县市场监督管理局一块", "upstream_duties")

    item = ex.item(ListKind.RECALLED, 1)
    entry = item.receivers[0]
    method = "对违规领取80岁（含）以上高龄老人津贴的核查与追缴。"
    ex.put(attrs.evolve(item, receivers=(attrs.evolve(entry, method=method),)))
    ex.pair("step_reworded", item, "工作方式改写", "method", entry.method, method)


def _list_edits(ex: Example) -> None:
    item = ex.put(attrs.evolve(ex.item(ListKind.COOPERATIVE, 64), starred=True))
    ex.pair("star_set", item, "加注★：安全住房保障工作")

    item = ex.item(ListKind.COOPERATIVE, 58)
    ex.move(item, ListKind.BASIC, BasicItem(**_common(item)), "配合转基本：水土保持宣传教育")

    item = ex.item(ListKind.RECALLED, 11)
    ex.move(
        item, ListKind.BASIC, BasicItem(**_common(item)), "下放（收回 → 基本）：地名命名、更名审批"
    )

    item = ex.item(ListKind.RECALLED, 12)
    cooperative = CooperativeItem(
        **_common(item),
        departments=item.receivers[0].departments,
        upstream_duties=_text("负责对戒断三年未复吸人员的检测、管控。"),
        township_duties=_text("配合派出所做好人员摸排和信息报送。"),
    )
    ex.move(item, ListKind.COOPERATIVE, cooperative, "下放（收回 → 配合）：明减暗增的示例")

    name = "配合开展农村饮水安全巡查"
    added = CooperativeItem(
        id=ex.mint(name),
        number=0,
        category="自然资源",
        name=name,
        departments=(DeptRef(department="county.water", written="乌鲁木齐县水务局"),),
        upstream_duties=_text("负责农村饮水工程运行管理。"),
        township_duties=_text("配合开展饮水安全日常巡查；", "及时上报饮水安全隐患。"),
        page=66,
    )
    ex.lists[ListKind.COOPERATIVE].append(added)
    ex.expect("added", (), (added.id,), "增加：配合开展农村饮水安全巡查")


def _preamble(
    seed: Edition,
    lists: dict[ListKind, tuple[Any, ...]],
    cover: tuple[str, str] = ("2025年1月", "2026年1月"),
    note: str = NOTE,
) -> Any:
    """The seed's preamble with the lists' declared totals, the cover's date and the note.

    The note becomes a section 四、示例说明, or replaces it where the seed has one.
    """
    preamble = seed.preamble
    declarations = []
    paragraphs = list(preamble.sections[2].paragraphs)
    for index, declared in enumerate(preamble.declarations):
        items = lists[declared.list]
        categories = tuple(dict.fromkeys(i.category for i in items))  # in order of first use
        departments = None
        if declared.department_count is not None:
            departments = len({r.department for i in items for r in i.departments})
        declarations.append(
            attrs.evolve(
                declared,
                categories=categories,
                category_count=len(categories),
                item_count=len(items),
                department_count=departments,
            )
        )
        text = paragraphs[index]
        text = re.sub(
            r"包括.+?\d+ 个类别", f"包括{'、'.join(categories)} {len(categories)} 个类别", text
        )
        text = re.sub(r"(\d+) 项", f"{len(items)} 项", text)
        if departments is not None:
            text = re.sub(r"涉及 \d+ 个部门", f"涉及 {departments} 个部门", text)
        paragraphs[index] = text
    sections = list(preamble.sections)
    sections[2] = attrs.evolve(sections[2], paragraphs=tuple(paragraphs))
    section = PreambleSection(title="四、示例说明", paragraphs=(note,))
    if sections[-1].title == section.title:
        sections[-1] = section
    else:
        sections.append(section)
    title_lines = tuple(cover[1] if line == cover[0] else line for line in preamble.title_lines)
    return attrs.evolve(
        preamble,
        title_lines=title_lines,
        sections=tuple(sections),
        declarations=tuple(declarations),
    )


def make(seed: Edition) -> tuple[Edition, dict[str, Any]]:
    """Return the illustrative edition and its manifest."""
    ex = Example(seed)
    _basic_edits(ex)
    _department_edits(ex)
    _text_edits(ex)
    _list_edits(ex)
    original = {i.id: i for i in seed.items()}
    lists = {}
    for kind, items in ex.lists.items():
        numbered = tuple(attrs.evolve(item, number=n) for n, item in enumerate(items, 1))
        lists[kind] = numbered
        for item in numbered:
            before = original.get(item.id)
            if before is not None and list_of(before) is kind and before.number != item.number:
                ex.pair("renumbered", item, "序号随增删顺延")
    meta = attrs.evolve(
        seed.meta,
        date="2026-01",
        status=EditionStatus.ILLUSTRATIVE,
        source=EditionSource(description=SOURCE),
        namespace=ex.namespace,
        note=NOTE,
    )
    edition = Edition(
        meta=meta,
        preamble=_preamble(seed, lists),
        departments=(*seed.departments, DATA),
        basic=lists[ListKind.BASIC],
        cooperative=lists[ListKind.COOPERATIVE],
        recalled=lists[ListKind.RECALLED],
    )
    ex.expect("meta", (), (), "版本信息：日期、状态、说明、编号空间")
    ex.expect("preamble", (), (), "封面日期、清单内容的统计、示例说明")
    ex.expect("registry", (), (), "部门名录增加县数据局（示例）")
    new_items = {i.id: i for i in edition.items()}

    def places(ids: tuple[str, ...], where: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"id": i, "list": list_of(where[i]).value, "number": where[i].number} for i in ids]

    changes = [
        {
            "kind": e["kind"],
            "old": places(e["old"], original),
            "new": places(e["new"], new_items),
            "detail": e["detail"],
            "edit": e["edit"],
        }
        for e in ex.entries
    ]
    manifest = {
        "format": "dutyledger.example-manifest/1",
        "note": NOTE,
        "source": SOURCE,
        "old": "editions/2025-01.json",
        "new": "examples/2026-01-illustrative.json",
        "changes": changes,
    }
    return edition, manifest


def main() -> int:
    """Write the example edition and its manifest; return 0."""
    edition, manifest = make(load_edition(SEED))
    OUT.write_text(dump_edition(edition), encoding="utf-8")
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} and {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
