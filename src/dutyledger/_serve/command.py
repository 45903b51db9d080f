"""``dutyledger serve``: check the options, then run the app under uvicorn."""

from __future__ import annotations

import ipaddress
import secrets
import sys
from pathlib import Path

from dutyledger._extras import require
from dutyledger.exceptions import DutyLedgerError, Problem

__all__ = ["ServeError", "is_loopback", "serve"]


class ServeError(DutyLedgerError, ValueError):
    """``dutyledger serve`` asked for something it will not do."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(problems)

    def __str__(self) -> str:
        return "; ".join(f"{p.where}: {p.message}" for p in self.problems)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    folders: list[Path],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    upload_limit: int,
) -> None:
    """Serve the staff page until interrupted.

    Raises:
        ServeError: A folder is missing, or another host is asked for without ``--token``.
        MissingExtraError: The ``web`` extra is not installed.
    """
    problems = [
        Problem(where=str(f), message="not a folder; expected a folder of edition files")
        for f in folders
        if not f.is_dir()
    ]
    if not is_loopback(host) and not token:
        problems.append(
            Problem(
                where="--host",
                message=f"{host} is reachable from other machines; expected --token "
                f"(e.g. --token {secrets.token_urlsafe(16)}) so that only staff with the link get in",
            )
        )
    if upload_limit <= 0:
        problems.append(Problem(where="--max-upload", message="expected a positive size in MB"))
    if problems:
        raise ServeError(problems)
    uvicorn = require("uvicorn", extra="web", feature="dutyledger serve")
    require("starlette", extra="web", feature="dutyledger serve")
    require("jinja2", extra="web", feature="dutyledger serve")
    require("python_multipart", extra="web", feature="dutyledger serve (uploads)")
    from dutyledger._serve.app import create_app

    app = create_app(*folders, token=token, upload_limit=upload_limit)
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"dutyledger serve: {link}  (Ctrl-C stops it)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
