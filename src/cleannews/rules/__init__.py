"""Rules as data: named line patterns with a stage, a tag, languages and examples.

A rule says "a line that is entirely this is a caption / boilerplate / a byline ...".
Rules live in packs (TOML files, one per language plus a language-neutral one) so that a
contributor adds a rule by adding a few lines of data and its examples; one parametrized
test runs every rule's examples. Third-party packs are found through the `cleannews.rules`
entry point group. Structural rules (decisions that need the lines around) are code, but
are registered here by name too, so every rule name in `Article.removed` is documented.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import regex
import tomllib

from cleannews.rules.safety import pattern_problem

#: What a rule's match means for the line. `caption` moves it to captions, `remove` drops
#: it, `byline` feeds the metadata stage (date lines are recognised by `cleannews.dates`).
TAGS = ("caption", "remove", "byline")
#: Stages that own rules (the others are structural).
RULE_STAGES = ("captions", "boilerplate", "metadata")
_NAME_RE = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class RuleError(ValueError):
    """A rule or pack that is not valid: the message names it and says what is wrong."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One named line pattern.

    The pattern must match the *whole* line (it is used with `fullmatch` on the line with
    outer white space stripped), case-insensitively unless `case_sensitive`. `max_length`
    bounds the lines it is tried on: boilerplate is short, and the bound keeps long body
    paragraphs away from patterns that were never meant for them. `ends_article` marks a
    heading after which the rest of a story is not article text (a comment section):
    the stories stage removes what follows it. `ends_tail` is the same for a line that
    also stands in header and share bars (a comment counter): it ends the article only
    where at least as much of the story's text comes before it as after. `starts_list`
    marks the heading of an inserted list of links ("Don't miss", "Related stories"): the
    short lines after it, up to the next prose paragraph, are removed. `story_header`
    marks lines that typically stand in a story's header block (a relative timestamp):
    the stories stage counts them as evidence that a new story starts. `form_part` marks a
    part of a sign-up or comment form (its prompt, its privacy notice): a line between two
    such parts goes with the form. `replaces` names
    rules of earlier packs (the built-in ones) that this rule takes the place of: a plugin
    pack replaces a built-in rule only by saying so.
    """

    name: str
    stage: str
    tag: str
    pattern: str
    description: str
    match: tuple[str, ...]
    no_match: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    max_length: int = 200
    case_sensitive: bool = False
    ends_article: bool = False
    ends_tail: bool = False
    starts_list: bool = False
    story_header: bool = False
    form_part: bool = False
    pack: str = ""
    replaces: tuple[str, ...] = ()

    def compiled(self) -> regex.Pattern[str]:
        flags = regex.V0 | (0 if self.case_sensitive else regex.IGNORECASE)
        return regex.compile(self.pattern, flags)

    def matches(self, line: str, timeout: float | None = None) -> bool:
        """Whether the rule takes this line (stripped), as the stage's matcher would."""
        text = line.strip()
        if len(text) > self.max_length:
            return False
        return self.compiled().fullmatch(text, timeout=timeout) is not None


@dataclass(frozen=True, slots=True)
class StructuralRule:
    """A rule implemented in code because it needs the lines around a line."""

    name: str
    stage: str
    description: str


@dataclass(frozen=True, slots=True)
class RulePack:
    """A named set of rules for one language (or none: language-neutral)."""

    name: str
    language: str | None
    description: str
    rules: tuple[Rule, ...]


STRUCTURAL_RULES: dict[str, StructuralRule] = {}


def structural_rule(name: str, stage: str, description: str) -> str:
    """Register a code rule by name and return the name (use it as the removal's rule)."""
    STRUCTURAL_RULES[name] = StructuralRule(name, stage, description)
    return name


def rule_from_mapping(
    data: Mapping[str, Any], pack: str, language: str | None, *, compile_pattern: bool = True
) -> Rule:
    """Build and validate one rule from its TOML table (`compile_pattern`: see
    `pack_from_toml`)."""
    try:
        rule = Rule(
            name=str(data["name"]),
            stage=str(data["stage"]),
            tag=str(data["tag"]),
            pattern=str(data["pattern"]),
            description=str(data["description"]),
            match=tuple(data["match"]),
            no_match=tuple(data.get("no_match", ())),
            languages=tuple(data.get("languages", (language,) if language else ())),
            max_length=int(data.get("max_length", 200)),
            case_sensitive=bool(data.get("case_sensitive", False)),
            ends_article=bool(data.get("ends_article", False)),
            ends_tail=bool(data.get("ends_tail", False)),
            starts_list=bool(data.get("starts_list", False)),
            story_header=bool(data.get("story_header", False)),
            form_part=bool(data.get("form_part", False)),
            pack=pack,
            replaces=tuple(str(name) for name in data.get("replaces", ())),
        )
    except KeyError as exc:
        raise RuleError(f"pack {pack!r}: rule {data.get('name', '?')!r} lacks {exc}") from None
    _validate(rule, compile_pattern)
    return rule


def _validate(rule: Rule, compile_pattern: bool = True) -> None:
    where = f"pack {rule.pack!r}, rule {rule.name!r}"
    if not _NAME_RE.fullmatch(rule.name):
        raise RuleError(f"{where}: names are lower-case words joined by '-'")
    if rule.stage not in RULE_STAGES:
        raise RuleError(f"{where}: stage must be one of {RULE_STAGES}")
    if rule.tag not in TAGS:
        raise RuleError(f"{where}: tag must be one of {TAGS}")
    if not rule.match:
        raise RuleError(f"{where}: give at least one example it must match")
    if not compile_pattern:
        return
    try:
        rule.compiled()
    except regex.error as exc:
        raise RuleError(f"{where}: bad pattern: {exc}") from None


