# ruff: noqa: E501  (the page templates read better as unwrapped HTML)
"""Build the multilingual benchmark pages and their golds from ``source/<lang>.txt``.

Run ``python benchmarks/multilingual/make_pages.py`` after editing a source file. It writes
``html/<id>.html.gz`` (gzip with mtime 0, so a rebuild is byte-identical),
``ground-truth.json`` and ``<id>.expected.json``. The committed data is what the benchmark
reads; this script only keeps the HTML and the golds in step.

Source format, one block per page::

    === de-1
    layout: semantic            # one of LAYOUTS
    site / domain / path / section / title
    authors: Name One; Name Two
    byline: Von Name One und Name Two      # as printed; names become links
    date: 2024-03-12T18:45:00+01:00        # machine date (metadata, expected "published")
    shown: 12.03.2024, 18:45 Uhr           # the date as the page prints it
    standfirst: ...
    standfirst-in: header|body             # body: part of the body markup, so in the gold
    meta: og, jsonld, time | none          # which head metadata the page carries
    lang-attr: fr-FR                        # optional <html lang>, default the language
    body-class: article-body               # optional class of the body container
    --- body
    one paragraph per line; "## heading" is an intertitle (in the gold);
    [[link text|/href]] inside a paragraph is a link;
    [figure] caption || credit,  [read-also] headline,  [ad],  [related],  [newsletter]
    --- related
    one headline per line
    --- comments
    author | when | text

Gold (ScrapingHub's convention): the body paragraphs and intertitles in page order, joined
by a blank line; the headline, byline, date, captions and credits, "read also" links, ad
labels, newsletter box, related list, share bar and comments are left out. The standfirst
is in the gold only when the page puts it inside the article-body markup.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chrome import CHROME

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
LINK_RE = re.compile(r"\[\[(.+?)\|(.+?)\]\]")
RTL = {"ar"}


@dataclass
class Item:
    """One element of the article body, in page order."""

    kind: str  # p, h2, figure, read-also, ad, related, newsletter
    text: str = ""
    extra: str = ""


@dataclass
class Page:
    """A page's source: header fields, body items, related headlines and comments."""

    id: str
    lang: str
    meta: dict[str, str]
    items: list[Item]
    related: list[str]
    comments: list[tuple[str, str, str]]
    popular: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> str:
        return self.meta[key]

    @property
    def chrome(self) -> dict[str, Any]:
        return CHROME[self.lang]

    @property
    def base(self) -> str:
        return f"https://www.{self['domain']}"

    @property
    def url(self) -> str:
        return self.base + self["path"]

    @property
    def authors(self) -> list[str]:
        return [a.strip() for a in self["authors"].split(";") if a.strip()]

    @property
    def lead_in_body(self) -> bool:
        return self.meta.get("standfirst-in", "header") == "body"

    @property
    def meta_kinds(self) -> set[str]:
        return {m.strip() for m in self.meta.get("meta", "og").split(",")}

    def gold_paragraphs(self) -> list[str]:
        paras = [self["standfirst"]] if self.lead_in_body else []
        paras += [plain(i.text) for i in self.items if i.kind in ("p", "h2")]
        return paras


# ---------------------------------------------------------------- parsing


def parse_source(path: Path) -> list[Page]:
    """Read every page block of one language file."""
    lang = path.stem
    pages = []
    for block in re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        page_id, _, rest = block.partition("\n")
        sections = re.split(r"^--- (\w+)\n", rest, flags=re.M)
        meta: dict[str, str] = {}
        for line in sections[0].splitlines():
            if line.strip():
                key, _, value = line.partition(":")
                meta[key.strip()] = value.strip()
        parts = dict(zip(sections[1::2], sections[2::2], strict=True))
        pages.append(
            Page(
                page_id.strip(),
                lang,
                meta,
                [parse_item(x) for x in lines(parts.get("body", ""))],
                lines(parts.get("related", "")),
                [parse_comment(x) for x in lines(parts.get("comments", ""))],
            )
        )
    return pages


def lines(text: str) -> list[str]:
    return [x.strip() for x in text.splitlines() if x.strip()]


def parse_comment(line: str) -> tuple[str, str, str]:
    who, when, text = (x.strip() for x in line.split(" | ", 2))
    return who, when, text


def parse_item(line: str) -> Item:
    if line.startswith("## "):
        return Item("h2", line[3:])
    m = re.match(r"\[(figure|read-also|ad|related|newsletter)\]\s*(.*)", line)
    if not m:
        return Item("p", line)
    kind, rest = m.groups()
    if kind == "figure":
        caption, _, credit = rest.partition("||")
        return Item(kind, caption.strip(), credit.strip())
    return Item(kind, rest)


# ---------------------------------------------------------------- helpers


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def plain(text: str) -> str:
    """The visible text of a source paragraph (links reduced to their text)."""
    return LINK_RE.sub(r"\1", text)


def inline(text: str) -> str:
    """A source paragraph as HTML: escaped, with ``[[text|href]]`` turned into links."""
    out, pos = [], 0
    for m in LINK_RE.finditer(text):
        out.append(esc(text[pos : m.start()]))
        out.append(f'<a href="{attr(m[2])}">{esc(m[1])}</a>')
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


TRANSLIT = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "æ": "ae"})


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(TRANSLIT))
    words = re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode().lower())
    if sum(map(len, words)) * 2 < len(text):  # Cyrillic, Arabic: a numeric id
        return str(int(hashlib.md5(text.encode()).hexdigest()[:8], 16))
    return "-".join(words[:8])


def href(page: Page, headline: str) -> str:
    section = slug(page["section"])
    return f"/{section}/{slug(headline)}"


def css_hash(page: Page, name: str) -> str:
    """A CSS-in-JS style class name, stable per page and role."""
    return "css-" + hashlib.sha1(f"{page.id}/{name}".encode()).hexdigest()[:6]


def byline_html(page: Page, tag: str = "a") -> str:
    """The printed byline with each author name marked up (link or bold)."""
    out = esc(page["byline"])
    for name in page.authors:
        target = f"/autor/{slug(name)}"
        if tag == "a":
            repl = f'<a href="{target}" rel="author">{esc(name)}</a>'
        else:
            repl = f"<{tag}>{esc(name)}</{tag}>"
        out = out.replace(esc(name), repl, 1)
    return out


