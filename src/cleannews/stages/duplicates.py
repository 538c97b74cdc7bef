"""Stage 6, duplicates: each story says a thing once.

Scraped pages repeat the headline (exactly, in other case, with a " | Site" suffix), the
byline and the captions; the first copy is kept and the others are removed. Inside the
body, a fact box repeats sentences that the article also has: a paragraph whose every
sentence is found again in two or more other paragraphs is removed, and so is a short
heading that introduced such a box (text input only: in HTML the extractor has judged
the page's boxes by their markup, and the repeats it keeps, pull quotes and a docs
page's notes, were gold text on every dev corpus). Other repeated body lines stay (see
_collapse_repeats). Comparison is per story, so two stories by the same author both keep
their byline.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from fractions import Fraction
from itertools import chain, pairwise

from cleannews.document import Doc, Fate, Line
from cleannews.memo import memoized
from cleannews.rules import structural_rule
from cleannews.shapes import (
    WORD_JOINERS,
    is_headline_like,
    is_name_like,
    is_prose,
    line_key,
    site_suffix_pattern,
    split_sentences,
    word_count,
    word_tokens,
)
from cleannews.signals import CAPTIONS, LINE_TEXT, REPEATS, STORIES
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

#: A site suffix after the headline: "Headline | Site", "Headline - Site", and in repeats
#: a kicker after a colon too.
_SUFFIX = site_suffix_pattern(also=":")
#: Share of a sentence's word pairs another paragraph must hold to "contain" it (a
#: fraction, so that the counts below are exact: in floating point, 0.2 * 5 < 1).
COVERAGE = Fraction(4, 5)
MIN_SENTENCE_WORDS = 5
#: A sentence whose rarest word pairs' rarer words occur more often than this in the
#: story, counted together, is common text on the page (a refrain, a template), not a
#: fact box's repeat of the body; it is not looked up, which keeps the check linear on
#: pages of repeated paragraphs.
MAX_CANDIDATES = 100
#: Up to this many kept keys, a line is first tested against each (a few substring
#: searches) before its own keys are computed; past it, its keys are simply looked up.
MAX_TESTED_KEYS = 16


@register_stage
class CollapseDuplicates(Stage):
    """Remove repeated lines and paragraphs that repeat other paragraphs."""

    name = "duplicates"
    requires = (LINE_TEXT,)
    reads = (CAPTIONS, STORIES)
    provides = (REPEATS,)
    colour = "#ff7f0e"

    def run(self, doc: Doc) -> None:
        by_story = doc.lines_by_story()
        for story in range(len(doc.stories)):
            lines = [ln for ln in by_story[story] if ln.fate in (Fate.BODY, Fate.CAPTION)]
            self._collapse_repeats(doc, lines)
            if doc.kind != "html":
                self._remove_covered_paragraphs(doc, [ln for ln in lines if ln.is_open])

    def _collapse_repeats(self, doc: Doc, lines: list[Line]) -> None:
        """Repeats of header lines (headline, byline) and of captions are removed.

        Lines repeated *inside* the body stay: recipes, Q&As and lists repeat lines on
        purpose, and the text as published keeps them.
        """
        for line, first in repeated_header_lines(lines):
            doc.repeats[first.no] = doc.repeats.get(first.no, 1) + 1
            doc.remove(line, _repeat_rule(first), self.name, trigger=first)

    def _remove_covered_paragraphs(self, doc: Doc, lines: list[Line]) -> None:
        tokens = {ln.no: _tokens(ln.text) for ln in lines}
        paragraphs = [ln for ln in lines if _has_min_words(ln.text, tokens[ln.no])]
        if len(paragraphs) < 3:
            return  # a box needs two other paragraphs holding its sentences
        index = _BoxIndex(paragraphs, tokens)
        removed: set[int] = set()
        for line in paragraphs:  # boxes first: a box covers several paragraphs at once
            if index.is_box(line, removed):
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
            doc.remove(heading, BOX_HEADING, self.name, trigger=box)


@memoized
def _keys(text: str) -> tuple[str, ...]:
    """The line's comparison keys: itself, and itself without a site suffix."""
    key = line_key(text)
    if len(key) < 8:
        return ()
    found = _SUFFIX.match(text.strip())
    if found and word_count(found.group(2)) <= 5:
        return (key, line_key(found.group(1)))
    return (key,)


