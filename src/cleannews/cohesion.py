"""Lexical cohesion: how much the text after a point shares the vocabulary of the text before.

Two unrelated stories joined on one page talk about different things, so the words of the
paragraphs after the join are not the words of the paragraphs before it; a section heading
inside one article is followed by more of the same topic. This is the idea of TextTiling
(Hearst 1997): compare a window of text on each side of every gap between paragraphs.

The comparison is the cosine of two bags of content words, each word weighted by its
inverse document frequency *within the page* (a word in most paragraphs, such as a
function word or the site's name, says nothing about where a topic changes). Content words
are runs of five letters or more (marks included, digits not), casefolded: a length cut
that drops most function words in the languages written with spaces, without a word list
per language. They are read off the word tokens that the duplicates stage reads for its
word pairs (`shapes.word_tokens`), so the page's text is tokenised once for both. A script
written without spaces (Chinese, Japanese, Thai) gives few such words, so it gets no topic evidence
and is split on its header evidence alone.

Everything here is a pure function of the lines given: no state between pages.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, chain
from operator import mul

import regex

from cleannews.settings import SETTINGS
from cleannews.shapes import word_tokens

#: Fewest characters of a content word.
MIN_CONTENT_CHARS = 5
#: A content word in a token that is not all letters: letters and marks, no digit or "_".
_LETTER_RUN = regex.compile(r"[^\W\d_]{5,}")
#: Content words in each window on either side of a gap. 200 is about 550 running words of
#: English: enough to hold a story's recurring names and terms; a window much shorter
#: compares two paragraphs, whose vocabulary differs inside one story too (measured on
#: the splitting benchmark's dev cases: 100 separates true joins from other gaps less well).
WINDOW_WORDS = SETTINGS.cohesion_window_words.value
#: Most lines a window reads, whatever their words: lines with no content word (a run
#: of headings, of spaces) must not make each window walk the whole page (quadratic).
WINDOW_LINES = 60


def content_words(text: str) -> list[str]:
    """The casefolded content words of `text`, in order: its runs of five letters or more.

    Read off the word tokens: a token of letters only is one run; a token with digits or
    "_" in it ("covid19", "user_name") holds the runs between them ("covid")."""
    long = [token for token in word_tokens(text) if len(token) >= MIN_CONTENT_CHARS]
    if all(map(str.isalpha, long)):
        return long  # (most lines: tested in one C-level pass)
    words: list[str] = []
    for token in long:
        if token.isalpha():
            words.append(token)
        else:  # digits, "_", or marks (which `isalpha` refuses and a run may hold)
            words += _LETTER_RUN.findall(token)
    return words


class Cohesion:
    """Gap similarities of one page's paragraphs (`units`: each one's content words).

    `similarity(gap)` compares the units before `gap` with those from `gap` on, each side
    up to `WINDOW_WORDS` content words; `words_before` / `words_after` say how much text
    each side holds, so a caller can refuse to judge a topic from a few words.
    """

    def __init__(self, units: Sequence[Sequence[str]], window: int = WINDOW_WORDS) -> None:
        self.units = units
        self.window = window
        with_words = sum(map(bool, units))
        df = Counter(chain.from_iterable(map(set, units)))  # in C: one pass, no loop here
        # A word's idf depends on its count alone: one logarithm per count that occurs up
        # to the highest (fewer than the words), looked up per word in C.
        log = math.log
        top = max(df.values(), default=0)
        by_count = [0.0] + [log(with_words / n) ** 2 for n in range(1, top + 1)]
        #: Each word's idf, squared: what the cosine reads (a weight enters it squared).
        self._idf2 = dict(zip(df, map(by_count.__getitem__, df.values()), strict=True))
        self._before = list(accumulate(map(len, units), initial=0))

    def words_before(self, gap: int) -> int:
        return self._before[gap]

    def words_after(self, gap: int) -> int:
        return self._before[-1] - self._before[gap]

    def similarity(self, gap: int) -> float:
        """Cosine of the idf-weighted windows before and after `gap` (0 when one is empty)."""
        start, end = self._window_start(gap), self._window_end(gap)
        before, after = self._bag(start, gap), self._bag(gap, end)
        idf2 = self._idf2
        norms = math.sqrt(_norm2(before, idf2) * _norm2(after, idf2))
        return _dot(before, after, idf2) / norms if norms else 0.0

    def _window_start(self, gap: int) -> int:
        """Where the window before `gap` starts: the units from it to `gap` hold `window`
        content words (the unit that reaches the count included), or `WINDOW_LINES` units."""
        enough = bisect_right(self._before, self._before[gap] - self.window) - 1
        return max(0, enough, gap - WINDOW_LINES)

    def _window_end(self, gap: int) -> int:
        """Where the window from `gap` on ends (the same rule, read forwards)."""
        enough = bisect_left(self._before, self._before[gap] + self.window)
        return min(len(self.units), enough, gap + WINDOW_LINES)

    def _bag(self, start: int, end: int) -> Counter[str]:
        return Counter(chain.from_iterable(self.units[start:end]))


def _norm2(bag: Counter[str], idf2: dict[str, float]) -> float:
    """`_dot(bag, bag, idf2)`, the same sum in the same order, without looking for shared
    words: every word is shared."""
    counts = bag.values()
    total: float = sum(map(mul, map(mul, counts, counts), map(idf2.__getitem__, bag)))
    return total


def _dot(one: Counter[str], other: Counter[str], idf2: dict[str, float]) -> float:
    """The dot product of two bags of words, each word's count weighted by its idf (`idf2`
    holds the squares), written with `map` over C-level operations. The shared words are
    read in `one`'s order, not as a set: a set's order follows the string hash, which
    changes between processes, and so would the float sum's last bits."""
    shared = tuple(filter(other.__contains__, one))
    total: float = sum(
        map(
            mul,
            map(mul, map(one.__getitem__, shared), map(other.__getitem__, shared)),
            map(idf2.__getitem__, shared),
        )
    )
    return total
