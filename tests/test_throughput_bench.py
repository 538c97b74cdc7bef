"""`benchmarks/throughput.py`'s estimators: the best pass of each page, and the ratios that
go into the report next to the median of passes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import throughput


def test_best_per_page_sums_each_pages_fastest_pass():
    # a disturbance on page 1 in pass A and on page 2 in pass B: neither pass is clean,
    # but each page has one clean timing
    passes = [[1.0, 9.0, 2.0], [5.0, 3.0, 2.5], [1.5, 3.5, 8.0]]
    assert throughput.best_per_page(passes) == 1.0 + 3.0 + 2.0


def test_best_per_page_needs_the_same_pages_in_every_pass():
    with pytest.raises(ValueError):
        throughput.best_per_page([[1.0, 2.0], [1.0]])


def _timing(pages_per_s: float, cpu_best: float, paired: float = 1.0) -> dict[str, float]:
    return {
        "pages_per_s": pages_per_s,
        "ms_per_page": 1000 / pages_per_s,
        "cpu_best_pages_per_s": cpu_best,
        "cpu_best_ms_per_page": 1000 / cpu_best,
        "paired_ratio": paired,
    }


def test_timing_rows_report_both_ratios_of_each_path():
    timing = {
        "trafilatura.extract(html)": _timing(100.0, 120.0),
        "cleannews.clean(html)": _timing(90.0, 90.0, 0.85),
        "cleannews.clean(text)": _timing(950.0, 1260.0, 10.25),
    }
    report: dict[str, float] = {}
    rows = throughput.timing_rows(timing, report)
    assert report == {
        "html_ratio": 0.9,
        "html_ratio_cpu_best": 0.75,
        "html_ratio_paired": 0.85,
        "text_ratio": 9.5,
        "text_ratio_cpu_best": 10.5,
        "text_ratio_paired": 10.25,
    }
    assert [r[0] for r in rows] == [
        "trafilatura.extract(html), median of passes, wall",
        "trafilatura.extract(html), best pass per page, CPU",
        "cleannews.clean(html), median of passes, wall",
        "cleannews.clean(html), best pass per page, CPU",
        "cleannews.clean(html), paired per pass, CPU",
        "cleannews.clean(text), median of passes, wall",
        "cleannews.clean(text), best pass per page, CPU",
        "cleannews.clean(text), paired per pass, CPU",
    ]
    assert [r[3:] for r in rows[2:]] == [
        ("0.90x", ">= 0.8x  met"),
        ("0.75x", ">= 0.8x  NOT met"),
        ("0.85x", ">= 0.8x  met"),
        ("9.5x", ">= 10x  NOT met"),
        ("10.5x", ">= 10x  met"),
        ("10.2x", ">= 10x  met"),
    ]


def test_paired_ratio_is_the_median_of_each_passes_ratio():
    # the machine ran twice as slowly during the second pass: both systems' sums doubled,
    # and the pass's ratio did not move; a third pass caught a disturbance on one page
    base = [[10.0, 20.0], [20.0, 40.0], [10.0, 20.0]]
    other = [[1.0, 2.0], [2.0, 4.0], [1.0, 5.0]]
    assert throughput.paired_ratio(base, other) == 10.0
    with pytest.raises(ValueError):
        throughput.paired_ratio(base, other[:2])
    with pytest.raises(ValueError):
        throughput.paired_ratio([], [])


def test_a_round_interleaves_the_systems_page_by_page():
    calls: list[str] = []
    systems = {
        "a": (lambda page: calls.append(f"a{page}"), [1, 2, 3]),
        "b": (lambda page: calls.append(f"b{page}"), [1, 2, 3]),
    }
    timed = throughput.timed_round(systems)
    assert calls == ["a1", "b1", "a2", "b2", "a3", "b3"]
    assert [len(timed[name][1]) for name in ("a", "b")] == [3, 3]
    with pytest.raises(ValueError):
        throughput.timed_round({"a": (print, [1]), "b": (print, [1, 2])})
