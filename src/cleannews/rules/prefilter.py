"""What a rule's pattern needs of a line, read off the pattern once.

Most lines of a page are prose that no rule takes, and running every rule's pattern on
every line is the main cost of the rule stages. Each pattern is read once (its syntax
tree, from the standard library's regular expression parser) for three necessary
conditions of a whole-line match:

* the characters a match can start with, and those it can end with;
* groups of literal strings: the line must contain a string of each group (``(``, and
  ``afp`` or ``reuters`` ..., for a credit in parentheses), compared after case folding;
* for a pattern that is one alternation at the top (``A|B|...``), a condition per
  alternative: the line must meet one of them (open with one of its words, when it opens
  with words, and contain all of its strings);
* where the pattern matches case-sensitively (a rule's `case_sensitive`, a scoped
  ``(?-i:AFP|AP)``), its characters as written: the first and last characters without
  their case variants, and groups of exact strings, compared with the line as it is (a
  folded "ap" is in "happen" and "paper", "AP" is in few lines).

A line that fails a condition cannot match, so the pattern is not run. The conditions
only ever let more lines through than match (anything the analysis cannot read gives
"no condition"), so they change no result; `tests/test_prefilter.py` holds that on every
rule's examples and on generated lines.
"""

from __future__ import annotations

import functools
import importlib
import sys
import warnings
from array import array
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

try:  # the parser behind `re` (private: `re._parser`)
    _parser: Any = importlib.import_module("re._parser")
    _sre: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another interpreter: no conditions, same results
    _parser = _sre = None

try:  # `regex`'s own table of case variants (simple case folding, as our patterns use)
    from regex._regex import get_all_cases as _all_cases
except ImportError:  # pragma: no cover - without it, case folding cannot be vouched for
    _all_cases = None

#: The case folding `regex` uses for our (V0, IGNORECASE) patterns.
_CASE_FLAGS = int(regex.IGNORECASE | regex.UNICODE)
#: `\p{..}` classes the standard parser does not know; any class reads as "no condition".
_PROPERTY = regex.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
#: Syntax the standard parser accepts but reads otherwise than `regex`: braces that are not
#: a counted repeat (fuzzy constraints like `{e<=1}`) and POSIX classes (`[:alpha:]`).
_MISREAD = regex.compile(r"(?<!\\)\{(?!\d*,?\d*\})|\[:\^?[a-z]+:\]")
#: Where a pattern may turn case folding off for a group (`(?-i:`, `(?s-mi:` ...): a
#: pattern without one, in a case-insensitive rule, has no exact strings to look for.
_CASE_OFF = regex.compile(r"\(\?[a-zA-Z]*-[a-zA-Z]*i")
#: Widths from this on mean "unbounded" to the parser.
_UNBOUNDED = 1 << 30
#: Widest character range spelt out as a set of first or last characters.
_MAX_RANGE = 400


def fold(text: str) -> str:
    """Case-fold `text` the way literal conditions are compared.

    `casefold` maps most case variants together; dotted and dotless i are mapped to
    "i" as well, since `regex` matches "i" with "İ" and "I" with "ı".
    """
    return text.casefold().replace("\u0131", "i").replace("\u0307", "")


@dataclass(frozen=True, slots=True)
class LineNeeds:
    """Necessary conditions for a whole-line match; None means no condition."""

    first: frozenset[str] | None = None
    last: frozenset[str] | None = None
    literals: tuple[tuple[str, ...], ...] | None = None
    min_length: int = 1
    max_length: int | None = None
    prefixes: tuple[str, ...] | None = None
    branches: tuple[Branch, ...] | None = None
    exact: tuple[tuple[str, ...], ...] | None = None

    def admits(self, line: str) -> bool:
        """Whether the (stripped, non-empty) line may match; False means it cannot."""
        if len(line) < self.min_length:
            return False
        if self.max_length is not None and len(line) > self.max_length:
            return False
        if self.first is not None and line[0] not in self.first:
            return False
        if self.last is not None and line[-1] not in self.last:
            return False
        if self.exact is not None and not all(any(s in line for s in g) for g in self.exact):
            return False
        folded = fold(line)
        if self.prefixes is not None and not folded.startswith(self.prefixes):
            return False
        if self.branches is not None and not any(b.admits(folded) for b in self.branches):
            return False
        if self.literals is None:
            return True
        return all(any(s in folded for s in group) for group in self.literals)


