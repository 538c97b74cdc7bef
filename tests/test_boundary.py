"""The story model (`cleannews.boundary`): its readings, its scoring, the shipped file, and
the joins it finds that a cut on the similarity alone misses.

The stories come from the small vocabularies of tests/test_splitting.py (a flood, a
concert season), written for the tests; nothing here is taken from a page.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleannews
from cleannews.boundary import (
    FEATURES,
    BoundaryEvidence,
    Topics,
    TreeModel,
    boundary_evidence,
    story_model,
)
from cleannews.document import Line
from cleannews.stages import stories
from cleannews.stages.stories import BOUNDARY_SCORE
from test_splitting import CONCERT, CONCERT_HEAD, FLOOD, FLOOD_HEAD, joined, paragraphs


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


def test_a_tree_model_sums_its_leaves_and_goes_left_at_or_below_the_threshold() -> None:
    stump = [[0, 0.5, 1, 2, 0.0], [-1, 0.0, -1, -1, -1.0], [-1, 0.0, -1, -1, 2.0]]
    deeper = [
        [1, 0.0, 1, 2, 0.0],
        [-1, 0.0, -1, -1, 0.25],
        [0, 0.9, 3, 4, 0.0],
        [-1, 0.0, -1, -1, 0.5],
        [-1, 0.0, -1, -1, -0.5],
    ]
    model = TreeModel.from_json({"features": ["a", "b"], "bias": 0.1, "trees": [stump, deeper]})
    assert model.score([0.5, 0.0]) == _sigmoid(0.1 - 1.0 + 0.25)  # both at their threshold
    assert model.score([0.6, 1.0]) == _sigmoid(0.1 + 2.0 + 0.5)
    assert model.score([1.0, 1.0]) == _sigmoid(0.1 + 2.0 - 0.5)


def test_the_shipped_model_is_well_formed_and_reads_the_features_in_order() -> None:
    text = resources.files("cleannews").joinpath("data/story_boundary.json").read_text("utf-8")
    data = json.loads(text)
    assert tuple(data["features"]) == FEATURES
    assert len(data["trees"]) == 50
    for tree in data["trees"]:
        for feature, _threshold, left, right, _value in tree:
            if feature == -1:
                assert (left, right) == (-1, -1)
            else:
                assert 0 <= feature < len(FEATURES)
                assert 0 < left < len(tree) and 0 < right < len(tree)
    assert story_model() == TreeModel.from_json(data)


def _evidence(similarity: float, nearby: float, typical: float, before: float, after: float):
    return BoundaryEvidence(similarity, nearby, typical, before, after).vector()


def test_the_model_tells_a_join_from_a_section_heading() -> None:
    model = story_model()
    # a deep dip on a tightly knit page, the headline's words only below it: a join
    assert model.score(_evidence(0.02, 0.25, 0.25, 0.0, 1.0)) > 0.9
    # a shallow dip, the heading's words above it as well: a heading inside one article
    assert model.score(_evidence(0.15, 0.14, 0.22, 0.67, 0.67)) < 0.1
    # the same dip is a join on a page whose text hangs together more tightly
    loose, tight = (model.score(_evidence(0.1, 0.12, t, 0.0, 1.0)) for t in (0.12, 0.4))
    assert tight > loose


def _topics(texts: list[str]) -> Topics:
    return Topics([Line(no, text, text) for no, text in enumerate(texts)])


def test_the_readings_at_a_join_of_two_stories() -> None:
    lines = [FLOOD_HEAD, *paragraphs(FLOOD, 12), CONCERT_HEAD, *paragraphs(CONCERT, 12)]
    topics = _topics(lines)
    evidence = boundary_evidence(topics, 13)
    assert evidence is not None
    assert evidence.similarity == min(topics.similarity(13), topics.similarity(14)) < 0.01
    assert evidence.headline_before == 0.0  # "orchestra", "season", "rediscovered", ...
    assert evidence.headline_after == 2 / 5  # of its five, "orchestra" and "concerto" recur
    assert evidence.typical > 0.3
    assert (
        evidence.describe()
        == f"topic shift {evidence.similarity:.3f} (page {evidence.typical:.3f})"
    )


def test_no_readings_where_a_side_is_too_short_or_the_gap_too_similar() -> None:
    short = _topics([FLOOD_HEAD, *paragraphs(FLOOD, 2), CONCERT_HEAD, *paragraphs(CONCERT, 12)])
    assert boundary_evidence(short, 3) is None  # too few words above
    one = _topics([FLOOD_HEAD, *paragraphs(FLOOD, 12), "Embankments", *paragraphs(FLOOD, 12, 3)])
    assert one.judged(13) and boundary_evidence(one, 13) is None  # one topic: not weighed


#: A headline whose every content word recurs in the concert story below it.
SHARING_HEAD = "Symphony Orchestra Praised for Forgotten Romantic Concerto"


def _story_sharing(objects: int, tails: int) -> list[str]:
    """A concert story that borrows `objects` of the flood's objects and `tails` of its
    tails: two stories with some of their vocabulary in common."""
    topic = {
        **CONCERT,
        "objects": CONCERT["objects"][: 6 - objects] + FLOOD["objects"][:objects],
        "tails": FLOOD["tails"][:tails] + CONCERT["tails"][: 4 - tails],
    }
    return [SHARING_HEAD, *paragraphs(topic, 12)]


def test_the_model_finds_a_join_of_two_stories_that_share_some_vocabulary() -> None:
    text = joined([FLOOD_HEAD, *paragraphs(FLOOD, 12)], _story_sharing(5, 3))
    explanation = cleannews.explain(text, kind="text")
    [(line, why)] = explanation.boundaries
    assert line == 13
    assert why.startswith("headline + topic shift 0.06")
    assert ", story model 0." in why  # the model alone decides
    assert [o.title for o in explanation.article.others] == [SHARING_HEAD]


def test_a_low_similarity_alone_does_not_split_where_the_model_says_no() -> None:
    """The cut on the similarity (below 0.06, the lowest nearby) is gone: a heading whose
    words stand only above it, on a loosely knit page, stays inside its article however low
    its gap (the cut would have split here), and the stage asks the model alone."""
    heading_of_the_text_above = _evidence(0.05, 0.08, 0.1, 1.0, 0.0)
    assert round(story_model().score(heading_of_the_text_above), 3) == 0.262
    assert story_model().score(heading_of_the_text_above) < BOUNDARY_SCORE == 0.5
    assert not hasattr(stories, "HEADLINE_SHIFT")


@pytest.mark.parametrize("tails", [2, 3])
def test_a_story_that_shares_nearly_all_its_vocabulary_is_not_split(tails: int) -> None:
    text = joined([FLOOD_HEAD, *paragraphs(FLOOD, 12)], _story_sharing(6, tails))
    assert cleannews.explain(text, kind="text").boundaries == ()


def test_the_edge_of_shared_vocabulary_where_the_model_still_splits() -> None:
    """All six objects shared but one tail only: a true join, at the model's threshold (the
    50 trees trained with folds by article give it 0.54; those with the similarity cut
    beside them gave it less than their threshold of 0.7)."""
    text = joined([FLOOD_HEAD, *paragraphs(FLOOD, 12)], _story_sharing(6, 1))
    assert cleannews.explain(text, kind="text").boundaries == (
        (13, "headline + topic shift 0.062 (page 0.356), story model 0.54"),
    )


def test_a_ceiling_is_the_highest_split_value_that_may_still_reach_the_probability() -> None:
    stump = [[0, 0.5, 1, 2, 0.0], [-1, 0.0, -1, -1, 1.0], [-1, 0.0, -1, -1, -1.0]]
    other = [[1, 0.3, 1, 2, 0.0], [-1, 0.0, -1, -1, 0.5], [-1, 0.0, -1, -1, -0.5]]
    model = TreeModel.from_json({"features": ["a", "b"], "bias": 0.0, "trees": [stump, other]})
    # feature a at or below 0.5 reaches sigmoid(1.5); above it at best sigmoid(-0.5)
    assert model.ceiling(0, _sigmoid(1.4)) == 0.5
    assert model.ceiling(0, _sigmoid(-0.6)) == math.inf  # any value may reach it
    assert model.ceiling(0, _sigmoid(1.6)) == -math.inf  # no value reaches it


@settings(max_examples=300, deadline=None)
@given(
    st.floats(0.0, 0.2),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
)
def test_no_vector_above_the_shipped_models_ceiling_reaches_the_threshold(
    similarity: float, nearby: float, typical: float, before: float, after: float
) -> None:
    model = story_model()
    ceiling = model.ceiling(FEATURES.index("similarity"), BOUNDARY_SCORE)
    assert 0.0 < ceiling < 0.2  # (so that the draws below reach both sides of it)
    vector = _evidence(similarity, nearby, typical, before, after)
    if similarity > ceiling:
        assert model.score(vector) < BOUNDARY_SCORE
