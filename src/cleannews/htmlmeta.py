"""Page metadata from the HTML head: JSON-LD, Open Graph, meta tags, `<title>`, `<h1>`.

The strongest evidence comes first. Structured data (JSON-LD `NewsArticle`, `Article`,
`BlogPosting`, ... also inside `@graph`, lists, `mainEntity` or a `WebPage`; a forum's
`DiscussionForumPosting`, a `QAPage`'s `Question`) is what publishers and forum engines
fill in for search engines, so its headline, authors and date are read first;
then Open Graph and meta tags; then the `<title>` without its site segment; then the `<h1>`.
Title candidates are cross-checked: an `<h1>` that another source repeats is the visible
headline, confirmed, and wins. A UTC date is read on the publisher's clock where a `<time>`
element shows the same moment with the publisher's offset. When neither JSON-LD nor a meta
tag dates the page, the first microdata `datePublished` outside a comment does (a forum's
first post, dated in its visible text); then the date printed beside the `<h1>`; then
`htmldate` (a trafilatura dependency) looks at the rest of the markup in its fast mode.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
from collections import deque
from collections.abc import Iterable, Iterator, MutableSequence
from typing import Any

import regex
from lxml import etree

from cleannews.dates import date_spans, parse_date, parse_date_line
from cleannews.document import PageMeta
from cleannews.shapes import is_name_like

_SPACES = regex.compile(r"\s+")
#: The separator patterns below start their `\s+` only where a run of spaces starts
#: (`(?<!\s)`): tried from every position of a long run, `\s+` read the rest of the run
#: each time, quadratic on a title with a long run of U+3000 (issue 18).
#: A title's trailing site segment ("Headline | Site"). The separator may also start at
#: the tenth character, the first that `.{10,}?` leaves to it, even inside a run.
_SUFFIX = regex.compile(r"^(.{10,}?)(?:(?<!\s)|(?<=^.{10}))\s+[|\-–—·•»]\s+([^|\-–—·•»]{2,40})$")
#: Separators a site segment may stand behind (as in the benchmark's loose title check).
_SEGMENTS = regex.compile(r"(?<!\s)\s+(?:\||-|–|—|:|»|·|•)\s+")
#: Separators between a headline and a site name in a `<title>` (not ":").
_SITE_SEPARATORS = regex.compile(r"(?<!\s)\s+(?:\||-|–|—|»|·|•)\s+")
#: Separators left at the start of a title ("| Headline"); `_trim_edge_separators` uses it
#: on the reversed title for those at the end, so that it stays one anchored match.
_EDGE_SEPARATORS = regex.compile(r"^(?:[|\-–—·•»:]\s+)+")
_LEADING_SEPARATOR = regex.compile(r"^\s+[|\-–—·•»]\s+")
#: JSON-LD types of a story (NewsArticle, ReportageNewsArticle, BlogPosting, ...).
_STORY_TYPES = regex.compile(r"Article|Posting|^Report$")
_QA_PAGE, _QUESTION = "QAPage", "Question"
#: JSON-LD types of a story whose author is a poster's account name ("pippin06"): a
#: forum's opening post, a question, a social media post.
_POSTING_TYPES = frozenset({"DiscussionForumPosting", _QUESTION, "SocialMediaPosting"})
_WRAPPER_KEYS = ("@graph", "mainEntity", "mainEntityOfPage", "hasPart")
#: How many JSON-LD objects are looked at per page (a catalogue page can list thousands).
_MAX_LD_OBJECTS = 2000
_MAX_TITLE = 300


def _clean(value: object) -> str | None:
    """A text value with entities decoded (JSON-LD often carries `&#039;` or even
    `&amp;#8230;`) and white space collapsed; None for non-strings and empty text."""
    if not isinstance(value, str):
        return None
    text = value
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    return text or None


_META_ATTRS = ("property", "name", "itemprop")
MetaIndex = dict[tuple[str, str], list[str]]


def _meta_index(tree: etree._Element) -> MetaIndex:
    """(attribute, value) -> the `content` of the `<meta>` elements that have it, in page
    order: what `//meta[@attribute=value]/@content` finds, read in one walk. Names are
    case-folded ("DC.Date" and "dc.date" are the same property)."""
    index: MetaIndex = {}
    for meta in tree.xpath("//meta[@content]"):
        content = meta.get("content")
        for attr in _META_ATTRS:
            value = meta.get(attr)
            if value is not None:
                for key in value.split():  # property="og:title dc:title"
                    index.setdefault((attr, key.casefold()), []).append(content)
    return index


def _meta(index: MetaIndex, *keys: str) -> str | None:
    for key in keys:
        for attr in _META_ATTRS:
            for value in index.get((attr, key.casefold()), ()):
                text = _clean(value)
                if text:
                    return text
    return None


def _ld_data(text: str) -> Any:
    """The JSON of a JSON-LD script, tolerating a CDATA or comment wrapper; None if broken."""
    text = text.replace("<![CDATA[", "").replace("]]>", "")
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    end = max(text.rfind("}"), text.rfind("]"))
    if start < 0 or end < start:
        return None
    try:
        return json.loads(text[start : end + 1])
    except (ValueError, RecursionError):
        return None


def _ld_objects(tree: etree._Element) -> Iterator[dict[str, Any]]:
    """The page's JSON-LD objects, breadth first (a page's own object before the ones it
    nests), looking into lists, `@graph`, `mainEntity` and `hasPart`."""
    seen = 0
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        stack = deque([_ld_data(script.text or "")])  # popleft is O(1) on huge lists
        while stack and seen < _MAX_LD_OBJECTS:
            item = stack.popleft()
            if isinstance(item, list):
                stack.extend(item[:_MAX_LD_OBJECTS])
            elif isinstance(item, dict):
                seen += 1
                yield item
                stack.extend(item[key] for key in _WRAPPER_KEYS if key in item)


def _types(item: dict[str, Any]) -> list[str]:
    kind = item.get("@type")
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]


def _is_story(item: dict[str, Any]) -> bool:
    return any(_STORY_TYPES.search(k) for k in _types(item))


def _json_ld(tree: etree._Element) -> list[dict[str, Any]]:
    """Story objects of the page's JSON-LD (the first one is the page's own story), with
    an `author` or `publisher` that only refers to another object (`{"@id": ...}`, as
    the `@graph` of most publishing tools writes it) replaced by that object. The question
    of a `QAPage` is its story too (`_asked`)."""
    objects = list(_ld_objects(tree))
    nodes: dict[str, dict[str, Any]] = {}
    for item in objects:
        ref = item.get("@id")
        if isinstance(ref, str) and "name" in item:
            nodes.setdefault(ref, item)  # (the first object of an id is the one it names)
    # (a QAPage's question is one of `objects` too: the same dict, read under its key)
    asked = {id(item["mainEntity"]): question for item in objects if (question := _asked(item))}
    stories = [
        asked.get(id(item)) or item for item in objects if id(item) in asked or _is_story(item)
    ]
    return [_with_references(item, nodes) for item in stories]


def _asked(item: dict[str, Any]) -> dict[str, Any] | None:
    """The question a `QAPage` is about (its `mainEntity`), as a story: its `name` is the
    headline, its `author` the one who asked (a forum's opening poster). Only a QAPage's:
    the questions of a `FAQPage` are the items of a page, with no author of their own."""
    if _QA_PAGE not in _types(item):
        return None
    question = item.get("mainEntity")
    if not isinstance(question, dict) or _QUESTION not in _types(question):
        return None
    return {"headline": question.get("name"), **question}


def _with_references(item: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """`item` with its author and publisher references looked up in `nodes`."""
    found: dict[str, object] = {}
    for key in ("author", "publisher"):
        value = item.get(key)
        if isinstance(value, list):
            found[key] = [_referenced(v, nodes) for v in value[:50]]
        elif value is not None:
            found[key] = _referenced(value, nodes)
    return {**item, **found}


def _referenced(value: object, nodes: dict[str, dict[str, Any]]) -> object:
    """The object a bare reference names (`{"@id": "#jane"}`), or `value` itself."""
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return nodes.get(value["@id"], value)
    return value


def _ld_person_names(
    value: object, publisher: str | None, *, publisher_too: bool = False
) -> Iterator[str]:
    """Names of a JSON-LD `author`: a string, a Person or Organization, or a list of them.
    An Organization that is the publisher itself names no writer, unless `publisher_too`
    (the last resort of a page that names nobody else)."""
    for author in (value if isinstance(value, list) else [value])[:50]:
        if isinstance(author, dict):
            name = _clean(author.get("name"))
            if (
                name
                and not publisher_too
                and "Organization" in _types(author)
                and _same_text(name, publisher)
            ):
                continue
        else:
            name = _clean(author)
        if name:
            yield name


#: Longest account name taken from a posting's author.
_MAX_HANDLE = 60


def _poster_names(item: dict[str, Any]) -> tuple[str, ...]:
    """The account names that a posting (`_POSTING_TYPES`: a forum's opening post, a
    question) declares as its author, as they stand: on a forum the author is an account
    ("pippin06", "user447274"), not a person's name, and the one word with digits that a
    byline would not pass as a name is the answer. Addresses and links are not names."""
    if not _POSTING_TYPES.intersection(_types(item)):
        return ()
    names: dict[str, None] = {}
    for name in _ld_person_names(item.get("author"), None, publisher_too=True):
        if len(name) <= _MAX_HANDLE and not _HANDLE_OR_MAIL.search(name):
            names.setdefault(name, None)
    return tuple(names)[:10]


_POSTING_SCOPES = etree.XPath(
    "//*[@itemscope and (contains(@itemtype, 'Question') or contains(@itemtype, 'Posting'))]"
)


#: Microdata items that open a thread (not a `SocialMediaPosting`: on a page that
#: declares no story in JSON-LD, that is as often a post embedded in an article).
_THREAD_TYPES = frozenset({"DiscussionForumPosting", _QUESTION})


def _microdata_thread(tree: etree._Element) -> dict[str, Any] | None:
    """The page's first thread-opening item in microdata (`_THREAD_TYPES`, as forum and Q&A
    engines write it), as a JSON-LD story: its own `author` (the `author` property whose
    nearest item is the post, not a comment's or an answer's inside it) and its
    `datePublished` (or `dateCreated`, when the question was asked). Read only on a page
    whose JSON-LD declares no story."""
    for scope in _POSTING_SCOPES(tree)[:20]:
        kind = _item_type(scope)
        if kind not in _THREAD_TYPES:
            continue
        own: dict[str, Any] = {"@type": kind}
        for part in scope.iterdescendants(etree.Element):
            prop = part.get("itemprop")
            if prop in _THREAD_PROPERTIES and prop not in own and _owner(part) is scope:
                own[prop] = _item_name(part) if prop == "author" else _item_value(part)
        own.setdefault("datePublished", own.get("dateCreated"))
        return own
    return None


#: What a thread item's own properties say of the page.
_THREAD_PROPERTIES = frozenset({"author", "datePublished", "dateCreated"})


def _item_value(element: etree._Element) -> str | None:
    """A microdata property's value: a `<meta>`'s content, a `<time>`'s datetime, or text."""
    return _clean(element.get("content") or element.get("datetime") or " ".join(element.itertext()))


