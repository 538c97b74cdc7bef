"""langdetect's `Detector.detect()`, computed faster, with the same answer.

langdetect (a port of Cybozu's language-detection) draws random character n-grams of the
text and multiplies each language's probability by the n-gram's profile weight, in 7
seeded trials. Its Python code spends most of its time in per-character and per-language
loops. This module runs the same algorithm on the same profiles with the same random
sequence, so the answer is identical, only quicker:

* the profiles are a few compact tables (`Profiles`) instead of langdetect's factory;
* n-grams are extracted per word (the n-gram state resets at every space, so a word's
  n-grams depend on the word alone), as profile row numbers, cached per word;
* character normalisation goes through `translate` tables;
* each probability update is one list comprehension instead of an index loop;
* with numpy installed, a trial reads its n-grams ahead from the generator's raw 32-bit
  words (`_Stream` replays `random.choice` and `random.gauss` on them, checked against
  `random.Random` once per process) and multiplies the five rows between two
  normalisations in one vector reduction (the same IEEE operations in the same order);
* first, though, each trial is estimated in a few vector operations (normalising only
  at the end, which langdetect's per-block normalisation equals in exact arithmetic,
  so the estimate is within 1e-11); the estimate is used only where it provably leads
  to the same decisions (same last draw, same stop, same leader), else the exact trial;
  the pure-Python path computes exactly what langdetect computes;
* the trials stop once the leading language can no longer be overtaken by the trials
  left (each trial adds at most 1/7 to a language's final score), so the ranking's top,
  the only thing `detect()` returns, is the same.

`tests/test_langid.py` checks the answers against langdetect itself.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import random
import re
from array import array
from typing import Any

from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
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
#: The same for ASCII, as a `bytes.translate` table (ASCII text skips the dict lookups).
_NORMALISE_ASCII = bytes(ord(NGram.normalize(chr(code))) for code in range(128)) + bytes(
    range(128, 256)
)


def _normalise(text: str) -> str:
    """NGram.normalize of every character."""
    if text.isascii():
        return text.encode("ascii").translate(_NORMALISE_ASCII).decode("ascii")
    return text.translate(_NORMALISE)


class Profiles:
    """langdetect's profiles as compact tables: a pure function of the installed data.

    `index` numbers the n-grams; `flat` holds their rows one after the other (row r at
    `[r * width, (r + 1) * width)`), and `matrix` is the same memory seen by numpy. A few
    big objects, where langdetect's factory keeps a list of floats per n-gram (four times
    the memory, and the garbage collector walks it). `words` and `tails` cache the row
    numbers of a word followed by a space and of a last word, as `_ROW_CODE` bytes
    (bounded; the answer never depends on them).
    """

    def __init__(self, langlist: list[str], index: dict[str, int], flat: array[float]) -> None:
        self.langlist = langlist
        self.width = len(langlist)
        self.index = index
        self.flat = flat
        if len(flat) != len(index) * self.width:
            raise ValueError("every profile row needs one weight per language")
        self.matrix = None if _np is None else _np.frombuffer(flat).reshape(-1, self.width)
        self.words: dict[str, bytes] = {}
        self.tails: dict[str, bytes] = {}

    @classmethod
    def from_directory(cls, directory: str) -> Profiles:
        """The tables langdetect's `DetectorFactory.load_profile` builds from its profile
        files, built directly: the same files in the same (directory) order, the same
        rows in the same order, the same `count / n_words` weights. About three times
        faster than going through the factory's lists, once per process (each pool
        worker)."""
        names = os.listdir(directory)  # langdetect's order, dot files included in the width
        width = len(names)
        langlist: list[str] = []
        index: dict[str, int] = {}
        weights: list[tuple[int, float]] = []
        for name in names:
            path = os.path.join(directory, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                profile = json.load(f)
            column = len(langlist)
            langlist.append(profile["name"])
            n_words = profile["n_words"]
            for gram, count in profile["freq"].items():
                row = index.setdefault(gram, len(index))
                if 1 <= len(gram) <= 3:
                    weights.append((row * width + column, 1.0 * count / n_words[len(gram) - 1]))
        flat = array("d", bytes(8 * width * len(index)))
        for at, weight in weights:
            flat[at] = weight
        return cls(langlist, index, flat)


#: Row numbers are stored as C ints (numpy's `intc`) in byte strings.
_ROW_CODE = "i"


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


def _word_ngrams(word: str, space_after: bool, index: dict[str, int]) -> bytes:
    """The n-grams `Detector._extract_ngrams` emits for one word (and the space after it),
    as profile row numbers (`_ROW_CODE` bytes).

    The same state machine as `NGram.add_char`, started as after a space.
    """
    grams = " "
    capital = False
    found = array(_ROW_CODE)
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
    return found.tobytes()


def _extract_ngrams(text: str, profiles: Profiles) -> bytes:
    """Profile row numbers of the text's n-grams, in langdetect's order (`_ROW_CODE`
    bytes): each word's from the cache (all but the last word are followed by a space).

    Joining byte strings touches no per-n-gram object, which matters once other work
    has pushed the caches out of the CPU's.
    """
    *words, tail = _normalise(text).split(" ")
    cache, tails = profiles.words, profiles.tails
    if len(cache) + len(tails) > _WORD_CACHE_SIZE:
        cache.clear()
        tails.clear()
    found: list[Any] = list(map(cache.get, words))  # None where not cached yet
    if None in found:
        for position, grams in enumerate(found):
            if grams is None:
                word = words[position]
                found[position] = cache[word] = _word_ngrams(word, True, profiles.index)
    last = tails.get(tail)
    if last is None:
        last = tails[tail] = _word_ngrams(tail, False, profiles.index)
    found.append(last)
    return b"".join(found)


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


def detect(profiles: Profiles, text: str, seed: int = 0) -> str:
    """What langdetect's `factory.create()` with `seed`, `.append(text)`, `.detect()`
    returns, where `profiles` holds the tables of that factory's profiles.

    Raises LangDetectException when the text has no n-gram features, like langdetect.
    """
    ngrams = _extract_ngrams(_prepare(text, 10000), profiles)
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    return _top_language(profiles.langlist, _langprob(profiles, ngrams, seed))


def _top_language(langlist: list[str], langprob: list[float]) -> str:
    """The first of langdetect's ranking: the languages above PROB_THRESHOLD sorted by
    probability, highest first, a stable sort (ties keep langlist order), so the first
    language with the highest probability if that is above the threshold."""
    best = max(langprob)
    if best > Detector.PROB_THRESHOLD:
        return langlist[langprob.index(best)]
    return str(Detector.UNKNOWN_LANG)


def _langprob(profiles: Profiles, ngrams: bytes, seed: int) -> list[float]:
    """langdetect's final probabilities, or probabilities within 1e-11 of them that
    rank the same language first."""
    if _np is None or profiles.matrix is None or not _stream_is_exact():
        return _langprob_pure(profiles, ngrams, seed)
    langprob = _langprob_vector(profiles, ngrams, seed, estimate=True)
    if langprob is None:  # an estimate came too close to a decision: none this time
        langprob = _langprob_vector(profiles, ngrams, seed, estimate=False)
    assert langprob is not None
    return langprob


def _alpha_weight(gauss: float) -> float:
    """langdetect's per-trial smoothing weight from the trial's gaussian draw."""
    alpha = Detector.ALPHA_DEFAULT + gauss * Detector.ALPHA_WIDTH
    weight: float = alpha / Detector.BASE_FREQ
    return weight


def _langprob_pure(profiles: Profiles, ngrams: bytes, seed: int) -> list[float]:
    """`Detector._detect_block`'s trials in plain Python, drawing from `random.Random`."""
    size = profiles.width
    rows = array(_ROW_CODE, ngrams)
    langprob = [0.0] * size
    rnd = random.Random(seed)
    for trial in range(TRIALS):
        weight = _alpha_weight(rnd.gauss(0.0, 1.0))
        prob = _trial(profiles.flat, rows, rnd, weight, size)
        langprob = [total + p / TRIALS for total, p in zip(langprob, prob, strict=True)]
        if _decided(langprob, TRIALS - 1 - trial):
            break
    return langprob


