"""The dev corpora as one list of pages, each with its gold body and (where known) metadata.

Three corpora live in ``../shared/bench``:

* ``scrapinghub``: 181 news pages, gold body only;
* ``wcxb-dev``: 500 modern pages of many types (article, forum, product, ...), gold body,
  title, author and date. A fixed quarter of it is **held out**: the page at position
  ``i`` of the sorted ids is held out when ``i % 4 == 3``. Those pages are scored and
  reported apart, and the harness never prints or dumps them one by one, so no rule is
  designed from them. Their figure is the one that predicts unseen pages;
* ``readability``: Mozilla Readability's 130 test pages; its own output is the body
  "gold" (a second opinion: it keeps captions and some headings) and its expected
  metadata (title, byline, date) is the metadata gold.

The field checks follow the WCXB conventions (see ``fields_of_gold`` and ``score_fields``).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH_ROOT = Path(__file__).resolve().parent.parent / ".." / "shared" / "bench"
CORPORA = ("scrapinghub", "wcxb", "readability")
#: Every fourth wcxb-dev page (by position in sorted id order) is held out from design.
HELD_OUT_EVERY = 4
HELD_OUT_AT = 3


@dataclass(frozen=True)
class GoldPage:
    """One page of a dev corpus with everything its gold says."""

    corpus: str
    id: str
    html: bytes
    body: str
    page_type: str = "article"
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    held_out: bool = False
    must: tuple[str, ...] = ()  # snippets a good extraction contains (wcxb "with")
    must_not: tuple[str, ...] = ()  # boilerplate it must not contain (wcxb "without")

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.id}"

    @property
    def split(self) -> str:
        """``held-out`` for the reserved wcxb quarter, else ``dev``."""
        return "held-out" if self.held_out else "dev"

    @property
    def html_text(self) -> str:
        return self.html.decode("utf-8", errors="replace")


def load(corpus: str, root: Path = BENCH_ROOT) -> list[GoldPage]:
    """All pages of one corpus, in sorted id order."""
    loader = {"scrapinghub": _scrapinghub, "wcxb": _wcxb, "readability": _readability}[corpus]
    return list(loader(root.resolve()))


def _scrapinghub(root: Path) -> Iterator[GoldPage]:
    data = root / "scrapinghub"
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for i in sorted(gold):
        html = gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes())
        yield GoldPage("scrapinghub", i, html, gold[i]["articleBody"])


def is_held_out(position: int) -> bool:
    return position % HELD_OUT_EVERY == HELD_OUT_AT


def _wcxb(root: Path) -> Iterator[GoldPage]:
    data = root / "wcxb-dev"
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for position, i in enumerate(sorted(gold)):
        g = gold[i]
        html = gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes())
        yield GoldPage(
            "wcxb",
            i,
            html,
            g.get("articleBody") or "",
            page_type=g.get("page_type") or "unknown",
            title=g.get("title") or None,
            author=g.get("author") or None,
            date=(g.get("publish_date") or None),
            held_out=is_held_out(position),
            must=tuple(x for x in g.get("with") or () if isinstance(x, str)),
            must_not=tuple(x for x in g.get("without") or () if isinstance(x, str)),
        )


def _readability(root: Path) -> Iterator[GoldPage]:
    data = root / "readability"
    for folder in sorted(p for p in data.iterdir() if (p / "source.html.gz").exists()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        expected = gzip.decompress((folder / "expected.html.gz").read_bytes())
        published = meta.get("publishedTime")
        yield GoldPage(
            "readability",
            folder.name,
            gzip.decompress((folder / "source.html.gz").read_bytes()),
            html_to_text(expected.decode("utf-8", errors="replace")),
            title=meta.get("title") or None,
            author=meta.get("byline") or None,
            date=published[:10] if isinstance(published, str) and published[:4].isdigit() else None,
        )


_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "br",
    "section", "article", "figure", "figcaption", "table", "ul", "ol", "dd", "dt", "hr",
}  # fmt: skip


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment, one line per block (for Readability's outputs)."""
    from lxml import etree
    from lxml import html as lxml_html

    if not html.strip():
        return ""
    try:
        tree = lxml_html.fromstring(html)
    except (etree.LxmlError, ValueError):
        return ""
    parts: list[str] = []
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style"):
            continue
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n\n".join(line for line in lines if line)


# --- field scoring ---------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
#: Separators at which a title's leading or trailing site segment is dropped.
SITE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|:|»|·)\s+")


#: Typographic quotes and their typewriter forms are one character to a reader. The wcxb
#: gold writes typewriter quotes (`We've`) where the page itself has typographic ones
#: (`We’ve`), and cleannews keeps the page's characters (curly quotes are correct text, see
#: `cleannews.fixers.FixerConfig`), so comparing glyphs would score the gold's typing.
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def norm_title(title: str | None) -> str:
    """A title as compared: spaces collapsed, case folded, quotes typewriter."""
    return _SPACE.sub(" ", title or "").strip().casefold().translate(_QUOTES)


def title_matches(got: str | None, gold: str | None) -> tuple[bool, bool]:
    """(exact, loose): exact after whitespace, case and quote folding; loose when one title is the
    other with leading or trailing site segments dropped."""
    if not gold:
        return False, False
    exact = norm_title(got) == norm_title(gold)
    if exact:
        return True, True
    g, r = _segments(gold), _segments(got)
    if not r:
        return False, False
    return False, _is_edge_run(r, g) or _is_edge_run(g, r)


def _segments(title: str | None) -> list[str]:
    return [s for s in SITE_SEPARATORS.split(norm_title(title)) if s]


def _is_edge_run(inner: list[str], outer: list[str]) -> bool:
    """Whether ``inner`` is ``outer`` with segments dropped only at its ends, keeping the
    headline (the longest segment): the site name alone is not the title."""
    n = len(inner)
    headline = max(outer, key=len)
    return headline in inner and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


_NAME_FOLD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    return _NAME_FOLD.sub(" ", text.casefold()).strip()


def authors_match(got: list[str], gold: str | None) -> bool | None:
    """Every returned name appears in the gold author string; None where the gold has none.
    An empty answer is wrong where the gold names someone."""
    if not gold:
        return None
    if not got:
        return False
    folded = f" {_fold(gold)} "
    return all(f" {_fold(name)} " in folded for name in got if _fold(name))


def date_matches(got: str | None, gold: str | None) -> bool | None:
    """Same day; None where the gold has no date."""
    if not gold:
        return None
    return bool(got) and got[:10] == gold[:10]


def score_fields(page: GoldPage, got: dict[str, Any]) -> dict[str, bool | None]:
    """The field checks of one page: title exact/loose, authors, date (None = not gold)."""
    exact, loose = title_matches(got.get("title"), page.title)
    return {
        "title_exact": exact if page.title else None,
        "title": loose if page.title else None,
        "authors": authors_match(list(got.get("authors") or []), page.author),
        "date": date_matches(got.get("date"), page.date),
    }
