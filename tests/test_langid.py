"""cleannews.langid gives exactly langdetect's answer (seed 0), with and without numpy."""

from __future__ import annotations

import functools
import itertools
import random
from array import array
from pathlib import Path
from typing import Any

import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from cleannews import langid
from cleannews.stages.language import _language_profiles

FIXTURES = Path(__file__).parent / "fixtures"

SAMPLES = [
    "The finance minister resigned on Tuesday after a week of arguments over the budget.",
    "Der Finanzminister ist am Dienstag nach einer Woche Streit über den Haushalt zurückgetreten.",
    "Le ministre des Finances a démissionné mardi après une semaine de disputes sur le budget.",
    "El ministro de Hacienda dimitió el martes tras una semana de discusiones sobre el presupuesto.",
    "O ministro das Finanças demitiu-se na terça-feira após uma semana de discussões.",
    "Il ministro delle Finanze si è dimesso martedì dopo una settimana di discussioni.",
    "De minister van Financiën is dinsdag afgetreden na een week van ruzie over de begroting.",
    "Министр финансов ушёл в отставку во вторник после недели споров о бюджете.",
    "استقال وزير المالية يوم الثلاثاء بعد أسبوع من الخلافات حول الميزانية.",
    "財務大臣は予算をめぐる一週間の議論の後、火曜日に辞任した。",
    "财政部长在就预算争论了一周之后于周二辞职。",
    "재무장관은 예산을 둘러싼 일주일간의 논쟁 끝에 화요일 사임했다.",
    "Bộ trưởng Tài chính đã từ chức vào thứ Ba sau một tuần tranh cãi về ngân sách.",
    "Bô\u0323 trươ\u0309ng Ta\u0300i chi\u0301nh đa\u0303 tư\u0300 chư\u0301c",  # combining marks
    "Maliye bakanı bütçe konusundaki bir haftalık tartışmanın ardından salı günü istifa etti.",
    "Minister finansów podał się we wtorek do dymisji po tygodniu sporów o budżet.",
    "THE MINISTER RESIGNED ON TUESDAY AFTER A WEEK OF ARGUMENTS",  # capital words are skipped
    "NASA and the ESA said the ISS crew is fine, per the AP and Reuters.",
    "See https://example.com/a?b=c and write to desk@example.com for more details today.",
    "ünïcödé ñ ß ø å æ œ ŀ ŉ ǆ ș ț ạ ẹ",
    "Ok",
    "a b c d e f g",
    "   spaced     out     words    here   ",
    "1234 5678 !!! ??? ...",
    "",
    "Ελληνικά κείμενα για τον προϋπολογισμό της χώρας",
    "עברית טקסט על התקציב של המדינה",
    "English text with a few 日本語 words and العربية mixed in, mostly Latin letters though.",
    "日本語の文章にEnglish wordsが少し混ざっているが、ほとんどは日本語である。",
]


def corpus() -> list[str]:
    texts = list(SAMPLES)
    files = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "html").glob("*.html"))
    rng = random.Random(7)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        texts.append(text[:400])
        for _ in range(4):
            start = rng.randrange(max(1, len(text)))
            texts.append(text[start : start + rng.choice([3, 20, 80, 400, 1500])])
    return texts


@functools.cache
def _detector_factory() -> Any:
    """langdetect's own factory, for reference answers."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def reference(text: str) -> str:
    detector = _detector_factory().create()
    detector.seed = 0
    detector.append(text)
    try:
        return str(detector.detect())
    except LangDetectException:
        return "no features"


def fast(text: str) -> str:
    try:
        return langid.detect(_language_profiles(), text, seed=0)
    except LangDetectException:
        return "no features"


@pytest.fixture(params=["numpy", "pure"])
def arithmetic(request, monkeypatch):
    if request.param == "numpy":
        pytest.importorskip("numpy")
    else:
        monkeypatch.setattr(langid, "_np", None)
    return request.param


def test_same_answers_as_langdetect(arithmetic):
    texts = corpus()
    assert len(texts) > 50
    mismatches = [(t[:60], reference(t), fast(t)) for t in texts if reference(t) != fast(t)]
    assert mismatches == []


def test_other_seeds_too(arithmetic):
    factory = _detector_factory()
    for seed in (1, 42):
        for text in SAMPLES[:8]:
            detector = factory.create()
            detector.seed = seed
            detector.append(text)
            assert langid.detect(_language_profiles(), text, seed=seed) == detector.detect()


def test_featureless_text_raises_like_langdetect():
    with pytest.raises(LangDetectException):
        langid.detect(_language_profiles(), "1234 !!!")


def test_single_script_filter_skips_no_script_character():
    """Characters the quick `re` filter lets pass belong to none of the scripts."""
    from cleannews.stages import language

    passed = [chr(c) for c in range(0x2100) if not language._MAYBE_SINGLE_SCRIPT.match(chr(c))]
    assert len(passed) > 1000
    for pattern, _code in language._SINGLE_SCRIPT:
        assert not any(pattern.match(ch) for ch in passed)


def test_detect_language_same_as_counting_every_letter():
    """The stage's shortcuts (stop counting at MIN_LETTERS, script filter) change nothing."""
    from cleannews.stages import language

    def counted(text: str) -> str | None:
        letters = len(language._LETTER.findall(text))
        if letters < language.MIN_LETTERS:
            return None
        for pattern, code in language._SINGLE_SCRIPT:
            if len(pattern.findall(text)) * 2 > letters:
                return code
        code = fast(text)
        return None if code in ("unknown", "no features") else code.split("-")[0]

    texts = [
        *corpus(),
        *("x" * 19, "x" * 20, "é" * 19 + "x", "é" * 18 + "x", "ü" * 30),
        *("ab " * 6 + "ა" * 30, "日本語 テキスト" * 4, "\ud800" * 25),
    ]
    assert [language.detect_language(t) for t in texts] == [counted(t) for t in texts]


