"""The speed-ups change nothing: each fast path against the plain computation it replaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

import cleannews
from cleannews import html as H
from cleannews import memo, shapes
from cleannews.pagekind import PageKind
from cleannews.rules import RULE_STAGES, all_packs, rules_for
from cleannews.rules.matcher import RuleMatcher

FIXTURES = Path(__file__).parent / "fixtures"


# -- per-document memo ------------------------------------------------------------------------


def test_the_memo_lives_only_while_a_page_is_cleaned():
    assert memo._MEMO.get() is None
    seen: list[object] = []
    original = shapes.word_count.__wrapped__  # type: ignore[attr-defined]

    def spy(line: str) -> bool:
        seen.append(memo._MEMO.get())
        return bool(original(line) > 4)

    with memo.document_memo():
        inner = memo.memoized(spy)
        assert inner("A line of text.") == inner("A line of text.")
        assert len(seen) == 1  # the second call came from the memo
    assert memo._MEMO.get() is None
    assert inner("A line of text.") is False and len(seen) == 2  # no memo: computed


def test_memoised_shapes_answer_like_the_plain_functions():
    lines = [
        ln for p in sorted((FIXTURES / "seeds").glob("*.txt")) for ln in p.read_text().split("\n")
    ]
    names = ["word_count", "ends_sentence", "_is_short_prose", "is_headline_like", "is_snippet",
             "is_name_like", "bullet_text", "line_key"]  # fmt: skip
    with memo.document_memo():
        for name in names:
            fn = getattr(shapes, name)
            plain = fn.__wrapped__
            assert [fn(x) for x in lines] == [plain(x) for x in lines] == [fn(x) for x in lines]
        plain_prose = shapes._is_short_prose.__wrapped__  # is_prose: the same, memo or not
        assert [shapes.is_prose(x) for x in lines] == [plain_prose(x) for x in lines]


def test_cleaning_twice_and_in_any_order_gives_the_same_records():
    pages = [p.read_bytes() for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    first = [cleannews.clean(p) for p in pages]
    assert [cleannews.clean(p) for p in reversed(pages)] == first[::-1]


# -- rule matcher: only the rules whose max_length allows the line ----------------------------


def one_by_one(rules, line):
    text = line.strip()
    for rule in rules:
        if text and len(text) <= rule.max_length and rule.matches(text):
            return rule
    return None


@pytest.mark.parametrize("stage", RULE_STAGES)
def test_the_matcher_answers_like_trying_the_rules_in_order(stage):
    packs = all_packs()
    languages = sorted({p.language for p in packs if p.language})
    rules = rules_for(packs, stage, languages)
    examples = {x for rule in rules for x in (*rule.match, *rule.no_match)}
    lines = sorted(examples) + [
        x + " " + "padding words " * k for x in sorted(examples)[:40] for k in (5, 20)
    ]
    matcher = RuleMatcher(rules)
    assert [matcher.match(x) for x in lines] == [one_by_one(rules, x) for x in lines]


# -- HTML: candidates found by XPath, tokens cached --------------------------------------------


def html_pages() -> list[str]:
    return [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((FIXTURES / "html").glob("*.html"))
    ]


def plain_tokens(element: etree._Element) -> set[str]:
    words: set[str] = set()
    for attr in ("class", "id"):
        value = element.get(attr) or ""
        words.update(t.lower() for t in H._TOKEN_SPLIT.split(value) if t)
        words.update(v.lower() for v in value.split())
    return words


@pytest.mark.parametrize("index", range(len(html_pages())))
def test_html_candidates_and_tokens_are_those_of_a_full_walk(index):
    tree = H.parse_html(html_pages()[index])
    assert tree is not None
    everything = list(tree.iter(etree.Element))
    assert all(H._tokens(e) == plain_tokens(e) for e in everything)
    captions = [
        e for e in everything if plain_tokens(e) & H._CAPTION_WORDS or e.tag == "figcaption"
    ]
    assert [e for e in H._CAPTION_CANDIDATES(tree) if e in captions] == captions
    markers = {w for words in H.BOILERPLATE_MARKERS.values() for w in words}
    blocks = [e for e in everything if e.tag in H._BLOCK_TAGS and plain_tokens(e) & markers]
    assert [e for e in H._MARKED_BLOCK_CANDIDATES(tree) if e in blocks] == blocks


def plain_byline_marked(element: etree._Element) -> bool:
    """Whether a full walk's tests could take the element as a byline (either reader's)."""
    from cleannews import htmlmeta as M

    if element.get("rel") == "author" or element.get("itemprop") == "author":
        return True
    if plain_tokens(element) & H._BYLINE_WORDS:
        return True
    tokens = f"{element.get('class') or ''} {element.get('id') or ''}".split()
    return any(M._AUTHOR_NAME_TOKEN.search(t) or M._BYLINE_TOKEN.search(t) for t in tokens)


BYLINE_CLASSES = ["Author", "BYLINE", "byLine-name", "post-authorName", "authorship", "auth",
                  "by-line", "writer", "AUTHOR_bio", "entry-author", "Autor", "author\u212a"]  # fmt: skip


@pytest.mark.parametrize("index", range(len(html_pages()) + 1))
def test_byline_candidates_are_those_of_a_full_walk(index):
    from cleannews.htmlmeta import author_marked

    if index < len(html_pages()):
        tree = H.parse_html(html_pages()[index])
    else:  # every class above, on its own and in the id, in any case the page writes
        cells = "".join(
            f'<span class="x {c}">a</span><i id="{c.swapcase()}">b</i><b rel="author">c</b>'
            for c in BYLINE_CLASSES
        )
        tree = H.parse_html(f"<html><body><p itemprop='author'>d</p>{cells}</body></html>")
    assert tree is not None
    wanted = [e for e in tree.iter(etree.Element) if plain_byline_marked(e)]
    if index == len(html_pages()):
        # the itemprop, the 12 rel="author", and span + i of the 8 classes that hold
        # "author" or "byline" ("auth", "by-line", "writer" and "Autor" do not)
        assert len(wanted) == 1 + 12 + 2 * 8
    assert [e for e in author_marked(tree) if e in wanted] == wanted


NESTED = """<html><body><article><h1>Title</h1>
<p>Body text that is long enough to be the article and to outweigh the boxes below it.</p>
<p>More body text, so that the page holds an article and not only boxes of links.</p>
</article>
<div class="share-box"><div class="share-inner"><ul class="related"><li><a href="/1">One</a></li>
<li><a href="/2">Two</a></li><li><a href="/3">Three</a></li></ul></div>
<p><a href="/x">A link line inside</a></p><div class="comments">Nested</div></div>
<div class="comments-area"><h3><a href="/c">Comments</a></h3></div>
<ul><li><a href="/a">Story Alpha</a></li><li><a href="/b">Story Beta</a></li><li><a href="/c">Story Gamma</a>
<ul><li><a href="/d">Story Delta</a></li><li><a href="/e">Story Epsilon</a></li>
<li><a href="/f">Story Zeta</a></li></ul></li></ul>
<p><a href="/y">Another link line</a><p><a href="/z">and one more</a></p></p>
</body></html>"""


def plain_passes(tree: etree._Element) -> list[H.HtmlRemoval]:
    """The markup passes as first written: a full walk, each element's ancestors checked."""

    def detached(element: etree._Element) -> bool:
        return all(ancestor is not tree for ancestor in element.iterancestors())

    removals, total = [], H.visible_length(tree)
    for element in list(tree.iter(etree.Element)):
        if element.getparent() is None or element.tag not in H._BLOCK_TAGS or detached(element):
            continue
        rule = H._marker_rule(frozenset(plain_tokens(element)))
        text = H._text(element)
        if rule is None or len(text) > 0.4 * total or element.find(".//article") is not None:
            continue
        if element.find(".//h1") is None:
            H._drop_keeping_tail(element)
            removals += [H.HtmlRemoval(text, rule)] if text else []
    for tags, share, rule in ((("ul", "ol"), 0.8, H.HTML_LINK_LIST),
                              (H._LINK_LINE_TAGS, 0.95, H.HTML_LINK_LINE)):  # fmt: skip
        for element in list(tree.iter(*tags)):
            if element.getparent() is None or detached(element):
                continue
            text = H._text(element)
            items = [li for li in element if li.tag == "li"]
            if not text or (rule == H.HTML_LINK_LIST and len(items) < 3):
                continue
            if rule == H.HTML_LINK_LIST and len(text.split()) > 25 * len(items):
                continue
            if rule == H.HTML_LINK_LINE and (len(text.split()) > 25 or H._URL_TEXT.match(text)):
                continue
            away = [a for a in element.iter("a") if not (a.get("href") or "#").startswith("#")]
            if sum(len(H._text(a)) for a in away) >= share * len(text):
                H._drop_keeping_tail(element)
                removals.append(H.HtmlRemoval(text, rule))
    return removals


