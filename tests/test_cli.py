"""The `cleannews` command: every input kind, count in = count out, errors, explain."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cleannews
from cleannews.cli import main
from samples import PAGE

HTML = (
    "<html><head><title>Harbour reopens | Coast News</title>"
    '<meta property="og:site_name" content="Coast News"></head><body><article>'
    "<h1>Harbour reopens</h1><p>The harbour reopened on Monday after repairs to the sea "
    "wall that took most of the winter, the port authority said in a statement.</p>"
    "<p>Fishing boats were the first to leave, followed by the morning ferry to the "
    "islands, which had been cancelled for three months.</p></article></body></html>"
)
MULTI_STORY = Path(__file__).parent / "fixtures" / "seeds" / "000_24cb86a4bbb49941.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    return code, lines, captured.err


def ids(lines: list[dict]) -> list[object]:
    return [line["id"] for line in lines]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory of pages: text, HTML, gzipped, nested, plus files that are not pages."""
    root = tmp_path / "pages"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text(PAGE, encoding="utf-8")
    (root / "b.html").write_text(HTML, encoding="utf-8")
    (root / "nested" / "c.htm.gz").write_bytes(gzip.compress(HTML.encode()))
    (root / "nested" / "deeper" / "d.txt.gz").write_bytes(gzip.compress(PAGE.encode()))
    (root / "notes.md").write_text("not a page")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


# -- files, directories, stdin ----------------------------------------------------------------


def test_text_and_html_files(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(PAGE)
    (tmp_path / "h.html").write_text(HTML)
    code, lines, err = run(capsys, "clean", str(tmp_path / "p.txt"), str(tmp_path / "h.html"))
    assert code == 0
    assert ids(lines) == [str(tmp_path / "p.txt"), str(tmp_path / "h.html")]
    expected = cleannews.clean(PAGE.encode()).to_dict()
    source = {"file": str(tmp_path / "p.txt"), "line": None, "record": None, "offset": None}
    source |= {"warc_record_id": None, "warc_target_uri": None}
    assert lines[0] == {
        "id": str(tmp_path / "p.txt"),
        "source": source,
        "story": 0,
        **expected,
        "input_url": None,
    }
    assert list(lines[0])[: list(lines[0]).index("url") + 2][-2:] == ["url", "input_url"]
    assert lines[1]["title"] == "Harbour reopens"
    assert lines[1]["site_name"] == "Coast News"
    assert "pages 2, articles 2, pages split 0, failed pages 0, files skipped 0" in err


def test_a_directory_is_read_recursively_in_sorted_order(corpus, capsys):
    code, lines, _ = run(capsys, "clean", str(corpus))
    assert code == 0
    names = [Path(i).relative_to(corpus).as_posix() for i in ids(lines)]
    assert names == ["a.txt", "b.html", "nested/c.htm.gz", "nested/deeper/d.txt.gz"]
    assert lines[0]["body"] == lines[3]["body"]
    assert lines[1]["title"] == lines[2]["title"] == "Harbour reopens"


def test_stdin_is_one_page():
    env = dict(os.environ)
    src = str(Path(__file__).parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-m", "cleannews", "clean", "-"],
        input=PAGE.encode(),
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [line] = [json.loads(x) for x in done.stdout.splitlines()]
    assert line["id"] == "-"
    assert line["title"] == "Minister resigns after budget row"
    assert b"\r" not in done.stderr  # no progress line when stderr is not a terminal
    assert b"pages 1, articles 1" in done.stderr


def test_several_stories_give_several_lines(capsys):
    article = cleannews.clean(MULTI_STORY.read_bytes())
    code, lines, err = run(capsys, "clean", str(MULTI_STORY))
    assert code == 0
    assert [line["story"] for line in lines] == list(range(1 + len(article.others)))
    assert lines[1]["title"] == article.others[0].title
    assert all(line["others"] == [] for line in lines)
    assert "pages split 1" in err


# -- JSON Lines --------------------------------------------------------------------------------


def test_jsonl_and_jsonl_gz_with_custom_fields(tmp_path, capsys):
    records = [
        {"doc": "r1", "body": PAGE, "link": "https://example.com/r1"},
        {"doc": "r2", "markup": HTML},
        {"body": PAGE},  # no id: the file and line number stand in
    ]
    data = "".join(json.dumps(r) + "\n" for r in records) + "\n"  # a blank line is no page
    plain = tmp_path / "in.jsonl"
    plain.write_text(data)
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(data.encode()))
    fields = ["--id-field", "doc", "--text-field", "body", "--html-field", "markup"]
    code, lines, _ = run(capsys, "clean", str(plain), str(packed), "--url-field", "link", *fields)
    assert code == 0
    assert ids(lines) == ["r1", "r2", f"{plain}:3", "r1", "r2", f"{packed}:3"]
    assert lines[0]["url"] == "https://example.com/r1"
    assert lines[1]["title"] == "Harbour reopens"
    assert lines[0]["body"] == cleannews.clean(PAGE, kind="text").body
    assert [line["source"]["line"] for line in lines] == [1, 2, 3, 1, 2, 3]
    assert lines[0]["input_url"] == "https://example.com/r1"
    assert lines[:3] == [
        {
            **line,
            "id": line["id"].replace(str(packed), str(plain)),
            "source": {**line["source"], "file": str(plain)},
        }
        for line in lines[3:]
    ]


def test_jsonl_default_fields_prefer_html(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 7, "text": PAGE, "html": HTML, "url": "u"}) + "\n")
    code, lines, _ = run(capsys, "clean", str(path))
    assert code == 0
    assert lines[0]["id"] == 7
    assert lines[0]["title"] == "Harbour reopens"