def year(page: Page) -> str:
    return page["date"][:4]


def image_src(page: Page, n: int) -> str:
    digest = hashlib.sha1(f"{page.id}/{n}".encode()).hexdigest()[:12]
    return f"https://img.{page['domain']}/images/{digest}/w_1200.jpg"


# Layout-specific names each site picked in its own language (so no two sites share markup).
PLAIN_NAMES = {  # header, breadcrumb, main column, side column, search path, ad-label suffix
    "es": ("cabecera", "migas", "col-principal", "col-lateral", "buscar", "etiqueta"),
    "fr": ("entete", "fil-ariane", "colonne-principale", "colonne-droite", "recherche", "mention"),
    "it": ("testata", "briciole", "colonna-sx", "colonna-dx", "cerca", "etichetta"),
    "ar": ("header-top", "breadcrumb", "main-col", "side-col", "search", "label"),
}
LEGACY_NAMES = {  # headline class, text id, login path, side column
    "tr": ("baslik", "haberMetni", "uye/giris", "sag"),
    "ru": ("zagolovok", "news_text", "user/login", "right_col"),
    "pl": ("tytul", "trescArtykulu", "logowanie", "prawa"),
    "ar": ("news-title", "newsBody", "members/login", "left_col"),
}
MICRO_NAMES = {  # kicker, read-also box, meta line, subscribe link, body class on <body>, ad box
    "it": ("occhiello", "leggi-anche", "meta-articolo", "abbonamenti", "articolo", "adv"),
    "de": ("dachzeile", "lesen-sie-auch", "artikel-meta", "abo", "artikel", "werbung"),
    "pt": ("chapeu", "leia-tambem", "meta-materia", "assine", "materia", "publicidade"),
    "tr": ("ust-baslik", "ayrica-okuyun", "haber-meta", "abone-ol", "haber-detay", "reklam-alani"),
}


# ---------------------------------------------------------------- <head>


def head(page: Page, extra: str = "") -> str:
    """Title with the site suffix, description, canonical and the page's metadata kinds."""
    c = page.chrome
    title = f"{page['title']} | {page['site']}"
    out = [
        '<meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{attr(page["standfirst"])}">',
        f'<link rel="canonical" href="{attr(page.url)}">',
    ]
    kinds = page.meta_kinds
    if "og" in kinds:
        og_title = page.meta.get("og-title", page["title"])
        out += [
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{attr(og_title)}">',
            f'<meta property="og:description" content="{attr(page["standfirst"])}">',
            f'<meta property="og:url" content="{attr(page.url)}">',
            f'<meta property="og:site_name" content="{attr(page["site"])}">',
            f'<meta property="og:image" content="{image_src(page, 0)}">',
            '<meta name="twitter:card" content="summary_large_image">',
        ]
    if "time" in kinds:
        out.append(f'<meta property="article:published_time" content="{page["date"]}">')
        out.append(f'<meta property="article:section" content="{attr(page["section"])}">')
    if "jsonld" in kinds:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": page.url},
            "headline": page["title"],
            "description": page["standfirst"],
            "image": [image_src(page, 0)],
            "datePublished": page["date"],
            "dateModified": page["date"],
            "author": [{"@type": "Person", "name": a} for a in page.authors],
            "publisher": {
                "@type": "Organization",
                "name": page["site"],
                "logo": {"@type": "ImageObject", "url": f"{page.base}/static/logo.png"},
            },
            "articleSection": page["section"],
            "inLanguage": page.lang,
        }
        blob = json.dumps(ld, ensure_ascii=False, indent=1 if len(page.id) % 2 else None)
        out.append(f'<script type="application/ld+json">{blob}</script>')
    out += [
        f'<link rel="stylesheet" href="{page.base}/static/css/main.{css_hash(page, "css")[4:]}.css">',
        f'<link rel="icon" href="{page.base}/favicon.ico">',
        '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>',
        "<script>window.dataLayer=window.dataLayer||[];"
        f"dataLayer.push({{'pageType':'article','section':'{slug(page['section'])}'}});"
        "</script>",
        extra,
        f"<!-- {esc(c['cookie'][0])} -->" if len(page.id) % 3 == 0 else "",
    ]
    return "\n".join(x for x in out if x)


def html_open(page: Page, body_attrs: str = "") -> str:
    lang = page.meta.get("lang-attr", page.lang)
    direction = ' dir="rtl"' if page.lang in RTL else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{direction}>\n<head>\n{head(page)}\n</head>\n'
        f"<body{body_attrs}>"
    )


# ---------------------------------------------------------------- shared blocks


def share_bar(page: Page, cls: str = "share-bar", label: bool = True, tag: str = "div") -> str:
    c = page.chrome
    buttons = "".join(
        f'<li><a class="share-{slug(b) if b.isascii() else i}" '
        f'href="#" rel="nofollow">{esc(b)}</a></li>'
        for i, b in enumerate(c["share_buttons"])
    )
    heading = f'<span class="{cls}__label">{esc(c["share"])}</span>' if label else ""
    return f'<{tag} class="{cls}">{heading}<ul>{buttons}</ul></{tag}>'


def newsletter_box(page: Page, cls: str = "newsletter") -> str:
    heading, text, placeholder, button, small = page.chrome["newsletter"]
    return (
        f'<section class="{cls}">\n<h3>{esc(heading)}</h3>\n<p>{esc(text)}</p>\n'
        f'<form action="/newsletter" method="post"><input type="email" name="email" '
        f'placeholder="{attr(placeholder)}"><button type="submit">{esc(button)}</button></form>\n'
        f"<small>{esc(small)}</small>\n</section>"
    )


def related_items(page: Page, with_time: bool = False) -> str:
    out = []
    for n, headline in enumerate(page.related):
        when = f' <span class="time">{12 + n}:0{n}</span>' if with_time else ""
        out.append(f'<li><a href="{href(page, headline)}">{esc(headline)}</a>{when}</li>')
    return "\n".join(out)


