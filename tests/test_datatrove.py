"""The datatrove step, run by datatrove's own executor between its JSONL reader and
writer on local files (skipped without the `datatrove` extra)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import cleannews
from samples import HTML, PAGE

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JsonlWriter needs it


def write_pages(folder: Path, pages: list[dict]) -> None:
    folder.mkdir()
    with gzip.open(folder / "pages.jsonl.gz", "wt", encoding="utf-8") as out:
        for page in pages:
            out.write(json.dumps(page) + "\n")


def read_folder(folder: Path) -> list[dict]:
    docs = []
    for path in sorted(folder.glob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as stream:
            docs.extend(json.loads(line) for line in stream if line.strip())
    return docs


def test_clean_news_step_with_datatrove_jsonl_reader_and_writer(tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleannews.datatrove import CleanNews

    multi = (Path(__file__).parent / "fixtures" / "seeds" / "000_24cb86a4bbb49941.txt").read_text(
        "utf-8"
    )
    pages = [
        {"id": "text", "text": PAGE, "metadata": {"url": "https://example.com/text"}},
        {"id": "html", "text": HTML},
        {"id": "empty", "text": "Advertisement\n\nShare on Facebook\n\nRead more"},
        {"id": "multi", "text": multi},
    ]
    write_pages(tmp_path / "in", pages)
    step = CleanNews(exclusion_writer=JsonlWriter(str(tmp_path / "dropped")))
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            step,
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    out = {doc["id"]: doc for doc in read_folder(tmp_path / "out")}
    assert sorted(out) == ["html", "multi", "text"]
    expected = cleannews.clean(PAGE, url="https://example.com/text")
    assert out["text"]["text"] == expected.body
    record = out["text"]["metadata"]["cleannews"]
    assert record == {k: v for k, v in expected.to_dict().items() if k != "body"}
    assert record["authors"] == ["Jane Doe"]
    assert out["html"]["metadata"]["cleannews"]["title"] == "Harbour reopens"
    assert len(out["multi"]["metadata"]["cleannews"]["others"]) >= 1

    [dropped] = read_folder(tmp_path / "dropped")
    assert dropped["id"] == "empty"
    assert dropped["metadata"]["cleannews_dropped"] == "empty_body"
    assert dropped["metadata"]["cleannews"]["removed"]  # why each line went

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    [mine] = [s for s in stats if s["name"] == str(step)]
    counts = {k: v["total"] if isinstance(v, dict) else v for k, v in mine["stats"].items()}
    assert counts["total"] == 4
    assert counts["forwarded"] == 3
    assert counts["dropped"] == 1
    assert counts["dropped_empty_body"] == 1
    assert counts["stories_split"] == 1


def test_a_page_that_fails_is_dropped_with_its_error_as_reason():
    from datatrove.data import Document

    from cleannews.datatrove import CleanNews

    step = CleanNews()
    docs = [Document(text=PAGE, id="a"), Document(text=None, id="b")]  # type: ignore[arg-type]
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["a"]
    assert step.stats["dropped_error_TypeError"].total == 1
    assert step.stats["forwarded"].total == 1
