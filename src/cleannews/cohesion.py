"""Lexical cohesion: how much the text after a point shares the vocabulary of the text before.

Two unrelated stories joined on one page talk about different things, so the words of the
paragraphs after the join are not the words of the paragraphs before it; a section heading
inside one article is followed by more of the same topic. This is the idea of TextTiling
(Hearst 1997): compare a window of text on each side of every gap between paragraphs.

The comparison is the cosine of two bags of content words, each word weighted by its
inverse document frequency *within the page* (a word in most paragraphs, such as a
function word or the site's name, says nothing about where a topic changes). Content words
are words of five letters or more, lower-cased: a length cut that drops most function words
in the languages written with spaces, without a word list per language. A script written
without spaces (Chinese, Japanese, Thai) gives few such words, so it gets no topic evidence
and is split on its header evidence alone.

Everything here is a pure function of the lines given: no state between pages.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import regex

from cleannews.settings import SETTINGS

#: A content word: letters only (no digits, no underscore), five or more of them.
_CONTENT_WORD = regex.compile(r"[^\W\d_]{5,}")
#: Content words in each window on either side of a gap. 200 is about 550 running words of
#: English: enough to hold a story's recurring names and terms; a window much shorter
#: compares two paragraphs, whose vocabulary differs inside one story too (measured on
#: the splitting benchmark's dev cases: 100 separates true joins from other gaps less well).
WINDOW_WORDS = SETTINGS.cohesion_window_words.value
#: Most lines a window reads, whatever their words: lines with no content word (a run
#: of headings, of spaces) must not make each window walk the whole page (quadratic).
WINDOW_LINES = 60


def content_words(text: str) -> list[str]:
    """The lower-cased content words of `text`, in order."""
    return [word.lower() for word in _CONTENT_WORD.findall(text)]


class Cohesion:
    """Gap similarities of one page's paragraphs (`units`: each one's content words).

    `similarity(gap)` compares the units before `gap` with those from `gap` on, each side
    up to `WINDOW_WORDS` content words; `words_before` / `words_after` say how much text
    each side holds, so a caller can refuse to judge a topic from a few words.
    """

    def __init__(self, units: Sequence[Sequence[str]], window: int = WINDOW_WORDS) -> None:
        self.units = units
        self.window = window
        with_words = sum(1 for unit in units if unit)
        df: Counter[str] = Counter()
        for unit in units:
            df.update(set(unit))
        self.idf = {word: math.log(with_words / n) for word, n in df.items()}
        self._before = [0]
        for unit in units:
            self._before.append(self._before[-1] + len(unit))

    def words_before(self, gap: int) -> int:
        return self._before[gap]

    def words_after(self, gap: int) -> int:
        return self._before[-1] - self._before[gap]

    def similarity(self, gap: int) -> float:
        """Cosine of the idf-weighted windows before and after `gap` (0 when one is empty)."""
        left = self._window(range(gap - 1, -1, -1))
        right = self._window(range(gap, len(self.units)))
        return _cosine(left, right)

    def _window(self, positions: range) -> dict[str, float]:
        weights: dict[str, float] = {}
        idf = self.idf
        taken = 0
        for pos in positions[:WINDOW_LINES]:
            if taken >= self.window:
                break
            for word in self.units[pos]:
                weights[word] = weights.get(word, 0.0) + idf[word]
            taken += len(self.units[pos])
        return weights


def _cosine(one: dict[str, float], other: dict[str, float]) -> float:
    if len(other) < len(one):
        one, other = other, one
    dot = sum(weight * other.get(word, 0.0) for word, weight in one.items())
    norms = math.sqrt(sum(w * w for w in one.values())) * math.sqrt(
        sum(w * w for w in other.values())
    )
    return dot / norms if norms else 0.0
