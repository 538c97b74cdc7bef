"""langdetect's `Detector.detect()`, computed faster with the very same arithmetic.

langdetect (a port of Cybozu's language-detection) draws random character n-grams of the
text and multiplies each language's probability by the n-gram's profile weight, in 7
seeded trials. Its Python code spends most of its time in per-character and per-language
loops. This module runs the same algorithm on the same profiles with the same random
sequence and the same floating-point operations in the same order, so the answer is
identical, only quicker:

* n-grams are extracted per word (the n-gram state resets at every space, so a word's
  n-grams depend on the word alone) and cached per word;
* character normalisation goes through a per-character cache;
* each probability update is one list comprehension instead of an index loop, or one
  vector operation when numpy is installed (the same IEEE operations element by element);
* the trials stop once the leading language can no longer be overtaken by the trials
  left (each trial adds at most 1/7 to a language's final score), so the ranking's top,
  the only thing `detect()` returns, is the same.

`tests/test_langid.py` checks the answers against langdetect itself.
"""

from __future__ import annotations

import importlib
import random
import re
from typing import Any

from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.language import Language
from langdetect.utils.ngram import NGram
from langdetect.utils.unicode_block import UNICODE_LATIN_EXTENDED_ADDITIONAL, unicode_block

_np: Any
try:  # optional: the same arithmetic on vectors, about twice as fast
    _np = importlib.import_module("numpy")
except ImportError:  # pragma: no cover - numpy is not a dependency
    _np = None

_SPACE_RUNS = re.compile(" {2,}")
_WORD_CACHE_SIZE = 200_000
#: n-gram -> its profile row as a numpy vector (bounded: at most ~30 MB).
_ROW_CACHE_SIZE = 50_000
_ROWS: dict[str, Any] = {}


class _Normalised(dict[int, str]):
    """`str.translate` table: NGram.normalize of each character, computed once."""

    def __missing__(self, code: int) -> str:
        value: str = NGram.normalize(chr(code))
        self[code] = value
        return value


_NORMALISE = _Normalised()
_WORD_NGRAMS: dict[tuple[str, bool], tuple[str, ...]] = {}


def _prepare(text: str, max_length: int) -> str:
    """`Detector.append` then `Detector.cleaning_text`."""
    text = Detector.URL_RE.sub(" ", text)
    text = Detector.MAIL_RE.sub(" ", text)
    text = NGram.normalize_vi(text)
    text = _SPACE_RUNS.sub(" ", text[:max_length])
    if not text or max(text) < "\u0300":  # no character counts as non-Latin
        return text
    latin = non_latin = 0
    for ch in text:
        if "A" <= ch <= "z":
            latin += 1
        elif ch >= "\u0300" and unicode_block(ch) != UNICODE_LATIN_EXTENDED_ADDITIONAL:
            non_latin += 1
    if latin * 2 < non_latin:
        text = "".join(ch for ch in text if ch < "A" or ch > "z")
    return text


def _word_ngrams(word: str, space_after: bool, known: dict[str, Any]) -> tuple[str, ...]:
    """The n-grams `Detector._extract_ngrams` emits for one word (and the space after it).

    The same state machine as `NGram.add_char`, started as after a space.
    """
    grams = " "
    capital = False
    found: list[str] = []
    for ch in word + " " if space_after else word:
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if ch == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        for n in (1, 2, 3):
            if len(grams) < n:
                break
            w = grams[-n:]
            if w and w != " " and w in known:
                found.append(w)
    return tuple(found)


def _extract_ngrams(text: str, known: dict[str, Any]) -> list[str]:
    pieces = text.translate(_NORMALISE).split(" ")
    last = len(pieces) - 1
    cache = _WORD_NGRAMS
    if len(cache) > _WORD_CACHE_SIZE:
        cache.clear()
    result: list[str] = []
    for index, word in enumerate(pieces):
        if not word:
            continue
        key = (word, index < last)
        grams = cache.get(key)
        if grams is None:
            grams = cache[key] = _word_ngrams(word, index < last, known)
        result.extend(grams)
    return result