def footer_links(page: Page) -> str:
    return "".join(
        f'<li><a href="/{slug(x) if x.isascii() else "p" + str(i)}">{esc(x)}</a></li>'
        for i, x in enumerate(page.chrome["footer_links"])
    )


def copyright_line(page: Page) -> str:
    return f"© {year(page)} {esc(page['site'])}. {esc(page.chrome['rights'])}"


def nav_items(page: Page) -> str:
    return "".join(
        f'<li><a href="/{slug(x)}">{esc(x)}</a></li>' for i, x in enumerate(page.chrome["nav"])
    )


def popular_list(page: Page) -> str:
    return "\n".join(
        f'<li><span class="rank">{n}</span><a href="{href(page, h)}">{esc(h)}</a></li>'
        for n, h in enumerate(page.popular, 1)
    )


def with_default(items: list[Item], kind: str, before_last: int | None) -> list[Item]:
    """Place a box the source did not place: ``before_last`` paragraphs from the end."""
    if before_last is None or any(i.kind == kind for i in items):
        return items
    idx = [n for n, i in enumerate(items) if i.kind == "p"]
    at = idx[-before_last] if len(idx) >= before_last else len(items)
    return [*items[:at], Item(kind), *items[at:]]


def render_body(page: Page, items: list[Item], parts: dict[str, Callable[[Item], str]]) -> str:
    return "\n".join(parts[i.kind](i) for i in items)


# ---------------------------------------------------------------- layouts


def layout_semantic(page: Page) -> str:
    """A modern publisher: <article> with <header>, a body div, aside, comments section."""
    c = page.chrome
    body_cls = page.meta.get("body-class", "article-body")
    fig_n = iter(range(1, 9))
    parts: dict[str, Callable[[Item], str]] = {
        "p": lambda i: f"<p>{inline(i.text)}</p>",
        "h2": lambda i: f'<h2 class="article-subheading">{esc(i.text)}</h2>',
        "figure": lambda i: (
            f'<figure class="article-image"><img src="{image_src(page, next(fig_n))}" '
            f'alt="{attr(i.text)}" loading="lazy" width="1200" height="675">'
            f'<figcaption>{esc(i.text)} <span class="credit">{esc(i.extra)}</span>'
            "</figcaption></figure>"
        ),
        "read-also": lambda i: (
            f'<p class="read-also"><strong>{esc(c["read_also"])}</strong> '
            f'<a href="{href(page, i.text)}">{esc(i.text)}</a></p>'
        ),
        "ad": lambda i: (
            f'<div class="ad ad--inline" aria-hidden="true"><span class="ad__label">'
            f'{esc(c["ad"])}</span><div id="ad-slot-{page.id}-mid" class="ad__slot"></div></div>'
        ),
        "related": lambda i: related_aside(),
        "newsletter": lambda i: newsletter_box(page),
    }

    def related_aside() -> str:
        return (
            f'<aside class="related" aria-label="{attr(c["related"])}">\n'
            f'<h2 class="related__title">{esc(c["related"])}</h2>\n<ul>\n{related_items(page)}'
            "\n</ul>\n</aside>"
        )

    lead = f'<p class="article-lead">{esc(page["standfirst"])}</p>'
    inside = any(i.kind == "related" for i in page.items)
    comments = "\n".join(
        f'<li class="comment"><div class="comment__meta"><strong class="comment__author">'
        f'{esc(who)}</strong> <span class="comment__time">{esc(when)}</span></div>'
        f'<p class="comment__text">{esc(text)}</p><button class="comment__reply">'
        f"{esc(c['reply'])}</button></li>"
        for who, when, text in page.comments
    )
    return f"""{html_open(page, ' class="page page--article"')}
<a class="skip-link" href="#main">{esc(c["skip"])}</a>
<header class="site-header">
  <div class="site-header__logo"><a href="/">{esc(page["site"])}</a></div>
  <nav class="site-nav" aria-label="main"><ul>{nav_items(page)}</ul></nav>
  <div class="site-header__actions"><a href="/abo" class="btn">{esc(c["subscribe"])}</a> <a href="/login">{esc(c["login"])}</a> <button type="button">{esc(c["search"])}</button></div>
</header>
<main id="main">
<nav class="breadcrumb"><a href="/">{esc(c["home"])}</a> › <a href="/{slug(page["section"])}">{esc(page["section"])}</a></nav>
<article class="article">
<header class="article-header">
<span class="article-kicker">{esc(page["section"])}</span>
<h1 class="article-title">{esc(page["title"])}</h1>
{"" if page.lead_in_body else f'<p class="article-teaser">{esc(page["standfirst"])}</p>'}
<div class="article-meta"><span class="article-author">{byline_html(page)}</span> · <time datetime="{page["date"]}">{esc(page["shown"])}</time></div>
{share_bar(page)}
</header>
<div class="{body_cls}">
{lead if page.lead_in_body else ""}
{render_body(page, page.items, parts)}
</div>
<footer class="article-footer">
<div class="tags"><span>{esc(c["tags"])}:</span> <a href="/{slug(page["section"])}">{esc(page["section"])}</a></div>
{share_bar(page, "share-bar share-bar--bottom", label=False)}
</footer>
</article>
{"" if inside else related_aside()}
{newsletter_box(page, "newsletter newsletter--wide")}
<section id="comments" class="comments">
<h2>{esc(c["comments"])} ({len(page.comments)})</h2>
<ol class="comment-list">
{comments}
</ol>
<p class="comments__login"><a href="/login">{esc(c["login_to_comment"])}</a></p>
</section>
</main>
<footer class="site-footer">
<ul class="site-footer__links">{footer_links(page)}</ul>
<p class="site-footer__copy">{copyright_line(page)}</p>
</footer>
<div id="cookie-banner" class="cookie-banner" hidden><p>{esc(c["cookie"][0])}</p><button>{esc(c["cookie"][1])}</button></div>
</body>
</html>
"""