def _trial(
    flat: array[float], rows: array[int], rnd: random.Random, weight: float, size: int
) -> list[float]:
    """One trial of `Detector._detect_block`: update on random n-grams until converged."""
    choice = rnd.choice
    prob = [1.0 / size] * size
    i = 0
    while True:
        start = choice(rows) * size
        row = flat[start : start + size]
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


#: The first raw words of `random.Random(seed)` per seed: a pure function of the seed.
_SEED_WORDS: dict[int, Any] = {}


def _seed_words(seed: int, count: int) -> Any:
    """At least the first `count` 32-bit words `random.Random(seed)` makes (at least 2048)."""
    words = _SEED_WORDS.get(seed)
    if words is None or len(words) < count:
        count = max(count, 2 * len(words) if words is not None else 0, 2048)
        raw = random.Random(seed).getrandbits(32 * count).to_bytes(4 * count, "little")
        words = _np.frombuffer(raw, dtype="<u4")
        if len(_SEED_WORDS) >= 16:
            _SEED_WORDS.clear()
        _SEED_WORDS[seed] = words
    return words


class _Stream:
    """`random.Random(seed)` as langdetect consumes it, replayed from its raw words.

    CPython's Random makes everything from 32-bit Mersenne Twister words:
    `getrandbits(32 * n)` is the next n words (first word lowest); `choice(seq)` takes
    words `>> (32 - k)`, k = len(seq).bit_length(), until one is below len(seq);
    `gauss()` makes two values from four words (two `random()`s) and keeps the second
    for the next call. The words of a seed are the same on every call (`_seed_words`);
    decoding them as choices of `seq` up front lets a trial look ahead at its n-grams,
    and only the words a trial really used are consumed. `_stream_is_exact` checks this
    replay against `random.Random`.
    """

    def __init__(self, seed: int, seq: Any) -> None:
        self._seed = seed
        self._seq = seq  # choices are items of this array
        self._shift = 32 - len(seq).bit_length()
        self._words = _seed_words(seed, 0)
        self._decoded = 0  # words decoded as choices so far
        self._pos = 0  # next unconsumed word
        self._gauss_next: float | None = None
        self._accepted = _np.empty(0, dtype=_np.intp)  # words a choice accepts
        self._picks = seq[:0]  # the item each of them picks
        self._first = 0  # index in _accepted of the last `choices()` call's first pick

    def _decode_more(self) -> None:
        """Decode as many more words as were decoded so far (at least 512)."""
        start = self._decoded
        end = start + max(512, start)
        if len(self._words) < end:
            self._words = _seed_words(self._seed, end)
        candidates = self._words[start:end] >> self._shift
        hits = _np.flatnonzero(candidates < len(self._seq))
        picks = self._seq[candidates[hits]]
        if start:
            self._accepted = _np.concatenate((self._accepted, hits + start))
            self._picks = _np.concatenate((self._picks, picks))
        else:
            self._accepted, self._picks = hits, picks
        self._decoded = end

    def _random(self) -> float:
        """`Random.random()`: 53 bits from two words."""
        if len(self._words) < self._pos + 2:
            self._words = _seed_words(self._seed, self._pos + 2)
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

    def choices(self, count: int) -> Any:
        """The next `count` results of `choice(seq)` (an array), not consumed yet."""
        while self._decoded < self._pos:
            self._decode_more()
        first = int(self._accepted.searchsorted(self._pos))
        while len(self._accepted) - first < count:
            self._decode_more()
        self._first = first
        return self._picks[first : first + count]

    def consume(self, used: int) -> None:
        """Consume the words of the first `used` choices of the last `choices()`."""
        self._pos = int(self._accepted[self._first + used - 1]) + 1


