"""Hostile inputs: each one's exact outcome, not just "no exception".

Every input here is checked for the record it gives (fields and warnings) and for the
accounting (`assert_accounted`: every non-blank line of the decoded input is in exactly
one place, carrying the text of that line). Big inputs are generated at run time; the
default run uses them at a size that keeps this file fast, and the full sizes (a
1,000,000-line page) run with `-m slow`. `benchmarks/hostile.py` times all of them.
"""

from __future__ import annotations

import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleannews
from accounting import assert_accounted
from cleannews import Article, CleanConfig, default_pipeline
from cleannews.fixers import fix_line
from cleannews.html import MAX_TREE_ELEMENTS, PARSER_MAX_DEPTH, ExtractionTimeout

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
PROSE = (
    "The council voted on Tuesday to approve the new budget after a long debate that "
    "lasted well into the night, officials said."
)
EMPTY = Article().to_dict()


def fields(article: Article) -> dict[str, object]:
    """The record without its empty fields (and the fixed schema version)."""
    data = article.to_dict()
    data.pop("schema_version")
    return {k: v for k, v in data.items() if v not in (None, [], "")}


# -- empty, white space, binary, control characters ------------------------------------------


@pytest.mark.parametrize(
    "page",
    ["", b"", " ", "\n\n\n", " \n\t\n\u00a0\u3000\n\u200b\n\ufeff\n", "\x00" * 1000, "\r\n" * 500],
    ids=["empty", "empty-bytes", "space", "newlines", "white-space-kinds", "nul-str", "crlf"],
)
def test_empty_and_white_space_pages_give_the_empty_record(page):
    assert cleannews.clean(page).to_dict() == EMPTY
    assert_accounted(page)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ((HOSTILE / "pixel.png").read_bytes(), "PNG signature"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF signature"),
        (b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)), "ZIP signature"),
        (b"\x00" * 1000, "100% control bytes"),
    ],
    ids=["png", "pdf", "zip", "nul-bytes"],
)
def test_binary_input_gives_an_empty_record_that_says_why(page, reason):
    article = cleannews.clean(page)
    assert article.warnings == (
        f"binary input: {reason}",
        "binary input is not read as text; the record is empty",
    )
    assert fields(article) == {"warnings": list(article.warnings)}
    assert_accounted(page)


def test_nul_and_control_characters_inside_text_are_dropped_not_the_text():
    page = f"Minister resigns\x00 after row\n\n{PROSE}\x00\x07\n\x1b[31m\x01\n"
    assert fields(cleannews.clean(page)) == {
        "title": "Minister resigns after row",
        "paragraphs": [PROSE],
        "body": PROSE,
        "language": "en",
    }
    assert_accounted(page)
    assert cleannews.clean(page.encode()) == cleannews.clean(page)


# -- encodings --------------------------------------------------------------------------------

TITLE = "Café réopens à Genève"
PAGE = f"{TITLE}\n\n{PROSE}\n"
EXPECTED = {"title": TITLE, "paragraphs": [PROSE], "body": PROSE, "language": "en"}


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                   "cp1252", "latin-1"])  # fmt: skip
def test_every_encoding_gives_the_record_of_the_text(codec):
    page = PAGE.encode(codec)
    assert fields(cleannews.clean(page)) == EXPECTED
    assert_accounted(page)


def test_cp1252_punctuation_is_decoded():
    page = f"“Café” réopens — naïvely\n\n{PROSE} €5m was spent.\n".encode("cp1252")
    assert fields(cleannews.clean(page)) == {
        "title": "“Café” réopens — naïvely",
        "paragraphs": [f"{PROSE} €5m was spent."],
        "body": f"{PROSE} €5m was spent.",
        "language": "en",
    }


