"""The command as a scheduled job sees it: outputs never lost or clobbered, exit codes that
can be trusted, inputs recognised by content, provenance on every line."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleannews
import cleannews.cli as cli
from cleannews.batch import BatchResult
from cleannews.cli import EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_OK, EXIT_STOPPED, EXIT_USAGE, main
from samples import PAGE


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "p.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


# -- outputs --------------------------------------------------------------------------------


def test_an_input_is_never_the_output(tmp_path, capsys):
    source = tmp_path / "same.jsonl"
    data = json.dumps({"id": "a", "text": PAGE}) + "\n"
    source.write_text(data)
    for extra in ([], ["--overwrite"]):
        assert main(["clean", str(source), "-o", str(source), *extra]) == EXIT_USAGE
        err = capsys.readouterr().err
        assert err == f"cleannews: output {source} is also an input; choose another output file\n"
        assert source.read_text() == data


def test_an_output_inside_an_input_folder_that_would_be_read_is_refused(tmp_path, capsys):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(PAGE)
    out = tmp_path / "pages" / "out.txt"
    assert main(["clean", str(tmp_path / "pages"), "-o", str(out)]) == EXIT_USAGE
    assert "would be read as a page" in capsys.readouterr().err
    assert not out.exists()
    fine = tmp_path / "pages" / "out.jsonl"  # not a page file: never read back
    assert main(["clean", str(tmp_path / "pages"), "-o", str(fine), "-q"]) == EXIT_OK
    assert len(jsonl(fine)) == 1


def test_an_existing_output_needs_overwrite(page, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    assert main(["clean", str(page), "-o", str(out)]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"cleannews: output {out} exists; use --overwrite to replace it\n"
    )
    assert out.read_text() == "precious\n"
    assert main(["clean", str(page), "-o", str(out), "--overwrite", "-q"]) == EXIT_OK
    assert jsonl(out)[0]["title"] == "Minister resigns after budget row"


def test_the_output_appears_only_when_the_run_is_done(page, tmp_path, monkeypatch):
    """While pages are written, the output's name does not exist yet: a temporary file in the
    same folder holds the data and is renamed at the end."""
    out = tmp_path / "out.jsonl"
    seen: list[tuple[bool, list[str]]] = []
    real = cli.JsonlWriter.write

    def spy(self, result):
        real(self, result)
        seen.append((out.exists(), sorted(p.name for p in tmp_path.iterdir())))

    monkeypatch.setattr(cli.JsonlWriter, "write", spy)
    assert main(["clean", str(page), "-o", str(out), "-q"]) == EXIT_OK
    [(exists, names)] = seen
    assert not exists
    [temp] = [n for n in names if n not in ("p.txt",)]
    assert temp.startswith(".out.jsonl.") and temp.endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "p.txt"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _interrupt_after(n: int):
    """A clean_many that yields n results, then is interrupted like Ctrl-C."""
    real = cli.clean_many

    def fake(items, **kwargs):
        for count, result in enumerate(real(items, **kwargs)):
            if count == n:
                raise KeyboardInterrupt
            yield result

    return fake


def test_ctrl_c_keeps_the_partial_output_under_a_name_that_says_so(tmp_path, capsys, monkeypatch):
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(PAGE)
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(cli, "clean_many", _interrupt_after(2))
    assert main(["clean", *(str(tmp_path / f"{n}.txt") for n in "abc"), "-o", str(out)]) == (
        EXIT_INTERRUPTED
    )
    partial = tmp_path / "out.jsonl.partial"
    assert capsys.readouterr().err == (
        f"cleannews: interrupted after 2 pages; partial output kept in {partial}\n"
    )
    assert not out.exists()
    assert [line["id"] for line in jsonl(partial)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.txt",
        "b.txt",
        "c.txt",
        "out.jsonl.partial",
    ]


def test_ctrl_c_on_parquet_keeps_a_readable_partial_file(tmp_path, capsys, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    for name in "ab":
        (tmp_path / f"{name}.txt").write_text(PAGE)
    out = tmp_path / "out.parquet"
    monkeypatch.setattr(cli, "clean_many", _interrupt_after(1))
    code = main(["clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)])
    assert code == EXIT_INTERRUPTED
    assert not out.exists()
    assert pq.read_table(str(out) + ".partial").num_rows == 1


def test_a_stopped_run_keeps_its_output_as_partial(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(PAGE)
    (tmp_path / "b.txt.gz").write_bytes(b"not gzip")
    out = tmp_path / "out.jsonl"
    code = main(["clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt.gz"), "-o", str(out)])
    assert code == EXIT_STOPPED
    assert not out.exists()
    assert len(jsonl(tmp_path / "out.jsonl.partial")) == 1
    assert "partial output kept in" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("folder", "is a directory; give a file name"),
        ("missing/out.jsonl", "does not exist"),
    ],
)
def test_a_bad_output_path_is_one_line_without_traceback(page, tmp_path, capsys, where, message):
    (tmp_path / "folder").mkdir()
    assert main(["clean", str(page), "-o", str(tmp_path / where)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_unwritable_folder_is_one_line(page, tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["clean", str(page), "-o", str(locked / "out.jsonl")]) == EXIT_USAGE
    finally:
        locked.chmod(0o700)
    err = capsys.readouterr().err
    assert err.startswith(f"cleannews: cannot write in {locked}") and err.count("\n") == 1


def test_the_output_format_follows_the_extension(page, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    assert main(["clean", str(page), "-o", str(out), "-q"]) == EXIT_OK
    assert pq.read_table(out).column("title").to_pylist() == ["Minister resigns after budget row"]
    forced = tmp_path / "really-jsonl.parquet"
    assert main(["clean", str(page), "-o", str(forced), "--format", "jsonl", "-q"]) == EXIT_OK
    assert jsonl(forced)[0]["title"] == "Minister resigns after budget row"


# -- exit codes -----------------------------------------------------------------------------


def test_exit_codes_tell_clean_from_failed_from_usage(page, tmp_path, capsys):
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"not gzip")
    assert main(["clean", str(page), "-q"]) == EXIT_OK
    assert main(["clean", str(page), str(bad), "-q"]) == EXIT_STOPPED
    assert main(["clean", str(page), str(bad), "-q", "--keep-going"]) == EXIT_FAILURES
    assert main(["clean", str(page), str(tmp_path / "nope.txt")]) == EXIT_USAGE
    assert capsys.readouterr().err.endswith(
        f"cleannews: input not found: {tmp_path / 'nope.txt'}\n"
    )
    assert (EXIT_OK, EXIT_STOPPED, EXIT_USAGE, EXIT_FAILURES) == (0, 1, 2, 3)


def test_the_summary_counts_failed_pages_and_skipped_files(tmp_path, capsys):
    root = tmp_path / "pages"
    root.mkdir()
    (root / "a.txt").write_text(PAGE)
    (root / "b.txt.gz").write_bytes(b"not gzip")
    (root / "notes.md").write_text("not a page")
    (root / "logo.png").write_bytes(b"\x89PNG")
    assert main(["clean", str(root), "-k"]) == EXIT_FAILURES
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(
        "pages 2, articles 1, pages split 0, failed pages 1, files skipped 2 ("
    )
    assert err[1] == f"skipped (not a page file): {root / 'logo.png'}, {root / 'notes.md'}"
    assert err[2] == "1 pages failed: see the error lines (exit code 3)"


def test_exit_code_table_in_the_docs_matches_the_code():
    doc = (Path(__file__).parents[1] / "docs" / "etl.md").read_text("utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| `") and "` |" in line]
    codes = {int(row.split("`")[1]) for row in rows if row.split("`")[1].isdigit()}
    assert codes == {EXIT_OK, EXIT_STOPPED, EXIT_USAGE, EXIT_FAILURES, EXIT_INTERRUPTED}


def test_batch_result_type_is_what_the_fake_yields():
    # the interrupt helper above wraps the real clean_many: keep it honest
    results = list(_interrupt_after(5)([PAGE], workers=1))
    assert len(results) == 1 and isinstance(results[0], BatchResult)


# -- inputs: format by content, stdin, empty fields ----------------------------------------


HTML = (
    "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
    "<p>The harbour reopened on Monday after repairs to the sea wall that took most of the "
    "winter, the port authority said in a statement.</p><p>Fishing boats were the first to "
    "leave, followed by the morning ferry to the islands.</p></article></body></html>"
)


def run_lines(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, [json.loads(x) for x in captured.out.splitlines() if x.strip()], captured.err


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'{"id": 1, "text": "x"}\n', "jsonl"),
        (b'\xef\xbb\xbf  \n{ "id": 1}', "jsonl"),
        (b"{}\n", "jsonl"),
        (b'[{"id": 1}]', "json"),
        (b"[\n  {\n", "json"),
        (b"[]", "json"),
        (b"WARC/1.0\r\n", "warc"),
        (b"[Updated] Minister resigns\n\nBody", "page"),
        (b"{{template}} text", "page"),
        (b"<html><body>", "page"),
        (b"Plain text page", "page"),
        (b"", "page"),
    ],
)
def test_sniff_tells_formats_apart_by_content(head, kind):
    from cleannews.readers import sniff

    assert sniff(head) == kind


def test_a_json_file_of_json_lines_is_read_as_records(tmp_path, capsys):
    path = tmp_path / "pages.json"
    path.write_text(
        json.dumps({"id": "a", "text": PAGE}) + "\n" + json.dumps({"id": "b", "html": HTML}) + "\n"
    )
    code, lines, _ = run_lines(capsys, "clean", str(path))
    assert code == EXIT_OK
    assert [(x["id"], x["source"]["line"], x["title"]) for x in lines] == [
        ("a", 1, "Minister resigns after budget row"),
        ("b", 2, "Harbour reopens"),
    ]


def test_a_json_array_is_read_as_records_with_their_numbers(tmp_path, capsys):
    path = tmp_path / "pages.data"
    path.write_text(json.dumps([{"text": PAGE, "url": "https://example.com/a"}, {"html": HTML}, 7]))
    code, lines, _ = run_lines(capsys, "clean", str(path), "-k")
    assert code == EXIT_FAILURES  # the third record is not an object
    assert [x["id"] for x in lines] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [x["source"]["record"] for x in lines] == [1, 2, 3]
    assert lines[0]["input_url"] == "https://example.com/a"
    assert lines[1]["title"] == "Harbour reopens"
    assert lines[2]["error"] == {
        "type": "ValueError",
        "message": "a JSON record must be an object, got int",
    }


def test_jsonl_on_stdin_is_read_as_records(capsys, monkeypatch):
    data = (
        json.dumps({"id": "a", "text": PAGE}) + "\n" + json.dumps({"text": PAGE}) + "\n"
    ).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, lines, _ = run_lines(capsys, "clean", "-")
    assert code == EXIT_OK
    assert [(x["id"], x["source"]) for x in lines] == [
        ("a", {**NO_SOURCE, "file": "-", "line": 1}),
        ("-:2", {**NO_SOURCE, "file": "-", "line": 2}),
    ]


def test_a_text_page_on_stdin_stays_one_page(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(("[Live] " + PAGE).encode())))
    code, lines, _ = run_lines(capsys, "clean", "-")
    assert code == EXIT_OK
    assert [x["id"] for x in lines] == ["-"]
    assert lines[0]["source"] == {**NO_SOURCE, "file": "-"}


NO_SOURCE = {
    "file": None,
    "line": None,
    "record": None,
    "offset": None,
    "warc_record_id": None,
    "warc_target_uri": None,
}


def test_an_empty_field_falls_back_to_the_next(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "empty-html", "html": "", "text": PAGE},
        {"id": "blank-html", "html": "  \n", "text": PAGE},
        {"id": "all-empty", "html": "", "text": ""},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, lines, _ = run_lines(capsys, "clean", str(path))
    assert code == EXIT_OK
    expected = cleannews.clean(PAGE, kind="text").body
    assert [x["body"] for x in lines] == [expected, expected, ""]


def test_clean_many_falls_back_from_an_empty_field_too():
    [result] = cleannews.clean_many([{"id": 1, "html": "", "text": PAGE}])
    assert result.articles[0].title == "Minister resigns after budget row"
    [empty] = cleannews.clean_many([{"id": 2, "html": "", "text": ""}])
    assert empty.ok and empty.articles[0].paragraphs == ()


def test_a_warc_file_without_its_extension_is_recognised(tmp_path, capsys):
    from test_cli import make_warc

    path = tmp_path / "crawl.warc"
    make_warc(path)
    renamed = path.rename(tmp_path / "crawl.bin")
    code, lines, _ = run_lines(capsys, "clean", str(renamed))
    assert code == EXIT_OK
    assert [x["source"]["warc_target_uri"] for x in lines] == [
        "https://example.com/harbour",
        "https://example.com/page.txt",
    ]


# -- progress -------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_the_share_read_and_the_time_left():
    from cleannews.readers import ReadStats

    stats = ReadStats(done_bytes=250_000)
    now = [100.0]
    progress = cli.Progress(Terminal(), True, stats, total=1_000_000, clock=lambda: now[0])
    tally = cli.Tally(pages=10, articles=10)
    now[0] = 130.0  # 30 s for a quarter: 90 s left
    progress.update(tally)
    line = progress.stream.getvalue()
    assert line.startswith("\r\x1b[K10 pages")
    assert line.endswith("  25% of 1.0 MB, ETA 0:01:30")


def test_progress_without_a_known_size_has_no_eta():
    progress = cli.Progress(Terminal(), True, None, total=None)
    progress.update(cli.Tally(pages=1))
    assert "ETA" not in progress.stream.getvalue() and "1 pages" in progress.stream.getvalue()


def test_no_progress_when_the_records_go_to_the_same_terminal(page, monkeypatch):
    err, out = Terminal(), Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr("sys.stdout", out)
    assert main(["clean", str(page)]) == EXIT_OK
    assert "\r" not in err.getvalue() and "\r" not in out.getvalue()
    assert json.loads(out.getvalue())["title"] == "Minister resigns after budget row"


def test_progress_on_a_real_run_reaches_the_whole_input(tmp_path, monkeypatch):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": PAGE}) + "\n" for i in range(3)))
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    assert main(["clean", str(path), "-o", str(tmp_path / "out.jsonl")]) == EXIT_OK
    assert "% of " in err.getvalue()


# -- issue 18 items 8 and 9: nested JSON, url types ------------------------------------------


def test_a_deeply_nested_json_line_is_an_error_line_not_a_crash(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    nested = '{"id": "deep", "text": ' + "[" * 200_000 + "]" * 200_000 + "}"
    path.write_text(nested + "\n" + json.dumps({"id": "ok", "text": PAGE}) + "\n")
    code, lines, _ = run_lines(capsys, "clean", str(path), "-k")
    assert code == EXIT_FAILURES
    assert [(x["id"], x.get("error")) for x in lines] == [
        (
            f"{path}:1",
            {"type": "ValueError", "message": "not a JSON line: nested too deeply to read"},
        ),
        ("ok", None),
    ]


@pytest.mark.parametrize("url", [5, 2.5, ["https://example.com"], {"href": "x"}, True])
def test_a_url_that_is_not_text_is_a_type_error(url):
    with pytest.raises(TypeError, match="url must be a str or None, got"):
        cleannews.clean(PAGE, url=url)
    [result] = cleannews.clean_many([{"id": 1, "text": PAGE, "url": url}])
    assert result.error is not None and result.error.type == "TypeError"


def test_charset_must_be_text_too():
    with pytest.raises(TypeError, match="charset must be a str or None, got int"):
        cleannews.clean(PAGE.encode(), charset=8)


def test_a_number_url_never_breaks_parquet_output(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "a", "text": PAGE, "url": 5},
        {"id": "b", "text": PAGE, "url": "https://x.y/b"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out.parquet"
    assert main(["clean", str(path), "-o", str(out), "-k", "-q"]) == EXIT_FAILURES
    rows = pq.read_table(out).to_pylist()
    assert [(r["id"], r["error"]) for r in rows] == [
        ("a", {"type": "TypeError", "message": "the 'url' field must be a string, got int"}),
        ("b", None),
    ]
    assert rows[1]["url"] == rows[1]["input_url"] == "https://x.y/b"


def test_a_full_disk_is_one_line_and_keeps_the_partial_output(tmp_path, capsys, monkeypatch):
    import errno

    for name in "ab":
        (tmp_path / f"{name}.txt").write_text(PAGE)
    out = tmp_path / "out.jsonl"
    real = cli.JsonlWriter.write
    calls = []

    def full(self, result):
        calls.append(result)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, result)

    monkeypatch.setattr(cli.JsonlWriter, "write", full)
    code = main(["clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)])
    assert code == EXIT_STOPPED
    partial = tmp_path / "out.jsonl.partial"
    assert capsys.readouterr().err == (
        "cleannews: cannot write the output: [Errno 28] No space left on device; "
        f"partial output kept in {partial}\n"
    )
    assert not out.exists() and len(jsonl(partial)) == 1


_FIELD_VALUES = st.sampled_from([None, "", "  \n", "<p>page</p>", "text page"])


@given(html=_FIELD_VALUES, text=_FIELD_VALUES, page=_FIELD_VALUES)
def test_the_chosen_field_is_the_first_that_is_not_blank(html, text, page):
    """clean_many's mapping items: html, then text, then page; a blank one falls back to the
    next; all blank or missing: the first present (an empty page), or an error if none."""
    from cleannews.batch import _normalise

    item = {"id": 1, "html": html, "text": text, "page": page}
    task = _normalise(0, item)
    present = [(k, v) for k, v in (("html", html), ("text", text), ("page", page)) if v is not None]
    if not present:
        assert isinstance(task, BatchResult) and task.error is not None
        return
    filled = [(k, v) for k, v in present if v.strip()]
    key, value = (filled or present)[0]
    assert task.page == value
    assert task.kind == {"html": "html", "text": "text", "page": None}[key]
