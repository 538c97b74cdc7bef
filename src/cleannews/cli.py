"""The `cleannews` command: clean pages in bulk, or explain one page line by line.

    cleannews clean INPUT... [-o OUT] [--format jsonl|parquet] [--workers N] [--keep-going]
    cleannews explain PAGE [--color/--no-color]

`clean` reads text and HTML files, directories (recursively: .txt, .html, .htm and the
.gz of those), JSON Lines (.jsonl, .ndjson, optionally .gz), WARC files (.warc,
.warc.gz: response records of HTML or text; needs the `warc` extra) and `-` (stdin, one
page). It writes one JSON line per article (`id`, `story` and every `Article.to_dict()`
field) or, with `--keep-going`, one error line per page that failed. Every input page
gives at least one line. Without `--keep-going` the first failure stops the run with exit
code 1. A summary goes to stderr at the end, and a progress line while running when
stderr is a terminal.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from cleannews.batch import BatchItem, BatchResult, clean_many
from cleannews.pipeline import Pipeline, default_pipeline

#: Default cap on the decompressed size of one file or record (bytes).
DEFAULT_MAX_PAGE_BYTES = 50 * 1024 * 1024
PAGE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
_READ_BLOCK = 1 << 20


class PageTooLarge(ValueError):
    """A file or record decompresses to more than the configured cap."""


class UsageError(Exception):
    """A problem with the command line or the environment (exit code 2)."""


# -- reading inputs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_PAGE_BYTES
    id_field: str = "id"
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"


@dataclass
class ReadStats:
    skipped: int = 0  # WARC records that are not pages (requests, images, scripts...)


def _lower(path: Path) -> str:
    return path.name.lower()


def is_jsonl(path: Path) -> bool:
    return _lower(path).endswith(JSONL_SUFFIXES)


def is_warc(path: Path) -> bool:
    return _lower(path).endswith(WARC_SUFFIXES)


def is_page_file(path: Path) -> bool:
    name = _lower(path)
    name = name[:-3] if name.endswith(".gz") else name
    return name.endswith(PAGE_SUFFIXES)


def read_bounded(stream: IO[bytes], limit: int, what: str) -> bytes:
    """At most `limit` bytes of `stream`; more is an error (a gzip bomb stays unexpanded)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PageTooLarge(f"{what} is larger than {limit} bytes (see --max-page-bytes)")
    return data


def _open_maybe_gzip(path: Path) -> IO[bytes]:
    if _lower(path).endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def read_page_file(path: Path, limit: int) -> bytes:
    with _open_maybe_gzip(path) as stream:
        return read_bounded(stream, limit, str(path))


def iter_inputs(
    inputs: Sequence[str], options: ReadOptions, stats: ReadStats, stdin: IO[bytes] | None = None
) -> Iterator[BatchItem]:
    """Every page of every input, in order, as `clean_many` items.

    A file or record that cannot be read becomes an `(id, exception)` item, so it is
    reported in its place like a page that fails.
    """
    for name in inputs:
        if name == "-":
            source = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield ("-", read_bounded(source, options.max_bytes, "standard input"))
            except (OSError, ValueError) as exc:
                yield ("-", exc)
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and is_page_file(p)):
                yield _page_item(file, options)
        elif is_jsonl(path):
            yield from _jsonl_items(path, options)
        elif is_warc(path):
            yield from _warc_items(path, options, stats)
        else:
            yield _page_item(path, options)


