"""The `cleannews` command: clean pages in bulk, or explain one page line by line.

    cleannews clean INPUT... [-o OUT] [--format jsonl|parquet] [--workers N] [--keep-going]
    cleannews explain PAGE [--color/--no-color]

`clean` reads text and HTML files, directories (recursively: .txt, .html, .htm and the
.gz of those; other files are skipped and counted), JSON Lines (.jsonl, .ndjson,
optionally .gz), WARC files (.warc, .warc.gz: response records of HTML or text; needs the
`warc` extra) and `-` (stdin, one page). It writes one JSON line per article (`id`,
`story` and every `Article.to_dict()` field) or, with `--keep-going`, one error line per
page that failed. Every input page gives at least one line. A summary goes to stderr at
the end, and a progress line while running when stderr is a terminal.

The output file is written beside its name and renamed into place only when the run
succeeds; an interrupted or stopped run keeps what it wrote as OUT.partial. Exit codes:
0 every page cleaned, 1 stopped at a failing page, 2 usage or input error, 3 finished
with failed pages (--keep-going), 130 interrupted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cleannews.batch import BatchResult, clean_many
from cleannews.outfile import AtomicOutput, OutputError, check_output, infer_format
from cleannews.pipeline import Pipeline, default_pipeline
from cleannews.readers import (
    DEFAULT_MAX_PAGE_BYTES,
    ReadOptions,
    ReadStats,
    Source,
    is_page_file,
    is_warc,
    iter_inputs,
    read_bounded,
    read_page_file,
    total_bytes,
)

# Exit codes (the table is in docs/etl.md).
EXIT_OK = 0  # every page cleaned
EXIT_STOPPED = 1  # a page failed and the run stopped there (no --keep-going), or writing failed
EXIT_USAGE = 2  # usage or input error: nothing was cleaned
EXIT_FAILURES = 3  # --keep-going: the run finished, but some pages failed (error lines written)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


class UsageError(Exception):
    """A problem with the command line or the environment (exit code 2)."""


def require_warcio() -> None:
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise UsageError(
            "reading WARC files needs the warcio package: pip install 'cleannews[warc]'"
        ) from None


# -- writing results ---------------------------------------------------------------------------


def result_lines(result: BatchResult) -> list[dict[str, Any]]:
    """The JSON objects written for one page: one per article, or one error object.

    Each carries the page's `id`, its `source` (file, line or record number, WARC offset,
    record id and target URI) and `input_url` (the URL the input gave, next to the
    record's `url`, which the page's canonical URL may have replaced).
    """
    source = result.id if isinstance(result.id, Source) else Source(result.id)
    where = {"id": source.id, "source": source.location()}
    if result.error is not None:
        return [{**where, "input_url": source.input_url, "error": result.error.to_dict()}]
    return [
        {**where, "story": story, **_with_input_url(article.to_dict(), source.input_url)}
        for story, article in enumerate(result.articles)
    ]


def _with_input_url(record: dict[str, Any], input_url: str | None) -> dict[str, Any]:
    """The record with `input_url` placed right after `url`."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        out[key] = value
        if key == "url":
            out["input_url"] = input_url
    return out


class JsonlWriter:
    """One JSON object per line (see `result_lines`)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, result: BatchResult) -> None:
        for obj in result_lines(result):
            self.stream.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        self.stream.flush()


class ParquetWriter:
    """Rows of `cleannews.tabular`'s schema, written in row groups."""

    def __init__(self, path: str, group_rows: int = 2000) -> None:
        import pyarrow.parquet as pq

        from cleannews.tabular import arrow_schema

        self.writer = pq.ParquetWriter(path, arrow_schema())
        self.rows: list[dict[str, Any]] = []
        self.group_rows = group_rows

    def write(self, result: BatchResult) -> None:
        from cleannews.tabular import result_rows

        self.rows.extend(result_rows(result))
        if len(self.rows) >= self.group_rows:
            self._flush()

    def _flush(self) -> None:
        from cleannews.tabular import to_record_batch

        if self.rows:
            self.writer.write_batch(to_record_batch(self.rows))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


