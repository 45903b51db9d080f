"""The commands of ``dutyledger``: each reads its arguments, calls the library, writes.

Heavy modules are imported inside the command that uses them, so ``dutyledger --help``
starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dutyledger._cli.exits import EXIT_CHANGES, EXIT_OK

if TYPE_CHECKING:
    from dutyledger._edition.records import Edition
    from dutyledger._matching.crosswalk import Crosswalk

__all__ = [
    "cmd_check",
    "cmd_diff",
    "cmd_export",
    "cmd_ingest",
    "cmd_match",
    "cmd_notes",
    "cmd_serve",
    "cmd_show",
    "cmd_summary",
    "load",
    "write",
]


def write(data: str | bytes, output: str | None) -> None:
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


def load(source: str) -> Edition:
    from dutyledger._edition.builtin import builtin_edition, builtin_edition_names
    from dutyledger._edition.codec import load_edition

    path = Path(source)
    if not path.exists():
        if source in builtin_edition_names():
            return builtin_edition(source)
        if path.suffix != ".json" and len(path.parts) == 1:
            # A name, not a file: say which editions are shipped.
            return builtin_edition(source)  # raises UnknownEditionError naming them
    return load_edition(path)


def cmd_summary(args: argparse.Namespace) -> int:
    from dutyledger._edition.summary import format_summary

    write(format_summary(load(args.edition)), None)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from dutyledger._edition.show import overview, overview_json, render_overview_terminal

    view = overview(load(args.edition))
    if args.format == "json":
        write(overview_json(view), args.output)
    else:
        write(render_overview_terminal(view), args.output)
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    from dutyledger._edition.codec import dump_edition, load_edition
    from dutyledger._published.detect import ingest_file
    from dutyledger._published.meta import load_ingest_meta, meta_from_edition

    source = Path(args.source)
    meta_path = Path(args.meta) if args.meta else source.with_suffix(".toml")
    if not meta_path.is_file():
        message = (
            "no metadata file; expected a TOML file with [edition] and [[departments]] "
            "(docs/edition-format.md), named with --meta or beside the source as SOURCE.toml"
        )
        from dutyledger.exceptions import MetadataError, Problem

        raise MetadataError(str(meta_path), [Problem(where="file", message=message)])
    preamble = None
    if meta_path.suffix == ".json":
        meta_edition = load_edition(meta_path)
        meta, preamble = meta_from_edition(meta_edition), meta_edition.preamble
    else:
        meta = load_ingest_meta(meta_path)
    edition = ingest_file(source, meta, preamble=preamble, encoding=args.encoding)
    if args.based_on:
        from dutyledger._matching.pairing import carry_ids

        previous = load(args.based_on)
        crosswalk = _crosswalk(args.crosswalk, previous, edition)
        edition = carry_ids(edition, previous, crosswalk=crosswalk)
    write(dump_edition(edition), args.output)
    _ingest_note(edition)
    return EXIT_OK


def _ingest_note(edition: Edition) -> None:
    """Say on stderr what was read: each list's items and 序号 run, and a preamble lacking."""
    from dutyledger._edition.records import ListKind

    for kind in ListKind:
        items = edition.items(kind)
        if items:
            numbers = f"序号 {items[0].number}–{items[-1].number}"
            print(f"dutyledger: {kind.title}: {len(items)} items, {numbers}", file=sys.stderr)
    if not edition.preamble.sections and not edition.preamble.title_lines:
        print(
            "dutyledger: the source has no cover, 说明 or 目录: the preamble is empty and "
            "`check` skips the declared totals (give --meta EDITION.json to take its preamble)",
            file=sys.stderr,
        )


def cmd_export(args: argparse.Namespace) -> int:
    edition = load(args.edition)
    if args.format == "tsv":
        from dutyledger._published.tsv import export_tsv

        write(export_tsv(edition), args.output)
        return EXIT_OK
    if args.output in {None, "-"} and sys.stdout.isatty():
        from dutyledger.exceptions import ExportError, Problem

        message = f"--format {args.format} writes a binary file; expected -o FILE"
        raise ExportError("export", [Problem(where="--output", message=message)])
    if args.format == "xlsx":
        from dutyledger._published.xlsx import export_xlsx

        write(export_xlsx(edition), args.output)
    else:
        from dutyledger._published.docx import export_docx

        write(export_docx(edition), args.output)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from dutyledger._checks.command import run_check
    from dutyledger._checks.findings import Findings
    from dutyledger._ledger.checks import chain_checks

    more = None
    if args.notes:
        if len(args.paths) != 2:
            from dutyledger.exceptions import Problem, ReportError

            message = f"--notes takes exactly two editions, OLD NEW; found {len(args.paths)}"
            raise ReportError("check", [Problem(where="PATH", message=message)])

        def more(disabled: frozenset[str], strict: bool) -> Findings:
            from dutyledger._notes.command import check_with_notes

            old, new = (load(p) for p in args.paths)
            return check_with_notes(args.notes, old, new, disable=disabled, strict=strict)

    return run_check(
        args.paths,
        fmt=args.format,
        lang=args.lang,
        strict=args.strict,
        disable=args.disable,
        list_rules=args.list_rules,
        series=chain_checks(),
        more=more,
    )


