"""Results as table rows: one schema for Parquet files and Spark DataFrames.

One row per article (story `i` of a page is row `story = i`), or one row per failed page
(`story` and the article columns null, `error` set). Columns, in order:

| column | type | meaning |
|--------|------|---------|
| `id` | string | the page id (`str()` of the input's id) |
| `story` | int32 | 0 for the main story, 1.. for the page's other stories; null on error |
| `source` | struct (see below) | where the page came from (null when nothing is known) |
| `title`, `subtitle` | string | |
| `summary`, `authors` | list<string> | |
| `published` | date32 | the day the page gives (in its own time zone) |
| `published_at` | timestamp[us, UTC] | the instant, when a time with a zone is known |
| `published_iso` | string | ISO 8601 date or date-time, as in `Article.to_dict()` |
| `dateline` | string | |
| `paragraphs` | list<string> | |
| `body` | string | the paragraphs joined by a blank line |
| `captions` | list<string> | |
| `language`, `url` | string | |
| `input_url` | string | the URL the input gave (the record's `url` may be the canonical one) |
| `site_name` | string | |
| `removed` | list<struct<text, rule, stage: string, line: int32, field: string, ...>> | (a) |
| `warnings` | list<string> | |
| `error` | struct<type: string, message: string> | null unless the page failed |

(a) and the evidence: `trigger_line` (int32), `trigger_rule`, `trigger_text`, `element`,
`marker` (string), as in `Removal`.

`source` is struct<file: string, line: int64, record: int64, offset: int64,
warc_record_id: string, warc_target_uri: string> (docs/etl.md, Provenance).

`arrow_schema()` needs pyarrow; `SPARK_DDL` is the same schema as a Spark DDL string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any

from cleannews.batch import BatchResult
from cleannews.fields import TABLE, spark_type, table_arrow_schema, table_features, table_spark_ddl
from cleannews.readers import Source
from cleannews.record import Article

#: (column, Spark DDL type) in table order, from `cleannews.fields.TABLE`.
COLUMNS: tuple[tuple[str, str], ...] = tuple((f.name, spark_type(f.type)) for f in TABLE)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)
SPARK_DDL = table_spark_ddl()


def article_row(page_id: object, story: int, article: Article) -> dict[str, Any]:
    """The row of one article (`page_id` may be a `cleannews.readers.Source`)."""
    data = article.to_dict()
    row: dict[str, Any] = {name: data.get(name) for name in COLUMN_NAMES}
    row.update(published_columns(article.published))
    row.update(_where(page_id))
    row["story"] = story
    row["error"] = None
    return row


def published_columns(value: dt.date | dt.datetime | None) -> dict[str, Any]:
    """`published` as a day, an instant (UTC, when the time has a zone) and ISO text.

    The day is the one the page gives, in its own zone: 23:30-05:00 on the 1st is the 1st.
    """
    if value is None:
        return {"published": None, "published_at": None, "published_iso": None}
    if isinstance(value, dt.datetime):
        day = value.date()
        instant = value.astimezone(dt.timezone.utc) if value.tzinfo is not None else None
    else:
        day, instant = value, None
    return {"published": day, "published_at": instant, "published_iso": value.isoformat()}


def result_rows(result: BatchResult) -> list[dict[str, Any]]:
    """One row per article of the result, or a single error row."""
    if result.error is not None:
        row: dict[str, Any] = dict.fromkeys(COLUMN_NAMES)
        row.update(_where(result.id))
        row["error"] = result.error.to_dict()
        return [row]
    return [article_row(result.id, i, article) for i, article in enumerate(result.articles)]


def _where(page_id: object) -> dict[str, Any]:
    """The id, source and input_url columns of a page."""
    source = page_id if isinstance(page_id, Source) else Source(page_id)
    location = source.location()
    return {
        "id": None if source.id is None else str(source.id),
        "source": None if not any(v is not None for v in location.values()) else location,
        "input_url": source.input_url,
    }


def rows(results: Iterable[BatchResult]) -> list[dict[str, Any]]:
    """The table rows of many results, in order."""
    return [row for result in results for row in result_rows(result)]


@cache
def arrow_schema() -> Any:
    """The table schema as a `pyarrow.Schema` (needs pyarrow)."""
    return table_arrow_schema()


def features() -> Any:
    """The table schema as Hugging Face `datasets.Features` (needs datasets)."""
    return table_features()


def to_record_batch(table_rows: list[dict[str, Any]]) -> Any:
    """Rows as a `pyarrow.RecordBatch` of `arrow_schema()`."""
    import pyarrow as pa

    return pa.RecordBatch.from_pylist(table_rows, schema=arrow_schema())


__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "SPARK_DDL",
    "arrow_schema",
    "article_row",
    "features",
    "published_columns",
    "result_rows",
    "rows",
    "to_record_batch",
]
