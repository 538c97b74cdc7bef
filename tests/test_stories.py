"""The stories stage's cuts after an article: tail markers and link lists, exactly."""

from __future__ import annotations

import cleannews

BODY = [
    "The city council approved the new budget on Tuesday after a debate that lasted well "
    "into the night, with most members backing the plan to expand bus routes.",
    "Officials said the money would pay for twelve new buses and longer service hours on "
    "weekends, starting in the spring if the regional authority signs off on the changes.",
    "Opponents argued that the plan relied on optimistic forecasts of fare revenue and "
    "warned that the city could face a shortfall within two years of the expansion.",
]
COMMENT = (
    "I take the bus every day and the weekend service has been terrible for years, so this "
    "is welcome news for people like me who do not own a car."
)


def _fates(page: str) -> list[tuple[str, str | None, str]]:
    return [(f.fate, f.rule, f.text) for f in cleannews.explain(page).lines if f.text.strip()]


def test_a_comment_counter_after_the_article_ends_it() -> None:
    page = "\n".join([*BODY, "2 comments", COMMENT, "Thanks for reading, Sam."])
    art = cleannews.clean(page)
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed] == [
        ("comment-count", "2 comments"),
        ("after-article-end", COMMENT),
        ("after-article-end", "Thanks for reading, Sam."),
    ]


def test_a_comment_counter_before_most_of_the_prose_ends_nothing() -> None:
    page = "\n".join([BODY[0], "2 comments", BODY[1], BODY[2]])
    art = cleannews.clean(page)
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed] == [("comment-count", "2 comments")]


def test_a_comment_counter_before_any_prose_ends_nothing() -> None:
    art = cleannews.clean("\n".join(["3 comments", *BODY]))
    assert art.paragraphs == tuple(BODY)


def test_a_question_headline_in_a_related_list_is_a_link() -> None:
    links = [
        "Who will run the transit authority in 2025?",
        "Bus drivers vote to accept new contract",
        "Ten routes that could change next year",
    ]
    page = "\n".join([*BODY, "You may also like...", *links])
    art = cleannews.clean(page)
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed] == [
        ("related-heading", "You may also like..."),
        *[("link-list", link) for link in links],
    ]


def test_a_paragraph_after_a_related_list_ends_the_list() -> None:
    page = "\n".join(
        [BODY[0], "Related stories", "Bus drivers vote to accept new contract", *BODY[1:]]
    )
    assert _fates(page) == [
        ("body", None, BODY[0]),
        ("removed", "related-heading", "Related stories"),
        ("removed", "link-list", "Bus drivers vote to accept new contract"),
        ("body", None, BODY[1]),
        ("body", None, BODY[2]),
    ]


def test_a_lone_tags_heading_in_the_tail_ends_the_article() -> None:
    tag_list = "city budget, bus routes, transit authority, council vote, fares, public transport"
    page = "\n".join([*BODY, "Tags", tag_list])
    art = cleannews.clean(page)
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed] == [
        ("tags-heading", "Tags"),
        ("after-article-end", tag_list),
    ]


def test_a_tail_marker_weighs_lists_too() -> None:
    """An article that is mostly a list (a calendar) still has a tail."""
    rows = [f"Round {n}: {n} March - Example Park" for n in range(1, 13)]
    page = "\n".join(
        ["The season calendar was published on Monday.", *rows, "Tags", "racing, calendar"]
    )
    art = cleannews.clean(page)
    assert art.paragraphs == ("The season calendar was published on Monday.", *rows)
    assert [r.rule for r in art.removed] == ["tags-heading", "after-article-end"]


HEADLINES = [
    "- 15 Amazing Images of Distant Stars",
    "- Here's Where the New Landers Will Touch Down",
]


def test_title_case_headline_items_in_the_tail_are_links() -> None:
    page = "\n".join([*BODY, *HEADLINES, "Originally published on Example Science."])
    art = cleannews.clean(page)
    assert [(r.rule, r.text) for r in art.removed] == [("headline-list", h) for h in HEADLINES]
    assert art.paragraphs == (*BODY, "Originally published on Example Science.")


def test_headline_items_need_company_and_the_tail() -> None:
    alone = "\n".join([*BODY, HEADLINES[0]])  # one item is not a list of links
    assert cleannews.clean(alone).paragraphs == (*BODY, HEADLINES[0])
    early = "\n".join([BODY[0], *HEADLINES, BODY[1], BODY[2]])  # before half the text
    assert cleannews.clean(early).paragraphs == (BODY[0], *HEADLINES, BODY[1], BODY[2])


def test_sentence_case_list_items_stay() -> None:
    items = [
        "- Czech Republic (Group A): seventh appearance",
        "- Ukraine (Group B): third appearance",
    ]
    page = "\n".join([*BODY, *items])
    assert cleannews.clean(page).paragraphs == (*BODY, *items)


NEWSLETTER = ["Sign up for our newsletter", "Thanks for signing up!", "Sorry!"]
TEASERS = [
    "- Council weighs fare cut Members asked staff for a study of lower weekend fares",
    "- New bus depot opens The depot on the east side adds room for forty buses",
]


def test_a_list_right_after_a_widget_block_at_the_end_is_removed() -> None:
    page = "\n".join([*BODY, *NEWSLETTER, "Join our free weekly quiz", *TEASERS])
    art = cleannews.clean(page)
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed][-3:] == [
        ("list-after-widgets", "Join our free weekly quiz"),
        *[("list-after-widgets", item) for item in TEASERS],
    ]


