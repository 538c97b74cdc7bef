"""The pipeline: an ordered list of stages, built from names, run on one page.

`Pipeline.clean(page)` turns a page (text or HTML, `str` or `bytes`) into an `Article`;
`Pipeline.explain(page)` tells the fate of every input line. A pipeline is immutable and
picklable; `without`, `with_stage` and `from_config` make changed copies, so a job can
inspect, reorder, drop or extend stages and ship the result to worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cleannews.assemble import build_article
from cleannews.config import DEFAULT_CONFIG, CleanConfig
from cleannews.document import Doc, Fate
from cleannews.inputs import Page, prepare
from cleannews.memo import document_memo
from cleannews.record import Article
from cleannews.signals import check_order
from cleannews.stages import BUILTIN_STAGES, STAGES
from cleannews.stages.base import Stage, stage_by_name

#: The built-in stages in their recommended order (see `cleannews.stages.BUILTIN_STAGES`).
DEFAULT_STAGES: tuple[str, ...] = BUILTIN_STAGES


@dataclass(frozen=True, slots=True)
class LineFate:
    """What happened to one input line: `fate` is where it went, `rule` why, and
    `trigger` the line whose signal set the rule off, if another line did."""

    line: int
    text: str
    fate: str
    story: int
    rule: str | None
    stage: str | None
    field: str | None
    trigger: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "text": self.text,
            "fate": self.fate,
            "story": self.story,
            "rule": self.rule,
            "stage": self.stage,
            "field": self.field,
            "trigger": self.trigger,
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """The record and, for each input line, its fate; for each story after the first, the
    line it starts on and the evidence that split it there (`boundaries`)."""

    article: Article
    lines: tuple[LineFate, ...]
    kind: str
    boundaries: tuple[tuple[int, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "article": self.article.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
            "boundaries": [{"line": no, "evidence": why} for no, why in self.boundaries],
        }


class Pipeline:
    """Stages in order, and the config they share."""

    def __init__(
        self, stages: Iterable[Stage | str] = DEFAULT_STAGES, config: CleanConfig | None = None
    ) -> None:
        self.stages: tuple[Stage, ...] = tuple(
            stage_by_name(s) if isinstance(s, str) else s for s in stages
        )
        names = [s.name for s in self.stages]
        if len(set(names)) != len(names):
            raise ValueError(f"a stage appears twice in {names}")
        check_order(self.stages, known=STAGES.values())  # ContractError names the provider
        self.config = config or DEFAULT_CONFIG

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Pipeline)
            and self.stages == other.stages
            and self.config == other.config
        )

    def __hash__(self) -> int:
        return hash((self.stages, self.config))

    # -- building changed copies -------------------------------------------------------

    def without(self, *names: str) -> Pipeline:
        """A copy without the named stages."""
        missing = set(names) - set(self.names)
        if missing:
            raise ValueError(f"no stage named {sorted(missing)} in {list(self.names)}")
        return Pipeline([s for s in self.stages if s.name not in names], self.config)

    def with_stage(
        self, stage: Stage | str, *, before: str | None = None, after: str | None = None
    ) -> Pipeline:
        """A copy with `stage` added before or after a named stage (default: at the end)."""
        new = stage_by_name(stage) if isinstance(stage, str) else stage
        stages = list(self.stages)
        anchor = before or after
        if anchor is None:
            stages.append(new)
        else:
            if anchor not in self.names:
                raise ValueError(f"no stage named {anchor!r} in {list(self.names)}")
            at = self.names.index(anchor) + (1 if after else 0)
            stages.insert(at, new)
        return Pipeline(stages, self.config)

    def with_config(self, **changes: Any) -> Pipeline:
        return Pipeline(self.stages, self.config.replace(**changes))

    def to_config(self) -> dict[str, Any]:
        """A plain dict that `Pipeline.from_config` turns back into this pipeline."""
        return {"stages": list(self.names), "options": self.config.to_dict()}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Pipeline:
        """Build from `{"stages": [...names], "options": {...}}`; both keys optional."""
        if not isinstance(config, dict):
            raise ValueError(f"a pipeline config must be an object, got {type(config).__name__}")
        unknown = sorted(set(config) - {"stages", "options"})
        if unknown:
            raise ValueError(f"unknown pipeline config keys {unknown}; use 'stages', 'options'")
        stages: Sequence[str] = config.get("stages", DEFAULT_STAGES)
        if isinstance(stages, str) or not isinstance(stages, list | tuple):
            raise ValueError(f"stages must be a list of stage names, got {stages!r}")
        bad = [name for name in stages if not isinstance(name, str)]
        if bad:
            raise ValueError(f"stages must be stage names (strings), got {bad!r}")
        return cls(stages, CleanConfig.from_dict(config.get("options", {})))

    # -- running -------------------------------------------------------------------------

    def run(
        self,
        page: Page,
        *,
        kind: str | None = None,
        url: str | None = None,
        charset: str | None = None,
    ) -> Doc:
        """The working document after every stage: for tools that need the details."""
        with document_memo():  # answers about this page's lines, shared by its stages
            doc = prepare(page, self.config, kind=kind, url=url, charset=charset)
            for stage in self.stages:
                stage.run(doc)
        return doc

    def clean(
        self,
        page: Page,
        *,
        kind: str | None = None,
        url: str | None = None,
        charset: str | None = None,
    ) -> Article:
        """The clean record of one page (text or HTML, str or bytes).

        `charset` is what the HTTP Content-Type header declared, for bytes input.
        """
        return build_article(self.run(page, kind=kind, url=url, charset=charset))

    def explain(
        self,
        page: Page,
        *,
        kind: str | None = None,
        url: str | None = None,
        charset: str | None = None,
    ) -> Explanation:
        """The record plus each input line's fate."""
        doc = self.run(page, kind=kind, url=url, charset=charset)
        lines = tuple(
            LineFate(
                ln.no, ln.text or ln.raw, ln.fate, ln.story, ln.rule, ln.stage, ln.field, ln.trigger
            )
            for ln in doc.lines
        )
        return Explanation(build_article(doc), lines, doc.kind, _boundaries(doc))


#: The evidence of a story start that the HTML markup set (`Doc.preset_starts`).
_MARKUP_EVIDENCE = "separate html <article> elements"


def _boundaries(doc: Doc) -> tuple[tuple[int, str], ...]:
    """Each story's first line after the first story, with the evidence for the split
    ("headline + byline", "topic shift 0.021", "separate html <article> elements")."""
    found: list[tuple[int, str]] = []
    story = 0
    for line in doc.lines:
        if line.story != story:
            story = line.story
            found.append((line.no, doc.story_evidence.get(line.no, _MARKUP_EVIDENCE)))
    return tuple(found)


def default_pipeline(config: CleanConfig | None = None) -> Pipeline:
    """The standard pipeline: every built-in stage in the recommended order."""
    return Pipeline(DEFAULT_STAGES, config)


__all__ = ["DEFAULT_STAGES", "Explanation", "Fate", "LineFate", "Pipeline", "default_pipeline"]
