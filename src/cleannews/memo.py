"""Per-document memoisation: the same question about the same line is answered once.

The stages ask the same things about the same lines many times (is it prose, a headline,
a byline, a date line?). `Pipeline.run` opens a memo for each document with
`document_memo()`; functions decorated with `@memoized` (or calling `cached`) look their
answer up there. The memo lives only while its document is processed, so nothing is kept
between pages (no growth, and no way for one page to affect another), and outside a
pipeline run the functions simply compute. Only pure functions of their (hashable)
arguments that return immutable values may be memoised.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("cleannews_document_memo", default=None)
#: What a memo lookup gives for a question not asked yet. Looked up with `dict.get`, not
#: by catching KeyError: half the lookups of a page are first askings, and raising and
#: catching an exception costs more than the rest of the lookup together.
_MISSING: Any = object()


@contextmanager
def document_memo() -> Iterator[None]:
    """A fresh memo for the duration of the block (one document)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoized(fn: Callable[P, R]) -> Callable[P, R]:
    """Answer repeated calls with the same positional arguments from the document memo."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _MEMO.get()
        if memo is None or kwargs:
            return fn(*args, **kwargs)
        key = (fn, args)
        value: R = memo.get(key, _MISSING)
        if value is _MISSING:
            value = memo[key] = fn(*args, **kwargs)
        return value

    return wrapper


def cached(key: Hashable, compute: Callable[[], R]) -> R:
    """`compute()`, or its earlier result for the same `key` in this document."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    value: R = memo.get(key, _MISSING)
    if value is _MISSING:
        value = memo[key] = compute()
    return value


__all__ = ["cached", "document_memo", "memoized"]
