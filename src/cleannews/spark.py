"""Clean a Spark DataFrame column of pages into a DataFrame of article records.

    from cleannews.spark import clean_dataframe
    articles = clean_dataframe(pages_df, "html", kind="html", id_column="url", url_column="url")

Needs the `spark` extra (pyspark and pyarrow). The work runs in `mapInArrow`: each Python
worker gets Arrow record batches of (id, page, url), cleans the pages one by one with the
pipeline (shipped once per task inside the pickled function) and returns Arrow record
batches, so there is no row-at-a-time conversion between the JVM and Python.

The result has one row per article (story `i` of a page is the row with `story = i`) and
one row per page that failed (`error` set, the article columns null); a failing page never
fails the job. Schema (see `cleannews.tabular`, the same one as `cleannews clean --format
parquet`):

    id string, story int, title string, subtitle string, summary array<string>,
    authors array<string>, published string (ISO 8601), dateline string,
    paragraphs array<string>, body string, captions array<string>, language string,
    url string, site_name string,
    removed array<struct<text:string, rule:string, stage:string, line:int, field:string,
                         trigger_line:int, trigger_rule:string, trigger_text:string,
                         element:string, marker:string>>,
    warnings array<string>, error struct<type:string, message:string>

`id` is the `id_column` cast to string or, without one, Spark's
`monotonically_increasing_id()` (unique, stable for the same input partitioning).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cleannews.batch import clean_many
from cleannews.pipeline import Pipeline, default_pipeline
from cleannews.tabular import SPARK_DDL, result_rows, to_record_batch

#: Output rows per Arrow batch handed back to Spark (bounds the worker's memory).
OUTPUT_BATCH_ROWS = 500
_KIND_KEYS = {None: "page", "text": "text", "html": "html"}


class ArrowCleaner:
    """The `mapInArrow` function: Arrow batches of (id, page, url) in, article rows out."""

    def __init__(self, pipeline: Pipeline, kind: str | None) -> None:
        self.pipeline = pipeline
        self.key = _KIND_KEYS[kind]

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            ids, pages, urls = (batch.column(i).to_pylist() for i in range(3))
            items = (
                {"id": i, self.key: page, "url": url}
                for i, page, url in zip(ids, pages, urls, strict=True)
            )
            rows: list[dict[str, Any]] = []
            for result in clean_many(items, pipeline=self.pipeline):
                rows.extend(result_rows(result))
                if len(rows) >= OUTPUT_BATCH_ROWS:
                    yield to_record_batch(rows)
                    rows = []
            if rows:
                yield to_record_batch(rows)


def clean_dataframe(
    df: Any,
    column: str,
    *,
    kind: str | None = None,
    id_column: str | None = None,
    url_column: str | None = None,
    pipeline: Pipeline | None = None,
) -> Any:
    """A DataFrame of article records from the pages in `df[column]` (string or binary).

    kind: "text", "html" or None (detected per page). id_column: the page id (default: a
    generated id). url_column: passed to the pipeline as the page's URL. pipeline: what to
    run (default: `default_pipeline()`); it is pickled with the function, once per task.
    """
    if kind not in _KIND_KEYS:
        raise ValueError(f"kind must be 'text', 'html' or None, got {kind!r}")
    from pyspark.sql import functions as F

    page_id = (
        F.col(id_column).cast("string")
        if id_column is not None
        else F.monotonically_increasing_id().cast("string")
    )
    url = F.col(url_column).cast("string") if url_column is not None else F.lit(None)
    selected = df.select(
        page_id.alias("id"), F.col(column).alias("page"), url.cast("string").alias("url")
    )
    cleaner = ArrowCleaner(pipeline if pipeline is not None else default_pipeline(), kind)
    return selected.mapInArrow(cleaner, SPARK_DDL)


__all__ = ["SPARK_DDL", "ArrowCleaner", "clean_dataframe"]
