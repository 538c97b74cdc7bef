"""Turn the marked working document into immutable `Article` records.

Reads each line's fate: body lines become paragraphs, caption lines captions, removed
lines `Removal`s, and every story after the first becomes one of `others`. Nothing is
decided here; this is pure bookkeeping, so the accounting stays easy to check.
"""

from __future__ import annotations

from cleannews.document import Doc, Fate, Line, StoryMeta
from cleannews.record import Article, Removal


def build_article(doc: Doc) -> Article:
    """The main story, carrying the page's other stories in `others`."""
    by_story: dict[int, list[Line]] = {i: [] for i in range(len(doc.stories))}
    for line in doc.lines:
        if line.fate != Fate.BLANK:
            by_story.setdefault(line.story, []).append(line)
    stories = [
        _story_article(doc, doc.stories[i] if i < len(doc.stories) else StoryMeta(), lines, i)
        for i, lines in sorted(by_story.items())
    ]
    main = stories[0]
    return _replace(main, others=tuple(stories[1:]), warnings=tuple(doc.warnings))


def _story_article(doc: Doc, meta: StoryMeta, lines: list[Line], story: int) -> Article:
    captions = [ln.text for ln in lines if ln.fate == Fate.CAPTION]
    captions.extend(doc.extra_captions.get(story, ()))
    page = doc.page if story == 0 else None
    return Article(
        title=meta.title or (page.title if page else None),
        subtitle=meta.subtitle,
        summary=tuple(meta.summary),
        authors=tuple(meta.authors) or (page.authors if page else ()),
        published=meta.published or (page.published if page else None),
        dateline=meta.dateline,
        paragraphs=tuple(ln.text for ln in lines if ln.fate == Fate.BODY),
        captions=tuple(dict.fromkeys(captions)),
        language=doc.language,
        url=doc.page.url,
        site_name=doc.page.site_name,
        removed=tuple(
            Removal(ln.text, ln.rule or "unknown", ln.stage or "unknown", ln.no, ln.field)
            for ln in lines
            if ln.fate == Fate.REMOVED
        ),
    )


def _replace(article: Article, **changes: object) -> Article:
    from dataclasses import replace

    return replace(article, **changes)  # type: ignore[arg-type]
