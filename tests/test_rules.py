"""Every rule's own examples, run automatically: a contributor adds a rule and is done."""

from __future__ import annotations

import functools

import pytest

from cleannews.rules import RuleError, all_packs, pack_from_toml
from cleannews.rules.matcher import RuleMatcher

RULES = [rule for pack in all_packs(include_plugins=False) for rule in pack.rules]


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_matches_its_examples(rule):
    for example in rule.match:
        assert rule.matches(example), f"{rule.name} should match {example!r}"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_rejects_its_counter_examples(rule):
    for example in rule.no_match:
        assert not rule.matches(example), f"{rule.name} should not match {example!r}"


@functools.cache
def _stage_matcher(stage: str) -> RuleMatcher:
    """One matcher per stage, built once: building it for each of the stage's rules took
    most of this file's time."""
    return RuleMatcher(tuple(r for r in RULES if r.stage == stage))


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_stage_matcher_agrees_with_the_rule_alone(rule):
    """The stage's matcher gives each example to this rule or an earlier one."""
    stage_rules = tuple(r for r in RULES if r.stage == rule.stage)
    matcher = _stage_matcher(rule.stage)
    for example in rule.match:
        winner = matcher.match(example)
        assert winner is not None
        assert stage_rules.index(winner) <= stage_rules.index(rule)


def test_rule_names_are_unique_and_documented():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.description.strip() for r in RULES)


def test_every_rule_has_a_counter_example_or_is_anchored_by_shape():
    missing = [r.name for r in RULES if not r.no_match]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[rules]]\nname="Bad Name"\nstage="captions"\ntag="caption"\npattern="x"\ndescription="d"\nmatch=["x"]',
            "lower-case",
        ),
        (
            '[[rules]]\nname="a"\nstage="nowhere"\ntag="caption"\npattern="x"\ndescription="d"\nmatch=["x"]',
            "stage",
        ),
        (
            '[[rules]]\nname="a"\nstage="captions"\ntag="caption"\npattern="x"\ndescription="d"\nmatch=[]',
            "example",
        ),
        (
            '[[rules]]\nname="a"\nstage="captions"\ntag="caption"\npattern="(x"\ndescription="d"\nmatch=["x"]',
            "bad pattern",
        ),
        (
            '[[rules]]\nname="a"\nstage="captions"\ntag="caption"\ndescription="d"\nmatch=["x"]',
            "lacks",
        ),
    ],
)
def test_invalid_rules_are_rejected_with_a_clear_message(text, message):
    with pytest.raises(RuleError, match=message):
        pack_from_toml(text, "test.toml")


_PARAGRAPH = (
    "The council approved the new bus route on Tuesday after a long debate about the cost "
    "of running buses through the night in the northern districts of the city."
)


def test_a_line_inside_a_sign_up_form_goes_with_the_form():
    import cleannews

    page = "\n\n".join(
        [
            _PARAGRAPH,
            _PARAGRAPH.replace("Tuesday", "Monday"),
            "Morning Briefing Newsletter",
            "Get the day's big stories and the fun stuff you love, like picks and rankings.",
            "Thanks for signing up!",
        ]
    )
    article = cleannews.clean(page)
    assert [(r.line, r.rule) for r in article.removed] == [
        (4, "newsletter-prompt"),
        (6, "widget-block"),
        (8, "newsletter-prompt"),
    ]
    assert len(article.paragraphs) == 2


def test_a_paragraph_between_two_ads_stays():
    import cleannews

    middle = _PARAGRAPH.replace("Tuesday", "Monday")
    last = _PARAGRAPH.replace("Tuesday", "Friday")
    page = "\n\n".join([_PARAGRAPH, "Advertisement", middle, "Advertisement", last])
    article = cleannews.clean(page)
    assert article.paragraphs == (_PARAGRAPH, middle, last)