def _item_type(element: etree._Element) -> str:
    """The type an item declares (`https://schema.org/Question` -> "Question")."""
    declared: str = element.get("itemtype") or ""
    return declared.strip().rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _owner(element: etree._Element) -> etree._Element | None:
    """The item that an element's `itemprop` belongs to: its nearest `itemscope` ancestor."""
    return next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)


def _item_name(author: etree._Element) -> str | None:
    """An author item's `name` property (a `<meta>`'s content or an element's text),
    else the author element's own text."""
    for part in author.iterdescendants(etree.Element):
        if part.get("itemprop") == "name" and _owner(part) is author:
            return _clean(part.get("content") or " ".join(part.itertext()))
    if author.get("itemscope") is None:
        return _clean(" ".join(author.itertext()))
    return None


def _is_organisation(value: object) -> bool:
    """Whether a JSON-LD `author` is an Organization (whose one-word name is no handle)."""
    first = value[0] if isinstance(value, list) and value else value
    return isinstance(first, dict) and "Organization" in _types(first)


def _publisher(item: dict[str, Any]) -> str | None:
    publisher = item.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    return _clean(publisher.get("name")) if isinstance(publisher, dict) else _clean(publisher)


#: "By", "Written by", "Author:" ... before a byline's names.
_BY = regex.compile(
    r"^(?:(?:written|posted|published|reviewed|edited)\s+by|by|von|par|por|door|di|przez|"
    r"автор|authors?|writer|posted)\s*:?\s+",
    regex.IGNORECASE,
)
_NAME_SPLIT = regex.compile(
    r"\s*(?:,|;|\||/|&|\s[-–—•·]\s|\s(?:and|und|et|y|e|en|og|och)\s)\s*", regex.I
)
_AND = regex.compile(r"^(?:and|und|et|y|e|en|og|och)\s+", regex.IGNORECASE)
_HANDLE_OR_MAIL = regex.compile(r"\S*@\S*|https?://\S*|www\.\S*")
#: Words that start a job title after a name ("Jane Doe, Senior Reporter").
_ROLE_WORDS = frozenset({
    "editor", "editors", "reporter", "reporters", "correspondent", "correspondents",
    "writer", "writers", "contributor", "contributors", "columnist", "producer", "staff",
    "senior", "chief", "former", "principal", "associate", "assistant", "deputy",
    "managing", "executive", "director", "manager", "founder", "ceo", "professor",
    "journalist", "analyst", "programmer", "technologist", "consultant", "photographer",
    "intern", "fellow",
})  # fmt: skip