def layout_wordpress(page: Page) -> str:
    """A WordPress theme: entry-content, sharedaddy, Jetpack related posts, comment-list."""
    c = page.chrome
    items = with_default(page.items, "newsletter", 1)
    fig_n = iter(range(1, 9))
    post_id = int(hashlib.md5(page.id.encode()).hexdigest()[:4], 16)
    parts: dict[str, Callable[[Item], str]] = {
        "p": lambda i: f"<p>{inline(i.text)}</p>",
        "h2": lambda i: f'<h2 class="wp-block-heading">{esc(i.text)}</h2>',
        "figure": lambda i: (
            f'<figure class="wp-block-image size-large"><img decoding="async" '
            f'src="{image_src(page, next(fig_n))}" alt="" class="wp-image-{post_id + 7}">'
            f'<figcaption class="wp-element-caption">{esc(i.text)} <em>{esc(i.extra)}</em>'
            "</figcaption></figure>"
        ),
        "read-also": lambda i: (
            f'<p><em>{esc(c["read_also"])} <a href="{href(page, i.text)}">{esc(i.text)}</a>'
            "</em></p>"
        ),
        "ad": lambda i: (
            f'<div class="code-block code-block-3" style="margin: 8px auto; text-align: center;">'
            f'<p class="ad-label">{esc(c["ad"])}</p>'
            '<ins class="adsbygoogle" style="display:block" data-ad-format="fluid"></ins></div>'
        ),
        "related": lambda i: jp_related(),
        "newsletter": lambda i: (
            '<div class="wp-block-group mc4wp-box">'
            + newsletter_box(page, "mc4wp-form").replace("<h3>", '<h3 class="mc4wp-title">')
            + "</div>"
        ),
    }

    def jp_related() -> str:
        posts = "\n".join(
            f'<div class="jp-relatedposts-post jp-relatedposts-post{n}">'
            f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" '
            f'href="{href(page, h)}">{esc(h)}</a></h4>'
            f'<p class="jp-relatedposts-post-context">{esc(page["section"])}</p></div>'
            for n, h in enumerate(page.related)
        )
        return (
            '<div id="jp-relatedposts" class="jp-relatedposts">\n'
            f'<h3 class="jp-relatedposts-headline"><em>{esc(c["related"])}</em></h3>\n'
            f'<div class="jp-relatedposts-items jp-relatedposts-items-visual">\n{posts}\n</div>'
            "\n</div>"
        )

    lead = f'<p class="has-medium-font-size"><strong>{esc(page["standfirst"])}</strong></p>'
    inside = any(i.kind == "related" for i in items)
    comments = "\n".join(
        f'<li id="comment-{post_id + n}" class="comment even thread-even depth-1">\n'
        f'<article class="comment-body">\n<footer class="comment-meta"><div class="comment-author '
        f'vcard"><b class="fn">{esc(who)}</b> <span class="says">:</span></div>'
        f'<div class="comment-metadata"><a href="#comment-{post_id + n}"><time>{esc(when)}'
        "</time></a></div></footer>\n"
        f'<div class="comment-content"><p>{esc(text)}</p></div>\n'
        f'<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#respond">'
        f"{esc(c['reply'])}</a></div>\n</article>\n</li>"
        for n, (who, when, text) in enumerate(page.comments)
    )
    author = page.authors[0]
    byline = byline_html(page).replace(
        f'<a href="/autor/{slug(author)}" rel="author">',
        f'<span class="author vcard"><a class="url fn n" href="{page.base}/author/{slug(author)}/">',
        1,
    )
    byline = byline.replace("</a>", "</a></span>", 1)
    return f"""{html_open(page, f' class="post-template-default single single-post postid-{post_id} single-format-standard"')}
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">{esc(c["skip"])}</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="{page.base}/" rel="home">{esc(page["site"])}</a></p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle">Menu</button><ul id="primary-menu" class="menu">{nav_items(page)}</ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{post_id}" class="post-{post_id} post type-post status-publish format-standard has-post-thumbnail hentry category-{slug(page["section"])}">
<header class="entry-header">
<h1 class="entry-title">{esc(page["title"])}</h1>
<div class="entry-meta"><span class="byline">{byline}</span> <span class="posted-on"><a href="{page.url}" rel="bookmark"><time class="entry-date published" datetime="{page["date"]}">{esc(page["shown"])}</time></a></span></div>
{"" if page.lead_in_body else f'<p class="entry-excerpt">{esc(page["standfirst"])}</p>'}
</header>
<div class="entry-content">
{lead if page.lead_in_body else ""}
{render_body(page, items, parts)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">{esc(c["share"])}</h3><div class="sd-content">{share_bar(page, "share-buttons", label=False)}</div></div></div>
{"" if inside else jp_related()}
</div>
<footer class="entry-footer"><span class="cat-links"><a href="/category/{slug(page["section"])}/" rel="category tag">{esc(page["section"])}</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class="nav-previous"><a href="{href(page, page.popular[0])}" rel="prev"><span class="meta-nav">{esc(c["prev"])}</span> {esc(page.popular[0])}</a></div><div class="nav-next"><a href="{href(page, page.popular[1])}" rel="next"><span class="meta-nav">{esc(c["next"])}</span> {esc(page.popular[1])}</a></div></div></nav>
<div id="comments" class="comments-area">
<h2 class="comments-title">{esc(c["comments"])} ({len(page.comments)})</h2>
<ol class="comment-list">
{comments}
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">{esc(c["write"])}</h3><form action="/wp-comments-post.php" method="post" id="commentform"><textarea id="comment" name="comment"></textarea><input name="submit" type="submit" value="{attr(c["write"])}"></form></div>
</div>
</main>
</div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">{esc(c["popular"])}</h2><ul>
{popular_list(page)}
</ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info"><ul class="footer-menu">{footer_links(page)}</ul><span>{copyright_line(page)}</span></div></footer>
</div>
<script src="{page.base}/wp-includes/js/jquery/jquery.min.js"></script>
</body>
</html>
"""


