"""Whether a headline-like line opens a new story, judged from the change of topic at it.

A section heading inside one article and the headline of an unrelated story appended to it
look alike; what differs is the text around them. Six readings of lexical cohesion
(`cleannews.cohesion`) at the candidate tell them apart (`BoundaryEvidence`):

* how similar the text before and after the headline is (the lowest of the gap above the
  headline and the gap below it);
* the lowest similarity at the gaps nearby (a join is where the topics part, not next to
  it), and how far below it the headline's own gap lies;
* that similarity against the page's typical one: a page of tightly knit text whose
  similarity dips to 0.08 is parting, where a loose one at 0.08 is not;
* the share of the headline's own content words found in the lines just above it and just
  below it (a section heading names what its article already talks about; a new story's
  headline names what follows it, and nothing above).

No single threshold on these reads them well: on the splitting benchmark's dev cases a cut
on the similarity alone (below 0.06, lowest nearby) found 374 of 479 joins and flagged 45
other headings. They are weighed by a small model: 50 decision trees of depth 2 (gradient
boosting), trained by `benchmarks/train_story_model.py` on those dev cases and on the dev
pages as text (single pages, where every headline is a negative), and shipped as data
(`data/story_boundary.json`). Scoring is a fixed sum of leaf values read in file order:
deterministic in any process.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import chain
from typing import Any

from cleannews.cohesion import Cohesion, content_words
from cleannews.document import Line
from cleannews.settings import SETTINGS

#: Fewest content words each side of a gap needs before its topic is judged (about 350
#: running words): two stories' worth of text, not two paragraphs.
MIN_TOPIC_WORDS = SETTINGS.min_topic_words.value
#: A join is compared with the gaps this many lines either side of it.
TOPIC_NEIGHBOURHOOD = SETTINGS.topic_neighbourhood.value
#: At or above this similarity a headline's gap is not weighed at all: no join of the dev
#: cases scored above 0.19 (and reading the page's typical similarity costs a little).
SCORED_BELOW = SETTINGS.boundary_scored_below.value
#: Gaps sampled, evenly over the page, for its typical similarity.
TYPICAL_SAMPLES = 15
#: Lines read above and below a headline for its own words.
HEADLINE_CONTEXT_LINES = 15
#: Added to both similarities of the `relative` feature: a page whose typical similarity is
#: 0 (no shared words anywhere) must not divide by zero.
_SMOOTHING = 0.01
#: The features, in the model's order.
FEATURES = (
    "similarity",
    "nearby_low",
    "below_nearby",
    "relative",
    "headline_before",
    "headline_after",
)


class Topics:
    """`Cohesion` of a page's non-blank lines (open lines' words; the others count as
    empty), built on first use (most pages never ask), remembering each gap's similarity
    and the page's typical similarity."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.size = len(lines)
        self._cohesion: Cohesion | None = None
        self._similarity: dict[int, float] = {}
        self._typical: float | None = None

    @property
    def cohesion(self) -> Cohesion:
        if self._cohesion is None:
            units = [content_words(ln.text) if ln.is_open else [] for ln in self.lines]
            self._cohesion = Cohesion(units)
        return self._cohesion

    def judged(self, gap: int) -> bool:
        """Enough words on both sides of `gap` to tell a topic."""
        if not 0 < gap < self.size:
            return False
        topics = self.cohesion
        return min(topics.words_before(gap), topics.words_after(gap)) >= MIN_TOPIC_WORDS

    def similarity(self, gap: int) -> float:
        if gap not in self._similarity:
            self._similarity[gap] = self.cohesion.similarity(gap)
        return self._similarity[gap]

    def across(self, pos: int) -> float | None:
        """The similarity across the line at `pos`: the lower of the gap above it and the
        gap below it, or None when either lacks the words to be judged."""
        gaps = (pos, pos + 1)
        if not all(map(self.judged, gaps)):
            return None
        return min(map(self.similarity, gaps))

    def nearby_low(self, gaps: range) -> float:
        """The lowest similarity of the judged gaps within `TOPIC_NEIGHBOURHOOD` lines of
        `gaps`, those aside (1.0 when there is none): a join is where the topics part, not
        next to it."""
        lo = max(1, gaps.start - TOPIC_NEIGHBOURHOOD)
        hi = min(self.size - 1, gaps.stop - 1 + TOPIC_NEIGHBOURHOOD)
        nearby = range(lo, hi + 1)
        return min(
            (self.similarity(g) for g in nearby if g not in gaps and self.judged(g)), default=1.0
        )

    def typical(self) -> float:
        """The median similarity of up to `TYPICAL_SAMPLES` judged gaps spread evenly over
        the page (0 when none is judged): a sample, so that one page costs a few gaps'
        work, not all of them."""
        if self._typical is None:
            step = max(1, (self.size - 2) // (TYPICAL_SAMPLES - 1))
            sampled = [gap for gap in range(1, self.size, step) if self.judged(gap)]
            values = [self.similarity(gap) for gap in sampled[:TYPICAL_SAMPLES]]
            self._typical = statistics.median(values) if values else 0.0
        return self._typical

    def words_near(self, start: int, end: int) -> set[str]:
        """The content words of the lines from `start` to `end` (clipped to the page)."""
        units = self.cohesion.units
        return set(chain.from_iterable(units[max(0, start) : min(self.size, end)]))


@dataclass(frozen=True)
class BoundaryEvidence:
    """The cohesion readings at a candidate headline (see the module's docstring)."""

    similarity: float
    nearby_low: float
    typical: float
    headline_before: float
    headline_after: float

    def vector(self) -> tuple[float, ...]:
        """The model's features, in `FEATURES` order."""
        relative = math.log((self.similarity + _SMOOTHING) / (self.typical + _SMOOTHING))
        return (
            self.similarity,
            self.nearby_low,
            self.similarity - self.nearby_low,
            relative,
            self.headline_before,
            self.headline_after,
        )

    def describe(self) -> str:
        return f"topic shift {self.similarity:.3f} (page {self.typical:.3f})"


def boundary_evidence(topics: Topics, pos: int) -> BoundaryEvidence | None:
    """The readings at the headline at `pos` (a position in `topics.lines`), or None when
    either gap beside it lacks the words to judge, or its similarity is `SCORED_BELOW` or
    more (no join scores so high)."""
    value = topics.across(pos)
    if value is None or value >= SCORED_BELOW:
        return None
    own = set(topics.cohesion.units[pos])
    before = topics.words_near(pos - HEADLINE_CONTEXT_LINES, pos)
    after = topics.words_near(pos + 1, pos + 1 + HEADLINE_CONTEXT_LINES)
    return BoundaryEvidence(
        similarity=value,
        nearby_low=topics.nearby_low(range(pos, pos + 2)),
        typical=topics.typical(),
        headline_before=len(own & before) / max(1, len(own)),
        headline_after=len(own & after) / max(1, len(own)),
    )


@dataclass(frozen=True)
class TreeModel:
    """A sum of decision trees (gradient boosting, log-loss): `score` is a probability.

    Each tree is a tuple of nodes `(feature, threshold, left, right, value)`; a node with
    feature -1 is a leaf holding `value` (already scaled by the learning rate). A value
    at or below `threshold` goes left, as in scikit-learn, which trained it."""

    features: tuple[str, ...]
    bias: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]

    def score(self, vector: Sequence[float]) -> float:
        total = self.bias
        for tree in self.trees:
            node = tree[0]
            while node[0] >= 0:
                node = tree[node[2] if vector[node[0]] <= node[1] else node[3]]
            total += node[4]
        return 1.0 / (1.0 + math.exp(-total))

    def ceiling(self, feature: int, probability: float) -> float:
        """The value of `feature` above which no vector can score `probability` or more,
        whatever its other features (math.inf when every value may). Exact: the trees
        split that feature at a few thresholds, and between two of them every tree's best
        leaf is the same; a caller may skip the other features' work above it."""
        cuts = sorted({node[1] for tree in self.trees for node in tree if node[0] == feature})
        needed = math.log(probability / (1.0 - probability)) - self.bias
        reaching = [
            value
            for value in [*cuts, math.inf]
            if sum(_best_leaf(tree, 0, feature, value) for tree in self.trees) >= needed
        ]
        return reaching[-1] if reaching else -math.inf

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeModel:
        trees = tuple(
            tuple((int(f), float(t), int(lo), int(hi), float(v)) for f, t, lo, hi, v in tree)
            for tree in data["trees"]
        )
        return cls(tuple(data["features"]), float(data["bias"]), trees)


def _best_leaf(
    tree: tuple[tuple[int, float, int, int, float], ...], at: int, feature: int, value: float
) -> float:
    """The highest leaf of `tree` reachable from node `at` when `feature` is `value`
    (`math.inf` stands for any value above the highest threshold) and the others are free."""
    node = tree[at]
    if node[0] < 0:
        return node[4]
    if node[0] == feature:
        return _best_leaf(tree, node[2] if value <= node[1] else node[3], feature, value)
    return max(_best_leaf(tree, node[2], feature, value), _best_leaf(tree, node[3], feature, value))


@cache
def story_model() -> TreeModel:
    """The shipped model (a constant file: read once per process)."""
    text = resources.files("cleannews").joinpath("data/story_boundary.json").read_text("utf-8")
    model = TreeModel.from_json(json.loads(text))
    if model.features != FEATURES:
        raise ValueError(f"story model features {model.features} are not {FEATURES}")
    return model
