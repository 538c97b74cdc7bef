"""Stage 6, duplicates: each story says a thing once.

Scraped pages repeat the headline (exactly, in other case, with a " | Site" suffix), the
byline and the captions; the first copy is kept and the others are removed. Inside the
body, a fact box repeats sentences that the article also has: a paragraph whose every
sentence is found again in two or more other paragraphs is removed, and so is a short
heading that introduced such a box. Other repeated body lines stay (see
_collapse_repeats). Comparison is per story, so two stories by the same author both keep
their byline.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain, pairwise

import regex

from cleannews.document import Doc, Fate, Line
from cleannews.rules import structural_rule
from cleannews.shapes import is_headline_like, is_name_like, is_prose, line_key, word_count
from cleannews.stages.base import Stage, register_stage

DUP_HEADLINE = structural_rule(
    "duplicate-headline",
    "duplicates",
    "A repeat of the story's headline (case, punctuation and a site suffix ignored).",
)
DUP_BYLINE = structural_rule("duplicate-byline", "duplicates", "A repeat of a byline already seen.")
DUP_CAPTION = structural_rule(
    "duplicate-caption", "duplicates", "A repeat of a caption already seen."
)
DUP_PARAGRAPH = structural_rule(
    "duplicate-paragraph", "duplicates", "A repeat of a paragraph already seen."
)
FACT_BOX = structural_rule(
    "fact-box-duplicate",
    "duplicates",
    "A box (background, key points) whose sentences all stand again in the body.",
)
BOX_HEADING = structural_rule(
    "fact-box-heading", "duplicates", "The heading of a removed duplicate box."
)

#: A site suffix after the headline: "Headline | Site", "Headline - Site".
#: `(?<!\s)`: a separator is looked for only from the start of a white-space run, which keeps
#: the search linear on lines with long runs of spaces that are not collapsed (U+3000).
_SUFFIX = regex.compile(r"^(.{12,}?)(?<!\s)\s+[|\-–—·:]\s+([^|\-–—·]{2,40})$")
_SENTENCE_SPLIT = regex.compile(r"(?<=[.!?…][\"'”’»)]*)\s+(?=[\"'“‘«(]*[\p{Lu}\p{Lo}\d])")
_TOKEN = regex.compile(r"\w+")
#: Share of a sentence's word pairs another paragraph must hold to "contain" it.
COVERAGE = 0.8
MIN_SENTENCE_WORDS = 5
#: A sentence whose rarest word pairs stand in more paragraphs than this, counted together,
#: is common text on the page (a refrain, a template), not a fact box's repeat of the body;
#: it is not looked up, which keeps the check linear on pages of repeated paragraphs.
MAX_CANDIDATES = 100


@register_stage
class CollapseDuplicates(Stage):
    """Remove repeated lines and paragraphs that repeat other paragraphs."""

    name = "duplicates"

    def run(self, doc: Doc) -> None:
        by_story = doc.lines_by_story()
        for story in range(len(doc.stories)):
            lines = [ln for ln in by_story[story] if ln.fate in (Fate.BODY, Fate.CAPTION)]
            self._collapse_repeats(doc, lines)
            self._remove_covered_paragraphs(doc, [ln for ln in lines if ln.is_open])

    def _collapse_repeats(self, doc: Doc, lines: list[Line]) -> None:
        """Repeats of header lines (headline, byline) and of captions are removed.

        Lines repeated *inside* the body stay: recipes, Q&As and lists repeat lines on
        purpose, and the text as published keeps them.
        """
        first_prose = next(
            (i for i, ln in enumerate(lines) if ln.is_open and is_prose(ln.text)), len(lines)
        )
        first_by_key: dict[str, Line] = {}
        for pos, line in enumerate(lines):
            keys = _keys(line.text)
            first = next((first_by_key[k] for k in keys if k in first_by_key), None)
            if first is None:
                header = pos < first_prose and (
                    is_headline_like(line.text) or is_name_like(line.text)
                )
                if header or line.fate == Fate.CAPTION:
                    for key in keys:
                        first_by_key.setdefault(key, line)
                continue
            doc.repeats[first.no] = doc.repeats.get(first.no, 1) + 1
            doc.remove(line, _repeat_rule(first), self.name)

    def _remove_covered_paragraphs(self, doc: Doc, lines: list[Line]) -> None:
        paragraphs = [ln for ln in lines if word_count(ln.text) >= MIN_SENTENCE_WORDS]
        if len(paragraphs) < 2:
            return
        index = _PairIndex(paragraphs)
        removed: set[int] = set()
        for line in paragraphs:  # boxes first: a box covers several paragraphs at once
            coverers = index.coverers(line, removed)
            if coverers is not None and len(set().union(*coverers)) >= 2 and len(coverers) >= 2:
                removed.add(line.no)
                doc.remove(line, FACT_BOX, self.name)
                self._remove_box_heading(doc, line)

    def _remove_box_heading(self, doc: Doc, box: Line) -> None:
        lines = doc.lines  # the line before the box, found walking back (not a copy per box)
        heading = next(
            (lines[no] for no in range(box.no - 1, -1, -1) if lines[no].fate != Fate.BLANK), None
        )
        if heading is None:
            return
        if heading.is_open and is_headline_like(heading.text) and word_count(heading.text) <= 4:
            doc.remove(heading, BOX_HEADING, self.name)


def _keys(text: str) -> list[str]:
    """The line's comparison keys: itself, and itself without a site suffix."""
    key = line_key(text)
    if len(key) < 8:
        return []
    keys = [key]
    found = _SUFFIX.match(text.strip())
    if found and word_count(found.group(2)) <= 5:
        keys.append(line_key(found.group(1)))
    return keys


