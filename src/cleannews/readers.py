"""Reading the command line's inputs: files, folders, JSON Lines, JSON arrays, WARC, stdin.

Every page becomes one `clean_many` item whose id is a `Source`: the page's id plus where
it came from (file, line or record number, WARC offset, record id and target URI, the
input URL). The command writes that provenance next to each record, so a record can
always be traced back to its bytes.

A file's format is read from its content as well as its name: a `.json` file of JSON
lines, a JSON array of records, a WARC file without its extension and JSON Lines on
stdin are all recognised (`sniff`). A file or record that cannot be read becomes an
`(id, exception)` item, so it is reported in its place like a page that fails; nothing is
dropped without a word. Files in folders that are not pages are counted in `ReadStats`.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from cleannews.batch import BatchItem

#: Default cap on the decompressed size of one file or record (bytes).
DEFAULT_MAX_PAGE_BYTES = 50 * 1024 * 1024
PAGE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
_READ_BLOCK = 1 << 20
_SNIFF_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"
_BLANKS = b" \t\r\n"


class PageTooLarge(ValueError):
    """A file or record decompresses to more than the configured cap."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_PAGE_BYTES
    id_field: str = "id"
    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"


@dataclass
class ReadStats:
    """What the readers met besides pages, and how far they got (for progress and ETA)."""

    skipped: int = 0  # WARC records that are not pages (requests, images, scripts...)
    skipped_files: list[str] = field(default_factory=list)  # files in folders that are not pages
    done_bytes: int = 0  # on-disk size of the files read to the end
    position: Callable[[], int] | None = None  # bytes read so far of the file being read

    def bytes_read(self) -> int:
        """On-disk bytes read so far (compressed files count as stored)."""
        try:
            current = self.position() if self.position is not None else 0
        except (OSError, ValueError):  # the file was closed in between
            current = 0
        return self.done_bytes + current

    def finished(self, path: Path) -> None:
        self.position = None
        with contextlib.suppress(OSError):  # a missing file adds nothing
            self.done_bytes += path.stat().st_size


def total_bytes(inputs: Sequence[str]) -> int | None:
    """The on-disk size of every file the inputs name (None when stdin is one of them)."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = (
            (p for p in path.rglob("*") if p.is_file() and is_page_file(p))
            if path.is_dir()
            else [path]
        )
        for file in files:
            try:
                total += file.stat().st_size
            except OSError:
                continue
    return total


@dataclass(frozen=True, slots=True)
class Source:
    """A page's id and where it came from.

    file: the input file ("-" for stdin). line: the 1-based line of a JSON Lines record.
    record: the 1-based number of a record in a JSON array or a WARC file (all records
    counted). offset: the byte offset of a WARC record in its (compressed) file.
    warc_record_id / warc_target_uri: the WARC headers. input_url: the URL the input gave
    for the page (the JSON field, the WARC-Target-URI), kept apart from the record's `url`,
    which the page's own canonical URL may replace.
    """

    id: Any
    file: str | None = None
    line: int | None = None
    record: int | None = None
    offset: int | None = None
    warc_record_id: str | None = None
    warc_target_uri: str | None = None
    input_url: str | None = None

    def location(self) -> dict[str, Any]:
        """The provenance fields written as the `source` object of each output line."""
        return {
            "file": self.file,
            "line": self.line,
            "record": self.record,
            "offset": self.offset,
            "warc_record_id": self.warc_record_id,
            "warc_target_uri": self.warc_target_uri,
        }


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


def sniff(head: bytes) -> str:
    """What the first bytes of an input look like: "warc", "jsonl", "json" (an array of
    records) or "page" (text or HTML, told apart later by the pipeline).

    A JSON object or array must open with `{"`/`{}` or `[{`/`[]`, so a text page that starts
    with a bracket ("[Updated] ...") stays a page.
    """
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(_BLANKS)
    if text.startswith(b"WARC/"):
        return "warc"
    after = text[1:].lstrip(_BLANKS)[:1]
    if text[:1] == b"{" and after in (b'"', b"}"):
        return "jsonl"
    if text[:1] == b"[" and after in (b"{", b"]"):
        return "json"
    return "page"


def read_bounded(stream: IO[bytes], limit: int, what: str) -> bytes:
    """At most `limit` bytes of `stream`; more is an error (a gzip bomb stays unexpanded)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PageTooLarge(f"{what} is larger than {limit} bytes (see --max-page-bytes)")
    return data


