"""Rules across editions (DL3xx): a township's editions as one history.

They run on all editions of a run (a folder, or several files) together. The
editions are grouped by township (province, city, county, township) and ordered
by date; an item id is followed from edition to edition.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import PurePath

import attrs
from rapidfuzz import fuzz

from dutyledger._checks.base import Hit, ItemRef, Rule, Scope, Subject, make_rule
from dutyledger._checks.findings import Location, Severity

__all__ = ["RULES", "UNRELATED"]

UNRELATED = 0.5
"""Two names less similar than this (``rapidfuzz.fuzz.ratio`` / 100) name unrelated items."""

_DATED_NAME = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)(?![\d])")

SeriesHits = Iterator[tuple[Subject, Hit]]


def _townships(subjects: Sequence[Subject]) -> list[list[Subject]]:
    """The editions grouped by township, each group ordered by date (then file)."""
    groups: dict[tuple[str, ...], list[Subject]] = {}
    for subject in subjects:
        j = subject.edition.meta.jurisdiction
        groups.setdefault((j.province, j.city, j.county, j.township), []).append(subject)
    return [sorted(g, key=lambda s: (s.edition.meta.date, s.label)) for g in groups.values()]


def _at(subject: Subject, location: Location) -> Location:
    return attrs.evolve(location, file=subject.file)


def _zh(subject: Subject) -> str:
    return f"{subject.edition.meta.date}版"


def _en(subject: Subject) -> str:
    return f"the {subject.edition.meta.date} edition"


def _same_date(subjects: Sequence[Subject]) -> SeriesHits:
    for group in _townships(subjects):
        first: dict[str, Subject] = {}
        for subject in group:
            date = subject.edition.meta.date
            other = first.setdefault(date, subject)
            if other is subject:
                continue
            township = subject.edition.meta.jurisdiction.township
            yield (
                subject,
                Hit(
                    location=_at(subject, Location(path="$.meta.date")),
                    zh=f"{township}有两个日期同为{date}的版本：{other.label}与{subject.label}；每个日期只能有一个版本",
                    en=f"{township} has two editions dated {date}: {other.label} and {subject.label}; one edition per date",
                ),
            )


def _file_dates(subjects: Sequence[Subject]) -> SeriesHits:
    for subject in subjects:
        if subject.file is None:
            continue
        named = _DATED_NAME.match(PurePath(subject.file).name)
        date = subject.edition.meta.date
        if named and named.group(1) != date:
            yield (
                subject,
                Hit(
                    location=_at(subject, Location(path="$.meta.date")),
                    zh=f"文件名写的是{named.group(1)}，版本日期却是{date}；按文件名排列时版本顺序会错",
                    en=f"the file is named for {named.group(1)} but the edition is dated {date}; listed by name, the editions fall out of date order",
                ),
            )


def _history(group: list[Subject]) -> Iterator[tuple[int, ItemRef, int | None]]:
    """Each item of each edition, with the index of the last earlier edition that had its id."""
    last_seen: dict[str, int] = {}
    for k, subject in enumerate(group):
        for ref in subject.items():
            yield k, ref, last_seen.get(ref.item.id)
        for ref in subject.items():
            last_seen[ref.item.id] = k


def _returning_ids(subjects: Sequence[Subject]) -> SeriesHits:
    for group in _townships(subjects):
        for k, ref, before in _history(group):
            if before is None or before >= k - 1:
                continue
            subject, had, gone = group[k], group[before], group[before + 1]
            yield (
                subject,
                Hit(
                    location=_at(subject, ref.location(".id")),
                    zh=f"{ref.zh}：事项标识{ref.item.id}在{_zh(had)}中有，{_zh(gone)}中没有，本版（{_zh(subject)}）又出现；请确认是恢复了原事项",
                    en=f"{ref.en}: id {ref.item.id} is in {_en(had)}, gone from {_en(gone)}, and back in this one ({_en(subject)}); confirm the item was restored",
                ),
            )


def _unrelated_ids(subjects: Sequence[Subject]) -> SeriesHits:
    for group in _townships(subjects):
        items = [{ref.item.id: ref for ref in s.items()} for s in group]
        for k, ref, before in _history(group):
            if before is None:
                continue
            other = items[before][ref.item.id]
            score = fuzz.ratio(ref.item.name, other.item.name) / 100
            if score >= UNRELATED:
                continue
            subject = group[k]
            yield (
                subject,
                Hit(
                    location=_at(subject, ref.location(".id")),
                    zh=f"{ref.zh}：事项标识{ref.item.id}在{_zh(group[before])}中是{other.zh}，名称相似度仅{score:.2f}，不像同一事项",
                    en=f"{ref.en}: id {ref.item.id} is {other.en} in {_en(group[before])}; the names are only {score:.2f} similar, so one id seems to name two unrelated items",
                    score=round(score, 4),
                ),
            )


_rule = functools.partial(make_rule, scope=Scope.EDITIONS)


RULES: tuple[tuple[Rule, Callable[[Sequence[Subject]], SeriesHits]], ...] = (
    (
        _rule(
            "DL301",
            "one-edition-per-date",
            "同一乡镇每个日期只有一个版本",
            "one edition per township and date",
            "Editions are immutable and ordered by date; two editions of one date leave it open which one is in force.",
            severity=Severity.ERROR,
        ),
        _same_date,
    ),
    (
        _rule(
            "DL302",
            "file-date",
            "文件名日期与版本日期一致",
            "a file named for a date holds the edition of that date",
            "Edition files are named for their date (2025-01.json) so that listing a folder lists the editions in date order; a file named for another date breaks that order.",
            severity=Severity.ERROR,
        ),
        _file_dates,
    ),
    (
        _rule(
            "DL303",
            "returning-id",
            "事项标识消失后又出现",
            "an id that disappears and later comes back",
            "An item removed in one edition and back in a later one is either a restored duty (then keeping the id is right) or an id reused by mistake; an editor should confirm which.",
            severity=Severity.WARNING,
        ),
        _returning_ids,
    ),
    (
        _rule(
            "DL304",
            "unrelated-id",
            "同一事项标识指向不相关的事项",
            "one id names two unrelated items",
            f"An id follows one duty through time; if its names in two editions are less than {UNRELATED:.0%} similar, the id was probably given to a different duty.",
            severity=Severity.WARNING,
        ),
        _unrelated_ids,
    ),
)
"""The rules across editions, each with its function."""
