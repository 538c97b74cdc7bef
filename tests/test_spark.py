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
    out = clean_dataframe(df, "content", id_column="key", url_column="link")
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
