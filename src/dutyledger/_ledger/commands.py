"""``dutyledger log``, ``blame``, ``timeline`` and ``as-of``: the ledger's commands.

The command line registers them with :func:`add_commands`; each handler opens
the ledger (``--ledger PATH``, repeatable; by default ``./editions`` if that
folder exists, else the editions shipped with dutyledger), asks it, prints.
Bad input raises a :class:`DutyLedgerError`, which the command line turns into
one message and exit status 2.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the ledger loads attrs, cattrs and rapidfuzz: only when a command runs
    from dutyledger._ledger.ledger import Ledger
    from dutyledger._ledger.records import Candidate
    from dutyledger.exceptions import LedgerError

__all__ = ["NEAREST", "add_commands", "default_ledger_paths", "resolve_item"]

NEAREST = 0.85
"""The least similarity (``WRatio`` / 100) at which the nearest name is taken without asking."""

_MARGIN = 0.05


def default_ledger_paths() -> list[Path]:
    """``./editions`` if it is a folder, else the folder of the shipped editions."""
    here = Path("editions")
    if here.is_dir():
        return [here]
    from dutyledger._edition.builtin import _folder

    return [_folder()]


def _open(args: argparse.Namespace) -> Ledger:
    from dutyledger._ledger.ledger import Ledger

    paths = args.ledger or default_ledger_paths()
    return Ledger.open(*paths)


Write = Callable[[str | bytes, str | None], None]
"""Writes text or bytes to stdout (``None`` or ``-``) or atomically to a file: the CLI's own."""


def resolve_item(ledger: Ledger, query: str) -> tuple[str, str | None]:
    """The id a query for ``log`` means, and a note if it was the nearest name.

    Raises:
        LedgerError: Nothing fits, or several items fit equally (the message
            lists the candidates with their ids).
    """
    from dutyledger.exceptions import LedgerError, Problem

    found = ledger.find(query)
    if not found:
        raise LedgerError(query, [Problem(where="ITEM", message="no item of the ledger fits")])
    best = found[0]
    if best.score == 1.0:
        exact = [c for c in found if c.score == 1.0]
        if all(ledger.same_item(best.id, c.id) for c in exact[1:]):
            return best.id, None
        raise _ambiguous(query, exact)
    runner_up = found[1].score if len(found) > 1 else 0.0
    if best.score >= NEAREST and (
        runner_up <= best.score - _MARGIN or ledger.same_item(best.id, found[1].id)
    ):
        return best.id, f"最接近的事项 / nearest: {best.name} ({best.id}, {best.score:.2f})"
    raise _ambiguous(query, list(found))


def _ambiguous(query: str, candidates: list[Candidate]) -> LedgerError:
    from dutyledger.exceptions import LedgerError, Problem

    problems = [
        Problem(
            where="ITEM",
            message=f"{len(candidates)} items may be meant; give an id: dutyledger log ID",
        )
    ]
    problems += [
        Problem(where=c.id, message=f"{c.name} (in {c.edition}; similarity {c.score:.2f})")
        for c in candidates
    ]
    return LedgerError(query, problems)


def _cmd_log(args: argparse.Namespace, write: Write) -> int:
    import attrs

    from dutyledger._ledger.render import render_history

    ledger = _open(args)
    item_id, note = resolve_item(ledger, args.item)
    events = ledger.history(item_id)
    if args.format == "json":
        data = {
            "format": "dutyledger.history/1",
            "item": item_id,
            "events": [_plain(attrs.asdict(e, recurse=True)) for e in events],
        }
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return 0
    if note:
        print(note, file=sys.stderr)
    title = f"事项 {item_id} 的历史 / history of {item_id}"
    write(render_history(events, title), None)
    return 0


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return getattr(value, "value", value)