def layout_plain(page: Page) -> str:
    """An older CMS: no <article>, plain <p>s in a column, class names in the site's language."""
    c = page.chrome
    k = c["cls"]
    top, crumbs, main_col, side_col, search, label = PLAIN_NAMES[page.lang]
    fig_n = iter(range(1, 9))
    parts: dict[str, Callable[[Item], str]] = {
        "p": lambda i: f"<p>{inline(i.text)}</p>",
        "h2": lambda i: f"<h3>{esc(i.text)}</h3>",
        "figure": lambda i: (
            f'<figure class="foto"><img src="{image_src(page, next(fig_n))}" alt="">'
            f"<figcaption>{esc(i.text)}<br><small>{esc(i.extra)}</small></figcaption></figure>"
        ),
        "read-also": lambda i: (
            f'<p class="{k["related"]}-inline"><b>{esc(c["read_also"])}</b> '
            f'<a href="{href(page, i.text)}">{esc(i.text)}</a></p>'
        ),
        "ad": lambda i: (
            f'<div class="{k["ad"]}"><div class="{k["ad"]}-{label}">{esc(c["ad"])}</div>'
            f'<div id="{k["ad"]}-300x250"></div></div>'
        ),
        "related": lambda i: related_box(),
        "newsletter": lambda i: newsletter_box(page, k["newsletter"]),
    }

    def related_box() -> str:
        return (
            f'<div class="{k["related"]}">\n<h4>{esc(c["related"])}</h4>\n<ul>\n'
            f"{related_items(page)}\n</ul>\n</div>"
        )

    inside = any(i.kind == "related" for i in page.items)
    comments = "\n".join(
        f'<div class="{k["comments"]}-item"><p class="{k["comments"]}-autor"><b>{esc(who)}</b> '
        f"<span>{esc(when)}</span></p><p>{esc(text)}</p>"
        f'<a href="#" class="{k["comments"]}-resp">{esc(c["reply"])}</a></div>'
        for who, when, text in page.comments
    )
    return f"""{html_open(page)}
<div id="wrapper">
<div id="{top}" class="top">
<div class="logo"><a href="/"><img src="/img/logo.png" alt="{attr(page["site"])}"></a></div>
<ul id="{k["menu"]}">{nav_items(page)}</ul>
<form class="{search}" action="/{search}"><input type="text" name="q" placeholder="{attr(c["search"])}"></form>
</div>
<div id="{k["content"]}">
<div class="{main_col}">
<div class="{crumbs}"><a href="/">{esc(c["home"])}</a> &gt; <a href="/{slug(page["section"])}">{esc(page["section"])}</a></div>
<h1>{esc(page["title"])}</h1>
<h2 class="{k["standfirst"]}">{esc(page["standfirst"])}</h2>
<div class="{k["byline"]}">{byline_html(page, "b")}</div>
<div class="{k["date"]}">{esc(page["shown"])}</div>
{share_bar(page, k["share"], tag="div")}
<div class="{k["body"]}">
{render_body(page, page.items, parts)}
</div>
{"" if inside else related_box()}
<div class="{k["comments"]}">
<h3>{esc(c["comments"])}</h3>
{comments}
<p><a href="/login">{esc(c["login_to_comment"])}</a></p>
</div>
</div>
<div class="{side_col}">
{newsletter_box(page, k["newsletter"])}
<div class="{k["popular"]}"><h4>{esc(c["popular"])}</h4><ol>
{popular_list(page)}
</ol></div>
</div>
</div>
<div id="{k["footer"]}">
<p>{" | ".join(esc(x) for x in c["footer_links"])}</p>
<p>{copyright_line(page)}</p>
</div>
</div>
</body>
</html>
"""


def layout_react(page: Page) -> str:
    """A client-rendered site: hashed class names, one block div per paragraph, minified."""
    c = page.chrome
    items = with_default(page.items, "newsletter", 2)
    items = with_default(items, "related", 1)
    h = lambda name: css_hash(page, name)  # noqa: E731
    fig_n = iter(range(1, 9))
    parts: dict[str, Callable[[Item], str]] = {
        "p": lambda i: (
            f'<div data-component="text-block" class="{h("tb")}"><p class="{h("p")}">'
            f"{inline(i.text)}</p></div>"
        ),
        "h2": lambda i: (
            f'<div data-component="subheadline-block" class="{h("sh")}"><h2 class="{h("h2")}">'
            f"{esc(i.text)}</h2></div>"
        ),
        "figure": lambda i: (
            f'<div data-component="image-block" class="{h("ib")}"><figure class="{h("fig")}">'
            f'<img src="{image_src(page, next(fig_n))}" alt="" class="{h("img")}">'
            f'<figcaption class="{h("cap")}"><span>{esc(i.text)}</span>'
            f'<span class="{h("credit")}">{esc(i.extra)}</span></figcaption></figure></div>'
        ),
        "read-also": lambda i: (
            f'<div data-component="inline-link" class="{h("il")}"><span class="{h("ilp")}">'
            f'{esc(c["read_also"])}</span> <a href="{href(page, i.text)}">{esc(i.text)}</a></div>'
        ),
        "ad": lambda i: (
            f'<div data-component="ad-slot" class="{h("ad")}"><span class="{h("adl")}">'
            f'{esc(c["ad"])}</span><div id="gpt-{page.id}"></div></div>'
        ),
        "related": lambda i: (
            f'<div data-component="links-block" class="{h("lb")}"><h2 class="{h("lbh")}">'
            f'{esc(c["related"])}</h2><ul class="{h("lbl")}">'
            + "".join(
                f'<li><a href="{href(page, x)}"><img src="{image_src(page, 20 + n)}" alt="">'
                f"<span>{esc(x)}</span></a></li>"
                for n, x in enumerate(page.related)
            )
            + "</ul></div>"
        ),
        "newsletter": lambda i: (
            f'<div data-component="newsletter-block" class="{h("nl")}">'
            + newsletter_box(page, h("nlb")).replace("\n", "")
            + "</div>"
        ),
    }
    comments = "".join(
        f'<li class="{h("cli")}"><div class="{h("cmeta")}"><span class="{h("cauth")}">'
        f'{esc(who)}</span><span class="{h("ctime")}">{esc(when)}</span></div>'
        f'<p class="{h("ctext")}">{esc(text)}</p><button class="{h("crep")}">{esc(c["reply"])}'
        "</button></li>"
        for who, when, text in page.comments
    )
    lead = (
        f'<div data-component="text-block" class="{h("tb")}"><p class="{h("lead")}">'
        f"<b>{esc(page['standfirst'])}</b></p></div>"
    )
    next_data = json.dumps(
        {
            "props": {
                "pageProps": {
                    "article": {
                        "id": page.id,
                        "headline": page["title"],
                        "section": page["section"],
                        "url": page.url,
                    }
                }
            },
            "page": "/[section]/[slug]",
            "buildId": css_hash(page, "build")[4:],
        },
        ensure_ascii=False,
    )
    body = "".join(
        [
            f'<div id="__next"><div class="{h("app")}">',
            f'<header class="{h("hdr")}"><a data-testid="logo" href="/" class="{h("logo")}">'
            f'{esc(page["site"])}</a><nav class="{h("nav")}"><ul>{nav_items(page)}</ul></nav>'
            f'<button class="{h("btn")}">{esc(c["login"])}</button></header>',
            f'<main class="{h("main")}"><article data-testid="article" class="{h("art")}">',
            f'<div data-component="headline-block" class="{h("hb")}"><span class="{h("kick")}">'
            f'{esc(page["section"])}</span><h1 class="{h("h1")}">{esc(page["title"])}</h1></div>',
            ""
            if page.lead_in_body
            else f'<div data-component="standfirst-block" class="{h("sf")}"><p>'
            f"{esc(page['standfirst'])}</p></div>",
            f'<div data-component="byline-block" class="{h("by")}"><p class="{h("byp")}">'
            f'{byline_html(page)}</p><time datetime="{page["date"]}" class="{h("time")}">'
            f"{esc(page['shown'])}</time></div>",
            share_bar(page, h("share")),
            lead if page.lead_in_body else "",
            render_body(page, items, parts).replace("\n", ""),
            f'<div data-component="tag-list" class="{h("tags")}"><a href="/{slug(page["section"])}">'
            f"{esc(page['section'])}</a></div>",
            "</article>",
            f'<section data-component="comments" class="{h("com")}"><h2 class="{h("comh")}">'
            f'{esc(c["comments"])} ({len(page.comments)})</h2><ul class="{h("coml")}">{comments}'
            f'</ul><a href="/login" class="{h("comlogin")}">{esc(c["login_to_comment"])}</a>'
            "</section>",
            "</main>",
            f'<footer class="{h("ftr")}"><ul>{footer_links(page)}</ul><p>{copyright_line(page)}'
            "</p></footer>",
            "</div></div>",
            f'<script id="__NEXT_DATA__" type="application/json">{next_data}</script>',
        ]
    )
    return f"{html_open(page)}{body}</body></html>\n"


