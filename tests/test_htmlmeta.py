"""Page metadata from markup: which evidence wins, and how names and titles are cleaned.

Small synthetic pages, one behaviour each: JSON-LD before Open Graph before `<title>`
before `<h1>`, an `<h1>` confirmed by a metadata title, site segments and separators left
at a title's ends, author names without "By", job titles or e-mails, dates from JSON-LD,
`article:published_time` or the markup, and markup that must not break the reader.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

import cleannews
from cleannews.htmlmeta import _microdata_date, author_names, read_page_meta
from cleannews.inputs import looks_like_html

BODY = "".join(
    f"<p>Paragraph {i} of the story tells the reader what happened in the town "
    f"and why it matters to the people who live there, in some detail.</p>"
    for i in range(6)
)


def page(head: str = "", body_top: str = "") -> str:
    return f"<html><head>{head}</head><body>{body_top}<article>{BODY}</article></body></html>"


def meta(html: str) -> cleannews.document.PageMeta:  # type: ignore[name-defined]
    return read_page_meta(lxml_html.fromstring(html))


def ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


ARTICLE = {
    "@type": "NewsArticle",
    "headline": "Bridge Reopens After Repairs",
    "author": {"@type": "Person", "name": "Ana Lima"},
    "datePublished": "2024-03-05T09:00:00Z",
}


# --- JSON-LD precedence and shapes ----------------------------------------------------


def test_json_ld_wins_over_open_graph_and_meta_tags():
    head = ld(ARTICLE) + (
        '<meta property="og:title" content="Other title">'
        '<meta name="author" content="Someone Else">'
        '<meta property="article:published_time" content="2020-01-01">'
    )
    got = meta(page(head))
    assert (got.title, got.authors, got.published) == (
        "Bridge Reopens After Repairs",
        ("Ana Lima",),
        dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC),
    )


@pytest.mark.parametrize(
    "data",
    [
        {"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, ARTICLE]},
        [{"@type": "Organization", "name": "Town Paper"}, ARTICLE],
        {"@type": "WebPage", "mainEntity": ARTICLE},
        {"@type": ["WebPage"], "hasPart": [ARTICLE]},
    ],
    ids=["graph", "list", "main-entity", "has-part"],
)
def test_json_ld_story_is_found_in_graphs_lists_and_wrappers(data: object):
    got = meta(page(ld(data)))
    assert got.title == "Bridge Reopens After Repairs"
    assert got.authors == ("Ana Lima",)
    assert got.published is not None and got.published.date() == dt.date(2024, 3, 5)  # type: ignore[union-attr]


def test_an_author_given_by_reference_is_looked_up_in_the_graph():
    """Publishing tools write the article's author as `{"@id": ...}` and the Person once,
    elsewhere in the `@graph` (or in another script)."""
    story = {**ARTICLE, "author": [{"@id": "https://town.example/#/person/ana"}]}
    person = {"@type": "Person", "@id": "https://town.example/#/person/ana", "name": "Ana Lima"}
    graph = {"@graph": [{"@type": "WebSite", "@id": "https://town.example/#site"}, story]}
    assert meta(page(ld(graph) + ld(person))).authors == ("Ana Lima",)
    dangling = {**ARTICLE, "author": {"@id": "#nobody"}}
    assert meta(page(ld(dangling))).authors == ()  # an unknown id names nobody


def test_a_referenced_publisher_organisation_is_no_author():
    org = {"@type": "Organization", "@id": "#org", "name": "Town Paper"}
    story = {**ARTICLE, "author": {"@id": "#org"}, "publisher": {"@id": "#org"}}
    got = meta(
        page(ld({"@graph": [org, story]}) + '<meta property="og:site_name" content="Town Paper">')
    )
    assert got.site_name == "Town Paper"
    assert got.authors == ("Town Paper",)  # the last resort: the publisher wrote it


def test_json_ld_in_a_cdata_wrapper_is_read():
    script = (
        f'<script type="application/ld+json">//<![CDATA[\n{json.dumps(ARTICLE)}\n//]]></script>'
    )
    assert meta(page(script)).title == "Bridge Reopens After Repairs"


def test_json_ld_entities_are_decoded():
    data = {**ARTICLE, "headline": "Cats &amp;#8230; and Dogs &#039;Together&#039;"}
    assert meta(page(ld(data))).title == "Cats … and Dogs 'Together'"


@pytest.mark.parametrize(
    "script",
    [
        "{not json",
        '{"@type": "NewsArticle", "headline": 42, "author": [null, 7, {"name": ["x"]}]}',
        '{"@type": "NewsArticle", "datePublished": {"a": 1}, "publisher": []}',
        json.dumps([{"@type": "Thing"}] * 50_000),
        "[" * 5000 + "]" * 5000,
    ],
    ids=["broken", "non-strings", "odd-values", "huge-list", "deep"],
)
def test_malformed_json_ld_never_breaks_the_page(script: str):
    html = page(f'<title>Plain Title</title><script type="application/ld+json">{script}</script>')
    got = meta(html)
    assert got.title == "Plain Title"
    assert cleannews.clean(html).title == "Plain Title"


PUBLISHER_AUTHOR = {
    **ARTICLE,
    "author": {"@type": "Organization", "name": "Town Paper"},
    "publisher": {"@type": "Organization", "name": "Town Paper"},
}


def test_organization_author_that_is_the_publisher_gives_way_to_a_byline():
    body = '<span class="byline">By Ana Lima</span>'
    assert meta(page(ld(PUBLISHER_AUTHOR), body)).authors == ("Ana Lima",)


def test_organization_author_that_is_the_publisher_is_the_author_when_nobody_else_is():
    assert meta(page(ld(PUBLISHER_AUTHOR))).authors == ("Town Paper",)


# --- bylines in the markup -------------------------------------------------------------


def test_a_name_beside_a_date_in_a_byline_element_is_the_author():
    body = '<div class="post-author"><p>Ana Lima</p><small>March 5, 2024</small></div>'
    assert meta(page("", body)).authors == ("Ana Lima",)


def test_the_name_above_a_biography_in_an_authors_box_is_the_author():
    bio = "<p>" + "She has covered transport and city planning for a decade. " * 4 + "</p>"
    body = f'<div class="blog-author"><img src="a.jpg" alt=""><h4>Ana Lima</h4>{bio}</div>'
    assert meta(page("", body)).authors == ("Ana Lima",)


def test_the_name_element_of_an_author_box_is_a_byline():
    body = (
        '<div class="author-box"><h4 class="author-box__name">Ana Lima</h4>'
        '<div class="author-box__bio"><p>Writes about bridges.</p></div></div>'
    )
    assert meta(page("", body)).authors == ("Ana Lima",)


@pytest.mark.parametrize(
    "body",
    [
        # a label or a button is not shaped as a name
        '<div class="post-author"><span>Share</span><small>March 5, 2024</small></div>',
        # a page wrapper whose class mentions the author holds far more than a byline
        f'<div class="single-author"><h4>Ana Lima</h4>{BODY * 2}</div>',
    ],
)
def test_no_name_is_read_from_inside_what_is_not_an_authors_byline(body: str):
    assert meta(page("", body)).authors == ()


# --- titles -------------------------------------------------------------------------

LONG_HEADLINE = (
    "Council Approves the Harbour Bridge Repairs After a Long Debate (With Two Changes"
    " to the Plan Proposed Last Spring)"
)


@pytest.mark.parametrize(
    ("headline", "og_title", "title"),
    [
        # a structured headline cut at a fixed length: og:title has it whole
        (LONG_HEADLINE[:90], f"{LONG_HEADLINE} - Town Paper", LONG_HEADLINE),
        (LONG_HEADLINE[:70] + "...", LONG_HEADLINE, LONG_HEADLINE),
        # og:title goes on with a site segment only: the headline is whole
        (LONG_HEADLINE, f"{LONG_HEADLINE} | Harbour Desk", LONG_HEADLINE),
        # a short headline that og:title extends is a headline, not a cut one
        ("Bridge Reopens", "Bridge Reopens Solo Edition", "Bridge Reopens"),
    ],
)
def test_a_structured_headline_cut_short_is_completed_from_another_title(
    headline: str, og_title: str, title: str
):
    head = ld({**ARTICLE, "headline": headline})
    head += f'<meta property="og:title" content="{og_title}">'
    head += '<meta property="og:site_name" content="Town Paper">'
    assert meta(page(head)).title == title


def test_h1_confirmed_by_the_title_element_wins_over_og_title():
    head = '<title>Bridge Reopens | Town Paper</title><meta property="og:title" content="Teaser">'
    assert meta(page(head, "<h1>Bridge Reopens</h1>")).title == "Bridge Reopens"


def test_title_element_without_site_suffix_beats_an_unconfirmed_h1():
    head = "<title>Bridge Reopens After Repairs | Town Paper</title>"
    assert meta(page(head, "<h1>Local News</h1>")).title == "Bridge Reopens After Repairs"


def test_h1_that_is_the_site_name_is_no_headline():
    head = '<meta property="og:site_name" content="Town Paper">'
    assert meta(page(head, "<h1>Town Paper</h1>")).title is None


def test_h1_repeating_the_site_segment_of_the_title_is_no_headline():
    head = "<title>Bridge Reopens After Repairs | Town Paper</title>"
    assert meta(page(head, "<h1>Town Paper</h1>")).title == "Bridge Reopens After Repairs"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("| Bridge Reopens After Repairs", "Bridge Reopens After Repairs"),
        ("Bridge Reopens After Repairs •  Town Paper", "Bridge Reopens After Repairs"),
        ("Town Paper | Bridge Reopens", "Bridge Reopens"),
        ("Town Paper: Bridge Reopens After Repairs", "Town Paper: Bridge Reopens After Repairs"),
        ("Bridge Reopens: What Changes", "Bridge Reopens: What Changes"),
    ],
)
def test_site_segments_and_edge_separators_are_dropped(raw: str, expected: str):
    head = f'<title>{raw}</title><meta property="og:site_name" content="Town Paper">'
    assert meta(page(head)).title == expected


def test_title_that_is_only_the_site_name_falls_back_to_the_h1():
    head = '<title>Town Paper</title><meta property="og:site_name" content="Town Paper">'
    assert meta(page(head, "<h1>Bridge Reopens</h1>")).title == "Bridge Reopens"


# --- authors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Ana Lima", ("Ana Lima",)),
        ("Ana Lima and Tom Reed", ("Ana Lima", "Tom Reed")),
        ("Ana Lima, Senior Reporter", ("Ana Lima",)),
        ("Tom Reed Staff Writer", ("Tom Reed",)),
        ("Written by: Ana Lima (ana@example.org)", ("Ana Lima",)),
        ("Ana Lima @analima", ("Ana Lima",)),
        ("Ana Lima | 5 March 2024", ("Ana Lima",)),
        ("https://example.org/author/ana", ()),
        # a date run into the name: its weekday or month is no part of the name
        ("Ana Lima  Friday, March 8, 2024 @ 9:15 PM UTC", ("Ana Lima",)),
        ("Ana Lima Tue, Jun 4, 2024", ("Ana Lima",)),
        ("By TOM REED March 8, 2024 9:15 AM", ("TOM REED",)),
        ("Par Jeanne Morel lundi 3 mars 2024", ("Jeanne Morel",)),
        ("Posted by tomreed on Friday March 08, 2024 @10:34AM", ("tomreed",)),
        ("By Ana Lima, published on March 3, 2024", ("Ana Lima",)),
        # without a by-label, what stands before a date with digits is no sure name
        ("Ana Lima Wire Service Published 5:00 p.m. ET March 8, 2024", ()),
        ("Last Updated: January 7, 2025", ()),
    ],
)
def test_author_names_are_names_only(raw: str, expected: tuple[str, ...]):
    assert author_names([raw]) == expected


_BYLINE_WORDS = ["By", "Ana", "Lima", "Monday,", "March", "7,", "2016", "and", "|", "@ana"]
_BYLINE_WORDS += ["Published", "on", ",", "Tom", "Reed", "Staff", "Writer", "lundi", "3"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BYLINE_WORDS), max_size=14).map(" ".join))
def test_author_names_are_words_of_the_byline_without_digits(byline: str) -> None:
    """Whatever the byline's words: each name is made of them, and no date's digit is in
    a name (a date cut from a name leaves none behind)."""
    for name in author_names([byline]):
        assert name and not any(ch.isdigit() for ch in name)
        assert all(word in byline for word in name.split())


def test_author_meta_tag_is_cleaned():
    head = '<meta name="author" content="By Ana Lima, Chief Correspondent">'
    assert meta(page(head)).authors == ("Ana Lima",)


# --- dates --------------------------------------------------------------------------


def test_date_from_article_published_time():
    head = '<meta property="article:published_time" content="2023-11-02T18:30:00+01:00">'
    got = meta(page(head)).published
    assert got is not None and got.isoformat()[:10] == "2023-11-02"


def test_date_from_the_markup_when_no_metadata_dates_the_page():
    body = '<time datetime="2022-07-14T08:00:00">14 July 2022</time>'
    got = meta(page("<title>A page</title>", body)).published
    assert got is not None and got.isoformat()[:10] == "2022-07-14"


def test_no_date_anywhere_is_none():
    assert meta(page("<title>A page</title>")).published is None


def test_a_utc_date_is_read_on_the_clock_of_a_time_element_showing_the_same_moment():
    head = ld({**ARTICLE, "datePublished": "2024-03-05T02:30:00Z"})
    body = '<time datetime="2024-03-04T21:30:00-05:00">March 4, 2024</time>'
    assert meta(page(head, body)).published == dt.datetime(
        2024, 3, 4, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )


def test_a_utc_date_stays_utc_when_no_time_element_shows_that_moment():
    head = '<meta property="article:published_time" content="2024-03-05T02:30:00+00:00">'
    other = '<time datetime="2024-03-04T20:00:00-05:00">March 4, 2024</time>'  # another moment
    got = meta(page(head, other)).published
    assert got == dt.datetime(2024, 3, 5, 2, 30, tzinfo=dt.timezone.utc)


def test_a_date_with_its_own_offset_is_left_as_it_is():
    head = ld({**ARTICLE, "datePublished": "2024-03-05T08:00:00+02:00"})
    body = '<time datetime="2024-03-05T01:00:00-05:00">March 5, 2024</time>'  # same moment
    got = meta(page(head, body)).published
    assert got == dt.datetime(2024, 3, 5, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_a_microdata_post_dated_in_its_visible_text_dates_the_page():
    posts = "".join(
        f'<li itemscope itemtype="http://schema.org/Comment"><span itemprop="datePublished">'
        f'{day}, 10:15 AM</span><div itemprop="text">Post {i} of the thread.</div></li>'
        for i, day in enumerate(["10-23-2023", "10-25-2023"])
    )
    thread = f'<ol itemscope itemtype="http://schema.org/UserComments">{posts}</ol>'
    got = meta(page("<title>A thread</title>", thread)).published
    assert got == dt.datetime(2023, 10, 23, 10, 15)


@pytest.mark.parametrize(("lang", "expected"), [("en-US", (2024, 3, 4)), ("en-GB", (2024, 4, 3))])
def test_a_microdata_numeric_date_is_read_in_the_pages_declared_language(lang, expected):
    post = (
        '<div itemscope itemtype="http://schema.org/Comment">'
        '<span itemprop="datePublished">03-04-2024</span></div>'
    )
    html = page("<title>A thread</title>", post).replace("<html>", f'<html lang="{lang}">')
    assert _microdata_date(lxml_html.fromstring(html)) == dt.date(*expected)


def test_the_microdata_date_of_a_comment_on_the_page_is_not_the_pages():
    comment = (
        '<div itemprop="comment" itemscope itemtype="http://schema.org/Comment">'
        '<span itemprop="datePublished">2021-06-30</span></div>'
    )
    assert _microdata_date(lxml_html.fromstring(page("<title>A page</title>", comment))) is None


# --- input kind ---------------------------------------------------------------------


def test_str_page_starting_with_a_bom_is_html():
    html = "\ufeff" + page("<title>Bridge Reopens After Repairs</title>")
    assert looks_like_html(html)
    art = cleannews.clean(html)
    assert art.title == "Bridge Reopens After Repairs"
    assert not any("<p>" in p for p in art.paragraphs)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CM", ()),
        ("AFP", ("AFP",)),
        ("Posted By", ()),
        ("Jane Doe, and Tom Reed", ("Jane Doe", "Tom Reed")),
    ],
)
def test_initials_and_labels_are_no_names(raw: str, expected: tuple[str, ...]):
    assert author_names([raw]) == expected


def test_byline_element_names_the_author_when_no_metadata_does():
    body = '<div class="post-author-name">By Ana Lima, Staff Writer, Town Paper</div>'
    assert meta(page("<title>A page</title>", body)).authors == ("Ana Lima",)


def test_bylines_in_comments_and_bio_boxes_are_not_the_author():
    body = (
        '<div class="comments"><span class="comment-author">Tom Reed</span></div>'
        '<div class="author-bio">Ana Lima writes about towns.</div>'
    )
    assert meta(page("<title>A page</title>", body)).authors == ()


def test_text_stage_byline_labels_are_no_authors():
    text = "Bridge Reopens\n\nPosted By\n\n" + "\n\n".join(
        "The bridge reopened on Monday after two years of repairs, and traffic is back "
        "to what it was before the works began in the spring."
        for _ in range(3)
    )
    assert "Posted By" not in cleannews.clean(text).authors


def test_link_to_an_author_page_names_the_author_when_nothing_else_does():
    body = '<p>Posted in news</p><a href="https://example.org/author/ana-lima/">Ana Lima</a>'
    assert meta(page("<title>A page</title>", body)).authors == ("Ana Lima",)


def test_a_marked_byline_comes_before_an_author_link():
    body = '<a href="/author/tom-reed/">Tom Reed</a><span class="byline">By Ana Lima</span>'
    assert meta(page("<title>A page</title>", body)).authors == ("Ana Lima",)


@pytest.mark.parametrize(
    ("link", "authors"),
    [
        ('<a href="/authors/ana-lima">Ana Lima</a>', ("Ana Lima",)),  # slug spells the text
        ('<a href="/profile/analima?tab=2">Ana Lima</a>', ("Ana Lima",)),
        ('<a href="/people/ana-lima-42/">Ana Lima</a>', ("Ana Lima",)),  # slug, then an id
        ('<a href="/authors/">Our Writers</a>', ()),  # a folder, not a person's page
        ('<a href="/people/tom-reed">Ana Lima</a>', ()),  # slug and text disagree
        ('<a href="/topics/ana-lima">Ana Lima</a>', ()),  # not a people folder
        ('<nav><a href="/user/memberlist">Member List</a></nav>', ()),  # navigation
        ('<div class="navbar-menu"><a href="/user/memberlist">Member List</a></div>', ()),
    ],
)
def test_a_link_to_a_people_page_names_the_author_when_its_slug_spells_the_text(link, authors):
    assert meta(page("<title>A page</title>", link)).authors == authors


def test_a_link_to_a_people_page_on_another_site_names_a_source_not_the_writer():
    head = '<title>A page</title><link rel="canonical" href="https://news.example/a/1">'
    link = '<a href="https://history.example/people/ana-lima">Ana Lima</a>'
    assert meta(page(head, link)).authors == ()
    same = '<a href="https://www.news.example/people/ana-lima">Ana Lima</a>'
    assert meta(page(head, same)).authors == ("Ana Lima",)


@pytest.mark.parametrize(
    ("declared", "authors"),
    [
        ({"@type": "Person", "name": "alima"}, ("Ana Lima",)),  # an account: the byline wins
        ({"@type": "Person", "name": "Tom Reed"}, ("Tom Reed",)),  # a full name stands
        ({"@type": "Organization", "name": "Acme"}, ("Acme",)),  # an organisation stands
    ],
)
def test_a_one_word_declared_author_gives_way_to_the_byline_a_reader_sees(declared, authors):
    head = ld({**ARTICLE, "author": declared})
    body = '<span class="byline">By Ana Lima</span>'
    assert meta(page(head, body)).authors == authors


def test_a_byline_elements_job_title_is_cut_from_the_name():
    from cleannews.html import byline_authors

    assert byline_authors("By Ana Lima Former Transport Consultant") == ("Ana Lima",)
    assert byline_authors("Ana Lima and Tom Reed") == ("Ana Lima", "Tom Reed")


# --- postings: a forum's opening post, a question --------------------------------------

QUESTION = {
    "@type": "Question",
    "name": "How do I reset the router?",
    "datePublished": "2024-01-28T15:36:55Z",
    "author": {"@type": "Person", "name": "netuser42"},
    "acceptedAnswer": {"@type": "Answer", "author": {"@type": "Person", "name": "helper"}},
}


def test_the_question_of_a_qa_page_is_its_story():
    got = meta(page(ld({"@type": "QAPage", "mainEntity": QUESTION})))
    assert (got.title, got.authors, got.published) == (
        "How do I reset the router?",
        ("netuser42",),  # the one who asked, an account name with digits as it stands
        dt.datetime(2024, 1, 28, 15, 36, 55, tzinfo=dt.timezone.utc),
    )


def test_the_questions_of_a_faq_page_are_items_not_its_story():
    faq = {"@type": "FAQPage", "mainEntity": [QUESTION, {**QUESTION, "name": "Another?"}]}
    got = meta(page(ld(faq) + "<title>Router help</title>"))
    assert (got.title, got.authors) == ("Router help", ())


def test_a_forum_posts_declared_account_is_its_author_whatever_the_bylines_say():
    post = {
        "@type": "DiscussionForumPosting",
        "headline": "Budget for 2024?",
        "author": {"@type": "Person", "name": "pippin06"},
    }
    body = '<span class="byline">By Ana Lima</span>'
    assert meta(page(ld({"@type": "WebPage", "mainEntity": post}), body)).authors == ("pippin06",)


@pytest.mark.parametrize("account", ["mod@forum.example", "https://forum.example/u/1"])
def test_an_address_is_no_posters_name(account):
    post = {"@type": "DiscussionForumPosting", "headline": "A thread", "author": account}
    assert meta(page(ld(post))).authors == ()


def test_a_microdata_questions_own_author_and_date_not_a_comments_or_an_answers():
    person = (
        '<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<a href="/users/7">{0}</a><meta itemprop="name" content="{0}"></div>'
    )
    comment = (
        '<div itemscope itemtype="https://schema.org/Comment">'
        '<span itemprop="author">commenter1</span>'
        '<time itemprop="dateCreated" datetime="2017-04-13T10:00:00Z">edited</time></div>'
    )
    html = (
        '<html><head><title>Q</title></head><body><div itemscope itemtype="https://schema.org/'
        f'Question"><h1 itemprop="name">Q</h1>{comment}{person.format("asker_7")}'
        '<meta itemprop="dateCreated" content="2014-03-28 11:38:28Z"></div>'
        '<div itemscope itemtype="https://schema.org/Answer">'
        f"{person.format('answerer')}</div>{BODY}</body></html>"
    )
    got = meta(html)
    assert (got.authors, got.published) == (
        ("asker_7",),
        dt.datetime(2014, 3, 28, 11, 38, 28, tzinfo=dt.timezone.utc),
    )


def test_microdata_is_not_read_when_json_ld_declares_the_story():
    thread = (
        '<div itemscope itemtype="https://schema.org/DiscussionForumPosting">'
        '<span itemprop="author">poster9</span></div>'
    )
    assert meta(page(ld(ARTICLE), thread)).authors == ("Ana Lima",)


#: A page dated nowhere in its structured data, whose URL holds an older day.
_UNDATED_HEAD = (
    "<title>Harbour Ferry Timetable Changes</title>"
    '<link rel="canonical" href="https://news.example.org/2019/05/02/ferry-timetable">'
)


@pytest.mark.parametrize(
    ("above", "below", "expected"),
    [
        ("<div><div>Published</div><div>October 14, 2025</div></div>", "", dt.date(2025, 10, 14)),
        (
            "",
            "<p><span>By Ana Lima</span> <span>Last updated: Dec 2, 2025</span></p>",
            dt.date(2025, 12, 2),
        ),
        (
            "",
            '<p><time datetime="2025-03-04T01:30:00Z">March 3, 2025</time></p>',
            dt.date(2025, 3, 3),
        ),
        ("", '<p><time datetime="2024-04-24">3 min read</time></p>', dt.date(2024, 4, 24)),
    ],
)
def test_a_date_printed_beside_the_headline_dates_an_otherwise_undated_page(
    above: str, below: str, expected: dt.date
):
    html = page(_UNDATED_HEAD, f"{above}<h1>Harbour Ferry Timetable Changes</h1>{below}")
    assert meta(html).published == expected


def test_a_date_after_the_first_prose_is_not_the_headlines():
    late = "<p>Posted on August 9, 2021</p>"
    html = page(_UNDATED_HEAD, f"<h1>Harbour Ferry Timetable Changes</h1>{BODY}{late}")
    assert meta(html).published == dt.date(2019, 5, 2)  # htmldate's, from the URL


def test_structured_data_still_dates_a_page_that_shows_only_its_update():
    head = ld({**ARTICLE, "datePublished": "2024-02-27"}) + _UNDATED_HEAD
    shown = "<p>Updated: December 4, 2025</p>"
    html = page(head, f"<h1>Harbour Ferry Timetable Changes</h1>{shown}")
    assert meta(html).published == dt.date(2024, 2, 27)


@pytest.mark.parametrize(
    "own",
    [
        "<span>Dec 17, 2025</span><span>Ana Lima</span>",
        "<span>Harbour Life</span><span>by</span><span>Ana Lima</span><span>Dec 17, 2025</span>",
        "<span>Ana Lima</span><span>Coast Wire</span><span>Dec 17, 2025</span>",
    ],
)
def test_a_name_beside_a_date_in_its_own_element_is_not_glued_to_the_year(own: str):
    def card(day: str, names: str) -> str:
        return f'<div class="date-and-author"><span>{day}</span><span>{names}</span></div>'

    own = f'<div class="date-and-author">{own}</div>'
    related = "".join(card("Oct 30, 2025", "Alex Roe, Ben Cole and Ana Lima") for _ in range(2))
    html = page("<title>Harbour Ferry Timetable Changes</title>", own + BODY + related)
    assert meta(html).authors == ("Ana Lima",)


def test_a_forum_without_structured_data_names_its_first_posters_account():
    def post(user: str, text: str) -> str:
        return f'<div class="post"><a class="big-username" href="/u/{user}">{user}</a><p>{text}</p></div>'

    login = '<form><label class="username">Username</label><input name="user"></form>'
    thread = post("ferrywatcher7", "Does the early boat still run?") + post("kelp_rider", "Yes.")
    html = page("<title>Early ferry?</title>", f"<header>{login}</header>{thread}")
    assert meta(html).authors == ("ferrywatcher7",)


def test_a_user_name_element_does_not_overrule_a_byline():
    thread = '<p class="byline">By Ana Lima</p><a class="username" href="/u/kelp">kelp</a>'
    html = page("<title>Ferry news</title>", thread)
    assert meta(html).authors == ("Ana Lima",)