def _langprob_vector(
    profiles: Profiles, ngrams: bytes, seed: int, estimate: bool
) -> list[float] | None:
    """`_langprob_pure` with numpy: the same draws, and each trial either computed with
    the same operations per element or, with `estimate`, estimated (`_trial_estimate`).

    Estimates differ from langdetect's probabilities by less than 1e-11 (and end their
    trial at the same draw): when a decision made on them (stop after this trial? which
    language leads?) is within `_MARGIN` of going the other way, returns None.
    """
    langprob = _np.zeros(profiles.width)
    stream = _Stream(seed, _np.frombuffer(ngrams, dtype=_np.intc))
    estimated = False
    for trial in range(TRIALS):
        weight = _alpha_weight(stream.gauss())
        prob = _trial_estimate(profiles.matrix, stream, weight) if estimate else None
        if prob is None:
            prob = _trial_vector(profiles.matrix, stream, weight)
        else:
            estimated = True
        langprob += prob / TRIALS
        values: list[float] = langprob.tolist()
        remaining = TRIALS - 1 - trial
        if estimated and _close_to_decided(values, remaining):
            return None
        if _decided(values, remaining):
            break
    return None if estimated and not _clear_leader(values) else values


#: Decisions on estimated probabilities need this margin; estimates are within 1e-11.
_MARGIN = 1e-9


def _close_to_decided(langprob: list[float], remaining: int) -> bool:
    """Whether `_decided` could answer otherwise for probabilities within `_MARGIN`."""
    if 2 * remaining >= TRIALS:  # it answers no whatever the probabilities
        return False
    lead = max(langprob)
    bound = sorted(langprob)[-2] + remaining / TRIALS + 1e-9
    return abs(lead - bound) <= _MARGIN or abs(lead - Detector.PROB_THRESHOLD) <= _MARGIN


def _clear_leader(langprob: list[float]) -> bool:
    """Whether the top of langdetect's ranking (the leader if above PROB_THRESHOLD, else
    none) is the same for all probabilities within `_MARGIN`."""
    second, lead = sorted(langprob)[-2:]
    return lead - second > _MARGIN and abs(lead - Detector.PROB_THRESHOLD) > _MARGIN


