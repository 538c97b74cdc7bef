"""clean_many: ordered, streaming, bounded, parallel, and one bad page never stops a batch."""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleannews
from cleannews import BatchError, BatchResult, CleanConfig, clean_many, default_pipeline
from cleannews.document import Doc
from cleannews.stages.base import Stage
from samples import HTML, PAGE

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
MULTI_STORY = SEEDS / "000_24cb86a4bbb49941.txt"  # a page holding two stories

MARKER = "EXPLODE-HERE"


class Exploding(Stage):
    """A stage that fails on pages holding the marker (module level, so workers can load it)."""

    name = "exploding"

    def run(self, doc: Doc) -> None:
        if any(MARKER in line.raw for line in doc.lines):
            raise RuntimeError(f"boom on {MARKER}")


def numbered(n: int) -> str:
    return PAGE.replace("Tuesday evening", f"Tuesday evening number {n}")


def endless(pulled: list[int]) -> Iterator[str]:
    for n in itertools.count():
        pulled.append(n)
        yield numbered(n)


# -- in process ------------------------------------------------------------------------------


def test_results_come_in_input_order_with_positions_as_ids():
    pages = [numbered(n) for n in range(5)]
    results = list(clean_many(pages))
    assert [r.id for r in results] == [0, 1, 2, 3, 4]
    assert all(r.ok and r.error is None for r in results)
    assert [r.articles[0] for r in results] == [cleannews.clean(p) for p in pages]


def test_item_shapes_tuple_and_mapping():
    items = [
        ("a", PAGE),
        {"id": "b", "html": HTML, "url": "https://example.com/harbour"},
        {"text": PAGE},
        {"id": "d", "text": HTML},  # "text" forces the text path, markup and all
        PAGE.encode("utf-8"),
    ]
    results = list(clean_many(items))
    assert [r.id for r in results] == ["a", "b", 2, "d", 4]
    assert all(r.ok for r in results)
    assert results[0].articles[0] == cleannews.clean(PAGE)
    html_article = results[1].articles[0]
    assert html_article == cleannews.clean(HTML, kind="html", url="https://example.com/harbour")
    assert html_article.title == "Harbour reopens"
    assert results[3].articles[0] == cleannews.clean(HTML, kind="text")
    assert results[4].articles[0] == cleannews.clean(PAGE)


def test_html_wins_over_text_in_a_mapping():
    [result] = clean_many([{"id": 1, "text": PAGE, "html": HTML}])
    assert result.articles[0].title == "Harbour reopens"


@pytest.mark.parametrize(
    ("item", "error_type"),
    [
        (42, "TypeError"),
        (None, "TypeError"),
        (("only-an-id",), "TypeError"),
        (("id", 3.5), "TypeError"),
        ({"id": "x", "url": "https://example.com"}, "ValueError"),
    ],
)
def test_malformed_items_are_error_results_not_exceptions(item, error_type):
    results = list(clean_many([PAGE, item, PAGE]))
    assert [r.ok for r in results] == [True, False, True]
    bad = results[1]
    assert bad.articles == ()
    assert isinstance(bad.error, BatchError)
    assert bad.error.type == error_type
    assert bad.error.message


def test_a_reader_can_pass_its_own_failure_in_order():
    results = list(clean_many([("f1", PAGE), ("f2", OSError("cannot read f2")), ("f3", PAGE)]))
    assert [r.id for r in results] == ["f1", "f2", "f3"]
    assert results[1].error == BatchError("OSError", "cannot read f2")


def test_a_stage_that_raises_on_one_page_does_not_stop_the_batch(monkeypatch):
    from cleannews.stages.boilerplate import RemoveBoilerplate

    original = RemoveBoilerplate.run

    def run(self: RemoveBoilerplate, doc: Doc) -> None:
        if any(MARKER in line.raw for line in doc.lines):
            raise ValueError("marker seen")
        original(self, doc)

    monkeypatch.setattr(RemoveBoilerplate, "run", run)
    pages = [PAGE, PAGE + "\n" + MARKER + "\n", PAGE]
    results = list(clean_many(pages))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error == BatchError("ValueError", "marker seen")
    assert results[1].id == 1