def layout_legacy(page: Page) -> str:
    """A portal from the 2000s: table layout, the text as one block broken by <br><br>."""
    c = page.chrome
    k = c["cls"]
    title_cls, text_id, login, side = LEGACY_NAMES[page.lang]
    fig_n = iter(range(1, 9))

    def related_table() -> str:
        return related_table_for(page)

    chunks = []
    for i in page.items:
        if i.kind == "p":
            chunks.append(inline(i.text) + "<br><br>")
        elif i.kind == "h2":
            chunks.append(f"<b>{esc(i.text)}</b><br><br>")
        elif i.kind == "figure":
            chunks.append(
                f'<figure class="{k["body"]}-img"><img src="{image_src(page, next(fig_n))}" width="640" '
                f'border="0"><figcaption>{esc(i.text)} / {esc(i.extra)}</figcaption></figure>'
            )
        elif i.kind == "read-also":
            chunks.append(
                f'<b>{esc(c["read_also"])}</b> <a href="{href(page, i.text)}">{esc(i.text)}</a>'
                "<br><br>"
            )
        elif i.kind == "ad":
            chunks.append(
                f'<div class="{k["ad"]}" align="center"><font size="1" color="#999999">'
                f"{esc(c['ad'])}</font><br><script>ads_show(300,250);</script></div>"
            )
        elif i.kind == "related":
            chunks.append(related_table())
        elif i.kind == "newsletter":
            chunks.append(newsletter_box(page, k["newsletter"]))
    comments = "\n".join(
        f'<tr><td class="{k["comments"]}-head"><b>{esc(who)}</b> - {esc(when)}</td></tr>'
        f'<tr><td class="{k["comments"]}-text">{esc(text)}</td></tr>'
        for who, when, text in page.comments
    )
    inside = any(i.kind == "related" for i in page.items)
    text_block = "\n".join(chunks)
    return f"""{html_open(page, ' bgcolor="#ffffff" leftmargin="0" topmargin="0"')}
<table width="980" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td class="logo"><a href="/"><img src="/images/logo.gif" alt="{attr(page["site"])}" border="0"></a></td>
<td align="right" class="ustmenu"><a href="/{login}">{esc(c["login"])}</a> | <a href="/arsiv">{esc(c["search"])}</a></td></tr>
<tr><td colspan="2" class="{k["menu"]}">{" | ".join(f'<a href="/k{n}">{esc(x)}</a>' for n, x in enumerate(c["nav"]))}</td></tr>
</table>
<table width="980" align="center" cellpadding="4" cellspacing="0" border="0">
<tr>
<td width="660" valign="top" class="{k["content"]}">
<h1 class="{title_cls}">{esc(page["title"])}</h1>
<div class="{k["standfirst"]}">{esc(page["standfirst"])}</div>
<div class="{k["byline"]}">{byline_html(page, "b")} &nbsp;|&nbsp; <span class="{k["date"]}">{esc(page["shown"])}</span></div>
<div class="{k["share"]}">{" ".join(f'<a href="#" onclick="share({n})">{esc(b)}</a>' for n, b in enumerate(c["share_buttons"][:4]))}</div>
<div class="{k["body"]}" id="{text_id}">
{text_block}
</div>
{"" if inside else related_table()}
{newsletter_box(page, k["newsletter"])}
<table width="100%" class="{k["comments"]}">
<tr><td><h3>{esc(c["comments"])} ({len(page.comments)})</h3></td></tr>
{comments}
<tr><td><a href="/{login}">{esc(c["write"])}</a></td></tr>
</table>
</td>
<td width="300" valign="top" class="{side}">
<div class="{k["popular"]}"><b>{esc(c["popular"])}</b><ul>
{popular_list(page)}
</ul></div>
</td>
</tr>
</table>
<div class="{k["footer"]}" align="center"><font size="1">{" - ".join(esc(x) for x in c["footer_links"])}<br>{copyright_line(page)}</font></div>
</body>
</html>
"""


