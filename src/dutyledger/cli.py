"""The ``dutyledger`` command line.

Thin by design: it parses arguments, calls the library, prints. Exit status 0
when all is well, 2 for bad input or usage (one message on stderr, no
traceback). Heavy modules are imported inside the command that uses them, so
``dutyledger --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from dutyledger._cli.exits import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_SOFTWARE,
    EXIT_TERMINATED,
)
from dutyledger._cli.parser import build_parser, refuse_input_as_output

__all__ = ["main"]

_DEBUG = "DUTYLEDGER_DEBUG"


def _usage_error(message: str) -> int:
    from dutyledger._edition.safe_text import visible

    print(f"dutyledger: {visible(message, keep=chr(10))}", file=sys.stderr)
    return EXIT_BAD_INPUT


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


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one return per outcome
    """Run the command line; return the exit status.

    0 all well; 1 the editions differ (``diff``) or findings (``check``); 2 bad
    input or usage; 70 an internal error (a bug); 130 Ctrl-C; 141 stdout
    closed by its reader; 143 SIGTERM. See ``docs/cli.md``.
    """
    import signal

    try:
        args = build_parser().parse_args(argv)
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
        refuse_input_as_output(args)
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
