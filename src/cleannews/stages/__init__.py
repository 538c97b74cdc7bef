"""The built-in stages, one module each, and their registry.

`BUILTIN_STAGES` is the one list to edit when adding a stage to cleannews: its name (the
module `cleannews.stages.<name>`, whose stage class is decorated with `@register_stage`),
in the default pipeline's order. The default pipeline, the HTML report's colours and the
contracts table in docs/architecture.md are all derived from it and from the stage
classes' declarations. A plugin stage needs no edit here: it registers through the
`cleannews.stages` entry point group.
"""

from importlib import import_module

from cleannews.signals import Signal
from cleannews.stages.base import (
    STAGES,
    RuleStage,
    Stage,
    register_stage,
    stage_by_name,
    stage_class,
)

#: The built-in stages, in the default pipeline's order (each is `cleannews.stages.<name>`).
BUILTIN_STAGES: tuple[str, ...] = (
    "encoding",
    "language",
    "captions",
    "boilerplate",
    "stories",
    "duplicates",
    "metadata",
)

for _name in BUILTIN_STAGES:  # importing a stage's module registers it
    import_module(f"cleannews.stages.{_name}")


def contracts_table(names: tuple[str, ...] = BUILTIN_STAGES) -> str:
    """The stages' contracts and the signals they pass, as the Markdown tables of
    docs/architecture.md (tests/test_contracts.py checks that the doc shows this)."""
    rows = [
        "| # | stage | requires | reads (when an earlier stage gives it) | provides |",
        "|---|-------|----------|-----------------------------------------|----------|",
    ]
    for i, name in enumerate(names, 1):
        stage = stage_class(name)
        cells = [_signal_names(s) for s in (stage.requires, stage.reads, stage.provides)]
        rows.append(f"| {i} | `{name}` | " + " | ".join(cells) + " |")
    rows += ["", "| signal | meaning | on the document |", "|--------|---------|-----------------|"]
    used = {s for name in names for s in stage_class(name).provides}
    for signal in sorted(used, key=lambda s: s.name):
        rows.append(f"| `{signal.name}` | {signal.description} | `{signal.where}` |")
    return "\n".join(rows) + "\n"


def _signal_names(signals: tuple[Signal, ...]) -> str:
    return ", ".join(f"`{s.name}`" for s in signals) or "-"


__all__ = [
    "BUILTIN_STAGES",
    "STAGES",
    "RuleStage",
    "Stage",
    "contracts_table",
    "register_stage",
    "stage_by_name",
    "stage_class",
]
