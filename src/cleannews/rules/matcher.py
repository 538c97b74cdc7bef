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

from cleannews.memo import memoized
from cleannews.rules import Rule
from cleannews.rules.prefilter import (
    NO_NEEDS,
    Branch,
    LineNeeds,
    fold,
    line_needs,
    minimal_strings,
)

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
        self._checks = tuple(_literal_check(n) for n in self._needs)
        self._candidates: dict[int, tuple[tuple[int, _Check | None], ...]] = {}
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
        candidates = self._candidates.get(mask)
        if candidates is None:
            candidates = self._candidates[mask] = self._in_order(mask)
        folded: str | None = None
        for index, check in candidates:
            if check is not None:
                exact, prefixes, groups, branches = check
                if folded is None:
                    folded = fold(text) if text.isascii() else _fold_beyond_ascii(text)
                if prefixes is not None and not folded.startswith(prefixes):
                    continue
                if groups is not None and not _contains_all(folded, groups):
                    continue
                if branches is not None and not _meets_a_branch(folded, branches):
                    continue
                if exact is not None and not _contains_all(text, exact):
                    continue  # (last: the folded tests reject most lines, and sooner)
            if self._pattern(index).fullmatch(text, timeout=self.timeout) is not None:
                return self.rules[index]
        return None

    def _in_order(self, mask: int) -> tuple[tuple[int, _Check | None], ...]:
        """The rules of `mask` (bit i: rule i) in order, each with its literal tests.

        Kept per mask (`_candidates`): a line's mask is one of the few combinations of a
        length span and a first and a last character's masks, so the cache stays small
        (bounded by the rules, whatever the lines), and a mask's bits are read once.
        """
        found = []
        while mask:
            low = mask & -mask
            mask ^= low
            index = low.bit_length() - 1
            found.append((index, self._checks[index]))
        return tuple(found)

    def _pattern(self, index: int) -> regex.Pattern[str]:
        pattern = self._patterns.get(index)
        if pattern is None:
            pattern = self._patterns[index] = self.rules[index].compiled()
        return pattern


#: `fold` of a line beyond ASCII, once per page (`cleannews.memo`): the captions,
#: boilerplate and byline matchers each fold the lines they read, and casefolding text
#: beyond ASCII looks every character up (ten times the cost of ASCII text's, which is
#: folded in one pass and not worth a lookup).
_fold_beyond_ascii = memoized(fold)


def _checked_needs(rule: Rule) -> LineNeeds:
    """The conditions read off the rule's pattern, or none if they would turn away one of
    the rule's own examples (a safety net for syntax the analysis misreads)."""
    needs = line_needs(rule.pattern, rule.case_sensitive)
    if all(needs.admits(x.strip()) for x in rule.match if x.strip()):
        return needs
    return NO_NEEDS


#: What the matcher tests of a line for one rule (None where it does not apply): the
#: exact literal groups (on the line as it is, tested last), and on the folded line the
#: prefixes, the literal groups, and the alternatives (see `_Branches`).
_Groups = tuple[tuple[str, ...], ...]
#: A pattern's alternatives: every prefix that opens one of them, those that open with a
#: prefix as (prefixes, groups); every string of the first groups of the others, and
#: their literal groups.
_Branches = tuple[
    tuple[str, ...] | None,
    tuple[tuple[tuple[str, ...], _Groups], ...],
    tuple[str, ...],
    tuple[_Groups, ...],
]
_Check = tuple[_Groups | None, tuple[str, ...] | None, _Groups | None, _Branches | None]


def _literal_check(needs: LineNeeds) -> _Check | None:
    """The tests on the line for one rule, as plain tuples (cheaper to read than
    attributes); the alternatives replace the literal groups, which they imply."""
    if needs.branches is not None:
        return needs.exact, needs.prefixes, None, _split_branches(needs.branches)
    if needs.exact is None and needs.prefixes is None and needs.literals is None:
        return None
    return needs.exact, needs.prefixes, needs.literals, None


def _split_branches(branches: tuple[Branch, ...]) -> _Branches:
    """The alternatives that open with a prefix apart, behind one test of all their
    prefixes; the others behind one loop over the strings of their first groups: most
    lines meet neither, and then no alternative is looked at one by one."""
    opening = [(b.prefixes, b.groups) for b in branches if b.prefixes is not None]
    anywhere = tuple(b.groups for b in branches if b.prefixes is None)
    prefixes = tuple(sorted({p for ps, _ in opening for p in ps})) or None
    needed = tuple(sorted(minimal_strings({s for groups in anywhere for s in groups[0]})))
    return prefixes, tuple(opening), needed, anywhere


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


def _meets_a_branch(text: str, branches: _Branches) -> bool:
    """Whether `text` meets the conditions of one alternative of the pattern (loops
    written out: this runs per line and rule)."""
    prefixes, opening, needed, anywhere = branches
    if prefixes is not None and text.startswith(prefixes):
        for starts, groups in opening:
            if text.startswith(starts) and _contains_all(text, groups):
                return True
    for literal in needed:
        if literal in text:
            break
    else:
        return False
    for groups in anywhere:
        for group in groups:
            for literal in group:
                if literal in text:
                    break
            else:
                break
        else:
            return True
    return False