# -- WARC ----------------------------------------------------------------------------------------


def make_warc(path: Path) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    with open(path, "wb") as stream:
        writer = warcio.WARCWriter(stream, gzip=path.name.endswith(".gz"))
        pages = [
            ("https://example.com/harbour", "text/html; charset=utf-8", HTML.encode()),
            ("https://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            ("https://example.com/page.txt", "text/plain", PAGE.encode()),
        ]
        for url, content_type, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://example.com/", "request"))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_response_records_are_pages(tmp_path, capsys, name):
    path = tmp_path / name
    make_warc(path)
    code, lines, err = run(capsys, "clean", str(path))
    assert code == 0
    assert [line["url"] for line in lines] == [
        "https://example.com/harbour",
        "https://example.com/page.txt",
    ]
    assert all(str(line["id"]).startswith("<urn:uuid:") for line in lines)
    assert [line["source"]["warc_record_id"] for line in lines] == ids(lines)
    assert [line["source"]["record"] for line in lines] == [1, 3]
    assert lines[0]["source"]["offset"] == 0 and lines[1]["source"]["offset"] > 0
    assert [line["input_url"] for line in lines] == [line["url"] for line in lines]
    assert lines[0]["title"] == "Harbour reopens"
    assert lines[1]["authors"] == ["Jane Doe"]
    assert "pages 2" in err and "non-page WARC records skipped 2" in err  # image, request


def test_a_missing_warcio_is_a_clear_error(tmp_path, capsys, monkeypatch):
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "warcio", None)
    code = main(["clean", str(path)])
    assert code == 2
    assert "pip install 'cleannews[warc]'" in capsys.readouterr().err


# -- errors, count in = count out --------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> tuple[list[str], int]:
    """Inputs with good and bad pages, and how many pages they hold."""
    (tmp_path / "good.txt").write_text(PAGE)
    (tmp_path / "bad.txt.gz").write_bytes(b"this is not gzip")
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 3_000_000))
    (tmp_path / "truncated.txt.gz").write_bytes(gzip.compress(PAGE.encode())[:-12])
    lines = [
        json.dumps({"id": "ok", "text": PAGE}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "empty"}),
        json.dumps({"id": "number", "text": 12}),
        json.dumps({"id": "huge", "text": "x" * 2_000_000}),
        json.dumps({"id": "last", "html": HTML}),
    ]
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n")
    names = ["good.txt", "bad.txt.gz", "bomb.html.gz", "truncated.txt.gz", "records.jsonl"]
    inputs = [str(tmp_path / n) for n in names]
    return inputs, 4 + len(lines)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_keep_going_gives_one_line_or_more_per_page(mixed, capsys, workers):
    inputs, pages = mixed
    args = ["clean", *inputs, "--keep-going", "--max-page-bytes", "1000000", "--workers", workers]
    code, lines, err = run(capsys, *args)
    assert code == 3  # finished, with failed pages
    assert len(lines) == pages  # no page here has several stories: exactly one line each
    errors = {
        str(line["id"]).rsplit("/", 1)[-1]: line["error"] for line in lines if "error" in line
    }
    assert set(errors) == {
        "bad.txt.gz",
        "bomb.html.gz",
        "truncated.txt.gz",
        "records.jsonl:2",
        "records.jsonl:3",
        "empty",
        "number",
        "records.jsonl:6",  # too large to be parsed: its id is unknown
    }
    assert "larger than 1000000 bytes" in errors["bomb.html.gz"]["message"]
    assert "larger than 1000000 bytes" in errors["records.jsonl:6"]["message"]
    assert errors["number"]["type"] == "TypeError"
    assert [line["id"] for line in lines if "error" not in line][1:] == ["ok", "last"]
    assert f"pages {pages}, articles 3, pages split 0, failed pages 8, files skipped 0" in err
    assert "8 pages failed" in err


def test_without_keep_going_the_first_error_stops_with_exit_1(mixed, capsys):
    inputs, _ = mixed
    code, lines, err = run(capsys, "clean", *inputs)
    assert code == 1
    assert len(lines) == 1 and "error" not in lines[0]
    assert "bad.txt.gz failed" in err
    assert "--keep-going" in err


def test_a_failing_stage_becomes_an_error_line(tmp_path, capsys, monkeypatch):
    from cleannews.stages.metadata import AssignMetadata

    def explode(self, doc):
        raise RuntimeError("metadata broke")

    monkeypatch.setattr(AssignMetadata, "run", explode)
    (tmp_path / "p.txt").write_text(PAGE)
    code, lines, _ = run(capsys, "clean", str(tmp_path / "p.txt"), "--keep-going")
    assert code == 3
    assert [(line["id"], line["error"]) for line in lines] == [
        (str(tmp_path / "p.txt"), {"type": "RuntimeError", "message": "metadata broke"})
    ]
    assert lines[0]["source"]["file"] == str(tmp_path / "p.txt")