#: Draws an estimate looks at: 20 blocks after the first draw, enough for 98% of trials.
_ESTIMATE_DRAWS = 101
#: Below this smoothing weight (alpha 0.1, 8 standard deviations off) no estimates.
_MIN_WEIGHT = 1e-5
#: Estimates multiply every factor by this power of two (exactly): products of a
#: hundred factors down to 64 * _MIN_WEIGHT or up to 64 stay far from 0 and infinity.
_SCALE = 64.0
#: Estimates keep every product above this (normal floats, relative rounding only)...
_SMALLEST_PRODUCT = 1e-290
#: ... and every normalised probability above this, so langdetect's stay normal too
#: (times at most 5 weights of at least _MIN_WEIGHT: above 1e-305).
_SMALLEST_SHARE = 1e-280


def _trial_estimate(matrix: Any, stream: _Stream, weight: float) -> Any:
    """A trial's final probabilities estimated (`_estimate_blocks`), its draws consumed;
    None, consuming nothing, if the estimate cannot be trusted."""
    if weight < _MIN_WEIGHT:
        return None
    outcome = _estimate_blocks(matrix, stream.choices(_ESTIMATE_DRAWS), weight)
    if outcome is None:
        return None
    used, prob = outcome
    stream.consume(used)
    return prob


def _estimate_blocks(matrix: Any, rows: Any, weight: float) -> tuple[int, Any] | None:
    """(draws used, final probabilities) of a trial on these draws, in a few vector
    operations: the products of the factors `w + weight` (times `_SCALE`, exactly) at
    each block end (a block's draws multiplied together first, then the blocks in turn),
    normalised there.

    langdetect normalises after every block instead, which only rescales all languages
    alike: in exact arithmetic both give the same normalised probabilities. With
    rounding, each differs from the exact value by at most about (draws + 60) relative
    roundings of 1.1e-16 as long as no value leaves the normal floats (guarded by
    `_SMALLEST_PRODUCT` and `_SMALLEST_SHARE`): for at most 101 draws, under 1e-13, so
    langdetect's convergence test (largest share above CONV_THRESHOLD) gives the same
    answer at every block unless the estimated share is within `_MARGIN` of it; then,
    and when the trial does not converge within these draws, returns None.
    """
    blocks = (len(rows) - 1) // 5
    factors = matrix.take(rows, axis=0)
    factors += weight
    factors *= _SCALE
    ends = _np.empty((blocks + 1, matrix.shape[1]))  # products at each block's end
    ends[0] = factors[0]
    _np.multiply.reduce(factors[1:].reshape(blocks, 5, -1), axis=1, out=ends[1:])
    _np.multiply.accumulate(ends, axis=0, out=ends)
    totals = ends.sum(axis=1).tolist()
    largest = ends.max(axis=1).tolist()
    safe = _safe_blocks(weight)
    for block, (total, high) in enumerate(zip(totals, largest, strict=True)):
        share = high / total
        if abs(share - Detector.CONV_THRESHOLD) <= _MARGIN:
            return None
        if block > safe and not _all_normal(ends[block].min(), total):
            return None
        if share > Detector.CONV_THRESHOLD:
            return 5 * block + 1, ends[block] / total
    return None


def _safe_blocks(weight: float) -> int:
    """Blocks up to which no value can be small enough to matter: every factor is at
    least `weight` (times `_SCALE`) and at most 1 + weight (times `_SCALE`), so after n
    draws every share is at least weight ** n / 56 (less a few roundings), and every
    product at least (64 * weight) ** n, more."""
    return int((math.log10(_SMALLEST_SHARE * 56) / math.log10(weight) - 1) // 5)


def _all_normal(smallest: float, total: float) -> bool:
    """Whether the smallest product and the smallest share stay above their floors."""
    return smallest >= _SMALLEST_PRODUCT and smallest >= _SMALLEST_SHARE * total


def _trial_vector(matrix: Any, stream: _Stream, weight: float) -> Any:
    """One trial on look-ahead draws, a chunk of blocks at a time (the first chunk is
    enough for most trials): returns its final probabilities and consumes its draws."""
    prob: Any = 1.0 / matrix.shape[1]  # langdetect's uniform start
    done = 0
    for count in _CHUNK_ENDS:
        rows = stream.choices(count)
        used, prob = _run_blocks(matrix, rows[done:], weight, prob, done)
        if used:
            stream.consume(done + used)
            return prob
        done = count
    raise AssertionError("a trial ends by ITERATION_LIMIT")  # pragma: no cover


def _run_blocks(matrix: Any, rows: Any, weight: float, prob: Any, done: int) -> tuple[int, Any]:
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
            stream = _Stream(seed, _np.arange(size))
            for used in (25, 300, 1, 7, 1500):
                if stream.gauss() != rnd.gauss(0.0, 1.0):
                    return False
                picks = stream.choices(used + 40)[:used].tolist()
                stream.consume(used)
                if picks != [rnd.choice(range(size)) for _ in range(used)]:
                    return False
    return True


__all__ = ["Profiles", "detect"]
