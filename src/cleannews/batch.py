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

`page_timeout` (seconds of wall time) is a per-page deadline. A page still not cleaned
after it becomes an error result (`PageTimeout`, naming the page) and the stream goes
on: the worker holding it is stopped and a fresh pool takes over the pages in flight.
Wall time, not CPU time, so that it holds for a worker that is stopped (SIGSTOP), starved
by the machine's load, or sleeping, as well as for one that spins. The clock starts when
a worker starts the page's chunk (each worker says so on a queue, after a warm-up page),
so neither the queue nor a pool's start-up is charged to a page. Pages travel in chunks:
a chunk gets `page_timeout` for each of its pages, and a chunk over its deadline is run
again one page at a time, each with `page_timeout`, so that the page at fault is the one
named. With a deadline, `workers=1` cleans in one worker process (a thread cannot be
stopped).

Ctrl-C (SIGINT, which a terminal sends to the workers as well as to this process) is for
this process alone: the workers are started with SIGINT blocked, from the first
instruction of their start-up, and ignore it once running, so none of them prints a
traceback. The KeyboardInterrupt is raised here, in the consumer's loop, and the pool is
stopped at once: the workers are killed, with no wait for the pages they hold or that
are queued. The same happens when the stream is closed early or fails.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from cleannews.inputs import Page
from cleannews.pipeline import Pipeline, default_pipeline
from cleannews.record import Article

#: What `clean_many` accepts per item (see the module docstring).
BatchItem = Page | tuple[Hashable, Any] | Mapping[str, Any]

DEFAULT_CHUNKSIZE = 8
#: How often the stream looks at the page it waits for, at most (seconds).
_POLL_SECONDS = 0.05


class PageTimeout(Exception):
    """A page was not cleaned within the batch's `page_timeout`."""


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
#: Where a worker says which chunk it starts (with a deadline only): the deadline is
#: counted from there, not from the pool's start-up or the queue.
_WORKER_STARTS: Any = None


def _init_worker(pipeline: Pipeline, starts: Any = None) -> None:
    global _WORKER_PIPELINE, _WORKER_STARTS
    # Ctrl-C is the parent's to handle (it stops the pool). SIGINT is blocked from the
    # worker's start (see `_sigint_blocked`); ignoring it too covers start methods that
    # reset the signal state (forkserver).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_PIPELINE, _WORKER_STARTS = pipeline, starts
    if starts is not None:  # imports, language profiles, compiled rules: before any page
        pipeline.clean("Warm up: the first page is not charged for the worker's start-up.")


def _run_chunk(chunk: list[_Task | BatchResult], number: int = -1) -> list[BatchResult]:
    pipeline = _WORKER_PIPELINE
    if pipeline is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker started without a pipeline")
    if _WORKER_STARTS is not None:
        _WORKER_STARTS.put(number)
    return [_run(pipeline, task) for task in chunk]


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Block SIGINT in this thread while the pool may start worker processes.

    A new process inherits the blocked mask, through fork and exec alike, so a spawned
    worker never sees a Ctrl-C, even while it is still importing (before any initializer
    could ignore it). For this process the signal is not lost: it stays pending and is
    delivered as soon as the mask is restored (or at once to another thread, which trips
    the same KeyboardInterrupt in the main thread)."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:  # pragma: no cover - Windows: no SIGINT to the process group
        yield
        return
    previous = block(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, previous)


# -- the public entry point -------------------------------------------------------------------