def _open_maybe_gzip(path: Path, stats: ReadStats | None = None) -> IO[bytes]:
    """The file's bytes, decompressed when its name ends in .gz or its content is gzip.
    With `stats`, the position in the file (as stored) is reported for progress."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    try:
        gzipped = _lower(path).endswith(".gz") or raw.peek(2)[:2] == _GZIP_MAGIC
    except OSError:
        raw.close()
        raise
    if stats is not None:
        stats.position = raw.tell
    if gzipped:
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    return raw


def _peek(stream: IO[bytes], size: int) -> bytes:
    peek = getattr(stream, "peek", None)
    return cast(bytes, peek(size))[:size] if peek is not None else b""


def read_page_file(path: Path, limit: int) -> bytes:
    with _open_maybe_gzip(path) as stream:
        return read_bounded(stream, limit, str(path))


def iter_inputs(
    inputs: Sequence[str], options: ReadOptions, stats: ReadStats, stdin: IO[bytes] | None = None
) -> Iterator[BatchItem]:
    """Every page of every input, in order, as `clean_many` items with a `Source` id."""
    for name in inputs:
        if name == "-":
            source = stdin if stdin is not None else sys_stdin()
            yield from _stream_items(_peekable(source), "-", "standard input", options)
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if is_page_file(file):
                    yield _page_item(file, options)
                    stats.finished(file)
                else:
                    stats.skipped_files.append(str(file))
        elif is_warc(path):
            yield from _warc_items(path, options, stats)
        else:
            yield from _file_items(path, options, stats, kind="jsonl" if is_jsonl(path) else None)
        if not path.is_dir():
            stats.finished(path)


def sys_stdin() -> IO[bytes]:
    import sys

    return sys.stdin.buffer


def _peekable(stream: IO[bytes]) -> IO[bytes]:
    if hasattr(stream, "peek"):
        return stream
    return cast(IO[bytes], io.BufferedReader(cast(Any, stream)))


def _page_item(path: Path, options: ReadOptions) -> BatchItem:
    where = Source(str(path), file=str(path))
    try:
        return (where, read_page_file(path, options.max_bytes))
    except (OSError, ValueError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        return (where, exc)


def _file_items(
    path: Path, options: ReadOptions, stats: ReadStats, kind: str | None
) -> Iterator[BatchItem]:
    """A named file: JSON Lines, a JSON array, WARC or one page, by name or by content."""
    try:
        stream = _open_maybe_gzip(path, stats)
        kind = kind or sniff(_peek(stream, _SNIFF_BYTES))
    except (OSError, EOFError) as exc:
        yield (Source(str(path), file=str(path)), exc)
        return
    if kind == "warc":
        stream.close()
        yield from _warc_items(path, options, stats)
        return
    with stream:
        yield from _stream_items(stream, str(path), str(path), options, kind)


def _stream_items(
    stream: IO[bytes], name: str, what: str, options: ReadOptions, kind: str | None = None
) -> Iterator[BatchItem]:
    try:
        kind = kind or sniff(_peek(stream, _SNIFF_BYTES))
        if kind == "warc":
            raise ValueError("a WARC file on standard input is not supported; name the file")
        if kind == "jsonl":
            yield from _jsonl_items(stream, name, options)
        elif kind == "json":
            yield from _json_array_items(stream, name, what, options)
        else:
            yield (Source(name, file=name), read_bounded(stream, options.max_bytes, what))
    except (OSError, ValueError, EOFError) as exc:
        yield (Source(name, file=name), exc)


def _jsonl_items(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[BatchItem]:
    number = 0
    while True:
        number += 1
        where = Source(f"{name}:{number}", file=name, line=number)
        try:
            line = stream.readline(options.max_bytes + 1)
        except (OSError, EOFError, ValueError) as exc:
            yield (where, exc)
            return
        if not line:
            return
        if len(line) > options.max_bytes:
            _skip_rest_of_line(stream)
            message = f"record {where.id} is larger than {options.max_bytes} bytes"
            yield (where, PageTooLarge(message))
            continue
        if not line.strip():
            continue
        yield record_item(_parse_json(line, "JSON line"), where, options)


def _json_array_items(
    stream: IO[bytes], name: str, what: str, options: ReadOptions
) -> Iterator[BatchItem]:
    """The records of a JSON array (the whole array must fit in --max-page-bytes)."""
    data = _parse_json(read_bounded(stream, options.max_bytes, what), "JSON array")
    if isinstance(data, BaseException):
        yield (Source(name, file=name), data)
        return
    if not isinstance(data, list):
        yield (Source(name, file=name), ValueError("a JSON file must hold an array of records"))
        return
    for number, record in enumerate(data, 1):
        where = Source(f"{name}#{number}", file=name, record=number)
        yield record_item(record, where, options)


def _parse_json(data: bytes, what: str) -> Any:
    """The parsed value, or the error as a value (a record that cannot be read is reported,
    not raised: a nesting too deep for the parser is a RecursionError, not a ValueError)."""
    try:
        return json.loads(data)
    except ValueError as exc:
        return ValueError(f"not a {what}: {exc}")
    except RecursionError:
        return ValueError(f"not a {what}: nested too deeply to read")


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        block = stream.readline(_READ_BLOCK)
        if not block or block.endswith(b"\n"):
            return


def record_item(record: Any, where: Source, options: ReadOptions) -> BatchItem:
    """A parsed JSON record as an item; its page is the first non-blank of the HTML and
    text fields (so `"html": ""` next to a good `"text"` cleans the text)."""
    if isinstance(record, BaseException):
        return (where, record)
    if not isinstance(record, dict):
        kind = type(record).__name__
        return (where, ValueError(f"a JSON record must be an object, got {kind}"))
    ident = record.get(options.id_field, where.id)
    url = record.get(options.url_field)
    source = _with(where, ident, url if isinstance(url, str) else None)
    if url is not None and not isinstance(url, str):
        kind = type(url).__name__
        return (source, TypeError(f"the {options.url_field!r} field must be a string, got {kind}"))
    key, page = _first_page_field(record, options)
    if key is None:
        fields = f"{options.html_field!r} or {options.text_field!r}"
        return (source, ValueError(f"the record has no {fields} field"))
    return {"id": source, key: page, "url": url}


def _first_page_field(record: dict[str, Any], options: ReadOptions) -> tuple[str | None, Any]:
    present = [
        (kind, record[name])
        for kind, name in (("html", options.html_field), ("text", options.text_field))
        if record.get(name) is not None
    ]
    for kind, value in present:
        if not isinstance(value, str) or value.strip():
            return kind, value
    return present[0] if present else (None, None)


def _with(where: Source, ident: Any, url: str | None) -> Source:
    return Source(
        ident,
        file=where.file,
        line=where.line,
        record=where.record,
        offset=where.offset,
        warc_record_id=where.warc_record_id,
        warc_target_uri=where.warc_target_uri,
        input_url=url,
    )


def _warc_items(path: Path, options: ReadOptions, stats: ReadStats) -> Iterator[BatchItem]:
    """Each response record of HTML or text as a page; every other record is counted as
    skipped, and a damaged one is an error item with its offset (`cleannews.warc`)."""
    name = str(path)
    try:
        from warcio.recordloader import ArcWarcRecordLoader
    except ImportError:
        message = "reading WARC files needs the warcio package: pip install 'cleannews[warc]'"
        yield (Source(name, file=name), ValueError(message))
        return
    from cleannews.warc import iter_raw_records

    loader = ArcWarcRecordLoader()
    try:
        with open(path, "rb") as stream:
            stats.position = stream.tell
            for raw in iter_raw_records(stream, options.max_bytes):
                where = Source(
                    f"{name}#{raw.number}", file=name, record=raw.number, offset=raw.offset
                )
                if raw.error is not None:
                    yield (where, raw.error)
                elif raw.warc_type != "response" or raw.data is None:
                    stats.skipped += 1
                else:
                    item = _warc_response(loader, raw.data, raw.skipped_block, where, options)
                    if item is None:
                        stats.skipped += 1
                    else:
                        yield item
    except OSError as exc:
        yield (Source(name, file=name), exc)


def _warc_response(
    loader: Any, data: bytes, too_large: bool, where: Source, options: ReadOptions
) -> BatchItem | None:
    """A response record as a page item, an error item, or None when it is no page."""
    try:
        record = loader.parse_record_stream(io.BytesIO(data))
    except Exception as exc:  # warcio raises its own and stdlib errors on bad headers
        return (where, ValueError(f"WARC record at byte {where.offset} cannot be parsed: {exc}"))
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID")
    uri = headers.get_header("WARC-Target-URI")
    where = Source(
        record_id or where.id,
        file=where.file,
        record=where.record,
        offset=where.offset,
        warc_record_id=record_id,
        warc_target_uri=uri,
        input_url=uri,
    )
    content_type = (
        record.http_headers.get_header("Content-Type") if record.http_headers else None
    ) or ""
    if too_large and not (content_type and not _is_page_type(content_type)):
        return (where, PageTooLarge(f"record {where.id} is larger than {options.max_bytes} bytes"))
    if content_type and not _is_page_type(content_type):
        return None
    try:
        body = read_bounded(record.content_stream(), options.max_bytes, f"record {where.id}")
    except (OSError, ValueError, EOFError) as exc:
        return (where, exc)
    return {
        "id": where,
        "page": body,
        "url": uri,
        "charset": content_type or None,  # the HTTP charset, if it names one
    }


def _is_page_type(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return "html" in kind or kind in ("text/plain", "application/xml", "text/xml")


__all__ = [
    "DEFAULT_MAX_PAGE_BYTES",
    "PageTooLarge",
    "ReadOptions",
    "ReadStats",
    "Source",
    "is_jsonl",
    "is_page_file",
    "is_warc",
    "iter_inputs",
    "read_bounded",
    "read_page_file",
    "record_item",
    "sniff",
    "total_bytes",
]
