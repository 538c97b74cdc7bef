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

from collections.abc import Callable
from typing import TypeVar

from cleannews.document import Doc, Fate, Line, StoryMeta
from cleannews.memo import cached
from cleannews.rules import structural_rule
from cleannews.shapes import (
    bullet_text,
    is_headline_like,
    is_name_like,
    is_prose,
    is_snippet,
    is_title_case,
    line_key,
    list_item_text,
    word_count,
)
from cleannews.signals import (
    ARTICLE_END,
    BOILERPLATE,
    CAPTIONS,
    LANGUAGE,
    LINE_TEXT,
    LIST_START,
    STORIES,
)
from cleannews.stages.base import RuleStage, header_rule_names, register_stage
from cleannews.stages.boilerplate import RemoveBoilerplate
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
HEADLINE_LIST = structural_rule(
    "headline-list",
    "stories",
    "Two or more list items in a row written as title-case headlines, or three or more "
    "headlines of one series ('Design Week 2018 | A tribute to ...'), in the second half of "
    "a story: links to other stories ('- 15 Amazing Images of Stars').",
)
#: Fewest lines of a run of one series' headlines: two such lines may be a table's rows.
MIN_SERIES_RUN = 3
#: Share of kicker words two series headlines have in common (spelling varies: "Milan" /
#: "Milano Design Week").
SERIES_OVERLAP = 0.5
WIDGET_LIST = structural_rule(
    "list-after-widgets",
    "stories",
    "A list of links or headlines (and its heading) ending a story's tail right below "
    "removed widget lines (a newsletter box, a share bar): links to other pages.",
)
CAPS_HEADLINE = structural_rule(
    "caps-headline-link",
    "stories",
    "A line of eight words or more in capitals below a story's first paragraph, not a "
    "question: a linked headline or a call to action ('SENATOR SAYS ... IN NEW BOOK').",
)
#: Fewest words of a `caps-headline-link` line: subheadings in capitals are shorter.
MIN_CAPS_HEADLINE_WORDS = 8
T = TypeVar("T")
#: How many lines after a candidate headline may hold its header block.
HEADER_WINDOW = 10
#: Evidence kinds that never occur inside one article's body.
_STRONG_KINDS = frozenset({"byline", "date", "timestamp"})


