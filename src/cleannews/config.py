"""The pipeline's options: one immutable, validated, picklable object.

Like ftfy's `TextFixerConfig`, a `CleanConfig` is frozen: make a changed copy with
`config.replace(option=value)`. Every option has a default that suits news pages at large;
`CleanConfig.from_dict` merges a plain dict (from JSON, TOML, CLI flags) over the defaults
and rejects unknown keys, so a typo in a job's config fails loudly instead of being ignored.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, fields
from typing import Any

#: Upper bounds for the time options, in seconds. Larger values are refused: the regex
#: engine overflows (every rule "times out" at once from about 1e13 s) and the HTML budget
#: becomes an OverflowError on every page at `inf`; no page needs more than this anyway.
MAX_REGEX_TIMEOUT = 60.0
MAX_HTML_TIME_BUDGET = 3600.0
_TIMES = {"regex_timeout": MAX_REGEX_TIMEOUT, "html_time_budget": MAX_HTML_TIME_BUDGET}
_COUNTS = ("max_input_chars", "language_sample_chars", "min_story_paragraphs")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Options shared by all stages.

    languages: rule-pack languages to use; None means the detected language's pack plus
        English (page templates are often left in English on sites in other languages);
        the language-neutral rules are always used.
    regex_timeout: seconds one line may spend in one rule's pattern.
    max_input_chars: longer pages are truncated there, with a warning (never silently).
    language_sample_chars: how much body text language detection reads.
    min_story_paragraphs: prose paragraphs a second story needs to count as a story.
    html_time_budget: seconds trafilatura may spend on one page before the cheap fallback.
    include_plugins: load third-party rule packs from the `cleannews.rules` entry points.
    split_on_topic: on text input, also split where the topic changes sharply with no
        headline at all (`cleannews.cohesion`). Off by default: it compares the vocabulary
        around every paragraph gap, which slowed the text path by about 45 % on the
        ScrapingHub texts, for 0.33 of headline-less joins found (splitting benchmark).
    disabled_rules: names of pack rules to switch off (`cleannews rules list` shows them);
        an unknown name is an error, so a typo or a renamed rule fails loudly.
    disabled_packs: names of whole rule packs to switch off ("en", "neutral", a plugin's).
    """

    languages: tuple[str, ...] | None = None
    regex_timeout: float = 0.05
    max_input_chars: int = 5_000_000
    language_sample_chars: int = 400
    min_story_paragraphs: int = 3
    html_time_budget: float = 10.0
    include_plugins: bool = True
    split_on_topic: bool = False
    disabled_rules: tuple[str, ...] = ()
    disabled_packs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Refuse, with a ValueError naming the option, any value that would break pages
        later (a string for `languages`, an infinite budget, a float count...)."""
        object.__setattr__(self, "languages", _checked_languages(self.languages))
        for name, ceiling in _TIMES.items():
            _check_seconds(name, getattr(self, name), ceiling)
        for name in _COUNTS:
            _check_count(name, getattr(self, name))
        for flag in ("include_plugins", "split_on_topic"):
            if not isinstance(getattr(self, flag), bool):
                raise ValueError(f"{flag} must be true or false, got {getattr(self, flag)!r}")
        if self.disabled_rules or self.disabled_packs:
            self._check_disabled_names()

    def _check_disabled_names(self) -> None:
        """Switching off a rule or pack that does not exist is an error, never a no-op."""
        from cleannews.rules import STRUCTURAL_RULES, rule_and_pack_names

        for name in ("disabled_rules", "disabled_packs"):
            value = getattr(self, name)
            if isinstance(value, str) or not all(isinstance(x, str) for x in value):
                raise ValueError(f"{name} must be a tuple of names")
        rules, packs = rule_and_pack_names(self.include_plugins)
        structural = sorted(set(self.disabled_rules) & set(STRUCTURAL_RULES))
        if structural:
            raise ValueError(
                f"disabled_rules: {structural} are code rules of a stage, not pack rules; "
                "drop the stage with Pipeline.without(...) instead"
            )
        unknown = sorted(set(self.disabled_rules) - rules)
        if unknown:
            raise ValueError(f"disabled_rules: no pack rule named {unknown}")
        unknown = sorted(set(self.disabled_packs) - packs)
        if unknown:
            raise ValueError(
                f"disabled_packs: no rule pack named {unknown}; known: {sorted(packs)}"
            )

    def replace(self, **changes: Any) -> CleanConfig:
        """A copy with some options changed (validated like a new config); an unknown
        option is a ValueError, like in `from_dict`."""
        _check_known(changes)
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if self.languages is not None:
            data["languages"] = list(self.languages)
        data["disabled_rules"] = list(self.disabled_rules)
        data["disabled_packs"] = list(self.disabled_packs)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CleanConfig:
        """Defaults merged with `data`; unknown keys are an error."""
        if not isinstance(data, dict):
            raise ValueError(f"options must be an object of option: value, got {data!r}")
        _check_known(data)
        values = dict(data)
        for name in ("disabled_rules", "disabled_packs"):
            if isinstance(values.get(name), list):
                values[name] = tuple(values[name])
        return cls(**values)


def _check_known(options: dict[str, Any]) -> None:
    known = {f.name for f in fields(CleanConfig)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ValueError(f"unknown config options {unknown}; known: {sorted(known)}")


def _checked_languages(value: object) -> tuple[str, ...] | None:
    """None, or a tuple of language codes (a list is accepted; a bare string is not: "en"
    would otherwise be read as the codes "e" and "n")."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ValueError(
            f"languages must be a list of ISO 639-1 codes such as ['en'] or None, got {value!r}"
        )
    bad = [code for code in value if not (isinstance(code, str) and _LANGUAGE_CODE.fullmatch(code))]
    if bad:
        raise ValueError(f"languages must be lower-case ISO 639-1 codes such as 'en', got {bad!r}")
    return tuple(value)


def _check_seconds(name: str, value: object, ceiling: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of seconds, got {value!r}")
    if not (math.isfinite(value) and 0 < value <= ceiling):
        raise ValueError(f"{name} must be > 0 and <= {ceiling:g} seconds, got {value!r}")


def _check_count(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value!r}")


DEFAULT_CONFIG = CleanConfig()
