"""The fast path of :func:`~dutyledger.load_edition`: canonical files, built by hand.

Loading is where users wait (a 100k-item edition is about 100 MB of JSON). The
general path parses with the strict reader, structures with cattrs and
validates the plain data, and it says every problem with its JSON path. This
module is a shortcut for the common case, a *canonical* file (what
``dump_edition`` writes) that is valid, and it is deliberately narrow: it
accepts a file only where the general path would return the very same edition,
and it gives up (returns ``None``) at the first thing it does not expect. The
caller then runs the general path, which produces the messages. So the
shortcut never changes what is accepted, what is rejected, or what the errors
say; it only changes how long a good file takes.

What it accepts:

- bytes that orjson parses (it rejects invalid UTF-8, NaN and Infinity, and
  integers beyond 64 bits itself), when orjson is installed;
- in which no key is written twice. orjson keeps the last of two equal keys
  silently, so the keys are counted: every key of the text is followed by one
  colon, and every other colon of the bytes is inside a string, so the colons
  of the bytes equal the keys of the parsed objects plus the colons of their
  string values only when no key is duplicated (the strings are only counted
  when the first count is off);
- whose every object has exactly the fields of its record (defaults written
  out, as the canonical dump writes them), every collection an array, every
  string a string, every integer a non-negative integer below 2**31 (narrower
  than the format: anything else goes the general way);
- and that passes the semantic rules (:mod:`dutyledger._edition.validate`),
  checked here on the records in one pass.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from dutyledger._edition import strict
from dutyledger._edition.records import (
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
from dutyledger._edition.validate import is_date

__all__ = ["fast_load", "paused_gc"]

# -0 not followed by a digit, which orjson reads as 0 and the strict reader refuses. The pattern
# starts with a literal, so it is searched at memchr speed; _has_negative_zero then keeps the
# matches that stand as a JSON number (after ``:``, ``[`` or ``,``), not inside a text.
_MINUS_ZERO = re.compile(rb"-0(?![0-9])")

T = TypeVar("T")

_INT_LIMIT = 1 << 31
_STATUS = {s.value: s for s in EditionStatus}
_KIND = {k.value: k for k in ListKind}


Setter = Callable[[Any, Any], None]
_new = object.__new__


def _slot(cls: type, name: str) -> Setter:
    setter: Setter = cls.__dict__[name].__set__
    return setter


def _common(cls: type) -> tuple[Setter, ...]:
    return tuple(_slot(cls, n) for n in ("id", "number", "category", "name", "starred", "page"))


_REF_DEPARTMENT, _REF_WRITTEN = _slot(DeptRef, "department"), _slot(DeptRef, "written")
_STEP_NUMBER, _STEP_TEXT = _slot(Step, "number"), _slot(Step, "text")
_HEADING_NUMBER, _HEADING_TITLE = _slot(Heading, "number"), _slot(Heading, "title")
_HEADING_DEPARTMENTS = _slot(Heading, "departments")
_BLOCK_HEADING, _BLOCK_LEAD = _slot(Block, "heading"), _slot(Block, "lead")
_BLOCK_STEPS = _slot(Block, "steps")
_DUTY_BLOCKS = _slot(DutyText, "blocks")
_BASIC, _COOPERATIVE, _RECALLED = (
    _common(BasicItem),
    _common(CooperativeItem),
    _common(RecalledItem),
)
_COOP_DEPARTMENTS = _slot(CooperativeItem, "departments")
_COOP_UPSTREAM = _slot(CooperativeItem, "upstream_duties")
_COOP_TOWNSHIP = _slot(CooperativeItem, "township_duties")
_RECALLED_RECEIVERS = _slot(RecalledItem, "receivers")
HOT_RECORDS = (DeptRef, Step, Heading, Block, DutyText, BasicItem, CooperativeItem, RecalledItem)
"""The records this module makes without their ``__init__`` (see :class:`_Builder`)."""


_LONGEST = strict.MAX_TEXT_CHARS
"""A longer text goes to the general path, which names it and its length."""


class _Reject(Exception):
    """Not the canonical shape this module builds; the general path decides."""


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large acyclic structure is built.

    Parsing and building an edition allocates millions of objects and frees
    none, so every generation-0 collection scans a growing heap for cycles it
    cannot find: about half the time of a load. The records hold no cycles, so
    nothing is lost by pausing; the collector is restored even on error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Builder:
    """One pass over parsed JSON: records, the key count, and what validation needs."""

    def __init__(self) -> None:
        self.keys = 0
        self.refs: dict[tuple[str, str], DeptRef] = {}

    # -- leaves -----------------------------------------------------------------------------

    def obj(self, value: Any, size: int) -> dict[str, Any]:
        if type(value) is not dict or len(value) != size:
            raise _Reject
        self.keys += size
        return value

    @staticmethod
    def s(value: Any) -> str:
        if type(value) is not str or len(value) > _LONGEST:
            raise _Reject
        return value

    @staticmethod
    def opt_s(value: Any) -> str | None:
        if value is not None and (type(value) is not str or len(value) > _LONGEST):
            raise _Reject
        return value

    @staticmethod
    def i(value: Any) -> int:
        if type(value) is not int or not 0 <= value < _INT_LIMIT:
            raise _Reject
        return value

    def opt_i(self, value: Any) -> int | None:
        return None if value is None else self.i(value)

    @staticmethod
    def b(value: Any) -> bool:
        if type(value) is not bool:
            raise _Reject
        return value

    @staticmethod
    def arr(value: Any) -> list[Any]:
        if type(value) is not list:
            raise _Reject
        return value

    def strs(self, value: Any) -> tuple[str, ...]:
        return tuple(map(self.s, self.arr(value)))

    def many(self, value: Any, build: Callable[[Any], T]) -> tuple[T, ...]:
        return tuple(map(build, self.arr(value)))

    # -- records ----------------------------------------------------------------------------

    # The hot records (millions in a large edition) are made without attrs' __init__:
    # a new object and its slots set directly, which is what that __init__ does for a
    # frozen record with no validators or converters (tests/test_fast.py holds the
    # records to that), at less than half the cost.

    def ref(self, value: Any) -> DeptRef:
        if type(value) is not dict or len(value) != 2:
            raise _Reject
        key = (value["department"], value["written"])
        if type(key[0]) is not str or type(key[1]) is not str or len(key[1]) > _LONGEST:
            raise _Reject
        found = self.refs.get(key)
        if found is None:
            found = self.refs[key] = _new(DeptRef)
            _REF_DEPARTMENT(found, key[0])
            _REF_WRITTEN(found, key[1])
        self.keys += 2
        return found

    def refs_of(self, value: Any) -> tuple[DeptRef, ...]:
        return tuple(map(self.ref, self.arr(value)))

    def block(self, value: Any) -> Block:
        if type(value) is not dict or len(value) != 3:
            raise _Reject
        heading, lead, steps = value["heading"], value["lead"], value["steps"]
        if (lead is not None and (type(lead) is not str or len(lead) > _LONGEST)) or type(
            steps
        ) is not list:
            raise _Reject
        block = _new(Block)
        if heading is not None:
            heading = self.heading(heading)
        _BLOCK_HEADING(block, heading)
        _BLOCK_LEAD(block, lead)
        made = []
        for raw in steps:  # Step, inline: blocks hold most of an edition's records
            if type(raw) is not dict or len(raw) != 2:
                raise _Reject
            number, text = raw["number"], raw["text"]
            if (
                type(text) is not str
                or len(text) > _LONGEST
                or (
                    number is not None and (type(number) is not int or not 0 <= number < _INT_LIMIT)
                )
            ):
                raise _Reject
            step = _new(Step)
            _STEP_NUMBER(step, number)
            _STEP_TEXT(step, text)
            made.append(step)
        _BLOCK_STEPS(block, tuple(made))
        self.keys += 3 + 2 * len(made)
        return block

    def heading(self, value: Any) -> Heading:
        if type(value) is not dict or len(value) != 3:
            raise _Reject
        number, title, departments = value["number"], value["title"], value["departments"]
        if (
            type(number) is not int
            or not 0 <= number < _INT_LIMIT
            or type(title) is not str
            or len(title) > _LONGEST
            or type(departments) is not list
        ):
            raise _Reject
        heading = _new(Heading)
        _HEADING_NUMBER(heading, number)
        _HEADING_TITLE(heading, title)
        _HEADING_DEPARTMENTS(heading, tuple(map(self.ref, departments)))
        self.keys += 3
        return heading

    def duty(self, value: Any) -> DutyText:
        blocks = self.obj(value, 1)["blocks"]
        if type(blocks) is not list:
            raise _Reject
        duty = _new(DutyText)
        _DUTY_BLOCKS(duty, tuple(map(self.block, blocks)))
        return duty

    def receiver(self, value: Any) -> RecallEntry:
        d = self.obj(value, 2)
        return RecallEntry(departments=self.refs_of(d["departments"]), method=self.s(d["method"]))

    def common(self, d: dict[str, Any], item: Any, setters: tuple[Setter, ...]) -> None:
        """Set the fields every item has: id, number, category, name, starred, page."""
        ident, number, category, name = d["id"], d["number"], d["category"], d["name"]
        starred, page = d["starred"], d["page"]
        if (
            type(ident) is not str
            or type(number) is not int
            or not 0 <= number < _INT_LIMIT
            or type(category) is not str
            or type(name) is not str
            or len(name) > _LONGEST
            or len(category) > _LONGEST
            or len(ident) > _LONGEST
            or type(starred) is not bool
            or (page is not None and (type(page) is not int or not 0 <= page < _INT_LIMIT))
        ):
            raise _Reject
        for setter, field in zip(
            setters, (ident, number, category, name, starred, page), strict=True
        ):
            setter(item, field)

    def basic(self, value: Any) -> BasicItem:
        item = _new(BasicItem)
        self.common(self.obj(value, 6), item, _BASIC)
        return item

    def cooperative(self, value: Any) -> CooperativeItem:
        d = self.obj(value, 9)
        item = _new(CooperativeItem)
        self.common(d, item, _COOPERATIVE)
        _COOP_DEPARTMENTS(item, self.refs_of(d["departments"]))
        _COOP_UPSTREAM(item, self.duty(d["upstream_duties"]))
        _COOP_TOWNSHIP(item, self.duty(d["township_duties"]))
        return item

    def recalled(self, value: Any) -> RecalledItem:
        d = self.obj(value, 7)
        item = _new(RecalledItem)
        self.common(d, item, _RECALLED)
        _RECALLED_RECEIVERS(item, self.many(d["receivers"], self.receiver))
        return item

    def meta(self, value: Any) -> EditionMeta:
        d = self.obj(value, 7)
        j = self.obj(d["jurisdiction"], 4)
        src = self.obj(d["source"], 3)
        status = _STATUS.get(d["status"]) if type(d["status"]) is str else None
        if status is None:
            raise _Reject
        return EditionMeta(
            title=self.s(d["title"]),
            jurisdiction=Jurisdiction(
                province=self.s(j["province"]),
                city=self.s(j["city"]),
                county=self.s(j["county"]),
                township=self.s(j["township"]),
            ),
            date=self.s(d["date"]),
            status=status,
            source=EditionSource(
                description=self.s(src["description"]),
                file=self.opt_s(src["file"]),
                url=self.opt_s(src["url"]),
            ),
            namespace=self.s(d["namespace"]),
            note=self.opt_s(d["note"]),
        )

    def section(self, value: Any) -> PreambleSection:
        d = self.obj(value, 2)
        return PreambleSection(title=self.s(d["title"]), paragraphs=self.strs(d["paragraphs"]))

    def declaration(self, value: Any) -> ListDeclaration:
        d = self.obj(value, 5)
        kind = _KIND.get(d["list"]) if type(d["list"]) is str else None
        if kind is None:
            raise _Reject
        return ListDeclaration(
            list=kind,
            categories=self.strs(d["categories"]),
            category_count=self.i(d["category_count"]),
            item_count=self.i(d["item_count"]),
            department_count=self.opt_i(d["department_count"]),
        )

    def entry(self, value: Any) -> ContentsEntry:
        d = self.obj(value, 2)
        return ContentsEntry(title=self.s(d["title"]), page=self.i(d["page"]))

    def preamble(self, value: Any) -> Preamble:
        d = self.obj(value, 4)
        return Preamble(
            title_lines=self.strs(d["title_lines"]),
            sections=self.many(d["sections"], self.section),
            declarations=self.many(d["declarations"], self.declaration),
            contents=self.many(d["contents"], self.entry),
        )

    def department(self, value: Any) -> Department:
        d = self.obj(value, 5)
        return Department(
            id=self.s(d["id"]),
            name=self.s(d["name"]),
            short_names=self.strs(d["short_names"]),
            aliases=self.strs(d["aliases"]),
            note=self.opt_s(d["note"]),
        )

    def edition(self, value: Any, fmt: str) -> Edition:
        d = self.obj(value, 7)
        if d["format"] != fmt:
            raise _Reject
        return Edition(
            meta=self.meta(d["meta"]),
            preamble=self.preamble(d["preamble"]),
            departments=self.many(d["departments"], self.department),
            basic=self.many(d["basic"], self.basic),
            cooperative=self.many(d["cooperative"], self.cooperative),
            recalled=self.many(d["recalled"], self.recalled),
        )


def _valid(edition: Edition, refs: dict[tuple[str, str], DeptRef]) -> bool:
    """Whether the semantic rules hold (the general path says which do not, and where)."""
    if not is_date(edition.meta.date):
        return False
    names_of: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for dept in edition.departments:
        if dept.id in names_of:
            return False
        names_of[dept.id] = dept.names()
        for name in names_of[dept.id]:
            if owner.setdefault(name, dept.id) != dept.id:
                return False
    count = len(edition.basic) + len(edition.cooperative) + len(edition.recalled)
    ids = {item.id for item in edition.basic}
    ids.update(item.id for item in edition.cooperative)
    ids.update(item.id for item in edition.recalled)
    if len(ids) != count:
        return False
    # Every mention went through the builder's cache, so its keys are every pair used.
    return all(written in names_of.get(dept, ()) for dept, written in refs)


def _colons_in_values(value: Any) -> int:
    """The number of colons in the strings of parsed JSON, keys excepted."""
    if type(value) is str:
        return value.count(":")
    if type(value) is list:
        return sum(map(_colons_in_values, value))
    if type(value) is dict:
        return sum(map(_colons_in_values, value.values()))
    return 0


def _has_negative_zero(raw: bytes) -> bool:
    """Whether ``raw`` holds the number ``-0`` (after ``:``, ``[`` or ``,``), not ``-0`` in a text."""
    for found in _MINUS_ZERO.finditer(raw):
        before = found.start() - 1
        while before >= 0 and raw[before] in b" \t\r\n":
            before -= 1
        if before >= 0 and raw[before] in b":[,":
            return True
    return False


def fast_load(raw: bytes, fmt: str, *, validate: bool) -> Edition | None:
    """Build the edition of a canonical, valid file; ``None`` for anything else.

    Args:
        raw: The file's bytes.
        fmt: The ``format`` value expected.
        validate: Whether the semantic rules must hold too.

    Returns:
        The edition, exactly as the general path would return it, or ``None``
        when the general path must decide (orjson missing, a shape or value
        this path does not take, a duplicated key, a broken rule).
    """
    try:
        import orjson
    except ImportError:
        return None
    if _has_negative_zero(raw) or strict.has_raw_escapable(raw):
        # orjson reads -0 as 0 and takes U+2028 … as themselves; the strict reader refuses
        # both, with their place.
        return None
    builder = _Builder()
    try:
        data = orjson.loads(raw)
        edition = builder.edition(data, fmt)
    except (orjson.JSONDecodeError, _Reject, KeyError):
        return None
    # Each key is followed by one colon; any other colon is inside a string value.
    colons = raw.count(b":")
    unique_keys = colons == builder.keys or colons == builder.keys + _colons_in_values(data)
    if len(edition.items()) > strict.MAX_ITEMS:
        return None  # the general path says how many are allowed
    return edition if unique_keys and (not validate or _valid(edition, builder.refs)) else None
