"""Run a stage's rules on a line: in order, first match wins, most rules never run.

Trying every pattern on every line is what made the rule stages slow (and one combined
alternation of all patterns was no faster: the `regex` engine still tries each branch,
and patterns that must scan the line, like a credit at its end, scan it). So each rule's
pattern is read once for what a matching line needs (`prefilter.LineNeeds`): its first
and last characters, and literals it must contain. For a line, a bit mask per condition
leaves the few rules whose first and last characters and length allow it; of those,
only the ones whose literals the line contains run their pattern. The literal tests of
each such set of rules are written out as one small Python function, built the first
time a line needs it (`_program_source`): plain `in` tests, with no call or loop per
rule, cost a fraction of reading the same tests from data. A pattern is compiled
the first time it runs. Every match runs with a timeout: a rule that would backtrack
for too long on a hostile line raises TimeoutError, which the stage records as a
warning; it never hangs a batch.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

import regex

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
        self._programs: dict[int, _Program] = {}
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
        program = self._programs.get(mask)
        if program is None:
            program = self._programs[mask] = _compile_program(self._in_order(mask))
        index = program(text, self._fullmatches)
        return None if index < 0 else self.rules[index]

    def _fullmatches(self, index: int, text: str) -> bool:
        return self._pattern(index).fullmatch(text, timeout=self.timeout) is not None

    def _in_order(self, mask: int) -> tuple[tuple[int, _Check | None], ...]:
        """The rules of `mask` (bit i: rule i) in order, each with its literal tests.

        Read once per mask, into its program (`_programs`): a line's mask is one of the
        few combinations of a length span and a first and a last character's masks, so
        the cache stays small (bounded by the rules, whatever the lines).
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


def _checked_needs(rule: Rule) -> LineNeeds:
    """The conditions read off the rule's pattern, or none if they would turn away one of
    the rule's own examples (a safety net for syntax the analysis misreads)."""
    needs = line_needs(rule.pattern)
    if all(needs.admits(x.strip()) for x in rule.match if x.strip()):
        return needs
    return NO_NEEDS


#: What the matcher tests of a folded line for one rule (None where it does not apply):
#: the prefixes, the literal groups, and the alternatives (see `_Branches`).
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
_Check = tuple[tuple[str, ...] | None, _Groups | None, _Branches | None]


def _literal_check(needs: LineNeeds) -> _Check | None:
    """The tests on the folded line for one rule, as plain tuples (cheaper to read than
    attributes); the alternatives replace the literal groups, which they imply."""
    if needs.branches is not None:
        return needs.prefixes, None, _split_branches(needs.branches)
    if needs.prefixes is None and needs.literals is None:
        return None
    return needs.prefixes, needs.literals, None


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


#: A mask's literal tests and patterns, in rule order: called with the stripped line and
#: `RuleMatcher._fullmatches`, it returns the index of the first rule that matches, or -1.
_Program = Callable[[str, Callable[[int, str], bool]], int]


def _compile_program(candidates: Sequence[tuple[int, _Check | None]]) -> _Program:
    """`_program_source` compiled (its only free name is `fold`)."""
    namespace: dict[str, object] = {"fold": fold}
    exec(compile(_program_source(candidates), "<rule matcher>", "exec"), namespace)
    program: _Program = namespace["program"]  # type: ignore[assignment]
    return program


def _program_source(candidates: Sequence[tuple[int, _Check | None]]) -> str:
    """A function trying the rules in order: a rule's pattern runs only if the folded line
    (`f`) passes its literal tests. For example, for rule 3 (prefix "by"), rule 7 (a
    string of each of two groups) and rule 9 (no test)::

        def program(text, matches):
            f = fold(text)
            if f.startswith(('by',)) and matches(3, text):
                return 3
            if (('photo' in f or 'image' in f) and ('afp' in f)) and matches(7, text):
                return 7
            if matches(9, text):
                return 9
            return -1

    Strings are written with `repr`, so any string reads back as itself.
    """
    lines = ["def program(text, matches):"]
    if any(check is not None for _, check in candidates):
        lines.append("    f = fold(text)")
    for index, check in candidates:
        test = f"matches({index}, text)"
        if check is not None:
            test = f"{_check_source(check)} and {test}"
        lines += [f"    if {test}:", f"        return {index}"]
    lines.append("    return -1")
    return "\n".join(lines) + "\n"


def _check_source(check: _Check) -> str:
    """One rule's literal tests as an expression on `f`."""
    prefixes, groups, branches = check
    tests = []
    if prefixes is not None:
        tests.append(f"f.startswith({prefixes!r})")
    if groups is not None:
        tests.append(_all_source(groups))
    if branches is not None:
        tests.append(_branches_source(branches))
    return " and ".join(tests) or "True"


def _any_source(strings: Sequence[str]) -> str:
    """`f` contains one of `strings` (none: false)."""
    return "(" + (" or ".join(f"{s!r} in f" for s in strings) or "False") + ")"


def _all_source(groups: _Groups) -> str:
    """`f` contains a string of every group (no group: true)."""
    return "(" + (" and ".join(map(_any_source, groups)) or "True") + ")"


def _branches_source(branches: _Branches) -> str:
    """`f` meets one alternative of the pattern: one that opens with a prefix (behind one
    test of all their prefixes), or one of the others (behind one test of the strings of
    their first groups, one of which any of them needs)."""
    prefixes, opening, needed, anywhere = branches
    either = []
    if prefixes is not None and opening:
        ways = " or ".join(f"(f.startswith({s!r}) and {_all_source(g)})" for s, g in opening)
        either.append(f"(f.startswith({prefixes!r}) and ({ways}))")
    if needed and anywhere:
        ways = " or ".join(map(_all_source, anywhere))
        either.append(f"({_any_source(needed)} and ({ways}))")
    return "(" + (" or ".join(either) or "False") + ")"