def _repeat_rule(first: Line) -> str:
    if first.fate == Fate.CAPTION:
        return DUP_CAPTION
    if is_name_like(first.text):
        return DUP_BYLINE
    if is_headline_like(first.text):
        return DUP_HEADLINE
    return DUP_PARAGRAPH


class _PairIndex:
    """Word-pair sets of paragraphs, indexed so that coverage checks stay cheap.

    `frequency[p]` is how many paragraphs hold pair `p`; `postings[p]` lists them, kept only
    for pairs held by two or more paragraphs (a pair of one paragraph only leads back to
    the paragraph being checked, which `coverers` skips anyway).
    """

    def __init__(self, paragraphs: list[Line]) -> None:
        self.sentences: dict[int, list[set[tuple[str, str]]]] = {}
        self.pairs: dict[int, set[tuple[str, str]]] = {}
        for line in paragraphs:
            whole = _pairs(line.text)
            self.pairs[line.no] = whole
            self.sentences[line.no] = [
                whole if s == line.text else _pairs(s)
                for s in _SENTENCE_SPLIT.split(line.text)
                if word_count(s) >= MIN_SENTENCE_WORDS
            ]
        self.frequency = Counter(chain.from_iterable(self.pairs.values()))
        shared = {pair for pair, n in self.frequency.items() if n > 1}
        self.postings: dict[tuple[str, str], set[int]] = defaultdict(set)
        for no, pairs in self.pairs.items():
            for pair in pairs & shared:
                self.postings[pair].add(no)

    def size(self, no: int) -> int:
        return len(self.pairs[no])

    def _candidates(self, sentence: set[tuple[str, str]]) -> set[int]:
        """Paragraphs that could hold >= COVERAGE of the pairs must hold one of the rarest
        (1 - COVERAGE) share of them: looking only there keeps the work near-linear."""
        frequency = self.frequency
        rarest = sorted((frequency[p], p) for p in sentence)
        keep = int((1 - COVERAGE) * len(rarest)) + 1
        found: set[int] = set()
        if sum(n for n, _ in rarest[:keep]) > MAX_CANDIDATES:
            return found
        for _, pair in rarest[:keep]:
            held = self.postings.get(pair)
            if held is not None:
                found |= held
        return found

    def coverers(self, line: Line, removed: set[int]) -> list[set[int]] | None:
        """For each sentence, the other kept paragraphs containing it; None if one has none."""
        result = []
        for sentence in self.sentences.get(line.no, []):
            holders = {
                no
                for no in self._candidates(sentence)
                if no != line.no
                and no not in removed
                and len(sentence & self.pairs[no]) >= COVERAGE * len(sentence)
            }
            if not holders:
                return None
            result.append(holders)
        return result or None


def _pairs(text: str) -> set[tuple[str, str]]:
    return set(pairwise(map(str.casefold, _TOKEN.findall(text))))
