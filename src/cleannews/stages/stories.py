"""Stage 5, stories: split a page holding several stories; cut what follows an article.

Infinite-scroll sites append the next story with its own header block: a headline, then
some of a caption, a timestamp, a byline, a date, the headline again. A headline-like line
followed by such a block *and* by enough prose to be a complete story starts a new story
(it becomes one of `Article.others`). A headline followed by an ellipsis-cut snippet is a
teaser for another page and is removed. Within each story, the lines after a heading
that ends the article (marked by the boilerplate stage: a comment section, a related list)
are removed.
"""

from __future__ import annotations

from cleannews.document import Doc, Fate, Line, StoryMeta
from cleannews.rules import structural_rule
from cleannews.shapes import (
    bullet_text,
    is_headline_like,
    is_name_like,
    is_prose,
    is_snippet,
    line_key,
    word_count,
)
from cleannews.stages.base import RuleStage, header_rule_names, register_stage
from cleannews.stages.metadata import is_byline, is_date_line

TEASER = structural_rule(
    "teaser",
    "stories",
    "A headline followed by an ellipsis-cut snippet after the article: a link to another story.",
)
AFTER_END = structural_rule(
    "after-article-end",
    "stories",
    "A line after a heading that ends the article (a comment section's heading).",
)
LINK_LIST = structural_rule(
    "link-list",
    "stories",
    "A short line in the list of links that follows a 'Related' / 'Don't miss' heading.",
)
#: How many lines after a candidate headline may hold its header block.
HEADER_WINDOW = 10
#: Evidence kinds that never occur inside one article's body.
_STRONG_KINDS = frozenset({"byline", "date", "timestamp"})


@register_stage
class SplitStories(RuleStage):
    """Assign each line to a story, remove teasers and what follows an article's end."""

    name = "stories"

    def run(self, doc: Doc) -> None:
        lines = [ln for ln in doc.lines if ln.fate != Fate.BLANK]
        starts = self._story_starts(doc, lines)
        first_lines = {lines[pos].no for pos in starts}
        first_lines |= {_first_text_line(doc, no) for no in doc.preset_starts}
        first_lines.discard(-1)
        story = 0
        for line in doc.lines:  # blank lines go with the story before them
            if line.no in first_lines:
                story += 1
            line.story = story
        doc.stories.extend(StoryMeta() for _ in range(story))
        self._remove_teasers(doc, lines)
        self._remove_link_lists(doc, lines)
        self._cut_after_end_markers(doc)

    def _story_starts(self, doc: Doc, lines: list[Line]) -> set[int]:
        starts: set[int] = set()
        prose_seen = 0
        seen_keys: set[str] = set()
        for pos, line in enumerate(lines):
            key = line_key(line.text)
            if line.is_open and is_prose(line.text):
                prose_seen += 1
                continue
            candidate = (
                line.is_open and is_headline_like(line.text) and bullet_text(line.text) is None
            )
            if prose_seen < 2 or not candidate or key in seen_keys:
                seen_keys.add(key)  # a heading that recurs in the story is a subheading
                continue
            seen_keys.add(key)
            header_end, kinds = _header_evidence(doc, lines, pos)
            if not _is_strong(kinds):
                continue
            if _has_prose(lines, header_end, doc.config.min_story_paragraphs):
                starts.add(pos)
                prose_seen = 0
        return starts

    def _remove_teasers(self, doc: Doc, lines: list[Line]) -> None:
        """A headline + snippet pair after the story's last prose paragraph is a teaser."""
        last_prose: dict[int, int] = {}
        for pos, line in enumerate(lines):
            if line.is_open and is_prose(line.text) and not is_snippet(line.text):
                last_prose[line.story] = pos
        for pos, line in enumerate(lines[:-1]):
            nxt = lines[pos + 1]
            if (
                pos > last_prose.get(line.story, len(lines))
                and line.is_open
                and nxt.is_open
                and nxt.story == line.story
                and is_headline_like(line.text)
                and is_snippet(nxt.text)
                and word_count(nxt.text) >= 12
            ):
                doc.remove(line, TEASER, self.name)
                doc.remove(nxt, TEASER, self.name)

    def _remove_link_lists(self, doc: Doc, lines: list[Line]) -> None:
        """After a list heading, the short lines up to the next prose paragraph are links."""
        markers = set(doc.list_markers)
        in_list = False
        for line in lines:
            if line.no in markers:
                in_list = True
            elif in_list and line.is_open:
                if is_prose(line.text) and not is_snippet(line.text):
                    in_list = False
                else:
                    doc.remove(line, LINK_LIST, self.name)

    def _cut_after_end_markers(self, doc: Doc) -> None:
        """From the first end marker that follows prose, remove the rest of its story."""
        markers = set(doc.end_markers)
        prose_seen: set[int] = set()
        cutting: set[int] = set()
        for line in doc.lines:
            if line.story in cutting:
                if line.is_open:
                    doc.remove(line, AFTER_END, self.name)
            elif line.no in markers and line.story in prose_seen:
                cutting.add(line.story)
            elif line.is_open and is_prose(line.text):
                prose_seen.add(line.story)


def _first_text_line(doc: Doc, no: int) -> int:
    """The first non-blank line at or after `no` (-1 if none): where a preset story starts."""
    for line in map(doc.lines.__getitem__, range(no, len(doc.lines))):  # no copy per start
        if line.fate != Fate.BLANK:
            return line.no
    return -1


def _header_evidence(doc: Doc, lines: list[Line], pos: int) -> tuple[int, set[str]]:
    """What follows a candidate headline before the next prose line, as evidence kinds."""
    head_key = line_key(lines[pos].text)
    kinds: set[str] = set()
    end = pos + 1
    while end < len(lines) and end <= pos + HEADER_WINDOW:
        line = lines[end]
        if line.is_open and is_prose(line.text) and not is_date_line(line.text, doc.language):
            break
        kinds |= _evidence_kinds(doc, line, head_key)
        end += 1
    return end, kinds


def _evidence_kinds(doc: Doc, line: Line, head_key: str) -> set[str]:
    if line_key(line.text) == head_key:
        return {"repeat"}
    if line.fate == Fate.CAPTION:
        return {"caption"}
    if line.fate == Fate.REMOVED:
        rule = line.rule or ""
        return {"timestamp"} if _is_header_rule(doc, rule) else set()
    if is_byline(doc, line.text):
        return {"byline"}
    if is_date_line(line.text, doc.language):
        return {"date"}
    if is_name_like(line.text):
        return {"name"}
    return set()


def _is_header_rule(doc: Doc, rule_name: str) -> bool:
    return rule_name in header_rule_names(doc.config.include_plugins)


def _is_strong(kinds: set[str]) -> bool:
    """Three kinds of header lines, or two of which one never occurs inside a body."""
    return len(kinds) >= 3 or (len(kinds) >= 2 and bool(kinds & _STRONG_KINDS))


def _has_prose(lines: list[Line], start: int, wanted: int) -> bool:
    """At least `wanted` prose lines among the next few dozen lines (bounded work)."""
    found = 0
    for line in lines[start : start + 8 * wanted + 20]:
        if line.is_open and is_prose(line.text):
            found += 1
            if found >= wanted:
                return True
    return False