def author_names(bylines: Iterable[str]) -> tuple[str, ...]:
    """Person names from author values or byline texts: "By", e-mails, handles, links and
    job titles are dropped, several names are split ("A and B", "A, B")."""
    names: dict[str, None] = {}
    for byline in bylines:
        text = _HANDLE_OR_MAIL.sub(" ", _clean(byline) or "").strip()
        for part in _name_parts(_BY.sub("", text), labelled=_BY.match(text) is not None):
            part = _AND.sub("", _BY.sub("", part.strip(" .,:;-–—()[]")))
            name, role = _name_only(part)
            if name:
                names.setdefault(name, None)
            if role:  # what follows a job title is its employer or desk, not a name
                break
    return tuple(names)


def _name_parts(text: str, labelled: bool) -> Iterator[str]:
    """The parts of a byline's text that may each hold a name (`_NAME_SPLIT`), each cut
    before a date that starts inside it where the date alone kept it from being a name:

    * a part whose words run into a date's weekday or month with no digit of the date
      in it ("Jane Doe Monday" of "Jane Doe Monday, March 7, 2016") loses those words;
    * a part that follows a by-label ("By JANE DOE March 11, 2015", `labelled` for the
      text's first part) is read up to its date; without the label, what stands before
      a date is as often a desk, an agency or a label ("Associated Press Published") as
      a name, and a part with digits stays no name (`_name_only`), as before.
    """
    spans = date_spans(text)
    start = 0
    for separator in [*_NAME_SPLIT.finditer(text), None]:
        end = len(text) if separator is None else separator.start()
        part = text[start:end]
        cut = next((begin for begin, _ in spans if start < begin < end), None)
        if cut is not None and _name_before_date(text[start:cut], part, labelled):
            part = _without_trailing_labels(text[start:cut])
        yield part
        labelled = False
        if separator is not None:
            start = separator.end()


