"""Every text of an edition, with its path and words for where it stands.

The empty-text rule and the lints walk the same texts, so the walk is written
once. Each :class:`Text` knows the item it belongs to (if any), how to name its
place in Chinese and in English, and its *cell*: the unit a reader sees as one
text (an item's name, a whole duty text, a preamble paragraph), which is what
"mixed punctuation within one text" is judged on.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from dutyledger._checks.base import ItemRef, Subject, quote
from dutyledger._checks.findings import Location
from dutyledger._edition.duty_text import numeral
from dutyledger._edition.records import CooperativeItem, DutyText, RecalledItem

__all__ = ["Text", "texts"]

_COLUMNS = {
    "upstream_duties": ("上级部门职责", "the upstream duties"),
    "township_duties": ("乡镇配合职责", "the township duties"),
}


@attrs.frozen(kw_only=True)
class Text:
    """One text of an edition.

    Attributes:
        path: Its JSON path.
        value: The text.
        item: The item it belongs to, or ``None`` for the preamble and registry.
        field_zh: Where it stands in the item or edition, in Chinese.
        field_en: The same, in English.
        cell: The JSON path of the cell it is part of.
        prose: Whether it is written prose that the lints read (not an id, a
            namespace or a department's registered spelling).
    """

    path: str
    value: str
    item: ItemRef | None
    field_zh: str
    field_en: str
    cell: str
    prose: bool = True

    @property
    def where_zh(self) -> str:
        """The text's place in Chinese words, naming the item."""
        return f"{self.item.zh}的{self.field_zh}" if self.item else self.field_zh

    @property
    def where_en(self) -> str:
        """The text's place in English words, naming the item."""
        return f"{self.item.en}, {self.field_en}" if self.item else self.field_en

    def location(self) -> Location:
        """Its location, with the item's id, list and 序号 where it has an item."""
        if self.item is None:
            return Location(path=self.path)
        return attrs.evolve(self.item.location(), path=self.path)


def _numeral(index: int) -> str:
    return numeral(index + 1)


def _duty_texts(ref: ItemRef, column: str, text: DutyText) -> Iterator[Text]:
    zh, en = _COLUMNS[column]
    cell = f"{ref.path}.{column}"
    several = len(text.blocks) > 1
    for b, block in enumerate(text.blocks):
        where = f"{cell}.blocks[{b}]"
        block_zh = f"{zh}（{_numeral(b)}）" if several else zh
        block_en = f"part {b + 1} of {en}" if several else en
        if block.heading is not None:
            yield Text(
                path=f"{where}.heading.title",
                value=block.heading.title,
                item=ref,
                field_zh=f"{block_zh}的标题",
                field_en=f"the heading of {block_en}",
                cell=cell,
            )
        if block.lead is not None:
            yield Text(
                path=f"{where}.lead",
                value=block.lead,
                item=ref,
                field_zh=f"{block_zh}的引语",
                field_en=f"the lead of {block_en}",
                cell=cell,
            )
        for s, step in enumerate(block.steps):
            number = step.number if step.number is not None else s + 1
            yield Text(
                path=f"{where}.steps[{s}].text",
                value=step.text,
                item=ref,
                field_zh=f"{block_zh}第{number}条",
                field_en=f"step {number} of {block_en}",
                cell=cell,
            )


def _item_texts(ref: ItemRef) -> Iterator[Text]:
    item = ref.item
    yield Text(
        path=f"{ref.path}.id",
        value=item.id,
        item=ref,
        field_zh="事项标识",
        field_en="the id",
        cell=f"{ref.path}.id",
        prose=False,
    )
    for key, zh, en in (
        ("category", "事项类别", "the category"),
        ("name", "事项名称", "the name"),
    ):
        path = f"{ref.path}.{key}"
        value = getattr(item, key)
        yield Text(path=path, value=value, item=ref, field_zh=zh, field_en=en, cell=path)
    if isinstance(item, CooperativeItem):
        yield from _duty_texts(ref, "upstream_duties", item.upstream_duties)
        yield from _duty_texts(ref, "township_duties", item.township_duties)
    elif isinstance(item, RecalledItem):
        several = len(item.receivers) > 1
        for e, entry in enumerate(item.receivers):
            path = f"{ref.path}.receivers[{e}].method"
            yield Text(
                path=path,
                value=entry.method,
                item=ref,
                field_zh=f"第{e + 1}项承接的工作方式" if several else "工作方式",
                field_en=f"work method {e + 1}" if several else "the work method",
                cell=path,
            )


def _edition_texts(subject: Subject) -> Iterator[Text]:
    edition = subject.edition
    meta, preamble = edition.meta, edition.preamble

    def text(path: str, value: str, zh: str, en: str, *, prose: bool = True) -> Text:
        return Text(
            path=path, value=value, item=None, field_zh=zh, field_en=en, cell=path, prose=prose
        )

    yield text("$.meta.title", meta.title, "标题", "the title")
    for level, zh in (("province", "省"), ("city", "市"), ("county", "县"), ("township", "乡镇")):
        path = f"$.meta.jurisdiction.{level}"
        yield text(path, getattr(meta.jurisdiction, level), f"所属{zh}", f"the {level}")
    yield text("$.meta.source.description", meta.source.description, "来源说明", "the source")
    if meta.note is not None:
        yield text("$.meta.note", meta.note, "版本说明", "the note")
    yield text("$.meta.namespace", meta.namespace, "标识前缀", "the id namespace", prose=False)
    for i, line in enumerate(preamble.title_lines):
        yield text(f"$.preamble.title_lines[{i}]", line, f"封面第{i + 1}行", f"cover line {i + 1}")
    for s, section in enumerate(preamble.sections):
        where = f"$.preamble.sections[{s}]"
        yield text(
            f"{where}.title",
            section.title,
            f"说明第{s + 1}节的标题",
            f"preamble section {s + 1}, title",
        )
        for p, paragraph in enumerate(section.paragraphs):
            yield text(
                f"{where}.paragraphs[{p}]",
                paragraph,
                f"说明「{quote(section.title, 20)}」第{p + 1}段",
                f'preamble section "{quote(section.title, 20)}", paragraph {p + 1}',
            )
    for d, declaration in enumerate(preamble.declarations):
        for c, category in enumerate(declaration.categories):
            yield text(
                f"$.preamble.declarations[{d}].categories[{c}]",
                category,
                f"说明对{declaration.list.title}声明的第{c + 1}个类别",
                f"category {c + 1} the preamble declares for the {declaration.list.value} list",
            )
    for c, entry in enumerate(preamble.contents):
        yield text(
            f"$.preamble.contents[{c}].title",
            entry.title,
            f"目录第{c + 1}行",
            f"contents line {c + 1}",
        )
    for d, dept in enumerate(edition.departments):
        where = f"$.departments[{d}]"
        zh, en = f"部门名录第{d + 1}项", f"department {d + 1} of the registry"
        yield text(f"{where}.id", dept.id, f"{zh}的标识", f"{en}, id", prose=False)
        yield text(f"{where}.name", dept.name, f"{zh}的名称", f"{en}, name", prose=False)
        for kind, names in (("short_names", dept.short_names), ("aliases", dept.aliases)):
            for n, name in enumerate(names):
                yield text(
                    f"{where}.{kind}[{n}]", name, f"{zh}的写法", f"{en}, spelling", prose=False
                )


def texts(subject: Subject, *, methods: bool = True) -> Iterator[Text]:
    """Every text of the edition: metadata, preamble, registry, items.

    Args:
        subject: The edition under check.
        methods: Include the recalled items' work methods (the empty-text rule
            leaves them to the rule on work methods).
    """
    yield from _edition_texts(subject)
    for ref in subject.items():
        for text in _item_texts(ref):
            if methods or not text.path.endswith(".method"):
                yield text
