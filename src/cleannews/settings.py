"""The heuristic thresholds of the line shapes and structural stages, in one place.

Each `Threshold` says what it means and what set it: a measurement on the dev corpora
where one was made, or, where none was recorded, that it was set by hand (so a
contributor knows which numbers have evidence behind them and which are open to a
measured change). The stages read their values from `SETTINGS`; docs/architecture.md
shows the table `settings_table()` makes, and a test keeps the two equal.

"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

N = TypeVar("N", int, float)

#: The source of the thresholds that came with the first version, with no measurement
#: recorded (commit 271fe1e, "Core architecture").
BY_HAND = "set by hand in the first version; no measurement recorded"


@dataclass(frozen=True, slots=True)
class Threshold(Generic[N]):
    """One heuristic number: its value, what it means, and what set it."""

    value: N
    meaning: str
    source: str


@dataclass(frozen=True, slots=True)
class Settings:
    """Every heuristic threshold of the line shapes and the structural stages."""

    prose_chars: Threshold[int] = Threshold(
        160, "a line of this many characters (white space around it aside) is prose", BY_HAND
    )
    prose_words: Threshold[int] = Threshold(
        25, "a line of this many words is prose, whatever its last character", BY_HAND
    )
    short_prose_words: Threshold[int] = Threshold(
        8, "a line of this many words that ends a sentence is prose", BY_HAND
    )
    headline_max_chars: Threshold[int] = Threshold(
        220, "a longer line is never headline-like (headlines, kickers, headings)", BY_HAND
    )
    headline_max_words: Threshold[int] = Threshold(
        30, "a line of more words is never headline-like", BY_HAND
    )
    date_line_max_chars: Threshold[int] = Threshold(
        120,
        "a longer line is never a date line (a date, time, weekday and label fit; the bound "
        "keeps each parse's cost fixed)",
        BY_HAND,
    )
    widget_line_words: Threshold[int] = Threshold(
        20,
        "longest non-prose line the widget-block rule takes between two removed lines",
        "set by hand with the widget-block rule (commit d3cc641); no measurement recorded",
    )
    form_line_words: Threshold[int] = Threshold(
        80,
        "longest line of any shape taken between two parts of a sign-up or comment form",
        "commit f18edc1 (the form rule): ScrapingHub text F1 0.9683 -> 0.9686 (2 pages "
        "better, 0 worse), multilingual +0.001 both modes; 80 itself not varied",
    )
    expander_min_prefix: Threshold[int] = Threshold(
        20,
        "characters a cut-short caption ('... more') keeps, at least, to be paired with "
        "its full copy",
        "set by hand with the expander rule (commit 5e01d13); no measurement recorded",
    )
    same_headline_share: Threshold[float] = Threshold(
        0.8,
        "share of the title's words a line must hold to be the headline with a site "
        "prefix, suffix or kicker",
        BY_HAND,
    )
    wrapped_sample_lines: Threshold[int] = Threshold(
        40, "first lines of a story read to tell hard-wrapped text", BY_HAND
    )
    wrapped_lower_share: Threshold[float] = Threshold(
        0.25,
        "share of those lines starting in lower case (3 at least) that marks the text as "
        "hard-wrapped (no header zone)",
        BY_HAND,
    )
    zone_byline_window: Threshold[int] = Threshold(
        6,
        "lines from the first prose paragraph in which a byline or date line still "
        "belongs to the header zone",
        BY_HAND,
    )
    zone_max_headlines: Threshold[int] = Threshold(
        8,
        "title candidates above the first prose paragraph beyond which they are a list "
        "that opens the text (a contents list, a changelog), not a header zone",
        "measured on the dev corpora, body F1 before -> after: WCXB held-out 0.821 -> "
        "0.822, Readability's pages 0.934 -> 0.935, dev listing 0.537 -> 0.545; "
        "the header-zone test with 4 candidates (tests/test_guarantees.py) keeps its zone",
    )

    # -- stories: splitting a page into stories, and its tail ------------------------------
    story_header_window: Threshold[int] = Threshold(
        10, "lines after a candidate headline that may hold its header block", BY_HAND
    )
    story_prose_lookahead: Threshold[int] = Threshold(
        8,
        "a new story's prose paragraphs (`min_story_paragraphs`) are looked for among this "
        "many lines per paragraph wanted, plus `story_prose_lookahead_extra` (bounded work)",
        BY_HAND,
    )
    story_prose_lookahead_extra: Threshold[int] = Threshold(
        20, "lines added to that lookahead", BY_HAND
    )
    teaser_snippet_words: Threshold[int] = Threshold(
        12,
        "fewest words of an ellipsis-cut snippet that makes the headline above it a teaser",
        BY_HAND,
    )
    min_series_run: Threshold[int] = Threshold(
        3,
        "fewest lines of a run of one series' headlines ('Kicker | Headline') taken as "
        "links: two such lines may be a table's rows",
        BY_HAND,
    )
    series_overlap: Threshold[float] = Threshold(
        0.5,
        "share of kicker words two series headlines have in common (spelling varies)",
        BY_HAND,
    )
    min_caps_headline_words: Threshold[int] = Threshold(
        8,
        "fewest words of a line in capitals taken as a linked headline: subheadings in "
        "capitals are shorter",
        BY_HAND,
    )
    min_single_evidence_words: Threshold[int] = Threshold(
        4,
        "fewest words of a headline split on one kind of evidence (a byline or date under "
        "it, or a change of topic): a list's item or a short label over a date is shorter",
        "issue 15: labels such as 'Product details' over a date split single dev pages; "
        "set by inspecting them, not varied",
    )
    max_question_headline_words: Threshold[int] = Threshold(
        20,
        "most words of a headline that reads as a sentence (a question, an exclamation)",
        "set by hand with issue 15; not varied",
    )
    cohesion_window_words: Threshold[int] = Threshold(
        200,
        "content words (5+ letters) compared on each side of a gap (`cleannews.cohesion`)",
        "issue 15, splitting benchmark dev cases: with 100 words 3.4 % of non-join gaps "
        "scored as low as the joins' 90th percentile, with 200 words 2.8 %",
    )
    min_topic_words: Threshold[int] = Threshold(
        120,
        "content words each side of a gap needs before its topic is judged",
        "issue 15, dev cases at a headline: 60 words found 417 of 550 joins and flagged "
        "121 headings, 120 words 399 and 108",
    )
    boundary_scored_below: Threshold[float] = Threshold(
        0.2,
        "a headline whose gap has this similarity or more is not weighed by the story model "
        "(`cleannews.boundary`)",
        "issue 15, dev cases: the highest similarity at a join was 0.19",
    )
    story_boundary_score: Threshold[float] = Threshold(
        0.5,
        "the story model's probability at or above which a headline opens a new story on "
        "the change of topic at it (text input); the model alone decides, a low similarity "
        "included",
        "issue 15, five-fold cross-validation (folds by article) on the splitting "
        "benchmark's dev cases and dev pages (benchmarks/train_story_model.py): at 0.5 it "
        "found 236 of the 284 joins it was asked about and flagged 11 other headings, at "
        "0.4 242 and 20, at 0.6 226 and 5; the cut on the similarity (below 0.06, the "
        "lowest nearby) that split before it, with the model at 0.7: 237 and 37",
    )
    topic_shift: Threshold[float] = Threshold(
        0.035,
        "below this similarity a gap between two paragraphs with no headline opens a new "
        "story (only with `split_on_topic`)",
        "issue 15, dev cases: 1 % of gaps inside one article fall below 0.04",
    )
    same_topic: Threshold[float] = Threshold(
        0.12,
        "at or above this similarity the text under a byline goes on with the same topic "
        "(no new story)",
        "issue 15, dev cases: 95 % of joins score below 0.10",
    )
    topic_neighbourhood: Threshold[int] = Threshold(
        4,
        "a join is the lowest similarity among the gaps this many lines either side",
        "issue 15, dev cases: 8 lines found 396 of 550 joins and flagged 100 headings, "
        "4 lines 399 and 108",
    )


SETTINGS = Settings()


def settings_table(settings: Settings = SETTINGS) -> str:
    """The thresholds as the Markdown table of docs/architecture.md."""
    rows = ["| setting | value | meaning | set by |", "|---------|-------|---------|--------|"]
    for item in fields(settings):
        threshold = getattr(settings, item.name)
        rows.append(
            f"| `{item.name}` | {threshold.value} | {threshold.meaning} | {threshold.source} |"
        )
    return "\n".join(rows) + "\n"
