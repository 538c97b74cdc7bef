"""The record types: the contract between cleannews and its users.

Everything a caller gets back is an immutable `Article` holding tuples and plain values, so
records can be hashed, shared between threads and shipped to other processes safely.
`to_dict()` gives a JSON-ready dict (validated by the JSON Schema shipped in
`cleannews/schema/article.schema.json`) and `Article.from_dict` reverses it exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Removal:
    """One input line that is not in the article text, and the rule that took it out.

    `line` is the 0-based line number in the decoded input text (for HTML pages: in the
    text extracted from the HTML, or None for whole elements dropped from the HTML).
    `field` says where the line's content went when it was turned into metadata instead of
    being dropped (a byline becomes `authors`, a date line `published`); None means dropped.

    The evidence, so that a removal is traced in one lookup: a structural rule that
    acts on another line's signal names that line in `trigger_line`, with its rule
    (`trigger_rule`) and text (`trigger_text`): everything after a comment heading goes
    as `after-article-end`, set off by the heading's line via `comment-count`. An element
    dropped from the HTML has its path in the page (`element`) and, when its class or id
    decided, that attribute (`marker`, e.g. `class="comments-area"`). Each is None where
    the rule needs no other evidence than the line itself.
    """

    text: str
    rule: str
    stage: str
    line: int | None = None
    field: str | None = None
    trigger_line: int | None = None
    trigger_rule: str | None = None
    trigger_text: str | None = None
    element: str | None = None
    marker: str | None = None

    @property
    def evidence(self) -> str:
        """The rule and what set it off, in words: "after-article-end, set off by line 41
        'Comments (3)' via comment-count"; "html-comments, element /html/body/div[3]
        (class="comments")"."""
        parts = [self.rule]
        if self.trigger_line is not None:
            via = f" via {self.trigger_rule}" if self.trigger_rule else ""
            parts.append(f"set off by line {self.trigger_line} {self.trigger_text!r}{via}")
        if self.element is not None:
            marker = f" ({self.marker})" if self.marker else ""
            parts.append(f"element {self.element}{marker}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "rule": self.rule,
            "stage": self.stage,
            "line": self.line,
            "field": self.field,
            "trigger_line": self.trigger_line,
            "trigger_rule": self.trigger_rule,
            "trigger_text": self.trigger_text,
            "element": self.element,
            "marker": self.marker,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Removal:
        return cls(
            text=data["text"],
            rule=data["rule"],
            stage=data["stage"],
            line=data.get("line"),
            field=data.get("field"),
            trigger_line=data.get("trigger_line"),
            trigger_rule=data.get("trigger_rule"),
            trigger_text=data.get("trigger_text"),
            element=data.get("element"),
            marker=data.get("marker"),
        )


#: The `Removal` fields added after schema version 1 first shipped: optional in the schema,
#: so records written before them still validate.
EVIDENCE_FIELDS = ("trigger_line", "trigger_rule", "trigger_text", "element", "marker")


PublishedDate = dt.date | dt.datetime


@dataclass(frozen=True, slots=True)
class Article:
    """One clean story.

    `paragraphs` hold the body as published (the dateline stays at the start of its
    paragraph and is also given in `dateline`). `others` holds the other complete stories
    found on the same page (each an Article with empty `others`). `removed` logs every line
    that is not part of this story's text, with the rule and stage that removed it.
    """

    title: str | None = None
    subtitle: str | None = None
    summary: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    published: PublishedDate | None = None
    dateline: str | None = None
    paragraphs: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    language: str | None = None
    url: str | None = None
    site_name: str | None = None
    others: tuple[Article, ...] = ()
    removed: tuple[Removal, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def body(self) -> str:
        """The paragraphs joined by a blank line."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `body` is included for convenience and ignored on the way back."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "subtitle": self.subtitle,
            "summary": list(self.summary),
            "authors": list(self.authors),
            "published": _date_to_str(self.published),
            "dateline": self.dateline,
            "paragraphs": list(self.paragraphs),
            "body": self.body,
            "captions": list(self.captions),
            "language": self.language,
            "url": self.url,
            "site_name": self.site_name,
            "others": [other.to_dict() for other in self.others],
            "removed": [removal.to_dict() for removal in self.removed],
            "warnings": list(self.warnings),
        }

    def to_json(self, **kwargs: Any) -> str:
        """`to_dict()` as JSON text (non-ASCII kept as is)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from `to_dict()` output (round-trips exactly)."""
        return cls(
            title=data.get("title"),
            subtitle=data.get("subtitle"),
            summary=tuple(data.get("summary", ())),
            authors=tuple(data.get("authors", ())),
            published=_date_from_str(data.get("published")),
            dateline=data.get("dateline"),
            paragraphs=tuple(data.get("paragraphs", ())),
            captions=tuple(data.get("captions", ())),
            language=data.get("language"),
            url=data.get("url"),
            site_name=data.get("site_name"),
            others=tuple(cls.from_dict(other) for other in data.get("others", ())),
            removed=tuple(Removal.from_dict(r) for r in data.get("removed", ())),
            warnings=tuple(data.get("warnings", ())),
        )


def _date_to_str(value: PublishedDate | None) -> str | None:
    return None if value is None else value.isoformat()


def _date_from_str(value: str | None) -> PublishedDate | None:
    """ISO text back to a date (no time part) or a datetime (with one)."""
    if value is None:
        return None
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that `Article.to_dict()` output follows."""
    text = resources.files("cleannews").joinpath("schema/article.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