Writer = JsonlWriter | ParquetWriter


# -- progress and summary ----------------------------------------------------------------------


@dataclass
class Tally:
    pages: int = 0
    articles: int = 0
    split: int = 0
    errors: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: BatchResult) -> None:
        self.pages += 1
        if result.error is not None:
            self.errors += 1
            return
        self.articles += len(result.articles)
        self.split += len(result.articles) > 1
        for article in result.articles:
            self.rules.update(removal.rule for removal in article.removed)

    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.pages / elapsed if elapsed > 0 else 0.0

    def progress(self) -> str:
        return (
            f"{self.pages} pages  {self.rate():.1f} pages/s  "
            f"{self.articles} articles  {self.errors} failed"
        )

    def summary(self, stats: ReadStats, top: int = 5, names: int = 3) -> str:
        """Counts of everything read: pages, articles, failed pages, skipped files and records."""
        lines = [
            f"pages {self.pages}, articles {self.articles}, pages split {self.split}, "
            f"failed pages {self.errors}, files skipped {len(stats.skipped_files)}"
            + (f", non-page WARC records skipped {stats.skipped}" if stats.skipped else "")
            + f" ({self.rate():.1f} pages/s)"
        ]
        if stats.skipped_files:
            shown = ", ".join(stats.skipped_files[:names])
            more = len(stats.skipped_files) - names
            lines.append(
                f"skipped (not a page file): {shown}" + (f" and {more} more" if more > 0 else "")
            )
        if self.errors:
            lines.append(f"{self.errors} pages failed: see the error lines (exit code 3)")
        if self.rules:
            common = ", ".join(f"{rule} {n}" for rule, n in self.rules.most_common(top))
            lines.append(f"top removal rules: {common}")
        return "\n".join(lines)


