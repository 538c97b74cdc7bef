"""Train the story model (`cleannews.boundary`) on the splitting benchmark's dev cases.

Each headline-like line that the ``stories`` stage weighs on the change of topic at it is one
example: its six cohesion readings (`BoundaryEvidence.vector`), labelled by whether a new
article starts there. The examples come from the dev cases of ``benchmarks/splitting.py``
(variants ``headline`` and ``headline+byline``, and both kinds of controls) and from the dev
pages of every corpus as text (trafilatura's recall extraction, as ``snapshot.py`` makes
and caches it): single pages, on which every headline weighed is a negative (trained on
the generated cases alone, the model split real single pages). They are read while the
stage splits on header evidence alone, so the model never sees its own earlier answers.
The held-out quarter of wcxb is never read.

The model is scikit-learn's gradient boosting (50 trees of depth 2, fixed seed), written as
plain JSON to ``src/cleannews/data/story_boundary.json``; the library scores it in pure
Python and needs no scikit-learn. The script also prints, for a few score thresholds, what
five-fold cross-validation finds: joins found, other headings flagged, and how many of
those in the controls and on the single pages. The folds are by article, not by case: the
benchmark reuses an article in several cases, and folds by case scored a headline with a
model that had seen the same headline, at the same join or another, in a training fold.

Run: ``pip install scikit-learn`` then
``PYTHONPATH=src python benchmarks/train_story_model.py [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    from benchmarks.corpora import load
    from benchmarks.splitting import CONTROLS, build_cases
except ImportError:
    from corpora import load  # type: ignore[no-redef]
    from splitting import CONTROLS, build_cases  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "cleannews" / "data" / "story_boundary.json"
VARIANTS = ("headline", "headline+byline", *CONTROLS)
TREES, DEPTH, LEARNING_RATE, SEED = 50, 2, 0.1, 0
FOLDS = 5


def examples() -> tuple[list[tuple[float, ...]], list[bool], list[str], list[bool], list[bool]]:
    """Feature vectors, labels, articles, control flags and single-page flags of every
    weighed headline. A headline's article is named by its first line (for a join, the
    article the headline opens; on a single page, the page's title or key)."""
    import cleannews.stages.stories as stories
    from cleannews import default_pipeline
    from cleannews.boundary import SCORED_BELOW

    pages = [p for corpus in ("scrapinghub", "wcxb") for p in load(corpus)]
    cases = [c for c in build_cases(pages) if c.split == "dev" and c.variant in VARIANTS]
    inputs = [(c.text, c.starts, c.variant in CONTROLS, _firsts(c.text, c.starts)) for c in cases]
    inputs += [(text, (0,), False, [name]) for name, text in _single_pages()]
    seen: list[tuple[int, Any]] = []
    original = stories.boundary_evidence

    def record(topics: Any, pos: int) -> None:
        evidence = original(topics, pos)
        if evidence is not None:
            seen.append((topics.lines[pos].no, evidence))
        return None  # split on header evidence only while recording

    stories.boundary_evidence = record  # type: ignore[assignment]
    ceiling = stories._weighing_ceiling
    # every headline below `SCORED_BELOW` is weighed, and the shipped model is not read
    # (its features may be those of an earlier version)
    stories._weighing_ceiling = lambda: SCORED_BELOW  # type: ignore[assignment]
    vectors, labels, article, control, single = [], [], [], [], []
    try:
        pipeline = default_pipeline()
        for number, (text, starts, is_control, firsts) in enumerate(inputs):
            seen.clear()
            explained = pipeline.explain(text, kind="text")
            shown = {f.line: k for k, f in enumerate(x for x in explained.lines if x.text.strip())}
            for line_no, evidence in seen:
                at = shown[line_no]
                vectors.append(evidence.vector())
                labels.append(at in starts[1:])
                article.append(firsts[max(k for k, start in enumerate(starts) if start <= at)])
                control.append(is_control)
                single.append(number >= len(cases))
    finally:
        stories.boundary_evidence = original
        stories._weighing_ceiling = ceiling  # type: ignore[method-assign]
    return vectors, labels, article, control, single


def _firsts(text: str, starts: Sequence[int]) -> list[str]:
    """The first non-blank line of each article of a case (its name for the folds)."""
    shown = [line for line in text.split("\n") if line.strip()]
    return [shown[start] for start in starts]


def _fold(article: str) -> int:
    """The cross-validation fold of an article: fixed by its name (crc32, not `hash`)."""
    return zlib.crc32(article.encode("utf-8")) % FOLDS


def _single_pages() -> list[tuple[str, str]]:
    """The dev pages of every corpus as text (trafilatura's recall extraction, cached as
    `snapshot.py` caches it), never the held-out quarter: single pages, on which every
    headline weighed is a negative."""
    try:
        from benchmarks.corpora import CORPORA
        from benchmarks.snapshot import noisy_text
    except ImportError:
        from corpora import CORPORA  # type: ignore[no-redef]
        from snapshot import noisy_text  # type: ignore[no-redef]
    return [
        (page.title or page.key, noisy_text(page.key, page.html))
        for corpus in CORPORA
        for page in load(corpus)
        if not page.held_out
    ]


def export(model: Any, features: Sequence[str]) -> dict[str, Any]:
    """The fitted model as plain data: a bias and each tree's nodes, leaf values scaled."""
    import numpy as np

    bias = float(model._raw_predict_init(np.zeros((1, len(features))))[0, 0])
    trees = []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        nodes = []
        for node in range(tree.node_count):
            leaf = tree.children_left[node] == -1
            nodes.append(
                [
                    -1 if leaf else int(tree.feature[node]),
                    0.0 if leaf else round(float(tree.threshold[node]), 6),
                    int(tree.children_left[node]),
                    int(tree.children_right[node]),
                    round(float(tree.value[node][0][0]) * model.learning_rate, 6) if leaf else 0.0,
                ]
            )
        trees.append(nodes)
    return {"features": list(features), "bias": round(bias, 6), "trees": trees}


def main(argv: Sequence[str] | None = None) -> int:
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    from cleannews.boundary import FEATURES, TreeModel

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    vectors, labels, article, control, single = examples()
    x, y = np.array(vectors), np.array(labels)
    folds = np.array([_fold(name) for name in article])
    controls, singles = np.array(control), np.array(single)

    def fit(rows: Any) -> Any:
        return GradientBoostingClassifier(
            n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, random_state=SEED
        ).fit(x[rows], y[rows])

    predicted = np.zeros(len(y))
    for fold in range(FOLDS):
        model = TreeModel.from_json(export(fit(folds != fold), FEATURES))
        for i in np.flatnonzero(folds == fold):
            predicted[i] = model.score(x[i])
    print(f"{len(y)} headlines weighed, {int(y.sum())} of them joins")
    print("threshold  joins found  other headings flagged  (in controls, on single pages)")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        chosen = predicted >= threshold
        print(
            f"{threshold:9.1f}  {int((chosen & y).sum()):5d} / {int(y.sum())}"
            f"  {int((chosen & ~y).sum()):8d}  ({int((chosen & controls).sum())},"
            f" {int((chosen & singles).sum())})"
        )
    data = export(fit(np.ones(len(y), bool)), FEATURES)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
