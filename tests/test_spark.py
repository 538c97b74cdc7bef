"""clean_dataframe on a real local Spark (local[2]); skipped without pyspark or Java."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import cleannews
from cleannews.tabular import COLUMN_NAMES, SPARK_DDL
from samples import HTML, PAGE

pytestmark = pytest.mark.spark

MULTI_STORY = Path(__file__).parent / "fixtures" / "seeds" / "000_24cb86a4bbb49941.txt"


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java")
    from pyspark.sql import SparkSession

    # The Python workers must run this interpreter (it has cleannews and its deps) and
    # find the package the way this process does.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("cleannews-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "3")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_clean_dataframe_gives_one_row_per_article(spark):
    from cleannews.spark import clean_dataframe

    multi = MULTI_STORY.read_text(encoding="utf-8")
    rows = [
        ("p1", PAGE, "https://example.com/p1"),
        ("p2", HTML, None),
        ("p3", None, None),  # no page: an error row, the job goes on
        ("p4", multi, None),
        ("p5", PAGE.replace("Tuesday evening", "Wednesday"), None),
    ]
    df = spark.createDataFrame(rows, "key string, content string, link string").repartition(2)
    out = clean_dataframe(df, "content", id_column="key", url_column="link", keep=())
    assert out.schema.simpleString() == spark.createDataFrame([], SPARK_DDL).schema.simpleString()
    assert tuple(out.columns) == COLUMN_NAMES
    got = sorted(
        (r.asDict(recursive=True) for r in out.collect()),
        key=lambda r: (r["id"], r["story"] if r["story"] is not None else -1),
    )
    expected_articles = {
        "p1": cleannews.clean(PAGE, url="https://example.com/p1"),
        "p2": cleannews.clean(HTML),
        "p4": cleannews.clean(multi),
    }
    main_p4 = expected_articles["p4"]
    assert main_p4.others
    assert [(r["id"], r["story"]) for r in got] == [
        ("p1", 0),
        ("p2", 0),
        ("p3", None),
        *[("p4", i) for i in range(1 + len(main_p4.others))],
        ("p5", 0),
    ]
    by_key = {(r["id"], r["story"]): r for r in got}
    p1 = by_key["p1", 0]
    art = expected_articles["p1"]
    assert p1["title"] == art.title
    assert p1["authors"] == list(art.authors)
    assert p1["paragraphs"] == list(art.paragraphs)
    assert p1["body"] == art.body
    assert p1["url"] == "https://example.com/p1"
    assert p1["input_url"] == "https://example.com/p1"
    assert p1["source"] is None
    assert p1["removed"] == [r.to_dict() for r in art.removed]
    assert p1["error"] is None
    assert by_key["p2", 0]["title"] == "Harbour reopens"
    assert by_key["p4", 1]["paragraphs"] == list(main_p4.others[0].paragraphs)
    error = by_key["p3", None]["error"]
    assert error["type"] == "ValueError"
    assert by_key["p3", None]["title"] is None


def test_clean_dataframe_binary_pages_forced_kind_and_generated_ids(spark):
    from cleannews.spark import clean_dataframe

    df = spark.createDataFrame(
        [(HTML.encode("utf-8"),), (PAGE.encode("utf-8"),)], "raw binary"
    ).coalesce(1)
    out = clean_dataframe(df, "raw", kind="text").collect()
    assert len(out) == 2
    assert len({r["id"] for r in out}) == 2
    assert [r["paragraphs"] for r in out] == [
        list(cleannews.clean(HTML.encode("utf-8"), kind="text").paragraphs),
        list(cleannews.clean(PAGE.encode("utf-8"), kind="text").paragraphs),
    ]
    with pytest.raises(ValueError, match="kind"):
        clean_dataframe(df, "raw", kind="pdf")


def test_clean_dataframe_keeps_the_input_columns(spark):
    from cleannews.spark import clean_dataframe

    multi = MULTI_STORY.read_text(encoding="utf-8")
    df = spark.createDataFrame(
        [("a", PAGE, "https://example.com/a", 7, "Old title"), ("b", multi, None, 8, None)],
        "key string, content string, url string, crawl int, title string",
    ).coalesce(1)
    out = clean_dataframe(df, "content", id_column="key", url_column="url")
    assert tuple(out.columns) == (*COLUMN_NAMES, "key", "crawl", "input_title")
    assert dict(out.dtypes)["crawl"] == "int"
    rows = sorted(out.collect(), key=lambda r: (r["id"], r["story"]))
    stories = 1 + len(cleannews.clean(multi).others)
    assert [(r["id"], r["key"], r["crawl"], r["input_title"]) for r in rows] == [
        ("a", "a", 7, "Old title"),
        *[("b", "b", 8, None)] * stories,
    ]
    assert rows[0]["input_url"] == "https://example.com/a"
    chosen = clean_dataframe(df, "content", id_column="key", keep=["crawl"])
    assert chosen.columns[-1] == "crawl" and "key" not in chosen.columns


def test_kept_columns_names_and_clashes():
    from cleannews.spark import kept_columns

    columns = ["url", "html", "title", "input_title", "crawl"]
    assert kept_columns(["url", "html", "crawl"], "html", None, "url") == [("crawl", "crawl")]
    with pytest.raises(ValueError, match="'url' would clash with the record's 'input_url'"):
        kept_columns(["url", "html"], "html", None, None)  # pass url_column="url" instead
    assert kept_columns(["url", "html"], "html", (), None) == []
    with pytest.raises(ValueError, match="'input_title' would clash"):
        kept_columns(columns, "html", None, "url")
    with pytest.raises(ValueError, match="not in the DataFrame"):
        kept_columns(columns, "html", ["nope"], "url")


def test_the_documented_job_cleans_each_page_once(spark, tmp_path):
    sys.path.insert(0, str(Path(__file__).parents[1] / "examples"))
    try:
        import spark_job
    finally:
        sys.path.pop(0)
    from counting_stage import CountCleanings

    counts = tmp_path / "counts"
    counts.mkdir()
    pages = [(f"https://example.com/{i}", PAGE if i % 2 else HTML) for i in range(6)]
    pages.append(("https://example.com/broken", None))
    spark.createDataFrame(pages, "url string, html string").repartition(2).write.parquet(
        str(tmp_path / "pages")
    )
    pipeline = cleannews.default_pipeline().with_stage(CountCleanings(str(counts)))
    spark_job.run(spark, str(tmp_path / "pages"), str(tmp_path / "articles"), pipeline)
    assert len(list(counts.iterdir())) == 6  # each good page once (the broken one fails early)
    written = spark.read.parquet(str(tmp_path / "articles"))
    assert written.count() == 7
    errors = spark.read.json(str(tmp_path / "articles") + "_errors").collect()
    assert [(r["id"], r["type"]) for r in errors] == [("https://example.com/broken", "ValueError")]