@register_stage
class SplitStories(RuleStage):
    """Assign each line to a story, remove teasers and what follows an article's end."""

    name = "stories"
    requires = (LINE_TEXT,)
    reads = (LANGUAGE, CAPTIONS, BOILERPLATE, ARTICLE_END, LIST_START)
    provides = (STORIES,)
    colour = "#9467bd"

    def run(self, doc: Doc) -> None:
        lines = [ln for ln in doc.lines if ln.fate != Fate.BLANK]
        # Whether each line was open prose when the stage began. Lines only leave the body
        # here, so `line.is_open and prose[pos]` stays `line.is_open and is_prose(...)`.
        prose = [ln.is_open and is_prose(ln.text) for ln in lines]
        starts = self._story_starts(doc, lines, prose)
        first_lines = {lines[pos].no for pos in starts}
        first_lines |= {_first_text_line(doc, no) for no in doc.preset_starts}
        first_lines.discard(-1)
        story = 0
        for line in doc.lines:  # blank lines go with the story before them
            if line.no in first_lines:
                story += 1
            line.story = story
        doc.stories.extend(StoryMeta() for _ in range(story))
        self._remove_teasers(doc, lines, prose)
        self._remove_link_lists(doc, lines, prose)
        self._remove_headline_lists(doc, lines)
        self._remove_lists_after_widgets(doc)
        self._remove_caps_headlines(doc, lines, prose)
        self._cut_after_end_markers(doc, {ln.no for ln, p in zip(lines, prose, strict=True) if p})

    def _story_starts(self, doc: Doc, lines: list[Line], prose: list[bool]) -> set[int]:
        starts: set[int] = set()
        prose_seen = 0
        seen_keys: set[str] = set()
        for pos, line in enumerate(lines):
            if prose[pos]:
                prose_seen += 1
                continue
            key = line_key(line.text)
            if prose_seen < 2 or not _is_candidate(line) or key in seen_keys:
                seen_keys.add(key)  # a heading that recurs in the story is a subheading
                continue
            seen_keys.add(key)
            if _starts_story(doc, lines, prose, pos, key):
                starts.add(pos)
                prose_seen = 0
        return starts

    def _remove_teasers(self, doc: Doc, lines: list[Line], prose: list[bool]) -> None:
        """A headline + snippet pair after the story's last prose paragraph is a teaser."""
        last_prose: dict[int, int] = {}  # found walking back: one snippet test or so a story
        for pos in range(len(lines) - 1, -1, -1):
            line = lines[pos]
            if line.story in last_prose or not (line.is_open and prose[pos]):
                continue
            if not is_snippet(line.text):
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

    def _remove_link_lists(self, doc: Doc, lines: list[Line], prose: list[bool]) -> None:
        """After a list heading, the lines up to the next prose paragraph are links.

        A headline-shaped line counts as a link even when it reads as a sentence (a
        question: "Who will make the list in 2020?").
        """
        markers = set(doc.list_markers)
        heading: Line | None = None  # the list's heading while in a list
        for pos, line in enumerate(lines):
            if line.no in markers:
                heading = line
            elif heading is not None and line.is_open:
                if prose[pos] and not is_snippet(line.text) and not is_headline_like(line.text):
                    heading = None
                else:
                    doc.remove(line, LINK_LIST, self.name, trigger=heading)

    def _remove_headline_lists(self, doc: Doc, lines: list[Line]) -> None:
        """Two or more list items in a row that read as headlines, or three or more
        headlines of one series ("Design Week | ..."), in a story's tail."""
        runs = [run for run in _runs(lines, _is_headline_item) if len(run) >= 2]
        series = _runs(lines, _series_kicker, _like)
        runs += [run for run in series if len(run) >= MIN_SERIES_RUN]
        self._remove_groups_in_tail(doc, runs, HEADLINE_LIST)

    def _remove_lists_after_widgets(self, doc: Doc) -> None:
        """A list that ends a story's tail right after removed widget lines is page chrome."""
        by_story = doc.lines_by_story().values()
        found = [chrome for chrome in map(_list_after_widgets, by_story) if chrome]
        self._remove_groups_in_tail(doc, found, WIDGET_LIST, _widget_above)

    def _remove_groups_in_tail(
        self,
        doc: Doc,
        groups: list[list[Line]],
        rule: str,
        trigger: Callable[[Doc, Line], Line | None] = lambda doc, line: None,
    ) -> None:
        """Remove each group of lines whose first line stands in its story's tail;
        `trigger` names the line that set the rule off, from the group's first line."""
        if not groups:
            return  # (the common case: the tail's extent is not needed)
        before, total = _open_text_before(doc)
        for group in groups:
            if _in_tail(group[0], before, total):
                cause = trigger(doc, group[0])
                for line in group:
                    doc.remove(line, rule, self.name, trigger=cause)

    def _remove_caps_headlines(self, doc: Doc, lines: list[Line], prose: list[bool]) -> None:
        """Below a story's first paragraph, a long line in capitals is a linked headline.

        Lines in capitals are few: they are found first, each story's first mixed-case
        paragraph only then (in a story written all in capitals, a line in capitals
        stands out from nothing)."""
        capitals = [pos for pos, line in enumerate(lines) if line.text.isupper()]
        if not capitals:
            return
        first_prose: dict[int, int] = {}
        for pos, line in enumerate(lines):
            if prose[pos] and not line.text.isupper():
                first_prose.setdefault(line.story, pos)
        for pos in capitals:
            line = lines[pos]
            above = first_prose.get(line.story, pos) < pos
            if above and line.is_open and _is_caps_headline(line.text):
                doc.remove(line, CAPS_HEADLINE, self.name)

    def _cut_after_end_markers(self, doc: Doc, prose_lines: set[int]) -> None:
        """From the first end marker that follows prose (or a tail marker in the story's
        tail), remove the rest of its story. Not on a page declared a discussion: there
        the replies after "3 comments" are what the page is."""
        if doc.page.discussion:
            return
        markers = set(doc.end_markers)
        in_tail: set[int] = set()
        if doc.tail_markers:
            before, total = _open_text_before(doc)
            in_tail = {no for no in doc.tail_markers if _in_tail(doc.lines[no], before, total)}
        prose_seen: set[int] = set()
        cutting: dict[int, Line] = {}  # story -> the marker it is cut after
        for line in doc.lines:
            if line.story in cutting:
                if line.is_open:
                    doc.remove(line, AFTER_END, self.name, trigger=cutting[line.story])
            elif (line.no in markers and line.story in prose_seen) or line.no in in_tail:
                cutting[line.story] = line
            elif line.is_open and line.no in prose_lines:
                prose_seen.add(line.story)


