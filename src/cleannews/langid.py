"""langdetect's `Detector.detect()`, computed faster with the very same arithmetic.

langdetect (a port of Cybozu's language-detection) draws random character n-grams of the
text and multiplies each language's probability by the n-gram's profile weight, in 7
seeded trials. Its Python code spends most of its time in per-character and per-language
loops. This module runs the same algorithm on the same profiles with the same random
sequence and the same floating-point operations in the same order, so the answer is
identical, only quicker:

* n-grams are extracted per word (the n-gram state resets at every space, so a word's
  n-grams depend on the word alone), as row numbers of the profile table, cached per word;
* character normalisation goes through a per-character `str.translate` table;
* each probability update is one list comprehension instead of an index loop;
* with numpy installed, a trial draws its n-grams ahead from the generator's raw 32-bit
  words (`_Stream` replays `random.choice` and `random.gauss` on them, checked against
  `random.Random` once per process) and multiplies the five rows between two
  normalisations in one vector reduction (the same IEEE operations in the same order);
* the trials stop once the leading language can no longer be overtaken by the trials
  left (each trial adds at most 1/7 to a language's final score), so the ranking's top,
  the only thing `detect()` returns, is the same.

`tests/test_langid.py` checks the answers against langdetect itself.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import math
import random
import re
import threading
from typing import Any

from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.language import Language
from langdetect.utils.ngram import NGram

_np: Any
try:  # optional: the same arithmetic on vectors, several times faster
    _np = importlib.import_module("numpy")
except ImportError:  # pragma: no cover - numpy is not a dependency
    _np = None

_SPACE_RUNS = re.compile(" {2,}")
_WORD_CACHE_SIZE = 200_000
TRIALS = 7


class _Normalised(dict[int, str]):
    """`str.translate` table: NGram.normalize of each character, computed once."""

    def __missing__(self, code: int) -> str:
        value: str = NGram.normalize(chr(code))
        self[code] = value
        return value


_NORMALISE = _Normalised()


class _Profiles:
    """A factory's profiles as a table: n-gram -> row number, rows as lists and a matrix.

    A pure function of the installed profiles, built once per factory. `words` caches
    the n-gram row numbers of each word followed by a space (bounded; the answer never
    depends on it).
    """

    def __init__(self, factory: Any) -> None:
        known: dict[str, list[float]] = factory.word_lang_prob_map
        self.index = {gram: row for row, gram in enumerate(known)}
        self.rows = list(known.values())
        self.langlist: list[str] = list(factory.langlist)
        self.matrix = None if _np is None else _np.array(self.rows, dtype=_np.float64)
        self.words: dict[str, tuple[int, ...]] = {}


_profiles_lock = threading.Lock()
_PROFILES: dict[int, tuple[Any, _Profiles]] = {}


def _profiles(factory: Any) -> _Profiles:
    """The table of `factory`, built on first use (the factory is kept alive with it)."""
    entry = _PROFILES.get(id(factory))
    if entry is None or entry[0] is not factory:
        with _profiles_lock:
            entry = _PROFILES.get(id(factory))
            if entry is None or entry[0] is not factory:
                entry = _PROFILES[id(factory)] = (factory, _Profiles(factory))
    return entry[1]


def _prepare(text: str, max_length: int) -> str:
    """`Detector.append` then `Detector.cleaning_text`; each step only where it can act."""
    if "http" in text:
        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = Detector.MAIL_RE.sub(" ", text)
    if any(mark in text for mark in NGram.DMARK_CLASS):
        text = NGram.normalize_vi(text)
    text = text[:max_length]
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    return _drop_latin_if_minor(text)


#: UTF-8 bytes of the characters langdetect counts as Latin ("A" to "z")...
_LATIN_BYTES = bytes(range(ord("A"), ord("z") + 1))
#: ... the lead bytes of the characters from U+0300 on (continuation bytes are < 0xC0)...
_HIGH_LEAD_BYTES = bytes(range(0xCC, 0x100))
#: ... and the two first bytes of U+1E00-U+1EFF (Latin Extended Additional).
_LATIN_EXTENDED_ADDITIONAL = (b"\xe1\xb8", b"\xe1\xb9", b"\xe1\xba", b"\xe1\xbb")
_ALL_BYTES = bytes(range(0x100))
_NOT_LATIN = _ALL_BYTES.translate(None, _LATIN_BYTES)
_NOT_HIGH_LEAD = _ALL_BYTES.translate(None, _HIGH_LEAD_BYTES)
_DELETE_LATIN = dict.fromkeys(range(ord("A"), ord("z") + 1))


def _drop_latin_if_minor(text: str) -> str:
    """`Detector.cleaning_text`: Latin letters ("A" to "z") go when the non-Latin ones
    (from U+0300 on, outside Latin Extended Additional) are more than twice as many.

    Both are counted on the UTF-8 bytes, in C, instead of character by character.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    latin = len(encoded.translate(None, _NOT_LATIN))
    high = len(encoded.translate(None, _NOT_HIGH_LEAD))
    if latin * 2 >= high:  # non-Latin ones are at most these
        return text
    non_latin = high - sum(map(encoded.count, _LATIN_EXTENDED_ADDITIONAL))
    return text.translate(_DELETE_LATIN) if latin * 2 < non_latin else text


