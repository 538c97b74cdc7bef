"""The conditions read off rule patterns never turn away a line the pattern matches."""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.rules import RULE_STAGES, Rule, all_packs, rules_for
from cleannews.rules.matcher import RuleMatcher
from cleannews.rules.prefilter import (
    NO_NEEDS,
    Branch,
    _cases,
    _foldable,
    fold,
    line_needs,
)

PACKS = all_packs(include_plugins=False)
RULES = [rule for pack in PACKS for rule in pack.rules]
LANGUAGES = sorted({p.language for p in PACKS if p.language})


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_admits_its_own_examples(rule):
    needs = line_needs(rule.pattern, rule.case_sensitive)
    for example in rule.match:
        assert needs.admits(example.strip()), f"{rule.name}: {needs} turns away {example!r}"


# -- what the analysis reads off a pattern -----------------------------------------------------


def test_a_credit_in_parentheses_needs_its_brackets_and_one_agency():
    needs = line_needs(r".{3,400}?\(\s*(?:AFP|Reuters)\s*\)\s*\.?")
    assert needs.first is None  # any character may start the caption
    assert needs.last == frozenset(").")
    assert needs.literals is not None
    assert set(needs.literals) == {("(",), (")",), ("afp", "reuters")}
    assert (needs.min_length, needs.max_length) == (8, None)  # "abc(AFP)"


def test_first_and_last_characters_include_every_case_variant():
    needs = line_needs(r"(?:share|tweet)\s*on\s+x")
    assert needs.first == frozenset("sStT") | {"\u017f"}  # ſ: long s folds to s
    assert needs.last == frozenset("xX")
    assert needs.literals == (("on",), ("x",), ("share", "tweet"))  # fewest strings first


def test_optional_parts_widen_the_edges_and_add_no_literals():
    needs = line_needs(r"(?:read\s+)?more")
    assert needs.first == frozenset("rRmM")
    assert needs.literals == (("more",),)
    assert (needs.min_length, needs.max_length) == (4, None)  # "more"; \s+ is unbounded
    assert needs.prefixes is None  # the opening word is optional


def test_a_small_class_of_plain_characters_is_a_literal_group():
    needs = line_needs(r"\w+(?:\s+[|·•]\s+\w+){3,}")
    assert needs.literals == (("|", "·", "•"),)
    assert needs.first is None and needs.last is None


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        (r"(?:photograph){e<=1}", "photgraph"),  # fuzzy matching: `re` reads "{e<=1}" as text
        (r"[[:alpha:]]+ ago", "days ago"),  # POSIX class: `re` reads a set and a "]"
        (r"(?|(a)|(b))c", "bc"),  # branch reset: `re` cannot parse it
        (r"\mphoto\M", "photo"),  # word start and end: `re` cannot parse them
    ],
)
def test_patterns_only_regex_knows_get_no_conditions(pattern, line):
    assert line_needs(pattern) == NO_NEEDS
    assert regex.fullmatch(pattern, line, regex.I)  # and the rule still runs on every line


def test_a_rule_whose_conditions_turn_away_its_own_example_runs_unconditioned():
    """A safety net for syntax the analysis misreads: conditions are checked against the
    rule's own examples when a matcher is built, and dropped if they turn one away."""
    rule = Rule("odd", "boilerplate", "remove", r"x{e<=1}y", "fuzzy", ("xy", "ay"))
    matcher = RuleMatcher((rule,))
    assert matcher.match("ay") is rule


def test_unicode_properties_read_as_any_letter():
    needs = line_needs(r"\p{Lu}[\p{L}\s]{2,40}:\s*\d+")
    assert needs.first is None  # `\p{Lu}` reads as `\w`: any first character
    assert needs.last is not None and set("0123456789") <= needs.last  # `\d` is a set
    assert needs.literals == ((":",),)


