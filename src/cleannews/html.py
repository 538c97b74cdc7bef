"""HTML pages in: use what the markup knows, then hand the text to the same stages.

trafilatura finds the main content; before it runs we read what the HTML says better than
the text can: `figure`/`figcaption` and caption-classed elements are captions; elements
whose tag, class or id marks comments, sharing, related stories, newsletter boxes or ads
are taken out and logged in `removed`; several complete `<article>` elements are separate
stories. Page metadata (title, authors, date, site name, URL, description) comes from the
HTML head (Open Graph, JSON-LD, meta tags) and is merged with what the text stages find.
If trafilatura finds nothing, the page's visible text goes through the text path instead,
with a warning. trafilatura's own `deduplicate` is never used: its cache is process-wide,
so output would depend on what the process saw before.
"""

from __future__ import annotations

import html as html_lib
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex
from lxml import etree
from lxml import html as lxml_html

from cleannews.config import CleanConfig
from cleannews.document import Doc, HtmlRemoved
from cleannews.htmlmeta import read_page_meta
from cleannews.pagekind import UNDECLARED, PageKind, page_kind
from cleannews.rules import structural_rule
from cleannews.shapes import is_prose

#: Class/id words that mark an element as a kind of boilerplate, and the rule named for it.
BOILERPLATE_MARKERS: dict[str, tuple[str, ...]] = {
    (
        HTML_COMMENTS := structural_rule(
            "html-comments", "html", "An element marked as a comment section."
        )
    ): (
        "comment",
        "comments",
        "disqus",
        "respond",
        "replies",
    ),
    (
        HTML_SHARE := structural_rule(
            "html-share", "html", "An element marked as a share or social bar."
        )
    ): (
        "share",
        "sharing",
        "addthis",
        "sharethis",
        "sharebar",
    ),
    (
        HTML_RELATED := structural_rule(
            "html-related", "html", "An element marked as related or recommended stories."
        )
    ): (
        "related",
        "recommended",
        "recommendations",
        "outbrain",
        "taboola",
        "trending",
        "more-stories",
        "read-next",
        "readmore",
        "popular",
    ),
    structural_rule(
        "html-newsletter", "html", "An element marked as a newsletter or subscription box."
    ): (
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "sign-up",
    ),
    structural_rule(
        "html-footer", "html", "An element marked as the page footer (imprint, address)."
    ): (
        "footer",
        "rodape",  # Portuguese
        "colophon",
    ),
    (HTML_AD := structural_rule("html-ad", "html", "An element marked as an advertisement.")): (
        "ad",
        "ads",
        "advert",
        "advertisement",
        "sponsored",
        "promo",
    ),
}
#: Markers trusted only on a page declared an article (see `pagekind`). Measured with
#: `benchmarks/rule_audit.py` on the dev pages of the three corpora (issue 14): of what
#: these rules took on declared articles, next to none was article text (0-1 % of the
#: gold shingles); on every other page 18 % (share) to 36 % (ad) was, because a listing's
#: items, a product's reviews and a service page's blocks wear such class names too. On
#: those pages the extractor judges the elements by their content instead. Footer,
#: newsletter and link-list markers took 1-9 % there and stay trusted everywhere.
ARTICLE_ONLY_MARKERS = frozenset({HTML_AD, HTML_COMMENTS, HTML_RELATED, HTML_SHARE})
_CAPTION_WORDS = frozenset({"caption", "figcaption", "wp-caption-text", "credit", "photo-credit"})
#: Class/id values split at every non-alphanumeric character and between a lower-case
#: letter and a capital ("shareBar" -> share, bar). Capitals are letters, not separators:
#: "wideWithPad" must give "wide", "with", "pad", never "ad".
_TOKEN_SPLIT = regex.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
#: Only containers are removed for their class/id: an inline span marked "share" inside
#: a paragraph carries article text.
_BLOCK_TAGS = frozenset(
    {"div", "section", "aside", "ul", "ol", "nav", "footer", "form", "iframe", "table", "dl"}
)
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head"})
#: Elements that start a new line in the visible-text fallback.
_LINE_BREAKS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "br", "div",
        "section", "article", "main", "header", "footer", "aside", "nav", "figure", "figcaption",
        "ul", "ol", "dl", "dt", "dd", "table", "form", "address", "hr", "title",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class HtmlRemoval:
    """An element taken out of the page, with its evidence: its path in the page and the
    class/id attribute that marked it (None for the structural passes, which judge
    links and headings). Two removals are equal by text and rule."""

    text: str
    rule: str
    element: str | None = field(default=None, compare=False)
    marker: str | None = field(default=None, compare=False)
    #: The element itself, while a later step still has to decide on it (a tag).
    node: etree._Element | None = field(default=None, compare=False, repr=False)


_IS_BLOCK = " or ".join(f"self::{tag}" for tag in sorted(_BLOCK_TAGS))
#: Elements that may have class/id tokens or be a figcaption, and block elements with a
#: class or id (the only ones with tokens), in document order: XPath does the walk in C.
#: (Narrowing them further in XPath, to class values that contain a marker word, costs
#: more than the Python token test it would save: `translate` per word per element.)
_CAPTION_CANDIDATES = etree.XPath("descendant-or-self::*[@class or @id or self::figcaption]")
#: Every caption word contains one of these: a cheap test before the token sets.
_CAPTION_STEMS = ("caption", "credit")
_MARKED_BLOCK_CANDIDATES = etree.XPath(f"descendant-or-self::*[(@class or @id) and ({_IS_BLOCK})]")
#: Length of the page's text with white space runs collapsed (in C: no string is built).
_TEXT_LENGTH = etree.XPath("string-length(normalize-space())")
#: How many of the candidates lie inside an element: those to skip once it is dropped.
_MARKED_BLOCKS_INSIDE = etree.XPath(f"count(descendant::*[(@class or @id) and ({_IS_BLOCK})])")
_LISTS_INSIDE = etree.XPath("count(descendant::ul | descendant::ol)")
_LINK_LINE_TAGS = ("p", "h2", "h3", "h4", "h5", "h6")
_LINK_LINES_INSIDE = etree.XPath(
    "count(" + " | ".join(f"descendant::{tag}" for tag in _LINK_LINE_TAGS) + ")"
)


def _is_caption_marked(element: etree._Element) -> bool:
    return _may_mention(element, _CAPTION_STEMS) and bool(_tokens(element) & _CAPTION_WORDS)


def _may_mention(element: etree._Element, stems: tuple[str, ...]) -> bool:
    """Whether the element's class or id, lower-cased, contains one of `stems` (each
    token is a piece of the lower-cased value, so a token with a stem passes)."""
    value = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return any(stem in value for stem in stems)


def _tokens(element: etree._Element) -> frozenset[str]:
    found = _value_tokens(element.get("class") or "")
    ident = element.get("id")
    return found | _value_tokens(ident) if ident else found


@lru_cache(maxsize=16384)  # pages repeat the same class names; a pure function of them
def _value_tokens(value: str) -> frozenset[str]:
    words = {t.lower() for t in _TOKEN_SPLIT.split(value) if t}
    words.update(v.lower() for v in value.split())
    return frozenset(words)


def _text(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


#: libxml2 stops reading a page at this depth of nesting: the rest of the page is missing
#: from the tree, so such a page is read by `markup_text` instead (nothing is lost).
PARSER_MAX_DEPTH = 256
_DEEPEST = etree.XPath("boolean(" + "/*" * PARSER_MAX_DEPTH + ")")
#: trafilatura's time grows faster than the tree (quadratically on long runs of blocks):
#: larger trees get the visible text instead, so the work is bounded in every thread.
#: Real news pages have a few thousand elements (at most 1,600 in the benchmark set).
MAX_TREE_ELEMENTS = 15_000
_COUNT_ELEMENTS = etree.XPath("count(//*)")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
#: A comment, an invisible element with its content, or a tag, each to its end or to the
#: end of the page. `[^<>]*` stops at the next `<`, so an unclosed tag costs no rescan.
_MARKUP = regex.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|noscript|template)\b[^<>]*>.*?(?:</\1\s*>|\Z)"
    r"|</?([a-z][a-z0-9:-]*)\b[^<>]*>?",
    regex.IGNORECASE | regex.DOTALL,
)


