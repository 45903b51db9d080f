"""Output targets (``-o``) and exit statuses: nothing is destroyed, nothing half-written."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dutyledger
from conftest import EDITIONS, ROOT
from dutyledger._edition.codec import write_atomic
from dutyledger.cli import main

SEED = EDITIONS / "2025-01.json"
EXAMPLE = ROOT / "examples" / "2026-01-illustrative.json"


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    """`-o LINK` replaces the file the link points to; the link stays a link."""
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    """A named pipe stays a pipe, and its reader gets the bytes."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE) as reader:
        write_atomic(fifo, "through the pipe")
        out, _ = reader.communicate(timeout=10)
    assert out == b"through the pipe"
    assert fifo.is_fifo()


def test_a_character_device_is_written_through() -> None:
    """`-o /dev/zero` is written to, never replaced (as root a rename used to replace a device).

    /dev/zero is used, not /dev/null: on a shared machine an older dutyledger may have turned
    /dev/null into a regular file, which is what this test guards against.
    """
    device = "/dev/zero"
    before = os.stat(device)
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip(f"{device} is not a character device on this machine")
    assert main(["export", str(SEED), "-o", device]) == 0
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_stdout_writes_to_the_descriptor(tmp_path: Path) -> None:
    """`-o /dev/stdout` into a pipe, and appended after what `>>` already holds."""
    command = [sys.executable, "-m", "dutyledger", "export", str(SEED), "-o", "/dev/stdout"]
    piped = subprocess.run(command, capture_output=True, check=False)
    assert piped.returncode == 0
    assert piped.stdout == dutyledger.export_tsv(dutyledger.load_edition(SEED)).encode()
    target = tmp_path / "log.tsv"
    target.write_bytes(b"earlier\n")
    with target.open("ab") as handle:
        done = subprocess.run(command, stdout=handle, check=False)
    assert done.returncode == 0
    assert target.read_bytes() == b"earlier\n" + piped.stdout


def test_a_read_only_target_is_refused(tmp_path: Path) -> None:
    """A file without write permission is refused (even for root), and left intact."""
    target = tmp_path / "kept.tsv"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(dutyledger.OutputError, match="read-only") as caught:
        write_atomic(target, "new")
    assert caught.value.source == str(target)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_hard_linked_target_is_refused(tmp_path: Path) -> None:
    """Replacing a file with two links would silently split them; it is refused."""
    target = tmp_path / "a.tsv"
    target.write_text("shared", encoding="utf-8")
    os.link(target, tmp_path / "b.tsv")
    with pytest.raises(dutyledger.OutputError, match="hard links"):
        write_atomic(target, "new")
    assert (tmp_path / "b.tsv").read_text(encoding="utf-8") == "shared"


def test_a_directory_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`-o DIR` (or `-o DIR/`): exit 2 and a message naming it, nothing written in it."""
    assert main(["export", str(SEED), "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["export", str(SEED), "-o", f"{tmp_path}/new/"]) == 2
    assert "path separator" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "IN", "OTHER", "-o", "IN"],
        ["diff", "OTHER", "IN", "-o", "IN"],
        ["match", "IN", "OTHER", "-o", "IN"],
        ["export", "IN", "-o", "IN"],
        ["show", "IN", "--format", "json", "-o", "IN"],
        ["diff", "OTHER", "OTHER", "--crosswalk", "IN", "-o", "IN"],
    ],
)
def test_output_equal_to_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """`diff IN IN -o IN` used to overwrite the edition with the report; every command refuses."""
    edition = tmp_path / "in.json"
    shutil.copyfile(SEED, edition)
    link = tmp_path / "link.json"
    link.symlink_to(edition)
    names = {"IN": str(edition), "OTHER": str(SEED)}
    for output in (str(edition), str(link)):
        args = [names.get(a, a) for a in argv]
        args[-1] = output
        assert main(args) == 2
        assert "is also the input" in capsys.readouterr().err
    assert edition.read_bytes() == SEED.read_bytes()


def test_ingest_output_equal_to_its_source_is_refused(tmp_path: Path) -> None:
    """`ingest SRC -o SRC` would replace the published text with JSON."""
    source = tmp_path / "2025-01.txt"
    shutil.copyfile(EDITIONS / "sources" / "2025-01.txt", source)
    shutil.copyfile(EDITIONS / "sources" / "2025-01.toml", tmp_path / "2025-01.toml")
    before = source.read_bytes()
    assert main(["ingest", str(source), "-o", str(source)]) == 2
    assert source.read_bytes() == before


def test_an_existing_output_stays_intact_when_the_run_fails(tmp_path: Path) -> None:
    """A run that fails (a broken edition) leaves the old report as it was."""
    target = tmp_path / "report.md"
    target.write_text("the old report", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "dutyledger.edition/1"}', encoding="utf-8")
    assert main(["diff", str(SEED), str(broken), "--format", "md", "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "report.md"]


def test_a_failed_write_names_the_target_not_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Disk full while writing: exit 2, the message names `-o`'s path, the old file is kept."""
    target = tmp_path / "out.tsv"
    target.write_text("old", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dutyledger._edition.output.os.fsync", full)
    assert main(["export", str(SEED), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target}: not a valid output target" in err
    assert "No space left on device" in err
    assert ".tmp" not in err
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tsv"]


_SLOW_WRITE = textwrap.dedent(
    """
    import os, sys, time
    def slow(fd):
        sys.stderr.write("writing\\n")
        sys.stderr.flush()
        time.sleep(60)
    os.fsync = slow
    from dutyledger.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize(
    ("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_a_signal_mid_write_leaves_no_partial_file(
    tmp_path: Path, sig: signal.Signals, status: int
) -> None:
    """Ctrl-C or SIGTERM while the file is being written: old file intact, no temp, no traceback."""
    target = tmp_path / "report.md"
    target.write_text("the old report", encoding="utf-8")
    argv = ["diff", str(SEED), str(EXAMPLE), "--format", "md", "-o", str(target)]
    with subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, *argv],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    ) as child:
        assert child.stderr is not None
        assert child.stderr.readline() == "writing\n"  # the temporary file exists now
        assert len(list(tmp_path.iterdir())) == 2
        child.send_signal(sig)
        rest = child.stderr.read()
        assert child.wait(timeout=30) == status
    assert "Traceback" not in rest
    assert target.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_an_internal_error_exits_70_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is not a finding: exit 70 (EX_SOFTWARE), one line asking for a report, no traceback."""

    def broken(*args: object, **kwargs: object) -> str:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("dutyledger._published.tsv.export_tsv", broken)
    monkeypatch.delenv("DUTYLEDGER_DEBUG", raising=False)
    assert main(["export", str(SEED)]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error (ZeroDivisionError: division by zero)" in err
    assert "report it" in err
    monkeypatch.setenv("DUTYLEDGER_DEBUG", "1")
    assert main(["export", str(SEED)]) == 70
    assert "Traceback" in capsys.readouterr().err


def test_a_closed_pipe_is_quiet() -> None:
    """`dutyledger export … | head -0`: the reader leaves; no traceback, exit 141."""
    with subprocess.Popen(
        [sys.executable, "-m", "dutyledger", "export", str(SEED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None
        assert child.stderr is not None
        child.stdout.close()
        err = child.stderr.read().decode()
        assert child.wait(timeout=60) == 141
    assert err == ""


def test_python_m_dutyledger_returns_the_exit_status(tmp_path: Path) -> None:
    """`python -m dutyledger` exits with the command's status, not always 0."""
    done = subprocess.run(
        [sys.executable, "-m", "dutyledger", "export", str(tmp_path / "missing.json")],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