def cmd_notes(args: argparse.Namespace) -> int:
    from dutyledger._notes.command import notes_format, notes_output

    fmt = notes_format(args.format, args.output, reading=args.source is not None)
    if fmt == "xlsx" and args.output in {None, "-"} and sys.stdout.isatty():
        from dutyledger.exceptions import Problem, ReportError

        message = "the notes form is an xlsx file; expected -o FILE (调整说明.xlsx)"
        raise ReportError("notes", [Problem(where="--output", message=message)])
    old, new = load(args.old), load(args.new)
    write(notes_output(old, new, source=args.source, fmt=fmt), args.output)
    return EXIT_OK


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


def cmd_diff(args: argparse.Namespace) -> int:
    import shutil

    from dutyledger._compare.diff import diff
    from dutyledger._progress import progress
    from dutyledger._report.api import require_format

    require_format(args.format)  # a missing extra: exit 2 with its name, before any work
    binary = args.format in {"xlsx", "docx"}
    if binary and args.output in {None, "-"} and sys.stdout.isatty():
        message = f"--format {args.format} writes a binary file; expected -o FILE"
        from dutyledger.exceptions import Problem, ReportError

        raise ReportError("diff", [Problem(where="--output", message=message)])
    with progress("读取版本 / reading editions") as shown:
        old, new = load(args.old), load(args.new)
        crosswalk = _crosswalk(args.crosswalk, old, new)
        shown.step("比对 / diffing")
        changes = diff(old, new, crosswalk=crosswalk, method=args.method)
        notes = None
        if args.notes:
            from dutyledger._changes.adjustments import adjustments
            from dutyledger._notes.command import notes_for, stale_warnings

            notes = notes_for(args.notes, old, new, adjustments(changes))
            stale_warnings(notes, args.notes)
        shown.step(f"生成报告 / writing {args.format}")
        # Each format imports only what it needs: the change-set codec builds a cattrs
        # converter, the terminal renderer loads rich.
        if args.format == "json":
            from dutyledger._changes.codec import dump_changeset

            write(dump_changeset(changes), args.output)
        else:
            from dutyledger._report.base import renderer
            from dutyledger._report.build import build_report

            report = build_report(
                changes, old, new, lang=args.lang, show_renumbered=args.show_renumbered
            )
            if notes is not None:
                from dutyledger._notes.annotate import annotate

                report = annotate(report, notes)
            to_terminal = args.output in {None, "-"} and sys.stdout.isatty()
            if args.format == "text":
                from dutyledger._report.terminal import TerminalRenderer

                # Wrapped to the terminal's width on a terminal only, never into files or pipes.
                chosen = TerminalRenderer(
                    colour=to_terminal and not os.environ.get("NO_COLOR"),
                    width=shutil.get_terminal_size().columns if to_terminal else None,
                )
                data = chosen.render(report)
            else:
                data = renderer(args.format).render(report)
            write(data, args.output)
    return EXIT_CHANGES if changes else EXIT_OK


def cmd_match(args: argparse.Namespace) -> int:
    from dutyledger._matching.crosswalk import dump_crosswalk
    from dutyledger._matching.pairing import match

    old, new = load(args.old), load(args.new)
    crosswalk = _crosswalk(args.crosswalk, old, new)
    write(dump_crosswalk(match(old, new, crosswalk=crosswalk, method=args.method)), args.output)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from dutyledger._serve.command import serve

    folders = [Path(f) for f in args.ledger] or [Path("editions")]
    serve(
        folders,
        host=args.host,
        port=args.port,
        token=args.token or os.environ.get("DUTYLEDGER_TOKEN") or None,
        upload_limit=int(args.max_upload * 1024 * 1024),
    )
    return EXIT_OK