def test_stream_replays_random():
    """The numpy path's look-ahead draws are exactly `random.Random`'s on this Python."""
    pytest.importorskip("numpy")
    assert langid._replays_random()
    assert langid._stream_is_exact()


def test_prepare_is_langdetects_cleaned_text():
    factory = _detector_factory()
    texts = [
        *corpus(),
        "Ιστορία " * 30 + "latin words here",  # non-Latin majority: Latin letters dropped
        "tiếng Việt " * 20,  # Latin Extended Additional is not non-Latin
        "Vie\u0323\u0302t Nam a\u0300 o\u0301 e\u0303 i\u0309",  # combining marks composed
        "mail me: some.one@example.org or http://example.org/x?y=1  twice  spaced",
        "\ud800 lone surrogate " + "日本" * 20,
    ]
    for text in texts:
        detector = factory.create()
        detector.append(text)
        detector.cleaning_text()
        assert langid._prepare(text, 10000) == detector.text, text[:60]


def test_vector_and_pure_trials_agree_bit_for_bit():
    """Both paths compute every probability with the same operations in the same order."""
    pytest.importorskip("numpy")
    profiles = _language_profiles()
    for text in corpus()[:150]:
        ngrams = langid._extract_ngrams(langid._prepare(text, 10000), profiles)
        if ngrams:
            for seed in (0, 3):
                vector = langid._langprob_vector(profiles, ngrams, seed, estimate=False)
                assert vector == langid._langprob_pure(profiles, ngrams, seed)


class _TwoLanguages:
    """A langdetect factory stand-in whose trials converge slowly or never (on "c" alone),
    running over several look-ahead chunks of the numpy path or up to ITERATION_LIMIT."""

    def __init__(self) -> None:
        self.langlist = ["xx", "yy"]
        self.word_lang_prob_map = {"a": [0.5, 0.4], "b": [0.4, 0.5], "c": [0.45, 0.45]}
        self.seed = 0


def tables_of(factory: Any) -> langid.Profiles:
    """The tables of a loaded langdetect `DetectorFactory`, read off its own map."""
    known: dict[str, list[float]] = factory.word_lang_prob_map
    flat = array("d", itertools.chain.from_iterable(known.values()))
    return langid.Profiles(list(factory.langlist), {g: row for row, g in enumerate(known)}, flat)


def test_trials_running_to_the_iteration_limit(arithmetic):
    from langdetect.detector import Detector

    factory = _TwoLanguages()
    profiles = tables_of(factory)
    for text in ("a b c a b", "a a b", "b a b a b a c c", "c", "c c"):
        detector = Detector(factory)
        detector.append(text)
        assert langid.detect(profiles, text, seed=0) == detector.detect()
        if "a" not in text:  # every trial ran to the limit
            assert [p.prob for p in detector.get_probabilities()] == pytest.approx([0.5, 0.5])


def test_profiles_keep_langdetects_weights():
    factory = _detector_factory()
    profiles = _language_profiles()
    assert profiles.langlist == factory.langlist
    for gram in ("a", "th", "der", "ing", "Д"):
        row = profiles.index[gram]
        weights = profiles.flat[row * profiles.width : (row + 1) * profiles.width]
        assert weights.tolist() == factory.word_lang_prob_map[gram]
    with pytest.raises(ValueError):
        langid.Profiles(["xx", "yy"], {"a": 0}, array("d", [0.5]))


def test_normalise_is_ngram_normalize_per_character():
    from langdetect.utils.ngram import NGram

    ascii_text = "".join(chr(c) for c in range(128)) * 2
    other = "".join(chr(c) for c in range(0x80, 0x3100)) + "한국어 中文 ș ț ỳ"
    for text in (ascii_text, other, ascii_text + other):
        assert langid._normalise(text) == "".join(NGram.normalize(ch) for ch in text)