def _word_ngrams(word: str, space_after: bool, index: dict[str, int]) -> tuple[int, ...]:
    """The n-grams `Detector._extract_ngrams` emits for one word (and the space after it),
    as profile row numbers.

    The same state machine as `NGram.add_char`, started as after a space.
    """
    grams = " "
    capital = False
    found: list[int] = []
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
            if w and w != " ":
                row = index.get(w)
                if row is not None:
                    found.append(row)
    return tuple(found)


def _extract_ngrams(text: str, profiles: _Profiles) -> list[int]:
    """Profile row numbers of the text's n-grams, in langdetect's order: each word's,
    from the cache (all but the last word are followed by a space)."""
    *words, tail = text.translate(_NORMALISE).split(" ")
    cache = profiles.words
    if len(cache) > _WORD_CACHE_SIZE:
        cache.clear()
    found: list[Any] = list(map(cache.get, words))  # None where not cached yet
    if None in found:
        index = profiles.index
        for position, grams in enumerate(found):
            if grams is None:
                word = words[position]
                grams = cache[word] = _word_ngrams(word, True, index)
                found[position] = grams
    found.append(_word_ngrams(tail, False, profiles.index) if tail else ())
    return list(itertools.chain.from_iterable(found))


def _decided(langprob: list[float], remaining: int) -> bool:
    """Whether the leader can no longer be overtaken: each remaining trial adds at most
    1/TRIALS to any language (its probabilities are normalised), and nothing to subtract.
    The margin covers rounding; the leader must also pass langdetect's 0.1 threshold.
    Before half the trials ran, the leader cannot lead by the trials left."""
    if 2 * remaining >= TRIALS:  # the leader has at most (TRIALS - remaining) / TRIALS
        return False
    lead = max(langprob)
    runner_up = sorted(langprob)[-2]
    bound = runner_up + remaining / TRIALS + 1e-9
    return lead > bound and lead > Detector.PROB_THRESHOLD


def detect(factory: Any, text: str, seed: int = 0) -> str:
    """What `factory.create()` with `seed`, `.append(text)`, `.detect()` returns.

    Raises LangDetectException when the text has no n-gram features, like langdetect.
    """
    profiles = _profiles(factory)
    ngrams = _extract_ngrams(_prepare(text, 10000), profiles)
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    if _np is not None and profiles.matrix is not None and _stream_is_exact():
        langprob = _langprob_vector(profiles, ngrams, seed)
    else:
        langprob = _langprob_pure(profiles, ngrams, seed)
    ranked = [
        Language(lang, p)
        for lang, p in zip(profiles.langlist, langprob, strict=True)
        if p > Detector.PROB_THRESHOLD
    ]
    ranked.sort(reverse=True)
    return str(ranked[0].lang) if ranked else Detector.UNKNOWN_LANG


def _alpha_weight(gauss: float) -> float:
    """langdetect's per-trial smoothing weight from the trial's gaussian draw."""
    alpha = Detector.ALPHA_DEFAULT + gauss * Detector.ALPHA_WIDTH
    weight: float = alpha / Detector.BASE_FREQ
    return weight


