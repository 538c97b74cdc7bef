"""HTML markers take text only on evidence: whole class tokens, the page's visible text,
what the page declares itself to be, and a second extraction where the first finds little.

Each case is a small page written for the test; the behaviour it pins was measured on the
dev corpora (`benchmarks/rule_audit.py`, `benchmarks/scoreboard.py`).
"""

from __future__ import annotations

import json

import pytest
from lxml import etree

import cleannews
from cleannews import html as H
from cleannews.pagekind import UNDECLARED, PageKind, page_kind

#: A page declared a news article: every marker and structural pass applies.
ARTICLE = PageKind(frozenset({"NewsArticle"}))

PROSE = (
    "The river authority opened the new flood gates on Monday after three years of work, "
    "and engineers said the town centre would now be safe from a once-a-century flood."
)


def tree_of(body: str, head: str = "") -> etree._Element:
    tree = H.parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return tree


def div(cls: str, text: str) -> str:
    return f'<div class="{cls}"><p>{text}</p></div>'


# -- class/id tokens ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("max-w_wide @/wideWithPad:mx_auto", {"max", "w", "wide", "with", "pad", "mx", "auto"}),
        ("AdSlot", {"ad", "slot", "adslot"}),
        ("shareBar", {"share", "bar", "sharebar"}),
        ("comment-list", {"comment", "list", "comment-list"}),
    ],
)
def test_class_values_split_into_whole_words_capitals_included(value, expected):
    words = H._value_tokens(value)
    assert expected <= words
    assert ("ad" in words) == (value == "AdSlot")


def test_a_utility_class_with_pad_in_it_is_not_an_advert():
    tree = tree_of(div("mx_5 @/wideWithPad:mx_auto", PROSE) + div("promo", "Buy one get one"))
    removals = H.remove_marked_elements(tree, ARTICLE)
    assert removals == [H.HtmlRemoval("Buy one get one", "html-ad")]
    assert PROSE in H._text(tree)


# -- visible text ------------------------------------------------------------------------


def test_visible_length_leaves_out_scripts_styles_and_the_head():
    script = "<script>var x = '" + "z" * 5000 + "';</script>"
    tree = tree_of(
        f"<p>abcde</p>{script}<style>p {{color: red}}</style>", f"<title>T</title>{script}"
    )
    assert H.visible_length(tree) == 5


def test_visible_length_is_at_least_one():
    assert H.visible_length(tree_of("<script>x()</script>")) == 1


def test_a_marked_container_holding_most_of_the_visible_text_stays():
    """Scripts used to count as page text, so the post's own container (marked 'share')
    looked small and went."""
    script = "<script>var data = '" + "q" * 20000 + "';</script>"
    body = div("share-container", " ".join([PROSE] * 4)) + div("sharebar", "Share Post") + script
    tree = tree_of(body)
    assert H.remove_marked_elements(tree, ARTICLE) == [H.HtmlRemoval("Share Post", "html-share")]


# -- what the page declares --------------------------------------------------------------