def _page_item(path: Path, options: ReadOptions) -> BatchItem:
    try:
        return (str(path), read_page_file(path, options.max_bytes))
    except (OSError, ValueError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        return (str(path), exc)


def _jsonl_items(path: Path, options: ReadOptions) -> Iterator[BatchItem]:
    try:
        stream = _open_maybe_gzip(path)
    except OSError as exc:
        yield (str(path), exc)
        return
    with stream:
        number = 0
        while True:
            number += 1
            where = f"{path}:{number}"
            try:
                line = stream.readline(options.max_bytes + 1)
            except (OSError, EOFError, ValueError) as exc:
                yield (where, exc)
                return
            if not line:
                return
            if len(line) > options.max_bytes:
                _skip_rest_of_line(stream)
                yield (
                    where,
                    PageTooLarge(f"record {where} is larger than {options.max_bytes} bytes"),
                )
                continue
            if not line.strip():
                continue
            yield _jsonl_item(line, where, options)


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        block = stream.readline(_READ_BLOCK)
        if not block or block.endswith(b"\n"):
            return


def _jsonl_item(line: bytes, where: str, options: ReadOptions) -> BatchItem:
    try:
        record = json.loads(line)
    except ValueError as exc:
        return (where, ValueError(f"not a JSON line: {exc}"))
    if not isinstance(record, dict):
        return (where, ValueError(f"a JSON line must be an object, got {type(record).__name__}"))
    ident = record.get(options.id_field, where)
    item: dict[str, Any] = {"id": ident, "url": record.get(options.url_field)}
    if record.get(options.html_field) is not None:
        item["html"] = record[options.html_field]
    elif record.get(options.text_field) is not None:
        item["text"] = record[options.text_field]
    else:
        fields = f"{options.html_field!r} or {options.text_field!r}"
        return (ident, ValueError(f"the record has no {fields} field"))
    return item


def require_warcio() -> None:
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise UsageError(
            "reading WARC files needs the warcio package: pip install 'cleannews[warc]'"
        ) from None


def _warc_items(path: Path, options: ReadOptions, stats: ReadStats) -> Iterator[BatchItem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                number += 1
                headers = record.rec_headers
                ident = headers.get_header("WARC-Record-ID") or f"{path}#{number}"
                content_type = (
                    record.http_headers.get_header("Content-Type") if record.http_headers else None
                ) or ""
                if content_type and not _is_page_type(content_type):
                    stats.skipped += 1
                    continue
                try:
                    body = read_bounded(
                        record.content_stream(), options.max_bytes, f"record {ident}"
                    )
                except (OSError, ValueError, EOFError) as exc:
                    yield (ident, exc)
                    continue
                yield {
                    "id": ident,
                    "page": body,
                    "url": headers.get_header("WARC-Target-URI"),
                    "charset": content_type or None,  # the HTTP charset, if it names one
                }
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield (str(path) if number == 0 else f"{path}#{number + 1}", exc)


def _is_page_type(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return "html" in kind or kind in ("text/plain", "application/xml", "text/xml")


# -- writing results ---------------------------------------------------------------------------


def result_lines(result: BatchResult) -> list[dict[str, Any]]:
    """The JSON objects written for one page: one per article, or one error object."""
    if result.error is not None:
        return [{"id": result.id, "error": result.error.to_dict()}]
    return [
        {"id": result.id, "story": story, **article.to_dict()}
        for story, article in enumerate(result.articles)
    ]


class JsonlWriter:
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
            f"{self.articles} articles  {self.errors} errors"
        )

    def summary(self, skipped: int, top: int = 5) -> str:
        lines = [
            f"pages {self.pages}, articles {self.articles}, pages split {self.split}, "
            f"errors {self.errors}"
            + (f", non-page WARC records skipped {skipped}" if skipped else "")
            + f" ({self.rate():.1f} pages/s)"
        ]
        if self.rules:
            common = ", ".join(f"{rule} {n}" for rule, n in self.rules.most_common(top))
            lines.append(f"top removal rules: {common}")
        return "\n".join(lines)


class Progress:
    """A self-overwriting line on stderr, at most a few times a second (TTY only)."""

    def __init__(self, stream: IO[str], enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.last = 0.0
        self.shown = False

    def update(self, tally: Tally) -> None:
        now = time.perf_counter()
        if self.enabled and now - self.last >= 0.25:
            self.last = now
            self.stream.write("\r\x1b[K" + tally.progress())
            self.stream.flush()
            self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# -- commands ----------------------------------------------------------------------------------


def _pipeline(config_path: str | None) -> Pipeline:
    if config_path is None:
        return default_pipeline()
    try:
        data = json.loads(Path(config_path).read_text("utf-8"))
        return Pipeline.from_config(data)
    except (OSError, ValueError, TypeError) as exc:
        raise UsageError(f"bad --config {config_path}: {exc}") from None


def _open_output(stack: ExitStack, out: str, fmt: str) -> JsonlWriter | ParquetWriter:
    if fmt == "parquet":
        if out == "-":
            raise UsageError("--format parquet needs an output file: -o OUT.parquet")
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError(
                "--format parquet needs pyarrow: pip install 'cleannews[parquet]'"
            ) from None
        return ParquetWriter(out)
    if out == "-":
        return JsonlWriter(sys.stdout)
    if out.endswith(".gz"):
        text: IO[str] = stack.enter_context(gzip.open(out, "wt", encoding="utf-8"))  # noqa: SIM115
    else:
        text = stack.enter_context(open(out, "w", encoding="utf-8"))  # noqa: SIM115
    return JsonlWriter(text)


def cmd_clean(args: argparse.Namespace) -> int:
    if args.max_page_bytes < 1:
        raise UsageError("--max-page-bytes must be >= 1")
    if any(name != "-" and is_warc(Path(name)) for name in args.inputs):
        require_warcio()
    pipeline = _pipeline(args.config)
    options = ReadOptions(
        max_bytes=args.max_page_bytes,
        id_field=args.id_field,
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field,
    )
    stats = ReadStats()
    tally = Tally()
    progress = Progress(sys.stderr, sys.stderr.isatty() and not args.quiet)
    failed: BatchResult | None = None
    with ExitStack() as stack:
        writer = _open_output(stack, args.output, args.format)
        items = iter_inputs(args.inputs, options, stats)
        results = clean_many(items, workers=args.workers, pipeline=pipeline)
        try:
            for result in results:
                tally.add(result)
                if result.error is not None and not args.keep_going:
                    failed = result
                    break
                writer.write(result)
                progress.update(tally)
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()
            writer.close()
            progress.done()
    if failed is not None and failed.error is not None:
        print(
            f"cleannews: page {failed.id} failed: {failed.error.type}: {failed.error.message}\n"
            "cleannews: stopped (use --keep-going to write error lines and go on)",
            file=sys.stderr,
        )
        return 1
    if not args.quiet:
        print(tally.summary(stats.skipped), file=sys.stderr)
    return 0


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
    clean.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    clean.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    clean.add_argument(
        "--workers", type=_positive_int, default=1, help="processes to clean with (default 1)"
    )
    clean.add_argument(
        "-k",
        "--keep-going",
        action="store_true",
        help="write an error line for a page that fails and go on (default: stop, exit 1)",
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
        return 2
    except BrokenPipeError:  # `cleannews clean ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":  # python -m cleannews.cli
    sys.exit(main())


__all__ = ["build_parser", "iter_inputs", "main", "result_lines"]