def test_a_lookahead_that_must_match_brings_its_literals():
    needs = line_needs(r"(?=.*\bphone\b)(?!.*\bsale\b).{20,300}")
    assert needs.literals == (("phone",),)  # not "sale": a negative lookahead


def test_patterns_that_can_be_empty_get_no_conditions():
    assert line_needs(r"(?:foo)?") == NO_NEEDS


def test_a_line_shorter_or_longer_than_the_pattern_allows_is_turned_away():
    needs = line_needs(r"photo \d{1,3}")
    assert needs.min_length == 7 and needs.max_length == 9
    assert needs.admits("photo 12")
    assert not needs.admits("photo") and not needs.admits("photo 12345")


# -- case folding --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "line"),
    [
        ("comment", "COMMENTS"),
        ("ist", "İST"),
        ("kılıç", "KILIÇ"),
        ("ss", "ſs"),
        ("k", "\u212a"),
        ("σ", "Σ"),
        ("σ", "ς"),
    ],
)
def test_folding_meets_every_case_variant_regex_accepts(literal, line):
    assert regex.search(regex.escape(literal), line, regex.IGNORECASE)
    assert fold(literal) in fold(line)


def test_every_foldable_character_folds_like_each_of_its_case_variants():
    """Over the whole Basic Multilingual Plane: what `regex` takes for a character
    ignoring case folds to the same string, whenever the analysis uses it in a literal."""
    bad = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or not _foldable(code):
            continue
        char = chr(code)
        variants = {*_cases(code), char.lower(), char.upper(), char.swapcase()}
        for other in variants:
            same_case = len(other) == 1 and regex.fullmatch(regex.escape(char), other, regex.I)
            if same_case and fold(other) != fold(char):
                bad.append((char, other))
    assert not bad, bad[:10]


def test_a_digit_at_the_edge_reads_as_every_digit_regex_knows():
    """`\\d` is every decimal digit, in any script: each one opens (or ends) the line."""
    digits = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isdecimal()}
    needs = line_needs(r"\d+\s+comments?")
    assert needs.first is not None and digits <= needs.first
    assert needs.last == frozenset("sStT") | {"\u017f"}  # ſ: long s folds to s
    for count in ("3", "٣", "３", "१२"):  # ASCII, Arabic-Indic, fullwidth, Devanagari
        assert needs.admits(f"{count} comments")
        assert regex.fullmatch(r"\d+\s+comments?", f"{count} comments", regex.I)
    assert not needs.admits("Three comments")


def test_white_space_never_stands_at_the_edge_of_a_stripped_line():
    """The analysis gives `\\s` no first or last character, since lines are stripped:
    that holds only if `str.strip` removes every character `regex` calls white space."""
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    spaces = regex.findall(r"\s", every)  # (one scan: a match per character took 10 s)
    assert len(spaces) > 20 and all(char.isspace() for char in spaces)


# -- case-sensitive parts -------------------------------------------------------------------


def test_a_case_sensitive_part_needs_its_strings_as_written():
    """`(?-i:AP)` takes "AP" only: the line must hold it as written, and a folded "ap"
    (in "happen", "paper") no longer lets the line through."""
    needs = line_needs(r".{5,300}?\s+[|/]\s+(?-i:AFP|AP|Getty\s+Images|EPA(?:-EFE)?)")
    assert needs.exact == (("AFP", "AP", "EPA", "Images"),)  # "Images" over "Getty"
    assert needs.literals == (("/", "|"), ("afp", "ap", "epa", "images"))
    assert needs.admits("The Capitol at dusk. | Getty Images")
    assert needs.admits("Firefighters at the scene / AP")
    assert not needs.admits("What will happen to the paper / ap")
    assert line_needs(r".{5,300}?\s+[|/]\s+(?:AFP|AP)").exact is None