def ld(kind: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": kind})}</script>'


OG_ARTICLE = '<meta property="og:type" content="article">'


@pytest.mark.parametrize(
    ("head", "body", "types", "discussion", "article"),
    [
        (ld("NewsArticle"), "", {"NewsArticle"}, False, True),
        ('<meta property="og:type" content="Article">', "", {"og:article"}, False, True),
        (ld("DiscussionForumPosting"), "", {"DiscussionForumPosting"}, True, False),
        (
            ld("BlogPosting"),
            '<div itemscope itemtype="https://schema.org/QAPage"></div>',
            {"BlogPosting", "QAPage"},
            True,
            False,
        ),
        ("", "", set(), False, False),
        ('<script type="application/ld+json">{not json', "", set(), False, False),
        # a declared collection outweighs og:type=article, which many sites put on every page
        (OG_ARTICLE + ld("CollectionPage"), "", {"og:article", "CollectionPage"}, False, False),
        (
            OG_ARTICLE + ld("SearchResultsPage"),
            "",
            {"og:article", "SearchResultsPage"},
            False,
            False,
        ),
        # ... but not a declared article type
        (ld("CollectionPage") + ld("Article"), "", {"CollectionPage", "Article"}, False, True),
    ],
)
def test_page_kind_reads_json_ld_microdata_and_og_type(head, body, types, discussion, article):
    kind = page_kind(tree_of(body, head))
    assert kind.types == frozenset(types)
    assert (kind.is_discussion, kind.is_article) == (discussion, article)


def thread(head: str) -> etree._Element:
    posts = "".join(div("comment", f"{PROSE} Reply number {i}.") for i in range(4))
    return tree_of(div("topic", PROSE) + posts, head)


def test_on_a_declared_discussion_the_comment_marked_posts_stay():
    tree = thread(ld("DiscussionForumPosting"))
    assert H.remove_marked_elements(tree, page_kind(tree)) == []
    assert "Reply number 3." in H._text(tree)


def test_on_a_declared_article_the_comments_go_however_long():
    tree = thread(ld("NewsArticle"))
    removals = H.remove_marked_elements(tree, page_kind(tree))
    assert [r.rule for r in removals] == ["html-comments"] * 4
    assert "Reply number" not in H._text(tree)


def test_on_an_undeclared_page_comments_holding_most_of_it_are_its_content():
    tree = thread("")
    assert page_kind(tree) == UNDECLARED
    assert H.remove_marked_elements(tree, UNDECLARED) == []


def test_on_a_declared_article_a_small_comment_section_goes():
    tree = tree_of(div("story", " ".join([PROSE] * 6)) + div("comments", "First! Nice one."))
    removals = H.remove_marked_elements(tree, ARTICLE)
    assert removals == [H.HtmlRemoval("First! Nice one.", "html-comments")]


def test_on_an_undeclared_page_the_weak_markers_only_tag():
    """Ad, comment, related and share markers take real text on pages that are not
    declared articles: there they are tagged, and the extraction decides."""
    boxes = div("comments", "First! Nice one.") + div("ad-slot", "Buy one get one")
    tree = tree_of(div("story", " ".join([PROSE] * 6)) + boxes + div("footer", "Imprint"))
    assert H.remove_marked_elements(tree, UNDECLARED) == [H.HtmlRemoval("Imprint", "html-footer")]
    tagged = H.tag_marked_elements(tree, UNDECLARED)
    assert [(r.text, r.rule, r.marker) for r in tagged] == [
        ("First! Nice one.", "html-comments", 'class="comments"'),
        ("Buy one get one", "html-ad", 'class="ad-slot"'),
    ]
    assert "Buy one get one" in H._text(tree)
    assert H.tag_marked_elements(tree, ARTICLE) == []


def test_a_tagged_element_the_extraction_left_out_is_logged_under_its_marker():
    tree = tree_of(div("story", PROSE) + div("related", "Other news") + div("share", "Share"))
    tagged = H.tag_marked_elements(tree, UNDECLARED)
    dropped = H.dropped_by_extraction(tree, tagged, f"{PROSE}\nShare")
    assert [(r.text, r.rule, r.element) for r in dropped] == [
        ("Other news", "html-related", "/html/body/div[2]")
    ]
    assert all(r.node is None for r in dropped)  # the record keeps no tree


def test_a_marked_iframe_goes_before_extraction_on_any_page():
    """An `<iframe>` is a marked container but no text block: its content (which no
    browser shows) runs on in the block around it. Tagged, it was logged twice when that
    block was logged whole, or not at all when it was not (found by the fuzz): it is
    taken out before extraction, as on a declared article."""
    around = (
        f"<div><p>{PROSE}</p>Words before it. <iframe class='share'>Share now</iframe> after.</div>"
    )
    tree = tree_of(around)
    removals = H.remove_marked_elements(tree, UNDECLARED)
    assert [(r.text, r.rule) for r in removals] == [("Share now", "html-share")]
    assert H.tag_marked_elements(tree, UNDECLARED) == []
    article = cleannews.clean(f"<html><body>{around}</body></html>")
    texts = [r.text for r in article.removed]
    assert sum("Share now" in t for t in (*texts, *article.paragraphs)) == 1


def test_a_tagged_element_a_later_pass_took_out_is_not_logged_twice():
    links = "".join(f'<li><a href="/s/{i}">Story number {i} here</a></li>' for i in range(4))
    tree = tree_of(f"<p>{PROSE}</p>" + div("related", f"<h3>More</h3><ul>{links}</ul>"))
    tagged = H.tag_marked_elements(tree, UNDECLARED)
    taken = H.remove_link_lists(tree)
    dropped = H.dropped_by_extraction(tree, tagged, PROSE)
    assert [r.rule for r in taken] == ["html-link-list"]
    assert [(r.text, r.rule) for r in dropped] == [("More", "html-related")]


def test_on_an_undeclared_page_what_the_extraction_drops_is_logged_with_its_marker():
    paragraphs = [f"{PROSE} Part {word} of the report follows here." for word in ("one", "two")]
    page = (
        "<html><body><main>" + "".join(f"<p>{p}</p>" for p in paragraphs)
        + div("comments", "<p>First! What a fine piece of local reporting this was.</p>")
        + div("related", '<a href="/x">Other news of the week</a>')
        + "</main></body></html>"
    )  # fmt: skip
    article = cleannews.clean(page)
    assert article.paragraphs == tuple(paragraphs)
    assert [(r.rule, r.text, r.element, r.marker) for r in article.removed] == [
        ("html-comments", "First! What a fine piece of local reporting this was.",
         "/html/body/main/div[1]", 'class="comments"'),
        ("html-related", "Other news of the week", "/html/body/main/div[2]", 'class="related"'),
    ]  # fmt: skip


def cards(n: int) -> str:
    items = "".join(
        f'<li><h3><a href="/s{i}">Story number {i} about the harbour</a></h3>'
        f"<p>A short summary of story {i}.</p></li>"
        for i in range(n)
    )
    return f"<ul>{items}</ul>"


def test_a_listing_page_keeps_its_story_cards():
    tree = tree_of("<h1>Latest</h1>" + cards(6))
    assert H.remove_teaser_lists(tree, kind=page_kind(tree)) == []
    assert "Story number 5" in H._text(tree)


def test_a_declared_collection_keeps_its_story_cards_despite_og_type_article():
    tree = tree_of("<h1>Latest</h1>" + cards(6), OG_ARTICLE + ld("CollectionPage"))
    assert H.remove_teaser_lists(tree, kind=page_kind(tree)) == []
    assert "Story number 5" in H._text(tree)


def test_a_declared_article_loses_its_story_cards_however_many():
    tree = tree_of("<h1>Latest</h1>" + cards(6), ld("Article"))
    removals = H.remove_teaser_lists(tree, kind=page_kind(tree))
    assert [r.rule for r in removals] == ["html-teaser-list"]


def test_cards_that_are_most_of_an_og_only_article_page_stay():
    """`og:type=article` alone does not override the heavy check: many themes set it on
    their listings too. A schema.org article type does (the test above)."""
    tree = tree_of("<h1>Latest</h1>" + cards(6), OG_ARTICLE + ld("WebPage"))
    assert page_kind(tree).is_article and not page_kind(tree).is_typed_article
    assert H.remove_teaser_lists(tree, kind=page_kind(tree)) == []
    assert "Story number 5" in H._text(tree)


def test_an_article_with_a_few_cards_below_it_loses_them_undeclared_too():
    tree = tree_of(f"<p>{PROSE}</p>" * 8 + cards(3))
    removals = H.remove_teaser_lists(tree, kind=UNDECLARED)
    assert [r.rule for r in removals] == ["html-teaser-list"]


def test_kind_reaches_the_pipeline():
    """End to end: the same thread, declared a discussion, keeps its posts in the body."""
    posts = "".join(f'<div class="comment"><p>{PROSE} Reply {i}.</p></div>' for i in range(4))
    page = f"<html><head>{ld('DiscussionForumPosting')}</head><body>{posts}</body></html>"
    assert "Reply 3." in cleannews.clean(page).body


# -- second opinion ----------------------------------------------------------------------


@pytest.fixture
def extractions(monkeypatch):
    """Replace trafilatura with canned answers per mode; records the modes asked."""
    asked: list[bool] = []
    answers = {True: "r" * 100, False: "d" * 300}

    def fake(tree, *, comments, favor_recall):
        asked.append(favor_recall)
        return answers[favor_recall]

    monkeypatch.setattr(H, "_trafilatura", fake)
    return asked, answers


def test_a_recall_extraction_holding_enough_of_the_page_is_taken_alone(extractions):
    asked, answers = extractions
    assert H.extract_text(tree_of(""), 10.0, visible=400) == answers[True]
    assert asked == [True]


def test_a_short_recall_extraction_gets_the_default_one_when_that_is_twice_as_long(extractions):
    asked, answers = extractions
    assert H.extract_text(tree_of(""), 10.0, visible=401) == answers[False]
    assert asked == [True, False]


def test_the_default_extraction_must_be_twice_as_long_to_win(extractions):
    asked, answers = extractions
    answers[False] = "d" * 199
    assert H.extract_text(tree_of(""), 10.0, visible=10_000) == answers[True]
    assert asked == [True, False]


def test_no_recall_text_and_no_default_text_is_none(extractions):
    _asked, answers = extractions
    answers[True] = None
    answers[False] = None
    assert H.extract_text(tree_of(""), 10.0, visible=50) is None


def test_page_kind_of_undeclared_is_empty():
    assert PageKind(frozenset()) == UNDECLARED


# -- discussions, cards, repeated paragraphs -----------------------------------------------


def test_a_discussions_article_elements_are_posts_of_one_page_not_stories():
    posts = "".join(
        f"<article><p>{PROSE} Post {i} says so.</p><p>{PROSE}</p><p>{PROSE}</p></article>"
        for i in range(3)
    )
    page = f"<html><head>{ld('DiscussionForumPosting')}</head><body>{posts}</body></html>"
    article = cleannews.clean(page)
    assert article.others == ()
    assert all(f"Post {i} says so." in article.body for i in range(3))


def _articles(heads: list[str]) -> str:
    """`<article>`s of three prose paragraphs, each under the heading markup given."""
    return "".join(
        f"<article>{head}<p>{PROSE} Post {i} says so.</p><p>{PROSE}</p><p>{PROSE}</p></article>"
        for i, head in enumerate(heads)
    )


def test_articles_each_under_a_headline_of_its_own_are_stories():
    heads = [f"<h2>Story number {i} of the page</h2>" for i in range(3)]
    article = cleannews.clean(f"<html><body>{_articles(heads)}</body></html>")
    assert len(article.others) == 2
    assert [o.title for o in article.others] == [
        "Story number 1 of the page",
        "Story number 2 of the page",
    ]


@pytest.mark.parametrize("head", ["", "<h3>member0 wrote</h3>"])
def test_articles_without_headlines_are_the_posts_of_one_page(head: str):
    """Undeclared posts or items: one story, each `<article>` extracted and kept."""
    article = cleannews.clean(f"<html><body>{_articles([head] * 3)}</body></html>")
    assert article.others == ()
    assert all(f"Post {i} says so." in article.body for i in range(3))


def test_a_headed_article_and_a_reply_without_one_are_not_two_stories():
    heads = ["<h1>The story of the page</h1>", "<h4>A reader replied</h4>"]
    article = cleannews.clean(f"<html><body>{_articles(heads)}</body></html>")
    assert article.others == ()
    assert "Post 0 says so." in article.body


def test_an_item_with_a_long_text_under_its_linked_heading_is_a_post_not_a_card():
    long_post = " ".join([PROSE] * 3)  # over 60 words outside the links
    items = "".join(
        f'<li><h4><a href="/members/{i}">member{i}</a></h4><p>{long_post}</p></li>'
        for i in range(3)
    )
    tree = tree_of(f"<p>{PROSE}</p>" * 20 + f"<ol>{items}</ol>")
    assert H.remove_teaser_lists(tree, kind=UNDECLARED) == []


def test_a_repeated_paragraph_in_html_stays_as_published():
    """The fact-box check runs on text input only: in HTML the boxes are elements the
    extractor judges, and repeats it keeps (pull quotes, a docs page's notes) are in the
    gold of every dev corpus."""
    first = "The bridge will close for repairs on Monday. Buses will run every ten minutes."
    second = "The council approved the plan last week. Work should take about three months."
    third = "Shops near the bridge will stay open. Parking on the quay is free until June."
    box = "Buses will run every ten minutes. Work should take about three months."
    body = f"<p>{first}</p><p>{second}</p><p>{third}</p><blockquote><p>{box}</p></blockquote>"
    html = cleannews.clean(f"<html><body><article>{body}</article></body></html>")
    assert box in html.paragraphs
    text = cleannews.clean("\n\n".join([first, second, third, box]))
    assert box not in text.paragraphs
    assert [r.rule for r in text.removed] == ["fact-box-duplicate"]


def test_a_heading_that_links_to_itself_is_the_articles_own_heading():
    heading = '<h2 id="costs"><a href="#costs">What the works will cost</a></h2>'
    away = '<h3><a href="https://example.org/other">Another story entirely</a></h3>'
    tree = tree_of(f"<p>{PROSE}</p>{heading}<p>{PROSE}</p>{away}")
    removals = H.remove_link_lines(tree, kind=ARTICLE)
    assert removals == [H.HtmlRemoval("Another story entirely", "html-link-line")]
    assert "What the works will cost" in H._text(tree)


def test_a_table_of_contents_of_in_page_anchors_is_not_a_link_list():
    toc = "".join(f'<li><a href="#part{i}">Part {i} of the guide</a></li>' for i in range(4))
    links = "".join(f'<li><a href="/tag/{i}">Tag number {i}</a></li>' for i in range(4))
    tree = tree_of(f"<p>{PROSE}</p><ul>{toc}</ul><ul>{links}</ul>")
    removals = H.remove_link_lists(tree)
    assert [r.text for r in removals] == ["Tag number 0 Tag number 1 Tag number 2 Tag number 3"]


def test_a_linked_subheading_over_a_paragraph_of_prose_heads_a_section():
    entry = '<h3><a href="https://example.org/course">Drawing for Beginners</a></h3>'
    teaser = '<h3><a href="https://example.org/next">Another story entirely</a></h3>'
    blurb = "<p>A short line about it.</p>"
    tree = tree_of(f"{entry}<p>{PROSE} {PROSE}</p>{teaser}{blurb}")
    assert [r.text for r in H.remove_link_lines(tree, kind=ARTICLE)] == ["Another story entirely"]
    assert "Drawing for Beginners" in H._text(tree)


def test_on_an_undeclared_page_link_lines_are_left_to_the_extractor():
    """A listing's entries are lines that are only a link: not taken out on a page that
    does not declare itself an article."""
    away = '<h3><a href="https://example.org/other">Another story entirely</a></h3>'
    tree = tree_of(f"<p>{PROSE}</p>{away}")
    assert H.remove_link_lines(tree, kind=UNDECLARED) == []
    assert H.remove_link_lines(tree) == []  # undeclared is the default


@pytest.mark.parametrize(
    ("types", "taken"),
    [
        ({"og:article"}, []),  # og:type alone: set on every page by many themes
        ({"og:article", "WebPage"}, []),  # ... and the structured data says a web page
        ({"og:article", "BlogPosting"}, ["Another story entirely"]),  # a schema.org article
    ],
)
def test_link_lines_go_only_where_a_schema_org_type_declares_an_article(types, taken):
    away = '<h3><a href="https://example.org/other">Another story entirely</a></h3>'
    tree = tree_of(f"<p>{PROSE}</p>{away}")
    kind = PageKind(frozenset(types))
    assert kind.is_article
    assert [r.text for r in H.remove_link_lines(tree, kind=kind)] == taken


def test_a_discussion_always_gets_the_second_opinion(extractions):
    asked, answers = extractions
    assert H.extract_text(tree_of(""), 10.0, comments=True, visible=1) == answers[False]
    assert asked == [True, False]


def thread_page(kind: str) -> str:
    opening = f"<p>{PROSE}</p><p>{PROSE} The plan was first put forward in spring.</p>"
    replies = "".join(
        f"<p>I live by the river and I think reply {i} is right.</p>" for i in range(3)
    )
    body = f"<div>{opening}<p>3 Comments</p>{replies}</div>"
    return f"<html><head>{ld(kind)}</head><body>{body}</body></html>"


def test_a_discussions_replies_after_a_comment_count_stay():
    article = cleannews.clean(thread_page("DiscussionForumPosting"))
    assert "reply 2 is right." in article.body
    assert "after-article-end" not in {r.rule for r in article.removed}


def test_an_articles_replies_after_a_comment_count_go():
    article = cleannews.clean(thread_page("NewsArticle"))
    assert "reply 2 is right." not in article.body
    assert {r.rule for r in article.removed if "reply" in r.text} == {"after-article-end"}


# -- a thread known by its shape ---------------------------------------------------------

OG_ARTICLE = '<meta property="og:type" content="article">'


def _thread_shaped(tree, kind):
    total = H.visible_length(tree)
    return H.thread_shaped(kind, H.plan_all_marked(tree, total), total)


def link_thread(head: str, topic: str = '<p><a href="https://example.org/x">A link</a></p>'):
    posts = "".join(div("comment", f"{PROSE} Reply number {i}.") for i in range(4))
    return tree_of(f'<div class="topic">{topic}</div>' + posts, head)


def test_an_article_that_is_only_a_link_over_its_comments_is_a_thread():
    tree = link_thread(OG_ARTICLE)
    kind = _thread_shaped(tree, page_kind(tree))
    assert kind.is_discussion and not kind.is_article
    assert H.remove_marked_elements(tree, kind) == []


def test_an_article_with_its_own_text_over_its_comments_stays_an_article():
    tree = link_thread(OG_ARTICLE, topic=f"<p>{PROSE}</p><p>{PROSE}</p>")
    kind = _thread_shaped(tree, page_kind(tree))
    assert kind == page_kind(tree) and kind.is_article


def test_an_undeclared_page_of_comments_is_a_thread_and_a_small_section_is_not():
    tree = thread("")
    assert _thread_shaped(tree, UNDECLARED).is_discussion
    small = tree_of(div("story", " ".join([PROSE] * 6)) + div("comments", "First! Nice one."))
    assert _thread_shaped(small, UNDECLARED) == UNDECLARED


def test_a_link_threads_replies_reach_the_body():
    posts = "".join(
        f'<div class="comment"><p>{PROSE} Reply number {i} adds its own view.</p></div>'
        for i in range(4)
    )
    html = (
        f"<html><head>{OG_ARTICLE}<title>A link</title></head><body>"
        f'<div class="topic"><a href="https://example.org/x">A link</a></div>{posts}'
        "</body></html>"
    )
    article = cleannews.clean(html)
    assert "Reply number 3 adds its own view." in article.body
    assert not [r for r in article.removed if "Reply number" in r.text]


# --- a block written once per screen size -----------------------------------------------

DESCRIPTION = f"<p>{PROSE}</p>"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("description hidden-md-down", "description hidden-md-up"),  # a CSS framework's helper
        ("variant hidden-x4k2p", "variant hidden-q7m1z"),  # a site builder's breakpoint code
    ],
)
def test_the_later_copy_for_another_screen_size_goes_and_is_logged(first: str, second: str):
    tree = tree_of(
        f'<div class="{first}">{DESCRIPTION}</div><div class="{second}">{DESCRIPTION}</div>'
    )
    assert H.remove_screen_copies(tree) == [
        H.HtmlRemoval(PROSE, "html-screen-copy", "/html/body/div[2]", f'class="{second}"')
    ]
    assert H._text(tree) == PROSE  # once


