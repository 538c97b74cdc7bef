"""Output snapshots of cleannews on every dev input, and the pages two snapshots disagree on.

A refactor or a speed change must leave the output alone. This tool records, for every
dev input, the whole record cleannews gives (``Article.to_dict()``: body, metadata,
captions, every removal with its rule and evidence, warnings), so two snapshots taken
before and after a change show exactly which pages changed::

    python benchmarks/snapshot.py write /tmp/snap-before.jsonl      # on the old code
    python benchmarks/snapshot.py write /tmp/snap-after.jsonl       # on the new code
    python benchmarks/snapshot.py compare /tmp/snap-before.jsonl /tmp/snap-after.jsonl

`compare --ignore KEY` leaves out a key at any depth, to check that a change which adds a
field to every record changes nothing else.

Inputs (``INPUTS``): the HTML of every page of the three dev corpora (``scrapinghub``,
``wcxb``, ``readability``; see ``corpora.py``), the same pages as text (trafilatura's
high-recall extraction, as in ``quality.py``'s text mode, cached by trafilatura version
under ``benchmarks/.cache/snapshot-text-<version>/``), and the text seeds in
``../shared/seeds``. The snapshot is one JSON line per input, ``{"id": ..., "record":
...}``, in a fixed order with sorted keys, so the same code gives the same bytes in any
run.

Held-out wcxb pages (see ``corpora.py``) are flagged in the snapshot, and ``compare``
gives their count of changed pages, never their ids or records: nobody reads them while
designing. HTML extraction gets a budget of ``HTML_TIME_BUDGET`` seconds, so that a loaded
machine does not turn a slow page into a fallback and a false change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

try:  # ``python -m benchmarks.snapshot`` from the repo root
    from benchmarks.corpora import BENCH_ROOT, CORPORA, load
except ImportError:  # ``python benchmarks/snapshot.py``
    from corpora import BENCH_ROOT, CORPORA, load

BENCH_DIR = Path(__file__).resolve().parent
SEEDS = (BENCH_ROOT / ".." / "seeds").resolve()
MODES = ("html", "text")


@dataclass(frozen=True)
class Input:
    """One input of the snapshot: ``id`` is ``<mode>/<corpus>/<page id>``."""

    id: str
    mode: str
    held_out: bool
    page: bytes | str


def inputs(corpora: Sequence[str], modes: Sequence[str], limit: int | None) -> Iterator[Input]:
    """Every input in snapshot order: corpus by corpus, each page in HTML then as text."""
    for corpus in corpora:
        for page in load(corpus)[:limit]:
            if "html" in modes:
                yield Input(f"html/{page.key}", "html", page.held_out, page.html)
            if "text" in modes:
                text = noisy_text(page.key, page.html)
                yield Input(f"text/{page.key}", "text", page.held_out, text)
    if "text" in modes and SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt"))[:limit]:
            yield Input(f"text/seeds/{path.stem}", "text", False, path.read_text("utf-8"))


def noisy_text(key: str, html: bytes) -> str:
    """trafilatura's high-recall text of a page (as `quality.py`'s text mode), cached."""
    import trafilatura

    cache = BENCH_DIR / ".cache" / f"snapshot-text-{trafilatura.__version__}" / f"{key}.txt"
    if cache.exists():
        return cache.read_bytes().decode("utf-8")
    text = trafilatura.extract(
        html.decode("utf-8", errors="replace"),
        favor_recall=True,
        include_comments=True,
        include_tables=True,
        deduplicate=False,
    )
    text = text or ""
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, cache)  # atomic: an interrupted run leaves no truncated entry
    return text


#: Seconds the HTML extraction may take per page. The default budget (10 s) is met on an
#: idle machine, but a loaded one can run over it on a large page and take the fallback:
#: that would be a change of the machine, not of the code.
HTML_TIME_BUDGET = 600.0


@cache
def _pipeline() -> Any:
    import cleannews

    return cleannews.default_pipeline(cleannews.CleanConfig(html_time_budget=HTML_TIME_BUDGET))


def record_of(item: Input) -> dict[str, Any]:
    """The snapshot line of one input (held-out pages are flagged: never shown)."""
    try:
        record: Any = _pipeline().clean(item.page, kind=item.mode).to_dict()
    except Exception as error:  # a crash is output too: it must show up as a change
        record = {"error": f"{type(error).__name__}: {error}"}
    if item.held_out:
        return {"id": item.id, "held_out": True, "record": record}
    return {"id": item.id, "record": record}


def write(out: Path, corpora: Sequence[str], modes: Sequence[str], limit: int | None) -> int:
    """Write the snapshot; returns the number of inputs."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for item in inputs(corpora, modes, limit):
            line = json.dumps(record_of(item), sort_keys=True, ensure_ascii=False)
            handle.write(line + "\n")
            count += 1
    return count


