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
EXIT_SOFTWARE = 70
"""An internal error (a bug): sysexits.h EX_SOFTWARE."""
EXIT_BROKEN_PIPE = 141
"""The reader of stdout went away (128 + SIGPIPE), as a shell reports it."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT)."""
EXIT_TERMINATED = 143
"""SIGTERM (128 + SIGTERM)."""

_DEBUG = "DUTYLEDGER_DEBUG"
_INPUTS = ("edition", "old", "new", "source", "meta", "based_on", "crosswalk", "ledger")
"""The arguments that name input files; ``-o`` may be none of them."""
_OPTIONS = frozenset({"meta", "based_on", "crosswalk", "ledger"})


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

    path = Path(source)
    if not path.exists():
        if source in builtin_edition_names():
            return builtin_edition(source)
        if path.suffix != ".json" and len(path.parts) == 1:
            # A name, not a file: say which editions are shipped.
            return builtin_edition(source)  # raises UnknownEditionError naming them
    return load_edition(path)


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

        previous = _load(args.based_on)
        crosswalk = _crosswalk(args.crosswalk, previous, edition)
        edition = carry_ids(edition, previous, crosswalk=crosswalk)
    _write(dump_edition(edition), args.output)
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


def _cmd_export(args: argparse.Namespace) -> int:
    edition = _load(args.edition)
    if args.format == "tsv":
        from dutyledger._published.tsv import export_tsv

        _write(export_tsv(edition), args.output)
        return EXIT_OK
    if args.output in {None, "-"} and sys.stdout.isatty():
        from dutyledger.exceptions import ExportError, Problem

        message = f"--format {args.format} writes a binary file; expected -o FILE"
        raise ExportError("export", [Problem(where="--output", message=message)])
    if args.format == "xlsx":
        from dutyledger._published.xlsx import export_xlsx

        _write(export_xlsx(edition), args.output)
    else:
        from dutyledger._published.docx import export_docx

        _write(export_docx(edition), args.output)
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
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

            old, new = (_load(p) for p in args.paths)
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


def _cmd_notes(args: argparse.Namespace) -> int:
    from dutyledger._notes.command import notes_format, notes_output

    fmt = notes_format(args.format, args.output, reading=args.source is not None)
    if fmt == "xlsx" and args.output in {None, "-"} and sys.stdout.isatty():
        from dutyledger.exceptions import Problem, ReportError

        message = "the notes form is an xlsx file; expected -o FILE (调整说明.xlsx)"
        raise ReportError("notes", [Problem(where="--output", message=message)])
    old, new = _load(args.old), _load(args.new)
    _write(notes_output(old, new, source=args.source, fmt=fmt), args.output)
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


def _cmd_diff(args: argparse.Namespace) -> int:
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
        old, new = _load(args.old), _load(args.new)
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

            _write(dump_changeset(changes), args.output)
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
            _write(data, args.output)
    return EXIT_CHANGES if changes else EXIT_OK


def _cmd_match(args: argparse.Namespace) -> int:
    from dutyledger._matching.crosswalk import dump_crosswalk
    from dutyledger._matching.pairing import match

    old, new = _load(args.old), _load(args.new)
    crosswalk = _crosswalk(args.crosswalk, old, new)
    _write(dump_crosswalk(match(old, new, crosswalk=crosswalk, method=args.method)), args.output)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
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


def _usage_error(message: str) -> int:
    from dutyledger._edition.safe_text import visible

    print(f"dutyledger: {visible(message, keep=chr(10))}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _add_notes_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    notes = commands.add_parser(
        "notes",
        help="the 调整说明 form to fill in Excel/WPS, or the notes read back from it",
        description="Write the 调整说明 form (xlsx) for the adjustments of OLD → NEW, or read "
        "a filled one (--from) into a notes file (JSON). See docs/notes.md.",
    )
    notes.add_argument("old", help="the earlier edition (file or built-in name)")
    notes.add_argument("new", help="the later edition (file or built-in name)")
    notes.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="notes to read: a filled form (xlsx) or a notes file (JSON), told apart by content",
    )
    notes.add_argument(
        "--format",
        choices=["xlsx", "json"],
        help="xlsx (the form) or json (the notes file); default: by the suffix of -o, "
        "else json with --from and xlsx without",
    )
    notes.add_argument("-o", "--output", help="file to write (default: stdout)")
    notes.set_defaults(run=_cmd_notes)


def _refuse_input_as_output(args: argparse.Namespace) -> None:
    """Refuse ``-o`` naming a file the command reads (``diff IN IN -o IN``)."""
    output = getattr(args, "output", None)
    if not isinstance(output, str) or output == "-":
        return
    from dutyledger._edition.output import same_file
    from dutyledger.exceptions import OutputError, Problem

    for name in _INPUTS:
        given = getattr(args, name, None)
        for source in given if isinstance(given, list) else [given]:
            if isinstance(source, str) and Path(source).is_file() and same_file(output, source):
                option = "--" + name.replace("_", "-") if name in _OPTIONS else name.upper()
                message = (
                    f"is also the input {option} ({source}); writing it would destroy that "
                    "input; expected another path"
                )
                raise OutputError(output, [Problem(where="--output", message=message)])