# -- output options -----------------------------------------------------------------------------


def test_output_file_and_gzip_output(corpus, tmp_path, capsys):
    out = tmp_path / "out.jsonl.gz"
    code, lines, _ = run(capsys, "clean", str(corpus), "-o", str(out), "--workers", "2")
    assert code == 0 and lines == []
    written = [json.loads(x) for x in gzip.decompress(out.read_bytes()).splitlines()]
    code, serial, _ = run(capsys, "clean", str(corpus))
    assert written == serial


def test_parquet_output(corpus, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    (corpus / "broken.txt.gz").write_bytes(b"not gzip")
    code, _, _ = run(capsys, "clean", str(corpus), "--format", "parquet", "-o", str(out), "-k")
    assert code == 3  # broken.txt.gz failed
    table = pq.read_table(out)
    from cleannews.tabular import COLUMN_NAMES, arrow_schema

    assert table.schema.names == list(COLUMN_NAMES)
    assert table.schema.equals(arrow_schema())
    rows = table.to_pylist()
    assert len(rows) == 5
    broken = [r for r in rows if r["error"] is not None]
    assert [Path(r["id"]).name for r in broken] == ["broken.txt.gz"]
    assert broken[0]["story"] is None
    good = [r for r in rows if r["error"] is None]
    assert {r["title"] for r in good} == {"Minister resigns after budget row", "Harbour reopens"}
    assert good[0]["removed"][0] == {
        "text": "By Jane Doe",
        "rule": "byline-by",
        "stage": "metadata",
        "line": 2,
        "field": "authors",
        "trigger_line": None,
        "trigger_rule": None,
        "trigger_text": None,
        "element": None,
        "marker": None,
    }


def test_parquet_needs_an_output_file(corpus, capsys):
    pytest.importorskip("pyarrow")
    assert main(["clean", str(corpus), "--format", "parquet"]) == 2
    assert "needs an output file" in capsys.readouterr().err


def test_progress_is_shown_on_a_terminal_only(tmp_path, monkeypatch):
    (tmp_path / "p.txt").write_text(PAGE)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["clean", str(tmp_path / "p.txt")]) == 0
    assert "\r" in terminal.getvalue()
    assert "pages/s" in terminal.getvalue()

    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["clean", str(tmp_path / "p.txt")]) == 0
    assert "\r" not in quiet.getvalue()
    assert quiet.getvalue().startswith("pages 1, articles 1")


def test_quiet_prints_nothing_on_stderr(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(PAGE)
    code, lines, err = run(capsys, "clean", str(tmp_path / "p.txt"), "-q")
    assert code == 0 and len(lines) == 1 and err == ""


def test_pipeline_config_file(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(PAGE)
    config = tmp_path / "pipeline.json"
    config.write_text(json.dumps({"options": {"languages": ["en"]}, "stages": ["encoding"]}))
    code, lines, _ = run(capsys, "clean", str(tmp_path / "p.txt"), "--config", str(config))
    assert code == 0
    assert "Advertisement" in lines[0]["paragraphs"]
    config.write_text(json.dumps({"options": {"no_such_option": 1}}))
    assert main(["clean", str(tmp_path / "p.txt"), "--config", str(config)]) == 2


# -- explain ----------------------------------------------------------------------------------


def test_explain_prints_each_line_and_its_fate(tmp_path, capsys):
    page = tmp_path / "p.txt"
    page.write_text(PAGE)
    assert main(["explain", str(page)]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "title: Minister resigns after budget row" in out
    rows = [line for line in out.splitlines() if line[:1].isdigit()]
    assert rows[0].split()[:2] == ["0", "title"]
    assert "removed metadata/byline-by -> authors" in rows[2] and "By Jane Doe" in rows[2]
    assert rows[4].split()[:2] == ["4", "body"]
    assert "removed boilerplate/advertisement-label" in rows[6]
    assert len(rows) == len(PAGE.splitlines())


def test_explain_colours_on_request_and_html_elements(tmp_path, capsys):
    page = tmp_path / "h.html"
    page.write_text(
        HTML.replace("</article>", '</article><div class="share-bar">Share on Facebook</div>')
    )
    assert main(["explain", str(page), "--color"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[1;36mtitle" in out
    assert "HTML elements removed before extraction" in out
    assert "html/html-share" in out and "Share on Facebook" in out
    assert main(["explain", str(page), "--no-color"]) == 0
    assert "\x1b[" not in capsys.readouterr().out


def test_explain_json(tmp_path, capsys):
    page = tmp_path / "p.txt"
    page.write_text(PAGE)
    assert main(["explain", str(page), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(json.dumps(cleannews.explain(PAGE.encode()).to_dict()))


def test_explain_a_missing_file_is_exit_2(tmp_path, capsys):
    assert main(["explain", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