def test_other_stories_follow_the_main_one():
    page = MULTI_STORY.read_bytes()
    article = cleannews.clean(page)
    assert article.others, "the fixture must hold several stories"
    [result] = clean_many([("multi", page)])
    assert len(result.articles) == 1 + len(article.others)
    assert result.articles[0].others == ()
    assert result.articles[0].paragraphs == article.paragraphs
    assert result.articles[0].warnings == article.warnings
    assert result.articles[1:] == article.others


def test_an_endless_input_is_read_lazily():
    pulled: list[int] = []
    results = list(itertools.islice(clean_many(endless(pulled)), 3))
    assert [r.id for r in results] == [0, 1, 2]
    assert len(pulled) <= 4


def test_custom_pipeline_is_used():
    pipeline = default_pipeline().without("boilerplate")
    [result] = clean_many([PAGE], pipeline=pipeline)
    assert result.articles[0] == pipeline.clean(PAGE)
    assert "Advertisement" in result.articles[0].body


def test_bad_arguments_are_rejected():
    with pytest.raises(ValueError, match="workers"):
        clean_many([PAGE], workers=0)
    with pytest.raises(ValueError, match="chunksize"):
        clean_many([PAGE], chunksize=0)
    with pytest.raises(ValueError, match="max_pending"):
        clean_many([PAGE], workers=2, max_pending=0)


def test_results_are_frozen_and_picklable():
    [result] = clean_many([PAGE])
    with pytest.raises(AttributeError):
        result.id = 3  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(result)) == result
    error = BatchResult(1, (), BatchError("ValueError", "x"))
    assert pickle.loads(pickle.dumps(error)) == error
    assert error.error is not None and error.error.to_dict() == {
        "type": "ValueError",
        "message": "x",
    }


# -- what a process pool needs -----------------------------------------------------------------


def test_pipeline_and_config_pickle_to_equal_working_values():
    config = CleanConfig(languages=("en",), min_story_paragraphs=4)
    assert pickle.loads(pickle.dumps(config)) == config
    pipeline = default_pipeline(config).without("duplicates").with_stage(Exploding())
    pipeline.clean(PAGE)  # builds the matchers the pickle must leave behind
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy == pipeline
    assert copy.names == pipeline.names
    assert copy.clean(PAGE) == pipeline.clean(PAGE)
    assert pickle.loads(pickle.dumps(default_pipeline())).clean(HTML) == cleannews.clean(HTML)


# -- in a process pool -------------------------------------------------------------------------


def test_two_workers_give_the_results_of_one_in_the_same_order():
    pipeline = default_pipeline().with_stage(Exploding())
    items: list[object] = [numbered(n) for n in range(12)]
    items[3] = numbered(3) + "\n" + MARKER + "\n"
    items[5] = 7  # not a page
    items[8] = ("html-page", HTML.encode("utf-8"))
    items[10] = MULTI_STORY.read_bytes()
    serial = list(clean_many(items, pipeline=pipeline))
    parallel = list(clean_many(items, workers=2, pipeline=pipeline, chunksize=2, max_pending=4))
    assert parallel == serial
    assert [r.id for r in parallel] == [0, 1, 2, 3, 4, 5, 6, 7, "html-page", 9, 10, 11]
    assert parallel[3].error == BatchError("RuntimeError", f"boom on {MARKER}")
    assert parallel[5].error is not None and parallel[5].error.type == "TypeError"
    assert len(parallel[10].articles) >= 2
    assert sum(r.ok for r in parallel) == 10


def test_two_workers_on_an_endless_input_keep_few_pages_in_flight():
    pulled: list[int] = []
    stream = clean_many(endless(pulled), workers=2, chunksize=3, max_pending=6)
    first = list(itertools.islice(stream, 10))
    stream.close()  # shuts the pool down
    assert [r.id for r in first] == list(range(10))
    assert all(r.ok for r in first)
    assert first[4].articles[0] == cleannews.clean(numbered(4))
    # 10 yielded, at most max_pending more read ahead (+1 for the generator's own step)
    assert len(pulled) <= 10 + 6 + 1


def test_a_mapping_can_carry_the_http_charset():
    page = "Café owners say prices rose again this year in the old town centre.".encode("cp1252")
    [result] = clean_many([{"id": "c", "page": page, "charset": "text/plain; charset=cp1252"}])
    assert result.articles[0] == cleannews.clean(page, charset="text/plain; charset=cp1252")
    assert result.articles[0].paragraphs[0].startswith("Café owners")
