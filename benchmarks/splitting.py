"""Splitting benchmark: pages made of two or three real articles, and single articles.

Generated deterministically (fixed seed) from the gold bodies (``articleBody``) of the
*article* pages of the dev corpora (``corpora.py``): scrapinghub and wcxb. Each multi-story
case joins 2-3 article bodies of different pages, one paragraph a line, with one newline
between lines in half the cases and two in the others (so a blank line is no hint):

* ``headline``: each article opens with its gold headline (wcxb title; only pages with a
  gold title are used: scrapinghub has none);
* ``headline+byline``: the headline, then a byline and/or date line made from the page's
  gold author and date ("By NAME", "NAME | Month D, YYYY", "Published YYYY-MM-DD", ...);
  pages with neither are not used;
* ``none``: the bodies alone, back to back (scrapinghub and wcxb pages).

Controls, one article each, that must not be split:

* ``control-headings``: wcxb article gold bodies that keep three or more of their own
  section headings (short lines without a final stop), under their headline;
* ``control-inserted``: scrapinghub bodies of eight or more paragraphs into which a heading
  is inserted before every third paragraph from the fourth on, made of that paragraph's
  first sentence's three to five longest words (kept in sentence order, the first one
  capitalised): a heading that shares the vocabulary of what follows it, as a real one does.

With ``--real``, a third control: ``control-real``, every page of the three dev corpora
(scrapinghub, wcxb, readability) as the text path gets it (trafilatura's high-recall
extraction, cached as in ``snapshot.py``). Each is one page and its gold is one body, so a
split there is a false split on a real page's shape, not on a generated one.

Scores, per split and variant: ``count`` (share of cases where cleannews finds exactly the
right number of stories: main + ``others``), boundary ``recall`` / ``precision`` (a boundary
is the first non-blank line of a new story; a found boundary counts when it stands within
one non-blank line of a true one), ``f1`` (the shingle F1 of ``metric.py`` between the main
story's body and the first article's gold body, averaged over cases), and on the controls
``split`` (share of cases split at all).

**Held-out rule**: the ``held-out`` rows are built only from the held-out quarter of wcxb
(``page.held_out``); the ``dev`` rows from the rest of wcxb and scrapinghub. Cases are never
printed one by one except with ``--dump`` on dev cases. Tune on dev only.

Run: ``PYTHONPATH=src python benchmarks/splitting.py [--json OUT] [--dump DIR] [--why] [--real]``
(``--why``: per variant, why each missed dev boundary was missed: the first test of the
``stories`` stage its headline failed).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # ``python -m benchmarks.splitting`` from the repo root
    from benchmarks.corpora import GoldPage, load
    from benchmarks.metric import page_f1, page_scores
except ImportError:  # ``python benchmarks/splitting.py``
    from corpora import GoldPage, load  # type: ignore[no-redef]
    from metric import page_f1, page_scores  # type: ignore[no-redef]

SEED = 20261206
#: Cases per variant and split (held-out has 56 titled article pages to draw from).
CASES = {"dev": 200, "held-out": 120}
VARIANTS = ("headline", "headline+byline", "none")
CONTROLS = ("control-headings", "control-inserted")
#: The pages the text path gets from the dev corpora, unchanged (``--real``).
REAL_CONTROL = "control-real"
REAL_CORPORA = ("scrapinghub", "wcxb", "readability")
#: A body needs this many paragraphs and characters to be used (a real article's length).
MIN_PARAGRAPHS = 3
MIN_CHARS = 600
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WORD = re.compile(r"\w[\w'-]*")


@dataclass(frozen=True)
class Case:
    split: str
    variant: str
    text: str
    #: Non-blank line index of each story's first line (the first is always 0).
    starts: tuple[int, ...]
    first_body: str


def paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in body.splitlines() if p.strip()]


def _usable(page: GoldPage) -> bool:
    paras = paragraphs(page.body)
    return (
        page.page_type == "article" and len(paras) >= MIN_PARAGRAPHS and len(page.body) >= MIN_CHARS
    )


def _date_text(iso: str, style: int) -> str:
    year, month, day = iso[:4], int(iso[5:7]), int(iso[8:10])
    if style == 0:
        return f"{_MONTHS[month - 1]} {day}, {year}"
    if style == 1:
        return f"Published {iso[:10]}"
    return f"{day} {_MONTHS[month - 1]} {year}"


def _header_line(page: GoldPage, rng: random.Random) -> str | None:
    """A byline and/or date line from the page's gold author and date."""
    author = (page.author or "").split(",")[0].strip() or None
    date = page.date if page.date and re.fullmatch(r"\d{4}-\d\d-\d\d", page.date[:10]) else None
    style = rng.randrange(3)
    if author and date:
        return (
            f"By {author} | {_date_text(date, style)}"
            if rng.random() < 0.5
            else (f"{author} · {_date_text(date, style)}")
        )
    if author:
        return f"By {author}"
    if date:
        return _date_text(date, style)
    return None