def _name_before_date(before: str, part: str, labelled: bool) -> bool:
    """Whether what stands before a date in `part` is read as a name (see `_name_parts`)."""
    if _has_digit(before):
        return False
    return labelled or not _has_digit(part) or _BY.match(part.strip()) is not None


def _without_trailing_labels(text: str) -> str:
    """`text` without the label words that end it ("kestrel9 on" of "Posted by kestrel9
    on Friday May 3, 2024")."""
    words = text.split()
    while words and words[-1].casefold() in _LABEL_WORDS:
        words.pop()
    return " ".join(words)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


#: Words of a byline's label rather than of a name ("Posted by", "The author").
_LABEL_WORDS = frozenset({"posted", "by", "on", "the", "author", "written", "published", "updated"})


def _name_only(part: str) -> tuple[str | None, bool]:
    """The name in one part of a byline (None if none) and whether a job title followed it.
    A title is cut from its first role word; words between a two-word name and that word
    belong to the title ("Jane Doe Games Editor")."""
    words = part.split()
    if all(w.casefold() in _LABEL_WORDS for w in words):
        return None, False
    role = next((i for i, w in enumerate(words) if w.casefold().strip(".,") in _ROLE_WORDS), None)
    if role is not None:
        words = words[: 2 if role > 2 else role]
    if not 1 <= len(words) <= 5 or _has_digit(" ".join(words)):
        return None, role is not None
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 2:  # initials ("CM")
        return None, role is not None
    name = " ".join(words).strip(" .,:;-–—")
    return (name if any(ch.isalpha() for ch in name) else None), role is not None


#: Class or id tokens of a byline element ("byline", "author-name", "post-author").
_BYLINE_TOKEN = regex.compile(r"byline|author(?!i[sz]|it)", regex.IGNORECASE)
#: Tokens of an author's box rather than the byline (a biography, a photo, links).
_NOT_BYLINE_TOKEN = regex.compile(
    r"bio|avatar|photo|image|img|pic|social|desc|about|box|more|follow|tab|comment",
    regex.IGNORECASE,
)
#: The name inside an author's box ("author-box__name", "authorName"): the box's other
#: parts (biography, photo, links) are not a byline, its name is.
_AUTHOR_NAME_TOKEN = regex.compile(r"author[\w-]*name$", regex.IGNORECASE)
#: Class or id of a comment section, whose bylines name commenters.
_COMMENTS = regex.compile(r"comment|repl(?:y|ies)|discussion", regex.IGNORECASE)
_SKIPPED_TAGS = frozenset({"head", "script", "style", "noscript", "template", "meta", "link"})


_WITH_MARKS = etree.XPath("descendant-or-self::*[@class or @id or @rel or @itemprop]")


def author_marked(tree: etree._Element) -> list[etree._Element]:
    """The elements that may be marked as a byline, in page order: `rel`/`itemprop`
    "author", or a class or id that holds "author" or "byline" in any case. Every token
    the byline tests accept holds one of the two (no other letter folds to theirs), so
    this only spares those tests the page's other elements."""
    found = []
    for element in _WITH_MARKS(tree):
        if element.get("rel") == "author" or element.get("itemprop") == "author":
            found.append(element)
            continue
        value = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if "author" in value or "byline" in value:
            found.append(element)
    return found


def _byline_elements(tree: etree._Element) -> Iterator[etree._Element]:
    """Elements marked as a byline: `rel`/`itemprop` "author", or a class or id token
    that names one (not an author's biography box), in page order."""
    for element in author_marked(tree):
        if element.tag in _SKIPPED_TAGS:
            continue
        if element.get("rel") == "author" or element.get("itemprop") == "author":
            yield element
            continue
        tokens = f"{element.get('class') or ''} {element.get('id') or ''}".split()
        if any(
            _AUTHOR_NAME_TOKEN.search(t)
            or (_BYLINE_TOKEN.search(t) and not _NOT_BYLINE_TOKEN.search(t))
            for t in tokens
        ):
            yield element


def _markup_authors(tree: etree._Element) -> tuple[str, ...]:
    """The names of the first byline element with a short text that names someone, else
    of the first link to an author page (`/author/name`, the blog engines' convention),
    else the first name standing in an element of its own inside a byline element."""
    passes = (
        (_byline_elements, _whole_text_names),
        (_author_links, _whole_text_names),
        (_byline_elements, _name_inside),
    )
    for elements, names_of in passes:
        for count, element in enumerate(elements(tree)):
            if count >= 50:
                break
            if any(a.tag in _SKIPPED_TAGS or _in_comments(a) for a in element.iterancestors()):
                continue
            names = names_of(element)
            if names:
                return names[:10]
    return ()


