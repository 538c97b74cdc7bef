"""Test-run settings shared by every test module.

On CI (`CI=true`) hypothesis runs derandomized: the same examples every run, so a
submission's result does not depend on the luck of the draw. Locally it explores new
examples each run (and remembers failures in .hypothesis/), which is how bugs get found.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")


class _HashedOnce(tuple):  # type: ignore[type-arg]
    """A tuple that hashes its items once: same items, same equality, same results."""

    def __hash__(self) -> int:
        try:
            return self._hash  # type: ignore[has-type,no-any-return]
        except AttributeError:
            self._hash: int = super().__hash__()
            return self._hash


def _stoplist_hashed_once() -> None:
    """Speed only, for the fuzz tests' tiny pages: trafilatura hands justext its stoplist
    of all languages (154,000 words) as a tuple, and justext's cache hashes that tuple on
    every call, 10 ms each. Real pages rarely reach justext (6 calls on 110 benchmark
    pages); the generated ones nearly always do. The words are the same, so every result
    is the same, and the library itself leaves trafilatura alone."""
    try:
        from trafilatura import external
    except ImportError:  # pragma: no cover
        return
    external.JT_STOPLIST = _HashedOnce(external.JT_STOPLIST or external.jt_stoplist_init())


_stoplist_hashed_once()
