"""Citations in notes: 发文字号 〔YYYY〕N号, 令第N号, and 《…》 titles, well-formed.

The forms are those of GB/T 9704-2012 (7.2.4 发文字号: the year in full, in
六角括号 〔〕; the serial number in Arabic digits, without 第 and without leading
zeros, followed by 号) and of the orders that promulgate regulations (国务院令第
588号, 中华人民共和国主席令第二十八号). A title in 《》 opens and closes; a title
inside a title takes 〈〉. Each problem names the fragment as written and the
form expected, so the writer can fix it in the notes file or the workbook.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

import attrs

__all__ = ["CitationProblem", "CitationRule", "citation_problems"]

CitationRule = Literal["document-number", "order-number", "title-marks"]
"""Which form a problem is about: 发文字号, 令第N号, or 《》."""

_OPEN = "[\\[［【(（〔〈<{｛]"
_CLOSE = "[\\]］】)）〕〉>}｝]"
_DOCUMENT = re.compile(
    rf"(?P<open>{_OPEN})\s*(?P<year>[0-9０-９]{{2,4}})\s*(?P<close>{_CLOSE})"
    r"\s*(?P<di>第?)\s*(?P<number>[0-9０-９]+)\s*(?P<hao>号?)"
)
_CN_DIGITS = "〇零一二三四五六七八九十百千"
_ORDER = re.compile(
    rf"令\s*(?P<di>第?)\s*(?P<number>[0-9０-９]+|[{_CN_DIGITS}]+)\s*(?P<hao>号?)(?P<next>.?)"
)
_NOT_ORDER_NEXT = set("条款项章节目")
_FULL_WIDTH_DIGITS = re.compile("[０-９]")
_ASCII_TITLES = re.compile(r"<<|>>|«|»")


@attrs.frozen(kw_only=True)
class CitationProblem:
    """A citation that is not in the expected form.

    Attributes:
        rule: Which form it breaks.
        fragment: The citation as written.
        zh: What is wrong, in Chinese.
        en: The same, in English.
    """

    rule: CitationRule
    fragment: str
    zh: str
    en: str


def _document_numbers(text: str) -> Iterator[CitationProblem]:
    for found in _DOCUMENT.finditer(text):
        fragment = found.group().strip()
        year, number = found.group("year"), found.group("number")
        zh: list[str] = []
        en: list[str] = []
        if found.group("open") != "〔" or found.group("close") != "〕":
            zh.append("年份应用六角括号〔〕括入")
            en.append("the year goes in 六角括号 〔〕")
        if _FULL_WIDTH_DIGITS.search(year + number):
            zh.append("年份和序号用半角阿拉伯数字")
            en.append("year and number in half-width Arabic digits")
        if len(year) != 4:
            zh.append("年份应标全称（四位）")
            en.append("the year in full (four digits)")
        if found.group("di"):
            zh.append("发文顺序号不加“第”字")
            en.append("no 第 before the serial number")
        if len(number) > 1 and number[0] in "0０":
            zh.append("发文顺序号不编虚位（1不编为01）")
            en.append("no leading zero in the serial number (1, not 01)")
        if not found.group("hao"):
            zh.append("发文顺序号后加“号”")
            en.append("号 after the serial number")
        if zh:
            expected = f"〔{year if len(year) == 4 else 'YYYY'}〕{number.lstrip('0０') or number}号"
            yield CitationProblem(
                rule="document-number",
                fragment=fragment,
                zh=f"文号「{fragment}」不规范：{'；'.join(zh)}（应为{expected}的形式）",
                en=f'document number "{fragment}" is not in the standard form: {"; ".join(en)} (expected like {expected})',
            )


def _order_numbers(text: str) -> Iterator[CitationProblem]:
    for found in _ORDER.finditer(text):
        if found.group("next") in _NOT_ORDER_NEXT:
            continue  # 令第3条 is an article, not an order
        has_di, has_hao = bool(found.group("di")), bool(found.group("hao"))
        if not (has_di or has_hao):
            continue  # a bare 令 and a number is no citation form we can tell
        fragment = found.group()[: -len(found.group("next")) or None].strip()
        number = found.group("number")
        zh: list[str] = []
        en: list[str] = []
        if not has_di:
            zh.append("令号前加“第”字")
            en.append("第 before the number")
        if not has_hao:
            zh.append("令号后加“号”")
            en.append("号 after the number")
        if _FULL_WIDTH_DIGITS.search(number):
            zh.append("令号用半角阿拉伯数字或汉字数字")
            en.append("the number in half-width Arabic or in Chinese numerals")
        if zh:
            yield CitationProblem(
                rule="order-number",
                fragment=fragment,
                zh=f"令号「{fragment}」不规范：{'；'.join(zh)}（应为“令第N号”）",
                en=f'order number "{fragment}" is not in the form 令第N号: {"; ".join(en)}',
            )


def _title_marks(text: str) -> Iterator[CitationProblem]:
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "《":
            if opened:
                fragment = text[opened[-1] : index + 1]
                yield CitationProblem(
                    rule="title-marks",
                    fragment=fragment,
                    zh=f"书名号「{fragment}」未闭合就又出现《；书名号内再用书名号时用〈〉",
                    en=f'"{fragment}": 《 opened again before the title closed; a title inside a title takes 〈〉',
                )
            opened.append(index)
        elif char == "》" and not opened:
            fragment = text[max(0, index - 12) : index + 1]
            yield CitationProblem(
                rule="title-marks",
                fragment=fragment,
                zh=f"「{fragment}」中的》没有对应的《",
                en=f'"{fragment}": 》 closes no 《',
            )
        elif char == "》" and opened.pop() == index - 1:
            yield CitationProblem(
                rule="title-marks",
                fragment="《》",
                zh="书名号《》中没有名称",
                en="a title mark 《》 with no title in it",
            )
    if opened:
        fragment = text[opened[0] : opened[0] + 13]
        yield CitationProblem(
            rule="title-marks",
            fragment=fragment,
            zh=f"书名号「{fragment}」没有闭合（缺》）",
            en=f'the title "{fragment}" is not closed (》 missing)',
        )
    for found in _ASCII_TITLES.finditer(text):
        yield CitationProblem(
            rule="title-marks",
            fragment=found.group(),
            zh=f"用「{found.group()}」标示名称；应使用书名号《》",
            en=f'"{found.group()}" used as a title mark; expected 《》',
        )


def citation_problems(text: str) -> list[CitationProblem]:
    """Every citation in a text that is not in its standard form.

    Args:
        text: A citation, or any text of a note that may hold citations.

    Returns:
        The problems, 文号 first, then 令号, then 《》, each in text order.
    """
    return [*_document_numbers(text), *_order_numbers(text), *_title_marks(text)]