def test_a_list_introduced_by_the_article_stays() -> None:
    page = "\n".join([*BODY, "The routes that change:", *TEASERS])
    art = cleannews.clean(page)
    assert art.paragraphs == (*BODY, "The routes that change:", *TEASERS)


def test_a_list_after_a_widget_block_is_kept_when_text_follows_it() -> None:
    closing = "The council will vote on the final budget in a second session next month."
    page = "\n".join([*BODY, *NEWSLETTER, *TEASERS, closing])
    art = cleannews.clean(page)
    assert art.paragraphs == (*BODY, *TEASERS, closing)


CAPS_LINK = "COUNCIL MEMBERS CLASH OVER NEW BUS ROUTES IN HEATED ALL-NIGHT DEBATE"


def test_a_long_line_in_capitals_between_paragraphs_is_a_linked_headline() -> None:
    art = cleannews.clean("\n".join([BODY[0], CAPS_LINK, BODY[1], BODY[2]]))
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed] == [("caps-headline-link", CAPS_LINK)]


def test_short_or_questioning_subheadings_in_capitals_stay() -> None:
    heads = ["WHAT THE PLAN COSTS", "WHO WILL PAY FOR THE TWELVE NEW BUSES IN THE SPRING?"]
    page = "\n".join([BODY[0], heads[0], BODY[1], heads[1], BODY[2]])
    art = cleannews.clean(page)
    assert art.paragraphs == (BODY[0], heads[0], BODY[1], heads[1], BODY[2])


def test_a_line_in_capitals_above_the_first_paragraph_is_not_a_link() -> None:
    art = cleannews.clean("\n".join([CAPS_LINK, *BODY]))
    assert art.title == CAPS_LINK
    assert art.paragraphs == tuple(BODY)


LINK_HEADLINES = [
    "Council weighs a cut in weekend fares [Video]",
    "New bus depot opens on the east side",
    "Drivers vote on a new two-year contract",
]


def test_three_headlines_ending_a_story_below_a_removed_prompt_are_links() -> None:
    page = "\n".join(
        [*BODY, "Subscribe to our YouTube channel for the latest videos!", *LINK_HEADLINES]
    )
    art = cleannews.clean(page)
    assert art.paragraphs == tuple(BODY)
    assert [r.rule for r in art.removed] == ["support-prompt", *["list-after-widgets"] * 3]


def test_two_headlines_below_one_removed_line_stay() -> None:
    page = "\n".join([*BODY, "Advertisement", *LINK_HEADLINES[:2]])
    art = cleannews.clean(page)
    assert art.paragraphs == (*BODY, *LINK_HEADLINES[:2])


SERIES = [
    "Transit Week 2024 | Riders pick the best new bus stop",
    "Transit Week 2024 | A tour of the night bus depot",
    "Transit Weekly 2024 | How the timetable gets made",
]


def test_three_headlines_of_one_series_in_the_tail_are_links() -> None:
    art = cleannews.clean("\n".join([*BODY, *SERIES]))
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed] == [("headline-list", h) for h in SERIES]


def test_two_series_headlines_or_table_rows_stay() -> None:
    rows = ["| Route | Buses | Hours |", "| 12 | Four buses | Until midnight |"]
    page = "\n".join([*BODY, *SERIES[:2], *rows])
    art = cleannews.clean(page)
    assert art.paragraphs == (*BODY, *SERIES[:2], *rows)


def test_headlines_of_different_series_stay() -> None:
    mixed = [
        "Transit Week 2024 | Riders pick the best new bus stop",
        "City Budget Vote | What the council decided",
        "Weekend Guide Events | Markets and concerts",
    ]
    art = cleannews.clean("\n".join([*BODY, *mixed]))
    assert art.paragraphs == (*BODY, *mixed)


def test_lines_in_capitals_stay_in_a_story_written_in_capitals() -> None:
    body = [para.upper() for para in BODY]
    art = cleannews.clean("\n".join([body[0], CAPS_LINK, body[1]]))
    assert art.paragraphs == (body[0], CAPS_LINK, body[1])


TEASER_SNIPPET = (
    "The regional transport authority is weighing a plan to merge three night lines into "
    "one, and riders have until the end of the month to comment on ..."
)


def test_a_headline_and_cut_snippet_after_the_article_are_a_teaser() -> None:
    page = "\n".join([*BODY, "Night buses may merge into one line", TEASER_SNIPPET])
    art = cleannews.clean(page)
    assert art.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in art.removed] == [
        ("teaser", "Night buses may merge into one line"),
        ("teaser", TEASER_SNIPPET),
    ]


def test_a_cut_item_after_items_of_a_list_stays() -> None:
    """A blog's index: each post a title over its summary, a date between; the older
    summaries are cut short. They are the page's items, not teasers after an article."""
    items = [
        "Council backs the bus budget",
        "Members approved twelve new buses and longer weekend hours after a long debate.",
        "Mar 4, 2025",
        "Night buses may merge into one line",
        TEASER_SNIPPET,
    ]
    page = "\n".join([*BODY, *items])
    art = cleannews.clean(page)
    assert "Night buses may merge into one line" in art.body
    assert TEASER_SNIPPET in art.body
    assert [r.rule for r in art.removed if r.rule == "teaser"] == []