def _open_text_before(doc: Doc) -> tuple[dict[int, int], dict[int, int]]:
    """Characters of open text before each line in its story, and each story's total.

    Lists and tables count like prose: an article can be mostly a list (a calendar).
    """
    before: dict[int, int] = {}
    total: dict[int, int] = {}
    for line in doc.lines:
        before[line.no] = total.get(line.story, 0)
        if line.is_open:
            total[line.story] = before[line.no] + len(line.text)
    return before, total


def _in_tail(line: Line, before: dict[int, int], total: dict[int, int]) -> bool:
    """At least as much of the story's open text comes before `line` as from it on."""
    return 0 < total.get(line.story, 0) <= 2 * before[line.no]


def _runs(
    lines: list[Line],
    read: Callable[[str], T | None],
    joins: Callable[[T, T], bool] = lambda one, other: True,
) -> list[list[Line]]:
    """Runs of consecutive open lines of one story that `read` gives a value (not None,
    not False or empty), each line's value joining the one's before it (`joins`)."""
    runs: list[list[Line]] = []
    previous: tuple[Line, T] | None = None
    for line in lines:
        value = read(line.text) if line.is_open else None
        if not value:
            previous = None
            continue
        if previous and previous[0].story == line.story and joins(previous[1], value):
            runs[-1].append(line)
        else:
            runs.append([line])
        previous = (line, value)
    return runs


def _is_headline_item(text: str) -> bool:
    """A list item that reads as a linked headline: title case, no final full stop."""
    item = list_item_text(text)
    return item is not None and is_title_case(item) and is_headline_like(item)


def _list_after_widgets(lines: list[Line]) -> list[Line]:
    """The link items that end `lines` (see `_is_link_item`), with one short line above
    them, when what stands above is boilerplate the boilerplate stage removed: two lines
    of it (a newsletter box, a share bar), or one above three items or more. An article's
    own list is introduced by its text, not by a widget.
    """
    start = len(lines)
    while start and lines[start - 1].is_open and _is_link_item(lines[start - 1].text):
        start -= 1
    items = len(lines) - start
    if items < 2:
        return []
    if start and lines[start - 1].is_open and not is_prose(lines[start - 1].text):
        start -= 1  # the list's own heading or call to action
    needed = 1 if items >= 3 else 2
    widgets = lines[max(0, start - needed) : start]
    if len(widgets) < needed or any(ln.stage != RemoveBoilerplate.name for ln in widgets):
        return []
    return lines[start:]


def _widget_above(doc: Doc, line: Line) -> Line | None:
    """The removed widget line right above a list that `_list_after_widgets` found."""
    above = (doc.lines[no] for no in range(line.no - 1, -1, -1))
    return next((ln for ln in above if ln.fate == Fate.REMOVED), None)


