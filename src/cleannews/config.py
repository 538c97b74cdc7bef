"""The pipeline's options: one immutable, validated, picklable object.

Like ftfy's `TextFixerConfig`, a `CleanConfig` is frozen: make a changed copy with
`config.replace(option=value)`. Every option has a default that suits news pages at large;
`CleanConfig.from_dict` merges a plain dict (from JSON, TOML, CLI flags) over the defaults
and rejects unknown keys, so a typo in a job's config fails loudly instead of being ignored.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any


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
    disabled_rules: tuple[str, ...] = ()
    disabled_packs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.languages is not None and not all(isinstance(x, str) for x in self.languages):
            raise ValueError("languages must be a tuple of ISO 639-1 codes or None")
        for name in ("regex_timeout", "html_time_budget"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be > 0")
        for name in ("max_input_chars", "language_sample_chars", "min_story_paragraphs"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1")
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
        """A copy with some options changed (validated like a new config)."""
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
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown config options {unknown}; known: {sorted(known)}")
        values = dict(data)
        if values.get("languages") is not None:
            values["languages"] = tuple(values["languages"])
        for name in ("disabled_rules", "disabled_packs"):
            if isinstance(values.get(name), list):
                values[name] = tuple(values[name])
        return cls(**values)


DEFAULT_CONFIG = CleanConfig()
