"""cleannews: messy scraped news pages in, clean single-article records out.

    >>> import cleannews
    >>> art = cleannews.clean("Headline\\n\\nLONDON (Reuters) - Body text ...")
    >>> art.title, art.dateline

The public API is this module's `__all__`; everything else may change between versions.
"""

from __future__ import annotations

from cleannews.batch import BatchError, BatchResult, clean_many
from cleannews.config import CleanConfig
from cleannews.fields import record_features, table_features
from cleannews.inputs import Page
from cleannews.pipeline import Explanation, LineFate, Pipeline, default_pipeline
from cleannews.record import Article, Removal, json_schema
from cleannews.tabular import COLUMN_NAMES as TABLE_COLUMNS
from cleannews.tabular import SPARK_DDL, arrow_schema, result_rows, to_record_batch
from cleannews.tabular import rows as table_rows

__version__ = "0.1.0"

_DEFAULT = default_pipeline()


def clean(
    page: Page, *, kind: str | None = None, url: str | None = None, charset: str | None = None
) -> Article:
    """Clean one page (text or HTML, str or bytes) with the default pipeline.

    `kind` forces "text" or "html" (default: detected). `url` is the page's address (used
    when the HTML names none). `charset` is the HTTP-declared charset of bytes input (the
    BOM and the page's own `<meta charset>` are read anyway). Raises TypeError for anything
    that is not str or bytes; every str and bytes value gives an Article.
    """
    return _DEFAULT.clean(page, kind=kind, url=url, charset=charset)


def explain(
    page: Page, *, kind: str | None = None, url: str | None = None, charset: str | None = None
) -> Explanation:
    """Each input line of the page and its fate (kept as what, or removed by which rule)."""
    return _DEFAULT.explain(page, kind=kind, url=url, charset=charset)


__all__ = [
    "SPARK_DDL",
    "TABLE_COLUMNS",
    "Article",
    "BatchError",
    "BatchResult",
    "CleanConfig",
    "Explanation",
    "LineFate",
    "Pipeline",
    "Removal",
    "__version__",
    "arrow_schema",
    "clean",
    "clean_many",
    "default_pipeline",
    "explain",
    "json_schema",
    "record_features",
    "result_rows",
    "table_features",
    "table_rows",
    "to_record_batch",
]