def _story_lines(page: GoldPage, variant: str, rng: random.Random) -> list[str]:
    lines = []
    if variant != "none":
        lines.append(" ".join((page.title or "").split()))
    if variant == "headline+byline":
        header = _header_line(page, rng)
        assert header is not None
        lines.append(header)
    return lines + paragraphs(page.body)


def _pools(pages: Sequence[GoldPage]) -> dict[tuple[str, str], list[GoldPage]]:
    """Pages usable by each (split, variant)."""
    pools: dict[tuple[str, str], list[GoldPage]] = {}
    for split in CASES:
        held = split == "held-out"
        wcxb = [p for p in pages if p.corpus == "wcxb" and p.held_out == held and _usable(p)]
        hub = [] if held else [p for p in pages if p.corpus == "scrapinghub" and _usable(p)]
        titled = [p for p in wcxb if p.title]
        pools[split, "headline"] = titled
        pools[split, "headline+byline"] = [
            p for p in titled if _header_line(p, random.Random(0)) is not None
        ]
        pools[split, "none"] = wcxb + hub
    return pools


def build_cases(pages: Sequence[GoldPage]) -> list[Case]:
    rng = random.Random(SEED)
    pools = _pools(pages)
    cases: list[Case] = []
    for split, count in CASES.items():
        for variant in VARIANTS:
            pool = pools[split, variant]
            for n in range(count):
                chosen = rng.sample(pool, rng.choice((2, 3)))
                sep = "\n" if n % 2 == 0 else "\n\n"
                lines: list[str] = []
                starts = []
                for page in chosen:
                    starts.append(len(lines))
                    lines += _story_lines(page, variant, rng)
                first = "\n\n".join(paragraphs(chosen[0].body))
                cases.append(Case(split, variant, sep.join(lines), tuple(starts), first))
        cases += _controls(pages, split, rng)
    return cases


def _is_heading(line: str) -> bool:
    """A section heading in a gold body: short, no final stop (benchmark side only)."""
    return len(line.split()) <= 12 and not line.rstrip().endswith((".", ":", ",", ";", "?", "!"))


