"""Blocks of the main content that the extractor left out are put back on pages that are
not articles (`cleannews.html.restore_main_content`), and lines put back are no evidence
of the page's shape (`Doc.restored`).

Each case is a small page written for the test, with the extracted text given, so that
what is put back does not depend on the extractor's judgement.
"""

from __future__ import annotations

from lxml import html as lxml_html

from cleannews.config import CleanConfig
from cleannews.document import Doc, Fate
from cleannews.html import page_blocks, restore_main_content, restore_repeated_paragraphs
from cleannews.memo import document_memo
from cleannews.pipeline import default_pipeline

INTRO = (
    "Our standing desks are made in a small workshop by the river, from oak and steel, "
    "and each one is tested for a week before it leaves."
)
MORE = (
    "Every frame carries a ten-year guarantee, and the tops can be changed later without "
    "new tools, so a desk grows with the room it stands in."
)


def page(main: str, outside: str = "") -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<html><body>{outside}<main>{main}</main></body></html>")


def test_short_items_between_the_kept_paragraphs_go_back_in_page_order():
    tree = page(
        f"<p>{INTRO}</p><ul><li>Oak top, 140 cm</li><li>Steel frame</li></ul><p>{MORE}</p>",
        outside="<nav><ul><li>Home</li><li>Shop</li></ul></nav>",
    )
    text, restored = restore_main_content(tree, f"{INTRO}\n{MORE}", [])
    assert text.splitlines() == [INTRO, "Oak top, 140 cm", "Steel frame", MORE]
    assert restored == {1, 2}  # the navigation outside the main content stays out


def test_nothing_goes_back_from_the_page_furniture_inside_the_main_content():
    tree = page(f"<p>{INTRO}</p><aside>Sign up today</aside><form><label>Email</label></form>"
                f"<p>{MORE}</p>")  # fmt: skip
    assert restore_main_content(tree, f"{INTRO}\n{MORE}", []) == (f"{INTRO}\n{MORE}", set())


def test_known_texts_and_texts_the_extraction_holds_do_not_go_back():
    tree = page(f"<h2>Desks</h2><p>{INTRO}</p><p>A photo of the workshop</p><p>{MORE}</p>")
    text, restored = restore_main_content(tree, f"{INTRO}\n{MORE}", ["A photo of the workshop"])
    assert (text.splitlines(), restored) == (["Desks", INTRO, MORE], {0})


def test_a_short_tail_after_the_text_is_the_pages_tail():
    """After the extracted text, a little more in the same region is a share bar or
    teasers: left out (and logged by `unextracted_blocks`, as before)."""
    tree = page(f"<p>{INTRO}</p><p>{MORE}</p><div>Share this page</div>")
    assert restore_main_content(tree, f"{INTRO}\n{MORE}", []) == (f"{INTRO}\n{MORE}", set())


def test_a_tail_longer_than_the_text_means_the_extractor_stopped_short():
    items = [f"Desk model {n} in oak and steel, 120 to 180 cm wide" for n in range(8)]
    tree = page(f"<p>{INTRO}</p><p>{MORE}</p>" + "".join(f"<div>{item}</div>" for item in items))
    text, restored = restore_main_content(tree, f"{INTRO}\n{MORE}", [])
    assert text.splitlines() == [INTRO, MORE, *items]
    assert restored == set(range(2, 10))


def test_no_region_when_the_text_is_spread_over_the_whole_page():
    tree = lxml_html.fromstring(f"<html><body><p>{INTRO}</p><div>Menu</div></body></html>")
    assert restore_main_content(tree, INTRO, []) == (INTRO, set())


def _run(lines: list[str], restored: set[int]) -> Doc:
    doc = Doc.from_text("\n".join(lines), CleanConfig(), kind="html")
    doc.restored = restored
    with document_memo():
        for stage in default_pipeline().stages:
            stage.run(doc)
    return doc


def test_a_restored_comment_heading_does_not_end_the_article():
    """A heading put back from the markup is judged as a line (it goes), but it is no
    evidence that the article ends there: the text after it stays."""
    lines = [INTRO, MORE, "Comments", INTRO.replace("oak", "ash"), MORE.replace("ten", "five")]
    as_restored = _run(lines, {2})
    assert [ln.fate for ln in as_restored.lines] == [Fate.BODY] * 2 + [Fate.REMOVED] + [
        Fate.BODY
    ] * 2
    assert as_restored.lines[2].rule == "comments-heading"
    extracted = _run(lines, set())  # the same heading, chosen by the extractor, ends it
    assert [ln.fate for ln in extracted.lines][3:] == [Fate.REMOVED] * 2


# --- the body's twin containers (`body_twins`) -----------------------------------------

LATER = (
    "The workshop opened a second bench last spring, and the waiting time for a desk fell "
    "from nine weeks to five, the owners said on Monday."
)
LAST = (
    "Orders placed before the end of the month still ship with the old oak, which the "
    "workshop bought in one lot from a mill that has since closed."
)


