"""The text path's fast paths (duplicates, dates, stories) answer like the plain code."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
import regex

from cleannews import shapes
from cleannews.document import Line
from cleannews.stages import duplicates as D

_PLAIN_TOKEN = regex.compile(r"\w+")
#: What `line_key` takes out, as it was first written.
_PLAIN_KEY_STRIP = regex.compile(r"[\W_]+")


def _random_texts(alphabet: str, count: int = 2000) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(count)]


def test_ascii_tokens_are_the_word_runs_of_the_casefolded_text():
    every_ascii = "".join(map(chr, range(128)))
    texts = [every_ascii, *_random_texts(every_ascii), *_random_texts("aB_9 -.'\tſK\u00e9")]
    for text in texts:
        assert list(D._tokens(text)) == _PLAIN_TOKEN.findall(text.casefold())


def _lines(texts: list[str]) -> list[Line]:
    return [Line(no=no, raw=text, text=text) for no, text in enumerate(texts)]


def test_postings_are_the_paragraphs_holding_each_word():
    texts = _random_texts("ab cd ef gh ", 60)
    lines = _lines(texts)
    index = D._BoxIndex(lines, {ln.no: D._tokens(ln.text) for ln in lines})
    expected: dict[str, set[int]] = defaultdict(set)
    for ln in lines:
        for word in _PLAIN_TOKEN.findall(ln.text.casefold()):
            expected[word].add(ln.no)
    assert index.postings == dict(expected)


def test_folded_text_is_that_of_the_offset_keeping_fold():
    from cleannews import dates

    every_ascii = "".join(map(chr, range(128)))
    odd = " \t\u00a0\u3000\u200bAÉıİß٣—\u0301ـ، ۳x"
    every_bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    texts = [every_ascii, every_bmp, *_random_texts(every_ascii), *_random_texts(odd + "a1 ")]
    for text in texts:
        assert dates._fold_text(text) == dates._fold(text)[0]


def test_every_date_holds_the_date_shape():
    """What lets `_parse_full` skip the match on a text without `_DATE_SHAPE`: texts put
    together from date parts, in date order (many are dates) and in any order, that
    either pattern fits all hold it."""
    from cleannews import dates

    lead = ["", "(", "| ", "published ", "updated: ", "published on ", "le ", "am "]
    weekday = ["", "monday, ", "lundi ", "mon. "]
    day = ["3", "12", "07", "1st", "3rd", "31", "2019", "19", "5"]
    sep = [" ", "-", "/", ".", ". ", " de ", " of ", ", ", ""]
    month = ["may", "mai", "june", "sept.", "março", "12", "3", "07"]
    year = ["2019", "19", "1999", "05", "7", "20190"]
    time = ["", " 10:30", ", 9.45 am", " at 5 pm gmt", " 17h30", " | 10:30 +02:00", " uhr"]
    trail = ["", ".", ")", " |", ","]
    rng = random.Random(5)
    texts = []
    for _ in range(20000):
        picks = [rng.choice(x) for x in (lead, weekday, day, sep, month, sep, year, time, trail)]
        texts.append("".join(picks))
        rng.shuffle(picks)
        texts.append("".join(picks))
    fitted = 0
    for text in texts:
        folded = dates._fold(text)[0]
        if any(p.fullmatch(folded) for p in (dates._LINE_RE, dates._DATE_RE)):
            fitted += 1
            assert dates._DATE_SHAPE.search(folded) is not None, text
    assert fitted >= 2000  # the texts do hold dates
    assert dates.parse_date_line("١٢ مايو ٢٠٢٠") is not None  # Arabic-Indic digits fold to 0-9
    assert dates.parse_date_line("Updated 5 min ago") is None  # (no year: not a date line)


def test_plain_marks_are_typographic_marks_in_another_form():
    for mark, plain in shapes._PLAIN_MARKS.items():
        assert plain.isascii() and not _PLAIN_TOKEN.search(mark + plain)
        assert (mark in "’'") == (plain in "’'")  # the two joiners of shapes._WORD


def test_ascii_words_are_counted_on_their_shape_like_the_pattern_finds_them():
    every_ascii = "".join(map(chr, range(128)))
    alphabets = (every_ascii, "a-'. _9", "ab-.", "a-", "Z9_ -.'\t,")
    texts = [every_ascii] + [t for a in alphabets for t in _random_texts(a, 5000)]
    texts += ["U.S.A", "a--b", "-a-", "well-known 3.5 don't", "a.-b", "'a'b'"]
    for text in texts:
        assert shapes.ascii_word_count(text) == len(shapes._ASCII_WORD.findall(text)), text


def test_sentences_have_the_words_they_had_with_the_stop_kept():
    """The language stage splits sentences with the stop taken out: each sentence keeps
    its words (what `function_word_language` reads)."""
    import re

    from cleannews.stages import language

    kept = re.compile(r"(?<=[.!?;:])\s+")  # the split as first written
    texts = [*_random_texts("ab É .!?;:,\t\n’", 5000), "A. B", ". a", "a. . b", "a.. b!"]
    for text in texts:
        before = [shapes.key_words(s) for s in kept.split(text)]
        assert [shapes.key_words(s) for s in language._SENTENCE_END.split(text)] == before


def test_casefolding_keeps_the_plain_marks_and_makes_none():
    """What lets `folded_runs` make the marks plain before casefolding: the two orders
    give the same text."""
    marks = set(shapes._PLAIN_MARKS)
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = char.casefold()
        if char in marks or char in shapes._PLAIN_MARKS.values():
            assert folded == char
        else:
            assert not marks.intersection(folded), char


def test_word_runs_counts_and_keys_answer_like_the_plain_patterns():
    every_ascii = "".join(map(chr, range(128)))
    alphabets = (every_ascii, "a É’'“”—…«»\u00a0-._Ж1 ", "aЖ1 -_©€\u3000\u0301", "ab -'’. \t")
    texts = [every_ascii] + [t for a in alphabets for t in _random_texts(a, 3000)]
    for text in texts:
        assert list(D._tokens(text)) == _PLAIN_TOKEN.findall(text.casefold())
        assert shapes.word_count(text) == len(shapes._WORD.findall(text))
        assert shapes.line_key(text) == _PLAIN_KEY_STRIP.sub(" ", text.casefold()).strip()


def test_sentences_are_split_where_the_pattern_splits_them():
    """`split_sentences` tries the pattern only where a stop and its closing marks end."""
    every_bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    alphabets = (
        "ab AZ1٣中 .!?…\"'”’»)“‘«(\u00a0\u3000\t\n\u2028\u0085\x1cx",
        ". A”)",
        "a.!? B1",
    )
    texts = [every_bmp] + [t for a in alphabets for t in _random_texts(a, 20000)]
    texts += ["U.S. officials said. It rained.", "Hi!” She left.) 3 more… «Non» (A) b"]
    for text in texts:
        assert list(shapes.split_sentences(text)) == shapes.SENTENCE_SPLIT.split(text), text


def test_a_text_that_may_not_split_is_one_sentence():
    texts = _random_texts('ab A1 .!?…"”) \u00a0\u3000', 5000)
    for text in texts:
        if not D._may_split(text):  # (checked against the split itself)
            assert next(shapes.SENTENCE_SPLIT.splititer(text)) == text


def test_more_evidence_keeps_a_strong_header_block_strong():
    """What lets `_starts_story` stop reading a block once it is strong."""
    from itertools import combinations

    from cleannews.stages import stories

    kinds = ["repeat", "caption", "timestamp", "byline", "date", "name"]
    subsets = [set(c) for n in range(len(kinds) + 1) for c in combinations(kinds, n)]
    for small in subsets:
        for large in subsets:
            if small <= large and stories._is_strong(small):
                assert stories._is_strong(large)
    assert not any(stories._is_strong(s) for s in subsets if len(s) < 2)


def test_fix_line_answers_printable_ascii_like_the_full_fix():
    from dataclasses import replace

    from cleannews import fixers

    every_ascii = "".join(map(chr, range(128)))
    marks = fixers.INERT_MARKS
    alphabets = (
        every_ascii,
        "ab &;amp#1  .\t\x1b[",
        "a &amp; b  \u00a0’",
        "aÃ b.\u00a0" + marks,
        every_ascii + marks * 8,
        "a " + marks + "©™ÄÅ•",
    )
    texts = [every_ascii] + [t for a in alphabets for t in _random_texts(a, 3000)]
    configs = [fixers.DEFAULT, replace(fixers.DEFAULT, normalize_spaces=False)]
    for text in texts:
        for config in configs:
            assert fixers.fix_line(text, config) == fixers._fix(text, config, None)


def test_inert_marks_give_no_step_anything_to_do():
    """Each condition `INERT_MARKS` stands on, for every pair of its characters and
    printable ASCII: no mojibake pair, no character step, NFC as they stand."""
    import unicodedata

    from cleannews import fixers

    printable = [chr(c) for c in range(32, 127)]
    for mark in fixers.INERT_MARKS:
        assert mark.isprintable() and not mark.isascii()
        assert fixers._ANY_CHAR_RE.search(mark) is None
        assert unicodedata.combining(mark) == 0
        for other in [*printable, *fixers.INERT_MARKS]:
            for pair in (mark + other, other + mark):
                assert fixers._GATE_RE.search(pair) is None, pair
                assert unicodedata.is_normalized("NFC", pair)


def _naive_boxes(texts: list[str]) -> list[int]:
    """The fact-box rule read straight from its definition: every pair set built, every
    sentence of five words or more held (>= COVERAGE of its pairs) by another kept
    paragraph, two sentences or more and two holders or more."""
    pairs = {no: D._pairs(D._tokens(t)) for no, t in enumerate(texts)}
    removed: list[int] = []
    for no, text in enumerate(texts):
        sentences, holders = 0, set()
        for sentence in shapes.SENTENCE_SPLIT.split(text):
            if shapes.word_count(sentence) < D.MIN_SENTENCE_WORDS:
                continue
            own = D._pairs(D._tokens(sentence))
            found = {
                other
                for other in pairs
                if other != no
                and other not in removed
                and len(own & pairs[other]) >= D.COVERAGE * len(own)
            }
            if not found:
                sentences = 0
                break
            sentences += 1
            holders |= found
        if sentences >= 2 and len(holders) >= 2:
            removed.append(no)
    return removed


@pytest.mark.parametrize("scan", [True, False], ids=["scan", "postings"])
def test_fact_boxes_found_through_the_index_are_those_of_the_definition(scan: bool):
    """The word counts, the rarest-pair candidates (their paragraphs found by scanning
    word sets, or through the postings of every word, as once the scans are used up) and
    the lazily built pairs leave the answer as it is (stories of up to twelve
    paragraphs, so the candidate cap is not hit)."""
    rng = random.Random(11)
    vocabulary = ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op", "qr"]

    def sentence() -> list[str]:
        return rng.choices(vocabulary[: rng.randint(4, 9)], k=rng.randint(3, 12))

    def retold(words: list[str]) -> str:  # a sentence as another paragraph tells it
        words = list(words)
        for _ in range(rng.choice((0, 0, 1, 2))):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        return " ".join(words).capitalize() + "."

    found = 0
    for _ in range(400):
        pool = [sentence() for _ in range(rng.randint(2, 8))]
        texts = [
            " ".join(retold(rng.choice(pool)) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(3, 12))
        ]
        lines = _lines(texts)
        tokens = {ln.no: D._tokens(ln.text) for ln in lines}
        paragraphs = [ln for ln in lines if D._has_min_words(ln.text, tokens[ln.no])]
        index = D._BoxIndex(paragraphs, tokens)
        if not scan:
            index.scan_budget = 0
        removed: set[int] = set()
        for line in paragraphs:
            if index.is_box(line, removed):
                removed.add(line.no)
        kept = [ln.text for ln in paragraphs]
        expected = {paragraphs[i].no for i in _naive_boxes(kept)}
        assert removed == expected, texts
        found += len(removed)
    assert found >= 300  # the stories do hold boxes
