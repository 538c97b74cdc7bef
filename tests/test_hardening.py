"""Hardening against the red team's inputs (issue 18): each test fails on the code before
its fix. Growth is measured by counts here, never by the clock."""

from __future__ import annotations

import pytest

import cleannews
from cleannews.stages import metadata

P = "The council voted on Tuesday to approve the budget after a long debate, officials said."


class _CountingName(str):
    """A name that counts how often it is compared for equality."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        type(self).comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _name(i: int) -> str:
    return "".join("abcdefghijklmnopqrstuvwxyz"[(i // 26**k) % 26] for k in range(4))


@pytest.mark.parametrize("n", [500, 2000])
def test_distinct_bylines_compare_each_name_a_bounded_number_of_times(monkeypatch, n):
    """Adding a byline's names used to scan the list of names found so far: n*(n-1)/2
    comparisons for n distinct bylines (1,999,000 for 2,000), quadratic time."""
    split = metadata.split_names
    monkeypatch.setattr(metadata, "split_names", lambda t: [_CountingName(x) for x in split(t)])
    _CountingName.comparisons = 0
    page = "\n".join(f"By Anna Q{_name(i)}" for i in range(n))
    article = cleannews.clean(page)
    assert len(article.authors) == n
    assert _CountingName.comparisons <= 2 * n


def test_a_repeated_byline_name_is_kept_once_in_first_seen_order():
    article = cleannews.clean(f"By Anna Quist and Bo Berg\nBy Bo Berg and Cy Dahl\n{P}\n{P}")
    assert article.authors == ("Anna Quist", "Bo Berg", "Cy Dahl")