def _without_surrogates(html: str) -> str:
    """Lone surrogates (text decoded with `surrogateescape`) make libxml2 stop reading the
    page there: they become U+FFFD, and a surrogate pair the character it encodes."""
    if html.isascii() or _SURROGATE.search(html) is None:
        return html
    return html.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def markup_text(html: str) -> str:
    """The page's text without a parser, one line per block: the fallback for markup that
    the parser cannot read whole. Tags go, comments and scripts and styles go with their
    content, entities are decoded. Linear in the length of the page."""

    def replace(found: regex.Match[str]) -> str:
        tag = found.group(2)
        return "\n" if tag is not None and tag.lower() in _LINE_BREAKS else ""

    text = html_lib.unescape(_MARKUP.sub(replace, html))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _fast_html_parser() -> lxml_html.HTMLParser:
    """trafilatura's parser settings, with element classes looked up in C.

    `lxml.html` parsers pick each element's Python class with a lookup written in Python
    (to give forms and inputs classes of their own), and it runs every time Python first
    touches an element: thousands of times per page in our passes and in trafilatura's.
    Every element here is a plain `HtmlElement`, which is all trafilatura and we use.
    """
    parser = lxml_html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement,
            comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction,
            entity=lxml_html.HtmlEntity,
        )
    )
    return parser


_PARSER = _fast_html_parser()


def load_html(html: str) -> etree._Element | None:
    """The tree `trafilatura.load_html` builds (the same steps: repair, parse the text,
    else its UTF-8 bytes, reject what is not HTML), with `_PARSER`."""
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    try:
        tree = lxml_html.fromstring(html, parser=_PARSER)
    except (ValueError, etree.LxmlError, RecursionError):  # say, an encoding declaration
        tree = None
    if tree is None or len(tree) < 1:
        try:
            tree = lxml_html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
        except (etree.LxmlError, ValueError, RecursionError):
            tree = None
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def parse_html(html: str) -> etree._Element | None:
    """An lxml tree as trafilatura itself builds it (its parser settings matter for
    extraction: a tree from plain `lxml.html` loses text in some pages), or None."""
    try:
        tree = load_html(html)
    except (etree.LxmlError, ValueError, RecursionError):
        tree = None
    if tree is None:  # a fragment, or markup trafilatura refuses: plain lxml still reads it
        try:
            tree = lxml_html.document_fromstring(f"<html><body>{html}</body></html>")
        except (etree.LxmlError, ValueError, RecursionError):
            return None
    return tree


def take_captions(tree: etree._Element) -> list[str]:
    """Texts of figcaptions and caption-classed elements, in page order, once each."""
    found: dict[str, None] = {}  # ordered, and a repeat is found in O(1) on caption-heavy pages
    for element in _CAPTION_CANDIDATES(tree):  # tree.iter() order, only where tokens may be
        if element.tag == "figcaption" or _is_caption_marked(element):
            text = _text(element)
            if text and text not in found and len(text) <= 600:
                found[text] = None
    return list(found)


HTML_BYLINE = structural_rule(
    "html-byline",
    "html",
    "A byline element the extractor left out of the text; its names went to `authors`.",
)
_BYLINE_WORDS = frozenset({"byline", "author", "authors", "byline-name", "author-name"})
_BY_PREFIX = regex.compile(r"^(?:by|von|par|por|door|di|przez|автор)\s*:?\s+", regex.IGNORECASE)


def take_byline(scope: etree._Element) -> str | None:
    """The text of the first element marked as a byline (class/id, itemprop, rel)."""
    from cleannews.htmlmeta import author_marked  # (every element the test below accepts)

    for element in author_marked(scope):  # (elements only: no comments, no entities)
        if element.tag in _INVISIBLE:
            continue
        marked = (
            _tokens(element) & _BYLINE_WORDS
            or element.get("itemprop") == "author"
            or element.get("rel") == "author"
        )
        if marked:
            text = _text(element)
            if 0 < len(text) <= 120:
                return text
    return None


def byline_authors(text: str) -> tuple[str, ...]:
    """The names of a byline element's text, job titles cut ("Ana Lima Former Editor")."""
    from cleannews.htmlmeta import author_names
    from cleannews.stages.metadata import split_names

    return author_names(split_names(_BY_PREFIX.sub("", text)))


#: A marker names the boilerplate *of* a page, not the page. An element holding more than
#: this share of the page's visible text is never removed for its class/id; and when the
#: elements one rule would take hold this share together, they are the page's content
#: (the posts of a forum thread, the items of a listing page) and all of them stay.
#: Measured with `benchmarks/rule_audit.py` on the dev corpora: forum threads whose posts
#: are marked as comments and listings made of story cards lost most of their gold text.
MAX_MARKED_SHARE = 0.4


def visible_length(tree: etree._Element) -> int:
    """Characters of the page's text outside scripts, styles and the head (at least 1):
    the measure the keep-safeguards compare with. Script text can outweigh a page's prose
    tenfold, so it must not count."""
    total = int(_TEXT_LENGTH(tree))
    hidden = sum(
        int(_TEXT_LENGTH(e))
        for e in tree.iter(*_INVISIBLE)
        if next(e.iterancestors(*_INVISIBLE), None) is None  # a script in the head: once
    )
    return max(1, total - hidden)


@dataclass(frozen=True, slots=True)
class _Planned:
    element: etree._Element
    rule: str
    text: str
    marker: str | None = None


def remove_marked_elements(
    tree: etree._Element,
    kind: PageKind = UNDECLARED,
    total: int | None = None,
    planned: list[_Planned] | None = None,
) -> list[HtmlRemoval]:
    """Take out elements whose class/id marks boilerplate, unless they hold the article.

    On a page declared a discussion, comment-marked elements are its posts and stay. On a
    page not declared an article, the `ARTICLE_ONLY_MARKERS` take no text block (only an
    `<iframe>`, whose content no browser shows; see `tag_marked_elements`), and the
    elements of another rule that together hold most of the page stay too (see
    `MAX_MARKED_SHARE`); a declared article keeps its comment section out however long
    it is.

    `planned`: the plan of no vetoed and no weak rule (`plan_all_marked`) on this tree as it
    stands, with this `total`, if the caller has it; used where it is the plan asked for.
    """
    total = total or visible_length(tree)
    vetoed: set[str] = {HTML_COMMENTS} if kind.is_discussion else set()
    weak = frozenset() if kind.is_article else ARTICLE_ONLY_MARKERS
    while True:
        if planned is not None and not vetoed and not weak:
            plan = planned
        else:
            plan = _plan_marked(tree, total, vetoed, weak)
        heavy = set() if kind.is_article else _heavy_rules(plan, total)
        if not heavy:
            return _carry_out(plan)
        vetoed |= heavy


def tag_marked_elements(
    tree: etree._Element, kind: PageKind = UNDECLARED, total: int | None = None
) -> list[HtmlRemoval]:
    """On a page not declared an article, the elements that an `ARTICLE_ONLY_MARKERS`
    marker marks: left in the page for the extractor to judge, and tagged (in the manner
    of a tagger that marks a span and lets a later step decide) so that the ones it leaves
    out are logged under their marker's rule (`dropped_by_extraction`). Each comes with its
    path and marking attribute, read now, while it stands in the page."""
    if kind.is_article:
        return []
    trusted = set(BOILERPLATE_MARKERS) - ARTICLE_ONLY_MARKERS
    vetoed = trusted | ({HTML_COMMENTS} if kind.is_discussion else set())
    plan = _plan_marked(tree, total or visible_length(tree), vetoed)
    return [
        HtmlRemoval(item.text, item.rule, _path(item.element), item.marker, item.element)
        for item in plan
        if item.text and item.element.tag in TEXT_BLOCK_TAGS
    ]


