"""WARC reading that accounts for every record, damaged ones included.

A crawl archive can be cut (a copy that stopped), corrupt (a bad gzip member) or mis-sized
(a wrong Content-Length). A plain iterator then drops records without a word: the rest of
the file after a cut header, every record a too-long Content-Length swallows, every good
member after a corrupt one. Here the records are framed by this module, and each one is
either handed on whole or reported as damaged with its byte offset:

* gzip files are read member by member (one record per member is the norm); a member
  that does not decompress is reported, and reading resumes at the next gzip header;
* a record is its header lines, a blank line, Content-Length bytes, then blank lines and
  the next `WARC/` line (or the end of the file). When the bytes after the block are not
  that, the length is wrong: the record is reported and reading resumes at the next line
  that starts with `WARC/` after its header, so the records it would swallow are read;
* a record that ends before its declared length is reported as cut (its partial page is
  not cleaned as if it were whole).

warcio still parses each whole record (HTTP headers, chunked transfer, content encoding).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

_GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
_MAX_HEADER_LINE = 1 << 16
_MAX_HEADER_BYTES = 1 << 20


class DamagedRecord(ValueError):
    """A WARC record that cannot be read whole; the message says what is wrong and where."""


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One framed record: its offset in the file as stored, and its bytes or its damage."""

    number: int  # 1-based, every record counted (damaged ones too)
    offset: int
    data: bytes | None = None  # header + block, ready for warcio
    error: Exception | None = None
    warc_type: str | None = None
    skipped_block: bool = False  # a record too large for `limit`: its block was not kept


def iter_raw_records(stream: IO[bytes], limit: int) -> Iterator[RawRecord]:
    """Every record of a WARC file (gzip or not), in order, each whole or as damage."""
    head = stream.read(2)
    stream.seek(0)
    numbers = _Counter()
    if head == _GZIP_MAGIC[:2]:
        yield from _gzip_records(stream, limit, numbers)
    else:
        yield from _frame_records(stream, 0, limit, numbers, relative=False)


class _Counter:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


# -- framing records in an uncompressed stream -------------------------------------------------


def _frame_records(
    stream: IO[bytes], base: int, limit: int, numbers: _Counter, *, relative: bool
) -> Iterator[RawRecord]:
    """Records of an uncompressed stream. Offsets are `base` + position, or just `base`
    (`relative=False` means positions are file offsets; inside a gzip member every record
    gets the member's offset, the place to seek to)."""

    def where(position: int) -> int:
        return base if relative else base + position

    while True:
        start = stream.tell()
        line = stream.readline(_MAX_HEADER_LINE)
        if not line:
            return
        if not line.strip():
            continue
        if not line.startswith(b"WARC/"):
            damage = DamagedRecord(f"no WARC record starts at byte {where(start)}")
            yield RawRecord(numbers.next(), where(start), error=damage)
            if not _resync(stream, start + len(line)):
                return
            continue
        header = _read_header(stream, line)
        if header is None:
            message = f"record at byte {where(start)} is cut inside its WARC headers"
            yield RawRecord(numbers.next(), where(start), error=DamagedRecord(message))
            return
        fields = _header_fields(header)
        warc_type = fields.get("warc-type")
        body_start = stream.tell()
        try:
            length = int(fields.get("content-length", ""))
            if length < 0:
                raise ValueError
        except ValueError:
            message = f"record at byte {where(start)} has no valid Content-Length"
            yield RawRecord(
                numbers.next(), where(start), error=DamagedRecord(message), warc_type=warc_type
            )
            if not _resync(stream, body_start):
                return
            continue
        too_large = length > limit + _MAX_HEADER_BYTES
        keep = _MAX_HEADER_BYTES if too_large else length  # enough for the HTTP headers
        block = stream.read(keep)
        got = len(block) + (_skip(stream, length - keep) if len(block) == keep else 0)
        if got < length or not _ends_cleanly(stream):
            cut = got < length
            stream.seek(body_start)
            found = _resync(stream, body_start)
            if cut and not found:
                message = (
                    f"record at byte {where(start)} is cut: {got} of its {length} bytes are there"
                )
            else:
                message = (
                    f"record at byte {where(start)}: its Content-Length ({length}) does not "
                    "end where the next record starts"
                )
            yield RawRecord(
                numbers.next(), where(start), error=DamagedRecord(message), warc_type=warc_type
            )
            if not found:
                return
            continue
        data = header + block  # only the block's start when it was too large to keep
        yield RawRecord(
            numbers.next(), where(start), data=data, warc_type=warc_type, skipped_block=too_large
        )


def _read_header(stream: IO[bytes], first: bytes) -> bytes | None:
    """The header lines through the blank line, or None if the stream ends first."""
    lines = [first]
    size = len(first)
    while size <= _MAX_HEADER_BYTES:
        line = stream.readline(_MAX_HEADER_LINE)
        if not line:
            return None
        lines.append(line)
        size += len(line)
        if not line.strip():
            return b"".join(lines)
    return None