class _KeptKeys:
    """The keys of the header lines and captions kept so far, each with its first line.

    Every word of a line's key stands verbatim in the casefolded line (and in any part of
    it), so a line none of whose kept keys passes that test cannot repeat one: its own keys,
    a regex pass or two, are then not computed. Most body lines are such lines.
    """

    def __init__(self) -> None:
        self.first_by_key: dict[str, Line] = {}
        self.key_words: list[list[str]] = []

    def first_holder(self, text: str) -> Line | None:
        """The first kept line sharing a key with `text`, if any."""
        if not self._may_hold_key(text):
            return None
        first_by_key = self.first_by_key
        return next((first_by_key[k] for k in _keys(text) if k in first_by_key), None)

    def add(self, line: Line) -> None:
        for key in _keys(line.text):
            if key not in self.first_by_key:
                self.first_by_key[key] = line
                self.key_words.append(key.split(" "))

    def _may_hold_key(self, text: str) -> bool:
        if len(self.key_words) > MAX_TESTED_KEYS:
            return True  # many captions: looking the line's keys up is cheaper (and linear)
        if not self.key_words:
            return False  # (no key kept yet: the line need not be folded)
        folded = text.casefold()
        for words in self.key_words:
            for word in words:
                if word not in folded:
                    break
            else:
                return True
        return False


def repeated_header_lines(lines: list[Line]) -> Iterator[tuple[Line, Line]]:
    """(repeat, first line it repeats) for each line that repeats a header line (a
    headline- or name-like line above the first prose line) or a caption, in order.

    The metadata stage uses it too, on a story left without prose once its header is
    read, so that the body's repeats go on the first cleaning, not on the second."""
    first_prose = next(
        (i for i, ln in enumerate(lines) if ln.is_open and is_prose(ln.text)), len(lines)
    )
    kept = _KeptKeys()
    for pos, line in enumerate(lines):
        first = kept.first_holder(line.text)
        if first is None:
            header = pos < first_prose and (is_headline_like(line.text) or is_name_like(line.text))
            if header or line.fate == Fate.CAPTION:
                kept.add(line)
            continue
        yield line, first


def _repeat_rule(first: Line) -> str:
    if first.fate == Fate.CAPTION:
        return DUP_CAPTION
    if is_name_like(first.text):
        return DUP_BYLINE
    if is_headline_like(first.text):
        return DUP_HEADLINE
    return DUP_PARAGRAPH


Pair = tuple[str, str]


