"""Unrelated-story splitting (issue 15): headline + byline, headline + topic shift, topic
shift alone, and the single articles with section headings that must stay whole.

The stories are generated from two small vocabularies written for these tests (a flood,
a concert season), so a join of the two is a change of topic and a heading inside one is
not; nothing here is taken from a page.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleannews
from cleannews import CleanConfig, default_pipeline
from cleannews.cohesion import Cohesion, content_words

FLOOD = {
    "subjects": [
        "The river authority",
        "Engineers from the county",
        "Farmers along the valley",
        "Volunteers with sandbags",
        "The regional emergency office",
        "Residents of lower districts",
    ],
    "verbs": ["warned about", "inspected", "reinforced", "measured", "evacuated", "reported"],
    "objects": [
        "the swollen embankments",
        "rising floodwater levels",
        "damaged drainage channels",
        "waterlogged pastures",
        "temporary shelters",
        "breached levees near the bridge",
    ],
    "tails": [
        "after three days of torrential rainfall",
        "before the overnight storm surge",
        "while meteorologists predicted heavier downpours",
        "as reservoirs reached capacity",
    ],
}
CONCERT = {
    "subjects": [
        "The symphony orchestra",
        "Its principal violinist",
        "The visiting conductor",
        "Season ticket holders",
        "The chamber choir",
        "Critics at the premiere",
    ],
    "verbs": ["rehearsed", "praised", "performed", "recorded", "announced", "applauded"],
    "objects": [
        "a forgotten romantic concerto",
        "the composer's final quartet",
        "several baroque overtures",
        "an ambitious opera programme",
        "the restored concert organ",
        "contemporary piano sonatas",
    ],
    "tails": [
        "during the festival's opening weekend",
        "before an enthusiastic audience",
        "with unusually brisk tempos",
        "for the anniversary gala evening",
    ],
}


def paragraphs(topic: dict[str, list[str]], count: int, offset: int = 0) -> list[str]:
    """`count` paragraphs of three sentences each, deterministic, on one topic."""
    combos = itertools.product(topic["subjects"], topic["verbs"], topic["objects"], topic["tails"])
    sentences = [f"{s} {v} {o} {t}." for s, v, o, t in itertools.islice(combos, offset, None, 7)]
    return [" ".join(sentences[3 * i : 3 * i + 3]) for i in range(count)]


FLOOD_HEAD = "Valley braces for more flooding as rivers keep rising"
CONCERT_HEAD = "Orchestra opens its season with a rediscovered concerto"


def joined(*stories: list[str], sep: str = "\n") -> str:
    return sep.join(line for story in stories for line in story)


def story_heads(text: str) -> list[str]:
    """The first line of each story after the first, as `explain` assigns them."""
    explanation = cleannews.explain(text, kind="text")
    by_no = {f.line: f.text for f in explanation.lines}
    return [by_no[no] for no, _ in explanation.boundaries]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_headline_with_a_byline_under_it_starts_a_story(sep: str) -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 4)]
    second = [CONCERT_HEAD, "By Maren Olsdottir | March 4, 2025", *paragraphs(CONCERT, 4)]
    text = joined(first, second, sep=sep)
    explanation = cleannews.explain(text, kind="text")
    assert [why for _, why in explanation.boundaries] == ["headline + byline"]
    article = explanation.article
    assert article.title == FLOOD_HEAD
    assert [o.title for o in article.others] == [CONCERT_HEAD]
    assert article.others[0].authors == ("Maren Olsdottir",)
    assert article.others[0].published is not None
    assert article.others[0].published.isoformat()[:10] == "2025-03-04"
    assert article.body == "\n\n".join(paragraphs(FLOOD, 4))


@pytest.mark.parametrize(
    "head",
    [
        # long enough to read as prose (161 characters), but in title case: a headline
        "Valley Orchestra Opens Its Season: Why a Rediscovered Concerto From the Municipal "
        "Archives Could Change How Audiences Hear the Romantic Era (And What Comes Next)",
        "Orchestra Opens Its Season in the U.S.",  # a title ending in an initialism
    ],
)
def test_a_long_or_abbreviated_title_case_headline_with_a_byline_starts_a_story(
    head: str,
) -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 4)]
    second = [head, "By Maren Olsdottir | March 4, 2025", *paragraphs(CONCERT, 4)]
    assert story_heads(joined(first, second)) == [head]


def test_a_long_sentence_case_line_with_a_byline_is_no_headline() -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 4)]
    line = (
        "The orchestra opened its season with a concerto that had been forgotten in the "
        "archives for more than a century and drew a full house"
    )
    second = [line, "By Maren Olsdottir | March 4, 2025", *paragraphs(CONCERT, 4)]
    assert story_heads(joined(first, second)) == []


def test_a_name_and_date_credit_line_counts_as_a_byline() -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 4)]
    second = [CONCERT_HEAD, "Maren Olsdottir · 4 March 2025", *paragraphs(CONCERT, 4)]
    assert story_heads(joined(first, second)) == [CONCERT_HEAD]


def test_a_headline_where_the_topic_changes_starts_a_story() -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 12)]
    second = [CONCERT_HEAD, *paragraphs(CONCERT, 12)]
    explanation = cleannews.explain(joined(first, second), kind="text")
    assert len(explanation.boundaries) == 1
    assert explanation.boundaries[0][1].startswith("headline + topic shift ")
    assert [o.title for o in explanation.article.others] == [CONCERT_HEAD]


@pytest.mark.parametrize(
    "head",
    [
        "Is This the Orchestra's Most Daring Season Yet?",  # a question in title case
        "10 Reasons the Orchestra's New Season Is Worth Hearing",  # a number, then a word
    ],
)
def test_a_title_case_question_or_a_numbered_headline_at_a_change_of_topic_starts_a_story(
    head: str,
) -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 12)]
    explanation = cleannews.explain(joined(first, [head, *paragraphs(CONCERT, 12)]), kind="text")
    assert [why.split(" + ")[1][:11] for _, why in explanation.boundaries] == ["topic shift"]
    assert [o.title for o in explanation.article.others] == [head]


@pytest.mark.parametrize(
    "head",
    [
        "So what did the orchestra rehearse for the new season?",  # an interviewer's question
        "3. Concert season highlights for the orchestra",  # a list's item
        "3) Concert season highlights for the orchestra",
    ],
)
def test_a_sentence_case_question_or_a_list_item_is_no_headline_on_topic_alone(
    head: str,
) -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 12)]
    text = joined(first, [head, *paragraphs(CONCERT, 12)])
    assert cleannews.explain(text, kind="text").boundaries == ()


MARKT = {
    "subjects": [
        "Die Händler am Wochenmarkt",
        "Der Bürgermeister der Gemeinde",
        "Zahlreiche Besucherinnen",
        "Die örtlichen Bäckereien",
        "Mehrere Gemüsebauern",
        "Die Veranstalter des Festes",
    ],
    "verbs": ["verkauften", "eröffneten", "bewarben", "lobten", "planten", "schmückten"],
    "objects": [
        "frisches Spargelgemüse",
        "die neuen Verkaufsstände",
        "regionale Spezialitäten",
        "den geschmückten Marktplatz",
        "hausgemachte Marmelade",
        "duftende Brotlaibe",
    ],
    "tails": [
        "trotz des kühlen Wetters",
        "vor der festlichen Eröffnung",
        "während der Blaskapelle spielte",
        "bis zum späten Nachmittag",
    ],
}


def test_a_headline_where_the_language_changes_starts_a_story() -> None:
    """A change of language is a change of topic to `cleannews.cohesion`: two languages
    share next to no content words, so the similarity across the join is near zero."""
    head = "Wochenmarkt feiert sein Jubiläum mit regionalen Spezialitäten"
    text = joined([FLOOD_HEAD, *paragraphs(FLOOD, 12)], [head, *paragraphs(MARKT, 12)])
    explanation = cleannews.explain(text, kind="text")
    assert [why.split(" + ")[1][:11] for _, why in explanation.boundaries] == ["topic shift"]
    assert [o.title for o in explanation.article.others] == [head]


def test_a_sharp_change_of_topic_without_any_headline_starts_a_story_when_asked() -> None:
    text = joined(paragraphs(FLOOD, 14), paragraphs(CONCERT, 14))
    pipeline = default_pipeline(CleanConfig(split_on_topic=True))
    explanation = pipeline.explain(text, kind="text")
    assert [why.split()[:2] for _, why in explanation.boundaries] == [["topic", "shift"]]
    first = {f.line: f.text for f in explanation.lines}[explanation.boundaries[0][0]]
    assert first == paragraphs(CONCERT, 1)[0]
    assert cleannews.explain(text, kind="text").boundaries == ()  # off by default


def test_section_headings_of_one_article_do_not_split_it() -> None:
    body = paragraphs(FLOOD, 24)
    lines = [FLOOD_HEAD]
    for n, para in enumerate(body):
        if n and n % 6 == 0:
            lines.append(f"What the engineers found in part {n // 6}")
        lines.append(para)
    explanation = cleannews.explain("\n".join(lines), kind="text")
    assert explanation.boundaries == ()
    assert explanation.article.others == ()


def test_a_byline_over_the_same_topic_is_not_a_new_story() -> None:
    """An analysis box under its correspondent's byline, inside the story it analyses."""
    lines = [
        FLOOD_HEAD,
        *paragraphs(FLOOD, 10),
        "What the flooding means for the valley",
        "Hanne Brekke, regional correspondent",
        *paragraphs(FLOOD, 10, offset=3),
    ]
    assert cleannews.explain("\n".join(lines), kind="text").boundaries == ()