_USER_NAME_CANDIDATES = etree.XPath(
    "//body//*[contains(translate(@class, 'USERNAME-_', 'username'), 'username')]"
    "[not(ancestor-or-self::form or ancestor::header or ancestor::nav or ancestor::footer)]"
)
#: Longest account name taken from a user-name element (in characters and in words).
_MAX_ACCOUNT_CHARS = 40
_MAX_ACCOUNT_WORDS = 3


def _poster_account(tree: etree._Element) -> tuple[str, ...]:
    """The account name in the first element whose class says it holds a user name
    ("username", "bigusername", "PostUser-name"), for a page that names nobody otherwise.
    Forum engines without structured data mark every post's poster so, and the first post,
    the thread's, comes first; a login form's, the header's or a menu's field is no
    poster. The name is taken as it stands ("pippin06"), like a declared poster's."""
    for count, element in enumerate(_USER_NAME_CANDIDATES(tree)):
        if count >= 50:
            break
        text = _clean(" ".join(element.itertext()))
        if (
            text
            and len(text) <= _MAX_ACCOUNT_CHARS
            and len(text.split()) <= _MAX_ACCOUNT_WORDS
            and any(ch.isalpha() for ch in text)
        ):
            return (text,)
    return ()


def _whole_text_names(element: etree._Element) -> tuple[str, ...]:
    """The names in a byline element's short text; where the text as a whole names nobody
    and one of its parts is a date, its first part shaped as a person's name, the one
    after a "By" label if there is one: a date and a name in elements side by side ("Dec
    17, 2025" "Ana Lima"), read as one text, glue the year to the name, and a section
    label may stand before a labelled name ("Politics" "by" "Ana Lima")."""
    text = _clean(" ".join(element.itertext()))
    if not text or len(text) > 120:
        return ()
    names = author_names([text])
    if names:
        return names
    parts = [piece for piece in map(_clean, element.itertext()) if piece]
    if not any(parse_date_line(part) for part in parts):
        return ()
    labelled = [b for a, b in itertools.pairwise(parts) if _BY.fullmatch(f"{a} ")]
    named = [part for part in labelled + parts if is_name_like(_BY.sub("", part))]
    return author_names(named[:1])


#: How many elements inside a byline element are looked at for a name of their own.
_MAX_BYLINE_PARTS = 30
#: Characters of an author's box at most (a name, a role, a few lines of biography).
_MAX_AUTHOR_BOX = 1000
_TEXT_LENGTH = etree.XPath("string-length(normalize-space())")


def _name_inside(byline: etree._Element) -> tuple[str, ...]:
    """The name in an element of its own inside a byline element whose whole text names
    nobody: the name beside a date ("Ana Lima" over "May 2, 2024"), or above the
    biography in an author's box. Only a text shaped as a person's name counts (two to
    five capitalised words), so labels and buttons ("Share", "Follow") do not. An element
    with more text than an author's box (a page wrapper whose class says "single-author")
    is no byline."""
    if int(_TEXT_LENGTH(byline)) > _MAX_AUTHOR_BOX:
        return ()
    for count, part in enumerate(byline.iterdescendants(etree.Element)):
        if count >= _MAX_BYLINE_PARTS:
            break
        if not isinstance(part.tag, str) or part.tag in _SKIPPED_TAGS:
            continue
        text = _BY.sub("", _clean(" ".join(part.itertext())) or "")
        if is_name_like(text):
            return author_names([text])
    return ()


def _better_byline(declared: tuple[str, ...], shown: tuple[str, ...]) -> tuple[str, ...]:
    """The page's byline where the declared author is missing or only a handle: a declared
    author of one word ("KatieS", "admin", "editor") is often the account that posted the
    page, while the byline a reader sees names the writer in full."""
    if not declared:
        return shown
    return shown if any(" " in name for name in shown) else declared


def _author_links(tree: etree._Element) -> Iterator[etree._Element]:
    """Links to an author's page, in page order: `/author/...` (the blog engines'
    convention), or a people-like folder (`/authors/`, `/writers/`, `/profile/`, ...) whose
    last segment spells the link's own text ("/authors/ana-lima" for "Ana Lima"). The
    agreement of slug and text is what tells a person's page from a section's. Links in
    navigation and to other sites (a cited source's biography) name no writer here."""
    host = _host(_first(tree.xpath('//link[@rel="canonical"]/@href')))
    for link in _LINKS(tree):
        href = (link.get("href") or "").split("?")[0].split("#")[0].casefold()
        if "/author/" in href:
            yield link
            continue
        if (host and _host(href) not in ("", host)) or _in_navigation(link):
            continue
        segments = [s for s in href.split("/") if s]
        if len(segments) < 2 or not _PEOPLE_FOLDERS.intersection(segments[:-1]):
            continue
        slug = _SLUG_FOLD.sub("", segments[-1])
        text = _SLUG_FOLD.sub("", _fold(" ".join(link.itertext())))
        if len(text) >= 4 and (slug == text or slug.startswith(text)):
            yield link


_LINKS = etree.XPath("//a[@href]")
_NAVIGATION_TAGS = frozenset({"nav", "footer", "menu"})
_NAVIGATION_TOKENS = frozenset({"nav", "navbar", "navigation", "menu", "footer", "breadcrumb"})
_TOKEN_SPLIT = regex.compile(r"[^a-z]+")


