"""Results as table rows: one schema for Parquet files and Spark DataFrames.

One row per article (story `i` of a page is row `story = i`), or one row per failed page
(`story` and the article columns null, `error` set). Columns, in order:

| column | type | meaning |
|--------|------|---------|
| `id` | string | the page id (`str()` of the input's id) |
| `story` | int32 | 0 for the main story, 1.. for the page's other stories; null on error |
| `title`, `subtitle` | string | |
| `summary`, `authors` | list<string> | |
| `published` | string | ISO 8601 date or date-time, as in `Article.to_dict()` |
| `dateline` | string | |
| `paragraphs` | list<string> | |
| `body` | string | the paragraphs joined by a blank line |
| `captions` | list<string> | |
| `language`, `url`, `site_name` | string | |
| `removed` | list<struct<...>> | the `Removal` fields (below) |
| `warnings` | list<string> | |
| `error` | struct<type: string, message: string> | null unless the page failed |

`removed` items are structs of `text`, `rule`, `stage` (string), `line` (int32), `field`
(string), and the evidence: `trigger_line` (int32), `trigger_rule`, `trigger_text`,
`element`, `marker` (string).

`arrow_schema()` needs pyarrow; `SPARK_DDL` is the same schema as a Spark DDL string.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from cleannews.batch import BatchResult
from cleannews.record import Article

_STRING_LISTS = ("summary", "authors", "paragraphs", "captions", "warnings")
_REMOVED = (
    "struct<text:string,rule:string,stage:string,line:int,field:string,trigger_line:int,"
    "trigger_rule:string,trigger_text:string,element:string,marker:string>"
)
#: (column, Spark DDL type) in table order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("story", "int"),
    ("title", "string"),
    ("subtitle", "string"),
    ("summary", "array<string>"),
    ("authors", "array<string>"),
    ("published", "string"),
    ("dateline", "string"),
    ("paragraphs", "array<string>"),
    ("body", "string"),
    ("captions", "array<string>"),
    ("language", "string"),
    ("url", "string"),
    ("site_name", "string"),
    ("removed", f"array<{_REMOVED}>"),
    ("warnings", "array<string>"),
    ("error", "struct<type:string,message:string>"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in COLUMNS)
SPARK_DDL = ", ".join(f"`{name}` {ddl}" for name, ddl in COLUMNS)


def article_row(page_id: object, story: int, article: Article) -> dict[str, Any]:
    """The row of one article."""
    data = article.to_dict()
    row: dict[str, Any] = {name: data.get(name) for name in COLUMN_NAMES}
    row["id"] = None if page_id is None else str(page_id)
    row["story"] = story
    row["error"] = None
    return row


def result_rows(result: BatchResult) -> list[dict[str, Any]]:
    """One row per article of the result, or a single error row."""
    if result.error is not None:
        row: dict[str, Any] = dict.fromkeys(COLUMN_NAMES)
        row["id"] = None if result.id is None else str(result.id)
        row["error"] = result.error.to_dict()
        return [row]
    return [article_row(result.id, i, article) for i, article in enumerate(result.articles)]


def rows(results: Iterable[BatchResult]) -> list[dict[str, Any]]:
    return [row for result in results for row in result_rows(result)]


@cache
def arrow_schema() -> Any:
    """The table schema as a `pyarrow.Schema` (needs pyarrow)."""
    import pyarrow as pa

    strings = pa.list_(pa.string())
    removed = pa.list_(
        pa.struct(
            [
                ("text", pa.string()),
                ("rule", pa.string()),
                ("stage", pa.string()),
                ("line", pa.int32()),
                ("field", pa.string()),
                ("trigger_line", pa.int32()),
                ("trigger_rule", pa.string()),
                ("trigger_text", pa.string()),
                ("element", pa.string()),
                ("marker", pa.string()),
            ]
        )
    )
    types = {
        "story": pa.int32(),
        "removed": removed,
        "error": pa.struct([("type", pa.string()), ("message", pa.string())]),
    }
    return pa.schema(
        [
            (name, types.get(name, strings if name in _STRING_LISTS else pa.string()))
            for name in COLUMN_NAMES
        ]
    )


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
    "result_rows",
    "rows",
    "to_record_batch",
]
