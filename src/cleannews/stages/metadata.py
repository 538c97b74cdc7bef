"""Stage 7, metadata: each story's title, subtitle, summary, authors, date and dateline.

A story opens with a *header zone*: the lines before its first prose paragraph, extended
over a byline, date or timestamp that follows a standfirst. In that zone the first
headline-like line is the title (a repeated one is preferred), a sentence after it is the
subtitle, bulleted lines are the summary, byline lines give the authors and a date line
the publication date. The dateline ("CAIRO:", "TUNIS -", "LONDON (Reuters) -") is read from
the first prose paragraph, which keeps it: the body stays as published. Lines turned into
fields that are not verbatim copies (bylines, dates) are logged in `removed` with the field
they went to; lines before the title in the zone (a site name, a section kicker) are
removed as page header.
"""

from __future__ import annotations

import datetime as dt
from itertools import islice

import regex

from cleannews.dates import DATE_LINE_MAX_CHARS, date_spans, find_leading_date, parse_date_line
from cleannews.document import Doc, Fate, Line, StoryMeta
from cleannews.memo import cached
from cleannews.rules import structural_rule
from cleannews.settings import SETTINGS
from cleannews.shapes import (
    SENTENCE_SPLIT,
    bullet_text,
    ends_sentence,
    is_headline_like,
    is_name_like,
    is_prose,
    line_key,
    list_item_text,
    site_suffix_pattern,
    word_count,
)
from cleannews.signals import LANGUAGE, LINE_TEXT, METADATA, REPEATS, STORIES
from cleannews.stages.base import RuleStage, register_stage
from cleannews.stages.duplicates import DUP_HEADLINE, repeated_header_lines

BYLINE = structural_rule("byline", "metadata", "A byline: its names go to `authors`.")
DATE_BYLINE = structural_rule(
    "date-byline",
    "metadata",
    "A date followed by a byline: its names go to `authors`, its date to `published`.",
)
DATE_LINE = structural_rule(
    "date-line", "metadata", "A line that is only a date: it goes to `published`."
)
PAGE_HEADER = structural_rule(
    "page-header", "metadata", "A short line above the headline: site name, section or kicker."
)
HEADLINE_LINE = structural_rule(
    "headline-line",
    "metadata",
    "The text's headline line where the page's metadata gives the title in other words.",
)
ZONE_REPEAT = structural_rule(
    "zone-repeat",
    "metadata",
    "A repeat of a headline-like line in a story left without prose once its header is "
    "read: cleaned again, the body is all header and the duplicates stage would drop it.",
)
ZONE_HEADLINE = structural_rule(
    "zone-headline",
    "metadata",
    "A headline-like line left above a story's first paragraph once its header is read "
    "(a related headline, a section label): cleaned again, the body would make it the title.",
)
TITLE_SUFFIX = structural_rule(
    "headline-with-site-suffix",
    "metadata",
    "The headline line with a ' | Site' suffix; the title keeps the headline.",
)

ABOVE_DATELINE = structural_rule(
    "above-dateline",
    "metadata",
    "A line above the paragraph that opens with the story's dateline (the article starts there).",
)
#: How many body lines may stand above a story's dateline paragraph.
MAX_ABOVE_DATELINE = 2

_DATELINE = regex.compile(
    r"^(?P<place>\p{Lu}[\p{Lu}\p{M}'’.\-]*(?:[ \-][\p{Lu}\p{M}'’.\-]+){0,3})"
    r"(?=\s*(?:,|\(|[:\-–—]))"
)
#: First words of capitalised labels that open paragraphs like a dateline but name no
#: place: updates, corrections, notes, letters and answers, media labels.
_NOT_PLACES = frozenset(
    [
        "update",
        "updated",
        "updates",
        "breaking",
        "correction",
        "corrections",
        "clarification",
        "editor",
        "editor's",
        "editor’s",
        "editors",
        "note",
        "watch",
        "read",
        "listen",
        "video",
        "videos",
        "photo",
        "photos",
        "exclusive",
        "analysis",
        "opinion",
        "live",
        "dear",
        "answer",
        "question",
        "warning",
        "disclaimer",
        "summary",
    ]
)
_DATELINE_END = regex.compile(r"[:\-–—]\s")
_SPLIT_NAMES = regex.compile(
    r"\s*(?:,|;|&|\||/|\s(?:and|und|et|y|e|en|i|и|ve|ja|og|och|és|a|și)\s|\s+و)\s*",
    regex.IGNORECASE,
)
_SITE_SUFFIX = site_suffix_pattern()


