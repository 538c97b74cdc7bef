"""Run a stage's rules on a line: in order, first match wins, most rules never run.

Trying every pattern on every line is what made the rule stages slow (and one combined
alternation of all patterns was no faster: the `regex` engine still tries each branch,
and patterns that must scan the line, like a credit at its end, scan it). So each rule's
pattern is read once for what a matching line needs (`prefilter.LineNeeds`): its first
and last characters, and literals it must contain. For a line, a bit mask per condition
leaves the few rules whose first and last characters and length allow it; of those,
only the ones whose literals the line contains run their pattern. A pattern is compiled
the first time it runs. Every match runs with a timeout: a rule that would backtrack
for too long on a hostile line raises TimeoutError, which the stage records as a
warning; it never hangs a batch.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

import regex

from cleannews.rules import Rule
from cleannews.rules.prefilter import NO_NEEDS, LineNeeds, fold, line_needs

#: Seconds one line may take against one rule's pattern.
DEFAULT_TIMEOUT = 0.05


class RuleMatcher:
    """All rules of one stage, in priority order.

    `match` answers as if the rules were tried one by one in order: the first rule whose
    pattern matches the whole (stripped) line, within its `max_length`, wins.
    """

    def __init__(self, rules: tuple[Rule, ...], timeout: float = DEFAULT_TIMEOUT) -> None:
        self.rules = rules
        self.timeout = timeout
        self.max_length = max((r.max_length for r in rules), default=0)
        self._needs = tuple(_checked_needs(r) for r in rules)
        self._literals = tuple(n.literals for n in self._needs)
        self._prefixes = tuple(n.prefixes for n in self._needs)
        self._patterns: dict[int, regex.Pattern[str]] = {}
        self._lengths, self._by_length = _length_masks(rules, self._needs)
        self._by_first, self._any_first = _edge_masks(self._needs, last=False)
        self._by_last, self._any_last = _edge_masks(self._needs, last=True)

    def match(self, line: str) -> Rule | None:
        """The first rule matching the whole (stripped) line, or None.

        Raises TimeoutError when a pattern takes longer than the timeout on the line.
        """
        text = line.strip()
        if not text or len(text) > self.max_length:
            return None
        mask = (
            self._by_length[bisect_right(self._lengths, len(text))]
            & self._by_first.get(text[0], self._any_first)
            & self._by_last.get(text[-1], self._any_last)
        )
        folded: str | None = None
        while mask:
            low = mask & -mask
            mask ^= low
            index = low.bit_length() - 1
            groups = self._literals[index]
            if groups is not None:
                if folded is None:
                    folded = fold(text)
                prefixes = self._prefixes[index]
                if prefixes is not None and not folded.startswith(prefixes):
                    continue
                if not _contains_all(folded, groups):
                    continue
            if self._pattern(index).fullmatch(text, timeout=self.timeout) is not None:
                return self.rules[index]
        return None

    def _pattern(self, index: int) -> regex.Pattern[str]:
        pattern = self._patterns.get(index)
        if pattern is None:
            pattern = self._patterns[index] = self.rules[index].compiled()
        return pattern


def _checked_needs(rule: Rule) -> LineNeeds:
    """The conditions read off the rule's pattern, or none if they would turn away one of
    the rule's own examples (a safety net for syntax the analysis misreads)."""
    needs = line_needs(rule.pattern)
    if all(needs.admits(x.strip()) for x in rule.match if x.strip()):
        return needs
    return NO_NEEDS


def _length_masks(
    rules: tuple[Rule, ...], needs: tuple[LineNeeds, ...]
) -> tuple[list[int], list[int]]:
    """Bounds cutting line lengths into spans, and for each span the mask of rules that
    can take a line of that length (its `max_length`, and the widths its pattern allows).
    A line of length n falls in span `bisect_right(bounds, n)`."""
    spans = [
        (need.min_length, min(rule.max_length, need.max_length or rule.max_length))
        for rule, need in zip(rules, needs, strict=True)
    ]
    bounds = sorted({low for low, _ in spans} | {high + 1 for _, high in spans})
    masks = [_mask(low <= n <= high for low, high in spans) for n in [0, *bounds]]
    return bounds, masks


def _mask(flags: Iterable[bool]) -> int:
    return sum(1 << i for i, flag in enumerate(flags) if flag)


def _edge_masks(needs: tuple[LineNeeds, ...], last: bool) -> tuple[dict[str, int], int]:
    """For each character named by some rule's first (last) set, the mask of rules a line
    starting (ending) with it may match; and the mask for any other character."""
    sets = [n.last if last else n.first for n in needs]
    unconditioned = sum(1 << i for i, chars in enumerate(sets) if chars is None)
    by_char: dict[str, int] = {}
    for i, chars in enumerate(sets):
        for char in chars or ():
            by_char[char] = by_char.get(char, unconditioned) | (1 << i)
    return by_char, unconditioned


def _contains_all(text: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `text` contains a string of every group (plain loops: this runs per line
    and rule, and generator expressions cost more than the tests themselves)."""
    for group in groups:
        for literal in group:
            if literal in text:
                break
        else:
            return False
    return True
