"""The function-word fast path of language detection answers only where langdetect would.

`function_word_language` skips langdetect for text plainly in a language of
`FAST_LANGUAGES`. Its answer must be langdetect's (seed 0): checked on the texts of
fixtures/language_samples.json, on every mixture of an English text with one in another
language, on random mixtures of their sentences, and on every fixture page.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleannews
from cleannews import function_words, langid
from cleannews.stages import language
from cleannews.stages.language import _language_profiles, function_word_language

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "language_samples.json").read_text("utf-8"))["cases"]
ENGLISH = [c["text"] for c in CASES if c["lang"] == "en" and c["expect"] == "en"]
OTHERS = [c["text"] for c in CASES if c["lang"] not in ("en", "mixed")]


@functools.cache
def langdetect(text: str) -> str:
    """langdetect's answer, seed 0 (`cleannews.langid` computes exactly that)."""
    return langid.detect(_language_profiles(), text, seed=0).split("-")[0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['lang']}:{c['text'][:30]}")
def test_fast_path_answers_as_recorded(case):
    assert function_word_language(case["text"]) == case["expect"]


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"]], ids=lambda c: c["text"][:40])
def test_fast_path_answer_is_langdetects(case):
    assert langdetect(case["text"]) == case["expect"]


def _mixtures():
    """An English text next to a text in another language, in either order, and a
    third of the other text after one or two English texts."""
    for other in OTHERS:
        for english in ENGLISH:
            yield f"{english} {other}"
            yield f"{other} {english}"
            yield f"{english} {other[: len(other) // 3]}"
        for first, second in itertools.combinations(ENGLISH, 2):
            yield f"{first} {other} {second}"


def test_every_mixture_the_fast_path_answers_is_langdetects():
    answered = [(text, function_word_language(text)) for text in _mixtures()]
    wrong = [(text, code) for text, code in answered if code and langdetect(text) != code]
    assert wrong == []
    # the mixtures do reach the fast path (a short foreign clause leaves it English) ...
    assert sum(code == "en" for _, code in answered) >= 20
    # ... and a whole sentence in another language next to English never does
    halves = [f"{e} {o}" for e in ENGLISH for o in OTHERS]
    assert [function_word_language(t) for t in halves] == [None] * len(halves)


_SENTENCES = [s for text in ENGLISH + OTHERS for s in re.split(r"(?<=[.!?])\s+", text)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6))
def test_random_mixtures_answered_only_as_langdetect(sentences):
    text = " ".join(sentences)
    code = function_word_language(text)
    if code is not None:
        assert langdetect(text) == code


def _fixture_pages():
    for folder in ("seeds", "html"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if not path.name.endswith(".json"):  # (the golden records beside the pages)
                yield path.name, path.read_bytes()


FIXTURE_PAGES = list(_fixture_pages())


def _sample_of(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str | None]:
    """The sample the language stage reads on a page, and the language it records."""
    samples: list[str] = []
    real = language.detect_language
    monkeypatch.setattr(language, "detect_language", lambda t: samples.append(t) or real(t))
    article = cleannews.clean(data)
    assert len(samples) == 1
    return samples[0], article.language


@pytest.mark.parametrize("name,data", FIXTURE_PAGES, ids=[n for n, _ in FIXTURE_PAGES])
def test_fixture_pages_language_is_langdetects_on_the_sample(name, data, monkeypatch):
    """On every fixture page, the language found is langdetect's on the same sample
    (when the fast path answers, and when it does not)."""
    sample, found_language = _sample_of(data, monkeypatch)
    if not language._has_letters(sample, language.MIN_LETTERS):
        assert found_language is None
        return
    found, code = language._single_script(sample)
    assert found_language == (code if found else langdetect(sample))


def test_the_fast_path_answers_on_the_english_fixture_pages(monkeypatch):
    answers = {
        name: function_word_language(_sample_of(data, monkeypatch)[0])
        for name, data in FIXTURE_PAGES
    }
    assert [answers[n] for n in sorted(answers) if n.endswith(".txt")] == ["en"] * 5  # seeds
    assert answers["latin1_page.html"] is None  # French
    assert sum(code == "en" for code in answers.values()) == 10  # of 12 pages


def test_short_samples_go_to_langdetect():
    words = "the and of that with this from have has are were been which would their"
    assert function_word_language(words + " x" * 4) is None  # 19 words
    assert function_word_language(words + " x" * 5) == "en"  # 20


def test_shares_at_their_bounds():
    own, foreign = sorted(function_words.FUNCTION_WORDS["en"]), ["og", "ikke", "und"]
    filler = ["zzz"] * 7
    # 3 English words of 30: 10 %, every sentence under 12 words
    text = ". ".join(" ".join([own[i], *filler, "q", "q"]) for i in range(3)) + "."
    assert function_word_language(text) == "en"
    two = (
        ". ".join(" ".join([own[i], *filler, "q", "q"]) for i in range(2))
        + ". "
        + " ".join([*filler, "q", "q", "q"])
    )
    assert function_word_language(two) is None  # 2 of 30
    # foreign words: 1 of 34 passes (<= 3 %), 2 of 34 do not
    base = ". ".join(" ".join([own[i], *filler, "q"]) for i in range(4))  # 4 x 9 words
    assert function_word_language(base.replace("q", foreign[0], 1)) == "en"
    two_foreign = base.replace("q", foreign[0], 1).replace("q", foreign[1], 1)
    assert function_word_language(two_foreign) is None


def test_a_long_sentence_without_english_function_words_sends_to_langdetect():
    english = ENGLISH[0]
    list_like = "Berlin Paris Rome Madrid Lisbon Vienna Prague Warsaw Oslo Helsinki Riga Tallinn."
    assert function_word_language(english) == "en"
    assert function_word_language(f"{english} {list_like}") is None
    assert function_word_language(f"{english} {list_like[:40]}.") == "en"  # 6 words


def test_fast_words_are_in_no_other_list():
    for code in function_words.FAST_LANGUAGES:
        own = function_words.FUNCTION_WORDS[code]
        assert own.isdisjoint(function_words.other_words(code))
        for other, words in function_words.FUNCTION_WORDS.items():
            if other != code:
                assert own.isdisjoint(words), (code, other, own & words)


def test_detect_language_takes_the_fast_path_before_langdetect(monkeypatch):
    asked = []
    real = langid.detect
    monkeypatch.setattr(langid, "detect", lambda *a, **k: asked.append(a[1]) or real(*a, **k))
    assert language.detect_language(ENGLISH[0]) == "en"
    assert asked == []
    assert language.detect_language(OTHERS[0]) == "de"
    assert asked == [OTHERS[0]]
