"""Contributor control over rules: switch built-in rules or packs off by name (validated),
replace a built-in rule from a plugin pack only on purpose, and no rule that can never win."""

from __future__ import annotations

import functools

import pytest

import cleannews
import cleannews.rules as rules_module
from cleannews import CleanConfig, Pipeline
from cleannews.rules import RuleError, all_packs, pack_from_toml, rules_for
from cleannews.rules.matcher import RuleMatcher

PAGE = (
    "Council Approves New Budget\n\nBy Jane Doe\n\n"
    "The council voted on Tuesday to approve the new budget after a long debate, aides said.\n\n"
    "Advertisement\n\n"
    "Opponents argued that the spending was too high for the city this year, and said so."
)


def _rules_removed(config: CleanConfig) -> list[str]:
    return [r.rule for r in Pipeline(config=config).clean(PAGE).removed]


def test_a_disabled_rule_no_longer_fires() -> None:
    assert _rules_removed(CleanConfig()) == ["byline-by", "advertisement-label"]
    config = CleanConfig(disabled_rules=("advertisement-label",))
    assert _rules_removed(config) == ["byline-by"]
    assert "Advertisement" in Pipeline(config=config).clean(PAGE).paragraphs


def test_a_disabled_pack_no_longer_fires() -> None:
    article = Pipeline(config=CleanConfig(disabled_packs=("en",))).clean(PAGE)
    # byline-by and the ad label are English rules; the name under the title is still a
    # byline by its shape (the metadata stage's structural rule)
    assert [r.rule for r in article.removed] == ["byline"]
    assert "Advertisement" in article.paragraphs


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"disabled_rules": ("advertisment-label",)}, "no pack rule named ['advertisment-label']"),
        ({"disabled_packs": ("english",)}, "no rule pack named ['english']"),
        ({"disabled_rules": ("after-article-end",)}, "Pipeline.without"),
        ({"disabled_rules": "advertisement-label"}, "must be a tuple of names"),
    ],
)
def test_unknown_or_wrong_names_are_an_error(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        CleanConfig(**changes)  # type: ignore[arg-type]


def test_disabled_names_round_trip_through_a_plain_dict() -> None:
    config = CleanConfig(disabled_rules=("advertisement-label",), disabled_packs=("tr",))
    data = config.to_dict()
    assert (data["disabled_rules"], data["disabled_packs"]) == (["advertisement-label"], ["tr"])
    assert CleanConfig.from_dict(data) == config


_PLUGIN = """
[pack]
name = "house-style"
language = "en"
[[rules]]
name = "{name}"
stage = "boilerplate"
tag = "remove"
pattern = '(?:advertisement|sponsored)'
description = "House style: ads and sponsored labels."
match = ["Advertisement", "Sponsored"]
{replaces}
"""


def _with_plugin(monkeypatch: pytest.MonkeyPatch, name: str, replaces: str = "") -> None:
    pack = pack_from_toml(_PLUGIN.format(name=name, replaces=replaces), "house-style.toml")
    monkeypatch.setattr(rules_module, "plugin_packs", lambda: (pack,))


def test_a_plugin_rule_with_a_built_in_name_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_plugin(monkeypatch, "advertisement-label")
    with pytest.raises(RuleError, match="replaces = \\[name\\]"):
        all_packs()


def test_a_plugin_rule_replaces_a_built_in_rule_when_it_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_plugin(monkeypatch, "house-ad-label", 'replaces = ["advertisement-label"]')
    packs = all_packs()
    names = [r.name for r in rules_for(packs, "boilerplate", ["en"])]
    assert "advertisement-label" not in names
    assert names[-1] == "house-ad-label"
    _with_plugin(monkeypatch, "advertisement-label", 'replaces = ["advertisement-label"]')
    same_name = [r for r in rules_for(all_packs(), "boilerplate", ["en"])]
    assert [r.pack for r in same_name if r.name == "advertisement-label"] == ["house-style"]


def test_replacing_a_rule_that_does_not_exist_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_plugin(monkeypatch, "house-ad-label", 'replaces = ["advert-label"]')
    with pytest.raises(RuleError, match="replaces 'advert-label', which no earlier pack has"):
        all_packs()


BUILT_IN = all_packs(include_plugins=False)
RULES = [rule for pack in BUILT_IN for rule in pack.rules]


def _contexts(rule: rules_module.Rule) -> list[list[str]]:
    """The language sets a page uses this rule in: each of its languages plus English
    (the default), or English alone for a language-neutral rule."""
    return [sorted({lang, "en"}) for lang in rule.languages] or [["en"]]


@functools.cache
def _matcher(
    packs: tuple[rules_module.RulePack, ...], stage: str, languages: tuple[str, ...]
) -> RuleMatcher:
    """One matcher per stage and language set, shared by the rules' tests."""
    return RuleMatcher(rules_for(packs, stage, languages))


def shadowing(rule: rules_module.Rule, packs: tuple[rules_module.RulePack, ...]) -> list[str]:
    """For each language set in which other rules take all of `rule`'s own examples, a
    line naming them (empty: the rule wins at least one example everywhere it is used)."""
    found = []
    for languages in _contexts(rule):
        matcher = _matcher(packs, rule.stage, tuple(languages))
        winners = [matcher.match(example) for example in rule.match]
        if not any(w is not None and w.name == rule.name for w in winners):
            taken = sorted({w.name for w in winners if w is not None})
            found.append(f"{rule.name} in {languages}: its examples go to {taken}")
    return found


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_wins_one_of_its_own_examples(rule: rules_module.Rule) -> None:
    """A rule whose every example an earlier rule takes can never fire: its tests pass,
    yet removing it changes nothing. In each language a page uses it in, it must win at
    least one of its own `match` examples."""
    assert shadowing(rule, BUILT_IN) == []


def test_the_shadow_check_catches_a_shadowed_rule() -> None:
    pack = pack_from_toml(
        _PLUGIN.format(name="late-ad-label", replaces="").replace("house-style", "late")
    )
    assert shadowing(pack.rules[0], (*all_packs(False), pack)) == [
        "late-ad-label in ['en']: its examples go to ['advertisement-label']"
    ]


def test_clean_uses_the_default_config_unchanged() -> None:
    assert cleannews.clean(PAGE) == Pipeline().clean(PAGE)
