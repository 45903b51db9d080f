"""The argument parser of ``dutyledger``: one block per command, the CLI's table of contents."""

from __future__ import annotations

import argparse
from pathlib import Path

from dutyledger._cli.commands import (
    cmd_check,
    cmd_diff,
    cmd_export,
    cmd_ingest,
    cmd_match,
    cmd_notes,
    cmd_serve,
    cmd_show,
    cmd_summary,
    write,
)
from dutyledger._version import __version__

__all__ = ["build_parser", "refuse_input_as_output"]

_INPUTS = ("edition", "old", "new", "source", "meta", "based_on", "crosswalk", "ledger")
"""The arguments that name input files; ``-o`` may be none of them."""
_OPTIONS = frozenset({"meta", "based_on", "crosswalk", "ledger"})


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
    notes.set_defaults(run=cmd_notes)


def refuse_input_as_output(args: argparse.Namespace) -> None:
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


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 (one block per command reads as the CLI's table of contents)
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
    summary.set_defaults(run=cmd_summary)

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
    show.set_defaults(run=cmd_show)

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
    ingest.set_defaults(run=cmd_ingest)

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
    export.set_defaults(run=cmd_export)

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
    check.set_defaults(run=cmd_check)

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
    diff.set_defaults(run=cmd_diff)
    _add_notes_parser(commands)
    commands.choices["match"].set_defaults(run=cmd_match)

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
    serve.set_defaults(run=cmd_serve)

    # --- the ledger: log, blame, timeline, as-of (handlers in dutyledger._ledger.commands) ---
    from dutyledger._ledger.commands import add_commands as add_ledger_commands

    add_ledger_commands(commands, write)
    return parser