@pytest.mark.parametrize(
    "body",
    [
        # the same text, but nothing says it is for another screen: not this rule's call
        f"<div>{DESCRIPTION}</div><div>{DESCRIPTION}</div>",
        # a copy inside the other (a marked wrapper around a marked block) is one block
        f'<div class="lg:hidden"><div class="d-none d-md-block">{DESCRIPTION}</div></div>',
        # different texts
        f'<div class="hidden-xs">{DESCRIPTION}</div><div class="visible-xs"><p>Other.</p></div>',
        # too short to be a copy of the content rather than a label
        '<div class="mobile-only">Menu and search</div><div class="desktop-only">Menu and search</div>',
    ],
)
def test_no_copy_goes_unless_a_screen_marked_block_repeats_an_earlier_one_outside_it(body):
    tree = tree_of(body)
    before = H._text(tree)
    assert H.remove_screen_copies(tree) == []
    assert H._text(tree) == before


def test_a_screen_copy_leaves_the_article_its_text_once():
    page = (
        "<html><body><article><h1>Flood gates open</h1>"
        f'<div class="hidden-md-down">{DESCRIPTION}<p>{PROSE} Again.</p></div>'
        f'<div class="hidden-md-up">{DESCRIPTION}<p>{PROSE} Again.</p></div>'
        "</article></body></html>"
    )
    article = cleannews.clean(page)
    assert article.body.count("engineers said") == 2  # the two paragraphs, not four
    assert [r.rule for r in article.removed if r.stage == "html"] == ["html-screen-copy"]


def _two_posts(head: str) -> str:
    post = "<article><h2>{}</h2>" + f"<p>{PROSE}</p>" * 3 + "</article>"
    first, second = post.format("Harbour works begin"), post.format("Ferry times change")
    return f"<html><head>{head}</head><body>{first}{second}</body></html>"


@pytest.mark.parametrize(
    ("head", "stories"),
    [
        ("", 2),  # undeclared: two headed, complete <article>s are two stories
        (OG_ARTICLE, 2),
        ('<meta property="og:type" content="website">', 1),  # the site's own page: a listing
        (ld("CollectionPage"), 1),
        ('<meta property="og:type" content="website">' + ld("NewsArticle"), 2),
    ],
)
def test_the_articles_of_a_page_declared_the_sites_own_are_its_items(head, stories):
    """A blog's index writes each post in an `<article>` with its `<h2>`: on a page that
    declares itself a website or a collection (and no article type) they are one page."""
    kind = page_kind(tree_of("", head))
    assert kind.is_site_page == (stories == 1)
    record = cleannews.clean(_two_posts(head))
    assert 1 + len(record.others) == stories
    assert ("Ferry times change" in record.body) == (stories == 1)