def dropped_by_extraction(
    tree: etree._Element, tagged: list[HtmlRemoval], text: str
) -> list[HtmlRemoval]:
    """The tagged elements (`tag_marked_elements`) of which the extracted `text` holds
    no block: the extraction left them out whole, and their marker says what they were.
    One that a later pass took out is logged by that pass; one partly extracted is left to
    the block accounting (`unextracted_blocks`), which logs the blocks it lacks."""
    whole = _squashed(text)
    dropped = []
    for removal in tagged:
        element = removal.node
        if element is None or element.getroottree().getroot() is not tree:
            continue  # (taken out with an element around it, by a later pass)
        keys = [_squashed(block.text) for block in text_blocks(element)]
        now = _text(element)  # (without what later passes took out of it and logged)
        if now and not any(key and key in whole for key in keys):
            dropped.append(replace(removal, text=now, node=None))
    return dropped


def _plan_marked(
    tree: etree._Element, total: int, vetoed: set[str], weak: frozenset[str] = frozenset()
) -> list[_Planned]:
    """The marked elements that would go, outermost first (none inside another). A `weak`
    rule takes only elements whose text is no block of its own (an `<iframe>`, whose
    content a browser does not show): a text block it marks stays for the extractor."""
    plan: list[_Planned] = []
    walk = _Walk(_MARKED_BLOCK_CANDIDATES(tree), _MARKED_BLOCKS_INSIDE)
    for element in walk:
        rule = _element_rule(element.get("class"), element.get("id"))
        if rule is None or rule in vetoed or (rule in weak and element.tag in TEXT_BLOCK_TAGS):
            continue
        text = _text(element)
        if (
            len(text) > MAX_MARKED_SHARE * total
            or element.find(".//article") is not None
            or element.find(".//h1") is not None
        ):
            continue
        walk.skip_inside(element)
        plan.append(_Planned(element, rule, text, _marker_attribute(element, rule)))
    return plan


def _marker_attribute(element: etree._Element, rule: str) -> str:
    """The class or id attribute whose words made `rule` mark the element."""
    words = BOILERPLATE_MARKERS[rule]
    for name in ("class", "id"):
        value = element.get(name)
        if value and _value_tokens(value).intersection(words):
            return f'{name}="{value}"'
    return ""  # pragma: no cover - the element's tokens matched one of the two


#: A declared article whose marked elements leave less than this share of the page's text
#: outside them has no article outside them.
ARTICLE_MIN_SHARE = 0.15


def plan_all_marked(tree: etree._Element, total: int) -> list[_Planned]:
    """The marked elements that would go with every marker rule in force (none vetoed)."""
    return _plan_marked(tree, total, set())


def thread_shaped(kind: PageKind, plan: list[_Planned], total: int) -> PageKind:
    """`kind`, marked a thread where the comment-marked elements are the page's content.

    They are when they hold more than `MAX_MARKED_SHARE` of the visible text and either
    the page does not declare itself an article, or it does but the marked elements leave
    under `ARTICLE_MIN_SHARE` of the text outside them (a link-sharing site's thread says
    `og:type=article` over a one-line link). Such a page is read as a discussion: its posts
    stay, extraction keeps comments, and it is one story. `plan`: `plan_all_marked` of
    the page.
    """
    if kind.is_discussion:
        return kind
    comments = sum(len(item.text) for item in plan if item.rule == HTML_COMMENTS)
    if comments <= MAX_MARKED_SHARE * total:
        return kind
    outside = total - sum(len(item.text) for item in plan)
    if kind.is_article and outside >= ARTICLE_MIN_SHARE * total:
        return kind
    return kind.as_thread()


def _heavy_rules(plan: list[_Planned], total: int) -> set[str]:
    """Rules whose planned elements together hold more than `MAX_MARKED_SHARE` of the page."""
    held: dict[str, int] = {}
    for item in plan:
        held[item.rule] = held.get(item.rule, 0) + len(item.text)
    return {rule for rule, length in held.items() if length > MAX_MARKED_SHARE * total}


def _carry_out(plan: list[_Planned]) -> list[HtmlRemoval]:
    removals = [
        HtmlRemoval(item.text, item.rule, _path(item.element), item.marker)
        for item in plan
        if item.text
    ]
    for item in plan:
        _drop_keeping_tail(item.element)
    return removals


def _path(element: etree._Element) -> str:
    """Where the element stood in the page (an XPath), before it was dropped."""
    return str(element.getroottree().getpath(element))


HTML_LINK_LIST = structural_rule(
    "html-link-list",
    "html",
    "A list whose items are all links (related stories, tags, navigation).",
)
#: Share of a list's text that must sit inside links for it to be a link list.
LINK_DENSITY = 0.8


def remove_link_lists(
    tree: etree._Element, total: int | None = None, kind: PageKind = UNDECLARED
) -> list[HtmlRemoval]:
    """Take out lists of three or more items that are (almost) only link text."""
    plan: list[_Planned] = []
    walk = _Walk(list(tree.iter("ul", "ol")), _LISTS_INSIDE)
    for element in walk:
        items = [li for li in element if isinstance(li.tag, str) and li.tag == "li"]
        text = _text(element)
        if len(items) < 3 or not text:
            continue
        linked = _linked_length(element)
        if linked >= LINK_DENSITY * len(text) and len(text.split()) <= 25 * len(items):
            walk.skip_inside(element)
            plan.append(_Planned(element, HTML_LINK_LIST, text))
    return _unless_heavy(tree, plan, total, kind)


def _linked_length(element: etree._Element) -> int:
    """Characters of the element's text inside links to elsewhere. An anchor to a place on
    the same page (`href="#..."`, a heading's own permalink) or one with no `href` leads
    nowhere else: its text is the page's own."""
    return sum(
        len(_text(a)) for a in element.iter("a") if not (a.get("href") or "#").startswith("#")
    )


def _unless_heavy(
    tree: etree._Element, plan: list[_Planned], total: int | None, kind: PageKind
) -> list[HtmlRemoval]:
    """Carry out a structural pass's plan, unless the page is not declared an article by a
    schema.org type and what the pass would take is its content (more than
    `MAX_MARKED_SHARE` of its visible text: a listing page's cards, say). `og:type=article`
    alone is not enough: many themes set it on their listings too."""
    if not plan:
        return []
    if not kind.is_typed_article and _heavy_rules(plan, total or visible_length(tree)):
        return []
    return _carry_out(plan)


HTML_TEASER_LIST = structural_rule(
    "html-teaser-list",
    "html",
    "A list whose items are headed by a linked heading: teasers for other stories.",
)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def remove_teaser_lists(
    tree: etree._Element, total: int | None = None, kind: PageKind = UNDECLARED
) -> list[HtmlRemoval]:
    """Take out lists in which half the items or more (two at least) hold a heading that
    is a link: story cards (headline, maybe a standfirst or a date), which a list inside an
    article does not have."""
    plan: list[_Planned] = []
    walk = _Walk(list(tree.iter("ul", "ol")), _LISTS_INSIDE)
    for element in walk:
        items = [li for li in element if isinstance(li.tag, str) and li.tag == "li"]
        teasers = sum(1 for li in items if _is_teaser_card(li))
        if teasers >= 2 and 2 * teasers >= len(items):
            walk.skip_inside(element)
            plan.append(_Planned(element, HTML_TEASER_LIST, _text(element)))
    return _unless_heavy(tree, plan, total, kind)


#: A story card's words outside its links: a standfirst of a sentence or two. An item with
#: more is a post or an entry of its own (a forum message under its linked author name).
TEASER_MAX_UNLINKED_WORDS = 60