def related_table_for(page: Page) -> str:
    c = page.chrome
    rows = "".join(
        f'<tr><td>&raquo; <a href="{href(page, x)}">{esc(x)}</a></td></tr>' for x in page.related
    )
    return (
        f'<table class="{c["cls"]["related"]}" width="100%"><tr><th align="left">'
        f"{esc(c['related'])}</th></tr>{rows}</table>"
    )


def layout_microdata(page: Page) -> str:
    """schema.org microdata: itemprop=articleBody, an inline related aside, Disqus comments."""
    c = page.chrome
    k = c["cls"]
    body_cls = page.meta.get("body-class", k["body"])
    kicker, read_cls, meta_cls, sub_path, page_cls, ad_cls = MICRO_NAMES[page.lang]
    fig_n = iter(range(1, 9))
    parts: dict[str, Callable[[Item], str]] = {
        "p": lambda i: f"<p>{inline(i.text)}</p>",
        "h2": lambda i: f"<h2>{esc(i.text)}</h2>",
        "figure": lambda i: (
            f'<figure itemprop="image" itemscope itemtype="https://schema.org/ImageObject">'
            f'<img itemprop="url" src="{image_src(page, next(fig_n))}" alt="{attr(i.text)}">'
            f'<figcaption><span itemprop="caption">{esc(i.text)}</span> '
            f'<cite itemprop="creditText">{esc(i.extra)}</cite></figcaption></figure>'
        ),
        "read-also": lambda i: (
            f'<aside class="{read_cls}"><span>{esc(c["read_also"])}</span> '
            f'<a href="{href(page, i.text)}">{esc(i.text)}</a></aside>'
        ),
        "ad": lambda i: (
            f'<div class="{ad_cls}" data-slot="inread"><p class="{ad_cls}-label">{esc(c["ad"])}</p>'
            "</div>"
        ),
        "related": lambda i: related_aside(),
        "newsletter": lambda i: newsletter_box(page, k["newsletter"]),
    }

    def related_aside() -> str:
        return (
            f'<aside class="inline-related {k["related"]}"><p class="inline-related__title">'
            f"{esc(c['related'])}</p><ul>{related_items(page)}</ul></aside>"
        )

    inside = any(i.kind == "related" for i in page.items)
    people = " ".join(
        f'<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        f'<span itemprop="name">{esc(a)}</span></span>'
        for a in page.authors
    )
    byline = esc(page["byline"])
    for a in page.authors:
        byline = byline.replace(esc(a), "", 1)
    byline = byline.strip()
    lead = f'<p class="lead" itemprop="description">{esc(page["standfirst"])}</p>'
    comments = "\n".join(
        f'<div class="comment"><div class="comment-head"><span class="nick">{esc(who)}</span>'
        f' <span class="when">{esc(when)}</span></div><div class="comment-text">{esc(text)}</div>'
        f'<a class="reply" href="#">{esc(c["reply"])}</a></div>'
        for who, when, text in page.comments
    )
    return f"""{html_open(page, f' class="{page_cls}"')}
<div class="top-bar"><div class="container"><a class="brand" href="/">{esc(page["site"])}</a><ul class="{k["menu"]}">{nav_items(page)}</ul><a class="{sub_path}" href="/{sub_path}">{esc(c["subscribe"])}</a></div></div>
<div class="container main-container">
<div class="row">
<div class="col-md-8" itemscope itemtype="https://schema.org/NewsArticle">
<meta itemprop="datePublished" content="{page["date"]}">
<meta itemprop="mainEntityOfPage" content="{page.url}">
<p class="{kicker}"><a href="/{slug(page["section"])}">{esc(page["section"])}</a></p>
<h1 itemprop="headline">{esc(page["title"])}</h1>
{"" if page.lead_in_body else f'<h2 class="{k["standfirst"]}" itemprop="alternativeHeadline">{esc(page["standfirst"])}</h2>'}
<div class="{meta_cls}"><span class="{k["byline"]}">{byline} {people}</span> <span class="sep">|</span> <span class="{k["date"]}">{esc(page["shown"])}</span></div>
{share_bar(page, "social-share")}
<div itemprop="articleBody" class="{body_cls}">
{lead if page.lead_in_body else ""}
{render_body(page, page.items, parts)}
</div>
{"" if inside else related_aside()}
{newsletter_box(page, k["newsletter"])}
<div class="{k["comments"]}" id="{k["comments"]}">
<h3 class="section-title">{esc(c["comments"])}</h3>
{comments}
<div id="disqus_thread"></div>
</div>
</div>
<div class="col-md-4 sidebar">
<div class="box {k["popular"]}"><h3>{esc(c["popular"])}</h3><ol>
{popular_list(page)}
</ol></div>
<div class="box {ad_cls}-box"><p class="{ad_cls}-label">{esc(c["ad"])}</p></div>
</div>
</div>
</div>
<footer class="{k["footer"]}"><div class="container"><ul>{footer_links(page)}</ul><p>{copyright_line(page)}</p></div></footer>
<script>var disqus_config = function () {{ this.page.url = "{page.url}"; }};</script>
</body>
</html>
"""


