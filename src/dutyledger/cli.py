"""The ``dutyledger`` command line.

Thin by design: it parses arguments, calls the library, prints. Exit status 0
when all is well, 2 for bad input or usage (one message on stderr, no
traceback). Heavy modules are imported inside the command that uses them, so
``dutyledger --help`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dutyledger._version import __version__

if TYPE_CHECKING:
    from dutyledger._model import Edition
from dutyledger.exceptions import DutyLedgerError, MetadataError, Problem

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _write(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    from dutyledger._codec import write_atomic

    write_atomic(output, text)


def _load(source: str) -> Edition:
    from dutyledger._builtin import builtin_edition, builtin_edition_names
    from dutyledger._codec import load_edition

    if not Path(source).exists() and source in builtin_edition_names():
        return builtin_edition(source)
    return load_edition(Path(source))


def _cmd_summary(args: argparse.Namespace) -> int:
    from dutyledger._summary import format_summary

    _write(format_summary(_load(args.edition)), None)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from dutyledger._show import overview, overview_json, render_overview_terminal

    view = overview(_load(args.edition))
    if args.format == "json":
        _write(overview_json(view), args.output)
    else:
        _write(render_overview_terminal(view), args.output)
    return EXIT_OK


def _cmd_ingest(args: argparse.Namespace) -> int:
    from dutyledger._codec import dump_edition, load_edition
    from dutyledger._ingest import ingest_text, load_ingest_meta, meta_from_edition, read_published

    source = Path(args.source)
    meta_path = Path(args.meta) if args.meta else source.with_suffix(".toml")
    if not meta_path.is_file():
        message = (
            "no metadata file; expected a TOML file with [edition] and [[departments]] "
            "(docs/edition-format.md), named with --meta or beside the source as SOURCE.toml"
        )
        raise MetadataError(str(meta_path), [Problem(where="file", message=message)])
    if meta_path.suffix == ".json":
        meta = meta_from_edition(load_edition(meta_path))
    else:
        meta = load_ingest_meta(meta_path)
    edition = ingest_text(read_published(source), meta, name=str(source))
    _write(dump_edition(edition), args.output)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from dutyledger._export import export_tsv

    _write(export_tsv(_load(args.edition)), args.output)
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
    ingest.set_defaults(run=_cmd_ingest)

    export = commands.add_parser("export", help="write an edition back in the published layout")
    export.add_argument("edition", help="edition file or built-in name")
    export.add_argument(
        "--format", choices=["tsv"], default="tsv", help="output format (default: tsv)"
    )
    export.add_argument("-o", "--output", help="file to write (default: stdout)")
    export.set_defaults(run=_cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except DutyLedgerError as exc:
        return _usage_error(str(exc))
    except OSError as exc:
        return _usage_error(f"{exc.filename or ''}: {exc.strerror}")
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
