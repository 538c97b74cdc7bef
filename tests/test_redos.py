"""ReDoS: no rule pattern backtracks for long on a hostile line.

Every rule of every installed built-in pack (iterated at run time, so a rule added to any
pack later is covered too) is run against adversarial lines built from what its own
pattern accepts: each character and each literal word of the pattern repeated, plus
generic runs (spaces, letters, digits, punctuation, '(' and '[' runs, 'a ' alternations).
Each line also comes with a last character that forces the match to fail at the very end,
which is what makes a backtracking pattern try every split of the line.

Three checks:

- every pattern on its own grows linearly with the line, far beyond `max_length` (so a
  pattern that is only safe because of its length bound is still caught): `fullmatch` on
  a 30 KB line (100 KB in the slow run) may take at most GROWTH times the CPU time of the
  same line cut to a tenth (a linear pattern takes about 10 times, a quadratic one about
  100). Growth is measured in this thread's CPU time (`time.thread_time`, the least of
  TRIES runs), not with a wall-clock timeout: other processes on the machine and the
  regex engine's late timeouts do not change the verdict. A timeout only guards against
  a pattern that would hang (HANG seconds), and counts as super-linear;
- every rule through `Rule.matches` on lines of exactly its `max_length` with the
  production timeout (`DEFAULT_TIMEOUT`, 0.05 s);
- every stage's matcher (all rules of the stage, all languages: the largest rule set the
  pipeline can build) on lines of its `max_length`, production timeout.

In the last two a line is slow when it times out in each of TRIES runs (`times_out`): one
run on a busy machine can overrun the timeout, a slow pattern overruns it every time.

The guidance that keeps patterns linear is in docs/writing-rules.md ("Keep patterns
linear").
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import regex

from cleannews.rules import RULE_STAGES, all_packs
from cleannews.rules.matcher import DEFAULT_TIMEOUT, RuleMatcher

RULES = [rule for pack in all_packs(include_plugins=False) for rule in pack.rules]
#: Line lengths of the growth check: (short, long). The slow run uses ~100 KB lines.
SIZES = (3_000, 30_000)
SLOW_SIZES = (10_000, 100_000)
#: A linear pattern takes about (long / short) = 10 times longer on the long line; a
#: quadratic one about 100 times (the harness's own quadratic example measures 60-65).
#: The long line may take GROWTH times the short one's CPU time.
GROWTH = 20
#: ... and a long line that takes less CPU than this is linear whatever the ratio, so that
#: timer noise on lines that take microseconds does not count.
FLOOR = 0.02
#: CPU times are the least of this many runs (noise only ever adds time).
TRIES = 3
#: A line that takes longer than this (CPU seconds) is super-linear: no need to wait more.
HANG = 5.0

GENERIC_UNITS = (
    " ", "a", "A", "1", "a ", "A ", "1 ", "ab ", "Ab ", "a, ", "a. ", "A. ", "a-", "A-",
    ". ", ", ", ": ", "- ", "| ", "/ ", "(", "[", "((", "[[", "( ", "(a) ", "[a] ", "\t ",
    "'", '"', "“", "…", "• ", "—", "@", "#", "http://a ", "www.a ", "a\u00a0", "\u3000",
    "أ ", "ب", "я ", "字", "😀",
)  # fmt: skip
#: Appended to force a failure at the very end of the line.
TERMINATORS = ("", "\x07")
_WORD = regex.compile(r"\p{L}{2,}")


def adversarial_units(pattern: str) -> list[str]:
    """Runs of what the pattern accepts: its literal characters and words, and generic ones."""
    units = dict.fromkeys(GENERIC_UNITS)
    for ch in pattern:
        if ch.isprintable() and not ch.isspace():
            units[ch] = None
            units[ch + " "] = None
    for word in _WORD.findall(pattern):
        units[word] = None
        units[word + " "] = None
        units[word.capitalize() + " "] = None
    return list(units)


def line_of(unit: str, length: int, end: str) -> str:
    """A line of exactly `length` characters: `unit` repeated, then `end`."""
    body = (unit * (length // len(unit) + 1))[: length - len(end)]
    return body + end


def lines_of(units: list[str], length: int) -> list[str]:
    """For each unit, a line of `length` characters made of it, with each terminator."""
    return [line_of(unit, length, end) for unit in units for end in TERMINATORS]


def cpu_time(pattern: regex.Pattern[str], text: str, enough: float = 0.0) -> float | None:
    """The least CPU time (this thread's) of TRIES `fullmatch` runs, or None for a hang.
    Noise only ever adds time, so a run at or under `enough` settles it at once."""
    best: float | None = None
    for _ in range(TRIES):
        start = time.thread_time()
        try:
            pattern.fullmatch(text, timeout=HANG)
        except TimeoutError:
            return None
        took = time.thread_time() - start
        best = took if best is None else min(best, took)
        if best <= enough:
            break
    return best


def grows_super_linearly(short: float | None, long: float | None) -> bool:
    """The verdict from two CPU times (None: the line hung)."""
    if long is None or short is None:
        return True
    return long > FLOOR and long > GROWTH * short


def super_linear(
    pattern: regex.Pattern[str], units: list[str], sizes: tuple[int, int]
) -> list[str]:
    """The lines on which `pattern` grows faster than linearly from the short to the long
    size: the long line takes more than GROWTH times the CPU time of the short one."""
    short, long = sizes
    found = []
    for unit in units:
        for end in TERMINATORS:
            big = cpu_time(pattern, line_of(unit, long, end), enough=FLOOR)
            if big is not None and big <= FLOOR:
                continue  # linear whatever the short line took
            small = cpu_time(pattern, line_of(unit, short, end))
            if grows_super_linearly(small, big):
                found.append(f"{unit!r} * {long} + {end!r} ({small} s -> {big} s CPU)")
    return found


def test_there_are_rules_to_check():
    assert len(RULES) > 100
    assert {r.stage for r in RULES} == set(RULE_STAGES)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_pattern_is_linear_on_long_lines(rule):
    slow = super_linear(rule.compiled(), adversarial_units(rule.pattern), SIZES)
    assert not slow, f"{rule.name} ({rule.pack}) is super-linear on {slow[:5]}"


@pytest.mark.slow
@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_pattern_is_linear_on_100kb_lines(rule):
    slow = super_linear(rule.compiled(), adversarial_units(rule.pattern), SLOW_SIZES)
    assert not slow, f"{rule.name} ({rule.pack}) is super-linear on {slow[:5]}"


def times_out(match: Callable[[str], object], line: str) -> bool:
    """Whether `match` (which carries the production timeout) times out on `line` in each
    of TRIES runs. A busy machine can stretch one run past the timeout (the regex clock
    counts this process's time, which a core shared with other work slows too); a pattern
    that is slow on the line is slow every time."""
    for _ in range(TRIES):
        try:
            match(line)
        except TimeoutError:
            continue
        return False
    return True


def test_times_out_needs_a_timeout_in_every_run():
    runs = iter([TimeoutError, TimeoutError, None])

    def flaky(line: str) -> None:
        error = next(runs)
        if error is not None:
            raise error

    assert not times_out(flaky, "a line")

    def hanging(line: str) -> None:
        raise TimeoutError

    assert times_out(hanging, "a line")


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_is_fast_on_lines_of_its_max_length(rule):
    def match(line: str) -> object:
        return rule.matches(line, timeout=DEFAULT_TIMEOUT)

    lines = lines_of(adversarial_units(rule.pattern), rule.max_length)
    slow = [f"{line[:12]!r}..." for line in lines if times_out(match, line)]
    assert not slow, f"{rule.name} ({rule.pack}) timed out on {slow[:5]}"


@pytest.mark.parametrize("stage", RULE_STAGES)
def test_stage_matcher_is_fast_on_lines_of_its_max_length(stage):
    rules = tuple(r for r in RULES if r.stage == stage)
    matcher = RuleMatcher(rules, timeout=DEFAULT_TIMEOUT)
    units = dict.fromkeys(u for r in rules for u in adversarial_units(r.pattern))
    lines = lines_of(list(units), matcher.max_length)
    slow = [f"{line[:12]!r}..." for line in lines if times_out(matcher.match, line)]
    assert not slow, f"the {stage} matcher timed out on {slow[:5]}"


def test_the_check_catches_a_super_linear_pattern():
    """The harness itself: an ambiguous repeat is caught, a bounded prefix is not."""
    quadratic = regex.compile(r"(?:(?:an?|one)\s*(?:d|days?)\s*(?:and\s+)?)+ago")
    assert super_linear(quadratic, ["and "], SIZES)
    linear = regex.compile(r".{5,300}?\s*\|\s*AFP")
    assert not super_linear(linear, [" ", "a "], SIZES)


@pytest.mark.parametrize(
    ("short", "long", "verdict"),
    [
        (0.0001, 0.001, False),  # linear, and too fast to matter
        (0.0005, 0.019, False),  # 38 times, but under FLOOR: timer noise
        (0.002, 0.021, False),  # linear
        (0.002, 0.039, False),  # 19.5 times: still under GROWTH
        (0.002, 0.041, True),  # 20.5 times
        (0.0025, 0.157, True),  # the quadratic example as measured
        (0.01, None, True),  # the long line hung
        (None, None, True),
    ],
)
def test_the_verdict_depends_on_cpu_times_only(short, long, verdict):
    """The decision is a pure function of measured CPU times (no timeout decides it), so
    a late timeout or a busy machine cannot flip it."""
    assert grows_super_linearly(short, long) is verdict