def _inserted_heading(paragraph: str) -> str:
    first = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    words = _WORD.findall(first)
    n = min(5, max(3, len(words) // 6))
    longest = sorted(sorted(range(len(words)), key=lambda i: -len(words[i]))[:n])
    heading = " ".join(words[i] for i in longest)
    return heading[:1].upper() + heading[1:]


def _controls(pages: Sequence[GoldPage], split: str, rng: random.Random) -> list[Case]:
    held = split == "held-out"
    found: list[Case] = []
    for page in pages:
        if page.held_out != held or not _usable(page):
            continue
        paras = paragraphs(page.body)
        if page.corpus == "wcxb" and page.title:
            if sum(map(_is_heading, paras)) >= 3:
                lines = [" ".join(page.title.split()), *paras]
                sep = "\n" if rng.random() < 0.5 else "\n\n"
                found.append(Case(split, CONTROLS[0], sep.join(lines), (0,), "\n\n".join(paras)))
        elif page.corpus == "scrapinghub" and len(paras) >= 8:
            lines = []
            for i, para in enumerate(paras):
                if i >= 3 and i % 3 == 0 and len(_WORD.findall(para)) >= 12:
                    lines.append(_inserted_heading(para))
                lines.append(para)
            sep = "\n" if rng.random() < 0.5 else "\n\n"
            found.append(Case(split, CONTROLS[1], sep.join(lines), (0,), "\n\n".join(paras)))
    return found


def real_controls(
    pages: Sequence[GoldPage], text_of: Callable[[str, bytes], str] | None = None
) -> list[Case]:
    """Every page as the text path gets it (`text_of(key, html)`; by default the cached
    high-recall extraction of ``snapshot.py``): one story each, held-out wcxb pages in the
    held-out split."""
    if text_of is None:
        try:
            from benchmarks.snapshot import noisy_text as text_of
        except ImportError:
            from snapshot import noisy_text as text_of  # type: ignore[no-redef]

    split = {False: "dev", True: "held-out"}
    return [
        Case(split[p.held_out], REAL_CONTROL, text_of(p.key, p.html), (0,), p.body) for p in pages
    ]


def run_case(case: Case, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Clean one case with the default pipeline, or one built with `options` (config)."""
    import cleannews

    pipeline = cleannews.Pipeline.from_config({"options": options or {}})
    explained = pipeline.explain(case.text, kind="text")
    found: list[int] = []
    previous = 0
    index = 0
    for line in explained.lines:
        if not line.text.strip():
            continue
        if line.story != previous and index:
            found.append(index)
        previous = line.story
        index += 1
    stories = 1 + len(explained.article.others)
    truth = list(case.starts[1:])
    hits = sum(any(abs(f - t) <= 1 for f in found) for t in truth)
    good = sum(any(abs(f - t) <= 1 for t in truth) for f in found)
    f1 = page_f1(page_scores(explained.article.body, case.first_body))
    return {
        "count": stories == len(case.starts),
        "truth": len(truth),
        "hits": hits,
        "found": len(found),
        "good": good,
        "f1": f1,
        "split": stories > 1,
    }


def summarise(results: list[tuple[Case, dict[str, Any]]]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for case, result in results:
        groups.setdefault(f"{case.split} {case.variant}", []).append(result)
    for name, rows in groups.items():
        n = len(rows)
        truth = sum(r["truth"] for r in rows)
        found = sum(r["found"] for r in rows)
        table[name] = {
            "cases": n,
            "count": sum(r["count"] for r in rows) / n,
            "recall": sum(r["hits"] for r in rows) / truth if truth else 1.0,
            "precision": sum(r["good"] for r in rows) / found if found else 1.0,
            "f1": sum(r["f1"] for r in rows) / n,
            "split": sum(r["split"] for r in rows) / n,
        }
    return table


def why_missed(case: Case) -> list[str]:
    """Why each true boundary of a dev case was not found (within one line): the first
    test of the `stories` stage that the headline line failed. For finding the next step
    on dev cases only: it reads the stage's private tests, and reruns the case."""
    from cleannews import default_pipeline
    from cleannews.boundary import (
        MIN_TOPIC_WORDS,
        SCORED_BELOW,
        Topics,
        boundary_evidence,
        story_model,
    )
    from cleannews.memo import document_memo
    from cleannews.shapes import is_prose, word_count
    from cleannews.stages import stories as S

    captured: list[Any] = []
    original = Topics.__init__

    def capture(self: Any, lines: Any) -> None:
        original(self, lines)
        captured.append(self)

    Topics.__init__ = capture  # type: ignore[method-assign]
    try:
        explained = default_pipeline().explain(case.text, kind="text")
    finally:
        Topics.__init__ = original  # type: ignore[method-assign]
    topics = captured[-1]
    shown = [f for f in explained.lines if f.text.strip()]
    position = {line.no: pos for pos, line in enumerate(topics.lines)}
    reasons = []
    for start in case.starts[1:]:
        near = range(max(1, start - 1), min(len(shown), start + 2))
        if any(shown[k].story != shown[k - 1].story for k in near):
            continue  # found
        fate = shown[start]
        pos = position.get(fate.line)
        if fate.fate != "body" or pos is None:
            reasons.append(f"line {fate.fate} ({fate.rule})")
        elif not S._is_candidate(topics.lines[pos]):
            reasons.append("not a headline candidate")
        elif word_count(fate.text) < S.MIN_SINGLE_EVIDENCE_WORDS:
            reasons.append("headline too short for one kind of evidence")
        elif not S._may_head_a_topic(fate.text, is_prose(fate.text)):
            reasons.append("may not head a topic (sentence-case question, list item)")
        else:
            with document_memo():
                evidence = boundary_evidence(topics, pos)
                if not (topics.judged(pos) and topics.judged(pos + 1)):
                    reasons.append(f"too few content words on a side (< {MIN_TOPIC_WORDS})")
                elif evidence is None:
                    reasons.append(f"similarity {SCORED_BELOW} or more")
                else:
                    score = story_model().score(evidence.vector())
                    reasons.append(f"story model's score below {S.BOUNDARY_SCORE}: {score:.1f}")
    return reasons


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--dump", type=Path, help="write each dev case and its result")
    parser.add_argument("--split", choices=("dev", "held-out", "both"), default="both")
    parser.add_argument(
        "--split-on-topic", action="store_true", help="clean with split_on_topic=True"
    )
    parser.add_argument(
        "--why", action="store_true", help="count why dev boundaries were missed (dev only)"
    )
    parser.add_argument(
        "--real", action="store_true", help="also the dev corpora's real pages (text path)"
    )
    args = parser.parse_args(argv)
    options = {"split_on_topic": True} if args.split_on_topic else {}
    pages = [p for corpus in ("scrapinghub", "wcxb") for p in load(corpus)]
    cases = build_cases(pages)
    if args.real:
        cases += real_controls([p for corpus in REAL_CORPORA for p in load(corpus)])
    if args.split != "both":
        cases = [c for c in cases if c.split == args.split]
    start = time.perf_counter()
    results = [(case, run_case(case, options)) for case in cases]
    seconds = time.perf_counter() - start
    table = summarise(results)
    print(f"{'split / variant':34} cases count recall precision firstF1 split")
    for name in sorted(table, key=lambda n: (n.split()[0] != "dev", n)):
        row = table[name]
        print(
            f"{name:34} {row['cases']:5.0f} {row['count']:5.3f} {row['recall']:6.3f} "
            f"{row['precision']:9.3f} {row['f1']:7.3f} {row['split']:5.3f}"
        )
    print(f"({len(cases)} cases in {seconds:.1f} s)")
    if args.why:
        for variant in VARIANTS:
            found = Counter(
                reason
                for case, _ in results
                if case.split == "dev" and case.variant == variant  # never held-out
                for reason in why_missed(case)
            )
            print(f"dev {variant}: missed boundaries by reason")
            for reason, count in found.most_common():
                print(f"  {count:4d}  {reason}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2, sort_keys=True), encoding="utf-8")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for n, (case, result) in enumerate(results):
            if case.split != "dev":
                continue  # held-out cases are never looked at one by one
            name = f"{n:04d}-{case.variant}"
            (args.dump / f"{name}.txt").write_text(case.text, encoding="utf-8")
            meta = {"starts": case.starts, **result}
            (args.dump / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