class Progress:
    """A self-overwriting line on stderr, at most a few times a second (TTY only), with the
    share of the input read and the time left when the input's size is known.

    Why not tqdm or rich: one line with a known format is all the command needs, and a
    dependency of the core package for it is not worth it. It is never shown when the
    output goes to the same terminal (it would be glued onto the JSON lines).
    """

    def __init__(
        self,
        stream: IO[str],
        enabled: bool,
        stats: ReadStats | None = None,
        total: int | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.stream = stream
        self.enabled = enabled
        self.stats = stats
        self.total = total
        self.clock = clock
        self.started = clock()
        self.last = -1.0
        self.shown = False

    def update(self, tally: Tally) -> None:
        now = self.clock()
        if self.enabled and (self.last < 0 or now - self.last >= 0.25):
            self.last = now
            self.stream.write("\r\x1b[K" + tally.progress() + self.eta(now))
            self.stream.flush()
            self.shown = True

    def eta(self, now: float) -> str:
        """ "  37% of 1.2 MB, ETA 0:01:23" (empty when the total is unknown)."""
        if self.stats is None or not self.total:
            return ""
        share = min(self.stats.bytes_read() / self.total, 1.0)
        text = f"  {share:.0%} of {_size(self.total)}"
        if share > 0:
            left = (now - self.started) * (1 - share) / share
            text += f", ETA {_duration(left)}"
        return text

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"  # pragma: no cover - the loop always returns


def _duration(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# -- commands ----------------------------------------------------------------------------------


def _pipeline(config_path: str | None) -> Pipeline:
    if config_path is None:
        return default_pipeline()
    try:
        data = json.loads(Path(config_path).read_text("utf-8"))
        return Pipeline.from_config(data)
    except (OSError, ValueError, TypeError) as exc:
        raise UsageError(f"bad --config {config_path}: {exc}") from None


def _check_inputs_exist(inputs: Sequence[str]) -> None:
    """A named input that does not exist is a typo: stop before reading anything."""
    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:
        raise UsageError(f"input not found: {', '.join(missing)}")


def _require_pyarrow(output: str) -> None:
    if output == "-":
        raise UsageError("--format parquet needs an output file: -o OUT.parquet")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError(
            "--format parquet needs pyarrow: pip install 'cleannews[parquet]'"
        ) from None


def _prepare_output(args: argparse.Namespace, fmt: str) -> AtomicOutput | None:
    """The checked output file (None for stdout); every problem is a one-line usage error."""
    if fmt == "parquet":
        _require_pyarrow(args.output)
    if args.output == "-":
        return None
    try:
        path = check_output(
            args.output, args.inputs, overwrite=args.overwrite, would_be_read=is_page_file
        )
        return AtomicOutput(path)
    except OutputError as exc:
        raise UsageError(str(exc)) from None


def _open_writer(stack: ExitStack, target: AtomicOutput | None, fmt: str) -> Writer:
    if target is None:
        return JsonlWriter(sys.stdout)
    if fmt == "parquet":
        return ParquetWriter(str(target.temp))
    if target.path.name.lower().endswith(".gz"):
        text: IO[str] = stack.enter_context(gzip.open(target.temp, "wt", encoding="utf-8"))  # noqa: SIM115
    else:
        text = stack.enter_context(open(target.temp, "w", encoding="utf-8"))  # noqa: SIM115
    return JsonlWriter(text)


@dataclass
class RunOutcome:
    """How the loop over the results ended."""

    failed: BatchResult | None = None  # the page that stopped the run (no --keep-going)
    interrupted: bool = False


def _write_results(
    results: Iterator[BatchResult],
    writer: Writer,
    tally: Tally,
    progress: Progress,
    keep_going: bool,
) -> RunOutcome:
    outcome = RunOutcome()
    try:
        for result in results:
            tally.add(result)
            if result.error is not None and not keep_going:
                outcome.failed = result
                break
            writer.write(result)
            progress.update(tally)
    except KeyboardInterrupt:
        outcome.interrupted = True
    return outcome


def _show_progress(args: argparse.Namespace) -> bool:
    """On a terminal only, and not when the records go to that same terminal."""
    if args.quiet or not sys.stderr.isatty():
        return False
    return not (args.output == "-" and sys.stdout.isatty())


def cmd_clean(args: argparse.Namespace) -> int:
    if args.max_page_bytes < 1:
        raise UsageError("--max-page-bytes must be >= 1")
    _check_inputs_exist(args.inputs)
    if any(name != "-" and is_warc(Path(name)) for name in args.inputs):
        require_warcio()
    pipeline = _pipeline(args.config)
    fmt = infer_format(args.output, args.format)
    target = _prepare_output(args, fmt)
    options = ReadOptions(
        max_bytes=args.max_page_bytes,
        id_field=args.id_field,
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field,
    )
    stats = ReadStats()
    tally = Tally()
    progress = Progress(
        sys.stderr,
        _show_progress(args),
        stats,
        total_bytes(args.inputs),
    )
    try:
        with ExitStack() as stack:
            writer = _open_writer(stack, target, fmt)
            results = clean_many(
                iter_inputs(args.inputs, options, stats), workers=args.workers, pipeline=pipeline
            )
            try:
                outcome = _write_results(results, writer, tally, progress, args.keep_going)
            finally:
                close = getattr(results, "close", None)
                if close is not None:
                    close()
                writer.close()
                progress.done()
    except BrokenPipeError:  # `| head`: main() handles it
        raise
    except OSError as exc:  # the readers report their own errors: this is the output's
        kept = f"; partial output kept in {target.keep_partial()}" if target is not None else ""
        print(f"cleannews: cannot write the output: {exc}{kept}", file=sys.stderr)
        return EXIT_STOPPED
    except BaseException:
        if target is not None:
            target.keep_partial()
        raise
    return _finish(args, target, outcome, tally, stats)


def _finish(
    args: argparse.Namespace,
    target: AtomicOutput | None,
    outcome: RunOutcome,
    tally: Tally,
    stats: ReadStats,
) -> int:
    """Put the output in place (or keep it as NAME.partial), report, and pick the exit code."""
    complete = not outcome.interrupted and outcome.failed is None
    kept = ""
    if target is not None:
        if complete:
            target.commit()
        else:
            kept = f"; partial output kept in {target.keep_partial()}"
    if outcome.interrupted:
        print(f"cleannews: interrupted after {tally.pages} pages{kept}", file=sys.stderr)
        return EXIT_INTERRUPTED
    failed = outcome.failed
    if failed is not None and failed.error is not None:
        page = failed.id.id if isinstance(failed.id, Source) else failed.id
        print(
            f"cleannews: page {page} failed: {failed.error.type}: {failed.error.message}\n"
            f"cleannews: stopped (use --keep-going to write error lines and go on){kept}",
            file=sys.stderr,
        )
        return EXIT_STOPPED
    if not args.quiet:
        print(tally.summary(stats), file=sys.stderr)
    return EXIT_FAILURES if tally.errors else EXIT_OK


# -- explain -----------------------------------------------------------------------------------

_RESET = "\x1b[0m"
_STYLES = {
    "title": "\x1b[1;36m",
    "subtitle": "\x1b[36m",
    "summary": "\x1b[36m",
    "caption": "\x1b[35m",
    "removed": "\x1b[31m",
    "blank": "\x1b[2m",
    "body": "",
    "text": "\x1b[2m",
}


def _fate_label(fate: Any, lines: Any = ()) -> str:
    """The fate column of `explain`: where the line went, by which rule, and the line
    (and its rule) that set the rule off, when another line did."""
    label = str(fate.fate)
    if fate.fate == "removed":
        label = f"removed {fate.stage}/{fate.rule}"
        if fate.field:
            label += f" -> {fate.field}"
        if fate.trigger is not None:
            label += f" <- line {fate.trigger}"
            if fate.trigger < len(lines) and lines[fate.trigger].rule:
                label += f" {lines[fate.trigger].rule}"
    elif fate.fate == "caption" and fate.rule:
        label = f"caption {fate.rule}"
    if fate.story:
        label = f"story {fate.story} {label}"
    return label


def cmd_explain(args: argparse.Namespace) -> int:
    if args.page == "-":
        data = read_bounded(sys.stdin.buffer, args.max_page_bytes, "standard input")
    else:
        try:
            data = read_page_file(Path(args.page), args.max_page_bytes)
        except (OSError, ValueError, EOFError) as exc:
            raise UsageError(f"cannot read {args.page}: {exc}") from None
    pipeline = _pipeline(args.config)
    kind = None if args.kind == "auto" else args.kind
    explanation = pipeline.explain(data, kind=kind, url=args.url)
    out = sys.stdout
    if args.html:
        from cleannews.report import render_report

        source = "standard input" if args.page == "-" else Path(args.page).name
        Path(args.html).write_text(render_report(explanation, source=source), "utf-8")
        print(f"cleannews: report written to {args.html}", file=sys.stderr)
        return 0
    if args.json:
        out.write(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return 0
    color = out.isatty() if args.color is None else args.color

    def paint(style: str, text: str) -> str:
        code = _STYLES.get(style, "")
        return f"{code}{text}{_RESET}" if color and code else text

    art = explanation.article
    header = [
        f"kind {explanation.kind}, language {art.language or '-'}, "
        f"stories {1 + len(art.others)}, lines {len(explanation.lines)}",
        f"title: {art.title or '-'}",
    ]
    if art.authors:
        header.append(f"authors: {', '.join(art.authors)}")
    if art.published is not None:
        header.append(f"published: {art.published.isoformat()}")
    if art.dateline:
        header.append(f"dateline: {art.dateline}")
    for number, (line_no, evidence) in enumerate(explanation.boundaries, start=2):
        header.append(f"story {number} starts at line {line_no}: {evidence}")
    out.write("\n".join(header) + "\n\n")
    labels = [_fate_label(f, explanation.lines) for f in explanation.lines]
    width = min(40, max((len(label) for label in labels), default=4))
    digits = len(str(max(len(explanation.lines) - 1, 0)))
    for fate, label in zip(explanation.lines, labels, strict=True):
        if fate.fate == "blank":
            out.write(paint("blank", f"{fate.line:>{digits}}") + "\n")
            continue
        text = fate.text if fate.fate != "removed" else paint("text", fate.text)
        out.write(f"{fate.line:>{digits}}  {paint(fate.fate, label.ljust(width))}  {text}\n")
    dropped = [r for r in art.removed if r.line is None]
    if dropped:
        out.write("\nHTML elements removed before extraction:\n")
        for removal in dropped:
            label = f"removed {removal.stage}/{removal.rule}"
            out.write(f"{'-':>{digits}}  {paint('removed', label.ljust(width))}  ")
            out.write(paint("text", removal.text[:200]) + "\n")
            if removal.element is not None:
                out.write(f"{'':>{digits}}  {'':{width}}  at {removal.evidence}\n")
    return 0


def cmd_rules_list(args: argparse.Namespace) -> int:
    """One line per rule: pack, stage, tag, name, description (structural rules too)."""
    from cleannews.rules import STRUCTURAL_RULES, all_packs

    _load_structural_rules()
    rows = [
        {
            "pack": rule.pack,
            "stage": rule.stage,
            "tag": rule.tag,
            "name": rule.name,
            "languages": list(rule.languages),
            "description": rule.description,
        }
        for pack in all_packs()
        for rule in pack.rules
    ]
    rows += [
        {
            "pack": "(code)",
            "stage": rule.stage,
            "tag": "structural",
            "name": rule.name,
            "languages": [],
            "description": rule.description,
        }
        for rule in sorted(STRUCTURAL_RULES.values(), key=lambda r: (r.stage, r.name))
    ]
    if args.pack:
        rows = [row for row in rows if row["pack"] == args.pack]
        if not rows:
            raise UsageError(f"no pack named {args.pack!r}")
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(
                f"{row['pack']:8} {row['stage']:11} {row['tag']:10} {row['name']:34} "
                f"{row['description']}"
            )
    return 0


def _load_structural_rules() -> None:
    """Structural rules register when their module is imported; import them all."""
    import cleannews.html
    import cleannews.stages  # noqa: F401


def cmd_rules_test(args: argparse.Namespace) -> int:
    """Check every rule's examples; exit 1 and name each failure if one does not hold."""
    from cleannews.rules import all_packs

    packs = all_packs()
    known = {pack.name for pack in packs}
    unknown = sorted(set(args.packs) - known)
    if unknown:
        raise UsageError(f"unknown pack(s) {unknown}; installed: {sorted(known)}")
    chosen = [p for p in packs if not args.packs or p.name in args.packs]
    failures, checked = [], 0
    for pack in chosen:
        for rule in pack.rules:
            for example in rule.match:
                checked += 1
                if not rule.matches(example, timeout=1.0):
                    failures.append(f"{pack.name}/{rule.name}: should match {example!r}")
            for example in rule.no_match:
                checked += 1
                if rule.matches(example, timeout=1.0):
                    failures.append(f"{pack.name}/{rule.name}: should not match {example!r}")
    for failure in failures:
        print(failure)
    rules = sum(len(p.rules) for p in chosen)
    print(
        f"{checked - len(failures)} passed, {len(failures)} failed "
        f"({rules} rules in {len(chosen)} packs)"
    )
    return 1 if failures else 0


# -- argument parsing --------------------------------------------------------------------------


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleannews",
        description="Turn messy news pages (text or HTML) into clean article records.",
    )
    parser.add_argument("--version", action="version", version=f"cleannews {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser(
        "clean",
        help="clean pages into JSON Lines or Parquet",
        description=(
            "Clean pages: text/HTML files, directories (recursive: .txt, .html, .htm and "
            "their .gz), JSON Lines (.jsonl/.ndjson, optionally .gz), WARC (.warc, "
            ".warc.gz) and - for one page on stdin. One output line per article."
        ),
    )
    clean.add_argument("inputs", nargs="+", metavar="INPUT")
    clean.add_argument(
        "-o",
        "--output",
        default="-",
        help="output file (default: stdout); written beside and renamed when the run succeeds",
    )
    clean.add_argument(
        "--format",
        choices=("jsonl", "parquet"),
        default=None,
        help="output format (default: parquet for -o *.parquet or *.pq, else jsonl)",
    )
    clean.add_argument(
        "--overwrite", action="store_true", help="replace the output file if it exists"
    )
    clean.add_argument(
        "--workers", type=_positive_int, default=1, help="processes to clean with (default 1)"
    )
    clean.add_argument(
        "-k",
        "--keep-going",
        action="store_true",
        help="write an error line for a page that fails and go on (exit 3 if any failed; "
        "default: stop at the first failure, exit 1)",
    )
    clean.add_argument("--id-field", default="id", help="JSON Lines: the id field (default id)")
    clean.add_argument("--text-field", default="text", help="JSON Lines: text field (text)")
    clean.add_argument("--html-field", default="html", help="JSON Lines: HTML field (html)")
    clean.add_argument("--url-field", default="url", help="JSON Lines: URL field (url)")
    _common(clean)
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    clean.set_defaults(handler=cmd_clean)

    explain = commands.add_parser(
        "explain",
        help="show each line of one page and what became of it",
        description="Print the page line by line with each line's fate.",
    )
    explain.add_argument("page", metavar="PAGE", help="a text or HTML file (.gz too), or -")
    explain.add_argument("--kind", choices=("auto", "text", "html"), default="auto")
    explain.add_argument("--url", default=None, help="the page's URL")
    explain.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="colour the fates (default: when stdout is a terminal)",
    )
    explain.add_argument("--json", action="store_true", help="print explain() as JSON")
    explain.add_argument(
        "--html",
        metavar="REPORT",
        default=None,
        help="write a self-contained visual report (HTML) to this file instead",
    )
    _common(explain)
    explain.set_defaults(handler=cmd_explain)

    rules = commands.add_parser("rules", help="list the installed rules, or run their examples")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True)
    listing = rule_commands.add_parser(
        "list", help="every rule with its pack, stage, tag and description"
    )
    listing.add_argument("--pack", default=None, help="only this pack")
    listing.add_argument("--json", action="store_true", help="as JSON Lines")
    listing.set_defaults(handler=cmd_rules_list)
    testing = rule_commands.add_parser("test", help="run the packs' own examples")
    testing.add_argument("packs", nargs="*", metavar="PACK", help="packs to test (default: all)")
    testing.set_defaults(handler=cmd_rules_test)
    return parser


def _version() -> str:
    from cleannews import __version__

    return __version__


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-page-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_PAGE_BYTES,
        help="largest decompressed file or record, in bytes (default 50 MiB)",
    )
    parser.add_argument(
        "--config",
        default=None,
        metavar="JSON",
        help='pipeline config file: {"stages": [...], "options": {...}}',
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except UsageError as exc:
        print(f"cleannews: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `cleannews clean ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_STOPPED
    except KeyboardInterrupt:
        print("cleannews: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return code


if __name__ == "__main__":  # python -m cleannews.cli
    sys.exit(main())


__all__ = ["build_parser", "iter_inputs", "main", "result_lines"]