class _BylineTagger(RuleStage):
    """The `metadata` line rules (bylines), shared with the stories stage."""

    name = "metadata"


_TAGGER = _BylineTagger()


def byline_names(doc: Doc, text: str) -> str | None:
    """The names part of a byline line matched by a byline rule, or None."""
    found = byline_match(doc, text)
    return None if found is None else found[0]


def byline_match(doc: Doc, text: str) -> tuple[str, str] | None:
    """The names part of a byline line and the byline rule that matched it, or None."""
    key = (byline_match, doc.language, doc.config, text)  # asked again for the same lines
    return cached(key, lambda: _byline_match(doc, text))


def _byline_match(doc: Doc, text: str) -> tuple[str, str] | None:
    """A byline rule's names on the line; on a line that ends with a date, the names read
    without the date when they would run into it.

    A byline rule reads a name as capitalised words, and a date's weekday or month is
    one ("By Jane Doe Monday, March 7, 2016" gives "Jane Doe Monday"); a date glued to
    the name with no separator ("By Jane Doe March 7, 2016") fits no rule at all. The
    date itself stays on the line for `_date_after`."""
    found = _rule_names(doc, text)
    if len(text) > DATE_LINE_MAX_CHARS:
        return found
    spans = date_spans(text, doc.language)
    if not spans or (found is not None and not _runs_into(text, found[0], spans)):
        return found
    rest = _without_trailing_date(text, spans)
    return found if rest is None else (_rule_names(doc, rest) or found)


def _rule_names(doc: Doc, text: str) -> tuple[str, str] | None:
    matcher = _TAGGER.matcher(doc)
    try:
        rule = matcher.match(text)
    except TimeoutError:
        return None
    if rule is None or rule.tag != "byline":
        return None
    found = rule.compiled().fullmatch(text.strip(), timeout=doc.config.regex_timeout)
    if found is None:  # pragma: no cover - the matcher said it matches
        return None
    names: str = found.group(1) if found.re.groups else found.group(0)
    return names, rule.name


