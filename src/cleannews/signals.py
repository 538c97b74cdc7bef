"""The signals stages pass each other on the working document, declared as contracts.

A stage reads what earlier stages wrote on the `Doc`: the repaired text of each line, the
detected language, where the article ends, which story each line belongs to. Each of
those is a `Signal` here, with the place on the document it lives in. A stage declares,
spaCy-style, the signals it `requires` (some earlier stage must provide them), those it
`reads` when they are there (a provider, if the pipeline has one, must come earlier;
without one the stage works on the empty signal), and those it `provides`. `Pipeline`
checks the order when it is built, and the error names the missing or late provider, so
moving a stage never silently changes what another one sees.

A third-party stage registers its own signals with `register_signal` and keeps their
values in `Doc.extensions` under the signal's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleannews.stages.base import Stage


@dataclass(frozen=True, slots=True)
class Signal:
    """One thing a stage tells later stages: its name, what it means, where it lives."""

    name: str
    description: str
    where: str

    def __repr__(self) -> str:
        return f"Signal({self.name!r})"


SIGNALS: dict[str, Signal] = {}


def register_signal(name: str, description: str, where: str) -> Signal:
    """Declare a signal by name (once: a second, different declaration is an error)."""
    signal = Signal(name, description, where)
    known = SIGNALS.get(name)
    if known is not None and known != signal:
        raise ValueError(f"signal {name!r} is already declared as {known.description!r}")
    SIGNALS[name] = signal
    return signal


LINE_TEXT = register_signal(
    "line-text", "each line's repaired text; blank lines marked blank", "Line.text, Line.fate"
)
LANGUAGE = register_signal(
    "language", "the page's language (ISO 639-1), or None when too short to tell", "Doc.language"
)
CAPTIONS = register_signal("captions", "caption lines marked as captions", "Line.fate")
BOILERPLATE = register_signal(
    "boilerplate", "lines removed as page furniture (widgets, share bars, prompts)", "Line.stage"
)
ARTICLE_END = register_signal(
    "article-end",
    "lines after which the article may end: headings (`ends_article`) and tail markers "
    "(`ends_tail`)",
    "Doc.end_markers, Doc.tail_markers",
)
LIST_START = register_signal(
    "list-start", "headings of inserted lists of links (`starts_list`)", "Doc.list_markers"
)
FORM_PARTS = register_signal(
    "form-parts",
    "lines removed as parts of a sign-up or comment form (`form_part`)",
    "Doc.form_lines",
)
STORIES = register_signal(
    "stories", "the story each line belongs to, one StoryMeta per story", "Line.story, Doc.stories"
)
REPEATS = register_signal(
    "repeats",
    "how many lines share a kept line's text, and the repeats removed (`duplicate-*`)",
    "Doc.repeats, Line.rule",
)
METADATA = register_signal(
    "metadata", "each story's title, authors, date, subtitle, summary, dateline", "Doc.stories"
)


class ContractError(ValueError):
    """Stages in an order that breaks a declared contract; the message names the provider."""


def check_order(
    stages: Sequence[Stage | type[Stage]], known: Iterable[Stage | type[Stage]] = ()
) -> None:
    """Raise `ContractError` unless every signal a stage requires comes from a stage
    before it, and every signal it reads comes from before it if it comes at all.

    `known` are the registered stages, to name a provider missing from the pipeline."""
    providers: dict[Signal, list[str]] = {}
    for stage in known:
        for signal in stage.provides:
            providers.setdefault(signal, []).append(stage.name)
    provided_at: dict[Signal, list[int]] = {}
    for i, stage in enumerate(stages):
        for signal in stage.provides:
            provided_at.setdefault(signal, []).append(i)
    for i, stage in enumerate(stages):
        for signal in (*stage.requires, *stage.reads):
            at = [j for j in provided_at.get(signal, ()) if j != i]
            if any(j < i for j in at):
                continue
            if at:
                late = stages[at[0]].name
                raise ContractError(
                    f"stage {stage.name!r} reads signal {signal.name!r} ({signal.description}), "
                    f"but its provider {late!r} comes after it: put {late!r} before {stage.name!r}"
                )
            if signal in stage.requires:
                could = sorted(set(providers.get(signal, [])))
                hint = f"; add one of {could} before it" if could else "; no known stage does"
                raise ContractError(
                    f"stage {stage.name!r} requires signal {signal.name!r} "
                    f"({signal.description}), which no stage before it provides{hint}"
                )
