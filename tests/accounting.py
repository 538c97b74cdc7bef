"""The accounting check: every non-blank input line is in exactly one place.

`cleannews.explain(page)` gives each input line a fate (body, title, subtitle, summary,
caption, removed) and a story. `assert_accounted(page)` verifies, line by line, that the
text really is where its fate says, in the story its index names (0 = the main article,
k = `others[k - 1]`):

- title: the story's title equals the line or is contained in it (a site suffix cut off);
- subtitle: the story's subtitle equals the line;
- body: the story's paragraphs are exactly its body lines, in order (so each once);
- caption: the line is one of the story's captions;
- summary: a summary item is a suffix of the line (its bullet cut off);
- removed: the story's `removed` holds a Removal with that line number, the same rule
  (never None) and the same text, and no line number is logged twice.

For text pages it also checks that the lines are the input's: one fate per line of the
decoded (and, past `max_input_chars`, truncated) input, each carrying that line as the
encoding stage repaired it, and blank only when the repair leaves nothing. So no text is
dropped or cut before the stages see it either.

Usable from any test: `from accounting import assert_accounted` (pass `pipeline=` to check
a pipeline with other options).

For HTML, `assert_blocks_accounted(page)` checks the same before extraction: every text
block of the page's main content (and every `<p>`) is in the extracted text, whose lines
`assert_accounted` checks, or in the record: a field, a caption or a removal
(`html-not-extracted` for what the extraction left out).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import cleannews
from cleannews import Article, Explanation, Pipeline
from cleannews.decode import decode_bytes
from cleannews.fixers import fix_line
from cleannews.html import (
    _DEEPEST,
    _UNPRINTED,
    TEXT_BLOCK_TAGS,
    _drop_keeping_tail,
    _squashed,
    _text,
    _without_surrogates,
    main_content,
    parse_html,
    text_blocks,
)

FATES = ("body", "title", "subtitle", "summary", "caption", "removed")


def assert_accounted(
    page: str | bytes, pipeline: Pipeline | None = None, **kwargs: Any
) -> Explanation:
    """Fail with a message naming the line unless every non-blank line is accounted for.

    `kwargs` go to `cleannews.explain` (kind=, url=). Returns the explanation.
    """
    pipe = pipeline or cleannews.default_pipeline()
    explanation = pipe.explain(page, **kwargs)
    if explanation.kind == "text":
        _assert_lines_are_the_input(page, explanation, pipe, kwargs)
    article = explanation.article
    stories: list[Article] = [article, *article.others]
    body_lines: dict[int, list[str]] = {i: [] for i in range(len(stories))}
    removed_lines: dict[int, list[int]] = {i: [] for i in range(len(stories))}
    title_lines: Counter[int] = Counter()
    summary_lines: Counter[int] = Counter()
    logged_removals = [
        {(r.line, r.rule, r.text) for r in story.removed if r.line is not None} for story in stories
    ]
    for fate in explanation.lines:
        if fate.fate == "blank":
            continue
        where = f"line {fate.line} ({fate.fate}, story {fate.story}): {fate.text!r}"
        assert fate.fate in FATES, f"unknown fate: {where}"
        assert 0 <= fate.story < len(stories), f"story index without an article: {where}"
        story = stories[fate.story]
        if fate.fate == "body":
            body_lines[fate.story].append(fate.text)
        elif fate.fate == "title":
            title_lines[fate.story] += 1
            assert story.title is not None, f"no title for {where}"
            assert story.title == fate.text or story.title in fate.text, (
                f"title {story.title!r} is not the text of {where}"
            )
        elif fate.fate == "subtitle":
            assert story.subtitle == fate.text, f"subtitle {story.subtitle!r} is not {where}"
        elif fate.fate == "caption":
            assert fate.text in story.captions, f"not in captions {story.captions!r}: {where}"
        elif fate.fate == "summary":
            summary_lines[fate.story] += 1
            assert any(item and fate.text.endswith(item) for item in story.summary), (
                f"no summary item of {story.summary!r} ends {where}"
            )
        else:
            assert fate.rule is not None, f"removed without a rule: {where}"
            removed_lines[fate.story].append(fate.line)
            found = (fate.line, fate.rule, fate.text) in logged_removals[fate.story]
            assert found, f"no Removal with this line, rule {fate.rule!r} and text: {where}"
    for index, story in enumerate(stories):
        assert story.paragraphs == tuple(body_lines[index]), (
            f"story {index}: paragraphs are not exactly its body lines in order"
        )
        logged = [r.line for r in story.removed if r.line is not None]
        assert sorted(logged) == sorted(removed_lines[index]), (
            f"story {index}: removed lines {sorted(logged)} != lines removed "
            f"{sorted(removed_lines[index])}"
        )
        assert title_lines[index] <= 1, f"story {index}: {title_lines[index]} title lines"
        assert summary_lines[index] == len(story.summary), (
            f"story {index}: {len(story.summary)} summary items from {summary_lines[index]} lines"
        )
    return explanation


def _assert_lines_are_the_input(
    page: str | bytes, explanation: Explanation, pipeline: Pipeline, kwargs: dict[str, Any]
) -> None:
    """One fate per input line, in order, each holding the repaired input line."""
    if isinstance(page, bytes):
        is_html = {"html": True, "text": False}.get(kwargs.get("kind") or "")
        decoded = decode_bytes(page, declared=kwargs.get("charset"), is_html=is_html)
        text = "" if decoded.is_binary else decoded.text
    else:
        text = page
    text = text[: pipeline.config.max_input_chars]
    lines = text.splitlines()
    assert len(explanation.lines) == len(lines), (
        f"{len(explanation.lines)} line fates for {len(lines)} input lines"
    )
    for fate, raw in zip(explanation.lines, lines, strict=True):
        repaired = fix_line(raw) if raw.strip() else ""
        if fate.fate == "blank":
            assert not repaired, f"line {fate.line} is blank but holds {repaired!r}"
        else:
            assert fate.text == repaired, (
                f"line {fate.line}: {fate.text!r} is not the input line {repaired!r}"
            )


def assert_blocks_accounted(
    page: str | bytes, pipeline: Pipeline | None = None, **kwargs: Any
) -> Explanation:
    """`assert_accounted`, and for an HTML page: every text block of its main content, and
    every `<p>`, is in the extracted text or in the record (compared as `html._squashed`
    compares, as the encoding stage repaired it), once the elements that the HTML path
    took out before extraction (logged whole) are cut out of it. Returns the explanation."""
    pipe = pipeline or cleannews.default_pipeline()
    explanation = assert_accounted(page, pipeline=pipe, **kwargs)
    if explanation.kind != "html":
        return explanation
    if isinstance(page, bytes):
        text = decode_bytes(page, declared=kwargs.get("charset"), is_html=True).text
    else:
        text = page.removeprefix("\ufeff")
    tree = parse_html(_without_surrogates(text[: pipe.config.max_input_chars]))
    if tree is None or _DEEPEST(tree):  # read as the text of the markup: lines only
        return explanation
    extracted = "\n".join(fate.text for fate in explanation.lines)
    record = _squashed("\n".join(_record_texts(explanation.article)))
    whole = _squashed(extracted)
    # Elements taken out before extraction (a marked ad, a link list) are logged whole;
    # the extraction saw the page without them, and so does this check: they are dropped
    # (an element whose text is such a removal's), and a block around one is the rest.
    taken = {
        _squashed(r.text)
        for s in (explanation.article, *explanation.article.others)
        for r in s.removed
        if r.stage == "html" and r.rule != "html-not-extracted"
    } - {""}
    pruned = {  # a byline element is read, not taken out
        _squashed(r.text)
        for s in (explanation.article, *explanation.article.others)
        for r in s.removed
        if r.stage == "html" and r.rule not in ("html-not-extracted", "html-byline")
    } - {""}
    dropped = [
        e
        for e in tree.iter()
        if isinstance(e.tag, str)
        and e.tag not in ("html", "body")
        and _squashed(fix_line(_text(e))) in pruned
    ]
    for element in dropped:
        if element.getparent() is None:
            continue
        if element.tag in TEXT_BLOCK_TAGS:  # matched by text only: keep the block's place,
            tail = element.tail  # so the runs on either side are not joined into one
            element.clear()
            element.tail = tail
        else:
            _drop_keeping_tail(element)
    blocks = text_blocks(tree)
    region = main_content(tree, extracted, blocks)
    inside = set(region.iter()) if region is not None else set()

    def found(key: str) -> bool:
        if key in record or key in whole:
            return True
        parts = [key]
        for cut in (t for t in taken if t in key):
            parts = [piece for part in parts for piece in part.split(cut)]
        return parts != [key] and all(not p or p in record or p in whole for p in parts)

    # The lines were repaired after the extraction dropped its characters (controls,
    # unassigned ...) and changed some white space, one line at a time; the HTML removals
    # were repaired whole: a block may be found as any of these forms.
    def forms(text: str) -> set[str]:
        bare = _UNPRINTED.sub("", text)
        return {_squashed(t) for t in (fix_line(text), fix_line(bare), fix_line(_squashed(bare)))}

    # The encoding repair reads a whole line: a line that joins a block to other text can
    # decode a mojibake-like run of it otherwise than the block alone does. A block whose
    # text is nearly all ASCII (which the repair leaves alone) is found when its ASCII is,
    # in order; a block of other scripts is never judged this way.
    whole_ascii, record_ascii = _ascii(whole), _ascii(record)

    def found_as_ascii(text: str) -> bool:
        key = _squashed(text)
        bare = _ascii(key)
        return len(bare) >= 0.9 * len(key) and (bare in whole_ascii or bare in record_ascii)

    lost = [
        b.text
        for b in blocks
        if (b.element.tag == "p" or b.element in inside)
        and _squashed(b.text)
        and not any(found(form) for form in forms(b.text) | {_squashed(b.text)})
        and not found_as_ascii(b.text)
    ]
    assert not lost, f"text blocks in no field, line, caption or removal: {lost[:5]!r}"
    return explanation


def _ascii(text: str) -> str:
    return text.encode("ascii", "ignore").decode("ascii")


def _record_texts(article: Article) -> list[str]:
    return [
        text
        for s in (article, *article.others)
        for text in (s.title or "", s.subtitle or "", *s.summary, *s.authors, *s.paragraphs,
                     *s.captions, s.site_name or "", *(r.text for r in s.removed))
    ]  # fmt: skip
