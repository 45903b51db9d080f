"""The ``dutyledger`` command line.

Thin by design: it parses arguments, calls the library, prints. Exit status 0
when all is well, 2 for bad input or usage (one message on stderr, no
traceback). Heavy modules are imported inside the command that uses them, so
``dutyledger --help`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dutyledger._version import __version__

if TYPE_CHECKING:
    from dutyledger._edition.records import Edition
    from dutyledger._matching.crosswalk import Crosswalk

__all__ = ["main"]

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_BAD_INPUT = 2


def _write(data: str | bytes, output: str | None) -> None:
    """Write text or bytes to stdout, or atomically to a file."""
    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    from dutyledger._edition.codec import write_atomic

    write_atomic(output, data)


def _load(source: str) -> Edition:
    from dutyledger._edition.builtin import builtin_edition, builtin_edition_names
    from dutyledger._edition.codec import load_edition

    if not Path(source).exists() and source in builtin_edition_names():
        return builtin_edition(source)
    return load_edition(Path(source))


def _cmd_summary(args: argparse.Namespace) -> int:
    from dutyledger._edition.summary import format_summary

    _write(format_summary(_load(args.edition)), None)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from dutyledger._edition.show import overview, overview_json, render_overview_terminal

    view = overview(_load(args.edition))
    if args.format == "json":
        _write(overview_json(view), args.output)
    else:
        _write(render_overview_terminal(view), args.output)
    return EXIT_OK


def _cmd_ingest(args: argparse.Namespace) -> int:
    from dutyledger._edition.codec import dump_edition, load_edition
    from dutyledger._published.txt import (
        ingest_text,
        load_ingest_meta,
        meta_from_edition,
        read_published,
    )

    source = Path(args.source)
    meta_path = Path(args.meta) if args.meta else source.with_suffix(".toml")
    if not meta_path.is_file():
        message = (
            "no metadata file; expected a TOML file with [edition] and [[departments]] "
            "(docs/edition-format.md), named with --meta or beside the source as SOURCE.toml"
        )
        from dutyledger.exceptions import MetadataError, Problem

        raise MetadataError(str(meta_path), [Problem(where="file", message=message)])
    if meta_path.suffix == ".json":
        meta = meta_from_edition(load_edition(meta_path))
    else:
        meta = load_ingest_meta(meta_path)
    edition = ingest_text(read_published(source), meta, name=str(source))
    if args.based_on:
        from dutyledger._matching.pairing import carry_ids

        previous = _load(args.based_on)
        crosswalk = _crosswalk(args.crosswalk, previous, edition)
        edition = carry_ids(edition, previous, crosswalk=crosswalk)
    _write(dump_edition(edition), args.output)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from dutyledger._published.tsv import export_tsv

    _write(export_tsv(_load(args.edition)), args.output)
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from dutyledger._checks.command import run_check

    return run_check(
        args.paths,
        fmt=args.format,
        lang=args.lang,
        strict=args.strict,
        disable=args.disable,
        list_rules=args.list_rules,
    )


def _crosswalk(path: str | None, old: Edition, new: Edition) -> Crosswalk | None:
    """Load a crosswalk file and check it fits the editions, naming the file in errors."""
    if not path:
        return None
    from dutyledger._matching.crosswalk import crosswalk_problems, load_crosswalk
    from dutyledger.exceptions import CrosswalkError

    crosswalk = load_crosswalk(path)
    problems = crosswalk_problems(crosswalk, old, new)
    if problems:
        raise CrosswalkError(path, problems)
    return crosswalk


def _cmd_diff(args: argparse.Namespace) -> int:
    from dutyledger._compare.diff import diff
    from dutyledger._progress import progress

    binary = args.format in {"xlsx", "docx"}
    if binary and args.output in {None, "-"} and sys.stdout.isatty():
        message = f"--format {args.format} writes a binary file; expected -o FILE"
        from dutyledger.exceptions import Problem, ReportError

        raise ReportError("diff", [Problem(where="--output", message=message)])
    with progress("读取版本 / reading editions") as shown:
        old, new = _load(args.old), _load(args.new)
        crosswalk = _crosswalk(args.crosswalk, old, new)
        shown.step("比对 / diffing")
        changes = diff(old, new, crosswalk=crosswalk, method=args.method)
        shown.step(f"生成报告 / writing {args.format}")
        # Each format imports only what it needs: the change-set codec builds a cattrs
        # converter, the terminal renderer loads rich.
        if args.format == "json":
            from dutyledger._changes.codec import dump_changeset

            _write(dump_changeset(changes), args.output)
        else:
            from dutyledger._report.base import renderer
            from dutyledger._report.build import build_report

            report = build_report(
                changes, old, new, lang=args.lang, show_renumbered=args.show_renumbered
            )
            to_terminal = args.output in {None, "-"} and sys.stdout.isatty()
            if args.format == "text":
                from dutyledger._report.terminal import TerminalRenderer

                chosen = TerminalRenderer(colour=to_terminal and not os.environ.get("NO_COLOR"))
                data = chosen.render(report)
            else:
                data = renderer(args.format).render(report)
            _write(data, args.output)
    return EXIT_CHANGES if changes else EXIT_OK


def _cmd_match(args: argparse.Namespace) -> int:
    from dutyledger._matching.crosswalk import dump_crosswalk
    from dutyledger._matching.pairing import match

    old, new = _load(args.old), _load(args.new)
    crosswalk = _crosswalk(args.crosswalk, old, new)
    _write(dump_crosswalk(match(old, new, crosswalk=crosswalk, method=args.method)), args.output)
    return EXIT_OK


def _usage_error(message: str) -> int:
    print(f"dutyledger: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dutyledger",
        description="Township duty lists (乡镇履行职责事项清单) as dated, typed editions.",
    )
    parser.add_argument("--version", action="version", version=f"dutyledger {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    summary = commands.add_parser(
        "summary", help="per list: items, categories, departments, ★ count"
    )
    summary.add_argument(
        "edition",
        nargs="?",
        default="2025-01",
        help="edition file or built-in name (default: 2025-01)",
    )
    summary.set_defaults(run=_cmd_summary)

    show = commands.add_parser(
        "show", help="an edition at a glance: per list, category and department"
    )
    show.add_argument(
        "edition",
        nargs="?",
        default="2025-01",
        help="edition file or built-in name (default: 2025-01)",
    )
    show.add_argument(
        "--format",
        choices=["table", "json"],
        default="table",
        help="output format (default: table)",
    )
    show.add_argument("-o", "--output", help="file to write (default: stdout)")
    show.set_defaults(run=_cmd_show)

    ingest = commands.add_parser(
        "ingest", help="parse a published list (text) into an edition (JSON)"
    )
    ingest.add_argument("source", help="the published text (UTF-8)")
    ingest.add_argument("-o", "--output", help="edition file to write (default: stdout)")
    ingest.add_argument(
        "--meta",
        help="metadata and department registry: TOML, or an edition JSON to take them from (default: SOURCE.toml)",
    )
    ingest.add_argument(
        "--based-on",
        metavar="PREVIOUS",
        help="the previous edition (file or built-in name): items matched to it keep their ids",
    )
    ingest.add_argument(
        "--crosswalk",
        help="with --based-on: a reviewed crosswalk (from `dutyledger match`) to honour",
    )
    ingest.set_defaults(run=_cmd_ingest)

    export = commands.add_parser("export", help="write an edition back in the published layout")
    export.add_argument("edition", help="edition file or built-in name")
    export.add_argument(
        "--format", choices=["tsv"], default="tsv", help="output format (default: tsv)"
    )
    export.add_argument("-o", "--output", help="file to write (default: stdout)")
    export.set_defaults(run=_cmd_export)

    check = commands.add_parser(
        "check",
        help="check editions against the rules; exit 1 on errors",
        description="Check edition files (or folders of them) against the rules of "
        "docs/checks.md. Exit 0 no errors, 1 errors, 2 input that cannot be read.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="edition file or folder")
    check.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text, json, or GitHub Actions annotations (default: text)",
    )
    check.add_argument(
        "--lang",
        choices=["zh", "en", "both"],
        default="both",
        help="language of the messages (default: both)",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CODE",
        help="turn a rule off (repeatable), e.g. --disable DL401",
    )
    check.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    check.set_defaults(run=_cmd_check)

    for name, help_text in (
        ("diff", "say every change between two editions; exit 1 if they differ"),
        ("match", "pair the items of two editions into a reviewable crosswalk"),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("old", help="the earlier edition (file or built-in name)")
        command.add_argument("new", help="the later edition (file or built-in name)")
        command.add_argument("--crosswalk", help="a reviewed crosswalk whose pairs to honour")
        command.add_argument(
            "--method",
            choices=["auto", "id", "content"],
            default="auto",
            help="pair by id, by content, or auto: ids if the editions share any (default)",
        )
        command.add_argument("-o", "--output", help="file to write (default: stdout)")
    diff = commands.choices["diff"]
    diff.add_argument(
        "--format",
        choices=["text", "md", "html", "xlsx", "docx", "json", "csv"],
        default="text",
        help="output (default: text, for the terminal); see docs/reports.md",
    )
    diff.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="language of labels (default: zh)"
    )
    diff.add_argument(
        "--show-renumbered",
        "--all",
        dest="show_renumbered",
        action="store_true",
        help="also list changes of form only (序号, page, id, spelling, order)",
    )
    diff.set_defaults(run=_cmd_diff)
    commands.choices["match"].set_defaults(run=_cmd_match)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    # After parsing: --version and --help exit there, without the records (attrs) that
    # the exceptions are made of.
    from dutyledger.exceptions import DutyLedgerError

    try:
        status: int = args.run(args)
    except DutyLedgerError as exc:
        return _usage_error(str(exc))
    except OSError as exc:
        return _usage_error(f"{exc.filename or ''}: {exc.strerror}")
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
