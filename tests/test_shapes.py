"""Line shapes used by the structural stages, with exact answers."""

from __future__ import annotations

import pytest

from cleannews.shapes import is_title_case, list_item_text


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
    ("line", "expected"),
    [("- Bugs fixed", "Bugs fixed"), ("* Item", "Item"), ("• Point", "Point"),
     ("-5 degrees at night", None), ("- ", None), ("Plain line", None)],
)  # fmt: skip
def test_list_item_text(line: str, expected: str | None) -> None:
    assert list_item_text(line) == expected
