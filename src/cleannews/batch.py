"""Many pages in, one result per page out: ordered, streaming, optionally in parallel.

`clean_many(pages)` is the ETL entry point. It reads its input lazily (an endless
generator is fine), yields one `BatchResult` per input item in input order, and never
stops because one page fails: any exception while cleaning a page becomes that page's
`BatchResult.error`.

Input items, each one of:

* a page, `str` or `bytes` (text or HTML, detected): its id is its 0-based position;
* a 2-tuple `(id, page)`: any id you like (it is handed back untouched). A reader that
  failed on a record can pass `(id, exception)` to report it in order: the exception
  becomes the result's error;
* a mapping with keys `id` (optional, default the position), `url` and `charset` (the
  HTTP-declared charset of bytes, optional), and one of `html`, `text` or `page`: `html`
  is cleaned as HTML, `text` as text, `page` as whatever it looks like. The first of
  `html`, `text`, `page` that is present, not None and not blank is used (`html` first:
  it carries the page's metadata), so an empty `html` next to a good `text` cleans the text.

Anything else gives an error result (`TypeError`), like a page that fails.

With `workers > 1` the pages are cleaned in a process pool. The pipeline is pickled once
and handed to each worker by the pool's initializer (no per-page pickling of the
pipeline), the workers are started with the `spawn` method by default (safe in programs
that use threads, and the same on every OS; scripts that call `clean_many` with workers
must guard their entry point with `if __name__ == "__main__":`), pages travel in chunks
of `chunksize`, and at most `max_pending` pages are in flight at once, so memory stays
bounded whatever the length of the input. Results are yielded in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any

from cleannews.inputs import Page
from cleannews.pipeline import Pipeline, default_pipeline
from cleannews.record import Article

#: What `clean_many` accepts per item (see the module docstring).
BatchItem = Page | tuple[Hashable, Any] | Mapping[str, Any]

DEFAULT_CHUNKSIZE = 8


@dataclass(frozen=True, slots=True)
class BatchError:
    """Why a page gave no articles: the exception's class name and message."""

    type: str
    message: str

    @classmethod
    def from_exception(cls, exc: BaseException) -> BatchError:
        return cls(type(exc).__name__, str(exc))

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome of one input item.

    `articles` holds the main story first (with its `others` emptied), then the page's
    other stories, so `articles[i]` is story `i` of the page. On failure `articles` is
    empty and `error` says why.
    """

    id: Any
    articles: tuple[Article, ...] = ()
    error: BatchError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class _Task:
    """One page, ready to clean: what `_normalise` makes of an input item."""

    id: Any
    page: Any
    kind: str | None
    url: str | None
    charset: str | None = None


def split_article(article: Article) -> tuple[Article, ...]:
    """The main story (without `others`) followed by its other stories."""
    if not article.others:
        return (article,)
    return (replace(article, others=()), *article.others)


def _normalise(position: int, item: object) -> _Task | BatchResult:
    """An input item as a task, or as an error result when its shape is wrong."""
    if isinstance(item, str | bytes | bytearray | memoryview):
        return _Task(position, item, None, None)
    if isinstance(item, tuple):
        if len(item) != 2:
            return _failed(
                position, TypeError(f"a tuple item must be (id, page), got {len(item)} values")
            )
        ident, page = item
        if isinstance(page, BaseException):
            return BatchResult(ident, (), BatchError.from_exception(page))
        return _Task(ident, page, None, None)
    if isinstance(item, Mapping):
        ident = item.get("id", position)
        url, charset = item.get("url"), item.get("charset")
        chosen = _page_field(item)
        if chosen is None:
            return _failed(ident, ValueError("the item has no 'html', 'text' or 'page'"))
        key, kind = chosen
        return _Task(ident, item[key], kind, url, charset)
    return _failed(
        position,
        TypeError(
            f"an item must be a page (str or bytes), an (id, page) tuple or a mapping, "
            f"got {type(item).__name__}"
        ),
    )


_PAGE_KEYS: tuple[tuple[str, str | None], ...] = (
    ("html", "html"),
    ("text", "text"),
    ("page", None),
)


def _page_field(item: Mapping[str, Any]) -> tuple[str, str | None] | None:
    """The first of html, text, page that holds something: an empty or blank string falls
    back to the next field (`{"html": "", "text": "..."}` cleans the text). When every
    present field is blank, the first one is used (the page is empty, and so is its record).
    """
    present = [(key, kind) for key, kind in _PAGE_KEYS if item.get(key) is not None]
    for key, kind in present:
        value = item[key]
        if not isinstance(value, str | bytes) or value.strip():
            return key, kind
    return present[0] if present else None


def _failed(ident: Any, exc: BaseException) -> BatchResult:
    return BatchResult(ident, (), BatchError.from_exception(exc))


def _run(pipeline: Pipeline, task: _Task | BatchResult) -> BatchResult:
    if isinstance(task, BatchResult):
        return task
    try:
        article = pipeline.clean(task.page, kind=task.kind, url=task.url, charset=task.charset)
    except Exception as exc:  # one bad page never stops the batch
        return _failed(task.id, exc)
    return BatchResult(task.id, split_article(article))


# -- worker side: the pipeline arrives once, through the pool's initializer -----------------

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _run_chunk(chunk: list[_Task | BatchResult]) -> list[BatchResult]:
    pipeline = _WORKER_PIPELINE
    if pipeline is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker started without a pipeline")
    return [_run(pipeline, task) for task in chunk]


# -- the public entry point -------------------------------------------------------------------


def clean_many(
    pages: Iterable[BatchItem],
    *,
    workers: int | None = 1,
    pipeline: Pipeline | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    max_pending: int | None = None,
    start_method: str | None = "spawn",
) -> Iterator[BatchResult]:
    """Clean every item of `pages`, yielding one `BatchResult` per item, in input order.

    workers: 1 cleans in this process; more use a process pool of that size; None uses
        one per CPU.
    pipeline: the pipeline to run (default: `default_pipeline()`); it must be picklable
        when workers > 1 (the built-in stages and any module-level stage class are).
    chunksize: pages sent to a worker at a time (workers > 1).
    max_pending: most pages in flight at once (workers > 1; default 4 chunks per worker);
        the input is read only as fast as results are consumed.
    start_method: multiprocessing start method for the pool ("spawn", "forkserver",
        "fork", or None for the platform default).

    The input is consumed lazily and never stored; closing the returned iterator early
    (or breaking out of a loop over it) shuts the pool down.
    """
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be >= 1 (or None for one per CPU), got {workers}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be >= 1, got {chunksize}")
    pipeline = pipeline if pipeline is not None else default_pipeline()
    tasks = (_normalise(position, item) for position, item in enumerate(pages))
    if workers == 1:
        return (_run(pipeline, task) for task in tasks)
    limit = max_pending if max_pending is not None else 4 * workers * chunksize
    if limit < 1:
        raise ValueError(f"max_pending must be >= 1, got {max_pending}")
    return _pooled(tasks, pipeline, workers, min(chunksize, limit), limit, start_method)


def _pooled(
    tasks: Iterator[_Task | BatchResult],
    pipeline: Pipeline,
    workers: int,
    chunksize: int,
    limit: int,
    start_method: str | None,
) -> Iterator[BatchResult]:
    context = multiprocessing.get_context(start_method)
    pending: deque[tuple[list[_Task | BatchResult], Future[list[BatchResult]]]] = deque()
    in_flight = 0
    exhausted = False
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(pipeline,)
    )
    try:
        while True:
            while not exhausted and in_flight + chunksize <= limit:
                chunk = _take(tasks, chunksize)
                if not chunk:
                    exhausted = True
                    break
                pending.append((chunk, executor.submit(_run_chunk, chunk)))
                in_flight += len(chunk)
            if not pending:
                return
            chunk, future = pending.popleft()
            in_flight -= len(chunk)
            yield from _chunk_results(chunk, future)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _chunk_results(
    chunk: list[_Task | BatchResult], future: Future[list[BatchResult]]
) -> list[BatchResult]:
    """The chunk's results; if the chunk itself failed (say, a page or an id that cannot be
    pickled), each of its pages gets that error. A worker that died (BrokenProcessPool)
    breaks the whole pool, and that is raised."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:
        return [task if isinstance(task, BatchResult) else _failed(task.id, exc) for task in chunk]


def _take(tasks: Iterator[_Task | BatchResult], n: int) -> list[_Task | BatchResult]:
    chunk: list[_Task | BatchResult] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= n:
            break
    return chunk


__all__ = ["BatchError", "BatchItem", "BatchResult", "clean_many", "split_article"]
