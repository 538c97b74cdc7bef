"""Which rule removes gold text? Every removal of cleannews, scored against the gold body.

For each dev page (the held-out quarter of wcxb is skipped) ``cleannews.clean(html)``
runs, and each entry of ``removed`` is split into 4-token shingles. A shingle that is
also in the page's gold body is *gold removed*: real article text taken out. Per rule
the report gives the removals, the shingles removed, and the share of them that were
gold. A rule with a high gold share removes article text and needs a stricter condition.

The last rows account for the gold that never reached the body for other reasons: gold
shingles missing from the body and from every removal ("not extracted": lost before the
line stages, or put in a field).

    python benchmarks/rule_audit.py [--set all|scrapinghub|wcxb|readability] [--type article]
        [--declared og-only] [--rule html-ad --show 10] [--text]

``--text`` audits the text path instead: ``cleannews.clean`` of the same recall-oriented
trafilatura extraction that the scoreboard's ``cleannews-text`` column cleans.

``--declared`` keeps the pages of one kind of declaration (`declaration`): a schema.org
article type (``typed-article``), ``og:type=article`` alone (``og-only``) or beside a
JSON-LD ``WebPage`` (``og+webpage``), a discussion, or nothing (``undeclared``). What a
rule takes is judged differently on each: the `html-link-line` gate
(`PageKind.is_typed_article`) was measured so.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import partial
from typing import Any

try:
    from benchmarks.corpora import CORPORA, GoldPage, load
    from benchmarks.metric import shingles
except ImportError:
    from corpora import CORPORA, GoldPage, load
    from metric import shingles


DECLARATIONS = ("typed-article", "og-only", "og+webpage", "discussion", "undeclared")


def declaration(page: GoldPage) -> str:
    """How the page declares itself (one of `DECLARATIONS`), read as cleannews reads it."""
    from cleannews.html import parse_html
    from cleannews.pagekind import ARTICLE_TYPES, page_kind

    tree = parse_html(page.html_text)
    if tree is None:
        return "undeclared"
    kind = page_kind(tree)
    if kind.is_discussion:
        return "discussion"
    if kind.is_article and kind.types & ARTICLE_TYPES:  # (`is_typed_article`, any version)
        return "typed-article"
    if kind.is_article:
        return "og+webpage" if "WebPage" in kind.types else "og-only"
    return "undeclared"


def audit_page(page: GoldPage, text: bool = False) -> dict[str, Any]:
    """What each rule took from one page: of the HTML, or with `text` of the text path's
    input (the recall-oriented extraction the scoreboard's ``cleannews-text`` cleans)."""
    import cleannews

    if text:
        try:
            from benchmarks.scoreboard import noisy_text
        except ImportError:
            from scoreboard import noisy_text
        article = cleannews.clean(noisy_text(page), kind="text")
    else:
        article = cleannews.clean(page.html)
    gold = shingles(page.body)
    body = shingles(article.body)
    rules: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    examples: dict[str, list[tuple[float, str]]] = defaultdict(list)
    accounted: Counter[tuple[str, ...]] = Counter(body)
    for removal in article.removed:
        key = f"{removal.stage}/{removal.rule}"
        found = shingles(removal.text)
        total = sum(found.values())
        hit = sum((found & gold).values())
        accounted.update(found)
        counts = rules[key]
        counts[0] += 1
        counts[1] += total
        counts[2] += hit
        if hit:
            examples[key].append((hit / max(total, 1), removal.text[:160]))
    for field in (article.title, article.subtitle, *article.captions):
        if field:
            accounted.update(shingles(field))
    missing = sum((gold - accounted).values())
    return {
        "key": page.key,
        "rules": dict(rules),
        "examples": dict(examples),
        "gold": sum(gold.values()),
        "gold_in_body": sum((gold & body).values()),
        "missing": missing,
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="all", choices=("all", *CORPORA))
    ap.add_argument("--type", default=None, help="only wcxb pages of this page type")
    ap.add_argument("--declared", choices=DECLARATIONS, help="only pages declared so")
    ap.add_argument("--rule", default=None, help="show examples of this rule (stage/rule)")
    ap.add_argument("--show", type=int, default=8)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--text", action="store_true", help="audit the text path instead")
    args = ap.parse_args(argv)
    corpora = CORPORA if args.set == "all" else (args.set,)
    pages = [p for c in corpora for p in load(c) if not p.held_out]
    if args.type:
        pages = [p for p in pages if p.page_type == args.type]
    if args.declared:
        pages = [p for p in pages if declaration(p) == args.declared]
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        results = pool.map(partial(audit_page, text=args.text), pages, chunksize=4)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for result in results:
        for rule, (n, total, hit) in result["rules"].items():
            t = totals[rule]
            t[0] += n
            t[1] += total
            t[2] += hit
            t[3] += hit > 0
    gold = sum(r["gold"] for r in results)
    print(
        f"{len(pages)} dev pages, {gold} gold shingles, "
        f"{sum(r['gold_in_body'] for r in results)} in the body, "
        f"{sum(r['missing'] for r in results)} neither in the body nor in any removal/field"
    )
    print(f"{'stage/rule':<44}{'removals':>9}{'shingles':>10}{'gold':>8}{'gold%':>7}{'pages':>7}")
    for rule, (n, total, hit, npages) in sorted(totals.items(), key=lambda kv: -kv[1][2]):
        share = hit / total if total else 0.0
        print(f"{rule:<44}{n:>9}{total:>10}{hit:>8}{share:>7.1%}{npages:>7}")
    if args.rule:
        found = [
            (share, r["key"], text)
            for r in results
            for share, text in r["examples"].get(args.rule, [])
        ]
        for share, key, text in sorted(found, reverse=True)[: args.show]:
            print(f"  {share:.2f} {key}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