def read(path: Path, ignore: frozenset[str] = frozenset()) -> dict[str, dict[str, Any]]:
    """A snapshot file as id -> its line, without the keys named in `ignore` at any depth
    (fields that a change adds to every record, so the rest can be compared)."""
    found: dict[str, dict[str, Any]] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            entry = _without(json.loads(line), ignore)
            found[entry["id"]] = entry
    return found


def _without(value: Any, ignore: frozenset[str]) -> Any:
    if not ignore:
        return value
    if isinstance(value, dict):
        return {k: _without(v, ignore) for k, v in value.items() if k not in ignore}
    if isinstance(value, list):
        return [_without(v, ignore) for v in value]
    return value


@dataclass(frozen=True)
class Comparison:
    """What differs between two snapshots."""

    changed: tuple[str, ...]
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]
    held_out_changed: int
    compared: int

    @property
    def identical(self) -> bool:
        return not (self.changed or self.only_before or self.only_after or self.held_out_changed)


def compare(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> Comparison:
    """The inputs whose line differs, and those present in only one snapshot."""
    changed: list[str] = []
    held_out = 0
    for key in sorted(set(before) & set(after)):
        if before[key] != after[key]:
            if before[key].get("held_out") or after[key].get("held_out"):
                held_out += 1
            else:
                changed.append(key)
    return Comparison(
        changed=tuple(changed),
        only_before=tuple(k for k in sorted(set(before) - set(after)) if not _held(before[k])),
        only_after=tuple(k for k in sorted(set(after) - set(before)) if not _held(after[k])),
        held_out_changed=held_out,
        compared=len(set(before) & set(after)),
    )


def _held(entry: dict[str, Any]) -> bool:
    return bool(entry.get("held_out"))


def record_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The top-level record keys that differ, for a short description of a changed page."""
    a, b = old.get("record") or {}, new.get("record") or {}
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def report(result: Comparison, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The lines `compare` prints."""
    lines = [
        f"compared {result.compared} inputs: {len(result.changed)} changed, "
        f"{result.held_out_changed} held-out changed (ids not shown), "
        f"{len(result.only_before)} only in before, {len(result.only_after)} only in after"
    ]
    for key in result.changed:
        lines.append(f"changed {key}: {', '.join(record_changes(before[key], after[key]))}")
    lines.extend(f"only in before: {key}" for key in result.only_before)
    lines.extend(f"only in after: {key}" for key in result.only_after)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write a snapshot of the current code's output")
    w.add_argument("out", type=Path)
    w.add_argument("--corpus", action="append", choices=CORPORA, help="default: all")
    w.add_argument("--mode", action="append", choices=MODES, help="default: both")
    w.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    c = sub.add_parser("compare", help="print the inputs two snapshots disagree on")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="KEY",
        help="leave out this key at any depth (a field the change adds); repeatable",
    )
    args = parser.parse_args(argv)
    if args.command == "write":
        count = write(args.out, args.corpus or CORPORA, args.mode or MODES, args.limit)
        print(f"wrote {count} inputs to {args.out}")
        return 0
    ignore = frozenset(args.ignore)
    before, after = read(args.before, ignore), read(args.after, ignore)
    result = compare(before, after)
    print("\n".join(report(result, before, after)))
    return 0 if result.identical else 1


if __name__ == "__main__":
    sys.exit(main())
