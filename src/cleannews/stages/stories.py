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

import functools
import re
from collections.abc import Callable
from typing import TypeVar

from cleannews.boundary import FEATURES, Topics, boundary_evidence, story_model
from cleannews.document import Doc, Fate, Line, StoryMeta
from cleannews.memo import cached
from cleannews.rules import structural_rule
from cleannews.settings import SETTINGS
from cleannews.shapes import (
    HEADLINE_MAX_CHARS,
    bullet_text,
    ends_sentence,
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
from cleannews.stages.metadata import is_byline, is_date_line, name_and_date

TEASER = structural_rule(
    "teaser",
    "stories",
    "A headline followed by an ellipsis-cut snippet after the article: a link to another "
    "story (not when it follows a title over its text: an item of a list, cut short).",
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
MIN_SERIES_RUN = SETTINGS.min_series_run.value
#: Share of kicker words two series headlines have in common (spelling varies: "Milan" /
#: "Milano Design Week").
SERIES_OVERLAP = SETTINGS.series_overlap.value
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
MIN_CAPS_HEADLINE_WORDS = SETTINGS.min_caps_headline_words.value
T = TypeVar("T")
#: How many lines after a candidate headline may hold its header block.
HEADER_WINDOW = SETTINGS.story_header_window.value
#: Evidence kinds that never occur inside one article's body.
_STRONG_KINDS = frozenset({"byline", "date", "timestamp"})
#: Fewest words of a headline split on one kind of evidence (a byline or date under it,
#: or a change of topic). Items of a list article
#: (a book's, a product's name) are short headings over text on their own subject.
MIN_SINGLE_EVIDENCE_WORDS = SETTINGS.min_single_evidence_words.value
#: Most words of a headline that reads as a sentence ("Which one should you choose?").
MAX_HEADLINE_WORDS = SETTINGS.max_question_headline_words.value
#: A headline opens a new story on the change of topic at it when the story model
#: (`cleannews.boundary`) gives it this probability or more.
BOUNDARY_SCORE = SETTINGS.story_boundary_score.value
#: Below this similarity across a gap (`cleannews.cohesion`) a paragraph with no headline
#: opens a new story (with `split_on_topic`): unrelated articles joined score a median
#: 0.03 across the join, gaps inside one article a median 0.13, and 1 % of them fall
#: below 0.04.
TOPIC_SHIFT = SETTINGS.topic_shift.value
#: At or above this similarity the text after a byline goes on with the same topic: no
#: new story (unrelated articles joined: 95 % score below 0.10 across the join).
SAME_TOPIC = SETTINGS.same_topic.value
#: A number, a space, then a word: how a headline opens with a number ("10 Best ...").
_NUMBER_THEN_WORD = re.compile(r"\d+ +[^\W\d_]")


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
        doc.story_evidence.update({lines[pos].no: why for pos, why in starts.items()})
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

    def _story_starts(self, doc: Doc, lines: list[Line], prose: list[bool]) -> dict[int, str]:
        """Where each new story starts (a position in `lines`), with the evidence for it."""
        starts: dict[int, str] = {}
        prose_seen = 0
        seen_keys: set[str] = set()
        topics = Topics(lines)
        for pos, line in enumerate(lines):
            evidence = None
            candidate = prose_seen >= 2 and line.no not in doc.restored and _is_candidate(line)
            # (a prose line's key is needed only when it is a candidate: keys cost a pass)
            key = line_key(line.text) if candidate or not prose[pos] else ""
            if candidate and key not in seen_keys:
                evidence = _headline_start(doc, lines, prose, pos, key, topics)
            if not evidence and prose[pos]:
                evidence = _topic_start(doc, lines, prose, pos, topics, prose_seen)
            if not prose[pos]:
                seen_keys.add(key)  # a heading that recurs in the story is a subheading
            if evidence:
                starts[pos] = evidence
                prose_seen = 0
            prose_seen += prose[pos]
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
                and word_count(nxt.text) >= SETTINGS.teaser_snippet_words.value
                and not _follows_an_item(doc, lines, pos)
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


def _follows_an_item(doc: Doc, lines: list[Line], pos: int) -> bool:
    """Whether the two open lines of the story above `pos`, date lines aside, are a title
    over its text (a headline-like line, then one that is not): then a headline + snippet
    pair at `pos` is one more item of a list (a blog's index, a page of reviews), cut short
    as items often are, not a teaser for another page after an article.

    On the dev corpora the teaser pairs that follow such an item were gold text on every
    page where they occurred; the teasers of a news page follow the article's last
    paragraph (tests/test_seeds.py, seed 004)."""
    story = lines[pos].story
    above = [
        ln
        for ln in lines[max(0, pos - 8) : pos]
        if ln.is_open and ln.story == story and not is_date_line(ln.text, doc.language)
    ]
    if len(above) < 2:
        return False
    title, text = above[-2], above[-1]
    return is_headline_like(title.text) and not is_headline_like(text.text)


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
    """Could head a new story: an open headline-like line, not a bullet. A headline may be
    a question or an exclamation, which reads as prose: up to `MAX_HEADLINE_WORDS` words,
    or any length in title case."""
    text = line.text
    if len(text) > HEADLINE_MAX_CHARS and len(text.strip()) > HEADLINE_MAX_CHARS:
        return False  # (told before the memo: most lines are long paragraphs)
    if not line.is_open or not is_headline_like(text) or bullet_text(text) is not None:
        return False
    if not is_prose(text) or word_count(text) <= MAX_HEADLINE_WORDS:
        return True
    return is_title_case(text)  # a long headline: no paragraph is written in title case


def _headline_start(
    doc: Doc, lines: list[Line], prose: list[bool], pos: int, key: str, topics: Topics
) -> str | None:
    """The evidence that the headline-like line at `pos` opens a new story, if it does.

    Three kinds, each enough alone: a strong header block under it (`_is_strong`); a byline,
    date or timestamp right under it (two lines at most; an article's section heading is
    followed by its text, not by a dateline); or a change of topic at it, for a headline
    that may head a topic (`_may_head_a_topic`): the story model's verdict on the cohesion
    around it (`cleannews.boundary`). The model alone decides, a low similarity included:
    a cut on the similarity before it (below 0.06 and the lowest nearby) split 36 other
    headings of the dev cases and pages that the model turns down (its readings of the
    headline's own words, and of the page's typical similarity, outweigh a low gap). Then
    a story's prose must follow.
    """
    end = _header_end(doc, lines, prose, pos)
    if not _has_prose(prose, end, doc.config.min_story_paragraphs):
        return None
    kinds_of = _KindsReader(doc, lines, key)
    if end - pos - 1 >= 2 and _strong_block(kinds_of, pos, end):
        return "headline + " + " + ".join(sorted(kinds_of.union(range(pos + 1, end))))
    text = lines[pos].text
    if not _single_evidence_splits(doc, text):
        return None
    close = kinds_of.union(range(pos + 1, min(pos + 3, end))) & _STRONG_KINDS
    if close and not _same_topic(topics, pos):
        return "headline + " + " + ".join(sorted(close))
    if not _may_head_a_topic(text, prose[pos]):
        return None
    value = topics.across(pos)
    if value is None or value > _weighing_ceiling():
        return None  # (no score can split here: the readings are not needed)
    evidence = boundary_evidence(topics, pos)
    if evidence is None:
        return None
    score = story_model().score(evidence.vector())
    if score < BOUNDARY_SCORE:
        return None
    return f"headline + {evidence.describe()}, story model {score:.2f}"


@functools.cache
def _weighing_ceiling() -> float:
    """The similarity across a headline above which the story model cannot split there
    (`TreeModel.ceiling`: exact, so the readings are taken only where they may matter)."""
    return story_model().ceiling(FEATURES.index("similarity"), BOUNDARY_SCORE)


def _may_head_a_topic(text: str, prose: bool) -> bool:
    """Whether a candidate headline may open a story on a change of topic alone: not a
    question in sentence case (an interview's question reads as prose; a headline's
    question is in title case), and opening with a letter or a number that no stop or
    bracket follows ("10 Best ..." heads a story; "10. Pack light" and "3) Pack" are
    items of one, and each item of a list may be a topic of its own)."""
    if prose and not is_title_case(text):
        return False
    if text[0].isdigit():
        return _NUMBER_THEN_WORD.match(text) is not None
    return text[0].isalpha()


def _topic_start(
    doc: Doc, lines: list[Line], prose: list[bool], pos: int, topics: Topics, prose_seen: int
) -> str | None:
    """A paragraph after a finished paragraph where the topic changes sharply: a new story
    with no header at all. Both sides must hold a story's worth of prose."""
    if not doc.config.split_on_topic or doc.kind != "text":
        return None
    if prose_seen < doc.config.min_story_paragraphs:
        return None
    if not prose[pos - 1]:
        return None
    if not ends_sentence(lines[pos - 1].text) or not lines[pos - 1].is_open:
        return None
    if not _has_prose(prose, pos, doc.config.min_story_paragraphs):
        return None
    shift = _topic_shift(topics, pos, TOPIC_SHIFT)
    return None if shift is None else f"topic shift {shift:.3f}"


class _KindsReader:
    """`_evidence_kinds` of the lines under one headline, each read once, when asked."""

    def __init__(self, doc: Doc, lines: list[Line], key: str) -> None:
        self.doc, self.lines, self.key = doc, lines, key
        self._read: dict[int, set[str]] = {}

    def __call__(self, pos: int) -> set[str]:
        if pos not in self._read:
            self._read[pos] = _evidence_kinds(self.doc, self.lines[pos], self.key)
        return self._read[pos]

    def union(self, positions: range) -> set[str]:
        return set().union(*map(self, positions))


def _strong_block(kinds_of: _KindsReader, pos: int, end: int) -> bool:
    """The header block's lines give a strong set of kinds (`_is_strong`). Read only until
    the answer is settled: more kinds keep a strong block strong, and a block whose kinds
    and lines left come to fewer than two cannot become strong."""
    kinds: set[str] = set()
    for after in range(pos + 1, end):
        kinds |= kinds_of(after)
        if _is_strong(kinds):
            return True
        if len(kinds) + (end - after - 1) < 2:
            return False
    return False


def _single_evidence_splits(doc: Doc, headline: str) -> bool:
    """Whether one kind of evidence under `headline` may split the page: on text input, a
    headline of `MIN_SINGLE_EVIDENCE_WORDS` or more that is not a list item. An HTML page
    shows where its stories start in its markup (`<article>` elements; see
    `cleannews.html`); on the HTML pages of the dev corpora one kind of evidence split 25
    of 686 single pages (listings, interviews, numbered guides) and lowered body F1 on
    each corpus, and found no join there."""
    return (
        doc.kind == "text"
        and word_count(headline) >= MIN_SINGLE_EVIDENCE_WORDS
        and list_item_text(headline) is None
    )


def _same_topic(topics: Topics, pos: int) -> bool:
    """The text after `pos` clearly goes on with the topic before it (an analysis box
    under its correspondent's byline, inside the story it analyses)."""
    return topics.judged(pos) and topics.similarity(pos) >= SAME_TOPIC


def _topic_shift(topics: Topics, pos: int, threshold: float) -> float | None:
    """The similarity across the gap before `pos` when it is below `threshold`, both sides
    hold `MIN_TOPIC_WORDS`, and it is the lowest nearby (`Topics.nearby_low`). A tolerance
    here (a nearby gap up to 0.015 lower) found more joins on the dev cases but split
    single held-out articles at their headings: not kept."""
    if not topics.judged(pos):
        return None
    value = topics.similarity(pos)
    if value >= threshold or topics.nearby_low(range(pos, pos + 1)) < value:
        return None
    return value


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
    if line.fate == Fate.REMOVED and _is_header_rule(doc, line.rule or ""):
        return {"timestamp"}
    if is_byline(doc, line.text) or name_and_date(doc, line.text) is not None:
        return {"byline"}
    if is_date_line(line.text, doc.language):
        return {"date"}
    if line.fate != Fate.REMOVED and is_name_like(line.text):
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
    ahead = SETTINGS.story_prose_lookahead.value * wanted
    ahead += SETTINGS.story_prose_lookahead_extra.value
    return prose[start : start + ahead].count(True) >= wanted
