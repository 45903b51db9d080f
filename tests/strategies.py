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

import json
from pathlib import Path
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
    Direction,
    DutyText,
    Edition,
    EditionMeta,
    EditionSource,
    EditionStatus,
    Heading,
    Jurisdiction,
    ListDeclaration,
    ListKind,
    Note,
    Notes,
    Preamble,
    PreambleSection,
    RecalledItem,
    RecallEntry,
    Signoff,
    Step,
)
from dutyledger._edition.records import list_of
from dutyledger._published.assemble import derive_namespace
from dutyledger._published.assemble import mint_id as _mint_id

__all__ = [
    "CATEGORIES",
    "CORRUPTION_KINDS",
    "EDIT_KINDS",
    "HAN",
    "HOSTILE",
    "MUTATIONS",
    "TERMINATORS",
    "Corruption",
    "EditScript",
    "Signature",
    "corruptions",
    "departments",
    "duty_texts",
    "edit_scripts",
    "edition_chains",
    "editions",
    "han_text",
    "mutated_files",
    "note_texts",
    "notes",
    "signature",
    "with_distinct_names",
    "with_minted_ids",
    "with_near_duplicate_names",
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


def hostile_text(max_size: int = 24) -> st.SearchStrategy[str]:
    """Any text a loaded edition can hold: controls, ESC sequences, surrogates, markup, formulas."""
    pieces = st.one_of(
        st.text(max_size=max_size),
        st.text(st.characters(codec=None, categories=("Cc", "Cs", "Co", "Cn")), max_size=4),
        st.sampled_from(
            [
                "\x1b]0;title\x07",
                "\x1b[2J",
                "\u009b31m",
                "\r",
                "\r\n",
                "\ufeff",
                "\ufffe",
                "\ud800",
                "<script>alert(1)</script>",
                '=HYPERLINK("http://x")',
                "+1",
                "-1",
                "@SUM(A1)",
                "\t=1",
                "| a | b |",
                "]]>",
                "&amp;",
            ]
        ),
    )
    return st.lists(pieces, min_size=1, max_size=4).map("".join)


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
    sizes = {
        ListKind.BASIC: draw(st.integers(1, max_items)),
        ListKind.COOPERATIVE: draw(st.integers(0, max_items)),
        ListKind.RECALLED: draw(st.integers(0, max_items)),
    }
    # Three items a page; each list starts on the page after the last one's end, as
    # the contents say (DL406).
    first_pages: dict[ListKind, int] = {}
    next_page = 1
    for kind, size in sizes.items():
        first_pages[kind] = next_page
        next_page += (size + 2) // 3

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

    basic = tuple(
        BasicItem(**common(ListKind.BASIC, n)) for n in range(1, sizes[ListKind.BASIC] + 1)
    )
    cooperative = tuple(
        CooperativeItem(
            **common(ListKind.COOPERATIVE, n),
            departments=_refs(draw, registry),
            upstream_duties=draw(duty_texts(registry)),
            township_duties=draw(duty_texts(registry)),
        )
        for n in range(1, sizes[ListKind.COOPERATIVE] + 1)
    )
    recalled = tuple(
        RecalledItem(**common(ListKind.RECALLED, n), receivers=draw(_recall_entries(registry)))
        for n in range(1, sizes[ListKind.RECALLED] + 1)
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


# --- corruptions: one random fault in a valid edition, for `check` -------------------------


@attrs.frozen(kw_only=True)
class Corruption:
    """What :func:`corruptions` did to an edition, and the item a finding must name.

    Attributes:
        kind: ``delete``, ``duplicate``, ``renumber``, ``category``, ``department``
            or ``blank``.
        list: The list of the item.
        number: The item's 序号 before the corruption.
        item_id: The item's id; ``None`` for ``delete`` (the item is gone, so a
            finding names it by list and 序号).
    """

    kind: str
    list: ListKind
    number: int
    item_id: str | None


CORRUPTION_KINDS = ("delete", "duplicate", "renumber", "category", "department", "blank")


def _with_items(edition: Edition, kind: ListKind, items: tuple[Any, ...]) -> Edition:
    if kind is ListKind.BASIC:
        return attrs.evolve(edition, basic=items)
    if kind is ListKind.COOPERATIVE:
        return attrs.evolve(edition, cooperative=items)
    return attrs.evolve(edition, recalled=items)


def _misspell(draw: st.DrawFn, edition: Edition, ref: DeptRef) -> DeptRef:
    names = edition.department(ref.department).names()
    written = draw(
        st.builds(
            lambda extra, at: ref.written[:at] + extra + ref.written[at:],
            st.sampled_from(HAN),
            st.integers(0, len(ref.written)),
        ).filter(lambda w: w not in names)
    )
    return attrs.evolve(ref, written=written)


def _misspell_item(draw: st.DrawFn, edition: Edition, item: Any) -> Any:
    """Misspell one department mention of a cooperative or recalled item."""
    if isinstance(item, RecalledItem):
        e = draw(st.integers(0, len(item.receivers) - 1))
        entry = item.receivers[e]
        d = draw(st.integers(0, len(entry.departments) - 1))
        refs = list(entry.departments)
        refs[d] = _misspell(draw, edition, refs[d])
        receivers = list(item.receivers)
        receivers[e] = attrs.evolve(entry, departments=tuple(refs))
        return attrs.evolve(item, receivers=tuple(receivers))
    places: list[tuple[str, int]] = [("departments", -1)]
    for name in ("upstream_duties", "township_duties"):
        for at, block in enumerate(getattr(item, name).blocks):
            if block.heading is not None and block.heading.departments:
                places.append((name, at))
    column, b = draw(st.sampled_from(places))
    if b < 0:
        d = draw(st.integers(0, len(item.departments) - 1))
        refs = list(item.departments)
        refs[d] = _misspell(draw, edition, refs[d])
        return attrs.evolve(item, departments=tuple(refs))
    text = getattr(item, column)
    blocks = list(text.blocks)
    heading = blocks[b].heading
    d = draw(st.integers(0, len(heading.departments) - 1))
    refs = list(heading.departments)
    refs[d] = _misspell(draw, edition, refs[d])
    blocks[b] = attrs.evolve(blocks[b], heading=attrs.evolve(heading, departments=tuple(refs)))
    return attrs.evolve(item, **{column: attrs.evolve(text, blocks=tuple(blocks))})


def _blank_duty_text(draw: st.DrawFn, text: DutyText) -> DutyText:
    b = draw(st.integers(0, len(text.blocks) - 1))
    block = text.blocks[b]
    targets = ["step"]
    targets += ["heading"] if block.heading is not None else []
    targets += ["lead"] if block.lead is not None else []
    target = draw(st.sampled_from(targets))
    if target == "heading":
        assert block.heading is not None
        block = attrs.evolve(block, heading=attrs.evolve(block.heading, title=""))
    elif target == "lead":
        block = attrs.evolve(block, lead="")
    else:
        s = draw(st.integers(0, len(block.steps) - 1))
        steps = list(block.steps)
        steps[s] = attrs.evolve(steps[s], text="")
        block = attrs.evolve(block, steps=tuple(steps))
    blocks = list(text.blocks)
    blocks[b] = block
    return attrs.evolve(text, blocks=tuple(blocks))


def _blank_item(draw: st.DrawFn, item: Any) -> Any:
    """Blank one text of an item: its name, its category, or a piece of a longer text."""
    fields = ["name", "category"]
    if isinstance(item, CooperativeItem):
        fields += ["upstream_duties", "township_duties"]
    if isinstance(item, RecalledItem):
        fields += ["method"]
    field = draw(st.sampled_from(fields))
    if field in ("name", "category"):
        return attrs.evolve(item, **{field: ""})
    if field == "method":
        e = draw(st.integers(0, len(item.receivers) - 1))
        receivers = list(item.receivers)
        receivers[e] = attrs.evolve(receivers[e], method="")
        return attrs.evolve(item, receivers=tuple(receivers))
    return attrs.evolve(item, **{field: _blank_duty_text(draw, getattr(item, field))})


@st.composite
def corruptions(draw: st.DrawFn, max_items: int = 6) -> tuple[Edition, Corruption]:
    """A valid edition (see :func:`editions`) with exactly one fault put in.

    The fault is one of :data:`CORRUPTION_KINDS`: delete, duplicate or renumber
    an item; give it a category the preamble does not declare; misspell one of
    its department mentions; blank one of its texts. ``check`` must report it
    with a finding that names the item (its id, or its list and 序号).
    """
    edition = draw(editions(max_items=max_items))
    kind = draw(st.sampled_from(CORRUPTION_KINDS))
    if kind == "department":
        lists = [k for k in (ListKind.COOPERATIVE, ListKind.RECALLED) if edition.items(k)]
        if not lists:
            kind = "blank"
    if kind != "department":
        lists = [k for k in ListKind if edition.items(k)]
    which = draw(st.sampled_from(lists))
    items = list(edition.items(which))
    index = draw(st.integers(0, len(items) - 1))
    item = items[index]
    done = Corruption(kind=kind, list=which, number=item.number, item_id=item.id)
    if kind == "delete":
        del items[index]
        done = attrs.evolve(done, item_id=None)
    elif kind == "duplicate":
        items.insert(index + 1, item)
    elif kind == "renumber":
        number = draw(st.integers(-2, len(items) + 5).filter(lambda n: n != item.number))
        items[index] = attrs.evolve(item, number=number)
    elif kind == "category":
        declared = {c for d in edition.preamble.declarations for c in d.categories}
        category = draw(han_text(2, 6).filter(lambda c: c not in declared))
        items[index] = attrs.evolve(item, category=category)
    elif kind == "department":
        items[index] = _misspell_item(draw, edition, item)
    else:
        items[index] = _blank_item(draw, item)
    return _with_items(edition, which, tuple(items)), done


# --- edit scripts: known edits to an edition, for `diff` ----------------------------------

Signature = tuple[str, tuple[str, ...], tuple[str, ...], tuple[Any, ...]]
"""A change told by kind, old ids, new ids and what is particular to it (see :func:`signature`)."""

EDIT_KINDS = (
    "star",
    "recategorise",
    "rename",
    "move",
    "reassign",
    "lead",
    "alias",
    "reword",
    "add_step",
    "remove_step",
    "move_block",
    "split",
    "merge",
    "add",
    "remove",
    "reorder",
    "renumber",
)


def signature(change: Any) -> Signature:
    """Tell a change record by what an edit script can know of it: ids, kind, details."""
    old = tuple(sorted(i.id for i in change.old_items()))
    new = tuple(sorted(i.id for i in change.new_items()))
    detail: tuple[Any, ...] = ()
    kind = change.kind
    if kind == "moved":
        detail = (change.direction.value,)
    elif kind in ("department_added", "department_removed"):
        detail = (change.department.department,)
    elif kind in ("department_reassigned", "lead_department_changed"):
        detail = (change.old_department.department, change.new_department.department)
    elif kind in ("step_added", "step_removed"):
        detail = (change.column.value, change.text)
    elif kind == "step_reworded":
        detail = (change.column.value, change.old_text, change.new_text)
    elif kind == "block_reassigned":
        detail = (
            change.column.value,
            tuple(r.department for r in change.old_departments),
            tuple(r.department for r in change.new_departments),
        )
    elif kind in ("wording", "block_added", "block_removed", "block_retitled"):
        detail = (change.column.value,)
    elif kind == "reordered":
        detail = (change.list.value,)
    return (kind, old, new, detail)


_CHUNK = 16
_ALPHABET = HAN + "，、（）“”"


def _in_chunk(text: str, chunk: int) -> str:
    letters = HAN[chunk * _CHUNK : (chunk + 1) * _CHUNK]
    return "".join(letters[_ALPHABET.index(c) % _CHUNK] for c in text)


def with_distinct_names(edition: Edition) -> Edition:
    """Write each item's name in its own letters, so no two items' names share a character.

    Hypothesis likes names such as 的的的的 and 的的的了, which are alike enough
    that an edit to one could truly be read as an edit to the other. Edit
    scripts start from editions where that cannot happen; what an edit does
    is then unambiguous, and ``diff`` must recover it exactly.
    """
    counter = iter(range(len(edition.items())))

    def rename(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(attrs.evolve(i, name=_in_chunk(i.name, next(counter))) for i in items)

    renamed = attrs.evolve(
        edition,
        basic=rename(edition.basic),
        cooperative=rename(edition.cooperative),
        recalled=rename(edition.recalled),
    )
    return with_minted_ids(renamed)


@attrs.frozen(kw_only=True)
class EditScript:
    """An edition, the same after a sequence of known edits, and the changes expected.

    Attributes:
        old: The edition before.
        new: The edition after.
        edits: The edits made, as ``kind`` or ``kind:item-id``.
        expected: The signature of every change ``diff(old, new)`` must give.
    """

    old: Edition
    new: Edition
    edits: tuple[str, ...]
    expected: tuple[Signature, ...]


class _Work:
    """The lists being edited, and what each edit promised."""

    def __init__(self, edition: Edition, draw: st.DrawFn) -> None:
        self.edition = edition
        self.draw = draw
        self.lists: dict[ListKind, list[Any]] = {k: list(edition.items(k)) for k in ListKind}
        self.original = {i.id: i for i in edition.items()}
        self.done: dict[str, set[str]] = {i.id: set() for i in edition.items()}
        self.locked: set[str] = set()
        self.expected: list[Signature] = []
        self.edits: list[str] = []
        self.fresh_chunk = len(edition.items())
        self.renumber: dict[ListKind, int] = {}
        self.taken = {i.id for i in edition.items()}

    def find(self, item_id: str) -> tuple[ListKind, int]:
        for kind, items in self.lists.items():
            for at, item in enumerate(items):
                if item.id == item_id:
                    return kind, at
        raise KeyError(item_id)

    def put(self, item: Any) -> None:
        kind, at = self.find(item.id)
        self.lists[kind][at] = item

    def pick(self, edit: str, where: Any = None, exclusive: tuple[str, ...] = ()) -> Any:
        """An original item, still there, not yet edited by ``edit`` or ``exclusive``."""
        ok = []
        for kind in ListKind:
            for item in self.lists[kind]:
                done = self.done.get(item.id)
                if done is None or item.id in self.locked or edit in done:
                    continue
                if done & set(exclusive) or (where is not None and not where(item)):
                    continue
                ok.append(item)
        if not ok:
            return None
        return self.draw(st.sampled_from(ok))

    def note(self, edit: str, item: Any, *sigs: Signature) -> None:
        self.done[item.id].add(edit)
        self.edits.append(f"{edit}:{item.id}")
        self.expected.extend(sigs)

    def fresh_name(self, length: int = 6) -> str:
        self.fresh_chunk += 1
        return _in_chunk(
            self.draw(st.text(_ALPHABET, min_size=length, max_size=length)), self.fresh_chunk
        )

    def mint(self, name: str) -> str:
        return _mint_id(self.edition.meta.namespace, name, self.taken)


def _pair_sig(kind: str, item: Any, *detail: Any) -> Signature:
    return (kind, (item.id,), (item.id,), tuple(detail))


_DEPT_EDITS = ("move", "reassign", "lead", "alias")
_SHAPE = ("move", "split", "merge")


def _new_item_of(work: _Work, kind: ListKind, **common: Any) -> Any:
    registry = work.edition.departments
    if kind is ListKind.BASIC:
        return BasicItem(**common)
    if kind is ListKind.COOPERATIVE:
        return CooperativeItem(
            **common,
            departments=_refs(work.draw, registry),
            upstream_duties=work.draw(duty_texts(registry)),
            township_duties=work.draw(duty_texts(registry)),
        )
    return RecalledItem(**common, receivers=work.draw(_recall_entries(registry)))


def _common(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "number": item.number,
        "category": item.category,
        "name": item.name,
        "starred": item.starred,
        "page": item.page,
    }


def _flat_once(item: Any) -> list[tuple[int, int]]:
    """Places (entry, index) of the departments a recalled item names exactly once."""
    ids = [r.department for r in item.departments]
    return [
        (e, d)
        for e, entry in enumerate(item.receivers)
        for d, ref in enumerate(entry.departments)
        if ids.count(ref.department) == 1
    ]


def _set_ref(item: Any, place: tuple[int, int], ref: DeptRef) -> Any:
    if isinstance(item, CooperativeItem):
        refs = list(item.departments)
        refs[place[1]] = ref
        return attrs.evolve(item, departments=tuple(refs))
    e, d = place
    receivers = list(item.receivers)
    refs = list(receivers[e].departments)
    refs[d] = ref
    receivers[e] = attrs.evolve(receivers[e], departments=tuple(refs))
    return attrs.evolve(item, receivers=tuple(receivers))


def _ref_places(item: Any) -> list[tuple[int, int]]:
    if isinstance(item, CooperativeItem):
        return [(0, d) for d in range(len(item.departments))]
    if isinstance(item, RecalledItem):
        return _flat_once(item)
    return []


def _ref_at(item: Any, place: tuple[int, int]) -> DeptRef:
    if isinstance(item, CooperativeItem):
        ref: DeptRef = item.departments[place[1]]
        return ref
    found: DeptRef = item.receivers[place[0]].departments[place[1]]
    return found


def _edit_departments(work: _Work, edit: str) -> None:
    registry = work.edition.departments
    draw = work.draw
    if edit == "lead":
        item = work.pick(
            edit, lambda i: isinstance(i, CooperativeItem) and len(i.departments) > 1, _DEPT_EDITS
        )
        if item is None:
            return
        k = draw(st.integers(1, len(item.departments) - 1))
        refs = list(item.departments)
        refs[0], refs[k] = refs[k], refs[0]
        work.put(attrs.evolve(item, departments=tuple(refs)))
        sig = _pair_sig(
            "lead_department_changed", item, item.departments[0].department, refs[0].department
        )
        work.note(edit, item, sig)
        return
    if edit == "reassign":
        item = work.pick(
            edit,
            lambda i: (
                bool(_ref_places(i)) and len({r.department for r in i.departments}) < len(registry)
            ),
            _DEPT_EDITS,
        )
        if item is None:
            return
        place = draw(st.sampled_from(_ref_places(item)))
        before = _ref_at(item, place)
        named = {r.department for r in item.departments}
        target = draw(st.sampled_from([d for d in registry if d.id not in named]))
        after = DeptRef(department=target.id, written=draw(st.sampled_from(target.names())))
        work.put(_set_ref(item, place, after))
        work.note(
            edit, item, _pair_sig("department_reassigned", item, before.department, target.id)
        )
        return

    # alias: the same department written another way
    def respellable(i: Any) -> bool:
        return any(
            len(work.edition.department(_ref_at(i, p).department).names()) > 1
            for p in _ref_places(i)
        )

    item = work.pick(edit, respellable, _DEPT_EDITS)
    if item is None:
        return
    places = [
        p
        for p in _ref_places(item)
        if len(work.edition.department(_ref_at(item, p).department).names()) > 1
    ]
    place = draw(st.sampled_from(places))
    before = _ref_at(item, place)
    names = [n for n in work.edition.department(before.department).names() if n != before.written]
    work.put(_set_ref(item, place, attrs.evolve(before, written=draw(st.sampled_from(names)))))
    work.note(edit, item, _pair_sig("wording", item, "departments"))


def _texts_of(item: Any) -> list[str]:
    if isinstance(item, CooperativeItem):
        return ["upstream_duties", "township_duties"]
    if isinstance(item, RecalledItem):
        return ["method"]
    return []


def _insert_letter(draw: st.DrawFn, text: str) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(HAN)) + text[at:]


def _edit_method(work: _Work, item: Any) -> Signature | None:
    """Reword the 工作方式 of one receiver entry."""
    methods = [e.method for e in item.receivers]
    e = work.draw(st.integers(0, len(methods) - 1))
    new_text = _insert_letter(work.draw, methods[e])
    if new_text in methods:
        return None
    receivers = list(item.receivers)
    receivers[e] = attrs.evolve(receivers[e], method=new_text)
    work.put(attrs.evolve(item, receivers=tuple(receivers)))
    return _pair_sig("step_reworded", item, "method", methods[e], new_text)


def _edit_steps(
    work: _Work, edit: str, item: Any, column: str, steps: list[Step]
) -> Signature | None:
    """Reword, add or remove a step of ``steps`` (in place)."""
    texts = [s.text for s in steps]
    if edit == "reword":
        s = work.draw(st.integers(0, len(steps) - 1))
        new_text = _insert_letter(work.draw, texts[s])
        if new_text in texts:
            return None
        steps[s] = attrs.evolve(steps[s], text=new_text)
        return _pair_sig("step_reworded", item, column, texts[s], new_text)
    if edit == "add_step":
        new_text = work.draw(han_text(3, 12)) + "。"
        if new_text in texts:
            return None
        steps.insert(work.draw(st.integers(0, len(steps))), Step(number=None, text=new_text))
        return _pair_sig("step_added", item, column, new_text)
    if len(steps) < 2:
        return None
    gone = steps.pop(work.draw(st.integers(0, len(steps) - 1)))
    return _pair_sig("step_removed", item, column, gone.text)


def _move_block(
    work: _Work, item: Any, column: str, blocks: list[Block], b: int
) -> Signature | None:
    """Give block ``b`` (in place) to a department no heading of the text names."""
    heading = blocks[b].heading
    if heading is None or not heading.departments:
        return None
    keys = [frozenset(r.department for r in bl.heading.departments) for bl in blocks if bl.heading]
    if keys.count(frozenset(r.department for r in heading.departments)) > 1:
        return None
    used = set().union(*keys)
    free = [d for d in work.edition.departments if d.id not in used]
    if not free:
        return None
    target = work.draw(st.sampled_from(free))
    ref = DeptRef(department=target.id, written=work.draw(st.sampled_from(target.names())))
    new_heading = Heading(number=heading.number, title=ref.written, departments=(ref,))
    blocks[b] = attrs.evolve(blocks[b], heading=new_heading)
    old_ids = tuple(r.department for r in heading.departments)
    return _pair_sig("block_reassigned", item, column, old_ids, (target.id,))


def _edit_text(work: _Work, edit: str) -> None:
    """One edit of a duty text (or 工作方式): reword, add or remove a step, move a block."""
    item = work.pick(
        edit, lambda i: any(f"text:{c}" not in work.done[i.id] for c in _texts_of(i)), ("move",)
    )
    if item is None:
        return
    free = [c for c in _texts_of(item) if f"text:{c}" not in work.done[item.id]]
    column = work.draw(st.sampled_from(free))
    if column == "method":
        sig = _edit_method(work, item) if edit == "reword" else None
    else:
        text: DutyText = getattr(item, column)
        blocks = list(text.blocks)
        headed = [at for at, bl in enumerate(blocks) if bl.heading and bl.heading.departments]
        choices = headed if edit == "move_block" and headed else range(len(blocks))
        b = work.draw(st.sampled_from(choices))
        steps = list(blocks[b].steps)
        numbered = steps[0].number is not None
        if edit == "move_block":
            sig = _move_block(work, item, column, blocks, b)
        else:
            sig = _edit_steps(work, edit, item, column, steps)
        if numbered:
            steps = [attrs.evolve(s, number=n) for n, s in enumerate(steps, 1)]
        blocks[b] = attrs.evolve(blocks[b], steps=tuple(steps))
        if sig is not None:
            work.put(attrs.evolve(item, **{column: attrs.evolve(text, blocks=tuple(blocks))}))
    if sig is not None:
        work.note(f"text:{column}", item, sig)
        work.edits[-1] = f"{edit}:{item.id}"


def _edit_item(work: _Work, edit: str) -> None:
    """Edits of a whole item: star, category, name, list; split, merge, add, remove."""
    draw = work.draw
    if edit == "star":
        item = work.pick(edit)
        if item is not None:
            work.put(attrs.evolve(item, starred=not item.starred))
            work.note(edit, item, _pair_sig("star_cleared" if item.starred else "star_set", item))
    elif edit == "recategorise":
        item = work.pick(edit)
        if item is not None:
            category = draw(st.sampled_from([c for c in CATEGORIES if c != item.category]))
            work.put(attrs.evolve(item, category=category))
            work.note(edit, item, _pair_sig("recategorised", item))
    elif edit == "rename":
        item = work.pick(edit)
        if item is not None:
            chunk = HAN[list(work.original).index(item.id) * _CHUNK :][:_CHUNK]
            at = draw(st.integers(0, len(item.name)))
            name = item.name[:at] + draw(st.text(chunk, min_size=1, max_size=2)) + item.name[at:]
            work.put(attrs.evolve(item, name=name))
            work.note(edit, item, _pair_sig("renamed", item))
    elif edit == "move":
        item = work.pick(
            edit,
            None,
            (
                "reassign",
                "lead",
                "alias",
                "text:upstream_duties",
                "text:township_duties",
                "text:method",
            ),
        )
        if item is not None:
            source, at = work.find(item.id)
            target = draw(st.sampled_from([k for k in ListKind if k is not source]))
            del work.lists[source][at]
            moved = _new_item_of(work, target, **_common(item))
            work.lists[target].append(moved)
            direction = Direction.between(source, target).value
            work.note(edit, item, _pair_sig("moved", item, direction))
            work.done[item.id].update(_DEPT_EDITS)
    else:
        _edit_shape(work, edit)


def _edit_shape(work: _Work, edit: str) -> None:
    draw = work.draw
    if edit == "remove":
        item = work.pick(edit, lambda i: not work.done[i.id])
        if item is not None:
            kind, at = work.find(item.id)
            del work.lists[kind][at]
            work.note(edit, item, ("removed", (item.id,), (), ()))
            work.locked.add(item.id)
    elif edit == "add":
        kind = draw(st.sampled_from(ListKind))
        name = work.fresh_name(draw(st.integers(4, 10)))
        common = {
            "id": work.mint(name),
            "number": 0,
            "category": draw(st.sampled_from(CATEGORIES)),
            "name": name,
            "starred": draw(st.booleans()),
            "page": None,
        }
        item = _new_item_of(work, kind, **common)
        work.lists[kind].insert(draw(st.integers(0, len(work.lists[kind]))), item)
        work.edits.append(f"add:{item.id}")
        work.expected.append(("added", (), (item.id,), ()))
    elif edit == "split":
        item = work.pick(edit, lambda i: not work.done[i.id] and len(set(i.name)) > 3)
        if item is None:
            return
        k = draw(st.integers(2, len(item.name) - 2))
        names = (item.name[:k], item.name[k:])
        existing = {i.name for items in work.lists.values() for i in items}
        if names[0] == names[1] or existing & set(names):
            return
        kind, at = work.find(item.id)
        parts = [attrs.evolve(item, id=work.mint(n), name=n) for n in names]
        work.lists[kind][at : at + 1] = parts
        work.note(edit, item, ("split", (item.id,), tuple(sorted(p.id for p in parts)), ()))
        work.locked.add(item.id)
    elif edit == "merge":
        first = work.pick(edit, lambda i: not work.done[i.id])
        if first is None:
            return
        work.locked.add(first.id)
        second = work.pick(edit, lambda i: not work.done[i.id])
        if second is None:
            work.locked.discard(first.id)
            return
        name = first.name + second.name
        merged = attrs.evolve(first, id=work.mint(name), name=name)
        kind, at = work.find(second.id)
        del work.lists[kind][at]
        kind, at = work.find(first.id)
        work.lists[kind][at] = merged
        work.note(edit, first, ("merged", tuple(sorted((first.id, second.id))), (merged.id,), ()))
        work.done[second.id].add(edit)
        work.locked.update((first.id, second.id))
    elif edit == "reorder":
        kind = draw(st.sampled_from(ListKind))
        work.lists[kind] = draw(st.permutations(work.lists[kind]))
        work.edits.append(f"reorder:{kind.value}")
    else:  # renumber: leave a gap in a list's 序号
        kind = draw(st.sampled_from(ListKind))
        work.renumber[kind] = draw(st.integers(0, max(0, len(work.lists[kind]) - 1)))
        work.edits.append(f"renumber:{kind.value}")


def _finish(work: _Work) -> Edition:
    """Number each list 1, 2, … (with any gap asked for); expect every 序号 that changed."""
    lists: dict[ListKind, tuple[Any, ...]] = {}
    for kind, items in work.lists.items():
        gap = work.renumber.get(kind)
        numbered = []
        for at, item in enumerate(items):
            number = at + 1 + (1 if gap is not None and at >= gap else 0)
            numbered.append(attrs.evolve(item, number=number))
            before = work.original.get(item.id)
            if before is not None and list_of(before) is kind and before.number != number:
                work.expected.append(_pair_sig("renumbered", item))
        lists[kind] = tuple(numbered)
    return attrs.evolve(
        work.edition,
        basic=lists[ListKind.BASIC],
        cooperative=lists[ListKind.COOPERATIVE],
        recalled=lists[ListKind.RECALLED],
    )


@st.composite
def edit_scripts(draw: st.DrawFn, max_items: int = 6, max_edits: int = 6) -> EditScript:
    """An edition (names distinct, see :func:`with_distinct_names`) and a sequence of known edits.

    The edits (:data:`EDIT_KINDS`) are made in turn, each on an item the
    earlier ones left fit for it: an item is moved at most once, gets at most
    one department edit and one edit per duty text, and an item split, merged
    or removed is not touched again. Lists are numbered 1, 2, … afterwards, so
    reordering, adding or removing items renumbers others, which the expected
    changes include.
    """
    edition = with_distinct_names(draw(editions(max_items=max_items)))
    return _edit_round(draw, edition, max_edits)


def _edit_round(
    draw: st.DrawFn, edition: Edition, max_edits: int, fresh_chunk: int | None = None
) -> EditScript:
    """Edits made in turn to ``edition`` (see :func:`edit_scripts`)."""
    work = _Work(edition, draw)
    if fresh_chunk is not None:
        work.fresh_chunk = fresh_chunk
    for edit in draw(st.lists(st.sampled_from(EDIT_KINDS), min_size=1, max_size=max_edits)):
        if edit in ("reassign", "lead", "alias"):
            _edit_departments(work, edit)
        elif edit in ("reword", "add_step", "remove_step", "move_block"):
            _edit_text(work, edit)
        else:
            _edit_item(work, edit)
    new = _finish(work)
    return EditScript(
        old=edition, new=new, edits=tuple(work.edits), expected=tuple(sorted(work.expected))
    )


@st.composite
def edition_chains(
    draw: st.DrawFn, length: int = 3, max_items: int = 4, max_edits: int = 4
) -> tuple[Edition, ...]:
    """Editions one after another, each made from the one before by known edits.

    The first is drawn as for :func:`edit_scripts`; each next one applies
    another round of edits (new names in letters no earlier item used) and
    takes a later date, so the chain is a ledger: ordered, one township,
    ids carried from edition to edition.
    """
    first = with_distinct_names(draw(editions(max_items=max_items)))
    chain = [first]
    year = int(first.meta.date[:4])
    for step in range(1, length):
        fresh = 3 * max_items + max_edits * (step - 1)  # past every chunk used so far
        after = _edit_round(draw, chain[-1], max_edits, fresh_chunk=fresh).new
        date = f"{year + step}-{first.meta.date[5:7]}"
        chain.append(attrs.evolve(after, meta=attrs.evolve(after.meta, date=date)))
    return tuple(chain)


# --- notes ----------------------------------------------------------------------------------

HOSTILE = (
    '=cmd|"/c calc"!A1',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "<b>粗</b>&amp;",
    "**加粗**_斜_`代码`|表|",
    "[bold red]警告[/bold red] [link=http://x]链接[/link]",
    "{title}{0}%s",
    "\\x07",
    "乌编办发〔2025〕12号" * 300,
)
"""Texts a note may hold that a renderer must keep inert: formulas, markup, escapes, length."""

_NOTE_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\ufffe\uffff\x85",
)


def note_texts(*, max_size: int = 40, lines: bool = True) -> st.SearchStrategy[str]:
    """A note's text as the form gives it back: no control character, no surrounding blanks.

    Any printable character (Han, Latin, full-width, emoji), the hostile texts
    of :data:`HOSTILE`, and line breaks inside the text when ``lines``.
    """
    alphabet = (
        st.one_of(_NOTE_ALPHABET, st.sampled_from(HAN), st.just("\n")) if lines else _NOTE_ALPHABET
    )
    drawn = st.text(alphabet, max_size=max_size) | st.sampled_from(HOSTILE)
    return drawn.map(lambda t: "\n".join(line.strip() for line in t.strip().split("\n")).strip())


def _signoffs() -> st.SearchStrategy[Signoff | None]:
    return st.none() | st.builds(
        Signoff, by=note_texts(max_size=8, lines=False).filter(bool), date=st.dates()
    )


@st.composite
def notes(
    draw: st.DrawFn, keys: tuple[tuple[str, str], ...] | None = None, jurisdiction: Any = None
) -> Notes:
    """Notes that survive every form: for the given ``(key, 调整类型)`` pairs, or made-up ones.

    Each note has something written in it (a blank row of the form is no
    note), and each citation is one line without surrounding blanks.
    """
    from dutyledger._changes.adjustments import ADJUSTMENT_KINDS

    if keys is None:
        ids = st.text("abcdef0123456789", min_size=4, max_size=8).map(lambda t: f"ns-{t}")
        pairs = st.tuples(
            st.lists(ids, min_size=1, max_size=3, unique=True).map(lambda x: "+".join(sorted(x))),
            st.sampled_from(ADJUSTMENT_KINDS),
        )
        keys = tuple(draw(st.lists(pairs, max_size=5, unique=True)))
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys))) if keys else []
    made = []
    for key, kind in chosen:
        reason = draw(note_texts().filter(bool))
        made.append(
            Note(
                key=key,
                kind=kind,  # type: ignore[arg-type]  # drawn from ADJUSTMENT_KINDS
                name=draw(note_texts()),
                reason=reason,
                basis=tuple(draw(st.lists(note_texts(lines=False).filter(bool), max_size=3))),
                proposer=draw(note_texts(max_size=12, lines=False)),
                opinions=draw(note_texts()),
                remarks=draw(note_texts()),
                reviewed=draw(_signoffs()),
                approved=draw(_signoffs()),
            )
        )
    where = jurisdiction or Jurisdiction(
        province="新疆维吾尔自治区", city="乌鲁木齐市", county="乌鲁木齐县", township="甘沟乡"
    )
    return Notes(
        jurisdiction=where,
        old=draw(st.sampled_from(("2025-01", "2025-06-30"))),
        new=draw(st.sampled_from(("2026-01", "2026-12-31"))),
        illustrative=draw(st.booleans()),
        notes=tuple(made),
    )


