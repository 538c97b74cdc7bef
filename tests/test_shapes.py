"""Line shapes used by the structural stages, with exact answers."""

from __future__ import annotations

import pytest

import cleannews
from cleannews.shapes import is_headline_like, is_name_like, is_title_case, list_item_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Amazing Images of Distant Stars", True),
        ("Photos: Europa, Mysterious Icy Moon of Jupiter", True),
        ("Here's Where the New Landers Will Touch Down With NASA", True),
        ("Senators call for a new vote on the budget", False),  # sentence case
        ("SENATORS CALL FOR A NEW VOTE", False),  # all capitals: a shouted kicker
        ("Alice Walker", False),  # too few words to tell from a name
        ("Czech Republic (Group A): Seventh appearance", False),
    ],
)
def test_is_title_case(text: str, expected: bool) -> None:
    assert is_title_case(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Where Rents Rose Fastest Across the U.S.", True),  # an initialism's stop
        ("Harbour Ferry Services Bought by Northline Holdings Inc.", True),  # a company's
        ("Rents rose fastest across the U.S.", False),  # sentence case: a sentence
        ("Where Rents Rose Fastest This Year.", False),  # a plain full stop
        ("Talks Resume in Washington, D.C.", True),
        ("Offices in D.C.", False),  # too few long words to tell a title
    ],
)
def test_a_title_case_line_ending_in_an_abbreviation_is_headline_like(
    text: str, expected: bool
) -> None:
    assert is_headline_like(text) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("- Bugs fixed", "Bugs fixed"), ("* Item", "Item"), ("• Point", "Point"),
     ("-5 degrees at night", None), ("- ", None), ("Plain line", None)],
)  # fmt: skip
def test_list_item_text(line: str, expected: str | None) -> None:
    assert list_item_text(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mohammed Abu Zaid", True),
        ("Julian K. Arni", True),  # a middle initial's stop is no sentence punctuation
        ("J. K. Rowling", True),
        ("Peter Smith Jr.", True),  # a final stop was always allowed
        ("A. Overview", False),  # initial + one word: an outline's heading as often as a name
        ("U.S. Navy", False),  # "U.S." is no initial (no space after its first stop)
        ("Today. Then more", False),  # a sentence's stop
        ("Read more: Jane Doe", False),
        ("GIRLS BASKETBALL", False),
    ],
)
def test_is_name_like(text: str, expected: bool) -> None:
    assert is_name_like(text) is expected


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Julian K. Arni", ("Julian K. Arni",)),
        ("Julian K. Arni · December 15, 2025", ("Julian K. Arni",)),
        ("By J. K. Rowling and Mary B. Jones", ("J. K. Rowling", "Mary B. Jones")),
    ],
)
def test_a_byline_with_initials_gives_its_names_on_text_input(
    byline: str, authors: tuple[str, ...]
) -> None:
    prose = "The council met on Tuesday to weigh the plan for the harbour and its new quay. " * 3
    text = f"Harbour plan wins the council's backing at last\n{byline}\n{prose}"
    explanation = cleannews.explain(text, kind="text")
    assert explanation.article.authors == authors
    [fate] = [f for f in explanation.lines if f.text == byline]
    assert (fate.fate, fate.field) == ("removed", "authors")
