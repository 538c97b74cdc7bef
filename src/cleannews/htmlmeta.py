"""Page metadata from the HTML head: Open Graph, JSON-LD, meta tags, `<time>`, `<h1>`.

Read with a handful of XPath lookups instead of trafilatura's metadata pass (which also
runs a date search over the whole page): the head tags are what publishers fill in for
search engines and social cards, so they are usually right, and reading them costs little.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from collections.abc import Iterator
from typing import Any

import regex
from lxml import etree

from cleannews.dates import parse_date
from cleannews.document import PageMeta

_SPACES = regex.compile(r"\s+")
_SUFFIX = regex.compile(r"^(.{10,}?)\s+[|\-–—·]\s+([^|\-–—·]{2,40})$")
_BY = regex.compile(r"^(?:by|von|par|por|door|di|przez)\s+", regex.IGNORECASE)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None


_META_ATTRS = ("property", "name", "itemprop")
MetaIndex = dict[tuple[str, str], list[str]]


def _meta_index(tree: etree._Element) -> MetaIndex:
    """(attribute, value) -> the `content` of the `<meta>` elements that have it, in page
    order: what `//meta[@attribute=value]/@content` finds, read in one walk."""
    index: MetaIndex = {}
    for meta in tree.xpath("//meta[@content]"):
        content = meta.get("content")
        for attr in _META_ATTRS:
            value = meta.get(attr)
            if value is not None:
                index.setdefault((attr, value), []).append(content)
    return index


def _meta(index: MetaIndex, *keys: str) -> str | None:
    for key in keys:
        for attr in _META_ATTRS:
            for value in index.get((attr, key), ()):
                text = _clean(value)
                if text:
                    return text
    return None


def _json_ld(tree: etree._Element) -> Iterator[dict[str, Any]]:
    """Article-like JSON-LD objects of the page (tolerating broken JSON)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = deque([data])  # breadth first; popleft is O(1) on JSON-LD with huge lists
        while stack:
            item = stack.popleft()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [])
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(
                    isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report"))
                    for k in kinds
                ):
                    yield item


def _ld_authors(item: dict[str, Any]) -> list[str]:
    raw = item.get("author") or []
    raw = raw if isinstance(raw, list) else [raw]
    names = []
    for author in raw:
        name = author.get("name") if isinstance(author, dict) else author
        text = _clean(name)
        if text and not text.startswith("http"):
            names.append(text)
    return names


def _date(value: str | None) -> dt.date | dt.datetime | None:
    if not value:
        return None
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_date(text)
    if len(text) <= 10:
        return parsed.date()
    return parsed


def _title(
    tree: etree._Element, index: MetaIndex, ld: list[dict[str, Any]], site: str | None
) -> str | None:
    candidates = [_clean(item.get("headline")) for item in ld]
    candidates.append(_meta(index, "og:title", "twitter:title"))
    h1 = tree.xpath("//h1")
    candidates.append(_clean(" ".join(h1[0].itertext())) if h1 else None)
    titles = tree.xpath("//title/text()")
    candidates.append(_clean(titles[0]) if titles else None)
    for title in candidates:
        if title:
            return _without_site(title, site)
    return None


def _without_site(title: str, site: str | None) -> str:
    found = _SUFFIX.match(title)
    if found and (
        site is None
        or found.group(2).strip().casefold() in site.casefold()
        or len(found.group(2)) <= 25
    ):
        bare: str = found.group(1).strip()
        return bare
    return title


def read_page_meta(tree: etree._Element, url: str | None = None) -> PageMeta:
    """What the page's markup says about its main story."""
    ld = list(_json_ld(tree))
    index = _meta_index(tree)
    site = _meta(index, "og:site_name", "application-name")
    if site is None:
        for item in ld:
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and _clean(publisher.get("name")):
                site = _clean(publisher.get("name"))
                break
    authors = [a for item in ld for a in _ld_authors(item)]
    if not authors:
        byline = _meta(
            index, "author", "article:author", "byl", "sailthru.author", "parsely-author"
        )
        if byline and not byline.startswith("http"):
            authors = [
                _BY.sub("", part).strip()
                for part in regex.split(r"\s*(?:,|;|\band\b|&)\s*", byline)
            ]
    published = None
    for value in [item.get("datePublished") for item in ld] + [
        _meta(
            index,
            "article:published_time",
            "og:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "DC.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
        ),
        next(iter(tree.xpath("//time/@datetime")), None),
    ]:
        published = _date(value if isinstance(value, str) else None)
        if published is not None:
            break
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    return PageMeta(
        title=_title(tree, index, ld, site),
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        published=published,
        site_name=site,
        url=_clean(canonical[0]) if canonical else (_meta(index, "og:url") or url),
        description=_meta(index, "og:description", "description", "twitter:description"),
    )
