"""Ctrl-C on `cleannews clean --workers 2`, as a terminal sends it: SIGINT to the whole
foreground process group, the pool's workers included (issue 16).

The command runs in a subprocess in its own session, and the test waits (polling, never
a timing assertion) until the run has reached the moment under test before it sends
SIGINT to the group: the pool's workers starting up, or pages already written. Then one
line on stderr, the output kept as OUT.partial, exit code 130, and no worker left.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleannews.cli import EXIT_INTERRUPTED

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="process groups and /proc: Linux only"
)

PAGES = 3000  # far more than get cleaned before the interrupt: the run never ends first
PARAGRAPH = (
    "The council voted on Tuesday to approve the budget after a long debate, officials said."
)
LIMIT = 120.0  # generous: only a hang reaches it


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return []
    found: list[int] = []
    for task in tasks:
        try:
            found += [int(n) for n in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def _workers(pid: int) -> list[int]:
    """The pool's worker processes (not multiprocessing's resource tracker)."""
    found = []
    for child in _children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(child)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _alive(pid: int) -> bool:
    """Running, not a zombie (a reaped or orphaned-and-reaped worker is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_for(condition, proc: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the run ended (exit {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"no {what} within {LIMIT} s")
        time.sleep(0.01)


def _as_a_terminal_job() -> None:
    """SIGINT at its default in the child, as in a job a terminal starts. A test run
    launched in the background (`cmd &` in a shell without job control, `nohup`) inherits
    SIGINT ignored, and Python then installs no Ctrl-C handler: the command under test
    would rightly go on, and the test would measure the launcher, not the command."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _folder(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(PAGES):
        text = f"Council approves budget number {n}\nBy Jane Doe\n\n" + "\n\n".join([PARAGRAPH] * 6)
        (pages / f"p{n:05d}.txt").write_text(text, encoding="utf-8")
    return pages


@pytest.mark.parametrize("moment", ["workers-starting", "pages-written"])
def test_ctrl_c_with_two_workers_is_one_line_a_partial_file_and_exit_130(tmp_path, moment):
    pages = _folder(tmp_path)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleannews", "clean", str(pages), "-o", str(out), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal job is
        preexec_fn=_as_a_terminal_job,
    )
    workers: list[int] = []
    try:

        def temp_files() -> list[Path]:
            return list(tmp_path.glob(".out.jsonl.*.tmp"))

        if moment == "workers-starting":  # spawned and importing (0.1 s of CPU each)
            _wait_for(
                lambda: (
                    len(found := _workers(proc.pid)) == 2
                    and all(_cpu_seconds(pid) >= 0.1 for pid in found)
                ),
                proc,
                "two workers starting",
            )
        else:
            _wait_for(
                lambda: any(f.stat().st_size > 0 for f in temp_files()), proc, "pages written"
            )
        workers = _workers(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does
        _, err_bytes = proc.communicate(timeout=LIMIT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = err_bytes.decode("utf-8", "replace")
    partial = tmp_path / "out.jsonl.partial"
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert re.fullmatch(
        rf"cleannews: interrupted after \d+ pages; partial output kept in {re.escape(str(partial))}\n",
        err,
    ), err
    assert "Traceback" not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl.partial", "pages"]
    lines = partial.read_text("utf-8").splitlines()
    assert len(lines) < PAGES
    assert all(json.loads(line)["id"].startswith(str(pages)) for line in lines)
    deadline = time.monotonic() + LIMIT  # the workers end with the run
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]