def _is_teaser_card(item: etree._Element) -> bool:
    if not _has_linked_heading(item):
        return False
    linked = sum(len(_text(a).split()) for a in item.iter("a"))
    return len(_text(item).split()) - linked <= TEASER_MAX_UNLINKED_WORDS


def _has_linked_heading(item: etree._Element) -> bool:
    for heading in item.iter(*_HEADINGS):
        if heading.find(".//a[@href]") is not None:
            return True
        if any(a.tag == "a" and a.get("href") for a in heading.iterancestors()):
            return True
    return False


HTML_SCREEN_COPY = structural_rule(
    "html-screen-copy",
    "html",
    "A second copy of a block that the page writes once per screen size (one copy marked "
    "hidden on small screens, the other on large ones): the same text twice.",
)
#: Class words of the CSS frameworks' screen-size visibility helpers (Bootstrap
#: `hidden-md-up`, `visible-xs`, `d-md-none`; Tailwind `lg:hidden`; Foundation
#: `hide-for-small-only`; site builders' `hidden-` and a breakpoint's code, `hidden-x4k2p`),
#: and the common `mobile-only` / `desktop-only`.
_SCREEN_CLASS = regex.compile(
    r"(?:(?:xs|sm|md|lg|xl|2xl):)?hidden|(?:hidden|visible)-(?:xs|sm|md|lg|xl)(?:-[a-z]+)?"
    r"|hidden-[a-z0-9]+"
    r"|d-(?:xs|sm|md|lg|xl)-[a-z-]+|d-none|(?:xs|sm|md|lg|xl|2xl):(?:block|flex|grid|inline)"
    r"|(?:show|hide)-for-[a-z]+(?:-[a-z]+)?|(?:mobile|desktop|tablet)-only"
    r"|(?:hidden|visible|hide|show)-(?:on-)?(?:mobile|desktop|tablet)",
    regex.IGNORECASE,
)
#: Shortest text of a copy worth comparing (a block of prose, not a label).
SCREEN_COPY_MIN_CHARS = 80


@lru_cache(maxsize=16384)  # a pure function of the class value, which pages repeat
def _is_screen_marked(class_value: str) -> bool:
    return any(_SCREEN_CLASS.fullmatch(word) for word in class_value.split())


def remove_screen_copies(tree: etree._Element) -> list[HtmlRemoval]:
    """Take out the later copies of a block the page writes once per screen size: of the
    elements marked by a screen-size helper class, one whose text (80 characters or
    more) equals that of an earlier one outside it. A browser shows one copy; the
    extractor, which reads no style sheet, would keep both."""
    root = tree.getroottree().getroot()
    first_of: dict[str, etree._Element] = {}
    removals: list[HtmlRemoval] = []
    for element in list(tree.iter(etree.Element)):
        value = element.get("class")
        if not value or not _is_screen_marked(value) or element.getparent() is None:
            continue
        if element.getroottree().getroot() is not root:
            continue  # (inside a copy dropped before)
        text = _text(element)
        if len(text) < SCREEN_COPY_MIN_CHARS:
            continue
        first = first_of.setdefault(text, element)
        if first is element or any(a is first for a in element.iterancestors()):
            continue
        removals.append(HtmlRemoval(text, HTML_SCREEN_COPY, _path(element), f'class="{value}"'))
        _drop_keeping_tail(element)
    return removals


HTML_POPUP = structural_rule(
    "html-popup",
    "html",
    "A pop-up card inside a paragraph (a person's photo and latest headlines shown on hover).",
)
_POPUP_WORDS = frozenset({"tooltip", "popover", "hovercard", "rollover", "popup"})
#: One walk with an ancestor test: `//p//*` makes libxml2 merge a node set per paragraph,
#: which is quadratic on pages of many paragraphs.
_IN_PARAGRAPH_POPUPS = etree.XPath("//*[(@class or @id) and not(self::a) and ancestor::p]")


def remove_popups(tree: etree._Element) -> list[HtmlRemoval]:
    """Take out pop-up cards nested in a paragraph: an element marked as a tooltip,
    popover, hover card or rollover that holds an image or two links or more. The
    extractor would write the card's headlines into the middle of the sentence. The
    innermost card goes first, so the linked name that opens it stays in the text."""
    removals: list[HtmlRemoval] = []
    # In reverse document order, what comes after a dropped card lies outside it (before
    # it, or around it), so no candidate is ever inside a card dropped earlier.
    for element in reversed(_IN_PARAGRAPH_POPUPS(tree)):
        if not _tokens(element) & _POPUP_WORDS:
            continue
        links = len(element.xpath(".//a[@href]"))
        if links >= 2 or element.find(".//img") is not None:
            text = _text(element)
            found = HtmlRemoval(text, HTML_POPUP, _path(element), _popup_marker(element))
            _drop_keeping_tail(element)
            if text:
                removals.append(found)
    return removals


def _popup_marker(element: etree._Element) -> str:
    for name in ("class", "id"):
        value = element.get(name)
        if value and _value_tokens(value) & _POPUP_WORDS:
            return f'{name}="{value}"'
    return ""  # pragma: no cover - the element's tokens matched one of the two


HTML_LINK_LINE = structural_rule(
    "html-link-line",
    "html",
    "A short paragraph or heading that is nothing but a link (a teaser for another page).",
)


_URL_TEXT = regex.compile(r"^\s*(?:https?://|www\.)\S+\s*$")


def remove_link_lines(
    tree: etree._Element, total: int | None = None, kind: PageKind = UNDECLARED
) -> list[HtmlRemoval]:
    """Take out short paragraphs and subheadings whose whole text is a link, on a page
    that a schema.org type declares an article (`PageKind.is_typed_article`). On other
    pages such lines are as often the page's own items (a listing's entries, a
    collection's titles), and the extractor judges them. Share of what this pass took
    that was gold text, on the dev pages of the three corpora (`benchmarks/rule_audit.py
    --declared`, run on the code before this gate): 9 % on pages with a JSON-LD or
    microdata article type, 40 % on pages declared an article by `og:type` alone, 51 %
    where `og:type=article` stands beside a JSON-LD `WebPage`, 37 % on pages not declared
    an article."""
    if not kind.is_typed_article:
        return []
    plan: list[_Planned] = []
    walk = _Walk(list(tree.iter(*_LINK_LINE_TAGS)), _LINK_LINES_INSIDE)
    for element in walk:
        text = _text(element)
        if not text or len(text.split()) > 25 or _URL_TEXT.match(text):
            continue  # a written-out address is text the author chose to show
        linked = _linked_length(element)
        if linked >= 0.95 * len(text) and not _heads_a_section(element):
            walk.skip_inside(element)
            plan.append(_Planned(element, HTML_LINK_LINE, text))
    return _unless_heavy(tree, plan, total, kind)


#: Words of prose under a linked subheading that make it a section of the article (a
#: listicle's entries link their names) rather than a teaser card's standfirst.
SECTION_PROSE_WORDS = 40


def _heads_a_section(element: etree._Element) -> bool:
    """A linked subheading followed by a paragraph of prose heads a section of the page."""
    if element.tag == "p":
        return False
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()  # comments and processing instructions
    if following is None or following.tag != "p":
        return False
    own_words = len(_text(following).split()) - len(
        " ".join(_text(a) for a in following.iter("a")).split()
    )
    return own_words >= SECTION_PROSE_WORDS


_TABLE_CELLS = etree.XPath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th")
_TABLE_PARTS = etree.XPath("./tr | ./* | ./*/tr")
#: Text that makes a cell a page region rather than a value: two or more paragraphs
#: holding at least this many characters.
LAYOUT_CELL_CHARS = 200