@dataclass(frozen=True, slots=True)
class Branch:
    """What a match of one alternative of a top-level alternation needs of the folded
    line: to start with one of `prefixes` (None: any start) and to contain a string of
    each of `groups`."""

    prefixes: tuple[str, ...] | None
    groups: tuple[tuple[str, ...], ...]

    def admits(self, folded: str) -> bool:
        if self.prefixes is not None and not folded.startswith(self.prefixes):
            return False
        return all(any(s in folded for s in group) for group in self.groups)


NO_NEEDS = LineNeeds()


@functools.lru_cache(maxsize=4096)
def line_needs(pattern: str, case_sensitive: bool = False) -> LineNeeds:
    """The conditions of `pattern` (a rule's, matched whole, case-insensitively unless
    `case_sensitive`).

    Kept per pattern: the analysis is a pure function of the string (the result is
    frozen), and reading the ~7,000 patterns of the packs again costs 0.15 s for every
    pipeline built, which a caller building pipelines per page would pay per page.
    """
    if _parser is None or _all_cases is None:
        return NO_NEEDS  # pragma: no cover
    readable = _PROPERTY.sub(r"\\w", pattern)
    if _MISREAD.search(readable):
        return NO_NEEDS
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like
            warnings.simplefilter("ignore")
            tree = _parser.parse(readable, 0)
    except Exception:  # syntax only `regex` knows: no conditions
        return NO_NEEDS
    if _nullable_sequence(tree):
        return NO_NEEDS
    low, high = tree.getwidth()
    sensitive = case_sensitive and not tree.state.flags & _IGNORECASE  # (not with `(?i)`)
    exact = _exact_groups(tree, sensitive) if sensitive or _CASE_OFF.search(readable) else None
    return LineNeeds(
        _edge(tree, sensitive=sensitive),
        _edge(tree, last=True, sensitive=sensitive),
        _literal_groups(tree),
        max(low, 1),
        high if high < _UNBOUNDED else None,
        _sorted(_prefixes(tree)),
        _branches(tree),
        exact,
    )


# -- first and last characters ----------------------------------------------------------------

_Node = tuple[Any, Any]
_REPEATS: tuple[Any, ...] = ()
_ZERO_WIDTH: tuple[Any, ...] = ()
_ATOMIC: Any = None
_IGNORECASE = 0
if _parser is not None:
    _REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
    _ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
    _ATOMIC = _sre.ATOMIC_GROUP
    _IGNORECASE = _sre.SRE_FLAG_IGNORECASE


def _children(op: Any, av: Any) -> list[Sequence[_Node]] | None:
    """The sub-sequences a group-like node matches one of; None for other nodes."""
    if op in _REPEATS:
        return [av[2]]
    if op is _sre.SUBPATTERN:
        return [av[3]]
    if op is _ATOMIC and op is not None:
        return [av]
    if op is _sre.BRANCH:
        return list(av[1])
    return None


def _inner_sensitive(op: Any, av: Any, sensitive: bool) -> bool:
    """Whether a node's children match case-sensitively: a scoped `(?i:...)` or
    `(?-i:...)` sets it for its group, other nodes keep it."""
    if op is _sre.SUBPATTERN:
        if av[1] & _IGNORECASE:
            return False
        if av[2] & _IGNORECASE:
            return True
    return sensitive


def _nullable(op: Any, av: Any) -> bool:
    """Whether the node can match the empty string."""
    if op in _ZERO_WIDTH or op is _sre.GROUPREF:
        return True
    if op in _REPEATS and av[0] == 0:
        return True
    children = _children(op, av)
    if children is None:
        return op is _sre.GROUPREF_EXISTS
    return any(_nullable_sequence(child) for child in children)


def _nullable_sequence(nodes: Sequence[_Node]) -> bool:
    return all(_nullable(op, av) for op, av in nodes)


def _cases(code: int) -> set[str]:
    """The character and every character `regex` takes for it ignoring case."""
    return {chr(code), *map(chr, _all_cases(_CASE_FLAGS, code))}


def _variants(code: int, sensitive: bool) -> set[str]:
    """The characters a literal matches: itself, and its case variants unless `sensitive`."""
    return {chr(code)} if sensitive else _cases(code)


def _char_set(op: Any, av: Any, sensitive: bool = False) -> set[str] | None:
    """The characters one single-character node matches, or None when too many."""
    if op is _sre.LITERAL:
        return _variants(av, sensitive)
    if op is not _sre.IN:
        return None
    chars: set[str] = set()
    for kind, value in av:
        if kind is _sre.LITERAL:
            chars |= _variants(value, sensitive)
        elif kind is _sre.RANGE and value[1] - value[0] <= _MAX_RANGE:
            for code in range(value[0], value[1] + 1):
                chars |= _variants(code, sensitive)
        elif kind is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
            chars |= _digits()
        elif not (kind is _sre.CATEGORY and value is _sre.CATEGORY_SPACE):
            return None  # negated sets, \w ... (a stripped line has no edge space)
    return chars