def _is_link_item(text: str) -> bool:
    """A list item, or a headline of five words or more (a link's text)."""
    if list_item_text(text):
        return True
    return is_headline_like(text) and not is_prose(text) and word_count(text) >= 5


def _is_caps_headline(text: str) -> bool:
    """Headline-shaped, every letter a capital (so a caseless script never qualifies), eight
    words or more, not a question (a question in capitals is a Q&A's subheading), not a
    table row."""
    stripped = text.strip()
    return (
        stripped.isupper()
        and word_count(stripped) >= MIN_CAPS_HEADLINE_WORDS
        and not stripped.endswith("?")
        and not stripped.startswith("|")
        and all(ch.isupper() for ch in stripped if ch.isalpha())
        and is_headline_like(stripped)
    )


def _series_kicker(text: str) -> frozenset[str] | None:
    """The words of the kicker of a "Kicker | Headline" line, both parts two words or
    more (a line with more bars, or opening with one, is a table's row)."""
    if " | " not in text or text.count("|") != 1 or not is_headline_like(text):
        return None
    kicker, headline = text.split(" | ")
    if word_count(kicker) < 2 or word_count(headline) < 2:
        return None
    return frozenset(line_key(kicker).split())


def _like(one: frozenset[str], other: frozenset[str]) -> bool:
    return len(one & other) >= SERIES_OVERLAP * len(one | other)


def _first_text_line(doc: Doc, no: int) -> int:
    """The first non-blank line at or after `no` (-1 if none): where a preset story starts."""
    for line in map(doc.lines.__getitem__, range(no, len(doc.lines))):  # no copy per start
        if line.fate != Fate.BLANK:
            return line.no
    return -1


def _is_candidate(line: Line) -> bool:
    """Could head a new story: an open headline-like line, not a bullet."""
    return line.is_open and is_headline_like(line.text) and bullet_text(line.text) is None


def _starts_story(doc: Doc, lines: list[Line], prose: list[bool], pos: int, key: str) -> bool:
    """A strong header block follows the headline at `pos`, and then a story's prose.

    The block's lines are read for evidence last, and only when the cheap conditions hold:
    each line gives one kind at most, so a block of fewer than two lines is never strong.
    They are read only until the answer is settled: more kinds keep a strong block strong,
    and a block whose kinds and lines left come to fewer than two cannot become strong.
    """
    end = _header_end(doc, lines, prose, pos)
    if end - pos - 1 < 2 or not _has_prose(prose, end, doc.config.min_story_paragraphs):
        return False
    kinds: set[str] = set()
    for after in range(pos + 1, end):
        kinds |= _evidence_kinds(doc, lines[after], key)
        if _is_strong(kinds):
            return True
        if len(kinds) + (end - after - 1) < 2:
            return False
    return False


def _header_end(doc: Doc, lines: list[Line], prose: list[bool], pos: int) -> int:
    """Where a candidate headline's header block ends: at the next prose line (one that is
    not a date line), or after HEADER_WINDOW lines."""
    end = pos + 1
    limit = min(len(lines), pos + HEADER_WINDOW + 1)
    while end < limit:
        if prose[end] and not is_date_line(lines[end].text, doc.language):
            break
        end += 1
    return end


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
    plugins = doc.config.include_plugins
    return rule_name in cached(("header-rules", plugins), lambda: header_rule_names(plugins))


def _is_strong(kinds: set[str]) -> bool:
    """Three kinds of header lines, or two of which one never occurs inside a body."""
    return len(kinds) >= 3 or (len(kinds) >= 2 and bool(kinds & _STRONG_KINDS))


def _has_prose(prose: list[bool], start: int, wanted: int) -> bool:
    """At least `wanted` (>= 1, as the config requires) prose lines among the next few
    dozen lines (bounded work)."""
    return prose[start : start + 8 * wanted + 20].count(True) >= wanted