def unwrap_layout_tables(tree: etree._Element) -> int:
    """Turn tables used for page layout into plain blocks; returns how many.

    A table is a layout table when one of its own cells holds a page region: a nested
    table, a main heading (`h1`/`h2`), or two or more paragraphs of prose. Extraction reads
    a table row as one line (`| cell | cell |`), which would glue the article to the
    navigation and teasers beside it; as blocks, its paragraphs are judged one by one. Data
    tables (short values in cells) are left alone.
    """
    unwrapped = 0
    for table in list(tree.iter("table")):
        if not any(_is_region(cell) for cell in _TABLE_CELLS(table)):
            continue
        for part in (*_TABLE_CELLS(table), *_TABLE_PARTS(table)):
            if part.tag in ("tr", "td", "th", "tbody", "thead", "tfoot"):
                part.tag = "div"
        table.tag = "div"
        unwrapped += 1
    return unwrapped


def _is_region(cell: etree._Element) -> bool:
    if cell.find(".//table") is not None or cell.find(".//h1") is not None:
        return True
    if cell.find(".//h2") is not None:
        return True
    paragraphs = list(cell.iter("p"))
    return len(paragraphs) >= 2 and sum(len(_text(p)) for p in paragraphs) >= LAYOUT_CELL_CHARS


class _Walk:
    """Candidate elements in document order, without those inside one dropped before.

    The candidates inside an element come right after it, so dropping it skips the next
    `inside(element)` of them (an XPath count of the same candidates below it) instead
    of checking every later candidate's ancestors.
    """

    def __init__(self, candidates: list[etree._Element], inside: etree.XPath) -> None:
        self.candidates = candidates
        self.inside = inside
        self.at = 0

    def __iter__(self) -> Iterator[etree._Element]:
        while self.at < len(self.candidates):
            element = self.candidates[self.at]
            self.at += 1
            if element.getparent() is not None:  # the root is never dropped
                yield element

    def skip_inside(self, element: etree._Element) -> None:
        """Pass over the candidates inside `element` (it will go as a whole)."""
        self.at += int(self.inside(element))