def test_a_case_sensitive_rule_has_edges_without_case_variants():
    needs = line_needs(r"[A-Z]{2,4}-[A-Z]{2,}-{1,2}[\w\-]{2,60}", case_sensitive=True)
    assert needs.first == frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert needs.exact == (("-",),)
    assert not needs.admits("ap-us--congress") and needs.admits("AP-US--Congress")
    insensitive = line_needs(r"[A-Z]{2,4}-[A-Z]{2,}-{1,2}[\w\-]{2,60}")
    assert insensitive.first is not None and "a" in insensitive.first


@pytest.mark.parametrize(
    ("pattern", "case_sensitive", "line"),
    [
        (r"(?i:by)\s+\w+", True, "BY Jane"),  # a scoped (?i:...) in a case-sensitive rule
        (r"(?i)by\s+\w+", True, "bY Jane"),  # a global (?i)
        (r"(?-i:(?i:ap)|AFP) \w+", False, "aP photo"),  # (?i:...) inside (?-i:...)
        (r"(?-i:[Pp]hoto): \w+", False, "photo: x"),  # a class as written
    ],
)
def test_case_insensitive_parts_inside_case_sensitive_ones_keep_their_variants(
    pattern, case_sensitive, line
):
    flags = regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
    assert regex.fullmatch(pattern, line, flags)
    assert line_needs(pattern, case_sensitive).admits(line)


# -- the matcher with conditions answers like the rules one by one --------------------------


def one_by_one(rules: tuple[Rule, ...], line: str) -> Rule | None:
    text = line.strip()
    for rule in rules:
        if text and len(text) <= rule.max_length and rule.matches(text):
            return rule
    return None


STAGE_RULES = {stage: rules_for(PACKS, stage, LANGUAGES) for stage in RULE_STAGES}
MATCHERS = {stage: RuleMatcher(rules) for stage, rules in STAGE_RULES.items()}
EXAMPLES = sorted({x for rule in RULES for x in (*rule.match, *rule.no_match)})


def literals_of(needs) -> set[str]:
    """Every string the conditions test, prefixes included."""
    found = set(needs.prefixes or ())
    for group in (*(needs.literals or ()), *(needs.exact or ())):
        found |= set(group)
    for branch in needs.branches or ():
        found |= set(branch.prefixes or ())
        for group in branch.groups:
            found |= set(group)
    return found


#: Every literal of every rule, to be put into lines (at their start now and then).
LITERALS = sorted(
    set().union(*(literals_of(line_needs(r.pattern, r.case_sensitive)) for r in RULES))
)

#: Characters whose case variants are easy to get wrong.
TRICKY = "İıIiſsSKkΣσςẞß\u0307\u00a0"


def mutated(text: str, swaps: list[int], inserts: list[tuple[int, str]]) -> str:
    chars = list(text)
    for i in swaps:
        if chars:
            chars[i % len(chars)] = chars[i % len(chars)].swapcase()
    for i, piece in inserts:
        at = i % (len(chars) + 1)
        chars[at:at] = piece
    return "".join(chars)


@settings(deadline=None)
@given(
    example=st.sampled_from(EXAMPLES),
    swaps=st.lists(st.integers(0, 500), max_size=6),
    inserts=st.lists(
        st.tuples(st.integers(0, 500), st.text(alphabet=TRICKY + "()[]|:/-. a1٣３", max_size=3)),
        max_size=3,
    ),
    stage=st.sampled_from(RULE_STAGES),
)
def test_matcher_answers_like_the_rules_one_by_one_on_mutated_examples(
    example, swaps, inserts, stage
):
    line = mutated(example, swaps, inserts)
    rules = STAGE_RULES[stage]
    assert MATCHERS[stage].match(line) == one_by_one(rules, line)


