"""Structure-aware and byte-level mutations of dutyledger's inputs: the fuzz strategies.

One mutation engine, two drivers. Every mutation draws its choices from a
:class:`Chooser`: in pytest, :class:`DrawChooser` draws them through hypothesis
(so failures shrink and replay); in ``campaign.py``, :class:`RandomChooser`
draws them from a seeded :class:`random.Random` (a million cases with no
engine overhead, each replayable from its seed).

A document is mutated as data (a wrong type at any path, a key dropped or
added, an array entry dropped or repeated, hostile text spliced into a string)
and then as text: tokens that no Python value serialises to (``NaN``, ``-0``,
a 5,000-digit integer, nesting 10,000 deep, a duplicate key) stand in the data
as markers and are substituted into the JSON text. Byte mutations then flip,
insert, delete, repeat and cut bytes of the result.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

__all__ = [
    "HIDDEN_TEXTS",
    "HOSTILE_TEXTS",
    "Chooser",
    "DrawChooser",
    "RandomChooser",
    "document_bytes",
    "mutate_bytes",
    "mutate_document",
    "mutate_document_file",
    "mutate_lines",
    "mutate_strings",
    "mutate_workbook",
    "mutated_documents",
    "mutated_texts",
    "toml_table",
]

T = TypeVar("T")


class Chooser(Protocol):
    """Where a mutation gets its choices from."""

    def integer(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high``, both included."""
        ...

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options``."""
        ...


class RandomChooser:
    """Choices from a seeded :class:`random.Random` (the campaign driver)."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high``, both included."""
        return self._random.randint(low, high)

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options``."""
        return options[self._random.randrange(len(options))]


class DrawChooser:
    """Choices drawn through hypothesis (the pytest driver): they shrink and replay."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high``, both included."""
        return self._draw(st.integers(low, high))

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options``."""
        return options[self._draw(st.integers(0, len(options) - 1))]


HOSTILE_TEXTS: tuple[str, ...] = (
    "\x00",  # NUL
    "\ufeff",  # BOM
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u200b",  # ZERO WIDTH SPACE
    "\ud800",  # a lone high surrogate
    "\udfff",  # a lone low surrogate
    "１２３",  # full-width digits
    "²",  # superscript two
    "5²4",
    "①",  # circled one
    "⑳",
    "٣",  # Arabic-Indic three
    "\x1b[2J\x1b]0;title\x07",  # terminal escapes
    "\r",
    "\n",
    "\t",
    "\u2028",  # LINE SEPARATOR
    "\x7f",
    "★",
    "、",
    "：",
    "一、",
    "1.",
    "=1+1",
    "<script>alert(1)</script>",
    "甘沟乡",
    " ",
    "\u3000",  # ideographic space
    "𠀀",  # outside the BMP
)
"""Characters and short texts that break naive code: spliced into strings and lines."""

# Markers: serialised as JSON strings, then replaced in the text by tokens no value serialises to.
_RAW_TOKENS: tuple[str, ...] = (
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "1e400",
    "-1e400",
    "9" * 5000,
    "-" + "9" * 5000,
    str(2**53 + 1),
    str(-(2**63)),
    "[" * 10_000 + "]" * 10_000,
    "{" + '"a":{' * 5000 + "}" * 5001,
    "[" * 70 + "]" * 70,
    "1.0",
    "0.5e1",
    "true",
)
_MARK = "\ue000fuzz-raw-{}\ue000"
_SURROGATE = re.compile("[\ud800-\udfff]")
# A marker mutated in turn (text spliced into it) is no longer whole: it stays a plain string.
_MARKED = re.compile(
    f'"\ue000fuzz-raw-({"|".join(map(str, range(len(_RAW_TOKENS))))}|dup-[^"\ue000]*)\ue000"'
)


def _hostile_values(choose: Chooser) -> Any:  # noqa: PLR0911 (one return per kind reads best)
    """A value of any JSON type, often of the wrong one, sometimes hostile."""
    kind = choose.integer(0, 11)
    if kind == 0:
        return None
    if kind == 1:
        return choose.choice((True, False))
    if kind == 2:
        return choose.choice((0, 1, -1, 2, 10, 10**6, 2**31, 2**53, -(2**53)))
    if kind == 3:
        return choose.choice((0.5, -0.0, 1e300, 3.14, 1.0))
    if kind == 4:
        return choose.choice(HOSTILE_TEXTS)
    if kind == 5:
        return choose.choice(HOSTILE_TEXTS) * choose.integer(1, 3) + "甘沟乡"
    if kind == 6:
        length = choose.choice((1_000, 100_001, 1_000_000))
        return "长" * length
    if kind == 7:
        return []
    if kind == 8:
        return {}
    if kind == 9:
        return [choose.choice(HOSTILE_TEXTS)]
    if kind == 10:
        return {"id": choose.choice(HOSTILE_TEXTS), "x": []}
    return _MARK.format(choose.integer(0, len(_RAW_TOKENS) - 1))


def _random_place(document: Any, choose: Chooser) -> tuple[Any, Any] | None:
    """A (container, key) anywhere in a document: a random walk down from the root.

    Each step goes one level deeper three times in four, so every path can be
    reached, leaves as often as the shallow keys, in time proportional to the depth.
    """
    container = document
    while True:
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        if not keys:
            return None
        key = choose.choice(keys)
        child = container[key]
        if isinstance(child, dict | list) and child and choose.integer(0, 3) != 0:
            container = child
            continue
        return container, key


def _random_container(document: Any, choose: Chooser) -> Any:
    place = _random_place(document, choose)
    if place is None:
        return document
    container, key = place
    return container[key] if isinstance(container[key], dict | list) else container


def mutate_document(document: Any, choose: Chooser, edits: int | None = None) -> Any:
    """Return a copy of a JSON document with a few structural mutations.

    Args:
        document: Parsed JSON (not changed).
        choose: Where the choices come from.
        edits: How many mutations; 1 to 3 by default.

    Returns:
        The mutated copy; it may hold markers for :func:`document_bytes`.
    """
    doc = json.loads(json.dumps(document))
    for _ in range(edits if edits is not None else choose.integer(1, 3)):
        place = _random_place(doc, choose)
        if place is None:
            break
        action = choose.integer(0, 6)
        container, key = place
        if action <= 2:  # a value of another type (or a hostile one) at any path
            container[key] = _hostile_values(choose)
        elif action == 3:  # drop a key, or an array entry
            del container[key]
        elif action == 4:  # an unknown key, or an array entry repeated
            target = _random_container(doc, choose)
            if isinstance(target, dict):
                target[choose.choice(("extra", "", "id", "format", "\ufeffid"))] = _hostile_values(
                    choose
                )
            elif target:
                index = choose.integer(0, len(target) - 1)
                target.insert(index, json.loads(json.dumps(target[index])))
        elif action == 5 and isinstance(container[key], str):  # hostile text inside a string
            text = container[key]
            at = choose.integer(0, len(text))
            container[key] = text[:at] + choose.choice(HOSTILE_TEXTS) + text[at:]
        elif isinstance(container, dict):  # the same key twice
            container[_MARK.format(f"dup-{key}")] = _hostile_values(choose)
    return doc


def mutate_strings(document: Any, choose: Chooser, edits: int | None = None) -> Any:
    """Return a copy of a document with hostile text spliced into a few of its strings.

    The shape stays valid, so the document gets past the loader to what comes
    after it (check, diff, the renderers).
    """
    doc = json.loads(json.dumps(document))
    for _ in range(edits if edits is not None else choose.integer(1, 3)):
        for _attempt in range(8):
            place = _random_place(doc, choose)
            if place is not None and isinstance(place[0][place[1]], str):
                container, key = place
                text = container[key]
                at = choose.integer(0, len(text))
                container[key] = text[:at] + choose.choice(HOSTILE_TEXTS) + text[at:]
                break
    return doc


def document_bytes(document: Any) -> bytes:
    """Serialise a mutated document, substituting the raw tokens for their markers."""
    text = json.dumps(document, ensure_ascii=False)  # no indent: the C encoder
    # A lone surrogate is written as the escape JSON allows (\\ud800), not as invalid UTF-8.
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _MARKED.sub(_token, text).encode("utf-8", errors="surrogatepass")


def _token(found: re.Match[str]) -> str:
    name = found.group(1)
    if name.startswith("dup-"):
        return f'"{name[4:]}"'  # a key, already escaped as JSON: the duplicate of one
    return _RAW_TOKENS[int(name)]


def mutate_bytes(data: bytes, choose: Chooser, edits: int | None = None) -> bytes:
    """Return ``data`` with a few byte-level mutations (flip, insert, delete, repeat, cut)."""
    buffer = bytearray(data)
    for _ in range(edits if edits is not None else choose.integer(1, 4)):
        action = choose.integer(0, 6)
        at = choose.integer(0, len(buffer))
        if action == 0 and at < len(buffer):
            buffer[at] ^= 1 << choose.integer(0, 7)
        elif action == 1:
            insert = choose.choice(
                (b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\", b"\x00", b"\xff", b"\xe4\xb8")
            )
            buffer[at:at] = insert
        elif action == 2:
            del buffer[at : at + choose.integer(1, 64)]
        elif action == 3:
            chunk = buffer[at : at + choose.integer(1, 256)]
            buffer[at:at] = chunk
        elif action == 4:
            del buffer[at:]
        elif action == 5:
            buffer[0:0] = b"\xef\xbb\xbf"
        else:
            buffer[at:at] = choose.choice(HOSTILE_TEXTS).encode("utf-8", errors="surrogatepass")
    return bytes(buffer)


HIDDEN_TEXTS: tuple[str, ...] = tuple(
    t for t in HOSTILE_TEXTS if not any(c.isprintable() or c in "\t\n" for c in t)
)
"""The hostile texts made only of characters nobody sees (controls, format marks, surrogates)."""


def mutate_lines(
    text: str, choose: Chooser, edits: int | None = None, *, structural: bool = False
) -> str:
    """Return a published text with a few line-level and character-level mutations.

    Lines are dropped, repeated, swapped and split; hostile characters and
    digits of other scripts are spliced in; a tab (a cell boundary) is added
    or removed; a character is cut.

    With ``structural``, only damage is done, never a plausible edit of the
    text: lines are dropped, repeated, swapped or split only from the first
    table on (a paragraph of 说明 dropped is a different text, not a damaged
    one), characters are spliced in only if nobody can see them, and no
    visible character is cut, not even by composition: a piece of a split
    line is never dropped (the split then the drop would cut the end off a
    name, which is an edit, not damage). The silent-change test uses it.
    """
    lines = text.split("\n")
    pieces = [False] * len(lines)  # whether each line is a piece of a split line
    tables = next((i for i, line in enumerate(lines) if line == "基本履职事项清单"), 0)
    for _ in range(edits if edits is not None else choose.integer(1, 3)):
        if len(lines) <= tables:
            break
        action = choose.integer(0, 6 if structural else 7)
        low = tables if structural and action not in {4} else 0
        at = choose.integer(low, len(lines) - 1)
        line = lines[at]
        if action == 0:
            if not (structural and pieces[at]):
                del lines[at]
                del pieces[at]
        elif action == 1:
            lines.insert(at, line)
            pieces.insert(at, pieces[at])
        elif action == 2:
            other = choose.integer(low, len(lines) - 1)
            lines[at], lines[other] = lines[other], line
            pieces[at], pieces[other] = pieces[other], pieces[at]
        elif action == 3:
            cut = choose.integer(0, len(line))
            lines[at : at + 1] = [line[:cut], line[cut:]]
            pieces[at : at + 1] = [True, True]
        elif action == 4:
            cut = choose.integer(0, len(line))
            spliced = choose.choice(HIDDEN_TEXTS if structural else HOSTILE_TEXTS)
            lines[at] = line[:cut] + spliced + line[cut:]
        elif action == 5:
            lines[at] = line.replace("\t", "", 1) if "\t" in line else line + "\t"
        elif action == 6 and line[:1].isdigit():
            digits = len(line) - len(line.lstrip("0123456789"))
            lines[at] = choose.choice(("０", "²", "①", "٣", "0", "99999", "")) + line[digits:]
        elif not structural:
            cut = choose.integer(0, len(line))
            lines[at] = line[:cut] + line[cut + 1 :]
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
        )
    return '""'


def toml_table(choose: Chooser) -> bytes:
    """A ``pyproject.toml`` whose ``[tool.dutyledger.check]`` table is mutated or cut."""
    table: dict[str, Any] = {"disable": ["DL401"], "strict": False}
    table = mutate_document(table, choose)
    body = "\n".join(
        f"{json.dumps(key)} = {_toml_value(value)}"
        for key, value in table.items()
        if "\ue000" not in key
    )
    text = f'[project]\nname = "x"\n\n[tool.dutyledger.check]\n{body}\n'
    text = text.replace(json.dumps(_MARK.format(0))[1:-1], "nan")
    data = text.encode("utf-8", errors="surrogatepass")
    return mutate_bytes(data, choose) if choose.integer(0, 3) == 0 else data


def _with_chooser(build: Callable[[Chooser], T]) -> st.SearchStrategy[T]:
    @st.composite
    def strategy(draw: st.DrawFn) -> T:
        return build(DrawChooser(draw))

    return strategy()


def mutated_documents(seeds: Sequence[Any]) -> st.SearchStrategy[bytes]:
    """Bytes of a seed document mutated as data, then (one time in three) as bytes."""

    def build(choose: Chooser) -> bytes:
        data = document_bytes(mutate_document(choose.choice(seeds), choose))
        return mutate_bytes(data, choose) if choose.integer(0, 2) == 0 else data

    return _with_chooser(build)


def mutated_texts(seeds: Sequence[str]) -> st.SearchStrategy[str]:
    """A published text with line and character mutations."""
    return _with_chooser(lambda choose: mutate_lines(choose.choice(seeds), choose))


# --- office files ---------------------------------------------------------------------------

_OFFICE_TEXTS = (
    "",
    " ",
    "★",
    "１２",
    "①",
    "3.5",
    "=1+1",
    "序号",
    "事项名称",
    "基本履职事项清单",
    "配合履职事项清单",
    "一、县林草局：\n1.巡查；\n2.上报。",
    "乌鲁木齐县不存在局",
    "长" * 40_000,
)
"""Cell texts a staff file may hold, right or wrong (headers, marks, other digits, long)."""


def _cell_value(choose: Chooser) -> Any:
    kind = choose.integer(0, 5)
    if kind == 0:
        return None
    if kind == 1:
        return choose.choice((0, 1, -1, 2.5, 10**9, 99999999999999999999))
    if kind == 2:  # a lone surrogate cannot be written into a file (UTF-8): the file says U+FFFD
        return re.sub("[\ud800-\udfff]", "\ufffd", choose.choice(HOSTILE_TEXTS))
    return choose.choice(_OFFICE_TEXTS)


def mutate_workbook(data: bytes, choose: Chooser, edits: int | None = None) -> bytes:
    """An .xlsx with its cells, rows, merges and sheets damaged as staff and tools damage them."""
    import io

    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.load_workbook(io.BytesIO(data))
    for _ in range(edits if edits is not None else choose.integer(1, 4)):
        sheet = choose.choice(book.worksheets)
        rows, columns = max(sheet.max_row, 1), max(sheet.max_column, 1)
        row, column = choose.integer(1, rows + 1), choose.integer(1, columns + 1)
        edit = choose.integer(0, 6)
        try:
            if edit <= 2:
                sheet.cell(row=row, column=column).value = _cell_value(choose)
            elif edit == 3:
                sheet.delete_rows(row, choose.integer(1, 3))
            elif edit == 4:
                sheet.insert_rows(row, choose.integer(1, 2))
            elif edit == 5:
                sheet.merge_cells(
                    start_row=row,
                    start_column=column,
                    end_row=row + choose.integer(0, 3),
                    end_column=column + choose.integer(0, 1),
                )
            elif [w for w in book.worksheets if w is not sheet and w.sheet_state == "visible"]:
                book.remove(sheet)  # a sheet deleted (one visible sheet always stays)
                book.active = next(
                    k for k, w in enumerate(book.worksheets) if w.sheet_state == "visible"
                )
        except (ValueError, AttributeError, IllegalCharacterError):  # no .xlsx holds it (control
            # characters), or openpyxl will not write it (a merged cell's value)
            continue
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mutate_document_file(data: bytes, choose: Chooser, edits: int | None = None) -> bytes:
    """A .docx with table cells, rows and paragraphs damaged."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    for _ in range(edits if edits is not None else choose.integer(1, 4)):
        edit = choose.integer(0, 4)
        try:
            if edit <= 1 and document.tables:
                table = choose.choice(document.tables)
                row = choose.choice(list(table.rows))
                cell = choose.choice(row.cells)
                value = _cell_value(choose)
                cell.text = "" if value is None else str(value)
            elif edit == 2 and document.tables:
                table = choose.choice(document.tables)
                if len(table.rows) > 1:
                    row = choose.choice(list(table.rows))
                    table._tbl.remove(row._tr)
            elif edit == 3 and document.paragraphs:
                paragraph = choose.choice(document.paragraphs)
                paragraph._element.getparent().remove(paragraph._element)
            elif document.paragraphs:
                paragraph = choose.choice(document.paragraphs)
                value = _cell_value(choose)
                paragraph.text = "" if value is None else str(value)
        except ValueError:  # lxml refuses what no .docx can hold (control characters)
            continue
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