def test_invalid_utf8_is_replaced_with_a_warning():
    page = (f"Café owners say prices rose again.\n{PROSE} Déjà vu, über, señor.\n").encode()
    page = page.replace("é".encode(), b"\xc3", 1)  # one broken sequence in valid UTF-8
    article = cleannews.clean(page)
    assert article.warnings == ("undecodable bytes replaced",)
    assert article.paragraphs == (
        "Caf\ufffd owners say prices rose again.",
        f"{PROSE} Déjà vu, über, señor.",
    )
    assert_accounted(page)


def test_random_bytes_never_fail_and_are_accounted_for():
    page = bytes((i * 7919 + 13) % 256 for i in range(5000))
    article = cleannews.clean(page)
    assert "binary input is not read as text; the record is empty" in article.warnings
    assert_accounted(page)


# -- scripts and symbols -----------------------------------------------------------------------


FIRST_RTL = (
    "\u200fوافق مجلس المدينة يوم الثلاثاء على الميزانية الجديدة بعد نقاش "
    "طويل استمر حتى ساعة متأخرة من الليل، حسبما قال مسؤولون.\u200f"
)


def test_right_to_left_text_keeps_its_direction_marks():
    page = (HOSTILE / "rtl.txt").read_text("utf-8")
    article = cleannews.clean(page)
    assert article.subtitle is None  # the sentence ends with a stop and an RLM: it is prose
    assert fields(article) == {
        "title": "\u200fمجلس المدينة يوافق على الميزانية\u200f",
        "paragraphs": [FIRST_RTL, "\u202bשלום עולם\u202c \u200e(AP)\u200e and 2024"],
        "body": FIRST_RTL + "\n\n\u202bשלום עולם\u202c \u200e(AP)\u200e and 2024",
        "language": "ar",
    }
    assert_accounted(page)


def test_mixed_scripts_stay_as_written():
    page = (
        "Москва и 東京 agree on trade\n\n"
        "Официальные лица заявили во вторник, что 東京 и Москва подписали соглашение о "
        "торговле, officials said on Tuesday.\n"
    )
    article = cleannews.clean(page)
    assert article.title == "Москва и 東京 agree on trade"
    assert article.paragraphs == (page.splitlines()[2],)
    assert article.language == "ru"
    assert article.warnings == ()
    assert_accounted(page)


def test_emoji_runs_and_sequences_are_kept_whole():
    run = "😀" * 5000
    page = f"🔥🔥🔥 Breaking 🔥🔥🔥\n\n{run}\n👩‍👩‍👧 family 🏳️‍🌈 flag 👍🏽\n{PROSE} 🎉\n"
    article = cleannews.clean(page)
    assert article.title == "🔥🔥🔥 Breaking 🔥🔥🔥"
    assert article.paragraphs == (run, "👩‍👩‍👧 family 🏳️‍🌈 flag 👍🏽", f"{PROSE} 🎉")
    assert article.warnings == ()
    assert_accounted(page)


def test_lone_surrogates_become_replacement_characters_in_text_and_html():
    text = cleannews.clean(f"Lone \udcff surrogate here\n\n{PROSE}\n")
    assert text.title == "Lone \ufffd surrogate here"
    html = cleannews.clean(
        f"<html><body><p>Lone \ud800 surrogate, then {PROSE}</p><p>{PROSE}</p></body></html>"
    )
    # libxml2 used to stop reading at the surrogate: the rest of the page was lost
    assert html.paragraphs == (f"Lone \ufffd surrogate, then {PROSE}", PROSE)
    for article in (text, html):
        article.to_json().encode("utf-8")  # writable as UTF-8


def test_a_page_of_only_boilerplate_has_an_empty_body_and_logs_every_line():
    page = (HOSTILE / "boilerplate_only.txt").read_text("utf-8")
    article = cleannews.clean(page)
    assert article.paragraphs == ()
    assert article.title is None
    assert [(r.line, r.rule) for r in article.removed] == [
        (0, "advertisement-label"),
        (1, "share-bar"),
        (2, "widget-block"),
        (3, "comments-heading"),
        (4, "newsletter-prompt"),
        (5, "follow-prompt"),
        (6, "advertisement-label"),
    ]
    assert article.warnings == ()
    assert_accounted(page)


