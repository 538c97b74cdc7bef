"""The heuristic thresholds live in one documented object that the stages read."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from cleannews import dates, shapes
from cleannews.settings import SETTINGS, Settings, Threshold, settings_table
from cleannews.stages import boilerplate, captions

DOCS = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def test_the_architecture_doc_shows_the_settings_of_the_code() -> None:
    text = DOCS.read_text("utf-8")
    found = re.search(r"<!-- settings:start -->\n(.*?)<!-- settings:end -->", text, re.S)
    assert found is not None
    assert found.group(1) == settings_table()


def test_every_setting_says_what_it_means_and_what_set_it() -> None:
    for item in dataclasses.fields(Settings):
        threshold = getattr(SETTINGS, item.name)
        assert isinstance(threshold, Threshold)
        assert threshold.meaning.strip() and threshold.source.strip(), item.name


def test_the_stages_read_their_thresholds_from_the_settings() -> None:
    assert (shapes.PROSE_CHARS, shapes.PROSE_WORDS, shapes.SHORT_PROSE_WORDS) == (160, 25, 8)
    assert (shapes.HEADLINE_MAX_CHARS, shapes.HEADLINE_MAX_WORDS) == (220, 30)
    assert dates.DATE_LINE_MAX_CHARS == SETTINGS.date_line_max_chars.value == 120
    assert boilerplate.WIDGET_LINE_WORDS == SETTINGS.widget_line_words.value == 20
    assert boilerplate.FORM_LINE_WORDS == SETTINGS.form_line_words.value == 80
    assert captions.MIN_EXPANDER_PREFIX == SETTINGS.expander_min_prefix.value == 20
    assert shapes.is_headline_like("Word " * 30) and not shapes.is_headline_like("Word " * 31)
