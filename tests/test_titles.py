"""Which first line of a text page becomes the title, exactly."""

from __future__ import annotations

import datetime as dt

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


DATELINED = "NORTHFIELD, Minn. – " + LEAD


def test_a_line_above_the_dateline_paragraph_is_the_subtitle() -> None:
    dek = "Inspectors say the crossing handles twice the traffic it was built for."
    art = cleannews.clean("\n".join([dek, DATELINED, SECOND]))
    assert (art.subtitle, art.dateline) == (dek, "NORTHFIELD")
    assert art.paragraphs == (DATELINED, SECOND)


def test_a_second_line_above_the_dateline_is_removed_and_logged() -> None:
    dek = "Inspectors say the crossing handles twice the traffic it was built for."
    kicker = "Border trade in numbers"
    art = cleannews.clean("\n".join([dek, kicker, DATELINED, SECOND]))
    assert art.subtitle == dek
    assert [(r.rule, r.text) for r in art.removed] == [("above-dateline", kicker)]
    assert art.paragraphs == (DATELINED, SECOND)


def test_a_dateline_only_line_opens_the_body_and_is_not_a_title() -> None:
    dek = "Inspectors say the crossing handles twice the traffic it was built for."
    art = cleannews.clean("\n".join([dek, "NORTHFIELD, MINNESOTA", LEAD, SECOND]))
    assert (art.title, art.subtitle, art.dateline) == (None, dek, "NORTHFIELD")
    assert art.paragraphs == ("NORTHFIELD, MINNESOTA", LEAD, SECOND)


def test_paragraphs_that_all_open_like_a_dateline_stay() -> None:
    letter = "DEAR EDITOR: My neighbour parks across my driveway every single morning."
    answer = "DEAR NEIGHBOUR: Talk to them first, and then call the city if it goes on."
    art = cleannews.clean("\n".join([letter, answer, SECOND]))
    assert art.paragraphs == (letter, answer, SECOND)


def test_the_dateline_is_looked_for_once_leftover_headlines_are_gone() -> None:
    """A title-case line removed from the top counts as gone when the lines above the
    dateline are read; else a second cleaning reads them otherwise (found by hypothesis)."""
    page = "\n".join(
        [
            "World News",
            "The The The",
            "The the the the the the.",
            "CAIRO - The the the the the the the.",
            "The the the the the the.",
            "By Jane Doe",
        ]
    )
    art = cleannews.clean(page)
    assert (art.title, art.subtitle, art.dateline) == (None, "The the the the the the.", "CAIRO")
    assert [(r.rule, r.text) for r in art.removed] == [
        ("above-dateline", "World News"),
        ("zone-headline", "The The The"),
        ("byline-by", "By Jane Doe"),
    ]
    assert art.paragraphs == ("CAIRO - The the the the the the the.", "The the the the the the.")
    assert cleannews.clean(art.body).body == art.body


def test_a_dateline_three_lines_down_takes_nothing_above_it() -> None:
    art = cleannews.clean("\n".join([LEAD, SECOND, LEAD + " Again.", DATELINED]))
    assert art.paragraphs == (LEAD, SECOND, LEAD + " Again.", DATELINED)


def test_a_date_followed_by_a_byline_gives_authors_and_date() -> None:
    art = cleannews.clean("\n".join(["5:45 AM PST 11/19/2019 by Jane Doe", LEAD, SECOND]))
    assert art.authors == ("Jane Doe",)
    assert art.published == dt.datetime(2019, 11, 19, 5, 45)
    assert [(r.rule, r.field, r.text) for r in art.removed] == [
        ("date-byline", "authors", "5:45 AM PST 11/19/2019 by Jane Doe")
    ]
    assert art.paragraphs == (LEAD, SECOND)


def test_a_date_followed_by_a_lower_case_user_name_is_no_byline() -> None:
    art = cleannews.clean("\n".join([LEAD, "March 3, 2019 by admin", SECOND]))
    assert (art.authors, art.removed) == ((), ())
    assert art.paragraphs == (LEAD, "March 3, 2019 by admin", SECOND)


def test_a_label_in_capitals_is_no_dateline() -> None:
    update = "UPDATE: Officials said on Friday that the crossing would stay open all weekend."
    art = cleannews.clean("\n".join([LEAD, update, SECOND]))
    assert (art.dateline, art.subtitle) == (None, None)
    assert art.paragraphs == (LEAD, update, SECOND)
    letter = "DEAR ABBY: My neighbour parks across my driveway every single morning."
    assert cleannews.clean("\n".join([letter, SECOND])).dateline is None


def test_items_of_a_plus_list_above_the_first_paragraph_are_content() -> None:
    """A changelog's "+ Added ..." lines are items of a list, as "- " and "* " ones are:
    neither the title nor a leftover headline (`zone-headline`) when they open the text."""
    items = ["+ Added Granite Steps To The Garden", "+ Added Iron Gates And Railings"]
    art = cleannews.clean("\n".join(["Version 2 of the Garden Guide", *items, LEAD, SECOND]))
    assert art.title == "Version 2 of the Garden Guide"
    assert art.paragraphs == (*items, LEAD, SECOND)
    assert cleannews.clean(art.body).body == art.body


def test_many_headline_like_lines_over_the_first_paragraph_are_a_list_not_a_header() -> None:
    """Nine or more title candidates above the first paragraph (a table of contents, a
    poem's short lines) are content: no title is taken from them and none is removed as
    a leftover headline; the body is stable when cleaned again."""
    entries = [f"Chapter {n}: The Walk Along The River Bank" for n in range(1, 10)]
    art = cleannews.clean("\n".join([*entries, LEAD, SECOND]))
    assert art.title is None
    assert art.paragraphs == (*entries, LEAD, SECOND)
    assert not art.removed
    assert cleannews.clean(art.body).body == art.body
    # eight are still a header zone: the first becomes the title, as before
    art = cleannews.clean("\n".join([*entries[:8], LEAD, SECOND]))
    assert art.title == entries[0]