# -- HTML ---------------------------------------------------------------------------------------


def test_html_of_only_scripts_and_styles_has_no_text():
    page = (HOSTILE / "scripts_only.html").read_text("utf-8")
    article = cleannews.clean(page)
    assert fields(article) == {
        "warnings": ["trafilatura found no main content; used the page's visible text"]
    }


def test_malformed_html_keeps_every_paragraph():
    article = cleannews.clean((HOSTILE / "malformed.html").read_text("utf-8"))
    assert article.paragraphs == (
        "First paragraph of the story, with an unclosed bold tag and italics.",
        "Second paragraph that starts without closing the first one, as sloppy pages do.",
        "Third paragraph after stray closing tags.",
    )
    assert article.warnings == ()


def test_truncated_html_keeps_the_text_up_to_the_cut():
    article = cleannews.clean((HOSTILE / "truncated.html").read_text("utf-8"))
    assert article.title == "Council approves budget"
    assert article.paragraphs == (PROSE, "The mayor said the plan would be publish")
    assert article.warnings == ()


@pytest.mark.parametrize("depth", [PARSER_MAX_DEPTH - 10, 300, 100_000])
def test_deeply_nested_html_loses_nothing(depth):
    page = (
        f"<html><body><p>{PROSE}</p>" + "<div>" * depth + "Deep text at the bottom."
        + "</div>" * depth + "<p>After the nest, a last paragraph follows here.</p></body></html>"
    )  # fmt: skip
    article = cleannews.clean(page)
    assert article.paragraphs == (
        PROSE,
        "Deep text at the bottom.",
        "After the nest, a last paragraph follows here.",
    )
    deep = depth + 2 >= PARSER_MAX_DEPTH  # <html><body> and the divs
    assert article.warnings == (
        (
            f"the HTML nests {PARSER_MAX_DEPTH} levels deep or more, where the parser stops "
            "reading; used the text of the markup",
        )
        if deep
        else ()
    )


def test_deeply_nested_tables_lose_nothing():
    page = "<html><body>" + "<table><tr><td>" * 200 + PROSE + "</td></tr></table>" * 200
    assert cleannews.clean(page).paragraphs == (PROSE,)


def test_a_huge_tree_skips_extraction_with_a_warning():
    count = MAX_TREE_ELEMENTS + 1000
    page = "<html><body>" + "".join(f"<p>Item {i} of a long list.</p>" for i in range(count))
    started = time.perf_counter()
    article = cleannews.clean(page)
    assert time.perf_counter() - started < 30
    assert article.warnings == (
        f"the HTML has {count + 2} elements, more than the {MAX_TREE_ELEMENTS} that "
        "extraction is run on; used the visible text",
    )
    assert article.paragraphs == tuple(f"Item {i} of a long list." for i in range(count))


# -- size -------------------------------------------------------------------------------------


def mixed_page(lines: int) -> str:
    """A long page cycling through the kinds of line a scraped page has."""
    block = [
        "Council approves budget number {i}",
        "By Jane Doe",
        "",
        "Advertisement",
        PROSE[:-1] + " in session {i}.",
        "Share this article",
        "Opponents of plan {i} said the spending was too high for the city to afford.",
        "• Point {i} of the summary",
        "Photo: Jane Doe/AFP",
        "",
    ]
    return "\n".join(block[i % len(block)].format(i=i) for i in range(lines))


