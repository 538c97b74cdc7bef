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

from collections.abc import Iterator, Sequence
from typing import Any

from cleannews.batch import clean_many
from cleannews.pipeline import Pipeline, default_pipeline
from cleannews.readers import Source
from cleannews.tabular import COLUMN_NAMES, SPARK_DDL, result_rows, to_record_batch

#: Output rows per Arrow batch handed back to Spark (bounds the worker's memory).
OUTPUT_BATCH_ROWS = 500
_KIND_KEYS = {None: "page", "text": "text", "html": "html"}


class ArrowCleaner:
    """The `mapInArrow` function: Arrow batches of (id, page, url, *kept) in, article rows out.

    Kept input columns are copied to each output row from its page's input row (with
    Arrow's `take`, so any column type passes through unchanged).
    """

    def __init__(self, pipeline: Pipeline, kind: str | None, kept: Sequence[str] = ()) -> None:
        self.pipeline = pipeline
        self.key = _KIND_KEYS[kind]
        self.kept = tuple(kept)

    def __call__(self, batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            ids, pages, urls = (batch.column(i).to_pylist() for i in range(3))
            kept = [batch.column(i) for i in range(3, 3 + len(self.kept))]
            items = (
                {"id": Source(i, input_url=url), self.key: page, "url": url}
                for i, page, url in zip(ids, pages, urls, strict=True)
            )
            rows: list[dict[str, Any]] = []
            origin: list[int] = []  # the input row of each output row
            for index, result in enumerate(clean_many(items, pipeline=self.pipeline)):
                page_rows = result_rows(result)
                rows.extend(page_rows)
                origin.extend([index] * len(page_rows))
                if len(rows) >= OUTPUT_BATCH_ROWS:
                    yield self._batch(rows, origin, kept)
                    rows, origin = [], []
            if rows:
                yield self._batch(rows, origin, kept)

    def _batch(self, rows: list[dict[str, Any]], origin: list[int], kept: list[Any]) -> Any:
        batch = to_record_batch(rows)
        if not kept:
            return batch
        import pyarrow as pa

        where = pa.array(origin, type=pa.int64())
        return pa.RecordBatch.from_arrays(
            [*batch.columns, *(column.take(where) for column in kept)],
            names=[*batch.schema.names, *self.kept],
        )


def kept_columns(
    columns: Sequence[str], page_column: str, keep: Sequence[str] | None, url_column: str | None
) -> list[tuple[str, str]]:
    """(input column, output name) for each input column kept next to the record.

    By default every input column but the page itself is kept. A column named like a
    record column is kept as `input_<name>`; the `url_column` named `url` is not repeated
    (its value is the `input_url` column already). A name that still clashes is an error.
    """
    names = [c for c in columns if c != page_column] if keep is None else list(keep)
    unknown = [name for name in names if name not in columns]
    if unknown:
        raise ValueError(f"keep names columns that are not in the DataFrame: {unknown}")
    out: list[tuple[str, str]] = []
    for name in names:
        target = f"input_{name}" if name in COLUMN_NAMES else name
        if target == "input_url" and name == url_column:
            continue
        if target in COLUMN_NAMES or target in {t for _, t in out}:
            raise ValueError(
                f"input column {name!r} would clash with the record's {target!r} column; "
                "leave it out of keep= or rename it"
            )
        out.append((name, target))
    return out


def clean_dataframe(
    df: Any,
    column: str,
    *,
    kind: str | None = None,
    id_column: str | None = None,
    url_column: str | None = None,
    pipeline: Pipeline | None = None,
    keep: Sequence[str] | None = None,
) -> Any:
    """A DataFrame of article records from the pages in `df[column]` (string or binary).

    kind: "text", "html" or None (detected per page). id_column: the page id (default: a
    generated id). url_column: passed to the pipeline as the page's URL (and kept as
    `input_url`). pipeline: what to run (default: `default_pipeline()`); it is pickled
    with the function, once per task. keep: the input columns to carry next to each record
    (default: all but the page column; `()` for none); see `kept_columns` for names.
    """
    if kind not in _KIND_KEYS:
        raise ValueError(f"kind must be 'text', 'html' or None, got {kind!r}")
    from pyspark.sql import functions as F
    from pyspark.sql.types import StructField, StructType

    kept = kept_columns(df.columns, column, keep, url_column)
    page_id = (
        F.col(id_column).cast("string")
        if id_column is not None
        else F.monotonically_increasing_id().cast("string")
    )
    url = F.col(url_column).cast("string") if url_column is not None else F.lit(None)
    selected = df.select(
        page_id.alias("id"),
        F.col(column).alias("page"),
        url.cast("string").alias("url"),
        *(F.col(name).alias(target) for name, target in kept),
    )
    schema = spark_schema()
    if kept:
        schema = StructType(
            [*schema.fields, *(StructField(t, df.schema[n].dataType, True) for n, t in kept)]
        )
    cleaner = ArrowCleaner(
        pipeline if pipeline is not None else default_pipeline(), kind, [t for _, t in kept]
    )
    return selected.mapInArrow(cleaner, schema)


def spark_schema() -> Any:
    """The table schema as a `pyspark.sql.types.StructType` (from `SPARK_DDL`)."""
    from pyspark.sql.types import _parse_datatype_string  # public fromDDL needs pyspark 4

    return _parse_datatype_string(SPARK_DDL)


__all__ = ["SPARK_DDL", "ArrowCleaner", "clean_dataframe", "kept_columns", "spark_schema"]
