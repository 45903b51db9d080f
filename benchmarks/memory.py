"""The peak resident memory of this process, for the benchmarks that measure it in a child.

``ru_maxrss`` is inherited by a child: after ``fork`` and ``exec`` it starts at the parent's
high-water mark (a parent holding 800 MiB makes every child report at least 800 MiB). Linux's
``VmHWM`` (``/proc/self/status``) belongs to the process's own memory and starts afresh at
``exec``; it is used where it exists, ``ru_maxrss`` elsewhere.
"""

from __future__ import annotations

import resource
from pathlib import Path

__all__ = ["peak_mib"]


def peak_mib() -> float:
    """The peak resident memory of this process in MiB (VmHWM, else ru_maxrss)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
