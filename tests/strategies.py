"""Hypothesis strategies for editions, kept in one place for every test module.

``editions()`` draws valid editions in *canonical* form: every text is already
normalised (no whitespace inside Chinese text, no markup), duty texts have the
shape the published-text parser gives back, ids are minted the way ingest mints
them, and the preamble declares exactly what the lists hold. So for any drawn
edition ``e``::

    load_edition(dump_edition(e)) == e
    ingest_text(export_tsv(e), meta_from_edition(e)) == e

and ``check(e)`` finds no errors. Later features extend these strategies rather
than writing their own.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

from dutyledger import (
    BasicItem,
    Block,
    ContentsEntry,
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
    ListDeclaration,
    ListKind,
    Preamble,
    PreambleSection,
    RecalledItem,
    RecallEntry,
    Step,
)
from dutyledger._ingest import _mint_id, derive_namespace

__all__ = [
    "CATEGORIES",
    "HAN",
    "TERMINATORS",
    "departments",
    "duty_texts",
    "editions",
    "han_text",
    "with_minted_ids",
]

# Han characters that are neither numerals (一 … 十 start headings) nor the last
# character of a department name (局, 委 … make a heading look like one).
HAN = "的了是在人有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切章况护"
HAN = "".join(c for c in HAN if c not in "一二三四五六七八九十局委部办心联会院所队厅处县")
TERMINATORS = "；。"
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


def han_text(min_size: int = 1, max_size: int = 24) -> st.SearchStrategy[str]:
    """Chinese text in canonical form: Han characters and inner punctuation."""
    inner = st.text(alphabet=HAN + "，、（）“”", min_size=0, max_size=max_size)
    return st.builds(lambda first, rest: first + rest, st.sampled_from(HAN), inner).filter(
        lambda s: min_size <= len(s)
    )


def _clause() -> st.SearchStrategy[str]:
    return st.builds(lambda body, end: body + end, han_text(), st.sampled_from(TERMINATORS))


@st.composite
def departments(draw: st.DrawFn, min_size: int = 1, max_size: int = 6) -> tuple[Department, ...]:
    """A department registry: unique ids and spellings, some short forms and aliases."""
    count = draw(st.integers(min_size, max_size))
    roots = draw(
        st.lists(st.text(HAN, min_size=2, max_size=6), min_size=count, max_size=count, unique=True)
    )
    out = []
    for index, root in enumerate(roots):
        short = (f"县{root}局",) if draw(st.booleans()) else ()
        alias = (f"乌鲁木齐{root}局",) if draw(st.booleans()) else ()
        out.append(
            Department(
                id=f"dept.{index}", name=f"乌鲁木齐县{root}局", short_names=short, aliases=alias
            )
        )
    return tuple(out)


def _refs(
    draw: st.DrawFn, registry: tuple[Department, ...], max_size: int = 3
) -> tuple[DeptRef, ...]:
    chosen = draw(
        st.lists(st.sampled_from(registry), min_size=1, max_size=max_size, unique_by=lambda d: d.id)
    )
    return tuple(DeptRef(department=d.id, written=draw(st.sampled_from(d.names()))) for d in chosen)


@st.composite
def _block(draw: st.DrawFn, heading: Heading | None) -> Block:
    if draw(st.booleans()):  # numbered steps, maybe with a lead
        count = draw(st.integers(1, 5))
        lead = draw(st.none() | _clause().map(lambda s: s[:-1] + "："))
        texts = draw(st.lists(st.one_of(_clause(), han_text()), min_size=count, max_size=count))
        steps = tuple(Step(number=n, text=t) for n, t in enumerate(texts, 1))
        return Block(heading=heading, lead=lead, steps=steps)
    texts = draw(st.lists(_clause(), min_size=1, max_size=4))
    return Block(heading=heading, lead=None, steps=tuple(Step(number=None, text=t) for t in texts))


@st.composite
def duty_texts(draw: st.DrawFn, registry: tuple[Department, ...]) -> DutyText:
    """A duty text: one plain block, or blocks headed 一、二、… by department or topic."""
    if draw(st.booleans()):
        return DutyText(blocks=(draw(_block(None)),))
    count = draw(st.integers(1, 4))
    blocks = []
    for number in range(1, count + 1):
        if draw(st.booleans()):
            refs = _refs(draw, registry, 2)
            heading = Heading(
                number=number, title="、".join(r.written for r in refs), departments=refs
            )
        else:
            heading = Heading(number=number, title=draw(han_text(2, 12)))
        blocks.append(draw(_block(heading)))
    return DutyText(blocks=tuple(blocks))


@st.composite
def _recall_entries(draw: st.DrawFn, registry: tuple[Department, ...]) -> tuple[RecallEntry, ...]:
    count = draw(st.integers(1, 2))
    entries = []
    for index in range(count):
        method = draw(_clause() if index < count - 1 else st.one_of(_clause(), han_text()))
        entries.append(RecallEntry(departments=_refs(draw, registry, 2), method=method))
    return tuple(entries)


def _declaration_paragraph(
    kind: ListKind, items: tuple[Any, ...], registry_count: int | None
) -> str:
    categories = list(dict.fromkeys(i.category for i in items))
    text = f"{kind.title}是示例。主要包括{'、'.join(categories)} {len(categories)} 个类别 {len(items)} 项"
    if registry_count is not None:
        text += f"，涉及 {registry_count} 个部门（单位）"
    return text + "。"


def with_minted_ids(edition: Edition) -> Edition:
    """Give every item the id ingest would mint for it, in ingest order."""
    taken: set[str] = set()

    def mint(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            attrs.evolve(i, id=_mint_id(edition.meta.namespace, i.name, taken)) for i in items
        )

    return attrs.evolve(
        edition,
        basic=mint(edition.basic),
        cooperative=mint(edition.cooperative),
        recalled=mint(edition.recalled),
    )


@st.composite
def editions(draw: st.DrawFn, max_items: int = 6, status: EditionStatus | None = None) -> Edition:
    """A valid edition in canonical form (see the module docstring)."""
    registry = draw(departments())
    year, month = draw(st.integers(2020, 2030)), draw(st.integers(1, 12))
    date = f"{year}-{month:02d}"
    township = draw(han_text(2, 4)) + "乡"
    jurisdiction = Jurisdiction(
        province="新疆维吾尔自治区", city="乌鲁木齐市", county="乌鲁木齐县", township=township
    )
    names = iter(
        draw(st.lists(han_text(4, 30), min_size=3 * max_items, max_size=3 * max_items, unique=True))
    )
    paged = draw(st.booleans())
    first_pages = {ListKind.BASIC: 1, ListKind.COOPERATIVE: 5, ListKind.RECALLED: 9}

    def common(kind: ListKind, number: int) -> dict[str, Any]:
        page = first_pages[kind] + (number - 1) // 3 if paged else None
        return {
            "id": "",
            "number": number,
            "category": draw(st.sampled_from(CATEGORIES)),
            "name": next(names),
            "starred": draw(st.booleans()),
            "page": page,
        }

    def count(least: int = 0) -> int:
        return draw(st.integers(least, max_items))

    basic = tuple(BasicItem(**common(ListKind.BASIC, n)) for n in range(1, count(1) + 1))
    cooperative = tuple(
        CooperativeItem(
            **common(ListKind.COOPERATIVE, n),
            departments=_refs(draw, registry),
            upstream_duties=draw(duty_texts(registry)),
            township_duties=draw(duty_texts(registry)),
        )
        for n in range(1, count() + 1)
    )
    recalled = tuple(
        RecalledItem(**common(ListKind.RECALLED, n), receivers=draw(_recall_entries(registry)))
        for n in range(1, count() + 1)
    )
    lists: dict[ListKind, tuple[Any, ...]] = {
        ListKind.BASIC: basic,
        ListKind.COOPERATIVE: cooperative,
        ListKind.RECALLED: recalled,
    }
    paragraphs = []
    declarations = []
    for kind, items in lists.items():
        if not items:
            continue
        depts = None
        if kind is not ListKind.BASIC:
            depts = len({r.department for i in items for r in i.departments})
        paragraphs.append(_declaration_paragraph(kind, items, depts))
        categories = tuple(dict.fromkeys(i.category for i in items))
        declarations.append(
            ListDeclaration(
                list=kind,
                categories=categories,
                category_count=len(categories),
                item_count=len(items),
                department_count=depts,
            )
        )
    sections = (
        PreambleSection(title="一、基本情况", paragraphs=(draw(han_text(5, 40)) + "。",)),
        PreambleSection(title="二、清单内容", paragraphs=tuple(paragraphs)),
    )
    cover = (f"乌鲁木齐县{township}", "履职事项清单", f"{year}年{month}月")
    contents = (
        tuple(ContentsEntry(title=k.title, page=p) for k, p in first_pages.items()) if paged else ()
    )
    chosen_status = status or draw(st.sampled_from(EditionStatus))
    meta = EditionMeta(
        title=f"乌鲁木齐县{township}履职事项清单",
        jurisdiction=jurisdiction,
        date=date,
        status=chosen_status,
        source=EditionSource(description="hypothesis"),
        namespace=derive_namespace(jurisdiction, date),
        note="假设的示例，并非官方文本" if chosen_status is EditionStatus.ILLUSTRATIVE else None,
    )
    edition = Edition(
        meta=meta,
        preamble=Preamble(
            title_lines=cover,
            sections=sections,
            declarations=tuple(declarations),
            contents=contents,
        ),
        departments=registry,
        basic=basic,
        cooperative=cooperative,
        recalled=recalled,
    )
    return with_minted_ids(edition)