# --- JSON mutations: one small fault in an edition file, for the load paths ---------------

MUTATIONS = ("drop", "extra", "retype", "duplicate", "colon", "negative")


def _containers(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every object and array in parsed JSON, the root first."""
    found = [path] if isinstance(data, dict | list) else []
    children = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in children:
        found += _containers(value, (*path, key))
    return found


@st.composite
def mutated_files(draw: st.DrawFn, max_items: int = 6) -> tuple[Edition, bytes, str]:
    """A canonical edition file with one of :data:`MUTATIONS` put in, and its edition.

    Returns the edition drawn, the bytes of the file after the mutation and the
    mutation's name: a field dropped, an unknown field added, a value of the
    wrong type, a key written twice, a colon in a text, a negative number. The
    file may still be valid (a dropped field may have a default; a duplicated
    key repeats its value), so tests compare the loaders rather than expect
    an error.
    """
    import json

    from dutyledger import dump_edition

    edition = draw(editions(max_items=max_items))
    data = json.loads(dump_edition(edition))
    kind = draw(st.sampled_from(MUTATIONS))
    objects = [p for p in _containers(data) if isinstance(_at(data, p), dict)]
    path = draw(st.sampled_from(objects))
    target = _at(data, path)
    key = draw(st.sampled_from(sorted(target))) if target else None
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if kind == "drop" and key is not None:
        del target[key]
    elif kind == "extra":
        target["unknown_field"] = draw(st.sampled_from([None, 1, "x", [], {}]))
    elif kind == "retype" and key is not None:
        target[key] = draw(st.sampled_from([None, 0, -1, True, 1.5, "1", [], {}, ["x"]]))
    elif kind == "negative":
        ints = [k for k, v in target.items() if type(v) is int]
        if ints:
            target[draw(st.sampled_from(ints))] = -draw(st.integers(1, 3))
    elif kind == "colon":
        texts = [k for k, v in target.items() if type(v) is str]
        if texts:
            k = draw(st.sampled_from(texts))
            target[k] = target[k] + ":"
    if kind == "duplicate" and key is not None:
        # Write the key twice by hand: json cannot. The first value is a decoy.
        inner = json.dumps({key: "decoy"}, ensure_ascii=False)[1:-1]
        needle = json.dumps(key, ensure_ascii=False) + ": "
        at = text.find(needle)
        text = text[:at] + inner + ", " + text[at:]
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return edition, text.encode("utf-8"), kind


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def with_near_duplicate_names(draw: st.DrawFn, max_items: int = 12) -> Edition:
    """An edition (see :func:`editions`) where some names copy another name, nearly or exactly.

    Each copy takes one, two or three edits (a character put in, taken out or
    replaced, anywhere) or none, so pairs fall on both sides of the DL404
    threshold; copies may land in another list.
    """
    edition = draw(editions(max_items=max_items))
    lists = {kind: list(edition.items(kind)) for kind in ListKind}
    places = [(kind, i) for kind in ListKind for i in range(len(lists[kind]))]
    if len(places) < 2:
        return edition
    for _ in range(draw(st.integers(1, max(1, len(places) // 2)))):
        source_kind, source = draw(st.sampled_from(places))
        kind, target = draw(st.sampled_from(places))
        name = lists[source_kind][source].name * draw(st.sampled_from([1, 1, 1, 2]))
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(name)))
            edit = draw(st.sampled_from(["insert", "delete", "replace"]))
            char = draw(st.sampled_from(HAN))
            if edit == "insert" or len(name) < 2:
                name = name[:at] + char + name[at:]
            elif edit == "delete":
                name = name[: max(at - 1, 0)] + name[max(at, 1) :]
            else:
                name = name[: max(at - 1, 0)] + char + name[max(at, 1) :]
        lists[kind][target] = attrs.evolve(lists[kind][target], name=name)
    for kind in ListKind:
        edition = _with_items(edition, kind, tuple(lists[kind]))
    return edition


def _small_seed_edition() -> dict[str, Any]:
    """The committed 2025-01 edition with two items per list (a small canonical file)."""
    data: dict[str, Any] = json.loads(
        (Path(__file__).parent.parent / "editions" / "2025-01.json").read_text("utf-8")
    )
    for key in ("basic", "cooperative", "recalled"):
        data[key] = data[key][:2]
    return data


def mutated_editions() -> st.SearchStrategy[str]:
    """Canonical edition text after one or two structure-aware mutations (``fuzz.mutations``).

    A wrong type at any path, a key dropped or added, an array entry repeated,
    hostile text in a string; written in the canonical layout, so that a file
    ``load_edition`` accepts must be exactly what ``dump_edition`` writes back.
    """
    from fuzz.mutations import DrawChooser, mutate_document

    seed = _small_seed_edition()

    @st.composite
    def build(draw: st.DrawFn) -> str:
        edits = draw(st.integers(1, 2))
        document = mutate_document(seed, DrawChooser(draw), edits=edits)
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    return build()