@functools.cache
def _digits() -> frozenset[str]:
    """Every character `regex` takes for `\\d`, asked of `regex` itself (its Unicode
    version, not Python's): a rule opening with a count ("3 comments") gets a set of
    first characters, about 800, instead of none. Read once (about 25 ms): every code
    point but the surrogates, made into one string from their native 4-byte codes."""
    codes = array("I", range(0xD800)).tobytes() + array("I", range(0xE000, 0x110000)).tobytes()
    every = codes.decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")
    return frozenset(regex.findall(r"\d", every, _CASE_FLAGS))


def _edge(
    nodes: Sequence[_Node], last: bool = False, sensitive: bool = False
) -> frozenset[str] | None:
    """The characters a non-empty match of `nodes` can start (or end) with (`sensitive`:
    where it matches case-sensitively)."""
    found: set[str] = set()
    for op, av in reversed(nodes) if last else nodes:
        if op in _ZERO_WIDTH:
            continue
        children = _children(op, av)
        if children is None:
            chars = _char_set(op, av, sensitive)
            if chars is None:
                return None
            return frozenset(found | chars)
        for child in children:
            edge = _edge(child, last, _inner_sensitive(op, av, sensitive))
            if edge is None:
                return None
            found |= edge
        if not _nullable(op, av):
            return frozenset(found)
    return None  # the whole sequence may be empty: no condition


# -- literals -----------------------------------------------------------------------------------

#: Most literal groups kept per rule (the most selective ones; checking more costs more).
_MAX_GROUPS = 3
#: Largest character class read as a group of one-character literals.
_MAX_CLASS_LITERALS = 8


def _foldable(code: int) -> bool:
    """Whether `fold` maps the character and all its case variants to one same string."""
    folded = fold(chr(code))
    return bool(folded) and all(fold(c) == folded for c in _cases(code))


def _literal_groups(nodes: Sequence[_Node]) -> tuple[tuple[str, ...], ...] | None:
    """The most selective groups of folded strings such that a match contains at least one
    string of every group, in the order to test them; None when none is known.

    A line that lacks a group costs one test per string of the group, and most lines
    lack the first group tested: so the groups with the fewest strings go first."""
    return _most_selective(_required_groups(nodes))


def _exact_groups(nodes: Sequence[_Node], sensitive: bool) -> tuple[tuple[str, ...], ...] | None:
    """Like `_literal_groups`, for the parts matched case-sensitively, their strings as
    written (not folded): the line itself must contain one string of every group."""
    return _most_selective(_required_groups(nodes, exact=True, sensitive=sensitive))


def _most_selective(required: list[frozenset[str]]) -> tuple[tuple[str, ...], ...] | None:
    """The `_MAX_GROUPS` most selective of the groups, fewest strings first."""
    unique = sorted({tuple(sorted(minimal_strings(g))) for g in required})
    groups = sorted(unique, key=_selectivity, reverse=True)  # stable: the same every run
    kept = sorted(groups[:_MAX_GROUPS], key=len)  # stable: as selective first on a tie
    return tuple(kept) or None


def minimal_strings(group: Collection[str]) -> frozenset[str]:
    """The strings without those that contain another of them: a line containing
    "cookies" contains "cookie", so testing "cookies" as well only costs time."""
    return frozenset(s for s in group if not any(t != s and t in s for t in group))


def _pieces(
    nodes: Sequence[_Node], exact: bool = False, sensitive: bool = False
) -> Iterator[str | _Node]:
    """The sequence with each run of plain literal characters as one folded string; with
    `exact`, as written, and only where the match is case-sensitive (`sensitive`)."""
    run: list[str] = []
    for op, av in nodes:
        code = _single_code(op, av)
        if code is not None and (sensitive if exact else _foldable(code)):
            run.append(chr(code))
            continue
        if run:
            yield "".join(run) if exact else fold("".join(run))
            run = []
        yield op, av
    if run:
        yield "".join(run) if exact else fold("".join(run))


def _required_groups(
    nodes: Sequence[_Node], exact: bool = False, sensitive: bool = False
) -> list[frozenset[str]]:
    """Every literal group a match of the sequence requires (all of them must be met);
    folded, or with `exact` as written (see `_pieces`)."""
    groups: list[frozenset[str]] = []
    for piece in _pieces(nodes, exact, sensitive):
        if isinstance(piece, str):
            groups.append(frozenset({piece}))
        else:
            groups.extend(_node_groups(*piece, exact, sensitive))
    return groups


