"""A safe output file for the command line: checked up front, written beside, renamed last.

A job that is killed, interrupted or fails half-way must never leave a file that looks
complete, and must never destroy what it reads. So the output is:

* checked before any page is read: not a directory, its folder exists, it is not one of
  the inputs (nor a page file inside an input folder), and it does not exist yet unless
  the caller allows overwriting;
* written to a hidden temporary file in the same folder (same file system, so the final
  rename is atomic);
* renamed to its name only when the run succeeded, or to `NAME.partial` when it did not
  (interrupted, or stopped at a failing page), so the partial data is kept under a name
  that says what it is.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


class OutputError(Exception):
    """The output cannot be written where asked (a usage error: nothing was read yet)."""


def infer_format(output: str, requested: str | None) -> str:
    """`requested`, or the format the output's extension names (`.parquet`/`.pq`), else JSONL."""
    if requested is not None:
        return requested
    name = output.lower()
    return "parquet" if name.endswith((".parquet", ".pq")) else "jsonl"


def check_output(
    output: str,
    inputs: Sequence[str],
    *,
    overwrite: bool,
    would_be_read: Callable[[Path], bool],
) -> Path:
    """The output path, or an `OutputError` saying in one line why it cannot be written.

    `would_be_read(path)` says whether a file of that name inside an input folder would be
    read as an input (then writing it there would feed the output back in next time).
    """
    path = Path(output)
    if path.is_dir():
        raise OutputError(f"output {output} is a directory; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"output folder {folder} does not exist")
    target = path.resolve()
    for name in inputs:
        if name == "-":
            continue
        source = Path(name)
        if _same_file(source, path):
            raise OutputError(f"output {output} is also an input; choose another output file")
        if source.is_dir() and target.is_relative_to(source.resolve()) and would_be_read(path):
            raise OutputError(
                f"output {output} is inside input folder {name} and would be read as a page"
            )
    if path.exists() and not overwrite:
        raise OutputError(f"output {output} exists; use --overwrite to replace it")
    return path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


class AtomicOutput:
    """A temporary file beside `path`, renamed to `path` on success or `path.partial` if not."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"cannot write in {path.parent}: {exc.strerror or exc}") from None
        os.close(fd)
        self.temp = Path(temp)
        _set_default_mode(self.temp)
        self.final: Path | None = None

    @property
    def partial(self) -> Path:
        return self.path.with_name(self.path.name + PARTIAL_SUFFIX)

    def commit(self) -> Path:
        """Move the finished file into place."""
        os.replace(self.temp, self.path)
        self.final = self.path
        return self.path

    def keep_partial(self) -> Path:
        """Keep what was written under `NAME.partial` (never under the real name)."""
        os.replace(self.temp, self.partial)
        self.final = self.partial
        return self.partial

    def discard(self) -> None:
        """Remove the temporary file (nothing worth keeping was written)."""
        self.temp.unlink(missing_ok=True)


def _set_default_mode(path: Path) -> None:
    """mkstemp makes the file private (0600); an output gets the usual mode (umask applied)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


__all__ = [
    "PARTIAL_SUFFIX",
    "AtomicOutput",
    "OutputError",
    "check_output",
    "infer_format",
]
