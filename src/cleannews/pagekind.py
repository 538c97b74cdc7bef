"""What a page says it is: the schema.org types and Open Graph type it declares.

Publishers declare the kind of page for search engines: JSON-LD `@type`, microdata
`itemtype`, `og:type`. The HTML passes read it to decide whether a class/id marker names
the page's boilerplate or its content: the comments of a news story are boilerplate, the
posts of a forum thread (`DiscussionForumPosting`, `QAPage`) are the page itself.
Declarations are evidence that holds across sites, unlike class names, which are chosen
freely by each theme.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from lxml import etree

_LD_TYPE = regex.compile(r'"@type"\s*:\s*(?:\[\s*)?"(?:https?://schema\.org/)?([A-Za-z]+)"')
_ITEMTYPE = regex.compile(r"schema\.org/([A-Za-z]+)")
_JSON_LD = etree.XPath('//script[@type="application/ld+json"]/text()')
_ITEMTYPES = etree.XPath("//@itemtype")
_OG_TYPE = etree.XPath('//meta[@property="og:type"]/@content')
#: A page of posts by several people: its comment-marked elements are its content.
DISCUSSION_TYPES = frozenset(
    {"DiscussionForumPosting", "QAPage", "Question", "Answer", "SocialMediaPosting"}
)
#: Not a declared type: the mark of a page whose shape is a thread (its comment-marked
#: posts are most of it; see `cleannews.html.thread_shaped`). Read as a discussion.
THREAD_SHAPE = "shape:thread"
#: Types of a single written piece: its comment section is not part of it.
ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
     "AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle", "ScholarlyArticle"}
)  # fmt: skip
#: Types of a page that gathers many pieces (a category, a shop's range, search results).
#: It outweighs `og:type=article`, which many sites set on every page, but not a declared
#: article type.
COLLECTION_TYPES = frozenset({"CollectionPage", "SearchResultsPage"})
#: Only this much of a JSON-LD block is searched for types (they come first in practice).
_LD_SCAN_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class PageKind:
    """The declared types of a page (schema.org names, and `og:<type>`)."""

    types: frozenset[str]

    @property
    def is_discussion(self) -> bool:
        return bool(self.types & DISCUSSION_TYPES) or THREAD_SHAPE in self.types

    def as_thread(self) -> PageKind:
        """The same page, known by its shape to be a thread of posts."""
        return PageKind(self.types | {THREAD_SHAPE})

    @property
    def is_article(self) -> bool:
        """Declared a single article (and not a discussion)."""
        if self.is_discussion:
            return False
        if self.types & ARTICLE_TYPES:
            return True
        return "og:article" in self.types and not self.types & COLLECTION_TYPES

    @property
    def is_site_page(self) -> bool:
        """Declared a page of the site itself (`og:type=website`, a collection or search
        page), with no article type: a home, category or product page, whose `<article>`
        elements are its items, not stories of their own."""
        declared = "og:website" in self.types or bool(self.types & COLLECTION_TYPES)
        return declared and not self.types & ARTICLE_TYPES

    @property
    def is_typed_article(self) -> bool:
        """Declared an article by a schema.org type (JSON-LD or microdata), not by
        `og:type=article` alone: many themes set that on every page, listings and service
        pages included, while a schema.org article type is written for a post."""
        return self.is_article and bool(self.types & ARTICLE_TYPES)


def page_kind(tree: etree._Element) -> PageKind:
    """The types the page declares in JSON-LD, microdata and `og:type`."""
    found: set[str] = set()
    for text in _JSON_LD(tree):
        found.update(_LD_TYPE.findall(str(text)[:_LD_SCAN_CHARS]))
    for value in _ITEMTYPES(tree):
        found.update(_ITEMTYPE.findall(str(value)))
    found.update(f"og:{str(value).strip().lower()}" for value in _OG_TYPE(tree))
    return PageKind(frozenset(found))


#: What a page that declares nothing is.
UNDECLARED = PageKind(frozenset())