def _in_navigation(element: etree._Element) -> bool:
    """Inside a `<nav>`, `<footer>` or `<menu>`, or an element whose class or id says so."""
    for ancestor in element.iterancestors():
        if ancestor.tag in _NAVIGATION_TAGS:
            return True
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".casefold()
        if _NAVIGATION_TOKENS.intersection(_TOKEN_SPLIT.split(marks)):
            return True
    return False


def _host(url: str | None) -> str:
    """The host of an absolute URL, without `www.` ("" for a relative one)."""
    if not url or "//" not in url:
        return ""
    host = url.split("//", 1)[1].split("/", 1)[0].casefold()
    return host.removeprefix("www.")


def _first(values: list[Any]) -> str | None:
    return str(values[0]) if values else None


#: Folders of personal pages on news sites, blogs and forums.
_PEOPLE_FOLDERS = frozenset({
    "authors", "writers", "writer", "contributors", "contributor", "people", "staff",
    "profile", "profiles", "user", "users", "userprofile", "members", "member", "team",
    "journalists", "columnists", "experts", "expert", "editors",
})  # fmt: skip
_SLUG_FOLD = regex.compile(r"[^\p{L}\p{N}]+")


def _in_comments(element: etree._Element) -> bool:
    return bool(_COMMENTS.search(f"{element.get('class') or ''} {element.get('id') or ''}"))


def _fold(text: str | None) -> str:
    """A title or name for comparison: case, quotes and white space folded."""
    folded = (text or "").casefold().replace("’", "'").replace("‘", "'")
    folded = folded.replace("“", '"').replace("”", '"')
    spaced: str = _SPACES.sub(" ", folded)
    return spaced.strip()


def _same_text(a: str | None, b: str | None) -> bool:
    return bool(a and b) and _fold(a) == _fold(b)


def _segments(title: str) -> list[str]:
    return [s for s in _SEGMENTS.split(_fold(title)) if s]


def _repeats(h1: str, title: str) -> bool:
    """Whether `title` is `h1`, possibly with site segments before or after it."""
    inner, outer = _segments(h1), _segments(title)
    n = len(inner)
    return n > 0 and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _headings(tree: etree._Element) -> list[str]:
    """The first few `<h1>` texts of the page."""
    texts = (_clean(" ".join(h.itertext())) for h in tree.xpath("//h1")[:5])
    return [t for t in texts if t and len(t) <= _MAX_TITLE]


def _title(
    tree: etree._Element, index: MetaIndex, ld: list[dict[str, Any]], site: str | None
) -> str | None:
    """The headline: an `<h1>` that a metadata title repeats (the visible headline,
    confirmed); else the structured headline, Open Graph or `<title>` without its site
    segment; else the `<h1>`. A candidate that is only the site's name is no headline."""
    titles = tree.xpath("//title")
    page_title = _clean(" ".join(titles[0].itertext())) if len(titles) else None
    declared = [_clean(item.get("headline")) for item in ld[:1]]
    declared += [_meta(index, "og:title"), _meta(index, "twitter:title"), _meta(index, "dc.title")]
    declared.append(page_title)
    sites = {_fold(s) for s in (site, *_site_segments(page_title, site)) if s}
    headings = [h for h in _headings(tree) if _fold(h) not in sites]
    for heading in headings:
        if any(t and _repeats(heading, t) for t in declared):
            return heading
    bares = [_without_site(t, site) for t in declared if t and len(t) <= _MAX_TITLE]
    for bare in bares:
        if not _same_text(bare, site):
            return _completed(bare, bares)
    return headings[0] if headings else None


_ELLIPSIS = regex.compile(r"\s*(?:\.{3}|…)$")
#: Headlines cut at a fixed length are long: a shorter one that another title extends is
#: a headline with more words after it (a site name, a colour), not a cut one.
_CUT_TITLE_MIN = 60


def _completed(title: str, others: list[str]) -> str:
    """`title`, or the longer title another source gives where `title` is only its start:
    structured headlines are often cut at a fixed length ("... Solutions (Including"),
    while `og:title` or the `<title>` carries the whole headline. A longer title that goes
    on with a site segment ("Headline | Site") does not complete it."""
    cut = _ELLIPSIS.search(title) is not None
    start = _fold(_ELLIPSIS.sub("", title))
    if not start or not (cut or len(start) >= _CUT_TITLE_MIN):
        return title
    longer = [
        o
        for o in others
        if _fold(o).startswith(start)
        and len(_fold(o)) > len(start)
        and not _SEGMENTS.match(_fold(o)[len(start) :])
    ]
    return max(longer, key=len) if longer else title


def _site_segments(title: str | None, site: str | None) -> list[str]:
    """The site segment of a `<title>` with several: the last ("Headline | Site"), unless
    the first is the site's name."""
    parts = [p for p in _SITE_SEPARATORS.split(title or "") if p]
    return parts[-1:] if len(parts) > 1 and not _same_text(parts[0], site) else []


