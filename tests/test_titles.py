"""Which first line of a text page becomes the title, exactly."""

from __future__ import annotations

import cleannews

LEAD = (
    "In October, a member of the state assembly visited the border crossing near the river "
    "and argued that more money was needed to stop the flow of goods, officials said."
)
SECOND = (
    "A major part of the reason, she said, is that the crossing handles twice the traffic "
    "it was built for, and inspectors cannot keep up with the trucks."
)


def test_a_short_question_over_a_paragraph_is_the_title() -> None:
    art = cleannews.clean(
        "\n".join(["What is the value of goods that cross the border?", LEAD, SECOND])
    )
    assert art.title == "What is the value of goods that cross the border?"
    assert art.paragraphs == (LEAD, SECOND)


def test_an_exclamation_with_a_quote_is_the_title() -> None:
    art = cleannews.clean(
        "\n".join(['Video shows rescue of lost hiker: "We found him!"', LEAD, SECOND])
    )
    assert art.title == 'Video shows rescue of lost hiker: "We found him!"'


def test_a_question_of_two_sentences_or_over_a_question_stays_in_the_body() -> None:
    two = "The plan failed. What comes next for the city?"
    assert cleannews.clean("\n".join([two, LEAD, SECOND])).title is None
    questions = [
        "Who will pay for the new crossing over the river?",
        "Who decides where the new crossing will go?",
    ]
    art = cleannews.clean("\n".join([*questions, LEAD, SECOND]))  # a list of questions
    assert art.title is None
    assert art.paragraphs == (*questions, LEAD, SECOND)


def test_a_headline_may_start_with_a_number() -> None:
    art = cleannews.clean("\n".join(["7 key questions heading into the debate", LEAD, SECOND]))
    assert art.title == "7 key questions heading into the debate"


def test_bare_link_lines_do_not_make_a_page_look_hard_wrapped() -> None:
    items = [
        x
        for n in range(1, 5)
        for x in (f"{n}) Example product number {n}", f"http://example.com/p{n}")
    ]
    art = cleannews.clean(
        "\n".join(["Gift ideas for collectors of old films", LEAD, SECOND, *items])
    )
    assert art.title == "Gift ideas for collectors of old films"