class _Terminated(BaseException):
    """SIGTERM, raised where the program stands so that cleanup runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def _internal_error(exc: BaseException) -> int:
    """One line for a bug, with where to report it; the traceback only on request."""
    from dutyledger._edition.safe_text import visible

    if os.environ.get(_DEBUG):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    detail = visible(f"{type(exc).__name__}: {exc}")[:500]
    print(
        f"dutyledger: internal error ({detail}); this is a bug in dutyledger: please "
        f"report it to its maintainers with the command you ran and, if you can, the input "
        f"files (run again with {_DEBUG}=1 for the traceback)",
        file=sys.stderr,
    )
    return EXIT_SOFTWARE


def _broken_pipe() -> int:
    """The reader went away: say nothing, and keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


def _parser() -> argparse.ArgumentParser:  # noqa: PLR0915 (one block per command reads as the CLI's table of contents)
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
        "ingest",
        help="read a published list (.txt, .xlsx, .docx, .pdf) into an edition (JSON)",
        description="Read a published list into an edition. The kind of file is told by its "
        "content; docs/sources.md lists every accepted layout. Exit 2, writing nothing, "
        "if anything cannot be read; every problem is named by its line, cell or page.",
    )
    ingest.add_argument("source", help="the published list: .txt, .xlsx, .docx or .pdf")
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
    ingest.add_argument(
        "--encoding",
        help="a text source's encoding (utf-8, gb18030, utf-16 …); detected by default",
    )
    ingest.set_defaults(run=_cmd_ingest)

    export = commands.add_parser(
        "export",
        help="write an edition in the published layout (text, Excel, Word)",
        description="Write an edition in the published layout: tab-separated text, an Excel "
        "workbook (a sheet per list) or a Word document (cover, 说明, 目录, the lists). "
        "Staff start the next edition from it; `ingest` reads it back.",
    )
    export.add_argument("edition", help="edition file or built-in name")
    export.add_argument(
        "--format",
        choices=["tsv", "xlsx", "docx"],
        default="tsv",
        help="tsv, xlsx or docx (default: tsv); xlsx and docx need -o FILE",
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
        choices=["text", "json", "github", "sarif"],
        default="text",
        help="text, json, GitHub Actions annotations, or SARIF 2.1.0 (default: text)",
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
    check.add_argument(
        "--notes",
        metavar="FILE",
        help="with PATH = OLD NEW: also check their notes (JSON or filled xlsx; rules DL5xx)",
    )
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
    diff.add_argument(
        "--notes",
        metavar="FILE",
        help="调整理由, 调整依据 and 备注 to show: a notes file or a filled 调整说明 form",
    )
    diff.set_defaults(run=_cmd_diff)
    _add_notes_parser(commands)
    commands.choices["match"].set_defaults(run=_cmd_match)

    serve = commands.add_parser(
        "serve",
        help="a local web page for staff: compare, review, annotate, download",
        description="Serve the staff page over a folder of editions (docs/web.md). It binds "
        "127.0.0.1 unless --host says otherwise; another host requires --token.",
    )
    serve.add_argument(
        "--ledger",
        action="append",
        default=[],
        metavar="DIR",
        help="folder of edition files (repeatable; the first receives drafts and notes; "
        "default: ./editions)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--token",
        help="access token every request must carry; required off loopback "
        "(also read from DUTYLEDGER_TOKEN)",
    )
    serve.add_argument(
        "--max-upload",
        type=float,
        default=20,
        metavar="MB",
        help="largest upload accepted, in MB (default: 20)",
    )
    serve.set_defaults(run=_cmd_serve)

    # --- the ledger: log, blame, timeline, as-of (handlers in dutyledger._ledger.commands) ---
    from dutyledger._ledger.commands import add_commands as add_ledger_commands

    add_ledger_commands(commands, _write)
    return parser


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one return per outcome
    """Run the command line; return the exit status.

    0 all well; 1 the editions differ (``diff``) or findings (``check``); 2 bad
    input or usage; 70 an internal error (a bug); 130 Ctrl-C; 141 stdout
    closed by its reader; 143 SIGTERM. See ``docs/cli.md``.
    """
    import signal

    try:
        args = _parser().parse_args(argv)
    except KeyboardInterrupt:
        print("dutyledger: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    # After parsing: --version and --help exit there, without the records (attrs) that
    # the exceptions are made of.
    from dutyledger.exceptions import DutyLedgerError

    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave SIGTERM alone
        previous = None
    try:
        _refuse_input_as_output(args)
        status: int = args.run(args)
        sys.stdout.flush()
    except DutyLedgerError as exc:
        return _usage_error(str(exc))
    except BrokenPipeError:
        return _broken_pipe()
    except OSError as exc:
        return _usage_error(f"{exc.filename or ''}: {exc.strerror}")
    except KeyboardInterrupt:
        print("dutyledger: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        return EXIT_TERMINATED
    except Exception as exc:  # the last line of defence: one line, not a traceback
        return _internal_error(exc)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
