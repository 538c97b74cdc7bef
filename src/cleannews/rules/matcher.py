"""Run many line rules at the cost of one: a combined, timed alternation.

Trying fifty patterns one by one costs about ten times more than one alternation of the
same fifty, so each stage compiles its rules into a single `regex` pattern with one named
group per rule and reads the winner from `lastgroup`. Every match runs with a timeout: a
rule that would backtrack for too long on a hostile line counts as no match and is
reported, it never hangs a batch.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from cleannews.rules import Rule

#: Seconds one line may take against one stage's combined pattern.
DEFAULT_TIMEOUT = 0.05
#: Line lengths above which the rules that cannot take such a line are left out of the
#: combined pattern (one pattern per floor: few, since each costs a compilation).
LENGTH_FLOORS = (0, 100, 200, 300)


class RuleMatcher:
    """All rules of one stage (in priority order) as one combined pattern.

    The first rule in the list whose pattern matches the whole line wins, as if the rules
    were tried one by one in order.
    """

    def __init__(self, rules: tuple[Rule, ...], timeout: float = DEFAULT_TIMEOUT) -> None:
        self.rules = rules
        self.timeout = timeout
        self.max_length = max((r.max_length for r in rules), default=0)
        self._single = {f"r{i}": r for i, r in enumerate(rules)}
        #: Lines longer than a floor are tried only against the rules that allow more than
        #: the floor (long prose lines skip the many short-line rules); built on first use.
        self._floors = [f for f in LENGTH_FLOORS if f < self.max_length]
        self._patterns: dict[int, regex.Pattern[str]] = {}

    def match(self, line: str) -> Rule | None:
        """The first rule matching the whole (stripped) line, or None.

        Raises TimeoutError when the line takes longer than the timeout; callers record
        that as a warning and keep the line.
        """
        text = line.strip()
        if not text or len(text) > self.max_length:
            return None
        floor = self._floors[bisect_left(self._floors, len(text)) - 1]
        pattern = self._patterns.get(floor)
        if pattern is None:
            pattern = self._patterns[floor] = _combine(self.rules, floor + 1)
        found = pattern.fullmatch(text, timeout=self.timeout)
        if found is None:
            return None
        rule = self._single[str(found.lastgroup)]
        if len(text) <= rule.max_length:
            return rule
        return self._match_one_by_one(text)

    def _match_one_by_one(self, text: str) -> Rule | None:
        """Slow path for the rare line longer than the winning rule allows."""
        for rule in self.rules:
            if len(text) <= rule.max_length and rule.matches(text, timeout=self.timeout):
                return rule
        return None


def _combine(rules: tuple[Rule, ...], min_length: int = 0) -> regex.Pattern[str]:
    """One alternation of the rules with `max_length >= min_length`, in order; each
    group is named after the rule's index in `rules`."""
    parts = []
    for i, rule in enumerate(rules):
        if rule.max_length < min_length:
            continue
        # A scoped flag keeps each rule's own case sensitivity inside the alternation.
        scope = "(?-i:" if rule.case_sensitive else "(?i:"
        parts.append(f"(?P<r{i}>{scope}{rule.pattern}))")
    return regex.compile("|".join(parts), regex.V0)