def test_estimates_end_where_langdetect_does_and_stay_close():
    """A trusted estimate ends its trial at langdetect's draw, within 1e-11 of its
    probabilities (documented bound; the margin for decisions is 1e-9)."""
    np = pytest.importorskip("numpy")
    profiles = _language_profiles()
    size = profiles.width
    estimated = exact_only = 0
    for text in corpus():
        ngrams = langid._extract_ngrams(langid._prepare(text, 10000), profiles)
        if not ngrams:
            continue
        stream = langid._Stream(0, np.frombuffer(ngrams, dtype=np.intc))
        for _trial in range(4):
            weight = langid._alpha_weight(stream.gauss())
            rows = stream.choices(langid._ESTIMATE_DRAWS)
            estimate = langid._estimate_blocks(profiles.matrix, rows, weight)
            used, prob = langid._run_blocks(profiles.matrix, rows, weight, 1.0 / size, 0)
            if estimate is None:
                exact_only += 1
            else:
                estimated += 1
                assert estimate[0] == used
                assert np.abs(estimate[1] - prob).max() < 1e-11
            langid._trial_vector(profiles.matrix, stream, weight)  # consumes the draws
    assert estimated > 2 * exact_only  # short or ambiguous texts converge late


def test_decisions_on_estimates_need_the_margin():
    margin = langid._MARGIN
    assert langid._clear_leader([0.1, 0.6, 0.3])
    assert not langid._clear_leader([0.3, 0.35, 0.35 + margin / 2])
    assert not langid._clear_leader([0.1 + margin / 2, 0.05])
    assert not langid._close_to_decided([0.5, 0.1], remaining=4)  # cannot be decided yet
    bound = 0.1 + 3 / 7 + 1e-9
    assert langid._close_to_decided([bound + margin / 2, 0.1], remaining=3)
    assert not langid._close_to_decided([bound + 2 * margin, 0.1], remaining=3)


def test_untrusted_estimates_fall_back_to_exact_trials(monkeypatch):
    pytest.importorskip("numpy")
    profiles = _language_profiles()
    ngrams = langid._extract_ngrams(langid._prepare(SAMPLES[0], 10000), profiles)
    assert langid._langprob_vector(profiles, ngrams, 0, estimate=True) is not None
    expected = [reference(text) for text in SAMPLES]
    monkeypatch.setattr(langid, "_clear_leader", lambda langprob: False)
    assert langid._langprob_vector(profiles, ngrams, 0, estimate=True) is None
    assert [fast(text) for text in SAMPLES] == expected  # the page is redone exactly
    monkeypatch.setattr(langid, "_MARGIN", 1.0)  # no estimate is trusted
    assert [fast(text) for text in SAMPLES] == expected


def test_same_answers_as_langdetect_other_seeds(arithmetic):
    factory = _detector_factory()
    for seed in range(2, 12):
        for text in SAMPLES:
            detector = factory.create()
            detector.seed = seed
            detector.append(text)
            try:
                expected = detector.detect()
            except LangDetectException:
                continue
            assert langid.detect(_language_profiles(), text, seed=seed) == expected


def test_sample_text_order_is_longest_first_then_text_order():
    from cleannews.stages.language import sample_text

    rng = random.Random(3)
    for _ in range(200):
        paragraphs = ["".join(rng.choice("ab ") for _ in range(rng.randrange(8))) for _ in range(9)]
        limit = rng.randrange(1, 30)
        expected: list[str] = []
        for text in sorted(paragraphs, key=lambda p: (-len(p), p)):
            expected.append(text)
            if sum(map(len, expected)) >= limit:
                break
        assert sample_text(paragraphs, limit) == " ".join(expected)[:limit]


def test_top_language_is_the_first_of_langdetects_ranking():
    from langdetect.language import Language

    rng = random.Random(5)
    langlist = ["aa", "bb", "cc", "dd", "ee"]
    for _ in range(500):
        langprob = [rng.choice([0.0, 0.05, 0.1, 0.2, 0.3, 0.45]) for _ in langlist]
        pairs = zip(langlist, langprob, strict=True)
        ranked = [Language(lang, p) for lang, p in pairs if p > 0.1]
        ranked.sort(reverse=True)
        expected = ranked[0].lang if ranked else "unknown"
        assert langid._top_language(langlist, langprob) == expected


def test_profiles_read_from_the_files_equal_langdetects_own_tables():
    """`Profiles.from_directory` builds what langdetect's factory builds, bit for bit."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    theirs = tables_of(factory)
    ours = langid.Profiles.from_directory(PROFILES_DIRECTORY)
    assert ours.langlist == theirs.langlist and len(ours.langlist) == 55
    assert ours.index == theirs.index
    assert ours.flat.tobytes() == theirs.flat.tobytes()
