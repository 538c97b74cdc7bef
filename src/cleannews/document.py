"""The working document the stages read and mark: one `Line` per input line.

Stages never delete lines. They set each line's *fate* (body, title, caption, removed, ...)
together with the rule and stage that decided it, Dolma-style: the decisions stay attached
to the text, so `explain()` and `Article.removed` come for free and the accounting "every
non-blank input line is in exactly one place" holds by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleannews.config import CleanConfig


class Fate:
    """Where a line ends up. Plain strings, so they serialise as they are."""

    BLANK = "blank"
    BODY = "body"
    TITLE = "title"
    SUBTITLE = "subtitle"
    SUMMARY = "summary"
    CAPTION = "caption"
    REMOVED = "removed"


@dataclass(slots=True)
class Line:
    """One input line and what the stages decided about it."""

    no: int
    raw: str
    text: str = ""
    fate: str = Fate.BODY
    rule: str | None = None
    stage: str | None = None
    field: str | None = None
    story: int = 0
    #: The line whose signal made a structural rule remove this one (a comment heading
    #: for the lines after it), if any: the removal's evidence.
    trigger: int | None = None

    @property
    def is_open(self) -> bool:
        """Still body text: no stage has taken it yet."""
        return self.fate == Fate.BODY


@dataclass(slots=True)
class StoryMeta:
    """Metadata the metadata stage found for one story."""

    title: str | None = None
    subtitle: str | None = None
    summary: list[str] = field(default_factory=list)
    #: Names in the order found, each once: a dict, so that adding a name is a lookup, not
    #: a scan of the names found so far (a page of distinct bylines was quadratic).
    authors: dict[str, None] = field(default_factory=dict)
    published: dt.date | dt.datetime | None = None
    dateline: str | None = None


@dataclass(slots=True)
class PageMeta:
    """What the page itself says about the main story (HTML metadata), if anything."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | dt.datetime | None = None
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    #: The page declares itself a discussion (a forum thread, a Q&A page): its replies
    #: are its content, not a comment section after the article.
    discussion: bool = False


@dataclass(frozen=True, slots=True)
class HtmlRemoved:
    """An HTML element removed before extraction: its text, the rule, and the evidence
    (the element's path in the page, and the class/id attribute that marked it)."""

    text: str
    rule: str
    element: str | None = None
    marker: str | None = None


@dataclass(slots=True)
class Doc:
    """A page in the making: its lines, its stories' metadata, warnings."""

    lines: list[Line]
    config: CleanConfig
    kind: str = "text"
    language: str | None = None
    page: PageMeta = field(default_factory=PageMeta)
    stories: list[StoryMeta] = field(default_factory=lambda: [StoryMeta()])
    warnings: list[str] = field(default_factory=list)
    #: Lines whose rule said "the article ends here" (comment headings, related lists).
    end_markers: list[int] = field(default_factory=list)
    #: Lines that end the article only in its tail (comment counters: rule `ends_tail`).
    tail_markers: list[int] = field(default_factory=list)
    #: Lines whose rule said "a list of links follows" (related-stories headings).
    list_markers: list[int] = field(default_factory=list)
    #: Lines removed as parts of a sign-up or comment form (rules flagged `form_part`).
    form_lines: set[int] = field(default_factory=set)
    #: Line index -> how many lines of the page share its text (set by the duplicates stage).
    repeats: dict[int, int] = field(default_factory=dict)
    #: Line numbers where a story is known to start (separate HTML `<article>`s).
    preset_starts: set[int] = field(default_factory=set)
    #: Line numbers of blocks put back from the page's main content after extraction
    #: (`cleannews.html.restore_main_content`): text, but no evidence of the page's shape.
    restored: set[int] = field(default_factory=set)
    #: Line number of each story's first line -> the evidence that split it there
    #: ("headline + byline", "topic shift 0.02 + headline"), for `explain`.
    story_evidence: dict[int, str] = field(default_factory=dict)
    #: Caption texts the HTML marks (figcaption, caption classes), in page order.
    html_captions: list[str] = field(default_factory=list)
    #: Authors of each story read from HTML byline elements.
    html_authors: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: HTML elements removed before extraction.
    html_removals: list[HtmlRemoved] = field(default_factory=list)
    #: Values of the signals third-party stages register (`signals.register_signal`),
    #: by signal name.
    extensions: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, config: CleanConfig, kind: str = "text") -> Doc:
        lines = [Line(no=i, raw=raw) for i, raw in enumerate(text.splitlines())]
        return cls(lines=lines, config=config, kind=kind)

    def mark(self, line: Line, fate: str, rule: str | None, stage: str) -> None:
        """Give a line its fate, with the rule and stage responsible."""
        line.fate = fate
        line.rule = rule
        line.stage = stage

    def remove(
        self,
        line: Line,
        rule: str,
        stage: str,
        into: str | None = None,
        *,
        trigger: Line | None = None,
    ) -> None:
        """Take a line out of the text; `into` names the field its content went to, if any,
        and `trigger` the line whose signal set the rule off, if another line did."""
        self.mark(line, Fate.REMOVED, rule, stage)
        line.field = into
        line.trigger = None if trigger is None else trigger.no

    def open_lines(self, story: int | None = None) -> Iterator[Line]:
        """Lines still in the body (optionally of one story), in order."""
        for line in self.lines:
            if line.fate == Fate.BODY and (story is None or line.story == story):
                yield line

    def lines_by_story(self) -> dict[int, list[Line]]:
        """The non-blank lines of each story, in order, whatever their fate; read in one
        pass, so a stage that visits every story costs no more than lines."""
        found: dict[int, list[Line]] = {i: [] for i in range(len(self.stories))}
        for line in self.lines:
            if line.fate != Fate.BLANK:
                found.setdefault(line.story, []).append(line)
        return found

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
