"""Hypothesis strategies for page-like texts and HTML trees (shared by the property tests
and `benchmarks/fuzz.py`)."""

from __future__ import annotations

import html

from hypothesis import strategies as st

WORDS = [
    "the", "council", "budget", "minister", "said", "on", "Tuesday", "city", "police",
    "officials", "government", "people", "report", "year", "after", "new", "would", "could",
    "more", "than", "about", "over", "election", "plan", "vote", "court", "market", "prices",
    "rose", "fell", "water", "school", "health", "state", "week", "talks", "president",
    "company",
]  # fmt: skip
NAMES = ["Jane Doe", "John Smith", "Amira Haddad", "Li Wei", "Carlos Pérez", "Olga Ivanova"]
PLACES = ["CAIRO", "LONDON", "WASHINGTON", "TOKYO", "PARIS", "LAGOS"]
BOILERPLATE = [
    "Advertisement", "Share this article", "Read more:", "Comments", "Sign up for our newsletter",
    "Follow us on Twitter", "Updated 2 hours ago", "Photo: Jane Doe/AFP", "Image 1 of 8",
    "Related stories", "Click here to subscribe", "Skip to content", "Share on Facebook",
]  # fmt: skip


def _sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


sentences = st.lists(st.sampled_from(WORDS), min_size=6, max_size=25).map(_sentence)
prose = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
headlines = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10).map(
    lambda ws: " ".join(w.capitalize() for w in ws)
)
bylines = st.sampled_from(NAMES).map(lambda n: f"By {n}")
datelines = st.tuples(st.sampled_from(PLACES), prose).map(lambda t: f"{t[0]} - {t[1]}")
captions = st.tuples(headlines, st.sampled_from(NAMES)).map(lambda t: f"{t[0]} (Photo: {t[1]}/AFP)")
dates = st.sampled_from(["12 March 2021", "Published: 4 May 2020", "2021-03-12", "Mar 3, 2024"])
bullets = st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(
    lambda ws: "• " + " ".join(ws)
)
noise = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60
)  # random unicode: any script, symbols, controls, marks


@st.composite
def pages(draw: st.DrawFn, *, random_lines: bool = True) -> str:
    """A news-page-like text: a header block, paragraphs with inserted furniture, a footer."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["World News", "Politics", "The Daily Planet"])))
    lines.append(draw(headlines))
    if draw(st.booleans()):
        lines.append(draw(sentences))
    lines.extend(draw(st.lists(st.one_of(bylines, dates, captions), max_size=3)))
    body = [draw(datelines), *draw(st.lists(prose, min_size=1, max_size=8))]
    extra = st.one_of(
        st.sampled_from(BOILERPLATE), headlines, bullets, captions, bylines,
        *([noise] if random_lines else []),
    )  # fmt: skip
    for paragraph in body:
        lines.append(paragraph)
        lines.extend(draw(st.lists(extra, max_size=2)))
    lines.extend(draw(st.lists(st.one_of(st.sampled_from(BOILERPLATE), headlines), max_size=4)))
    blank = draw(st.sampled_from(["\n", "\n\n"]))
    return blank.join(lines)


# -- random HTML trees -------------------------------------------------------------------------

TAGS = ["div", "p", "span", "article", "section", "aside", "ul", "li", "h1", "h2", "figure",
        "figcaption", "table", "tr", "td", "a", "b", "i", "script", "style", "nav", "footer",
        "header", "main", "br", "img", "time", "blockquote", "pre", "form", "iframe"]  # fmt: skip
CLASSES = ["", "share", "comments", "related", "caption", "byline", "author", "ad", "content",
           "article-body", "newsletter", "credit", "promo", "story"]  # fmt: skip
texts = st.one_of(prose, headlines, st.sampled_from(BOILERPLATE), noise, st.just(""))


def _element(tag: str, cls: str, children: list[str]) -> str:
    attrs = f' class="{cls}"' if cls else ""
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


html_trees = st.recursive(
    texts.map(html.escape),
    lambda inner: st.builds(
        _element, st.sampled_from(TAGS), st.sampled_from(CLASSES), st.lists(inner, max_size=5)
    ),
    max_leaves=40,
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A random HTML document: head metadata, a random body tree, sometimes broken off."""
    head = draw(st.sampled_from([
        "", "<title>Council approves budget | The Daily Planet</title>",
        '<meta property="og:title" content="Council approves budget">'
        '<meta name="author" content="Jane Doe">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A '
        'headline", "author": {"name": "Jane Doe"}, "datePublished": "2021-03-12"}</script>',
        '<script type="application/ld+json">{"@graph": [[[{"@type": [1, null]}]]]</script>',
    ]))  # fmt: skip
    body = "".join(draw(st.lists(html_trees, min_size=1, max_size=6)))
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    if draw(st.booleans()):
        page = page[: draw(st.integers(0, len(page)))]  # truncated mid-way
    return page
