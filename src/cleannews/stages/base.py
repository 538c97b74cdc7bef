"""What a stage is, and the registry that lets a pipeline be built from names.

A stage is a small class with a `name` and one `run(doc)` method that marks lines of the
working document (datatrove-style). Stages are registered by name (spaCy-style), so a
pipeline can be written as a plain list of names in a config file, and third-party
packages can add stages through the `cleannews.stages` entry point group.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, ClassVar, TypeVar

from cleannews.document import Doc
from cleannews.rules import RulePack, all_packs, enabled_rules, rules_for
from cleannews.rules.matcher import RuleMatcher
from cleannews.signals import Signal


class Stage:
    """Base class: subclasses set `name` and implement `run`, and declare their contract
    (see `cleannews.signals`): the signals they `require` from earlier stages, those they
    `read` when an earlier stage gives them, and those they `provide`. `colour` marks what
    they remove in the HTML explain report."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[tuple[Signal, ...]] = ()
    reads: ClassVar[tuple[Signal, ...]] = ()
    provides: ClassVar[tuple[Signal, ...]] = ()
    colour: ClassVar[str] = "#444444"

    def run(self, doc: Doc) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))


class RuleStage(Stage):
    """A stage driven by the line rules of its name, chosen by the page's language.

    The matcher for each language set is built on first use and kept on the
    instance: it is a pure function of the packs, so keeping it never changes results.
    It is dropped when the stage is pickled and rebuilt in the worker.
    """

    def __init__(self) -> None:
        self._matchers: dict[tuple[object, ...], RuleMatcher] = {}

    def matcher(self, doc: Doc) -> RuleMatcher:
        languages = _languages(doc)
        config = doc.config
        key = (
            languages,
            config.regex_timeout,
            config.include_plugins,
            config.disabled_rules,
            config.disabled_packs,
        )
        found = self._matchers.get(key)
        if found is None:
            packs = _packs(config.include_plugins)
            rules = enabled_rules(
                rules_for(packs, self.name, languages),
                config.disabled_rules,
                config.disabled_packs,
            )
            found = RuleMatcher(rules, timeout=config.regex_timeout)
            self._matchers[key] = found
        return found

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._matchers = {}


def _languages(doc: Doc) -> tuple[str, ...]:
    """The detected language's pack, plus English: page templates (share bars, "Filed
    under", comment widgets) are often left in English on sites in other languages."""
    if doc.config.languages is not None:
        return tuple(sorted(doc.config.languages))
    return tuple(sorted({"en", doc.language} - {None}))  # type: ignore[arg-type]


_PACKS: dict[bool, tuple[RulePack, ...]] = {}


def _packs(include_plugins: bool) -> tuple[RulePack, ...]:
    """The installed rule packs (read once: installed files do not change while we run)."""
    if include_plugins not in _PACKS:
        _PACKS[include_plugins] = all_packs(include_plugins)
    return _PACKS[include_plugins]


def header_rule_names(include_plugins: bool) -> frozenset[str]:
    """Names of the rules flagged `story_header` (lines typical of a story's header)."""
    return frozenset(
        rule.name for pack in _packs(include_plugins) for rule in pack.rules if rule.story_header
    )


StageT = TypeVar("StageT", bound=type[Stage])
STAGES: dict[str, type[Stage]] = {}


def register_stage(cls: StageT) -> StageT:
    """Class decorator: make a stage available by its `name`."""
    STAGES[cls.name] = cls
    return cls


def stage_class(name: str) -> type[Stage]:
    """The stage class registered (or installed as a plugin) under `name`."""
    if name not in STAGES:
        for ep in entry_points(group="cleannews.stages"):
            if ep.name == name:
                STAGES[name] = ep.load()
    try:
        return STAGES[name]
    except KeyError:
        raise ValueError(
            f"unknown stage {name!r}; known: {sorted(STAGES)}. A stage is known once its "
            "class is decorated with @register_stage and its module imported: list a "
            "built-in module in cleannews.stages.BUILTIN_STAGES, or install a plugin's "
            "under the 'cleannews.stages' entry point group"
        ) from None


def stage_by_name(name: str) -> Stage:
    """A new instance of the stage registered (or installed as a plugin) under `name`."""
    factory: Callable[[], Stage] = stage_class(name)
    return factory()