def _langprob_pure(profiles: _Profiles, ngrams: list[int], seed: int) -> list[float]:
    """`Detector._detect_block`'s trials in plain Python, drawing from `random.Random`."""
    size = len(profiles.langlist)
    langprob = [0.0] * size
    rnd = random.Random(seed)
    for trial in range(TRIALS):
        weight = _alpha_weight(rnd.gauss(0.0, 1.0))
        prob = _trial(profiles.rows, ngrams, rnd, weight, size)
        langprob = [total + p / TRIALS for total, p in zip(langprob, prob, strict=True)]
        if _decided(langprob, TRIALS - 1 - trial):
            break
    return langprob


def _trial(
    rows: list[list[float]], ngrams: list[int], rnd: random.Random, weight: float, size: int
) -> list[float]:
    """One trial of `Detector._detect_block`: update on random n-grams until converged."""
    choice = rnd.choice
    prob = [1.0 / size] * size
    i = 0
    while True:
        row = rows[choice(ngrams)]
        prob = [p * (weight + w) for p, w in zip(prob, row, strict=True)]
        if i % 5 == 0:
            total = sum(prob)
            prob = [p / total for p in prob]
            if _top(max(prob)) or i >= Detector.ITERATION_LIMIT:
                return prob
        i += 1


def _top(maxp: float) -> bool:
    """langdetect's convergence test (its running maximum starts at 0.0)."""
    return bool(max(maxp, 0.0) > Detector.CONV_THRESHOLD)


class _Stream:
    """`random.Random(seed)` as langdetect consumes it, replayed from its raw words.

    CPython's Random makes everything from 32-bit Mersenne Twister words:
    `getrandbits(32 * n)` is the next n words (first word lowest); `choice(seq)` takes
    words `>> (32 - k)`, k = len(seq).bit_length(), until one is below len(seq);
    `gauss()` makes two values from four words (two `random()`s) and keeps the second
    for the next call. Drawing the words in bulk and decoding every word as a choice
    up front lets a trial look ahead at its n-grams; only the words a trial really used
    are consumed. `_stream_is_exact` checks this replay against `random.Random`.
    """

    def __init__(self, seed: int, size: int) -> None:
        self._rnd = random.Random(seed)
        self._size = size  # choices are from range(size)
        self._shift = 32 - size.bit_length()
        self._words = _np.empty(0, dtype=_np.uint32)
        self._pos = 0  # next unconsumed word
        self._gauss_next: float | None = None
        self._accepted: list[int] = []  # positions of the words a choice accepts
        self._picks: list[int] = []  # the choice each of them makes
        self._first = 0  # index in _accepted of the last `choices()` call's first pick

    def _draw(self, count: int) -> None:
        """Draw `count` more words and decode them as choices."""
        raw = self._rnd.getrandbits(32 * count).to_bytes(4 * count, "little")
        more = _np.frombuffer(raw, dtype="<u4")
        start = len(self._words)
        self._words = _np.concatenate((self._words, more)) if start else more
        candidates = more >> self._shift
        hits = _np.flatnonzero(candidates < self._size)
        self._accepted.extend((hits + start).tolist())
        self._picks.extend(candidates[hits].tolist())

    def _random(self) -> float:
        """`Random.random()`: 53 bits from two words."""
        while len(self._words) < self._pos + 2:
            self._draw(max(512, len(self._words)))
        a = int(self._words[self._pos]) >> 5
        b = int(self._words[self._pos + 1]) >> 6
        self._pos += 2
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def gauss(self) -> float:
        """`Random.gauss(0.0, 1.0)`, the same formula (Box-Muller, second value kept)."""
        z = self._gauss_next
        self._gauss_next = None
        if z is None:
            x2pi = self._random() * math.tau
            g2rad = math.sqrt(-2.0 * math.log(1.0 - self._random()))
            z = math.cos(x2pi) * g2rad
            self._gauss_next = math.sin(x2pi) * g2rad
        return 0.0 + z * 1.0

    def choices(self, count: int) -> list[int]:
        """The next `count` results of `choice(range(size))`, not consumed yet."""
        first = bisect.bisect_left(self._accepted, self._pos)
        while len(self._accepted) - first < count:
            self._draw(max(512, len(self._words)))
        self._first = first
        return self._picks[first : first + count]

    def consume(self, used: int) -> None:
        """Consume the words of the first `used` choices of the last `choices()`."""
        self._pos = self._accepted[self._first + used - 1] + 1


