"""A per-page deadline in `clean_many` (issue 18, item 4): a stuck page becomes an error
record that names it, and the stream goes on in order.

The default run has the SIGSTOP case (one deadline, 6 s); the sleeping page, in one
worker and in chunks of three, runs with `-m slow`. No assertion depends on how fast the
machine is: the deadline is generous (several
seconds for pages that take milliseconds) and the stuck page sleeps for ten minutes (its
worker is stopped long before), or stops its own worker with SIGSTOP."""

from __future__ import annotations

import os
import signal
import time

import pytest

from cleannews import default_pipeline
from cleannews.batch import PageTimeout, clean_many
from cleannews.document import Doc
from cleannews.stages.base import Stage

P = "The council voted on Tuesday to approve the budget after a long debate, officials said."
SLEEP_MARKER = "SLEEP-FOR-TEN-MINUTES"
STOP_MARKER = "STOP-THIS-WORKER"
#: Pages take milliseconds; a fresh worker's first page (imports, compiled patterns) at
#: most a second or two on a loaded machine.
DEADLINE = 6.0


class Stalling(Stage):
    """Sleeps on pages with the sleep marker; stops its own process on the stop marker."""

    name = "stalling"

    def run(self, doc: Doc) -> None:
        text = "\n".join(line.raw for line in doc.lines)
        if SLEEP_MARKER in text:
            time.sleep(600)
        if STOP_MARKER in text:
            os.kill(os.getpid(), signal.SIGSTOP)


def _page(n: int, marker: str = "") -> str:
    return f"Council approves budget {n}\n{P} {marker}\n{P} Number {n}."


def _pipeline():
    return default_pipeline().with_stage(Stalling())


@pytest.mark.slow  # waits out the deadline: 6 s, and 18 s for a chunk of three
@pytest.mark.parametrize(("workers", "chunksize"), [(1, 1), (2, 3)])
def test_a_sleeping_page_becomes_an_error_naming_it_and_the_stream_goes_on(workers, chunksize):
    pages = [(f"page-{n}", _page(n, SLEEP_MARKER if n == 2 else "")) for n in range(7)]
    started = time.monotonic()
    results = list(
        clean_many(
            pages,
            workers=workers,
            chunksize=chunksize,
            pipeline=_pipeline(),
            page_timeout=DEADLINE,
        )
    )
    assert time.monotonic() - started < 300  # the ten-minute sleep was cut short
    assert [r.id for r in results] == [f"page-{n}" for n in range(7)]
    assert [r.ok for r in results] == [True, True, False, True, True, True, True]
    error = results[2].error
    assert error is not None and error.type == "PageTimeout"
    assert error.message == (
        f"page 'page-2' was not cleaned within {DEADLINE:g} s of wall time; its worker was stopped"
    )
    assert results[3].articles[0].title == "Council approves budget 3"


def test_a_stopped_worker_does_not_hang_the_stream():
    """SIGSTOP: the worker uses no CPU at all, so only a wall-time deadline sees it."""
    pages = [_page(n, STOP_MARKER if n == 1 else "") for n in range(4)]
    results = list(
        clean_many(pages, workers=2, chunksize=1, pipeline=_pipeline(), page_timeout=DEADLINE)
    )
    assert [(r.id, r.ok) for r in results] == [(0, True), (1, False), (2, True), (3, True)]
    assert results[1].error is not None and results[1].error.type == "PageTimeout"


def test_without_a_deadline_nothing_changes_and_bad_deadlines_are_refused():
    results = list(clean_many([_page(0), _page(1)], page_timeout=None))
    assert [r.ok for r in results] == [True, True]
    for bad in (0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="page_timeout must be a positive number"):
            clean_many([_page(0)], page_timeout=bad)
    assert issubclass(PageTimeout, Exception)
