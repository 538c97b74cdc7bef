"""The heuristic thresholds of the line shapes and structural stages, in one place.

Each `Threshold` says what it means and what set it: a measurement on the dev corpora
where one was made, or, where none was recorded, that it was set by hand (so a
contributor knows which numbers have evidence behind them and which are open to a
measured change). The stages read their values from `SETTINGS`; docs/architecture.md
shows the table `settings_table()` makes, and a test keeps the two equal.

The stories stage's thresholds stay in `stages/stories.py` while that stage is being
rewritten.
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