@pytest.mark.parametrize(
    "lines", [20_000, pytest.param(1_000_000, marks=pytest.mark.slow)], ids=["20k", "1M"]
)
def test_a_very_long_page_is_cleaned_whole(lines):
    page = mixed_page(lines)
    pipe = default_pipeline(CleanConfig(max_input_chars=len(page)))
    ex = assert_accounted(page, pipeline=pipe)
    article = ex.article
    assert article.warnings == ()
    ads = [f for f in ex.lines if f.text == "Advertisement"]
    assert len(ads) == lines // 10 and all(f.fate == "removed" for f in ads)
    prose = [f for f in ex.lines if f.text.startswith("Opponents of plan")]
    assert len(prose) == lines // 10 and all(f.fate == "body" for f in prose)


def test_a_page_over_max_input_chars_is_truncated_with_a_warning():
    page = mixed_page(20_000)
    pipe = default_pipeline(CleanConfig(max_input_chars=100_000))
    ex = assert_accounted(page, pipeline=pipe)
    assert ex.article.warnings == (f"input truncated from {len(page)} to 100000 characters",)
    assert sum(len(f.text) + 1 for f in ex.lines) >= 99_000


@pytest.mark.slow
def test_a_million_lines_at_the_default_size_limit_are_truncated_with_a_warning():
    page = "\n".join(f"Line {i}." for i in range(1_000_000))
    article = cleannews.clean(page)
    assert article.warnings == (f"input truncated from {len(page)} to 5000000 characters",)
    kept = page[:5_000_000].splitlines()
    assert article.paragraphs == tuple(kept)


LONG_LINE_UNITS = ["word ", "\u3000a", "Ab. ", "( ", "&amp; ", "Ã© "]


@pytest.mark.parametrize(
    ("unit", "size"),
    [(unit, 1_000_000) for unit in LONG_LINE_UNITS]
    + [pytest.param(unit, 5_000_000, marks=pytest.mark.slow) for unit in LONG_LINE_UNITS],
)
def test_one_long_line_is_one_paragraph(unit, size):
    """A 1 MB line of each shape; at the 5 MB size limit with `-m slow` (the limit itself
    is held by the run of one character below and the million-line test)."""
    line = (unit * (size // len(unit)))[:size]
    article = cleannews.clean(line)
    assert article.paragraphs == (fix_line(line),)  # the line as the encoding stage repairs it
    assert (article.title, article.removed, article.warnings) == (None, (), ())


def test_a_5mb_run_of_one_character_is_one_paragraph():
    line = "a" * 5_000_000
    article = cleannews.clean(line)
    assert article.paragraphs == (line,)
    assert (article.title, article.removed, article.warnings) == (None, (), ())


# -- the HTML time budget, host timers, threads ---------------------------------------------

SLOW_HTML = (
    "<html><body>"
    + "".join(f"<div><p>Paragraph {i} of a page that takes a while.</p></div>" for i in range(3000))
    + "</body></html>"
)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers here")
def test_extraction_past_its_budget_falls_back_with_a_warning():
    pipe = default_pipeline(CleanConfig(html_time_budget=0.001))
    article = pipe.clean(SLOW_HTML)
    assert article.warnings == (
        "HTML extraction exceeded its 0.001 s budget; used the visible text",
    )
    assert len(article.paragraphs) == 3000  # the visible text: nothing lost
    assert issubclass(ExtractionTimeout, BaseException)
    assert not issubclass(ExtractionTimeout, Exception)  # trafilatura's `except Exception`


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers here")
def test_the_hosts_own_alarm_and_handler_are_left_alone():
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        pipe = default_pipeline(CleanConfig(html_time_budget=0.001))
        article = pipe.clean(SLOW_HTML)  # the host's timer is running: no budget of ours
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < remaining <= 30.0
        assert article.warnings == ()
        assert signal.getsignal(signal.SIGALRM) is not previous  # still the host's handler
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_html_in_worker_threads_gives_the_main_threads_record():
    pages = [p.read_bytes() for p in sorted((HOSTILE.parent / "html").glob("*.html"))]
    expected = [cleannews.clean(p) for p in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(cleannews.clean, pages * 2)) == expected * 2