def article_page(ad: str = '<div class="promo">Advertisement</div>') -> lxml_html.HtmlElement:
    """An article whose template cuts the body into two containers of one class."""
    return lxml_html.fromstring(
        "<html><body><article>"
        f'<div class="story-body"><p>{INTRO}</p><p>{MORE}</p></div>{ad}'
        f'<div class="story-body"><p>{LATER}</p><p>{LAST}</p></div>'
        '<div class="teasers"><p>Read our guide to chairs</p></div>'
        "</article></body></html>"
    )


def test_the_body_goes_on_in_a_second_container_of_the_same_class():
    """On an article, only the twin's blocks go back (the extractor judged the region
    itself), after the region's last line, and not as restored lines: they are the
    body's, so they may end it as any line of it does."""
    text, restored = restore_main_content(
        article_page(), f"{INTRO}\n{MORE}", [], whole_region=False
    )
    assert (text.splitlines(), restored) == ([INTRO, MORE, LATER, LAST], set())


def test_without_a_twin_an_articles_region_is_left_to_the_extractor():
    tree = article_page()
    for element in tree.iter("div"):
        if element.get("class") == "story-body" and LATER in element.text_content():
            element.set("class", "story-extra")
    assert restore_main_content(tree, f"{INTRO}\n{MORE}", [], whole_region=False) == (
        f"{INTRO}\n{MORE}",
        set(),
    )


def test_a_twin_without_prose_is_no_body():
    tree = lxml_html.fromstring(
        "<html><body><article>"
        f'<div class="story-body"><p>{INTRO}</p><p>{MORE}</p></div>'
        '<div class="story-body"><p>Share</p><p>Print</p></div>'
        "</article></body></html>"
    )
    assert restore_main_content(tree, f"{INTRO}\n{MORE}", [], whole_region=False) == (
        f"{INTRO}\n{MORE}",
        set(),
    )


def test_a_box_of_the_same_class_elsewhere_in_the_page_is_no_twin():
    """A theme's widget class on every box: the box of the latest posts stands at another
    depth, under other parents, and stays out."""
    tree = lxml_html.fromstring(
        "<html><body><main>"
        f'<section><div class="box"><p>{INTRO}</p><p>{MORE}</p></div></section>'
        f'<aside-list><ul><li><div class="box"><p>{LATER}</p><p>{LAST}</p></div></li></ul>'
        "</aside-list></main></body></html>"
    )
    assert restore_main_content(tree, f"{INTRO}\n{MORE}", [], whole_region=False) == (
        f"{INTRO}\n{MORE}",
        set(),
    )


def test_a_twin_past_other_content_is_no_twin():
    filler = " ".join([INTRO] * 3)
    tree = lxml_html.fromstring(
        "<html><body><article>"
        f'<div class="story-body"><p>{INTRO}</p><p>{MORE}</p></div>'
        f"<div>{filler}</div>"
        f'<div class="story-body"><p>{LATER}</p><p>{LAST}</p></div>'
        "</article></body></html>"
    )
    assert restore_main_content(tree, f"{INTRO}\n{MORE}", [], whole_region=False) == (
        f"{INTRO}\n{MORE}",
        set(),
    )


# --- paragraphs the page prints more than once (`restore_repeated_paragraphs`) ------------

WARNING = "Keep the clamps closed while the glue sets, and do not move the desk for a day."


def test_a_paragraph_printed_twice_in_one_container_is_given_twice():
    tree = page(f"<p>{INTRO}</p><p>{WARNING}</p><p>{WARNING}</p><p>{MORE}</p>")
    text = restore_repeated_paragraphs(f"{INTRO}\n{WARNING}\n{MORE}", page_blocks(tree))
    assert text.splitlines() == [INTRO, WARNING, WARNING, MORE]


def test_a_widget_between_the_copies_does_not_matter():
    """A share widget between the copies, dropped by the extractor: one container still
    holds the paragraph twice, and the reader sees it twice."""
    tree = page(f"<p>{WARNING}</p><div><h3>Share this</h3></div><p>{WARNING}</p><p>{MORE}</p>")
    text = restore_repeated_paragraphs(f"{WARNING}\n{MORE}", page_blocks(tree))
    assert text.splitlines() == [WARNING, WARNING, MORE]


def test_copies_the_text_holds_already_are_counted():
    tree = page(f"<p>{WARNING}</p><div><p>{INTRO}</p></div><p>{WARNING}</p>")
    text = f"{WARNING}\n{INTRO}\n{WARNING}"
    assert restore_repeated_paragraphs(text, page_blocks(tree)) == text


def test_copies_in_different_containers_or_short_lines_are_no_repeat():
    """Two containers holding one text are a block and its copy elsewhere (a teaser of
    the same paragraph); a short line ("Advertisement") is furniture, not prose."""
    tree = page(
        f"<div><p>{WARNING}</p></div><div><p>{WARNING}</p></div><p>Advertisement</p>"
        "<p>Advertisement</p>"
    )
    text = f"{WARNING}\nAdvertisement"
    assert restore_repeated_paragraphs(text, page_blocks(tree)) == text