def clean_many(
    pages: Iterable[BatchItem],
    *,
    workers: int | None = 1,
    pipeline: Pipeline | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    max_pending: int | None = None,
    start_method: str | None = "spawn",
    page_timeout: float | None = None,
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
    page_timeout: seconds of wall time a page may take before it becomes an error result
        (`PageTimeout`) and its worker is stopped (see the module docstring); None: no
        deadline.

    The input is consumed lazily and never stored; closing the returned iterator early
    (or breaking out of a loop over it) shuts the pool down.
    """
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be >= 1 (or None for one per CPU), got {workers}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be >= 1, got {chunksize}")
    if page_timeout is not None and not 0 < page_timeout < float("inf"):
        raise ValueError(f"page_timeout must be a positive number of seconds, got {page_timeout}")
    pipeline = pipeline if pipeline is not None else default_pipeline()
    tasks = (_normalise(position, item) for position, item in enumerate(pages))
    if workers == 1 and page_timeout is None:
        return (_run(pipeline, task) for task in tasks)
    limit = max_pending if max_pending is not None else 4 * workers * chunksize
    if limit < 1:
        raise ValueError(f"max_pending must be >= 1, got {max_pending}")
    pool = _Pool(pipeline, workers, start_method, timed=page_timeout is not None)
    return _pooled(tasks, pool, min(chunksize, limit), limit, page_timeout)


class _Pool:
    """The process pool, which a page over its deadline replaces with a fresh one.

    With a deadline, each worker reports the number of the chunk it starts on a queue
    (a new queue for each pool: a killed worker may leave one locked)."""

    def __init__(
        self, pipeline: Pipeline, workers: int, start_method: str | None, timed: bool
    ) -> None:
        self.pipeline, self.workers, self.timed = pipeline, workers, timed
        self.context = multiprocessing.get_context(start_method)
        self.numbers: dict[Future[list[BatchResult]], int] = {}
        self.started_at: dict[int, float] = {}
        self._count = 0
        self.executor, self.starts = self._start()

    def _start(self) -> tuple[ProcessPoolExecutor, Any]:
        starts = self.context.SimpleQueue() if self.timed else None
        executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self.context,
            initializer=_init_worker,
            initargs=(self.pipeline, starts),
        )
        return executor, starts

    def submit(self, chunk: list[_Task | BatchResult]) -> Future[list[BatchResult]]:
        self._count += 1
        with _sigint_blocked():  # a submit may start a worker: it must not see Ctrl-C
            future = self.executor.submit(_run_chunk, chunk, self._count)
        self.numbers[future] = self._count
        return future

    def started(self, future: Future[list[BatchResult]]) -> float | None:
        """When a worker was seen starting the chunk (monotonic clock), if it was."""
        while self.starts is not None and not self.starts.empty():
            self.started_at.setdefault(self.starts.get(), time.monotonic())
        return self.started_at.get(self.numbers.get(future, 0))

    def forget(self, future: Future[list[BatchResult]]) -> None:
        self.started_at.pop(self.numbers.pop(future, 0), None)

    def restart(self) -> None:
        """Stop every worker (a stuck one does not stop by itself) and start afresh."""
        self.terminate()
        self.numbers.clear()
        self.started_at.clear()
        self.executor, self.starts = self._start()

    def terminate(self) -> None:
        """Kill the workers and shut the pool down, without waiting for their pages."""
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        for process in processes:
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


_Pending = deque[tuple[list[_Task | BatchResult], Future[list[BatchResult]]]]


def _pooled(
    tasks: Iterator[_Task | BatchResult],
    pool: _Pool,
    chunksize: int,
    limit: int,
    page_timeout: float | None,
) -> Iterator[BatchResult]:
    pending: _Pending = deque()
    in_flight = 0
    exhausted = False
    try:
        while True:
            while not exhausted and in_flight + chunksize <= limit:
                chunk = _take(tasks, chunksize)
                if not chunk:
                    exhausted = True
                    break
                pending.append((chunk, pool.submit(chunk)))
                in_flight += len(chunk)
            if not pending:
                return
            chunk, future = pending[0]
            if page_timeout is not None and not _finished_in_time(
                pool, future, page_timeout * len(chunk)
            ):
                yield from _after_a_timeout(pool, pending, page_timeout)
                in_flight = sum(len(c) for c, _ in pending)
                continue
            pool.forget(future)
            pending.popleft()
            in_flight -= len(chunk)
            yield from _chunk_results(chunk, future)
    except BaseException:  # Ctrl-C, closed early (GeneratorExit), a broken pool: stop now
        pool.terminate()
        raise
    finally:
        pool.close()  # after `terminate`, nothing left to do


def _finished_in_time(pool: _Pool, future: Future[list[BatchResult]], budget: float) -> bool:
    """Wait for the chunk; False once it has run `budget` seconds of wall time without
    finishing. The clock starts when a worker starts the chunk (not while it waits in the
    queue or for a worker to start up)."""
    while True:
        wait([future], timeout=_POLL_SECONDS)
        if future.done():
            return True
        started = pool.started(future)
        if started is not None and time.monotonic() - started > budget:
            return False


def _after_a_timeout(pool: _Pool, pending: _Pending, page_timeout: float) -> list[BatchResult]:
    """The head chunk ran over its deadline: stop the pool, resubmit what was in flight,
    and give the results of a page that is named, or run a chunk again page by page."""
    chunk, _ = pending.popleft()
    pool.restart()
    rest = [c for c, _ in pending]
    pending.clear()
    if len(chunk) > 1:  # which page? each again on its own, at the head of the stream
        rest = [[task] for task in chunk] + rest
        results: list[BatchResult] = []
    else:
        results = [_timed_out(chunk[0], page_timeout)]
    for again in rest:
        pending.append((again, pool.submit(again)))
    return results


def _timed_out(task: _Task | BatchResult, page_timeout: float) -> BatchResult:
    if isinstance(task, BatchResult):
        return task
    return _failed(
        task.id,
        PageTimeout(
            f"page {task.id!r} was not cleaned within {page_timeout:g} s of wall time; "
            "its worker was stopped"
        ),
    )


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


__all__ = [
    "BatchError",
    "BatchItem",
    "BatchResult",
    "PageTimeout",
    "clean_many",
    "split_article",
]