def pack_from_toml(
    text: str, source: str = "<string>", *, compile_patterns: bool = True
) -> RulePack:
    """Parse a pack from TOML text (see docs/writing-rules.md for the format).

    `compile_patterns=False` skips compiling each pattern to check it: for the built-in
    packs, whose patterns the test suite compiles, so that a process (a pool worker)
    compiles only the patterns it runs, when it first runs them.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{source}: not valid TOML: {exc}") from None
    head = data.get("pack", {})
    name = str(head.get("name") or Path(source).stem)
    language = head.get("language") or None
    rules = tuple(
        rule_from_mapping(r, name, language, compile_pattern=compile_patterns)
        for r in data.get("rules", ())
    )
    names = [r.name for r in rules]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RuleError(f"pack {name!r}: rule names used twice: {dupes}")
    return RulePack(name, language, str(head.get("description", "")), rules)


def builtin_packs() -> tuple[RulePack, ...]:
    """The packs shipped with cleannews, sorted by name."""
    folder = resources.files("cleannews.rules").joinpath("packs")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return tuple(
        pack_from_toml(f.read_text("utf-8"), f.name, compile_patterns=False) for f in files
    )


def plugin_packs() -> tuple[RulePack, ...]:
    """Packs other distributions register under the `cleannews.rules` entry point group.

    An entry point may name a RulePack, a callable returning one, or a TOML file path.
    """
    packs = []
    for ep in sorted(entry_points(group="cleannews.rules"), key=lambda e: e.name):
        obj = ep.load()
        if callable(obj):
            obj = obj()
        if isinstance(obj, str | Path):
            obj = pack_from_toml(Path(obj).read_text("utf-8"), str(obj))
        if not isinstance(obj, RulePack):
            raise RuleError(f"entry point {ep.name!r} gave {type(obj).__name__}, not a RulePack")
        check_pack_patterns(obj)
        packs.append(obj)
    return tuple(packs)


def check_pack_patterns(pack: RulePack) -> None:
    """Refuse a pack with a pattern that can backtrack exponentially (`safety.py`): such a
    pattern burns the whole `regex_timeout` on every hostile line. Plugin packs are
    checked when they load; the built-in ones by the test suite."""
    for rule in pack.rules:
        problem = pattern_problem(rule.pattern)
        if problem is not None:
            raise RuleError(
                f"pack {pack.name!r}, rule {rule.name!r}: {problem}. Such a pattern can "
                "backtrack exponentially; make the parts unambiguous, or put the separator "
                "in an atomic group `(?>...)` (docs/writing-rules.md)"
            )


def all_packs(include_plugins: bool = True) -> tuple[RulePack, ...]:
    """Built-in packs, then plugin packs; a rule name must be unique across all of them,
    except that a rule may take the place of earlier packs' rules it names in `replaces`
    (which must exist): those leave their packs, so a replacement is always declared."""
    return _with_replacements(builtin_packs() + (plugin_packs() if include_plugins else ()))


def _with_replacements(packs: tuple[RulePack, ...]) -> tuple[RulePack, ...]:
    """`packs` without the rules that later packs replace; any other name used twice, or
    a replacement of a rule no earlier pack has, is an error."""
    replaced: dict[str, str] = {}  # rule name -> the pack whose rule replaces it
    earlier: set[str] = set()
    for pack in packs:
        for rule in pack.rules:
            for name in rule.replaces:
                if name not in earlier:
                    raise RuleError(
                        f"pack {pack.name!r}, rule {rule.name!r}: replaces {name!r}, which no "
                        "earlier pack has"
                    )
                replaced[name] = pack.name
        earlier.update(rule.name for rule in pack.rules)
    kept = tuple(
        RulePack(
            pack.name,
            pack.language,
            pack.description,
            tuple(r for r in pack.rules if replaced.get(r.name, pack.name) == pack.name),
        )
        for pack in packs
    )
    seen: dict[str, str] = {}
    for pack in kept:
        for rule in pack.rules:
            if rule.name in seen:
                raise RuleError(
                    f"rule {rule.name!r} is in packs {seen[rule.name]!r} and {pack.name!r} "
                    "(a rule that takes another's place says so: replaces = [name])"
                )
            seen[rule.name] = pack.name
    return kept


@cache
def rule_and_pack_names(include_plugins: bool = True) -> tuple[frozenset[str], frozenset[str]]:
    """The names of the installed rules and of their packs (read once per process)."""
    packs = all_packs(include_plugins)
    return frozenset(r.name for p in packs for r in p.rules), frozenset(p.name for p in packs)


def enabled_rules(
    rules: Iterable[Rule], disabled_rules: Iterable[str], disabled_packs: Iterable[str]
) -> tuple[Rule, ...]:
    """The rules not switched off by name or by pack."""
    rules_off, packs_off = frozenset(disabled_rules), frozenset(disabled_packs)
    return tuple(r for r in rules if r.name not in rules_off and r.pack not in packs_off)


def rules_for(
    packs: Iterable[RulePack], stage: str, languages: Iterable[str | None]
) -> tuple[Rule, ...]:
    """The rules of `stage` that apply to text in any of `languages` (neutral rules always)."""
    wanted = {lang for lang in languages if lang}
    return tuple(
        rule
        for pack in packs
        for rule in pack.rules
        if rule.stage == stage and (not rule.languages or wanted.intersection(rule.languages))
    )