class _BoxIndex:
    """What the fact-box check needs to know of a story's paragraphs, built as needed.

    `counts` (each word's occurrences in the story, counted in C) answers most
    sentences at once: a pair with a word found once in the story is held by no other
    paragraph (`_has_hapax_pairs`), and in about two stories of three no sentence gets
    past that. For the others, the paragraphs holding both words of a sentence's rarest
    pairs are the only ones that may hold it (`_candidates`), and only their word pairs
    are built (`_pairs_of`).
    """

    def __init__(self, paragraphs: list[Line], tokens: dict[int, Sequence[str]]) -> None:
        self.tokens = {line.no: tokens[line.no] for line in paragraphs}
        self.counts = Counter(chain.from_iterable(self.tokens.values()))
        self._pair_sets: dict[int, set[Pair]] = {}
        self._holding: dict[str, set[int]] = {}
        #: Paragraph word sets that may still be read scanning for words (`_holding_word`).
        self.scan_budget = self.counts.total()

    @functools.cached_property
    def word_sets(self) -> dict[int, set[str]]:
        """Each paragraph's words (built in C)."""
        return {no: set(words) for no, words in self.tokens.items()}

    @functools.cached_property
    def postings(self) -> dict[str, set[int]]:
        """The paragraphs holding each word: one pass over the story's words, in Python
        (several times the cost of `word_sets`)."""
        postings: dict[str, set[int]] = defaultdict(set)
        for no, words in self.tokens.items():
            for word in words:
                postings[word].add(no)
        return postings

    def is_box(self, line: Line, removed: set[int]) -> bool:
        """Two sentences or more, each held by other kept paragraphs, two or more in all.

        Sentences are split and read lazily: most paragraphs fail at the first one, on
        its word counts. Holders, the costly part, are looked for only once every
        sentence has passed that test and there are two sentences or more.
        """
        if not _may_split(line.text):
            return False  # one sentence
        pieces = split_sentences(line.text)
        first = next(pieces)
        if len(first) == len(line.text):
            return False  # one sentence
        sentences: list[set[Pair]] = []
        for sentence in chain((first,), pieces):
            tokens = _tokens(sentence)
            if not _has_min_words(sentence, tokens):
                continue
            if self._has_hapax_pairs(tokens):
                return False  # (`_holders` would find none: the common case, told sooner)
            sentences.append(_pairs(tokens))
        if len(sentences) < 2:
            return False
        all_holders: set[int] = set()
        for pairs in sentences:
            holders = self._holders(pairs, line.no, removed)
            if not holders:
                return False
            all_holders |= holders
        return len(all_holders) >= 2

    def _holders(self, sentence: set[Pair], paragraph: int, removed: set[int]) -> set[int]:
        """The kept paragraphs other than `paragraph` holding >= COVERAGE of its pairs."""
        enough = _enough(len(sentence))
        return {
            no
            for no in self._candidates(sentence)
            if no != paragraph
            and no not in removed
            and len(sentence & self._pairs_of(no)) >= enough
        }

    def _has_hapax_pairs(self, tokens: Sequence[str]) -> bool:
        """Whether so many of the sentence's pairs have a word found once in the story that
        no other paragraph can hold it. Each such pair is this paragraph's alone; the
        sentence has at most len(tokens) - 1 pairs, and the bound grows with their number."""
        need = _to_hold_one_of(len(tokens) - 1)
        counts = self.counts
        own: set[Pair] = set()
        for pair in pairwise(tokens):
            if counts[pair[0]] == 1 or counts[pair[1]] == 1:
                own.add(pair)
                if len(own) >= need:
                    return True
        return False

    def _candidates(self, sentence: set[Pair]) -> set[int]:
        """Paragraphs that could hold >= COVERAGE of the pairs must hold one of any
        (1 - COVERAGE) share of them, and a paragraph holds a pair only if it holds both
        its words: the share of pairs whose rarer word is rarest in the story leads to
        few paragraphs, and looking only there keeps the work near-linear.

        When those rarer words occur more than MAX_CANDIDATES times, counted once per
        pair, the sentence is common text on the page, and none is returned.
        """
        counts = self.counts
        rarest = sorted(
            (min(counts[first], counts[second]), (first, second)) for first, second in sentence
        )[: _to_hold_one_of(len(sentence))]
        if sum(count for count, _ in rarest) > MAX_CANDIDATES:
            return set()
        found: set[int] = set()
        word_sets = self.word_sets
        for _, (first, second) in rarest:
            rarer, other = (first, second) if counts[first] <= counts[second] else (second, first)
            found |= {no for no in self._holding_word(rarer) if other in word_sets[no]}
        return found

    def _holding_word(self, word: str) -> set[int]:
        """The paragraphs holding `word`. A story usually needs a few words looked up: each
        is found by scanning the paragraphs' word sets, until the scans have read as many
        sets as the story has words; past that, every word's paragraphs are indexed in
        one pass (`postings`). Either way the work stays linear in the story's words.
        """
        found = self._holding.get(word)
        if found is None:
            if self.scan_budget >= len(self.tokens):
                self.scan_budget -= len(self.tokens)
                found = {no for no, words in self.word_sets.items() if word in words}
            else:
                found = self.postings.get(word, set())
            self._holding[word] = found
        return found

    def _pairs_of(self, paragraph: int) -> set[Pair]:
        """The paragraph's word pairs, built the first time it is a candidate."""
        pairs = self._pair_sets.get(paragraph)
        if pairs is None:
            pairs = self._pair_sets[paragraph] = _pairs(self.tokens[paragraph])
        return pairs


def _enough(pairs: int) -> int:
    """The fewest of a sentence's `pairs` pairs that a paragraph holding it holds:
    COVERAGE of them, rounded up."""
    return -(-pairs * COVERAGE.numerator // COVERAGE.denominator)


def _to_hold_one_of(pairs: int) -> int:
    """How many of a sentence's `pairs` pairs a holder must hold one of, whichever they
    are: one more than it may lack. It grows with `pairs`."""
    return pairs - _enough(pairs) + 1


def _tokens(text: str) -> Sequence[str]:
    """The casefolded word tokens (`shapes.word_tokens`) whose neighbours make the word
    pairs."""
    return word_tokens(text)


def _may_split(text: str) -> bool:
    """Whether `SENTENCE_SPLIT` may split `text`: it splits only after a stop that white
    space and then a letter or digit follow, so never after the last visible character."""
    head = text[: len(text.rstrip()) - 1]  # (four substring tests cost less than a search)
    return "." in head or "!" in head or "?" in head or "…" in head


def _has_min_words(text: str, tokens: Sequence[str]) -> bool:
    """`word_count(text) >= MIN_SENTENCE_WORDS`, without counting when its tokens settle it.

    A word is one token or several joined by single joiner characters, so there are no
    more words than tokens, and at least as many as tokens minus joiners.
    """
    if len(tokens) < MIN_SENTENCE_WORDS:
        return False
    if len(tokens) - sum(map(text.count, WORD_JOINERS)) >= MIN_SENTENCE_WORDS:
        return True
    return word_count(text) >= MIN_SENTENCE_WORDS


def _pairs(tokens: Sequence[str]) -> set[Pair]:
    return set(pairwise(tokens))