def _header_fields(header: bytes) -> dict[str, str]:
    fields: dict[str, str] = {}
    for raw in header.split(b"\n")[1:]:
        name, sep, value = raw.decode("latin-1").partition(":")
        if sep:
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _skip(stream: IO[bytes], length: int) -> int:
    """Read past `length` bytes without keeping them; the number actually there."""
    left = length
    while left > 0:
        block = stream.read(min(left, _CHUNK))
        if not block:
            break
        left -= len(block)
    return length - left


def _ends_cleanly(stream: IO[bytes]) -> bool:
    """After a block: blank lines, then the end of the stream or a `WARC/` line (left
    unread)."""
    while True:
        position = stream.tell()
        line = stream.readline(_MAX_HEADER_LINE)
        if not line:
            return True
        if line.strip():
            stream.seek(position)
            return line.startswith(b"WARC/")


def _resync(stream: IO[bytes], position: int) -> bool:
    """Move to the next line that starts with `WARC/` after `position`; False at the end."""
    stream.seek(position)
    # the line at `position` may be mid-line: skip to the next line start first
    if position > 0:
        stream.seek(position - 1)
        if stream.read(1) != b"\n":
            stream.readline()
    line_start = True  # lines are read in bounded pieces: only a piece after "\n" counts
    while True:
        at = stream.tell()
        piece = stream.readline(_MAX_HEADER_LINE)
        if not piece:
            return False
        if line_start and piece.startswith(b"WARC/"):
            stream.seek(at)
            return True
        line_start = piece.endswith(b"\n")


# -- gzip members ------------------------------------------------------------------------------


def _gzip_records(stream: IO[bytes], limit: int, numbers: _Counter) -> Iterator[RawRecord]:
    """Records member by member; a member that does not decompress is reported and reading
    resumes at the next gzip header."""
    member_limit = limit + _MAX_HEADER_BYTES
    start = 0
    while True:
        member = _read_member(stream, start, member_limit)
        if member is None:
            return
        data, end, problem = member
        if problem is None and data is not None:
            yield from _frame_records(io.BytesIO(data), start, limit, numbers, relative=True)
            start = end
            continue
        if problem == "too large":
            # the start of the member was kept: its headers say what the record is
            header = (data or b"").split(b"\r\n\r\n", 1)[0]
            warc_type = _header_fields(header).get("warc-type")
            yield RawRecord(
                numbers.next(), start, data=data, warc_type=warc_type, skipped_block=True
            )
            start = end
            continue
        yield RawRecord(
            numbers.next(), start, error=DamagedRecord(f"gzip member at byte {start} {problem}")
        )
        following = _next_magic(stream, start + 1)
        if following is None:
            return
        start = following


def _read_member(
    stream: IO[bytes], start: int, limit: int
) -> tuple[bytes | None, int, str | None] | None:
    """(decompressed bytes, offset after the member, problem) for the member at `start`;
    None at the end of the file. Output past `limit` is not kept ("too large")."""
    stream.seek(start)
    first = stream.read(_CHUNK)
    if not first:
        return None
    if not first.startswith(_GZIP_MAGIC):
        return None, start, "does not start with a gzip header"
    inflater = zlib.decompressobj(31)
    out = bytearray()
    position = start
    block = first
    while True:
        try:
            piece = inflater.decompress(block, max(limit + 1 - len(out), 1))
            while len(out) <= limit:
                out += piece
                if not inflater.unconsumed_tail:
                    break
                piece = inflater.decompress(inflater.unconsumed_tail, max(limit + 1 - len(out), 1))
            if len(out) > limit:
                end = _member_end(stream, inflater, position + len(block))
                return bytes(out[:_MAX_HEADER_BYTES]), end, "too large"
        except zlib.error as exc:
            return None, start, f"is corrupt ({exc})"
        if inflater.eof:
            end = position + len(block) - len(inflater.unused_data)
            return bytes(out), end, None
        position += len(block)
        block = stream.read(_CHUNK)
        if not block:
            return None, position, "is cut (the file ends inside it)"


def _member_end(stream: IO[bytes], inflater: Any, position: int) -> int:
    """Decompress the rest of a too-large member without keeping it; its end offset."""
    tail = inflater.unconsumed_tail
    while True:
        try:
            while tail:
                inflater.decompress(tail, _CHUNK)
                tail = inflater.unconsumed_tail
        except zlib.error:
            return position
        if inflater.eof:
            return position - len(inflater.unused_data)
        block = stream.read(_CHUNK)
        if not block:
            return position
        position += len(block)
        tail = block


def _next_magic(stream: IO[bytes], position: int) -> int | None:
    """The offset of the next gzip header at or after `position`."""
    stream.seek(position)
    carry = b""
    base = position
    while True:
        block = stream.read(_CHUNK)
        if not block:
            return None
        data = carry + block
        found = data.find(_GZIP_MAGIC)
        if found >= 0:
            return base - len(carry) + found
        carry = data[-(len(_GZIP_MAGIC) - 1) :]
        base += len(block)


__all__ = ["DamagedRecord", "RawRecord", "iter_raw_records"]