def _decided(langprob: list[float], remaining: int, trials: int) -> bool:
    """Whether the leader can no longer be overtaken: each remaining trial adds at most
    1/trials to any language (its probabilities are normalised), and nothing to subtract.
    The margin covers rounding; the leader must also pass langdetect's 0.1 threshold."""
    if remaining == 0:
        return False
    lead = max(langprob)
    runner_up = sorted(langprob)[-2]
    bound = runner_up + remaining / trials + 1e-9
    return lead > bound and lead > Detector.PROB_THRESHOLD


def detect(factory: Any, text: str, seed: int = 0) -> str:
    """What `factory.create()` with `seed`, `.append(text)`, `.detect()` returns.

    Raises LangDetectException when the text has no n-gram features, like langdetect.
    """
    known: dict[str, list[float]] = factory.word_lang_prob_map
    ngrams = _extract_ngrams(_prepare(text, 10000), known)
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    langlist: list[str] = factory.langlist
    trials = 7
    langprob = [0.0] * len(langlist)
    rnd = random.Random()
    rnd.seed(seed)
    run_trial = _trial_numpy if _np is not None else _trial
    for trial in range(trials):
        alpha = Detector.ALPHA_DEFAULT + rnd.gauss(0.0, 1.0) * Detector.ALPHA_WIDTH
        prob = run_trial(known, ngrams, rnd, alpha / Detector.BASE_FREQ, len(langlist))
        for j, p in enumerate(prob):
            langprob[j] += p / trials
        if _decided(langprob, trials - 1 - trial, trials):
            break
    ranked = [
        Language(lang, p)
        for lang, p in zip(langlist, langprob, strict=True)
        if p > Detector.PROB_THRESHOLD
    ]
    ranked.sort(reverse=True)
    return str(ranked[0].lang) if ranked else Detector.UNKNOWN_LANG


def _trial(
    known: dict[str, list[float]], ngrams: list[str], rnd: random.Random, weight: float, size: int
) -> list[float]:
    """One trial of `Detector._detect_block`: update on random n-grams until converged."""
    choice = rnd.choice
    prob = [1.0 / size] * size
    i = 0
    while True:
        row = known[choice(ngrams)]
        prob = [p * (weight + w) for p, w in zip(prob, row, strict=True)]
        if i % 5 == 0:
            total = sum(prob)
            prob = [p / total for p in prob]
            if _top(max(prob)) or i >= Detector.ITERATION_LIMIT:
                return prob
        i += 1


def _trial_numpy(
    known: dict[str, list[float]], ngrams: list[str], rnd: random.Random, weight: float, size: int
) -> list[float]:
    """`_trial` on numpy vectors: the same IEEE operations element by element (`p * (w +
    weight)`, `p / total`), and the total is the builtin `sum` of the same Python floats
    (numpy's own sum rounds differently), so every value is bit for bit the same."""
    assert _np is not None
    rows = _ROWS
    if len(rows) > _ROW_CACHE_SIZE:
        rows.clear()
    choice = rnd.choice
    prob = _np.full(size, 1.0 / size)
    i = 0
    while True:
        word = choice(ngrams)
        row = rows.get(word)
        if row is None:
            row = rows[word] = _np.array(known[word], dtype=_np.float64)
        prob *= row + weight
        if i % 5 == 0:
            prob = prob / sum(prob.tolist())
            if _top(float(prob.max())) or i >= Detector.ITERATION_LIMIT:
                result: list[float] = prob.tolist()
                return result
        i += 1


def _top(maxp: float) -> bool:
    """langdetect's convergence test (its running maximum starts at 0.0)."""
    return bool(max(maxp, 0.0) > Detector.CONV_THRESHOLD)


__all__ = ["detect"]