def _runs_into(text: str, names: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a date phrase starts inside `names` as they stand on the line."""
    start = text.find(names)
    return start >= 0 and any(start < begin < start + len(names) for begin, _ in spans)


#: What may stand between a byline's names and a date at the line's end: separators, and
#: the brackets around a date.
_DATE_EDGE = " ,;:|/·•@-–—()[]"


def _without_trailing_date(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The line without the date that ends it, None if no date ends it. (A date that
    opens a byline, "5:45 AM 11/19/2019 by Jane Doe", is the `date-byline` rule's.)"""
    start, end = spans[-1]
    if text[end:].strip(_DATE_EDGE + "."):
        return None
    return text[:start].rstrip(_DATE_EDGE) or None


def is_byline(doc: Doc, text: str) -> bool:
    return byline_names(doc, text) is not None


#: What parts a credit line: a middle dot, bullet, bar or dash between spaces.
_CREDIT_SEPARATOR = regex.compile(r"(?<!\s)\s+[·•|—–-]\s+")


def name_and_date(doc: Doc, text: str) -> tuple[str, dt.date | dt.datetime] | None:
    """The names and date of a credit line of a name and a date between separators ("Ann
    Lee · 4 May 2024", "Ann Lee and Bo Ek | Published 2024-05-04"): a byline without "By"."""
    if len(text) > DATE_LINE_MAX_CHARS:  # (first: bounds the split's work)
        return None
    parts = [part.strip() for part in _CREDIT_SEPARATOR.split(text)]
    if len(parts) != 2:
        return None
    names = split_names(parts[0])
    if not names or not all(map(is_name_like, names)):
        return None
    value = parse_date_line(parts[1], doc.language)
    return None if value is None else (parts[0], value)


def _date_after(doc: Doc, text: str, names: str) -> dt.date | dt.datetime | None:
    """The date that follows a byline's names on its line, if one does."""
    rest = text.partition(names)[2].strip(" ,;|/·•-–—")
    if not rest or len(rest) > DATE_LINE_MAX_CHARS or not any(map(str.isdigit, rest)):
        return None
    return parse_date_line(rest, doc.language)


def is_date_line(text: str, language: str | None) -> bool:
    return len(text) <= DATE_LINE_MAX_CHARS and parse_date_line(text, language) is not None


def split_names(text: str) -> list[str]:
    """Person names in a byline's names part ("A and B, Reuters" -> ["A", "B"])."""
    names = []
    for part in _SPLIT_NAMES.split(text):
        part = part.strip(" .-–—:")
        if not part or any(ch.isdigit() for ch in part) or word_count(part) > 5:
            continue
        has_case = any(ch.isupper() for ch in part) or any(ch.islower() for ch in part)
        if is_name_like(part) or (not has_case and word_count(part) >= 1):
            names.append(part)
    return names


@register_stage
class AssignMetadata(RuleStage):
    """Fill each story's metadata from its header zone and first paragraph."""

    name = "metadata"
    requires = (LINE_TEXT,)
    reads = (LANGUAGE, STORIES, REPEATS)
    provides = (METADATA,)
    colour = "#2ca02c"

    def run(self, doc: Doc) -> None:
        by_story = doc.lines_by_story()
        for story, meta in enumerate(doc.stories):
            lines = by_story[story]
            if story == 0 and doc.page.title:
                self._mark_page_title(doc, meta, lines)
            zone = [] if _is_wrapped(lines) else lines[: _zone_length(doc, lines)]
            if len(zone) == len(lines) or _is_list_zone(doc, zone):  # nothing to head, or
                zone = []  # a list of short lines over the prose, not a header
            self._read_zone(doc, meta, zone, lines)
            self._read_other_lines(doc, meta, lines[len(zone) :])
            self._remove_leftover_headlines(doc, lines)
            self._take_lines_above_dateline(doc, meta, lines)  # on the body as it is left
            self._read_dateline(doc, meta, lines)

    def _read_zone(
        self,
        doc: Doc,
        meta: StoryMeta,
        zone: list[Line],
        story: list[Line],
    ) -> None:
        """Read the header zone: title, page header above it, byline, date, summary, dek.

        When the page's markup names the title and no line repeats it, the zone's headline
        line is still taken (logged as `headline-line`): left in the body, it would become
        the title when the body is cleaned again."""
        title = None if meta.title else _pick_title(doc, zone)
        after_title = meta.title is not None
        kept_since_title = 0  # body lines between the title and this line
        for pos, line in enumerate(zone):
            if not line.is_open:
                continue
            if after_title and pos and zone[pos - 1].is_open and zone[pos - 1].fate == Fate.BODY:
                kept_since_title += 1
            if line is title:
                self._set_title(doc, meta, line, story)
                after_title = True
            elif self._take_byline_or_date(doc, meta, line) or self._take_date_then_byline(
                doc, meta, line
            ):
                continue
            elif not after_title and title is not None and _is_header_line(line.text):
                doc.remove(line, PAGE_HEADER, self.name, trigger=title)
            elif after_title and (bullet := bullet_text(line.text)) is not None:
                meta.summary.append(bullet)
                doc.mark(line, Fate.SUMMARY, None, self.name)
            elif after_title and is_name_like(line.text):
                _add_authors(meta, line.text)
                doc.remove(line, BYLINE, self.name, into="authors")
            elif (
                after_title
                and not kept_since_title
                and _is_subtitle(doc, meta, line, zone[pos + 1 :])
            ):
                meta.subtitle = line.text
                doc.mark(line, Fate.SUBTITLE, None, self.name)

    def _take_lines_above_dateline(self, doc: Doc, meta: StoryMeta, lines: list[Line]) -> None:
        """The article starts at its dateline: body lines above it are a standfirst."""
        body = list(islice((ln for ln in lines if ln.fate == Fate.BODY), MAX_ABOVE_DATELINE + 1))
        at = next((i for i, ln in enumerate(body) if _opens_with_dateline(ln.text)), None)
        if not at:
            return  # no dateline near the top, or already the first line
        for line in body[:at]:
            if meta.subtitle is None and word_count(line.text) >= 4:
                meta.subtitle = line.text
                doc.mark(line, Fate.SUBTITLE, None, self.name)
            else:
                doc.remove(line, ABOVE_DATELINE, self.name, trigger=body[at])

    def _remove_leftover_headlines(self, doc: Doc, lines: list[Line]) -> None:
        """Settle the body's top: the lines a second cleaning would read as its header.

        Cleaned again, a body is a page whose header zone is whatever body lines come
        before its first prose paragraph, and the first title candidate there would
        become the title. So no title candidate stays above a story's first paragraph
        (the zone has been read: the title, if any, is taken): cleaning is idempotent.
        Hard-wrapped text and text without prose get no header zone, there or here.
        A body left without prose (its prose became the subtitle) is all header to the
        duplicates stage of a second cleaning: its repeated headlines go now
        (`zone-repeat`)."""
        body = [line for line in lines if line.fate == Fate.BODY]
        top = _zone_length(doc, body)
        if top == len(body):  # no prose left: all of it is header to the duplicates stage
            for line, _first in repeated_header_lines(body):
                doc.remove(line, ZONE_REPEAT, self.name)
        if _is_wrapped(body) or top == len(body) or _is_list_zone(doc, body[:top]):
            return  # no header zone, no title taken
        for line in body[:top]:
            if _is_title_candidate(doc, line):  # set off by the first paragraph below it
                doc.remove(line, ZONE_HEADLINE, self.name, trigger=body[top])

    def _mark_page_title(self, doc: Doc, meta: StoryMeta, lines: list[Line]) -> None:
        """The HTML title, where the extracted text repeats it, is the title line.

        A line that repeats it word for word is taken even when it reads as a sentence (a
        headline ending in "?" or "!"); a line that only resembles it must not. The record's
        title is the page's, so a line that differs from it in any character (case,
        punctuation) is removed with `headline-line`, not marked as the title line."""
        title = doc.page.title or ""
        for line in lines[:10]:
            if not line.is_open:
                continue
            if line_key(line.text) == line_key(title) and is_headline_like(line.text):
                meta.title = line.text
                if line.text == title:
                    doc.mark(line, Fate.TITLE, None, self.name)
                else:  # the title is the page's ("!", capitals): the line is logged with it
                    doc.remove(line, HEADLINE_LINE, self.name, into="title")
                return
            if is_prose(line.text):
                continue
            if _same_headline(line.text, title):
                meta.title = line.text
                doc.remove(line, HEADLINE_LINE, self.name, into="title")
                return

    def _set_title(self, doc: Doc, meta: StoryMeta, line: Line, story: list[Line]) -> None:
        if line.story == 0 and doc.page.title and line_key(doc.page.title) != line_key(line.text):
            # The page's own title wins; the text's headline line is logged with it.
            meta.title = line.text
            doc.remove(line, HEADLINE_LINE, self.name, into="title")
            return
        found = _SITE_SUFFIX.match(line.text)
        repeats = [ln for ln in story if ln.rule == DUP_HEADLINE]
        bare = found.group(1) if found else None
        repeat = next((ln for ln in repeats if ln.text.strip() == bare), None) if bare else None
        if bare and repeat is not None:
            meta.title = bare
            doc.remove(line, TITLE_SUFFIX, self.name, into="title", trigger=repeat)
            return
        meta.title = line.text
        doc.mark(line, Fate.TITLE, None, self.name)

    def _take_byline_or_date(self, doc: Doc, meta: StoryMeta, line: Line) -> bool:
        byline = byline_match(doc, line.text)  # logged under the byline rule that matched it
        credit = None if byline is not None else name_and_date(doc, line.text)
        if credit is not None:
            byline = (credit[0], BYLINE)
            meta.published = meta.published or credit[1]
        if byline is not None:
            _add_authors(meta, byline[0])
            if meta.published is None:  # "By Ann Lee | March 4, 2025"
                meta.published = _date_after(doc, line.text, byline[0])
            doc.remove(line, byline[1], self.name, into="authors")
            return True
        if len(line.text) > DATE_LINE_MAX_CHARS:
            return False
        value = parse_date_line(line.text, doc.language)
        if value is not None:
            if meta.published is None:
                meta.published = value
            doc.remove(line, DATE_LINE, self.name, into="published")
            return True
        return False

    def _take_date_then_byline(self, doc: Doc, meta: StoryMeta, line: Line) -> bool:
        """A date followed by a byline: "March 3, 2019 by Jane Doe", "5:45 AM 11/19/2019 |
        By Sam Lee". (A byline followed by a date is a byline rule's own match.)

        Read in the header zone only, and only a line that could be one: a date holds a
        digit and a byline ends with a name (finding a date costs more than the rest)."""
        text = line.text.rstrip(" .")
        too_long = len(text) > DATE_LINE_MAX_CHARS
        if too_long or not text[-1:].isalpha() or not any(map(str.isdigit, text)):
            return False
        last_word = text.rsplit(None, 1)[-1]
        if not last_word[0].isupper():
            return False
        leading = find_leading_date(line.text, doc.language)
        if leading is None:
            return False
        value, _, end = leading
        names = byline_names(doc, line.text[end:].strip(" ,;|/·•-–—"))
        if names is None:
            return False
        _add_authors(meta, names)
        if meta.published is None:
            meta.published = value
        doc.remove(line, DATE_BYLINE, self.name, into="authors")
        return True

    def _read_other_lines(self, doc: Doc, meta: StoryMeta, lines: list[Line]) -> None:
        """Bylines and date lines outside the header zone are not body text either."""
        for line in lines:
            if line.is_open and not is_prose(line.text):
                self._take_byline_or_date(doc, meta, line)

    def _read_dateline(self, doc: Doc, meta: StoryMeta, lines: list[Line]) -> None:
        """The dateline opens the first paragraph, or stands alone above it in capitals."""
        first = next(
            (
                ln
                for ln in lines
                if ln.fate == Fate.BODY and (is_prose(ln.text) or _is_dateline_only(ln.text))
            ),
            None,
        )
        place = _dateline_place(first.text) if first is not None else None
        if first is None or place is None:
            return
        meta.dateline = place
        if meta.published is None:
            rest = first.text[len(place) :].lstrip(" ,-–—:")
            leading = find_leading_date(rest, doc.language)
            if leading is not None:
                meta.published = leading[0]


def _dateline_place(text: str) -> str | None:
    """The place a line opens with as a dateline ("CAIRO:", "TUNIS -", "LONDON (Reuters) -").

    A label in capitals has a dateline's shape too ("UPDATE:", "DEAR ABBY:"): the usual
    ones are not places. A place of three letters or more in capitals opens with three
    characters none of which is lower case: most paragraphs fail that at once."""
    if not text[:3].isupper():
        return None
    found = _DATELINE.match(text)
    if found is None or sum(ch.isalpha() for ch in found.group("place")) < 3:
        return None
    first_word = found.group("place").split()[0].strip(".'’-").casefold()
    if first_word in _NOT_PLACES:
        return None
    head = text[found.end() : found.end() + 60]
    if _DATELINE_END.search(head) is None and not head.lstrip().startswith(("(", ",")):
        return None
    place: str = found.group("place").strip()
    return place


def _opens_with_dateline(text: str) -> bool:
    """A paragraph opening with a dateline, or a line that is only one ("PARIS, FRANCE")."""
    return _dateline_place(text) is not None and (is_prose(text) or _is_short_caps(text))


def _is_dateline_only(text: str) -> bool:
    """A line that is only a dateline, in capitals: "BAAR, SWITZERLAND"."""
    return _is_short_caps(text) and _dateline_place(text) is not None


def _is_short_caps(text: str) -> bool:
    """Five words or fewer, in capitals: the shape of a dateline on its own line."""
    return text.isupper() and word_count(text) <= 5


def _add_authors(meta: StoryMeta, names: str) -> None:
    """Add a byline's names to the story's authors, each name once, in constant time per
    name (the authors are a dict used as an ordered set)."""
    for name in split_names(names):
        meta.authors.setdefault(name, None)


def _same_headline(line: str, title: str) -> bool:
    """The line is the headline in other clothes: a site prefix or suffix, a kicker."""
    title_words = set(line_key(title).split())
    line_words = line_key(line).split()
    if len(title_words) < 3 or not line_words:
        return False
    shared = title_words.intersection(line_words)
    enough = len(shared) >= SETTINGS.same_headline_share.value * len(title_words)
    return enough and len(line_words) <= 2 * len(title_words)


def _is_header_line(text: str) -> bool:
    """What may stand above a headline: a short heading-like line or a bare web address."""
    return is_headline_like(text) or (word_count(text) <= 12 and ("://" in text or "www." in text))


def _is_wrapped(lines: list[Line]) -> bool:
    """Hard-wrapped text (lines cut mid-sentence): the header-zone shapes mean nothing."""
    starts = [
        text[:1]
        for text in (ln.text.lstrip() for ln in lines[: SETTINGS.wrapped_sample_lines.value])
        if text and not text.startswith(("http://", "https://", "www."))  # a bare link line
    ]
    lower = sum(1 for ch in starts if ch.islower())
    return lower >= 3 and lower >= SETTINGS.wrapped_lower_share.value * len(starts)


def _is_subtitle(doc: Doc, meta: StoryMeta, line: Line, rest: list[Line]) -> bool:
    """A sentence between the title and the header lines that close the zone (a standfirst)."""
    if meta.subtitle is not None or meta.summary or word_count(line.text) < 4:
        return False
    if list_item_text(line.text) is not None:  # an item of a list, which is content
        return False
    if _TABLE_ROW_OR_NUMBERED.match(line.text.strip()):  # a table row, a numbered heading
        return False
    if is_headline_like(line.text) and not is_name_like(line.text):
        return True  # a dek under the headline, before any prose
    return ends_sentence(line.text) and any(
        not ln.is_open or is_byline(doc, ln.text) or is_date_line(ln.text, doc.language)
        for ln in rest
    )


def _zone_length(doc: Doc, lines: list[Line]) -> int:
    """How many of the story's first lines form its header zone."""
    first_prose = next(
        (
            i
            for i, ln in enumerate(lines)
            if ln.is_open
            and is_prose(ln.text)
            and not is_date_line(ln.text, doc.language)
            and not (i == 0 and _is_question_headline(lines))
        ),
        len(lines),
    )
    end = first_prose
    prose = 0
    window = SETTINGS.zone_byline_window.value
    for i in range(first_prose, min(len(lines), first_prose + window)):
        line = lines[i]
        if line.is_open and is_prose(line.text):
            prose += 1
            if prose > 2:
                break
        elif line.is_open and (is_byline(doc, line.text) or is_date_line(line.text, doc.language)):
            end = i + 1
    return end


_QUESTION_END = regex.compile(r"[?!？！؟][\"'”’»)]*$")


def _is_question_headline(lines: list[Line]) -> bool:
    """The story's first line is one short question or exclamation over a paragraph.

    Such a line counts as prose by its final "?" or "!", but at the very top of a story
    and followed by prose it is the headline ("Is the plan worth its cost?").
    """
    if len(lines) < 2 or not (lines[0].is_open and lines[1].is_open):
        return False
    text = lines[0].text.strip()
    return (
        bool(_QUESTION_END.search(text))
        and 4 <= word_count(text) <= 20
        and not SENTENCE_SPLIT.search(text)  # one sentence
        and is_prose(lines[1].text)
        and not _QUESTION_END.search(lines[1].text.rstrip())
    )


#: A row of two cells or more of a data table as the extractor writes it ("| Capacity |
#: 64 GB |"), or a numbered section heading ("3. Planting in Spring"): parts of the
#: content, never its headline. (A one-cell row is a box laid out as a table: a caption.)
_TABLE_ROW_OR_NUMBERED = regex.compile(r"^\|[^|]*\|[^|]*\|.*$|^\d{1,2}[.)]\s+\S")


def _is_title_candidate(doc: Doc, line: Line) -> bool:
    text = line.text
    return (
        is_headline_like(text)
        and (word_count(text) >= 3 or len(text) >= 12)
        and list_item_text(text) is None  # an item of a list ("- ", "* ", "+ ") is content
        and not _TABLE_ROW_OR_NUMBERED.match(text.strip())
        and bullet_text(text) is None
        and not is_byline(doc, text)
        and not is_date_line(text, doc.language)
        and not _is_dateline_only(text)
    )


#: More title candidates than this above the first paragraph are a list, not a header.
MAX_ZONE_CANDIDATES = SETTINGS.zone_max_headlines.value


def _title_candidates(doc: Doc, zone: list[Line]) -> list[Line]:
    return [ln for ln in zone if ln.is_open and _is_title_candidate(doc, ln)]


def _is_list_zone(doc: Doc, zone: list[Line]) -> bool:
    """Many headline-like lines above the first paragraph: the items of a list that opens
    the text (a changelog, a poem, a table of contents), which a header never has."""
    return len(_title_candidates(doc, zone)) > MAX_ZONE_CANDIDATES


def _pick_title(doc: Doc, zone: list[Line]) -> Line | None:
    candidates = _title_candidates(doc, zone)
    repeated = [
        ln for ln in candidates if doc.repeats.get(ln.no, 1) > 1 and not is_name_like(ln.text)
    ]
    if repeated:
        return repeated[0]
    return candidates[0] if candidates else None