def _drop_keeping_tail(element: etree._Element) -> None:
    """Remove an element but not the text that follows it (lxml keeps that in `tail`)."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


@lru_cache(maxsize=16384)  # a pure function of the two values, which pages repeat
def _element_rule(class_value: str | None, id_value: str | None) -> str | None:
    """The marker rule of an element with these `class` and `id` values: `_marker_rule` of
    its tokens, looked up once per pair of values (most of a page's elements share a few)."""
    found = _value_tokens(class_value or "")
    return _marker_rule(found | _value_tokens(id_value) if id_value else found)


def _marker_rule(tokens: frozenset[str]) -> str | None:
    for rule, words in BOILERPLATE_MARKERS.items():
        if tokens.intersection(words):
            return rule
    return None


def article_elements(tree: etree._Element) -> tuple[list[etree._Element], bool]:
    """Two or more complete, non-nested `<article>` elements, and whether each is a story.

    Complete: three paragraphs of prose or more. A story appended to a page comes with a
    headline of its own (an `<h1>` or `<h2>`): when every complete `<article>` has one,
    each is a story. When none has, they are the posts of a thread or the items of a
    list (a minor heading at most, a poster's name in an `<h3>`): one page, read
    `<article>` by `<article>`. When some have, none is taken (a story and a reply to
    it): the page is read whole.
    """
    articles = [
        a for a in tree.iter("article") if not any(p.tag == "article" for p in a.iterancestors())
    ]
    complete = [a for a in articles if _prose_paragraphs(a) >= 3]
    if len(complete) < 2:
        return [], False
    headed = [_has_headline(a) for a in complete]
    if all(headed):
        return complete, True
    return ([], False) if any(headed) else (complete, False)


def _has_headline(element: etree._Element) -> bool:
    return next(element.iter("h1", "h2"), None) is not None


def _prose_paragraphs(element: etree._Element) -> int:
    return sum(1 for p in element.iter("p") if len(_text(p)) >= 80)


def visible_text(tree: etree._Element) -> str:
    """The page's text, one line per block, without scripts and styles.

    The fallback when extraction fails: walks the tree in document order (iteratively, so
    deep nesting cannot overflow the stack) and breaks lines at block boundaries, so text
    outside paragraphs is kept too, and a table row stays one line.
    """
    parts: list[str] = []
    skip = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _INVISIBLE:
            skip += 1 if event == "start" else -1
            if event == "end" and skip == 0 and element.tail:
                parts.append(element.tail)
            continue
        if skip:
            continue
        if event == "start":
            if tag in _LINE_BREAKS:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if tag in _LINE_BREAKS:
                parts.append("\n")
            elif tag in ("td", "th"):
                parts.append(" ")
            if element.tail:
                parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


class ExtractionTimeout(BaseException):
    """trafilatura ran past the page's time budget.

    A BaseException, like KeyboardInterrupt: trafilatura wraps some of its steps in
    `except Exception`, which would swallow the timeout and carry on with part of the
    work done, giving output that depends on timing and no warning.
    """


#: When the recall-oriented extraction keeps less than this share of the page's visible
#: text, trafilatura's default (precision-oriented) extraction is asked too. On some pages
#: (question-and-answer threads, long forum threads, product and listing pages)
#: `favor_recall` settles on one small block and returns a tenth of the text the default
#: finds. Asking only then keeps the second extraction off most pages: on the dev corpora
#: it runs on about one page in ten (`benchmarks/scoreboard.py`, before -> after in the
#: changelog).
SECOND_OPINION_BELOW = 0.25
#: The default extraction replaces the recall one only if it is this many times longer.
SECOND_OPINION_GAIN = 2.0


def extract_text(
    tree: etree._Element, budget: float, *, comments: bool = False, visible: int = 0
) -> str | None:
    """trafilatura's main text of a tree, or None when it finds nothing or fails.

    Raises ExtractionTimeout past `budget` seconds. The budget is enforced with a timer
    signal, which only the main thread can receive, and only when the host application
    has no timer of its own running (its timer and handler are left alone). Elsewhere
    extraction runs without a clock; `MAX_TREE_ELEMENTS` (checked by the caller) bounds
    its work in every thread. `comments` keeps what trafilatura takes for comments: on a
    discussion page they are the posts, and a thread always gets the second opinion (the
    recall mode often keeps only the opening post). `visible` is the page's visible text
    length: a recall extraction much shorter than it gets a second opinion
    (`SECOND_OPINION_BELOW`).
    """

    def work() -> str | None:
        recall = _trafilatura(tree, comments=comments, favor_recall=True)
        if not comments and len(recall or "") >= SECOND_OPINION_BELOW * visible:
            return recall
        default = _trafilatura(tree, comments=comments, favor_recall=False)
        if len(default or "") >= SECOND_OPINION_GAIN * len(recall or ""):
            return default
        return recall

    if threading.current_thread() is not threading.main_thread():
        return work()
    return _with_alarm(work, budget)


def _trafilatura(tree: etree._Element, *, comments: bool, favor_recall: bool) -> str | None:
    """One trafilatura extraction (it leaves the tree as it was), or None on failure."""
    import trafilatura

    try:
        text: str | None = trafilatura.extract(
            tree,
            include_comments=comments,
            include_tables=True,
            deduplicate=False,
            favor_recall=favor_recall,
        )
    except (ValueError, TypeError, AttributeError, etree.LxmlError, RecursionError):
        return None  # trafilatura fails on some odd markup: fall back to visible text
    return text


def _with_alarm(work: Callable[[], str | None], budget: float) -> str | None:
    if not hasattr(signal, "setitimer") or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        return work()  # no timers here, or the host's own alarm is set: do not cancel it

    def expire(signum: int, frame: object) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _extract_or_fallback(
    tree: etree._Element,
    config: CleanConfig,
    doc_warnings: list[str],
    kind: PageKind = UNDECLARED,
    visible: int = 0,
) -> str:
    elements = int(_COUNT_ELEMENTS(tree))
    if elements > MAX_TREE_ELEMENTS:
        doc_warnings.append(
            f"the HTML has {elements} elements, more than the {MAX_TREE_ELEMENTS} that "
            "extraction is run on; used the visible text"
        )
        return visible_text(tree)
    try:
        extracted = extract_text(
            tree,
            config.html_time_budget,
            comments=kind.is_discussion,
            visible=visible or visible_length(tree),
        )
    except ExtractionTimeout:
        doc_warnings.append(
            f"HTML extraction exceeded its {config.html_time_budget:g} s budget; "
            "used the visible text"
        )
        return visible_text(tree)
    if not extracted:
        doc_warnings.append("trafilatura found no main content; used the page's visible text")
        return visible_text(tree)
    return extracted


def _less(total: int, removals: list[HtmlRemoval]) -> int:
    """The visible length once `removals` are out (their texts are the elements' texts with
    white space collapsed, as `visible_length` counts them)."""
    return max(1, total - sum(len(r.text) for r in removals))


def html_doc(html: str, config: CleanConfig, *, url: str | None = None) -> Doc:
    """The working document of an HTML page, ready for the text stages."""
    html = _without_surrogates(html)
    tree = parse_html(html)
    if tree is None or _DEEPEST(tree):  # no tree, or one that lacks the rest of the page
        doc = Doc.from_text(markup_text(html), config, kind="html")
        doc.page.url = url
        doc.warn(
            "the HTML could not be parsed; used the text of the markup"
            if tree is None
            else f"the HTML nests {PARSER_MAX_DEPTH} levels deep or more, where the parser "
            "stops reading; used the text of the markup"
        )
        return doc
    page = read_page_meta(tree, url)
    captions = take_captions(tree)
    total = visible_length(tree)
    plan = plan_all_marked(tree, total)
    kind = thread_shaped(page_kind(tree), plan, total)
    removals = remove_screen_copies(tree)
    planned = None if removals else plan  # (if the tree changed, the plan is made again)
    removals += remove_marked_elements(tree, kind, _less(total, removals), planned)
    removals += remove_popups(tree)
    tagged = tag_marked_elements(tree, kind, _less(total, removals))
    total = _less(total, removals)  # what is left for the structural passes to judge
    removals += remove_teaser_lists(tree, total, kind)
    removals += remove_link_lists(tree, _less(total, removals), kind)
    removals += remove_link_lines(tree, _less(total, removals), kind)
    total = _less(total, removals)
    unwrap_layout_tables(tree)
    # The posts of a thread are often `<article>` elements too: they are one page, not stories.
    # A page that declares itself the site's own (a home, category or product page) is one
    # page too: its `<article>` elements are its items (`PageKind.is_site_page`).
    one_page = kind.is_discussion or kind.is_site_page
    articles, stories = ([], False) if one_page else article_elements(tree)
    warnings: list[str] = []
    bylines = [take_byline(a) for a in articles] if stories else [take_byline(tree)]
    if articles:
        texts = [_extract_or_fallback(_standalone(a), config, warnings) for a in articles]
        starts = _join_stories(texts) if stories else []
        text = "\n".join(texts)
    else:
        text = _extract_or_fallback(tree, config, warnings, kind, total)
        starts = []
    blocks = page_blocks(tree)  # (the tree does not change from here on)
    text = restore_repeated_paragraphs(text, blocks)
    restored: set[int] = set()
    if not (articles or kind.is_discussion):  # see restore_main_content
        fields = [*captions, page.title or "", *(b for b in bylines if b)]
        whole = not kind.is_article  # an article's own region is the extractor's to judge
        text, restored = restore_main_content(tree, text, fields, blocks, whole_region=whole)
    dropped = dropped_by_extraction(tree, tagged, text)
    removals += dropped
    doc = Doc.from_text(text, config, kind="html")
    doc.page = page
    doc.page.discussion = kind.is_discussion
    doc.preset_starts = set(starts)
    doc.restored = restored
    doc.html_captions = captions
    doc.html_removals = [HtmlRemoved(r.text, r.rule, r.element, r.marker) for r in removals]
    doc.page.url = page.url or url
    logged = _add_bylines(doc, bylines, text)
    known = [*captions, *logged, page.title or "", *page.authors, page.site_name or ""]
    known += [r.text for r in dropped]
    missing = unextracted_blocks(tree, text, known, blocks)
    doc.html_removals += [HtmlRemoved(block, HTML_NOT_EXTRACTED) for block in missing]
    for message in warnings:
        doc.warn(message)
    return doc


HTML_NOT_EXTRACTED = structural_rule(
    "html-not-extracted",
    "html",
    "A text block of the page that the extraction left out (judged boilerplate, or outside "
    "the page's <article>s): a paragraph anywhere on the page, or a heading, list item, "
    "quote, table cell or any other text of the main content: logged, so that no text "
    "block vanishes without a record.",
)
#: Elements whose text is one block of the page (a line of the visible text): text
#: elements, and the containers, whose own text (outside the blocks inside them) is a block
#: too, as a `<div>` of bare text is a paragraph on many sites.
TEXT_BLOCK_TAGS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "td",
        "th", "figcaption", "caption", "address", "summary", "legend",
        "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
        "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "form", "fieldset",
        "details", "center", "body",
    }
)  # fmt: skip
#: The main content is the deepest element that holds this share of the extracted text
#: (counted over the blocks found as lines of it).
MAIN_CONTENT_SHARE = 0.9
#: Characters of the extracted text read, at most, to look blocks up inside it (those not
#: found as one of its lines or pieces). Blocks are looked for in page order from where the
#: last one was found, so the blocks the text holds in order cost one reading of it in
#: all; each block it does not hold costs a whole reading. This bounds the cost of a page
#: with thousands of dropped blocks and a long text (the default is about 20 ms).
MAX_INNER_SCAN = 50_000_000
#: A line's list marker, as the extraction writes list items (`- item`).
_LIST_MARK = regex.compile(r"^\s*[-*•]\s+")
_LIST_MARKS = frozenset("-*•")


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block of the page: its element and a run of its own text (white space
    collapsed), outside the blocks inside it: a `<div>` with a paragraph inside has a
    block before and one after it, as the visible text has a line before and one after
    (so has a `<p>` that the parser let hold an `<aside>`, and a `<p>` with a `<br>`:
    the extraction writes a line on each side of it)."""

    element: etree._Element
    text: str


def text_blocks(tree: etree._Element) -> list[TextBlock]:
    """Every block of the tree with visible text, in page order (scripts, styles,
    templates and the head are not visible)."""
    runs: list[tuple[etree._Element, list[str]]] = []
    stack: list[tuple[etree._Element, list[str]]] = []  # each open block's current run
    hidden = 0
    block_tags, invisible = TEXT_BLOCK_TAGS, _INVISIBLE
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag  # a comment's is not a str, and in neither set
        if hidden:
            if tag in invisible:
                hidden += 1 if event == "start" else -1
                if not hidden and element.tail and stack:
                    stack[-1][1].append(element.tail)
            continue
        if event == "start":
            if tag in block_tags:
                run = [element.text] if element.text else []
                runs.append((element, run))
                stack.append((element, run))
            elif tag in invisible:
                hidden = 1
            elif tag == "br" and stack:  # a line break: the block goes on in a new run
                parent = stack.pop()[0]
                run = [element.text] if element.text else []
                runs.append((parent, run))
                stack.append((parent, run))
            elif element.text and stack and isinstance(tag, str):
                stack[-1][1].append(element.text)
            continue
        if tag in block_tags:
            stack.pop()
            if stack:  # the enclosing block goes on in a new run after this one
                parent = stack.pop()[0]
                run = []
                runs.append((parent, run))
                stack.append((parent, run))
        if element.tail and stack:
            stack[-1][1].append(element.tail)
    blocks = []
    for element, parts in runs:  # inline elements join as they render: no space added
        text = " ".join("".join(parts).split())
        if text:
            blocks.append(TextBlock(element, text))
    return blocks


def main_content(
    tree: etree._Element, text: str, blocks: list[TextBlock] | None = None
) -> etree._Element | None:
    """The page's main content: the deepest element holding `MAIN_CONTENT_SHARE` of the
    extracted `text`, counted over the blocks that are lines of it (or pieces of lines: a
    list item, a table cell; for a `<pre>`, its lines); None when no block is."""
    blocks = blocks if blocks is not None else text_blocks(tree)
    return _main_content(tree, blocks, [_squashed(b.text) for b in blocks], _pieces(text))


def _main_content(
    tree: etree._Element, blocks: list[TextBlock], keys: list[str], pieces: set[str]
) -> etree._Element | None:
    weight: dict[etree._Element, int] = {}
    pres: set[etree._Element] = set()
    for block, key in zip(blocks, keys, strict=True):
        if key in pieces:
            found = len(key)
        elif block.element.tag == "pre" and block.element not in pres:  # its lines, once
            pres.add(block.element)
            lines = (_squashed(line) for line in "".join(block.element.itertext()).splitlines())
            found = sum(len(line) for line in lines if line in pieces)
        else:
            continue
        weight[block.element] = weight.get(block.element, 0) + found
    if not weight:
        return None
    for element in reversed(list(tree.iter())):  # every element after its descendants
        parent = element.getparent()
        if parent is not None and element in weight:
            weight[parent] = weight.get(parent, 0) + weight[element]
    root = tree.getroottree().getroot()
    need = MAIN_CONTENT_SHARE * weight.get(root, 0)
    region = root
    while True:
        heavier = next((c for c in region if weight.get(c, 0) >= need), None)
        if heavier is None:
            return region
        region = heavier


#: A page's text blocks and their comparison keys (`page_blocks`).
PageBlocks = tuple[list[TextBlock], list[str]]


def page_blocks(tree: etree._Element) -> PageBlocks:
    """The page's text blocks (`text_blocks`) and each one's comparison key (its text
    without white space): read once, for `restore_main_content` and `unextracted_blocks`."""
    blocks = text_blocks(tree)
    return blocks, [_squashed(b.text) for b in blocks]


def unextracted_blocks(
    tree: etree._Element,
    text: str,
    known: list[str],
    read: PageBlocks | None = None,
) -> list[str]:
    """The texts of the blocks (white space collapsed) that are in neither the extracted
    `text` nor `known` (captions, bylines, the head's fields), once each, in page order:
    every `<p>` of the page, and every other text block of the main content
    (`main_content`: headings, list items, quotes, table cells, the bare text of a
    `<div>` ...).

    Texts are compared without white space, since the extractor and the tree space inline
    elements differently. A block is found when it is one of the text's lines (also with
    its list marker cut off, or as one cell of a table row) or one of `known`, or inside
    one of `known` or the text (a block the extractor merged with its neighbours or
    split), as long as `MAX_INNER_SCAN` characters have not been read for these lookups;
    past it, blocks not found otherwise are logged. `read`: `page_blocks(tree)`, if read
    already."""
    blocks, keys = read or page_blocks(tree)
    pieces = _pieces(text)
    region = _main_content(tree, blocks, keys, pieces)
    inside = set(region.iter()) if region is not None else set()
    pieces.update(_squashed(k) for k in known)
    known_text = "\n".join(_squashed(k) for k in known)
    whole = _squashed(text)
    missing: dict[str, None] = {}
    cursor = scanned = 0
    for block, key in zip(blocks, keys, strict=True):
        if block.element.tag != "p" and block.element not in inside:
            continue
        if not key or key in pieces or block.text in missing:
            continue
        if scanned <= MAX_INNER_SCAN:
            scanned += len(known_text)
            if key in known_text:
                continue
            at = whole.find(key, cursor)
            if at >= 0:  # where the text goes on in page order
                scanned += at + len(key) - cursor
                cursor = at + len(key)
                continue
            scanned += len(whole)
            if key in whole:  # out of order
                continue
        missing[block.text] = None
    return list(missing)


def restore_main_content(
    tree: etree._Element,
    text: str,
    known: list[str],
    read: PageBlocks | None = None,
    *,
    whole_region: bool = True,
) -> tuple[str, set[int]]:
    """The extracted `text` with the blocks of the main content that the extractor left
    out put back where they stand in the page, and the numbers of the lines put back.

    On a page that is not an article the extractor's judgement of short blocks fails: a
    listing's items, a product's specifications, a service page's headings and lists are
    short, link-rich lines, which it drops as boilerplate, though they sit inside the
    element that holds the text it kept (`_main_content`: the deepest element holding
    `MAIN_CONTENT_SHARE` of it; never `<body>`, where the text is spread over the page).
    Each block there that the text does not hold goes back after the last block before
    it that the text holds, unless it is `known` (captions, the title, the byline) or
    page furniture (`_FURNITURE`). The blocks of an element a weak class/id marker tagged
    (`tag_marked_elements`) go back too: on such pages these markers name content as
    often as not, and the line rules judge what comes back (keeping them out cost 0.002
    of body F1 on the dev and held-out pages). Blocks after the text's last line
    go back only if they hold more characters than the text (the extractor stopped
    short); fewer are the page's tail (a share bar, teasers).

    The line stages judge these lines as any other; `Doc.restored` keeps them from
    setting off a structural cut or opening a story (the extractor did not choose them,
    so they are no evidence of the page's shape). `read`: `page_blocks(tree)`, if read
    already."""
    blocks, keys = read or page_blocks(tree)
    region = _main_content(tree, blocks, keys, _pieces(text))
    if region is None or region.tag in ("body", "html"):
        return text, set()  # the extraction is spread over the page: no region to read
    twins = set()
    for twin in body_twins(tree, region, blocks):
        twins.update(set(twin.iter()) - _in_page_furniture(twin))
    if not (whole_region or twins):
        return text, set()
    inside = set(region.iter()) - _in_page_furniture(region) if whole_region else set()
    inside |= twins
    own = set() if whole_region else set(region.iter())
    lines = text.splitlines()
    at_line: dict[str, int] = {}
    for number, line in enumerate(lines):
        at_line.setdefault(_squashed(line), number)
        at_line.setdefault(_squashed(_LIST_MARK.sub("", line, count=1)), number)
    whole = _squashed(text)
    skip = {_squashed(k) for k in known}
    after: dict[int, list[str]] = {}
    twin_tail: list[str] = []
    twin_texts: set[str] = set()
    anchor = -1
    for block, key in zip(blocks, keys, strict=True):
        if not key or block.element not in inside:
            if key in at_line and block.element in own:  # the region's lines anchor all
                anchor = at_line[key]
            continue
        if key in at_line:
            anchor = at_line[key]
        elif key not in whole and key not in skip:
            skip.add(key)  # once: a block repeated in the page goes back once
            after.setdefault(anchor, []).append(block.text)
            if block.element in twins:
                twin_texts.add(block.text)
                if anchor == len(lines) - 1:
                    twin_tail.append(block.text)
    tail = after.get(len(lines) - 1, [])
    if sum(map(len, tail)) < len(text):  # the page's tail (teasers, share bar), unless
        after.pop(len(lines) - 1, None)  # the extractor stopped short of the region's text
        if twin_tail:  # (the rest of the body, in a twin of the region, is no tail)
            after[len(lines) - 1] = twin_tail
    if not after:
        return text, set()
    out: list[str] = []
    restored: set[int] = set()
    for number, line in enumerate(["", *lines], start=-1):
        if number >= 0:
            out.append(line)
        for back in after.get(number, ()):
            if back not in twin_texts:  # (a twin's lines are the body's: evidence as they are)
                restored.add(len(out))
            out.append(back)
    return "\n".join(out), restored


def restore_repeated_paragraphs(text: str, read: PageBlocks) -> str:
    """The extracted `text` with a paragraph that the page prints several times in one
    container given as often as the page gives it.

    The extractor keeps one of two paragraphs of the same text when they follow each
    other (it takes the second for an artifact of its own, a block read twice), but the
    page shows both: a refrain, a repeated warning. The most copies of one prose text
    among the paragraphs (`<p>`, or a `<div>` of bare text) of one parent give the count
    (a copy for another screen size is gone already, `remove_screen_copies`); where the
    text holds fewer, the missing ones go after its last copy."""
    blocks, keys = read
    per_parent: dict[tuple[etree._Element | None, str], int] = {}
    for block, key in zip(blocks, keys, strict=True):
        element = block.element
        if element.tag in ("p", "div") and is_prose(block.text):
            slot = (element.getparent(), key)
            per_parent[slot] = per_parent.get(slot, 0) + 1
    wanted: dict[str, int] = {}
    for (_, key), count in per_parent.items():
        if count > 1:
            wanted[key] = max(wanted.get(key, 0), count)
    if not wanted:
        return text
    lines = text.splitlines()
    keys_of = [_squashed(line) for line in lines]
    last = {key: number for number, key in enumerate(keys_of) if key in wanted}
    out: list[str] = []
    for number, line in enumerate(lines):
        out.append(line)
        key = keys_of[number]
        if last.get(key) == number:
            out.extend([line] * (wanted[key] - keys_of.count(key)))
    return "\n".join(out)


def body_twins(
    tree: etree._Element, region: etree._Element, blocks: list[TextBlock]
) -> list[etree._Element]:
    """The other elements of the page with the main content's tag and class, that hold a
    prose paragraph: the rest of the body, which the page's template cut into containers
    of one kind (the body runs on after an ad, in a second body container). The
    extractor takes the first container for the article and drops the others; the same
    tag and class say that they hold the same thing. Not furniture, and neither inside
    the region nor around it."""
    cls = (region.get("class") or "").strip()
    if not cls:
        return []
    around = set(region.iterancestors())
    found = [
        e
        for e in tree.iter(region.tag)
        if e is not region
        and e not in around
        and (e.get("class") or "").strip() == cls
        and next(e.iterancestors(*_FURNITURE), None) is None
        and not any(a is region for a in e.iterancestors())
    ]
    if not found:
        return []
    prose = {b.element for b in blocks if b.element.tag == "p" and is_prose(b.text)}
    twins = [e for e in found if _mirrors(e, region) and _reads_as_body(e, prose)]
    return _next_to_region(region, twins, blocks) if twins else []


#: Characters of text, at most, between the region and a twin that continues it (a label
#: such as "Advertisement", a caption): more is other content between them.
TWIN_MAX_GAP = 200


def _next_to_region(
    region: etree._Element, twins: list[etree._Element], blocks: list[TextBlock]
) -> list[etree._Element]:
    """The twins that follow the region with next to no text between (the body goes on
    after an ad slot), each after the one before: a container of the same class further
    down the page, past other content, is another thing (the latest posts, in cards)."""
    members = {e: 0 for e in region.iter()}
    for number, twin in enumerate(twins, start=1):
        members.update({e: number for e in twin.iter()})
    found: list[etree._Element] = []
    expected, gap, seen_region = 1, 0, False
    for block in blocks:
        where = members.get(block.element)
        if where is None:
            gap += len(block.text) if seen_region else 0
            continue
        if where == 0:
            seen_region, gap = True, 0
        elif seen_region and where == expected and gap <= TWIN_MAX_GAP:
            found.append(twins[where - 1])
            expected, gap = expected + 1, 0
        elif seen_region and where == expected - 1:
            gap = 0  # (still inside the last twin taken)
    return found


def _mirrors(twin: etree._Element, region: etree._Element) -> bool:
    """The twin stands where the region stands, in a copy of the same branch: from each
    up to the ancestor they share, every element has the same tag and class as its
    counterpart (the template repeats its body block). A widget class that a theme puts
    on every box of the page sits at other depths, under other parents."""
    a, b = twin.getparent(), region.getparent()
    while a is not None and b is not None and a is not b:
        if a.tag != b.tag or (a.get("class") or "") != (b.get("class") or ""):
            return False
        a, b = a.getparent(), b.getparent()
    return a is b


#: A twin holds at least this many prose paragraphs: one is a card's excerpt.
TWIN_MIN_PROSE = 2
#: At most this share of a twin's text is in links to elsewhere: more is a list of links.
TWIN_MAX_LINKED = 0.25


def _reads_as_body(element: etree._Element, prose: set[etree._Element]) -> bool:
    """Two prose paragraphs or more, and little of the text in links: the rest of an
    article, not a teaser card or a widget that shares the body's class."""
    if sum(p in prose for p in element.iter("p")) < TWIN_MIN_PROSE:
        return False
    return _linked_length(element) <= TWIN_MAX_LINKED * len(_text(element))


#: Elements of the page's frame rather than its content, and forms: their blocks are
#: not put back, even inside the main content.
_FURNITURE = ("nav", "header", "footer", "aside", "form", "fieldset", "figcaption")


def _in_page_furniture(region: etree._Element) -> set[etree._Element]:
    """The elements of `region` inside (or being) one of `_FURNITURE`."""
    if next(region.iterancestors(*_FURNITURE), None) is not None:
        return set(region.iter())  # the region itself is furniture
    found: set[etree._Element] = set()
    for element in region.iter(*_FURNITURE):
        if element not in found:
            found.update(element.iter())
    return found


def _pieces(text: str) -> set[str]:
    """The extracted text's lines without white space, as a block is found in them: each
    line, each line without its list marker, and each cell of a table row."""
    pieces: set[str] = set()
    for line in text.splitlines():
        squashed = _squashed(line)
        pieces.add(squashed)
        first = squashed[:1]
        if first == "|":
            pieces.update(_squashed(cell) for cell in line.split("|"))
        elif first in _LIST_MARKS:
            pieces.add(_squashed(_LIST_MARK.sub("", line, count=1)))
    pieces.discard("")
    return pieces


#: Characters the extraction drops: control and format characters (soft hyphens,
#: zero-width spaces, direction marks), private-use and unassigned code points. A block is
#: compared without them.
_UNPRINTED = regex.compile(r"\p{C}+")


def _squashed(text: str) -> str:
    """The text without white space and the characters the extraction drops: what blocks
    and lines are compared by."""
    squashed = "".join(text.split())
    return _UNPRINTED.sub("", squashed) if not squashed.isprintable() else squashed


def _add_bylines(doc: Doc, bylines: list[str | None], text: str) -> list[str]:
    """Authors from byline elements, per story, where the page metadata has none. Returns
    the bylines logged as `html-byline` (a byline with no names in it is not: it is a
    text block like any other)."""
    lines = {" ".join(line.split()) for line in text.splitlines()}
    logged = []
    for story, byline in enumerate(bylines):
        names = byline_authors(byline) if byline else ()
        if not byline or not names:
            continue
        if story == 0 and not doc.page.authors:
            doc.page.authors = names
        doc.html_authors[story] = names
        if byline not in lines:
            doc.html_removals.append(HtmlRemoved(byline, HTML_BYLINE))
            logged.append(byline)
    return logged


def _standalone(element: etree._Element) -> etree._Element:
    """An `<article>` as a document of its own, for extraction."""
    root = lxml_html.Element("html")
    body = etree.SubElement(root, "body")
    body.append(_copy(element))
    return root


def _copy(element: etree._Element) -> etree._Element:
    return lxml_html.fromstring(etree.tostring(element, encoding="unicode"))


def _join_stories(texts: list[str]) -> list[int]:
    """Line numbers where each story after the first starts, once the texts are joined."""
    starts, line = [], 0
    for i, text in enumerate(texts):
        if i:
            starts.append(line)
        line += len(text.splitlines())
    return starts