@pytest.mark.parametrize("index", range(len(html_pages()) + 1))
def test_markup_passes_skip_what_they_dropped_like_a_full_walk(index):
    page = [*html_pages(), NESTED][index]
    fast, plain = H.parse_html(page), H.parse_html(page)
    article = PageKind(frozenset({"NewsArticle"}))  # (every pass applies: the full walk's)
    removals = H.remove_marked_elements(fast, article) + H.remove_link_lists(fast)
    removals += H.remove_link_lines(fast, kind=article)
    assert removals == plain_passes(plain)
    assert etree.tostring(fast) == etree.tostring(plain)
    if page is NESTED:
        assert [r.rule for r in removals] == [
            "html-share", "html-comments", "html-link-list", "html-link-line", "html-link-line"
        ]  # fmt: skip


# -- HTML: element classes looked up in C -------------------------------------------------------

TREE_INPUTS = [
    *html_pages(),
    (FIXTURES / "hostile" / "malformed.html").read_text(encoding="utf-8"),
    (FIXTURES / "hostile" / "truncated.html").read_text(encoding="utf-8"),
    (FIXTURES / "hostile" / "scripts_only.html").read_text(encoding="utf-8"),
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Declared.</p></body></html>',
    "<p>A lone fragment</p>",
    "plain text, no markup at all",
    "",
]


@pytest.mark.parametrize("index", range(len(TREE_INPUTS)))
def test_our_parser_builds_the_tree_trafilatura_builds(index):
    from trafilatura.utils import load_html as trafilatura_load_html

    page = TREE_INPUTS[index]
    ours, theirs = H.load_html(page), trafilatura_load_html(page)
    assert (ours is None) == (theirs is None)
    if ours is None:
        return
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert all(isinstance(e, lxml_html.HtmlElement) for e in ours.iter(etree.Element))


def test_trafilatura_extracts_the_same_text_from_our_tree():
    import trafilatura
    from trafilatura.utils import load_html as trafilatura_load_html

    texts = [
        (
            trafilatura.extract(H.load_html(page), favor_recall=True),
            trafilatura.extract(trafilatura_load_html(page), favor_recall=True),
        )
        for page in html_pages()
    ]
    assert all(ours == theirs for ours, theirs in texts)
    assert sum(bool(ours) for ours, _ in texts) >= 5


def test_every_caption_word_contains_a_caption_stem():
    """The cheap substring test before the token sets never turns away a caption."""
    assert all(any(stem in word for stem in H._CAPTION_STEMS) for word in H._CAPTION_WORDS)