def _cmd_blame(args: argparse.Namespace, write: Write) -> int:
    import attrs

    from dutyledger._ledger.render import render_blame

    ledger = _open(args)
    lines = ledger.blame(args.edition)
    if args.format == "json":
        data = {
            "format": "dutyledger.blame/1",
            "edition": ledger.entry(args.edition).name,
            "items": [_plain(attrs.asdict(line, recurse=True)) for line in lines],
        }
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output)
        return 0
    title = f"{ledger.entry(args.edition).name}：各事项最后一次调整"
    write(render_blame(lines, title), args.output)
    return 0


def _cmd_timeline(args: argparse.Namespace, write: Write) -> int:
    from dutyledger._ledger.render import render_timeline
    from dutyledger.exceptions import Problem, ReportError

    if args.format == "xlsx" and args.output in {None, "-"} and sys.stdout.isatty():
        message = "--format xlsx writes a binary file; expected -o FILE"
        raise ReportError("timeline", [Problem(where="--output", message=message)])
    ledger = _open(args)
    first = ledger.editions[0]
    title = f"{first.jurisdiction.county}{first.jurisdiction.township}履职事项清单时间线"
    write(render_timeline(ledger.timeline(), args.format, title), args.output)
    return 0


def _cmd_as_of(args: argparse.Namespace) -> int:
    from dutyledger._edition.records import EditionStatus

    ledger = _open(args)
    entry = ledger.as_of(args.date, drafts=args.drafts, illustrative=args.illustrative)
    if entry is None:
        print(f"dutyledger: no edition in force on {args.date}", file=sys.stderr)
        return 1
    note = "" if entry.status is EditionStatus.OFFICIAL else f" ({entry.status.value})"
    print(f"{entry.name}\t{entry.date}{note}\t{entry.path or ''}")
    return 0


def add_commands(commands: Any, write: Write) -> None:
    """Register ``log``, ``blame``, ``timeline`` and ``as-of`` on the CLI's subparsers.

    Args:
        commands: The subparsers of the command line.
        write: How the command line writes its output (stdout, or a file atomically).
    """

    def ledger_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--ledger",
            action="append",
            metavar="PATH",
            help="a folder of editions or an edition file (repeatable); "
            "default: ./editions if it exists, else the shipped editions",
        )

    log = commands.add_parser(
        "log",
        help="an item's history across the editions of the ledger",
        description="Every event of one item across the ledger's editions: added, 上收/下放, "
        "renamed, recategorised, departments, split, merged, removed. ITEM is an id, a name, "
        "or part of one (the nearest name is taken when it is clear; else the candidates are "
        "listed and the exit status is 2).",
    )
    log.add_argument("item", metavar="ITEM", help="an item id or name")
    log.add_argument("--format", choices=["text", "json"], default="text")
    ledger_option(log)
    log.set_defaults(run=functools.partial(_cmd_log, write=write))

    blame = commands.add_parser(
        "blame", help="for each item of an edition, the edition in which it last changed, and how"
    )
    blame.add_argument("edition", metavar="EDITION", help="an edition of the ledger (name or date)")
    blame.add_argument("--format", choices=["text", "json"], default="text")
    blame.add_argument("-o", "--output", help="file to write (default: stdout)")
    ledger_option(blame)
    blame.set_defaults(run=functools.partial(_cmd_blame, write=write))

    timeline = commands.add_parser(
        "timeline",
        help="items per list over the editions, flows between the lists, 明减暗增",
    )
    timeline.add_argument(
        "--format", choices=["text", "md", "html", "xlsx"], default="text", help="default: text"
    )
    timeline.add_argument("-o", "--output", help="file to write (default: stdout)")
    ledger_option(timeline)
    timeline.set_defaults(run=functools.partial(_cmd_timeline, write=write))

    as_of = commands.add_parser(
        "as-of",
        help="the edition in force on a date (the latest official one on or before it)",
    )
    as_of.add_argument("date", metavar="DATE", help="YYYY-MM-DD (or YYYY-MM: its first day)")
    as_of.add_argument("--drafts", action="store_true", help="count drafts too")
    as_of.add_argument(
        "--illustrative", action="store_true", help="count illustrative editions too"
    )
    ledger_option(as_of)
    as_of.set_defaults(run=_cmd_as_of)
