"""Static check of a rule pattern for the shapes that backtrack exponentially.

A rule's pattern runs with a timeout, but a pattern that backtracks exponentially burns
the whole timeout on every hostile line (issue 18: `(?:a|aa)+b` cost 0.05 s a line, two
hours on a 5 MB page), and a bounded repeat of such a shape costs milliseconds a line
without ever timing out (`(?:share\\s*[|]?\\s*){1,12}`). So plugin patterns are read
when they load, from their syntax tree, and these shapes are refused with a clear error:

* **nested quantifiers**: a repeated group whose own end can run on into its next
  repetition, because the characters a variable-length part at its end takes can also
  start it (`(a+)+`, `(?:\\s*,\\s*\\w{2,20})*` on "und und und");
* **overlapping quantifiers**: two variable-length parts in a row (optional parts between
  them allowed) that can take the same characters, inside a repeated group or both
  unbounded (`\\s*[|]?\\s*` repeated, `.*.*`);
* **overlapping alternatives** in an unboundedly repeated group: two branches that can
  start with the same character and have different lengths (`(?:a|aa)+`);
* a repeated group that can match the empty string (`(a?)*`).

Characters are compared on a fixed sample of characters (ASCII and a few of each other
script and kind), case-insensitively: the check errs on the side of seeing an overlap.
An atomic group or a possessive repeat does not backtrack into itself, so what is inside
one is not ambiguous: `(?>\\s*[|]?\\s*)` is the linear way to write a separator.
`\\p{..}` classes are read as `\\w`. A pattern the standard parser cannot read is not
judged here (the timeout still holds).
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Iterator
from typing import Any

import regex

try:  # the parser behind `re` (private: `re._parser` since 3.11, `sre_parse` before)
    _parser: Any = importlib.import_module("re._parser")
    _sre: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10 or another interpreter
    _parser = _sre = None

_PROPERTY = regex.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
#: The characters overlaps are judged on: printable ASCII, spaces, and some letters,
#: digits and punctuation of other scripts.
_SAMPLE = frozenset(
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\t\n\xa0\u2009\u3000éÉñßяЯжأبت٣字日본…·•«»“”‘’–—€£¿¡،。"
)
_UNBOUNDED = 1 << 30
#: A repeated group that may repeat this often (or a part inside such groups) is
#: checked: `{1,12}` is, `{0,4}` is not (at most 2**4 ways to split a line).
MANY_REPEATS = 5

Chars = frozenset[str]


class UnsafePattern(ValueError):
    """A pattern with a shape that can backtrack exponentially."""


def check_pattern(pattern: str) -> None:
    """Raise `UnsafePattern`, saying which shape and where, if the pattern has one."""
    problem = pattern_problem(pattern)
    if problem is not None:
        raise UnsafePattern(problem)


def pattern_problem(pattern: str) -> str | None:
    """What makes the pattern backtrack exponentially, or None if nothing is seen."""
    if _parser is None:
        return None  # pragma: no cover
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = _parser.parse(_PROPERTY.sub(r"\\w", pattern), re.IGNORECASE)
    except Exception:  # syntax only `regex` knows
        return None
    return next(_problems(list(tree), repeats=1), None)


# -- walking the tree ----------------------------------------------------------------------


def _problems(seq: list[Any], *, repeats: int) -> Iterator[str]:
    """`repeats`: how many times the enclosing repeated groups may repeat `seq` (1: not
    inside one). Ambiguity costs that many times over, so it counts only from
    `MANY_REPEATS`: within a short bounded repeat or a line's `max_length` it stays
    polynomial and small."""
    if repeats >= MANY_REPEATS:
        yield from _adjacent_overlaps(seq)
    for op, av in seq:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            _low, high, body = av
            body = list(body)
            if high >= MANY_REPEATS:
                yield from _repeat_problems(body, high)
            yield from _problems(body, repeats=min(_UNBOUNDED, repeats * max(1, high)))
        elif name == "SUBPATTERN":
            yield from _problems(list(av[-1]), repeats=repeats)
        elif name == "BRANCH":
            for branch in av[1]:
                yield from _problems(list(branch), repeats=repeats)
        # ATOMIC_GROUP, POSSESSIVE_REPEAT: no backtracking into them; lookarounds: bounded


def _repeat_problems(body: list[Any], high: int) -> Iterator[str]:
    shown = _show(body)
    if _nullable(body):
        yield f"the repeated group {shown} can match the empty string"
        return
    runs_on = _variable_tail(body) & _first(body)
    if runs_on:
        yield (
            f"nested quantifiers: the end of the repeated group {shown} can also start its "
            f"next repetition (both take {_sample(runs_on)})"
        )
    if high >= _UNBOUNDED:
        yield from _alternative_overlaps(body, shown)


def _adjacent_overlaps(seq: list[Any]) -> Iterator[str]:
    """Two variable parts with only optional parts between them, taking the same chars."""
    for i, item in enumerate(seq):
        if not _is_variable(item):
            continue
        for later in seq[i + 1 :]:
            if _is_variable(later):
                shared = _chars_of([item]) & _chars_of([later])
                if shared:
                    yield (
                        f"overlapping quantifiers: {_show([item])} and {_show([later])} "
                        f"can take the same characters ({_sample(shared)}) in a repeated group"
                    )
                    return
            if not _nullable([later]):
                break


def _alternative_overlaps(body: list[Any], shown: str) -> Iterator[str]:
    for op, av in body:
        if str(op) == "SUBPATTERN":
            yield from _alternative_overlaps(list(av[-1]), shown)
        elif str(op) == "BRANCH":
            branches = [list(b) for b in av[1]]
            for i, one in enumerate(branches):
                for other in branches[i + 1 :]:
                    if _first(one) & _first(other) and _width(one) != _width(other):
                        yield (
                            f"overlapping alternatives in the repeated group {shown}: "
                            f"{_show(one)} and {_show(other)} start alike"
                        )
                        return
        if not _nullable([(op, av)]):
            return


# -- what a part can match ------------------------------------------------------------------


def _high(item: Any) -> int:
    op, av = item
    if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return int(av[1])
    return 1


def _is_variable(item: Any) -> bool:
    op, av = item
    return str(op) in ("MAX_REPEAT", "MIN_REPEAT") and av[1] > av[0]


def _width(seq: list[Any]) -> tuple[int, int]:
    low, high = _parser.SubPattern(_parser.State(), seq).getwidth()
    return int(low), int(high)


def _nullable(seq: list[Any]) -> bool:
    return _width(seq)[0] == 0


def _first(seq: list[Any]) -> Chars:
    """Characters a match of `seq` can start with."""
    found: set[str] = set()
    for item in seq:
        found |= _first_of(item)
        if not _nullable([item]):
            break
    return frozenset(found)


def _first_of(item: Any) -> Chars:
    op, av = item
    name = str(op)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _first(list(av[2]))
    if name == "SUBPATTERN":
        return _first(list(av[-1]))
    if name == "ATOMIC_GROUP":
        return _first(list(av))
    if name == "BRANCH":
        return frozenset().union(*(_first(list(b)) for b in av[1]))
    return _chars_of([item])


def _variable_tail(seq: list[Any]) -> Chars:
    """Characters that a variable-length part at the end of `seq` can take: what one
    repetition of a group made of `seq` may hand on to the next."""
    found: set[str] = set()
    for item in reversed(seq):
        op, av = item
        name = str(op)
        if _is_variable(item):
            found |= _chars_of([item])
        elif name == "SUBPATTERN":
            found |= _variable_tail(list(av[-1]))
        elif name == "BRANCH":
            branches = [list(b) for b in av[1]]
            if len({_width(b) for b in branches}) > 1:  # `a|aa`: the branch is variable
                found |= _chars_of(branches[0]).union(*(_chars_of(b) for b in branches))
            for branch in branches:
                found |= _variable_tail(branch)
        if not _nullable([item]):
            break
    return frozenset(found)


def _chars_of(seq: list[Any]) -> Chars:
    """Every character some part of `seq` can match."""
    found: set[str] = set()
    for op, av in seq:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            found |= _chars_of(list(av[2]))
        elif name == "SUBPATTERN":
            found |= _chars_of(list(av[-1]))
        elif name == "ATOMIC_GROUP":
            found |= _chars_of(list(av))
        elif name == "BRANCH":
            for branch in av[1]:
                found |= _chars_of(list(branch))
        elif name in ("LITERAL", "NOT_LITERAL", "ANY", "IN"):
            found |= _leaf_chars(name, av)
    return frozenset(found)


def _leaf_chars(name: str, av: Any) -> Chars:
    if name == "ANY":
        return _SAMPLE - {"\n"}
    if name == "LITERAL":
        return _cases(chr(av))
    if name == "NOT_LITERAL":
        return _SAMPLE - _cases(chr(av))
    negate = False
    found: set[str] = set()
    for op, value in av:
        kind = str(op)
        if kind == "NEGATE":
            negate = True
        elif kind == "LITERAL":
            found |= _cases(chr(value))
        elif kind == "RANGE":
            low, high = value
            found |= {c for c in _SAMPLE if low <= ord(c) <= high or low <= ord(c.lower()) <= high}
        elif kind == "CATEGORY":
            found |= _category(str(value))
    return frozenset(_SAMPLE - found if negate else found)


_CATEGORIES = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w", "LINEBREAK": r"\n"}


def _category(name: str) -> Chars:
    kind = name.removeprefix("CATEGORY_").removeprefix("UNI_")
    negated = kind.startswith("NOT_")
    test = re.compile(_CATEGORIES.get(kind.removeprefix("NOT_"), r"[\s\S]"))
    chars = {c for c in _SAMPLE if test.fullmatch(c)}
    return frozenset(_SAMPLE - chars if negated else chars)


def _cases(ch: str) -> Chars:
    return frozenset({ch, ch.lower(), ch.upper()})


def _sample(chars: Chars) -> str:
    shown = sorted(chars)[:4]
    return ", ".join(repr(c) for c in shown) + (" ..." if len(chars) > 4 else "")


def _show(seq: list[Any]) -> str:
    """The part of the pattern, written back from its tree (shortened), for the error."""
    text = "".join(_unparse(item) for item in seq)
    return f"`{text[:50]}{'...' if len(text) > 50 else ''}`"


_CATEGORY_TEXT = {"DIGIT": r"\d", "SPACE": r"\s", "WORD": r"\w"}


def _unparse(item: Any) -> str:
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return str(regex.escape(chr(av)))
    if name == "ANY":
        return "."
    if name == "IN":
        parts = []
        for kind, value in av:
            kind = str(kind)
            if kind == "NEGATE":
                parts.append("^")
            elif kind == "LITERAL":
                parts.append(str(regex.escape(chr(value))))
            elif kind == "RANGE":
                parts.append(f"{chr(value[0])}-{chr(value[1])}")
            elif kind == "CATEGORY":
                key = str(value).removeprefix("CATEGORY_").removeprefix("UNI_")
                text = _CATEGORY_TEXT.get(key.removeprefix("NOT_"), "?")
                parts.append(text.upper() if key.startswith("NOT_") else text)
        inner = "".join(parts)
        return inner if len(av) == 1 and inner.startswith("\\") else f"[{inner}]"
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        body_text = "".join(_unparse(i) for i in body)
        if len(body) != 1 or str(body[0][0]) == "BRANCH":
            body_text = f"(?:{body_text})"
        count = {(0, 1): "?", (0, _UNBOUNDED): "*", (1, _UNBOUNDED): "+"}.get(
            (low, min(high, _UNBOUNDED)), f"{{{low},{'' if high >= _UNBOUNDED else high}}}"
        )
        return body_text + count
    if name == "SUBPATTERN":
        return f"(?:{''.join(_unparse(i) for i in av[-1])})"
    if name == "ATOMIC_GROUP":
        return f"(?>{''.join(_unparse(i) for i in av)})"
    if name == "BRANCH":
        return "|".join("".join(_unparse(i) for i in branch) for branch in av[1])
    return ""
