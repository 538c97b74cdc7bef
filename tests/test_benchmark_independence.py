"""The multilingual benchmark pages share no text with the rule packs' own examples.

A rule's `match` and `no_match` lines are what its author had in mind; a benchmark page that
prints the same lines only checks that the rule matches its own examples, and its score is
in-sample. The pages in `benchmarks/multilingual/` (made by `make_pages.py` from `source/`
and `chrome.py`) must therefore word their boilerplate and prose differently: no text line
of a page may equal an example (ignoring case and white space), and no run of
`RUN_WORDS` words of an example may appear in a page.
"""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

import pytest

from cleannews.rules import all_packs

PAGES = Path(__file__).resolve().parents[1] / "benchmarks" / "multilingual" / "html"
RUN_WORDS = 6
WORD = re.compile(r"\w+")
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)

EXAMPLES = [
    (rule.name, example)
    for pack in all_packs(include_plugins=False)
    for rule in pack.rules
    for example in (*rule.match, *rule.no_match)
]


def _line(text: str) -> str:
    return " ".join(text.split()).casefold()


def _runs(text: str) -> set[str]:
    words = [w.casefold() for w in WORD.findall(text)]
    return {" ".join(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)}


def _page_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(PAGES.glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            texts[path.name.removesuffix(".html.gz")] = html.unescape(TAGS.sub("\n", f.read()))
    return texts


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    texts = _page_texts()
    assert len(texts) >= 30, f"expected the multilingual pages in {PAGES}"
    return texts


def test_no_page_line_is_a_rule_example(pages):
    lines: dict[str, str] = {}
    for page, text in pages.items():
        for raw in text.splitlines():
            if line := _line(raw):
                lines.setdefault(line, page)
    shared = [
        f"{name}: {example!r} is a line of {lines[_line(example)]}"
        for name, example in EXAMPLES
        if _line(example) in lines
    ]
    assert shared == []


def test_no_page_repeats_a_run_of_a_rule_example(pages):
    runs: dict[str, str] = {}
    for page, text in pages.items():
        for run in _runs(text):
            runs.setdefault(run, page)
    shared = [
        f"{name}: {example!r} shares {run!r} with {runs[run]}"
        for name, example in EXAMPLES
        for run in sorted(_runs(example))
        if run in runs
    ]
    assert shared == []
