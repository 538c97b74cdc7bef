"""WARC reading accounts for every record: each one is cleaned, counted as not a page, or
reported as an error with its offset, on cut, corrupt and mis-sized archives (issue 18,
item 7)."""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from pathlib import Path

import pytest

from cleannews.cli import EXIT_FAILURES, EXIT_OK, main
from cleannews.readers import ReadOptions, ReadStats, iter_inputs
from samples import PAGE

warcio = pytest.importorskip("warcio")

URLS = [f"https://example.com/{i}" for i in range(4)]


def page_text(i: int) -> bytes:
    return PAGE.replace("Tuesday", f"Tuesday {i}").encode()


def make_warc(gz: bool, *, extra_request: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders

    stream = io.BytesIO()
    writer = warcio.WARCWriter(stream, gzip=gz)
    for i, url in enumerate(URLS):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(page_text(i)), http_headers=headers
        )
        writer.write_record(record)
        if extra_request and i == 0:
            writer.write_record(writer.create_warc_record(url, "request"))
    return stream.getvalue()


def starts(data: bytes) -> list[int]:
    """Offsets of the records of an uncompressed WARC."""
    return [m.start() for m in re.finditer(rb"(?m)^WARC/1\.", data)]


def members(data: bytes) -> list[int]:
    """Offsets of the gzip members of a record-per-member WARC."""
    out, position = [], 0
    while position < len(data):
        out.append(position)
        inflater = zlib.decompressobj(31)
        inflater.decompress(data[position:])
        position = len(data) - len(inflater.unused_data)
    return out


def read(path: Path) -> tuple[list[object], ReadStats]:
    stats = ReadStats()
    return list(iter_inputs([str(path)], ReadOptions(), stats)), stats


def outcome(items: list[object]) -> list[tuple[str, int | None, str]]:
    """(kind, offset, url or error message) per item."""
    out = []
    for item in items:
        if isinstance(item, tuple):
            source, exc = item
            out.append(("error", source.offset, str(exc)))
        else:
            out.append(("page", item["id"].offset, item["url"]))
    return out


@pytest.mark.parametrize("gz", [False, True])
def test_an_intact_archive_gives_every_page_with_its_offset(tmp_path, gz):
    data = make_warc(gz, extra_request=True)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    items, stats = read(path)
    offsets = members(data) if gz else starts(data)
    assert outcome(items) == [
        ("page", offsets[0], URLS[0]),
        ("page", offsets[2], URLS[1]),
        ("page", offsets[3], URLS[2]),
        ("page", offsets[4], URLS[3]),
    ]
    assert stats.skipped == 1  # the request record
    assert [item["page"] for item in items] == [page_text(i) for i in range(4)]


def test_a_cut_inside_the_headers_is_an_error_at_its_offset(tmp_path):
    data = make_warc(False)
    at = starts(data)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: at[2] + 40])
    items, _ = read(path)
    assert outcome(items) == [
        ("page", at[0], URLS[0]),
        ("page", at[1], URLS[1]),
        ("error", at[2], f"record at byte {at[2]} is cut inside its WARC headers"),
    ]


def test_a_cut_inside_the_body_is_an_error_not_a_partial_page(tmp_path):
    data = make_warc(False)
    at = starts(data)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: at[3] + 700])
    items, _ = read(path)
    kinds = outcome(items)
    assert kinds[:3] == [("page", at[i], URLS[i]) for i in range(3)]
    assert kinds[3][:2] == ("error", at[3])
    assert re.fullmatch(
        rf"record at byte {at[3]} is cut: \d+ of its \d+ bytes are there", kinds[3][2]
    )


@pytest.mark.parametrize("change", [+300, -40])
def test_a_wrong_content_length_swallows_no_record(tmp_path, change):
    data = make_warc(False)
    at = starts(data)
    header_end = data.index(b"\r\n\r\n", at[1])
    match = re.search(rb"Content-Length: (\d+)", data[at[1] : header_end])
    assert match is not None
    length = int(match.group(1))
    start, end = at[1] + match.start(1), at[1] + match.end(1)
    broken = data[:start] + str(length + change).encode() + data[end:]
    shift = len(str(length + change)) - len(str(length))
    path = tmp_path / "sized.warc"
    path.write_bytes(broken)
    items, _ = read(path)
    assert outcome(items) == [
        ("page", at[0], URLS[0]),
        (
            "error",
            at[1],
            f"record at byte {at[1]}: its Content-Length ({length + change}) does not end "
            "where the next record starts",
        ),
        ("page", at[2] + shift, URLS[2]),
        ("page", at[3] + shift, URLS[3]),
    ]


def test_a_corrupt_gzip_member_stops_nothing_after_it(tmp_path):
    data = bytearray(make_warc(True))
    at = members(bytes(data))
    middle = (at[1] + at[2]) // 2
    data[middle : middle + 8] = b"\xff" * 8  # deflate data of member 2 destroyed
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bytes(data))
    items, _ = read(path)
    kinds = outcome(items)
    assert [k[:2] for k in kinds] == [
        ("page", at[0]),
        ("error", at[1]),
        ("page", at[2]),
        ("page", at[3]),
    ]
    assert kinds[1][2].startswith(f"gzip member at byte {at[1]} is corrupt")
    assert [k[2] for k in kinds if k[0] == "page"] == [URLS[0], URLS[2], URLS[3]]


def test_a_cut_gzip_archive_reports_its_last_member(tmp_path):
    data = make_warc(True)
    at = members(data)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: at[3] + 50])
    items, _ = read(path)
    assert outcome(items)[-1] == (
        "error",
        at[3],
        f"gzip member at byte {at[3]} is cut (the file ends inside it)",
    )
    assert len(items) == 4


def test_damage_fails_the_run_with_keep_going_and_is_counted(tmp_path, capsys):
    data = make_warc(False)
    at = starts(data)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: at[3] + 700])
    assert main(["clean", str(path), "-k"]) == EXIT_FAILURES
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert [x["source"]["offset"] for x in lines] == at
    assert [("error" in x) for x in lines] == [False, False, False, True]
    assert "failed pages 1" in captured.err
    whole = tmp_path / "whole.warc"
    whole.write_bytes(data)
    assert main(["clean", str(whole), "-q"]) == EXIT_OK


def test_a_record_over_the_size_cap_is_reported_and_the_next_is_read(tmp_path):
    data = make_warc(False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    stats = ReadStats()
    # the whole file is far from a GB, so use a cap smaller than one page
    items = list(iter_inputs([str(path)], ReadOptions(max_bytes=200), stats))
    assert len(items) == 4
    assert all(isinstance(item, tuple) for item in items)
    assert "larger than 200 bytes" in str(items[0][1])


def test_every_record_is_accounted_for_under_random_cuts(tmp_path):
    """Cut the archive at many places: records cleaned + errors + skipped always cover every
    record that starts before the cut."""
    data = make_warc(False, extra_request=True)
    at = starts(data)
    for cut in range(0, len(data), 97):
        path = tmp_path / f"cut{cut}.warc"
        path.write_bytes(data[:cut])
        items, stats = read(path)
        begun = sum(1 for offset in at if offset < cut)
        assert len(items) + stats.skipped == begun, cut


def test_gzip_is_detected_in_a_gz_named_archive_only_by_content(tmp_path):
    plain = make_warc(False)
    path = tmp_path / "odd.warc.gz"  # named .gz, stored plain
    path.write_bytes(plain)
    items, _ = read(path)
    assert len(items) == 4
    assert gzip.decompress(make_warc(True))[:5] == b"WARC/"
