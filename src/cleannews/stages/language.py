"""Stage 2, language: detect the page's language from a bounded sample of its prose.

Runs early because the rule stages choose their language packs by it. langdetect is
random by design; each call gets langdetect's answer for a fixed seed (computed faster
by `cleannews.langid`), so the answer depends only on the text, never on what the
process did before. The sample is bounded (the longest lines, up to
`language_sample_chars`), which keeps long pages fast. Two kinds of text are recognised
without langdetect at all: scripts that belong to one language only, and text whose
function words are plainly those of one language (`function_word_language`; English
only, for now: see `cleannews.function_words`).
"""

from __future__ import annotations

import itertools
import re
import threading

import regex

from cleannews import function_words, langid
from cleannews.document import Doc
from cleannews.function_words import FAST_LANGUAGES, FUNCTION_WORDS
from cleannews.shapes import key_words
from cleannews.signals import LANGUAGE, LINE_TEXT
from cleannews.stages.base import Stage, register_stage

#: Below this many letters there is too little text to tell.
MIN_LETTERS = 20
_LETTER = regex.compile(r"\p{L}")
#: Scripts used by one language in news text: no statistics needed.
_SINGLE_SCRIPT = (
    (regex.compile(r"[\p{Hangul}]"), "ko"),
    (regex.compile(r"[\p{Hiragana}\p{Katakana}]"), "ja"),
    (regex.compile(r"[\p{Thai}]"), "th"),
    (regex.compile(r"[\p{Greek}]"), "el"),
    (regex.compile(r"[\p{Hebrew}]"), "he"),
    (regex.compile(r"[\p{Georgian}]"), None),
)
#: Characters outside these ranges may belong to one of those scripts (all of them
#: start at U+0370; General Punctuation and Currency Symbols hold none): a quick filter.
_MAYBE_SINGLE_SCRIPT = re.compile("[^\x00-\u036f\u2000-\u20cf]")
#: UTF-8 bytes other than ASCII letters (which are letters, and bytes of nothing else).
_NOT_ASCII_LETTER = bytes(range(256)).translate(
    None, bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
)

#: The fast path (`function_word_language`): a sample of at least MIN_FUNCTION_WORD_SAMPLE
#: words is in language L when L's function words make up FUNCTION_WORD_SHARE of them,
#: the other languages' at most FOREIGN_WORD_SHARE, and every sentence of
#: LONG_SENTENCE_WORDS words or more holds some of L's (a sentence in another language,
#: quoted or translated, sends the sample to langdetect). English news prose has 15-25 %
#: of the English words and 0-1 % of the others; text in another language under 2 % of
#: the English ones.
MIN_FUNCTION_WORD_SAMPLE = 20
FUNCTION_WORD_SHARE = 0.10
FOREIGN_WORD_SHARE = 0.03
LONG_SENTENCE_WORDS = 12
_FAST_PATH = tuple(
    (code, FUNCTION_WORDS[code], function_words.other_words(code)) for code in FAST_LANGUAGES
)
#: Where a sentence ends: a stop and the white space after it. Split there, the stop goes
#: with neither side, which changes no sentence's words (`key_words` drops it anyway). A
#: leading class is scanned for in C: a quarter of the instructions of a look-behind for
#: the stop, which was tried at every position of the sample.
_SENTENCE_END = re.compile(r"[.!?;:]\s+")

_profiles_lock = threading.Lock()
_profiles: langid.Profiles | None = None


def _language_profiles() -> langid.Profiles:
    """langdetect's profiles as `langid.Profiles`, loaded once (read-only afterwards, so
    sharing is safe)."""
    global _profiles
    with _profiles_lock:
        if _profiles is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY

            _profiles = langid.Profiles.from_directory(PROFILES_DIRECTORY)
        return _profiles


def sample_text(paragraphs: list[str], limit: int) -> str:
    """The longest paragraphs first (prose, not widgets), up to `limit` characters."""
    picked: list[str] = []
    size = 0
    # longest first, equal lengths in text order: sorted by (-len(p), p), in C
    for text in sorted(sorted(paragraphs), key=len, reverse=True):
        picked.append(text)
        size += len(text)
        if size >= limit:
            break
    return " ".join(picked)[:limit]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when there is too little text to tell."""
    if not _has_letters(text, MIN_LETTERS):
        return None
    found, code = _single_script(text)
    if found:
        return code
    code = function_word_language(text)
    if code is not None:
        return code
    try:  # langdetect's answer with seed 0, computed faster (see cleannews.langid)
        code = langid.detect(_language_profiles(), text, seed=0)
    except Exception:  # langdetect raises LangDetectException on feature-less text
        return None
    return None if code == "unknown" else code.split("-")[0]


def function_word_language(text: str) -> str | None:
    """The language of `FAST_LANGUAGES` that `text` is in by its function words, if any
    (see `MIN_FUNCTION_WORD_SAMPLE`): a few set lookups where langdetect reads hundreds
    of n-grams."""
    sentences = [key_words(s) for s in _SENTENCE_END.split(text)]
    total = sum(map(len, sentences))
    if total < MIN_FUNCTION_WORD_SAMPLE:
        return None
    for code, own, foreign in _FAST_PATH:
        counts = [sum(map(own.__contains__, words)) for words in sentences]
        if sum(counts) < FUNCTION_WORD_SHARE * total:
            continue
        if sum(sum(map(foreign.__contains__, words)) for words in sentences) > (
            FOREIGN_WORD_SHARE * total
        ):
            continue
        if all(
            count or len(words) < LONG_SENTENCE_WORDS
            for count, words in zip(counts, sentences, strict=True)
        ):
            return code
    return None


def _has_letters(text: str, count: int) -> bool:
    """Whether `text` has at least `count` letters: usually its ASCII letters (counted on
    the UTF-8 bytes, in C) are enough; else count all, stopping at `count`."""
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded.translate(None, _NOT_ASCII_LETTER)) >= count:
        return True
    return next(itertools.islice(_LETTER.finditer(text), count - 1, None), None) is not None


def _single_script(text: str) -> tuple[bool, str | None]:
    """(whether one single-language script has over half the letters, its language).

    Most texts have no character of those scripts at all, which a plain `re` search
    tells quicker than counting letters and each script with `regex`.
    """
    if text.isascii() or not _MAYBE_SINGLE_SCRIPT.search(text):
        return False, None
    letters = len(_LETTER.findall(text))
    for pattern, code in _SINGLE_SCRIPT:
        if len(pattern.findall(text)) * 2 > letters:
            return True, code
    return False, None


@register_stage
class DetectLanguage(Stage):
    """Set `doc.language` from the longest open lines."""

    name = "language"
    requires = (LINE_TEXT,)
    provides = (LANGUAGE,)
    colour = "#7f7f7f"

    def run(self, doc: Doc) -> None:
        texts = [line.text for line in doc.open_lines()]
        doc.language = detect_language(sample_text(texts, doc.config.language_sample_chars))
