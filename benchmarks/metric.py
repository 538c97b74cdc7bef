r"""Shingle-overlap metric of the ScrapingHub article-extraction benchmark.

Implemented here (rather than imported) so the figures we report are computed
exactly the way the benchmark describes them and can be unit-tested:

* tokens are ``\w+`` matches (Python ``re``, unicode, no lower-casing);
* a text is a multiset of overlapping 4-token shingles; a text of 4 tokens or
  fewer is a single shingle, an empty text has none;
* per page, tp is the multiset intersection, fp the predicted-only count and fn
  the gold-only count; precision = tp / (tp + fp), recall = tp / (tp + fn);
* precision is averaged over pages with a non-empty prediction, recall over
  pages with a non-empty gold, and F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from statistics import fmean

TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4

Shingles = Counter[tuple[str, ...]]
PagePair = tuple[float | None, float | None]


def tokens(text: str) -> list[str]:
    """Split ``text`` into word tokens; case is kept because the metric never folds it."""
    return TOKEN_RE.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Shingles:
    """Return the multiset of overlapping ``size``-token shingles of ``text``.

    Multiplicity matters: a paragraph duplicated by the extractor must cost
    precision, so shingles are counted, not collected in a set.
    """
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) <= size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


def page_scores(pred: str, gold: str) -> PagePair:
    """Return ``(precision, recall)`` of one page; ``None`` where undefined.

    Precision is undefined for an empty prediction and recall for an empty gold,
    so those pages drop out of the respective average instead of counting as 0.
    """
    pred_sh, gold_sh = shingles(pred), shingles(gold)
    tp = sum((pred_sh & gold_sh).values())
    n_pred, n_gold = sum(pred_sh.values()), sum(gold_sh.values())
    precision = tp / n_pred if n_pred else None
    recall = tp / n_gold if n_gold else None
    return precision, recall


def harmonic(p: float, r: float) -> float:
    """Harmonic mean of ``p`` and ``r``, 0.0 when both are 0 (no division by zero)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def page_f1(pair: PagePair) -> float:
    """Per-page F1, treating an undefined side as 0 so bad pages sort first."""
    p, r = pair
    return harmonic(p or 0.0, r or 0.0)


def aggregate(pairs: Iterable[PagePair]) -> tuple[float, float, float]:
    """Return ``(f1, precision, recall)`` over pages, as the benchmark defines it.

    Averages skip ``None`` entries (empty prediction / empty gold); an average
    with no defined page is 0.0 so a system that outputs nothing scores 0.
    """
    pairs = list(pairs)
    precisions = [p for p, _ in pairs if p is not None]
    recalls = [r for _, r in pairs if r is not None]
    p = fmean(precisions) if precisions else 0.0
    r = fmean(recalls) if recalls else 0.0
    return harmonic(p, r), p, r