def layout_portal(page: Page) -> str:
    """A big portal with BEM blocks: text blocks as divs, injects, the author at the end."""
    c = page.chrome
    fig_n = iter(range(1, 9))
    views = int(hashlib.md5(page.id.encode()).hexdigest()[:4], 16)
    parts: dict[str, Callable[[Item], str]] = {
        "p": lambda i: (
            f'<div class="article__block" data-type="text"><div class="article__text">'
            f"{inline(i.text)}</div></div>"
        ),
        "h2": lambda i: (
            f'<div class="article__block" data-type="h2"><h2 class="article__h2">{esc(i.text)}'
            "</h2></div>"
        ),
        "figure": lambda i: (
            f'<div class="article__block" data-type="media"><figure class="media">'
            f'<div class="media__image"><img src="{image_src(page, next(fig_n))}" alt=""></div>'
            f'<figcaption class="media__caption"><div class="media__title">{esc(i.text)}</div>'
            f'<div class="media__copyright">{esc(i.extra)}</div></figcaption></figure></div>'
        ),
        "read-also": lambda i: (
            f'<div class="article__block" data-type="article"><div class="article__inject">'
            f'<div class="article__inject-title">{esc(c["read_also"])}</div>'
            f'<a class="article__inject-link" href="{href(page, i.text)}">{esc(i.text)}</a>'
            "</div></div>"
        ),
        "ad": lambda i: (
            f'<div class="article__block" data-type="banner"><div class="banner banner--inread">'
            f'<div class="banner__label">{esc(c["ad"])}</div><div class="banner__body"></div>'
            "</div></div>"
        ),
        "related": lambda i: (
            f'<div class="article__block" data-type="list"><div class="article__list">'
            f'<div class="article__list-title">{esc(c["related"])}</div><ul>'
            f"{related_items(page, with_time=True)}</ul></div></div>"
        ),
        "newsletter": lambda i: newsletter_box(page, "subscribe-block"),
    }
    inside = any(i.kind == "related" for i in page.items)
    lead = (
        f'<div class="article__block" data-type="text"><div class="article__text '
        f'article__text--lead">{esc(page["standfirst"])}</div></div>'
    )
    comments = "\n".join(
        f'<div class="comments__item"><div class="comments__author">{esc(who)}</div>'
        f'<div class="comments__date">{esc(when)}</div><div class="comments__text">{esc(text)}'
        f'</div><div class="comments__actions"><span>{esc(c["reply"])}</span></div></div>'
        for who, when, text in page.comments
    )
    return f"""{html_open(page, ' class="layout"')}
<div class="layout__page">
<header class="header"><div class="header__logo"><a href="/">{esc(page["site"])}</a></div>
<nav class="header__nav"><ul class="header__menu">{nav_items(page)}</ul></nav>
<div class="header__user"><a href="/login">{esc(c["login"])}</a></div></header>
<div class="layout__content">
<div class="article" data-article-id="{views}">
<div class="article__header">
<div class="article__info"><span class="article__date">{esc(page["shown"])}</span> <span class="article__views">{views}</span> <a class="article__rubric" href="/{slug(page["section"])}">{esc(page["section"])}</a></div>
<h1 class="article__title">{esc(page["title"])}</h1>
{"" if page.lead_in_body else f'<div class="article__announce">{esc(page["standfirst"])}</div>'}
</div>
<div class="article__body">
{lead if page.lead_in_body else ""}
{render_body(page, page.items, parts)}
</div>
<div class="article__author">{byline_html(page)}</div>
<div class="article__tags"><span class="article__tags-title">{esc(c["tags"])}</span> <a class="article__tags-item" href="/{slug(page["section"])}">{esc(page["section"])}</a></div>
{share_bar(page, "article__share")}
</div>
{"" if inside else parts["related"](Item("related"))}
{newsletter_box(page, "subscribe-block")}
<div class="comments">
<div class="comments__header">{esc(c["comments"])} <span class="comments__count">{len(page.comments)}</span></div>
{comments}
<div class="comments__form"><a href="/login">{esc(c["login_to_comment"])}</a></div>
</div>
<div class="layout__sidebar"><div class="widget"><div class="widget__title">{esc(c["popular"])}</div><ul>
{popular_list(page)}
</ul></div></div>
</div>
<footer class="footer"><ul class="footer__menu">{footer_links(page)}</ul><div class="footer__copyright">{copyright_line(page)}</div></footer>
</div>
</body>
</html>
"""


LAYOUTS: dict[str, Callable[[Page], str]] = {
    "semantic": layout_semantic,
    "wordpress": layout_wordpress,
    "plain": layout_plain,
    "react": layout_react,
    "legacy": layout_legacy,
    "microdata": layout_microdata,
    "portal": layout_portal,
}


# ---------------------------------------------------------------- build


def render(page: Page) -> str:
    return LAYOUTS[page["layout"]](page)


def check(page: Page, text: str) -> None:
    """Guard the sources: boilerplate markers must not leak into gold paragraphs."""
    prefix = re.sub(r"[\s:]+$", "", page.chrome["read_also"]).lower()
    for para in page.gold_paragraphs():
        if para.lower().startswith(prefix):
            raise SystemExit(f"{page.id}: a 'read also' line is written as a paragraph: {para}")
        if plain(para) not in html.unescape(re.sub(r"<[^>]+>", "", text)):
            raise SystemExit(f"{page.id}: gold paragraph not found in the page: {para[:60]}")
    n = len([i for i in page.items if i.kind == "p"])
    if not 5 <= n <= 10:
        raise SystemExit(f"{page.id}: {n} paragraphs (want 5-10)")


def expected_record(page: Page) -> dict[str, Any]:
    return {
        "title": page["title"],
        "authors": page.authors,
        "published": page["date"][:10],
        "language": page.lang,
        "paragraphs": page.gold_paragraphs(),
    }


def main() -> int:
    pages = [p for src in sorted(SOURCE.glob("*.txt")) for p in parse_source(src)]
    by_lang: dict[str, list[Page]] = {}
    for p in pages:
        by_lang.setdefault(p.lang, []).append(p)
    for p in pages:  # "most read": the related headlines of the sibling pages
        p.popular = [h for q in by_lang[p.lang] if q is not p for h in q.related[:2]]
    (HERE / "html").mkdir(exist_ok=True)
    gold: dict[str, dict[str, str]] = {}
    for p in pages:
        text = render(p)
        check(p, text)
        data = gzip.compress(text.encode("utf-8"), mtime=0)
        (HERE / "html" / f"{p.id}.html.gz").write_bytes(data)
        gold[p.id] = {
            "articleBody": "\n\n".join(p.gold_paragraphs()),
            "language": p.lang,
            "url": p.url,
        }
        record = json.dumps(expected_record(p), ensure_ascii=False, indent=2)
        (HERE / f"{p.id}.expected.json").write_text(record + "\n", encoding="utf-8")
    blob = json.dumps(dict(sorted(gold.items())), ensure_ascii=False, indent=2)
    (HERE / "ground-truth.json").write_text(blob + "\n", encoding="utf-8")
    counts = {lang: len(ps) for lang, ps in sorted(by_lang.items())}
    print(f"{len(pages)} pages: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
