"""HTML pages: goldens field by field, then what the markup must decide explicitly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import trafilatura

import cleannews
from accounting import assert_accounted
from cleannews import Article
from golden import actual_record, check_field, check_same_fields, golden_params
from make_golden import HTML

HTML_PAGES = sorted(HTML.glob("*.html"))
IDS = [p.stem for p in HTML_PAGES]
FALLBACK_WARNING = "trafilatura found no main content; used the page's visible text"


def page(name: str) -> bytes:
    return (HTML / f"{name}.html").read_bytes()


def clean(name: str, **kwargs: object) -> Article:
    return cleannews.clean(page(name), **kwargs)  # type: ignore[arg-type]


def html_removals(article: Article) -> list[tuple[str, str]]:
    return [(r.rule, r.stage) for r in article.removed if r.stage == "html"]


def test_the_seven_fixtures_are_there_and_small():
    assert IDS == [
        "comments_section",
        "figure_captions",
        "json_ld_meta",
        "latin1_page",
        "no_main_content",
        "related_box",
        "two_articles",
    ]
    for path in HTML_PAGES:
        assert 400 <= len(path.read_bytes()) <= 4096, path.name


# -- goldens ----------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "path"), golden_params(HTML_PAGES))
def test_golden_field(page, path):
    check_field(page, path)


@pytest.mark.parametrize("path", HTML_PAGES, ids=IDS)
def test_golden_has_the_same_fields(path):
    check_same_fields(path)


@pytest.mark.parametrize("path", HTML_PAGES, ids=IDS)
def test_record_round_trips_through_from_dict(path: Path):
    data = actual_record(path)
    assert Article.from_dict(data).to_dict() == data


@pytest.mark.parametrize("path", HTML_PAGES, ids=IDS)
def test_cleaning_twice_gives_the_same_record(path: Path):
    first = cleannews.clean(path.read_bytes()).to_dict()
    for other in HTML_PAGES:  # what the process saw in between must not matter
        cleannews.clean(other.read_bytes())
    assert cleannews.clean(path.read_bytes()).to_dict() == first


@pytest.mark.parametrize("path", HTML_PAGES, ids=IDS)
def test_every_extracted_line_is_accounted_for(path: Path):
    assert_accounted(path.read_bytes())


@pytest.mark.parametrize("path", HTML_PAGES, ids=IDS)
def test_title_is_never_a_body_paragraph(path: Path):
    art = cleannews.clean(path.read_bytes())
    for story in (art, *art.others):
        if story.title is not None:
            assert story.title.casefold() not in {p.casefold() for p in story.paragraphs}


# -- captions ---------------------------------------------------------------------------


def test_figcaptions_and_caption_class_go_to_captions_not_body():
    art = clean("figure_captions")
    captions = (
        "The steel gates of the Millbrook barrier close during a test on Sunday. (AFP)",
        "Residents watch the opening ceremony from the sea wall on Quay Street.",
        "A map of the protected area was shown to residents at the town hall.",
    )
    assert art.captions == captions
    for caption in captions:
        assert caption not in art.body
    assert len(art.paragraphs) == 5
    assert art.paragraphs[0].startswith("The coastal town of Millbrook opened")
    assert art.paragraphs[-1].endswith("before the next election.")


def test_figure_page_metadata():
    art = clean("figure_captions")
    assert art.title == "Harbour town opens new flood barrier after decade of storms"
    assert art.authors == ("Laura Bennett",)
    assert art.published == dt.datetime(2023, 3, 14, 8, 30, tzinfo=dt.timezone.utc)
    assert art.site_name == "Example Times"
    assert art.url == "https://www.example.com/news/harbour-flood-barrier"
    assert art.language == "en"
    assert art.warnings == ()


# -- marked boilerplate -------------------------------------------------------------------


def test_comment_section_and_share_bar_are_removed_and_logged():
    art = clean("comments_section")
    assert html_removals(art) == [("html-share", "html"), ("html-comments", "html")]
    share, comments = (r for r in art.removed if r.stage == "html")
    assert share.text == "Share Tweet Email"
    assert (share.line, share.field) == (None, None)
    assert comments.text.startswith("3 Comments")
    for comment in (
        "Finally! I have been walking home from the depot for two years.",
        "Who is going to ride a bus at 2 a.m.? This is a waste of money.",
        "Great news for our neighbourhood, thank you Rosa.",
    ):
        assert comment in comments.text
        assert comment not in art.body
    for text in ("Share", "Tweet", "nightshift_nina", "TaxpayerTom", "westsider88", "Comments"):
        assert text not in art.body
    assert len(art.paragraphs) == 4
    assert art.paragraphs[-1].endswith("the council will be asked to review it.")


def test_related_stories_and_newsletter_box_are_removed_and_logged():
    """The page declares no article: the newsletter marker is trusted and its box goes
    first; the list of links in the related box goes as a link list; the "related" marker
    only tags the box, and the extraction's leaving out the rest of it (its heading) is
    logged under that marker."""
    art = clean("related_box")
    assert html_removals(art) == [
        ("html-newsletter", "html"), ("html-link-list", "html"), ("html-related", "html")
    ]  # fmt: skip
    newsletter, links, related = (r for r in art.removed if r.stage == "html")
    headlines = (
        "Astronomy club spots comet over the county",
        "Ashford museum reopens planetarium after repairs",
        "Street lights to be dimmed to cut light pollution",
        "Schools join national science week events",
    )
    for headline in headlines:
        assert headline in links.text
        assert headline not in art.body
    assert (related.text, related.marker) == ("Related stories", 'class="related-stories"')
    assert newsletter.text.startswith("Sign up for our newsletter")
    assert "newsletter" not in art.body
    assert "Related stories" not in art.body
    assert len(art.paragraphs) == 4


@pytest.mark.parametrize("name", ["figure_captions", "json_ld_meta", "latin1_page", "two_articles"])
def test_pages_without_marked_boilerplate_log_no_html_removal(name):
    """Byline elements the extractor dropped are logged (with field "authors"), and the
    paragraphs it left out (`html-not-extracted`), nothing else."""
    logged = ("html-byline", "html-not-extracted")
    removals = [r for r in clean(name).removed if r.stage == "html" and r.rule not in logged]
    assert removals == []
    dropped = [r.text for r in clean(name).removed if r.rule == "html-not-extracted"]
    assert dropped == (
        ["Copyright 2023 Example Times. All rights reserved."] if name == "figure_captions" else []
    )
    assert all(r.field == "authors" for r in clean(name).removed if r.rule == "html-byline")


# -- several stories ----------------------------------------------------------------------


def test_two_complete_articles_are_two_stories():
    art = clean("two_articles")
    assert art.title == "Rail strike called off after overnight talks"
    assert len(art.others) == 1
    other = art.others[0]
    assert other.title == "Orchard growers expect record apple harvest"
    assert len(art.paragraphs) == 4
    assert len(other.paragraphs) == 4
    assert art.paragraphs[0].startswith("A national rail strike planned for Thursday")
    assert other.paragraphs[0].startswith("Fruit growers in the southern valleys")
    assert "apple" not in art.body
    assert "strike" not in other.body
    assert art.published == dt.datetime(
        2023, 6, 8, 6, 45, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert other.published is None  # the page's date belongs to its main story
    assert other.site_name == "Example Tribune"
    assert other.others == ()


# -- metadata ----------------------------------------------------------------------------


def test_json_ld_gives_headline_authors_date_and_og_site_name_wins():
    art = clean("json_ld_meta")
    assert art.title == "Volunteers restore century-old lighthouse on Gull Point"
    assert art.authors == ("Hannah Ward", "Tomas Ruiz")
    assert art.published == dt.datetime(
        2021, 8, 27, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert art.site_name == "Example Coast Gazette"
    assert art.url is None
    assert len(art.paragraphs) == 4


def test_json_ld_publisher_is_the_site_name_without_og_site_name():
    html = page("json_ld_meta").replace(
        b'<meta property="og:site_name" content="Example Coast Gazette">\n', b""
    )
    assert b"og:site_name" not in html
    assert cleannews.clean(html).site_name == "Coast Gazette Media"


def test_on_page_headline_is_accounted_for_when_metadata_headline_differs():
    html = page("json_ld_meta").replace(
        b"<h1>Volunteers restore century-old lighthouse on Gull Point</h1>",
        b"<h1>Gull Point lighthouse shines again after three summers of volunteer work</h1>",
    )
    assert b"shines again" in html
    assert_accounted(html)


# -- url ---------------------------------------------------------------------------------


def test_url_argument_is_used_when_the_page_has_no_canonical():
    url = "https://tribune.example.com/2023/06/08/rail-strike"
    assert clean("two_articles").url is None
    art = clean("two_articles", url=url)
    assert art.url == url
    assert art.others[0].url == url


def test_canonical_link_wins_over_the_url_argument():
    art = clean("figure_captions", url="https://mirror.example.org/copy")
    assert art.url == "https://www.example.com/news/harbour-flood-barrier"


# -- kind ---------------------------------------------------------------------------------


def test_kind_text_forces_text_on_an_html_page():
    raw = page("related_box")
    assert cleannews.explain(raw).kind == "html"
    forced = cleannews.explain(raw, kind="text")
    assert forced.kind == "text"
    assert "<h1>Regional library lends out telescopes to stargazers</h1>" in (
        forced.article.paragraphs
    )
    assert cleannews.clean(raw, kind="html").to_dict() == cleannews.clean(raw).to_dict()


def test_kind_html_forces_html_on_text_with_a_few_tags():
    text = (
        "Council approves night buses for the west side\n\n"
        "The city council <b>voted</b> eight to three on Tuesday to fund a late-night bus "
        "service for the <i>west side</i>, where shift workers have complained for years. "
        "The first routes will start running in March."
    )
    auto = cleannews.explain(text)
    assert auto.kind == "text"
    assert "<b>voted</b>" in auto.article.body
    forced = cleannews.explain(text, kind="html")
    assert forced.kind == "html"
    assert forced.article.paragraphs == (
        "The city council voted eight to three on Tuesday to fund a late-night bus service "
        "for the west side, where shift workers have complained for years. The first routes "
        "will start running in March.",
    )


def test_kind_html_on_plain_text_keeps_the_text():
    seed = sorted((HTML.parent / "seeds").glob("003_*.txt"))[0].read_text("utf-8")
    art = cleannews.clean(seed, kind="html")
    assert "the HTML could not be parsed; no text found" not in art.warnings
    assert "Sources at Al-Ahram Centre for Political Studies have revealed" in art.body


def test_single_paragraph_fragment_keeps_its_paragraph():
    paragraph = (
        "The city council voted eight to three on Tuesday to fund a late-night bus service "
        "for the west side. The first routes will start running in March."
    )
    art = cleannews.clean(f"<p>{paragraph}</p>")
    assert art.paragraphs == (paragraph,)


# -- encodings ------------------------------------------------------------------------------


def test_cp1252_bytes_with_meta_charset_decode_correctly():
    raw = page("latin1_page")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is cp1252
    assert "fête".encode("cp1252") in raw
    art = cleannews.clean(raw)
    assert art.title == "Lyon : la fête des Lumières attire un public record"
    assert art.authors == ("Élodie Marchand",)
    assert art.site_name == "Le Journal d'Exemple"
    assert art.language == "fr"
    for text in ("« édition exceptionnelle »", "Lichtstraße", "Zürich", "façade", "Hélène Dupré"):
        assert text in art.body
    assert "\ufffd" not in art.body
    assert "Ã" not in art.body
    assert cleannews.clean(raw.decode("cp1252")).to_dict() == art.to_dict()


# -- fallback --------------------------------------------------------------------------------


def test_fixture_defeats_trafilatura():
    html = page("no_main_content").decode("utf-8")
    assert not trafilatura.extract(html)
    assert not trafilatura.extract(
        html, include_comments=False, include_tables=True, deduplicate=False, favor_recall=True
    )


def test_fallback_warns_and_keeps_the_table_text():
    art = clean("no_main_content")
    assert art.warnings == (FALLBACK_WARNING,)
    for row in ("Gold 1,942.10 +0.4%", "Bitcoin 26,410 +2.3%"):  # a table row stays one line
        assert row in art.paragraphs
    assert art.title == "Market data"
    assert art.site_name == "Example Business"


def test_fallback_keeps_text_outside_block_elements():
    art = clean("no_main_content")
    logged = " ".join(r.text for r in art.removed)
    spans = ("Prices delayed by 15 minutes", "Updated 16:30 GMT", "Source: Example Exchange data")
    for text in spans:
        assert text in art.body or text in logged


def test_byline_element_gives_the_authors_without_an_author_meta_tag():
    html = page("figure_captions").replace(b'<meta name="author" content="Laura Bennett">\n', b"")
    assert b'name="author"' not in html
    assert cleannews.clean(html).authors == ("Laura Bennett",)


# -- layout tables ------------------------------------------------------------------------

_PROSE = (
    "The council approved the new bus route on Tuesday after a long debate about the cost "
    "of running buses through the night in the northern districts of the city."
)


def _layout_table_page(cell: str) -> str:
    return (
        "<html><head><title>Night buses</title></head><body><table><tr>"
        f"<td>{cell}</td>"
        '<td><a href="/a">Weather</a><br><a href="/b">Sport</a><br><a href="/c">Traffic</a></td>'
        "</tr></table></body></html>"
    )


def test_layout_table_is_unwrapped_so_paragraphs_stay_lines():
    from cleannews.html import parse_html, unwrap_layout_tables

    paragraphs = "".join(f"<p>{_PROSE} Paragraph {n}.</p>" for n in range(4))
    tree = parse_html(_layout_table_page(f"<h1>Night buses approved</h1>{paragraphs}"))
    assert unwrap_layout_tables(tree) == 1
    assert not list(tree.iter("table", "tr", "td"))
    art = cleannews.clean(_layout_table_page(f"<h1>Night buses approved</h1>{paragraphs}"))
    assert [p for p in art.paragraphs if p.startswith("The council")] == [
        f"{_PROSE} Paragraph {n}." for n in range(4)
    ]


def test_data_table_is_not_unwrapped():
    from cleannews.html import parse_html, unwrap_layout_tables

    rows = "".join(f"<tr><td>Route {n}</td><td>{n * 7} min</td></tr>" for n in range(5))
    tree = parse_html(f"<html><body><p>{_PROSE}</p><table>{rows}</table></body></html>")
    assert unwrap_layout_tables(tree) == 0
    assert len(list(tree.iter("td"))) == 10


# -- teaser lists -------------------------------------------------------------------------


def test_list_of_story_cards_is_removed_and_logged():
    cards = "".join(
        f'<li><h3><a href="/story-{n}">Other headline number {n}</a></h3>'
        f"<h4>A short standfirst for story {n}</h4></li>"
        for n in range(3)
    )
    paragraphs = "".join(f"<p>{_PROSE} Paragraph {n}.</p>" for n in range(4))
    html = (
        "<html><head><title>Night buses</title></head><body><article><h1>Night buses</h1>"
        f"{paragraphs}</article><ul>{cards}</ul></body></html>"
    )
    art = cleannews.clean(html)
    logged = [r for r in art.removed if r.rule == "html-teaser-list"]
    assert len(logged) == 1
    assert "A short standfirst for story 1" in logged[0].text
    assert "standfirst" not in art.body
    assert len(art.paragraphs) == 4


def test_list_with_one_linked_heading_is_kept():
    from cleannews.html import parse_html, remove_teaser_lists

    items = '<li><h3><a href="/a">Step one</a></h3></li><li>Step two</li><li>Step three</li>'
    tree = parse_html(f"<html><body><p>{_PROSE}</p><ul>{items}</ul></body></html>")
    assert remove_teaser_lists(tree) == []


def test_footer_marked_element_is_removed_and_logged():
    paragraphs = "".join(f"<p>{_PROSE} Paragraph {n}.</p>" for n in range(4))
    footer = '<div class="rodape"><div>Example City - Main Street 1 - Phone 555-0100</div></div>'
    html = (
        "<html><head><title>Night buses</title></head><body><div><h1>Night buses</h1>"
        f"{paragraphs}</div>{footer}</body></html>"
    )
    art = cleannews.clean(html)
    assert [r.text for r in art.removed if r.rule == "html-footer"] == [
        "Example City - Main Street 1 - Phone 555-0100"
    ]
    assert "Main Street" not in art.body


def test_hover_card_inside_a_paragraph_is_removed_but_the_name_stays():
    card = (
        '<span class="rollover-people"><a href="/people/jane-doe">Jane Doe</a>'
        '<span class="rollover-block"><img src="/jd.jpg"><a href="/people/jane-doe">Jane Doe</a>'
        '<a href="/s/1">Latest headline about the senator</a> <a href="/s/2">Another one</a>'
        "</span></span>"
    )
    paragraphs = "".join(f"<p>{_PROSE} Paragraph {n}.</p>" for n in range(3))
    html = (
        "<html><head><title>Night buses</title></head><body><div><h1>Night buses</h1>"
        f"<p>The plan was backed by Sen. {card} (D-Example), who spoke first.</p>"
        f"{paragraphs}</div></body></html>"
    )
    art = cleannews.clean(html)
    assert "The plan was backed by Sen. Jane Doe (D-Example), who spoke first." in art.paragraphs
    assert "Latest headline" not in art.body
    assert [r.rule for r in art.removed if r.stage == "html"] == ["html-popup"]


def test_question_headline_repeating_the_page_title_is_the_title():
    headline = "Will the new night buses ever pay for themselves in the city?"
    paragraphs = "".join(f"<p>{_PROSE} Paragraph {n}.</p>" for n in range(3))
    html = (
        f"<html><head><title>{headline}</title></head><body>"
        f"<div><h2>{headline}</h2>{paragraphs}</div></body></html>"
    )
    art = cleannews.clean(html)
    assert art.title == headline
    assert headline not in art.paragraphs
