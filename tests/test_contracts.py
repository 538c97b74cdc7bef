"""Declared contracts between stages: the order is checked when a pipeline is built, a
plugin stage brings its own signals and needs no edit to cleannews, and the docs' table
is the code's."""

from __future__ import annotations

import re
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import cleannews.rules as rules_module
import cleannews.stages.base as base
from cleannews import Pipeline, default_pipeline
from cleannews.document import Doc
from cleannews.report import stage_colours
from cleannews.rules import pack_from_toml
from cleannews.signals import (
    LINE_TEXT,
    SIGNALS,
    ContractError,
    check_order,
    register_signal,
)
from cleannews.stages import BUILTIN_STAGES, STAGES, Stage, contracts_table, stage_class

DOCS = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def test_the_architecture_doc_shows_the_contracts_of_the_code() -> None:
    text = DOCS.read_text("utf-8")
    found = re.search(r"<!-- contracts:start -->\n(.*?)<!-- contracts:end -->", text, re.S)
    assert found is not None
    assert found.group(1) == contracts_table()


def test_moving_boilerplate_after_stories_is_an_error_naming_the_provider() -> None:
    names = list(BUILTIN_STAGES)
    names.remove("boilerplate")
    names.insert(names.index("stories") + 1, "boilerplate")
    with pytest.raises(ContractError, match="provider 'boilerplate' comes after it"):
        Pipeline(names)
    with pytest.raises(ContractError, match="put 'boilerplate' before 'stories'"):
        default_pipeline().without("boilerplate").with_stage("boilerplate", after="metadata")


def test_a_missing_required_provider_is_named() -> None:
    with pytest.raises(ContractError, match=r"requires signal 'line-text'.*\['encoding'\]"):
        Pipeline(["language", "captions"])


def test_optional_signals_may_be_missing() -> None:
    assert default_pipeline().without("boilerplate", "duplicates", "captions").names == (
        "encoding",
        "language",
        "stories",
        "metadata",
    )


def test_every_signal_a_built_in_stage_uses_has_a_built_in_provider() -> None:
    classes = [stage_class(name) for name in BUILTIN_STAGES]
    provided = {signal for cls in classes for signal in cls.provides}
    used = {signal for cls in classes for signal in (*cls.requires, *cls.reads)}
    assert used <= provided
    check_order(classes)  # the default order keeps every contract


# -- a third-party stage with its own signal ---------------------------------------------

WORD_COUNTS = register_signal("word-counts", "words per line", "Doc.extensions['word-counts']")


class CountWords(Stage):
    """A plugin stage: provides its own signal."""

    name = "count-words"
    requires = (LINE_TEXT,)
    provides = (WORD_COUNTS,)
    colour = "#123456"

    def run(self, doc: Doc) -> None:
        doc.extensions[WORD_COUNTS.name] = [len(line.text.split()) for line in doc.lines]


class DropShortLines(Stage):
    """A second plugin stage that requires the first one's signal."""

    name = "drop-short-lines"
    requires = (WORD_COUNTS,)

    def run(self, doc: Doc) -> None:
        counts = doc.extensions[WORD_COUNTS.name]
        for line, words in zip(doc.lines, counts, strict=True):
            if line.is_open and words == 1:
                doc.remove(line, "one-word-line", self.name)


@pytest.fixture
def plugin_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two stages installed as a plugin distribution would: entry points only."""
    points = [
        EntryPoint("count-words", "test_contracts:CountWords", "cleannews.stages"),
        EntryPoint("drop-short-lines", "test_contracts:DropShortLines", "cleannews.stages"),
    ]
    monkeypatch.setattr(base, "entry_points", lambda group: points)
    monkeypatch.setattr(base, "STAGES", dict(STAGES))
    monkeypatch.setattr("cleannews.pipeline.STAGES", base.STAGES)
    monkeypatch.setattr("cleannews.report.STAGES", base.STAGES)


@pytest.mark.usefixtures("plugin_stages")
def test_a_plugin_stage_with_its_own_signal_works_without_editing_cleannews() -> None:
    page = "Council Approves Budget\n\nZebra\n\nThe council voted on Tuesday to approve it, aides said."
    pipeline = default_pipeline().with_stage("count-words").with_stage("drop-short-lines")
    removed = [(r.text, r.rule, r.stage) for r in pipeline.clean(page).removed]
    assert removed == [("Zebra", "one-word-line", "drop-short-lines")]
    with pytest.raises(ContractError, match="provider 'count-words' comes after it"):
        Pipeline([*BUILTIN_STAGES, "drop-short-lines", "count-words"])
    with pytest.raises(ContractError, match=r"'word-counts'.*add one of \['count-words'\]"):
        default_pipeline().with_stage("drop-short-lines")
    assert stage_colours()["count-words"] == "#123456"
    assert SIGNALS["word-counts"] is WORD_COUNTS


def test_a_signal_cannot_be_declared_twice_differently() -> None:
    with pytest.raises(ValueError, match="already declared"):
        register_signal("word-counts", "something else", "Doc.extensions")


# -- rule flags instead of rule names ----------------------------------------------------

_FORM_PACK = """
[pack]
name = "house-forms"
language = "en"
[[rules]]
name = "house-signup-title"
stage = "boilerplate"
tag = "remove"
pattern = 'breakfast bulletin desk'
description = "A sign-up form's title."
match = ["Breakfast bulletin desk"]
{flag}
[[rules]]
name = "house-signup-thanks"
stage = "boilerplate"
tag = "remove"
pattern = 'you are on the list'
description = "A sign-up form's thank-you line."
match = ["You are on the list"]
{flag}
"""
_FORM_PAGE = (
    "Council Approves Budget\n\n"
    "The council voted on Tuesday to approve the new budget after a long debate, aides said.\n\n"
    "Breakfast bulletin desk\n\n"
    "Every weekday at six we send the stories that matter most, written by our own staff.\n\n"
    "You are on the list\n\n"
    "Opponents argued that the spending was too high for the city this year, and said so."
)


@pytest.mark.parametrize("flagged", [True, False])
def test_a_form_part_is_a_rule_flag_not_a_rule_name(
    monkeypatch: pytest.MonkeyPatch, flagged: bool
) -> None:
    """Rules of any name flagged `form_part` make the line between them part of the form."""
    toml = _FORM_PACK.format(flag="form_part = true" if flagged else "")
    pack = pack_from_toml(toml, "house-forms.toml")
    monkeypatch.setattr(rules_module, "plugin_packs", lambda: (pack,))
    monkeypatch.setattr(base, "_PACKS", {})
    article = Pipeline().clean(_FORM_PAGE)
    middle = "Every weekday at six we send the stories that matter most, written by our own staff."
    assert (middle in article.paragraphs) is not flagged
    if flagged:
        removal = next(r for r in article.removed if r.text == middle)
        assert (removal.rule, removal.trigger_rule) == ("widget-block", "house-signup-title")
