"""Turn the marked working document into immutable `Article` records.

Reads each line's fate: body lines become paragraphs, caption lines captions, removed
lines `Removal`s, and every story after the first becomes one of `others`. Nothing is
decided here; this is pure bookkeeping, so the accounting stays easy to check.
"""

from __future__ import annotations

from cleannews.document import Doc, Fate, Line, StoryMeta
from cleannews.htmlmeta import author_names
from cleannews.record import Article, Removal


def build_article(doc: Doc) -> Article:
    """The main story, carrying the page's other stories in `others`."""
    by_story = doc.lines_by_story()
    stories = [
        _story_article(doc, doc.stories[i] if i < len(doc.stories) else StoryMeta(), lines, i)
        for i, lines in sorted(by_story.items())
    ]
    main = _with_html_findings(doc, stories[0], stories[1:])
    return _replace(main, others=tuple(stories[1:]), warnings=tuple(doc.warnings))


def _with_html_findings(doc: Doc, main: Article, others: list[Article]) -> Article:
    """Add to the main story the HTML captions no line carried and the removed elements."""
    if not doc.html_captions and not doc.html_removals:
        return main
    placed = set(main.captions).union(*(set(o.captions) for o in others))
    extra = tuple(c for c in doc.html_captions if c not in placed)
    removed = tuple(
        Removal(
            r.text,
            r.rule,
            "html",
            field="authors" if r.rule == "html-byline" else None,
            element=r.element,
            marker=r.marker,
        )
        for r in doc.html_removals
    )
    return _replace(main, captions=main.captions + extra, removed=main.removed + removed)


def _story_article(doc: Doc, meta: StoryMeta, lines: list[Line], story: int) -> Article:
    captions = [ln.text for ln in lines if ln.fate == Fate.CAPTION]
    page = doc.page if story == 0 else None
    return Article(  # the page's own metadata first, for the main story; the text fills gaps
        title=(page.title if page else None) or meta.title,
        subtitle=meta.subtitle or (page.description if page and meta.title else None),
        summary=tuple(meta.summary),
        authors=(page.authors if page else ())
        or author_names(meta.authors)
        or doc.html_authors.get(story, ()),
        published=(page.published if page else None) or meta.published,
        dateline=meta.dateline,
        paragraphs=tuple(ln.text for ln in lines if ln.fate == Fate.BODY),
        captions=tuple(dict.fromkeys(captions)),
        language=doc.language,
        url=doc.page.url,
        site_name=doc.page.site_name,
        removed=tuple(_removal(doc, ln) for ln in lines if ln.fate == Fate.REMOVED),
    )


def _removal(doc: Doc, line: Line) -> Removal:
    """A removed line's record, with the line that set its rule off, if one did."""
    trigger = None if line.trigger is None else doc.lines[line.trigger]
    return Removal(
        line.text,
        line.rule or "unknown",
        line.stage or "unknown",
        line.no,
        line.field,
        trigger_line=None if trigger is None else trigger.no,
        trigger_rule=None if trigger is None else trigger.rule,
        trigger_text=None if trigger is None else trigger.text,
    )


def _replace(article: Article, **changes: object) -> Article:
    from dataclasses import replace

    return replace(article, **changes)  # type: ignore[arg-type]
