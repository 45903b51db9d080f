"""Make the illustrative 2027-01 edition of 甘沟乡 from the illustrative 2026-01 edition.

HYPOTHETICAL. Like ``make_example.py`` (which makes 2026-01 from the official
2025-01), this script makes a third, made-up edition so that the three form a
ledger with a history worth reading (``dutyledger log``, ``dutyledger
timeline``, docs/ledger.md). It is not, and must never be taken for, an
official text (status ``illustrative``; its note and preamble say so).

The edits, each chosen for a pattern the ledger and its checks tell:

* 下放: the duty taken back (上收) in 2026-01 comes back down as a 配合 item —
  taken back and devolved within two editions, the 明减暗增 pattern (DL313);
* 基本转配合: a 基本 item becomes a 配合 item;
* 增加: 做好保密工作, removed in 2026-01, comes back under a new id (DL312);
* 名称调整: a part of the 2026-01 split (普查) is renamed, so its history
  runs through the split;
* 部门调整: a 配合 item's department is replaced;
* 取消: a 基本 item is removed.

It reuses the editing tools of ``make_example.py`` (beside it). Run from the
project root::

    .venv/bin/python examples/make_example_2027.py

It writes ``examples/2027-01-illustrative.json`` and
``2027-01-illustrative.manifest.json`` (the substantive changes the edits
make: kind, ids, and the edit). Deterministic: running it again gives the same
files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import attrs
from make_example import Example, _common, _preamble, _text

from dutyledger import (
    BasicItem,
    CooperativeItem,
    DeptRef,
    Edition,
    EditionSource,
    EditionStatus,
    ListKind,
    RecalledItem,
    dump_edition,
    load_edition,
)

ROOT = Path(__file__).resolve().parents[1]
FIRST = ROOT / "editions" / "2025-01.json"
SEED = ROOT / "examples" / "2026-01-illustrative.json"
OUT = ROOT / "examples" / "2027-01-illustrative.json"
MANIFEST = ROOT / "examples" / "2027-01-illustrative.manifest.json"
DATE = "2027-01"
NOTE = "假设的示例：据2026年1月示例清单再作改写，用以演示多个版本的历史，并非官方文本。"
SOURCE = (
    "Hypothetical, not official: examples/make_example_2027.py applies illustrative edits "
    "to the illustrative 2026-01 edition."
)


def _edits(ex: Example, first: Edition) -> None:
    taken_back = ex.by_id("72ff7b7a-8203d5e0")  # 上收 in 2026-01
    assert isinstance(taken_back, RecalledItem)
    devolved = CooperativeItem(
        **_common(taken_back),
        departments=taken_back.receivers[0].departments,
        upstream_duties=_text("负责村级财务代理记账的业务指导和监督。"),
        township_duties=_text("配合做好村级财务票据收集、审核和报账；", "配合做好村级财务公开。"),
    )
    ex.move(
        taken_back,
        ListKind.COOPERATIVE,
        devolved,
        "下放（收回 → 配合）：上收一年后又作为配合事项下放",
    )

    item = ex.by_id("72ff7b7a-91c601d3")  # 开展企业劳动争议调解，构建和谐劳动关系
    cooperative = CooperativeItem(
        **_common(item),
        departments=(
            DeptRef(
                department="county.human-resources-social-security",
                written="乌鲁木齐县人力资源和社会保障局",
            ),
        ),
        upstream_duties=_text("负责劳动人事争议仲裁和劳动保障监察。"),
        township_duties=_text("配合开展企业劳动争议调解和矛盾排查。"),
    )
    ex.move(item, ListKind.COOPERATIVE, cooperative, "基本转配合：企业劳动争议调解")

    gone = next(i for i in first.basic if i.id == "72ff7b7a-3d41491b")  # removed in 2026-01
    back = BasicItem(
        id=ex.mint(gone.name),
        number=0,
        category=gone.category,
        name=gone.name,
        page=gone.page,
    )
    ex.lists[ListKind.BASIC].append(back)
    ex.expect("added", (), (back.id,), "增加：做好保密工作（2026-01 取消，以新编号恢复）")

    item = ex.by_id("20c167b0-df3b74a7")  # 负责人口普查、农业普查工作 (a part of the 2026-01 split)
    ex.put(attrs.evolve(item, name="负责人口普查、农业普查和抽样调查工作"))
    ex.expect("renamed", (item.id,), (item.id,), "事项名称改写：分设后的普查事项增加抽样调查")

    item = ex.by_id("72ff7b7a-f4536acc")  # 科技创新企业培育
    assert isinstance(item, CooperativeItem)
    new_ref = DeptRef(department="county.development-reform", written="乌鲁木齐县发展和改革委员会")
    ex.put(attrs.evolve(item, departments=(new_ref,)))
    ex.expect(
        "department_reassigned",
        (item.id,),
        (item.id,),
        "部门调整：县科技局 → 县发展和改革委员会",
        item.departments[0].department,
        new_ref.department,
    )

    item = ex.by_id("72ff7b7a-07426abb")  # 开展重大行政决策、行政规范性文件合法性审查
    kind, at = ex.where(item.id)
    del ex.lists[kind][at]
    ex.expect("removed", (item.id,), (), "取消：重大行政决策合法性审查")


def make(seed: Edition, first: Edition) -> tuple[Edition, dict[str, Any]]:
    """Return the illustrative 2027-01 edition and its manifest."""
    ex = Example(seed, date=DATE)
    _edits(ex, first)
    lists = {
        kind: tuple(attrs.evolve(item, number=n) for n, item in enumerate(items, 1))
        for kind, items in ex.lists.items()
    }
    meta = attrs.evolve(
        seed.meta,
        date=DATE,
        status=EditionStatus.ILLUSTRATIVE,
        source=EditionSource(description=SOURCE),
        namespace=ex.namespace,
        note=NOTE,
    )
    edition = Edition(
        meta=meta,
        preamble=_preamble(seed, lists, cover=("2026年1月", "2027年1月"), note=NOTE),
        departments=seed.departments,
        basic=lists[ListKind.BASIC],
        cooperative=lists[ListKind.COOPERATIVE],
        recalled=lists[ListKind.RECALLED],
    )
    manifest = {
        "format": "dutyledger.example-manifest/1",
        "note": NOTE,
        "source": SOURCE,
        "old": "examples/2026-01-illustrative.json",
        "new": "examples/2027-01-illustrative.json",
        "substantive_only": True,
        "changes": ex.entries,
    }
    return edition, manifest


def main() -> int:
    """Write the example edition and its manifest; return 0."""
    edition, manifest = make(load_edition(SEED), load_edition(FIRST))
    OUT.write_text(dump_edition(edition), encoding="utf-8")
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} and {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