def _trim_edge_separators(title: str) -> str:
    """The title without separators at either end ("| Headline -"). The end's are found
    as the start's of the reversed title: one anchored match instead of a search from
    every position, which was quadratic on a run of separators."""
    head = _EDGE_SEPARATORS.match(title)
    title = title[head.end() :] if head else title
    tail = _EDGE_SEPARATORS.match(title[::-1])
    return title[: len(title) - tail.end()] if tail else title


def _without_site(title: str, site: str | None) -> str:
    """The title without a leading segment that is the site's name ("Site | Headline"), or
    else a trailing site segment, and without a separator left at either end. "Site:
    Headline" keeps its first part: a colon there as often introduces the headline."""
    title = _trim_edge_separators(title).strip() or title
    if site and title[: len(site)].casefold() == site.casefold():
        rest: str = _LEADING_SEPARATOR.sub("", title[len(site) :])
        if rest != title[len(site) :] and len(rest) >= 10:
            return rest.strip()
    found = _SUFFIX.match(title)
    if found and (
        site is None
        or found.group(2).strip().casefold() in site.casefold()
        or len(found.group(2)) <= 25
    ):
        bare: str = found.group(1).strip()
        return bare
    return title


_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
)


def _date(value: object, language: str | None = None) -> dt.date | dt.datetime | None:
    """An ISO date or time, or else a date phrase (`parse_date`; `language` "en-US" reads a
    numeric date month first)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_date(text[:120], language)
    if len(text) <= 10:
        return parsed.date()
    return parsed


def _published(
    tree: etree._Element, index: MetaIndex, ld: list[dict[str, Any]]
) -> dt.date | dt.datetime | None:
    """The publication date: JSON-LD, then meta tags (on the publisher's clock, see
    `_in_local_time`), then microdata (`_microdata_date`), then htmldate's fast search of
    the markup (its own header, JSON and `<time>` checks), which finds most of what is left."""
    for value in [item.get("datePublished") for item in ld[:1]] + [_meta(index, *_DATE_KEYS)]:
        found = _date(value)
        if found is not None:
            return _in_local_time(found, tree)
    return _microdata_date(tree) or _date_beside_headline(tree) or _htmldate(tree)


_MICRODATA_DATES = etree.XPath(
    "//*[@itemprop='datePublished' or @itemprop='dateCreated']"
    "[not(ancestor::*[@itemprop='review' or @itemprop='comment'])]"
)


def _microdata_date(tree: etree._Element) -> dt.date | dt.datetime | None:
    """The first microdata `datePublished` (or `dateCreated`) of the page, for a page whose
    JSON-LD and meta tags give none. Forum engines mark each post as an item (`Comment`,
    `Post`) with its date in the visible text ("11-29-2024, 09:03 AM") rather than in a
    `content` or `datetime` attribute, where htmldate looks; the first post is the thread's
    opening one, which dates the page. A numeric date in the text is read on the page's
    declared language (`<html lang="en-US">`: month first)."""
    language = tree.getroottree().getroot().get("lang")
    for element in _MICRODATA_DATES(tree)[:5]:
        found = _date(_item_value(element), language)
        if found is not None:
            return found
    return None


#: How many `<time datetime>` elements are read for the publisher's own clock.
_MAX_TIME_ELEMENTS = 200
_TIME_VALUES = etree.XPath("//time/@datetime")


def _in_local_time(found: dt.date | dt.datetime, tree: etree._Element) -> dt.date | dt.datetime:
    """`found` on the publisher's clock, where the page shows that clock.

    Structured data is often serialised in UTC ("2025-03-04T02:10:00Z") while the page
    shows the same moment in the publisher's own zone (`<time datetime=
    "2025-03-03T21:10:00-05:00">March 3, 2025</time>`): near midnight the two are on
    different days, and the day the page shows its readers is the local one. So a UTC
    time is read on the clock of a `<time>` element that names the very same moment
    with another offset; without one, UTC stays (nothing says which zone is local)."""
    if not isinstance(found, dt.datetime) or found.utcoffset() != dt.timedelta(0):
        return found
    for value in _TIME_VALUES(tree)[:_MAX_TIME_ELEMENTS]:
        shown = _date(value)
        if isinstance(shown, dt.datetime) and shown.utcoffset() and shown == found:
            return shown  # (aware datetimes compare as moments)
    return found


#: Characters of visible text read after the headline, and before it, for a shown date:
#: a kicker, the byline, a reading time and a share bar fit; the article does not.
_HEADER_TEXT_AFTER = 600
_HEADER_TEXT_BEFORE = 300
#: A text of this many words is prose: the header ends there.
_HEADER_PROSE_WORDS = 25
_TEXT_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_HEADLINES = etree.XPath("(//h1)[1]")


def _date_beside_headline(tree: etree._Element) -> dt.date | dt.datetime | None:
    """The date the page prints beside its headline, for a page whose structured data
    dates nothing: a text that is only a date line ("Published October 3, 2025", "Last
    updated: Dec 2, 2025"), or a `<time datetime>`, among the short texts just above or
    below the first `<h1>` and before any prose. That is the day the reader is shown;
    `htmldate`, which comes next, guesses from URLs, scripts and date-classed elements
    anywhere on the page, and misses a date printed in plain elements. The date nearest
    to the headline wins, the one below it at equal distance."""
    headline = _HEADLINES(tree)
    if not headline:
        return None
    language = tree.getroottree().getroot().get("lang")
    before, after = _texts_around(tree, headline[0])
    nearest = []
    sides = ((after, _HEADER_TEXT_AFTER), (reversed(before), _HEADER_TEXT_BEFORE))
    for side, (texts, budget) in enumerate(sides):
        read = 0
        for text, owner in texts:
            read += len(text)
            if len(text.split()) >= _HEADER_PROSE_WORDS or read > budget:
                break
            found = _shown_date(text, owner, language)
            if found is not None:
                nearest.append((read, side, found))
                break
    return min(nearest, key=lambda item: item[:2])[2] if nearest else None


def _shown_date(
    text: str, owner: etree._Element, language: str | None
) -> dt.date | dt.datetime | None:
    """The date a short visible text shows when it is only a date line, else its
    `<time>`'s machine-readable value ("3 min read" in a `<time>`). The text comes first:
    a `<time>` often holds the moment in UTC while its text shows the reader's day."""
    shown = parse_date_line(text, language) if len(text) <= _MAX_DATE_TEXT else None
    if shown is None and owner.tag == "time":
        return _date(owner.get("datetime"), language)
    return shown


#: Longest text read as a date line (a date, a time, a weekday and a label fit).
_MAX_DATE_TEXT = 120
Texts = list[tuple[str, etree._Element]]


def _texts_around(tree: etree._Element, headline: etree._Element) -> tuple[Texts, Texts]:
    """The visible texts of the page just before `headline` (the last ones) and after it
    (the first ones; not its own), in page order, each with the element that holds it."""
    before: deque[tuple[str, etree._Element]] = deque(maxlen=_HEADER_TEXT_BEFORE)
    after: Texts = []
    state, hidden = "before", 0
    for event, element in etree.iterwalk(tree, events=("start", "end", "comment", "pi")):
        tagged = isinstance(element.tag, str)
        if event == "start":
            if element is headline:
                state = "inside"
            if tagged and element.tag in _TEXT_HIDDEN_TAGS:
                hidden += 1
            elif tagged and not hidden and state != "inside":
                _add_text(before if state == "before" else after, element.text, element)
            continue
        if tagged and element.tag in _TEXT_HIDDEN_TAGS:
            hidden -= 1
        if element is headline:
            state = "after"
        parent = element.getparent()
        if not hidden and state != "inside" and parent is not None:
            _add_text(before if state == "before" else after, element.tail, parent)
        if len(after) > _HEADER_TEXT_AFTER:  # (each text holds a character at least:
            # more texts than the budget has characters are more than it can read)
            break
    return list(before), after


def _add_text(
    texts: MutableSequence[tuple[str, etree._Element]], text: str | None, owner: etree._Element
) -> None:
    cleaned = " ".join((text or "").split())
    if cleaned:
        texts.append((cleaned, owner))


def _htmldate(tree: etree._Element) -> dt.date | None:
    """htmldate's answer: its fast search (head, JSON, `<time>`, date-marked elements),
    then, where that finds nothing, its extensive search of the text (slower, rarely run)."""
    from htmldate import find_date  # a trafilatura dependency; imported when needed

    for extensive in (False, True):
        try:
            found = find_date(tree, extensive_search=extensive, original_date=True)
        except Exception:  # a third-party search must not fail the page
            found = None
        if found:
            try:
                return dt.date.fromisoformat(found)
            except ValueError:
                return None
    return None


def read_page_meta(tree: etree._Element, url: str | None = None) -> PageMeta:
    """What the page's markup says about its main story."""
    ld = _json_ld(tree)
    if not ld and (thread := _microdata_thread(tree)) is not None:
        ld = [thread]
    index = _meta_index(tree)
    publisher = next((p for p in map(_publisher, ld) if p), None)
    site = _meta(index, "og:site_name", "application-name") or publisher
    authors = author_names(n for item in ld[:1] for n in _ld_person_names(item.get("author"), site))
    posters = _poster_names(ld[0]) if ld else ()
    if posters:
        authors = posters
    if not authors:
        authors = author_names(
            _meta(index, key) or ""
            for key in (
                "author",
                "article:author",
                "byl",
                "sailthru.author",
                "parsely-author",
                "dc.creator",
            )
            if not (_meta(index, key) or "").startswith("http")
        )[:10]
    organisation = any(_is_organisation(item.get("author")) for item in ld[:1])
    if not posters and (
        not authors or (not organisation and all(" " not in name for name in authors))
    ):
        authors = _better_byline(authors, _markup_authors(tree))
    if not authors:  # no person anywhere: the publishing organisation wrote the page
        authors = author_names(
            n
            for item in ld[:1]
            for n in _ld_person_names(item.get("author"), site, publisher_too=True)
        )
    if not authors:  # nobody named at all: a forum's first post names its poster's account
        authors = _poster_account(tree)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    return PageMeta(
        title=_title(tree, index, ld, site),
        authors=authors,
        published=_published(tree, index, ld),
        site_name=site,
        url=_clean(canonical[0]) if canonical else (_meta(index, "og:url") or url),
        description=_meta(index, "og:description", "description", "twitter:description"),
    )
