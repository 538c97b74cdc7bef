"""The dev-corpus field checks of `benchmarks/corpora.py`: what counts as a right title,
author list and date, and which wcxb pages are held out. The README's figures rest on them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corpora import (
    GoldPage,
    authors_match,
    date_matches,
    is_held_out,
    score_fields,
    title_matches,
)


@pytest.mark.parametrize(
    ("got", "gold", "expected"),
    [
        ("Bridge  reopens", "bridge reopens", (True, True)),
        ("Bridge reopens | City Paper", "Bridge reopens", (False, True)),
        ("City Paper - Bridge reopens", "Bridge reopens", (False, True)),
        ("Bridge reopens", "Bridge reopens – City Paper", (False, True)),
        ("Bridge reopens after repairs", "Bridge reopens", (False, False)),
        ("City Paper", "Bridge reopens | City Paper", (False, False)),
        (None, "Bridge reopens", (False, False)),
        ("Bridge reopens", None, (False, False)),
        ("Bridge: reopens", "Bridge reopens", (False, False)),
        ("Mayor’s “plan” passes", 'Mayor\'s "plan" passes', (True, True)),
        ("Mayor’s plan passes", "Mayors plan passes", (False, False)),
    ],
)
def test_title_exact_and_without_site_segments(got, gold, expected):
    assert title_matches(got, gold) == expected


@pytest.mark.parametrize(
    ("got", "gold", "expected"),
    [
        (["Ana Ruiz"], "By Ana Ruiz and Tom Lee", True),
        (["Ana Ruiz", "Tom Lee"], "Ana Ruiz, Tom Lee", True),
        (["Ana Ruiz", "Senior Editor"], "Ana Ruiz", False),
        (["ana ruiz"], "Ana Ruiz", True),
        (["Ana"], "Anastasia Ruiz", False),
        ([], "Ana Ruiz", False),
        (["Ana Ruiz"], None, None),
        ([], "", None),
    ],
)
def test_authors_every_name_returned_is_in_the_gold(got, gold, expected):
    assert authors_match(got, gold) == expected


def test_dates_are_the_same_day_and_only_checked_where_the_gold_has_one():
    assert date_matches("2025-03-04T10:00:00+01:00", "2025-03-04") is True
    assert date_matches("2025-03-05", "2025-03-04") is False
    assert date_matches(None, "2025-03-04") is False
    assert date_matches("2025-03-04", None) is None


def test_score_fields_leaves_out_what_the_gold_does_not_say():
    page = GoldPage("wcxb", "0001", b"", "", title="Bridge reopens", author=None, date=None)
    got = {"title": "Bridge reopens | City", "authors": ["Ana"], "date": "2025-01-01"}
    assert score_fields(page, got) == {
        "title_exact": False,
        "title": True,
        "authors": None,
        "date": None,
    }


def test_every_fourth_page_is_held_out():
    assert [i for i in range(12) if is_held_out(i)] == [3, 7, 11]


def _declared(head: str) -> str:
    from rule_audit import declaration

    html = f"<html><head>{head}</head><body><p>Text.</p></body></html>".encode()
    return declaration(GoldPage("wcxb", "x", html, "Text."))


_OG = '<meta property="og:type" content="article">'


def _ld(kind: str) -> str:
    return f'<script type="application/ld+json">{{"@type": "{kind}"}}</script>'


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (_OG + _ld("NewsArticle"), "typed-article"),
        (_ld("BlogPosting"), "typed-article"),
        (_OG, "og-only"),
        (_OG + _ld("WebPage"), "og+webpage"),
        (_ld("QAPage"), "discussion"),
        (_ld("WebPage"), "undeclared"),
        ("", "undeclared"),
    ],
)
def test_rule_audit_sorts_pages_by_what_they_declare(head, expected):
    """`rule_audit.py --declared` groups pages as cleannews reads their declarations."""
    assert _declared(head) == expected


def test_rule_audit_text_mode_cleans_the_text_path_input():
    """`rule_audit.py --text` audits `clean` of the recall-oriented extraction, where the
    HTML passes (class/id markers) never run."""
    from rule_audit import audit_page

    sentence = "The council met on day {} and agreed a budget for the bridge after a debate."
    paragraphs = "".join(f"<p>{sentence.format(i)}</p>" for i in range(6))
    html = (
        f"<html><body><article>{paragraphs}<div class='share-bar'>Share on Facebook Share "
        "on Twitter</div></article><div class='advert'>Advertisement</div></body></html>"
    ).encode()
    body = " ".join(sentence.format(i) for i in range(6))
    page = GoldPage("wcxb", "x", html, body)
    assert audit_page(page)["rules"] == {"html/html-share": [1, 3, 0], "html/html-ad": [1, 1, 0]}
    assert audit_page(page, text=True)["rules"] == {}
