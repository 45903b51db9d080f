"""Output targets: what ``-o PATH`` may be, and how each kind is written.

Every file dutyledger writes goes through :func:`write_target` (by way of
:func:`dutyledger._edition.codec.write_atomic`). The rules, in
``docs/reliability.md`` ("Hostile input and output targets"):

* a symbolic link is followed, the file it points to replaced, the link kept;
* a character device or a FIFO is written through (``-o /dev/null``,
  ``-o >(gzip > x.gz)``), never replaced; so is a file descriptor named by path
  (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``), whatever it is open on, by
  appending to it as a write to that descriptor would;
* a directory, a socket, a block device, a read-only file, a file with several
  hard links, and a path ending in ``/`` are refused with an :class:`OutputError`;
* a regular file is replaced atomically: the content goes to a temporary file
  in the same folder, is flushed to disk and renamed over the target, so the
  target holds the old content or the new, never half. On any failure
  (including Ctrl-C or SIGTERM) the temporary file is removed.

:func:`same_file` tells whether an output path names an input, which every
command refuses.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from dutyledger.exceptions import OutputError, Problem

__all__ = ["same_file", "write_target"]


_DESCRIPTOR = re.compile(r"^/(?:proc/[^/]+|dev)/fd/\d+$")


def _names_a_descriptor(name: str) -> bool:
    """Whether a path is, or links to, a file descriptor (``/dev/stdout`` → ``/proc/self/fd/1``)."""
    path = os.path.abspath(name)
    for _ in range(40):  # the kernel's own limit on links followed
        if _DESCRIPTOR.match(path):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return False


def _refuse(name: str, message: str) -> OutputError:
    return OutputError(name, [Problem(where="output", message=message)])


def _mode_for_new() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def same_file(output: str | os.PathLike[str], source: str | os.PathLike[str]) -> bool:
    """Whether writing ``output`` would overwrite the file ``source`` (links followed)."""
    try:
        return os.path.samefile(output, source)
    except OSError:
        return os.path.realpath(output) == os.path.realpath(source)


def _write_through(name: str, target: str, data: bytes) -> None:
    try:
        with open(target, "ab") as handle:  # append: never truncate what a descriptor holds
            handle.write(data)
    except BrokenPipeError:
        raise  # the reader went away: the command line ends quietly (exit 141)
    except OSError as exc:
        raise _refuse(name, f"cannot be written: {exc.strerror}") from None


def _replace(name: str, target: Path, data: bytes, mode: int) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        message = f"cannot be written: {exc.strerror} (in the folder {target.parent})"
        raise _refuse(name, message) from None
    try:
        # mkstemp makes the file private (0600); the result gets the mode a new
        # file would get, or the mode of the file it replaces.
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _refuse(name, f"cannot be written: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_target(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to an output target by the rules of this module.

    Raises:
        OutputError: The target is refused or cannot be written; it names
            ``path`` as given.
    """
    name = os.fspath(path)
    if name.endswith(("/", os.sep)):
        raise _refuse(name, "ends with a path separator; expected a file path, not a folder")
    if _names_a_descriptor(name):
        _write_through(name, name, data)
        return
    real = Path(os.path.realpath(name))
    try:
        info: os.stat_result | None = real.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refuse(name, f"cannot be examined: {exc.strerror}") from None
    if info is None:
        if not real.parent.is_dir():
            raise _refuse(name, f"the folder {real.parent} does not exist")
        _replace(name, real, data, _mode_for_new())
        return
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise _refuse(name, "is a directory; expected a file path")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_through(name, str(real), data)
        return
    if not stat.S_ISREG(mode):
        raise _refuse(name, "is a socket or a block device; expected a file path")
    if not mode & 0o222:
        raise _refuse(name, "is read-only; make it writable or choose another path")
    if info.st_nlink > 1:
        message = (
            f"has {info.st_nlink} hard links; replacing it would break them; "
            "expected a file with one link"
        )
        raise _refuse(name, message)
    _replace(name, real, data, stat.S_IMODE(mode))