def _single_code(op: Any, av: Any) -> int | None:
    """The code point of a node that matches exactly one character (and its cases)."""
    if op is _sre.LITERAL:
        return int(av)
    if op is _sre.IN and len(av) == 1 and av[0][0] is _sre.LITERAL:
        return int(av[0][1])
    return None


def _node_groups(op: Any, av: Any, exact: bool, sensitive: bool) -> list[frozenset[str]]:
    """The literal groups a node other than a plain literal requires."""
    if op is _sre.IN:
        return _class_group(av, exact, sensitive)
    if op is _sre.ASSERT:  # a lookaround that must match: its literals are in the line
        return _required_groups(av[1], exact, sensitive)
    if op in _REPEATS and av[0] == 0:
        return []
    children = _children(op, av)
    if children is None:
        return []
    sensitive = _inner_sensitive(op, av, sensitive)
    if op is not _sre.BRANCH:
        return _required_groups(children[0], exact, sensitive)
    best = [
        max(_required_groups(child, exact, sensitive), key=_selectivity, default=None)
        for child in children
    ]
    if any(group is None for group in best):
        return []
    return [frozenset().union(*best)]  # type: ignore[arg-type]


def _class_group(items: Any, exact: bool, sensitive: bool) -> list[frozenset[str]]:
    """A small class of plain characters (`[|·•]`) as a group of one-character strings
    (folded, or with `exact` as written where the match is case-sensitive)."""
    if len(items) > _MAX_CLASS_LITERALS or any(kind is not _sre.LITERAL for kind, _ in items):
        return []
    if exact:
        return [frozenset(chr(code) for _, code in items)] if sensitive else []
    if not all(_foldable(code) for _, code in items):
        return []
    return [frozenset(fold(chr(code)) for _, code in items)]


def _prefixes(nodes: Sequence[_Node]) -> frozenset[str] | None:
    """Folded strings of which every match starts with one (`(?:read|see) more` ...)."""
    for piece in _pieces(nodes):
        if isinstance(piece, str):
            return frozenset({piece})
        if piece[0] not in _ZERO_WIDTH:
            return _group_prefixes(*piece)
    return None


def _group_prefixes(op: Any, av: Any) -> frozenset[str] | None:
    """The prefixes of a group-like node that opens the pattern."""
    if op in _REPEATS and av[0] == 0:
        return None
    children = _children(op, av)
    if children is None:
        return None
    found = [_prefixes(child) for child in children]
    if any(f is None for f in found):
        return None
    return frozenset().union(*found)  # type: ignore[arg-type]


def _sorted(strings: frozenset[str] | None) -> tuple[str, ...] | None:
    return tuple(sorted(strings)) if strings else None


def _selectivity(group: Collection[str]) -> tuple[int, int]:
    """Longer shortest string first, then fewer strings: rarer in ordinary prose."""
    return (min(len(s) for s in group), -len(group))


# -- alternatives of a top-level alternation ------------------------------------------------------

#: Most alternatives read for a pattern (more would cost more to test than they save).
_MAX_BRANCHES = 32


def _branches(nodes: Sequence[_Node]) -> tuple[Branch, ...] | None:
    """One condition per alternative when the pattern is a single alternation, so that a
    weak alternative does not weaken the others (a union of every alternative's literals
    lets "there" through for `(?:click|tap) here`); None when any alternative has none."""
    while len(nodes) == 1 and nodes[0][0] is _sre.SUBPATTERN:
        nodes = nodes[0][1][3]
    if len(nodes) != 1 or nodes[0][0] is not _sre.BRANCH or len(nodes[0][1][1]) > _MAX_BRANCHES:
        return None
    found = [_child_branch(child) for child in nodes[0][1][1]]
    if any(branch is None for branch in found):
        return None
    return tuple(dict.fromkeys(found))  # type: ignore[arg-type]


def _child_branch(child: Sequence[_Node]) -> Branch | None:
    """What one alternative needs: its prefixes, and its most selective literal groups
    but those its prefixes already imply; None when it needs neither."""
    prefixes = _sorted(_prefixes(child))
    groups = [
        group
        for group in _literal_groups(child) or ()
        if prefixes is None or not all(any(s in p for s in group) for p in prefixes)
    ]
    if prefixes is None and not groups:
        return None
    return Branch(prefixes, tuple(groups))
