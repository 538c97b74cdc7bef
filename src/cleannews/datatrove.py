"""A datatrove pipeline step: clean each Document's page with cleannews.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleannews.datatrove import CleanNews

    LocalPipelineExecutor(
        pipeline=[JsonlReader("pages/"), CleanNews(kind="html"), JsonlWriter("articles/")],
        tasks=4,
    ).run()

Needs the `datatrove` extra. Each Document's `text` (the page, text or HTML) is cleaned;
the Document then holds the article's body as `text`, and the whole record (`to_dict()`
without `body`, which is the text now) under `metadata["cleannews"]`. The URL comes from
`metadata[url_key]` when it is a string.

A Document is dropped, and counted under the stat `dropped_<reason>`, when:

* `error_<Type>`: cleaning raised (a page that is not a string, a failing plugin stage);
* `empty_body`: the page has no body left (navigation, an error page, a binary blob).

`exclusion_writer` (any datatrove writer) receives the dropped Documents with the reason
in `metadata["cleannews_dropped"]`, so nothing disappears without a trace. Other stats:
`total`, `forwarded`, `stories_split` (pages that held several stories; the others stay in
the record's `others`) and `removed_lines`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from datatrove.data import Document
from datatrove.pipeline.base import PipelineStep

from cleannews.pipeline import Pipeline, default_pipeline
from cleannews.record import Article

METADATA_KEY = "cleannews"
DROPPED_KEY = "cleannews_dropped"


class CleanNews(PipelineStep):  # type: ignore[misc]  # datatrove ships no type hints
    """Clean each Document's text into an article; drop (and count) pages without one."""

    name = "📰 cleannews"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        pipeline: Pipeline | None = None,
        *,
        kind: str | None = None,
        url_key: str = "url",
        exclusion_writer: Any = None,
    ) -> None:
        super().__init__()
        self.pipeline = pipeline if pipeline is not None else default_pipeline()
        self.kind = kind
        self.url_key = url_key
        self.exclusion_writer = exclusion_writer

    def clean(self, doc: Document) -> tuple[Article | None, str | None]:
        """The article of a Document, or None and why there is none."""
        url = doc.metadata.get(self.url_key)
        try:
            article = self.pipeline.clean(
                doc.text, kind=self.kind, url=url if isinstance(url, str) else None
            )
        except Exception as exc:  # one bad page never stops the job
            return None, f"error_{type(exc).__name__}"
        if not article.paragraphs:
            return article, "empty_body"
        return article, None

    def run(
        self, data: Iterator[Document] | None, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        if data is None:
            return
        context = self.exclusion_writer or contextlib.nullcontext()
        with context as excluded:
            for doc in data:
                self.stat_update("total")
                with self.track_time():
                    article, reason = self.clean(doc)
                if article is not None:
                    record = article.to_dict()
                    del record["body"]
                    doc.metadata[METADATA_KEY] = record
                    self.stat_update("removed_lines", value=len(article.removed))
                if reason is not None:
                    self.stat_update("dropped", f"dropped_{reason}")
                    if excluded is not None:
                        doc.metadata[DROPPED_KEY] = reason
                        excluded.write(doc, rank)
                    continue
                assert article is not None
                if article.others:
                    self.stat_update("stories_split")
                doc.text = article.body
                self.stat_update("forwarded")
                self.update_doc_stats(doc)
                yield doc


__all__ = ["DROPPED_KEY", "METADATA_KEY", "CleanNews"]