@settings(deadline=None)
@given(
    example=st.sampled_from(EXAMPLES),
    swaps=st.lists(st.integers(0, 500), max_size=6),
    inserts=st.lists(st.tuples(st.integers(0, 500), st.sampled_from(LITERALS)), max_size=4),
    stage=st.sampled_from(RULE_STAGES),
)
def test_matcher_answers_like_the_rules_one_by_one_with_their_literals_put_in(
    example, swaps, inserts, stage
):
    """Lines that meet some rules' literal conditions (and miss others by a little)."""
    line = mutated(example, swaps, inserts)
    assert MATCHERS[stage].match(line) == one_by_one(STAGE_RULES[stage], line)


def test_a_rule_that_the_conditions_rule_out_never_runs(monkeypatch):
    rules = STAGE_RULES["boilerplate"]
    matcher = RuleMatcher(rules)
    ran: list[int] = []
    compile_pattern = matcher._pattern

    def spy(index: int) -> regex.Pattern[str]:
        ran.append(index)
        return compile_pattern(index)

    monkeypatch.setattr(matcher, "_pattern", spy)
    prose = (
        "The council approved the budget on Tuesday after a long debate about schools, "
        "roads and the price of water in the eastern districts."
    )
    assert matcher.match(prose) is None
    assert len(rules) > 80 and len(ran) <= 3, [rules[i].name for i in ran]


def test_a_pattern_that_opens_with_words_needs_the_line_to_open_with_one():
    needs = line_needs(r"(?:read|see)\s+more\b.{0,80}")
    assert needs.prefixes == ("read", "see")
    assert needs.admits("Read more: the council's budget")
    assert not needs.admits("Many readers see more online")
    assert line_needs(r".{0,20}read more").prefixes is None


# -- alternatives of a top-level alternation --------------------------------------------------


def test_each_alternative_keeps_its_own_prefix_and_literals():
    needs = line_needs(
        r"(?:click|tap)\s+here\b.{0,150}|.{0,100}\b(?:click|tap)\s+here\s+to\b.{0,100}"
    )
    assert needs.branches == (
        Branch(("click", "tap"), (("here",),)),  # "click" or "tap" is implied by the prefix
        Branch(None, (("here",), ("to",), ("click", "tap"))),
    )
    assert not needs.admits("Where there is smoke, there is fire, they say.")
    assert needs.admits("Tap here for the full story")
    assert needs.admits("To vote, CLICK HERE TO register")


def test_an_alternative_without_prefix_or_literals_leaves_no_alternatives():
    assert line_needs(r"photo\s+\d+|.{1,10}").branches is None
    assert line_needs(r"photo").branches is None  # not an alternation


def test_an_alternation_in_a_group_reads_as_the_top_level_one():
    needs = line_needs(r"(?:read\s+more|see\s+also)")
    assert needs.branches == (Branch(("read",), (("more",),)), Branch(("see",), (("also",),)))


def test_a_group_drops_strings_that_contain_another_of_its_strings():
    needs = line_needs(r".{0,50}\b(?:cookies?|photo(?:graph)?s?)\b.{0,50}")
    assert needs.literals == (("cookie", "photo"),)


@pytest.mark.parametrize(
    "line",
    ["Click here", "tap HERE to vote", "Where is it", "here to click", "sign up now", "x"],
)
def test_a_matcher_with_alternatives_answers_like_the_rules_one_by_one(line):
    rules = (
        Rule("a", "boilerplate", "remove", r"(?:click|tap)\s+here\b.{0,20}", "", ("Click here",)),
        Rule("b", "boilerplate", "remove", r"sign\s*up.{0,9}|.{0,9}here\s+to\s+\w+", "", ()),
        Rule("c", "boilerplate", "remove", r"(?:where|x)(?:\s+is\s+it)?", "", ("x",)),
    )
    assert RuleMatcher(rules).match(line) == one_by_one(rules, line)


def test_groups_with_fewer_strings_are_tested_first():
    """A line lacking a group costs a test per string: ")" first turns prose away at once."""
    needs = line_needs(r".{3,200}\((?:photo|image|file|handout|supplied)\)")
    assert needs.literals == (("(",), (")",), ("file", "handout", "image", "photo", "supplied"))