def test_one_kind_of_evidence_does_not_split_an_html_page() -> None:
    """HTML pages show their stories in markup; a dated heading in one is a section."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs(FLOOD, 4))
    second = "".join(f"<p>{p}</p>" for p in paragraphs(CONCERT, 4))
    html = (
        f"<html><body><article><h1>{FLOOD_HEAD}</h1>{body}<h2>{CONCERT_HEAD}</h2>"
        f"<p>By Maren Olsdottir | March 4, 2025</p>{second}</article></body></html>"
    )
    assert cleannews.clean(html).others == ()


def test_boundaries_are_in_the_json_explanation() -> None:
    first = [FLOOD_HEAD, *paragraphs(FLOOD, 4)]
    second = [CONCERT_HEAD, "By Maren Olsdottir", *paragraphs(CONCERT, 4)]
    data = cleannews.explain(joined(first, second), kind="text").to_dict()
    assert data["boundaries"] == [{"line": 5, "evidence": "headline + byline"}]


def test_cohesion_of_one_topic_is_higher_than_across_two() -> None:
    units = [content_words(p) for p in paragraphs(FLOOD, 10) + paragraphs(CONCERT, 10)]
    cohesion = Cohesion(units)
    across = cohesion.similarity(10)
    inside = [cohesion.similarity(gap) for gap in (3, 5, 15, 17)]
    assert across < 0.05
    assert min(inside) > 0.2
    assert cohesion.words_before(10) + cohesion.words_after(10) == sum(map(len, units))


def test_content_words_are_long_lower_cased_letter_runs() -> None:
    assert content_words("The River's 2024 flood-plain reached Ålesund") == [
        "river",
        "flood",
        "plain",
        "reached",
        "ålesund",
    ]
    # digits and "_" end a run: the letters between them count on their own
    assert content_words("covid19 cases_total abc123defgh 12345") == [
        "covid",
        "cases",
        "total",
        "defgh",
    ]
    assert content_words("हिन्दी समाचार") == ["हिन्दी", "समाचार"]  # vowel signs are marks


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["alpha", "bravo", "charlie", "delta", "echoes"]), max_size=8),
        min_size=2,
        max_size=12,
    ),
    st.data(),
)
def test_similarity_is_a_cosine_between_zero_and_one(
    units: list[list[str]], data: st.DataObject
) -> None:
    cohesion = Cohesion(units)
    gap = data.draw(st.integers(1, len(units) - 1))
    assert 0.0 <= cohesion.similarity(gap) <= 1.0 + 1e-9


def _reference_similarity(units: list[list[str]], gap: int, window: int, lines: int) -> float:
    """The cosine of `Cohesion.similarity` written the plain way: walk out from the gap,
    unit by unit, summing idf weights, until a side holds `window` words or `lines` units."""
    import math

    with_words = sum(1 for unit in units if unit)
    df: dict[str, int] = {}
    for unit in units:
        for word in set(unit):
            df[word] = df.get(word, 0) + 1
    idf = {word: math.log(with_words / n) for word, n in df.items()}

    def side(positions: range) -> dict[str, float]:
        weights: dict[str, float] = {}
        taken = 0
        for pos in list(positions)[:lines]:
            if taken >= window:
                break
            for word in units[pos]:
                weights[word] = weights.get(word, 0.0) + idf[word]
            taken += len(units[pos])
        return weights

    left, right = side(range(gap - 1, -1, -1)), side(range(gap, len(units)))
    dot = sum(weight * right.get(word, 0.0) for word, weight in left.items())
    norms = math.sqrt(sum(w * w for w in left.values())) * math.sqrt(
        sum(w * w for w in right.values())
    )
    return dot / norms if norms else 0.0


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["alpha", "bravo", "charlie", "delta", "echoes", "foxtrot", "golfer"]),
            max_size=9,
        ),
        min_size=2,
        max_size=90,
    ),
    st.integers(1, 30),
    st.data(),
)
def test_similarity_is_that_of_the_plain_window_walk(
    units: list[list[str]], window: int, data: st.DataObject
) -> None:
    """The windows found by bisecting word counts (and capped at `WINDOW_LINES` units)
    are the ones a walk out from the gap takes, the cosine the same (to rounding)."""
    from cleannews.cohesion import WINDOW_LINES

    cohesion = Cohesion(units, window=window)
    gap = data.draw(st.integers(1, len(units) - 1))
    expected = _reference_similarity(units, gap, window, WINDOW_LINES)
    assert cohesion.similarity(gap) == pytest.approx(expected, abs=1e-12)


def test_similarity_does_not_depend_on_the_string_hash() -> None:
    """The same figures, to the last bit, under another hash seed (the shared words are
    summed in the windows' order, not a set's)."""
    import os
    import subprocess
    import sys

    code = (
        "from cleannews.cohesion import Cohesion, content_words\n"
        "import tests.test_splitting as t\n"
        "units = [content_words(p) for p in t.paragraphs(t.FLOOD, 12) + t.paragraphs(t.CONCERT, 12)]\n"
        "c = Cohesion(units)\n"
        "print([c.similarity(g).hex() for g in range(1, len(units))])\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