def _langprob_vector(profiles: _Profiles, ngrams: list[int], seed: int) -> list[float]:
    """`_langprob_pure` with numpy: the same draws and the same operations per element."""
    size = len(profiles.langlist)
    langprob = _np.zeros(size)
    stream = _Stream(seed, len(ngrams))
    for trial in range(TRIALS):
        weight = _alpha_weight(stream.gauss())
        prob = _trial_vector(profiles.matrix, ngrams, stream, weight, size)
        langprob += prob / TRIALS
        if _decided(langprob.tolist(), TRIALS - 1 - trial):
            break
    result: list[float] = langprob.tolist()
    return result


def _trial_vector(matrix: Any, ngrams: list[int], stream: _Stream, weight: float, size: int) -> Any:
    """One trial on look-ahead draws, a chunk of blocks at a time (the first chunk is
    enough for most trials): returns its final probabilities and consumes its draws."""
    prob: Any = 1.0 / size  # langdetect's uniform start
    done = 0
    for count in _CHUNK_ENDS:
        picks = stream.choices(count)
        used, prob = _run_blocks(matrix, [ngrams[i] for i in picks[done:]], weight, prob, done)
        if used:
            stream.consume(done + used)
            return prob
        done = count
    raise AssertionError("a trial ends by ITERATION_LIMIT")  # pragma: no cover


def _run_blocks(
    matrix: Any, rows: list[int], weight: float, prob: Any, done: int
) -> tuple[int, Any]:
    """`_trial` from draw `done` on, with `prob` then, on the given draws (whole blocks):
    (draws used, final probabilities), or (0, probabilities at the end) if not converged.

    `table[1:]` holds `w + weight` per draw; a block is the draws between two
    normalisations (langdetect normalises after draw 0, 5, 10, ...). The block's
    probabilities go in the slot just before its rows (a row already used), and a
    multiply-reduction down the column computes `((p * r1) * r2) ...` in langdetect's
    order. Convergence is langdetect's test, the largest normalised probability above
    CONV_THRESHOLD, decided mostly without searching for the largest (`_converged`).
    """
    table = _np.empty((len(rows) + 1, matrix.shape[1]))
    _np.take(matrix, rows, axis=0, out=table[1:])
    table[1:] += weight
    table[0] = prob
    reduce, divide = _np.multiply.reduce, _np.divide
    start, end = 0, (1 if done == 0 else 5)
    lead = 0
    while end <= len(rows):
        product = reduce(table[start : end + 1], 0)
        values = product.tolist()
        total = sum(values)
        divide(product, total, table[end])
        lead, converged = _converged(values, total, lead)
        if converged or done + end > Detector.ITERATION_LIMIT:
            return end, table[end]
        start, end = end, end + 5
    return 0, table[start]


def _converged(values: list[float], total: float, lead: int) -> tuple[int, bool]:
    """(leading language, whether max(values) / total > CONV_THRESHOLD), given a guess
    `lead` at the leader (the last block's, usually still leading).

    Dividing by the positive total is monotonic, so the largest quotient is the largest
    value's. When the guess holds at least 1% of the total, no other language can hold
    more than 99% of it, so the guess alone decides the test, without a search.
    """
    share = values[lead] / total
    if share < 0.01:
        lead = values.index(max(values))
        share = values[lead] / total
    return lead, share > Detector.CONV_THRESHOLD


#: Draws available to a trial after each chunk: whole blocks (1 + 5k draws), up to the
#: most a trial can make (langdetect stops after draw ITERATION_LIMIT).
_CHUNK_ENDS = (66, 166, 366, Detector.ITERATION_LIMIT + 1)

_stream_check: list[bool] = []


def _stream_is_exact() -> bool:
    """Whether `_Stream` replays this Python's `random.Random` exactly (checked once)."""
    if not _stream_check:
        _stream_check.append(_replays_random())
    return _stream_check[0]


def _replays_random() -> bool:
    """Compare `_Stream` with `random.Random` on gaussians and choices of several sizes."""
    for seed in (0, 1, 12345):
        for size in (1, 2, 3, 55, 1000, 1024, 1025, 30000):
            rnd = random.Random(seed)
            stream = _Stream(seed, size)
            for used in (25, 300, 1, 7):
                if stream.gauss() != rnd.gauss(0.0, 1.0):
                    return False
                picks = stream.choices(used + 40)[:used]
                stream.consume(used)
                if picks != [rnd.choice(range(size)) for _ in range(used)]:
                    return False
    return True


__all__ = ["detect"]
