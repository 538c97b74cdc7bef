"""Stage 1, encoding: repair each line's characters (mojibake, entities, invisibles).

The fixers themselves live in `cleannews.fixers` as pure `str -> str` functions; this
stage applies them line by line so that line numbers stay those of the input (a repair
never merges or splits lines) and marks lines that are blank once repaired.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cleannews.document import Doc, Fate
from cleannews.fixers import fix_line
from cleannews.signals import LINE_TEXT
from cleannews.stages.base import Stage, register_stage


@register_stage
class FixEncoding(Stage):
    """Repair characters; lines that are empty afterwards become blank."""

    name = "encoding"
    provides = (LINE_TEXT,)
    colour = "#7f7f7f"

    def run(self, doc: Doc) -> None:
        _repair_html_findings(doc)
        for line in doc.lines:
            line.text = fix_line(line.raw) if line.raw.strip() else ""
            if not line.text:
                doc.mark(line, Fate.BLANK, None, self.name)


def _repair_html_findings(doc: Doc) -> None:
    """Give what the HTML path read outside the lines the lines' repair.

    The head's title, authors, site name and description, the HTML captions, byline
    authors and removed elements go to the record as they are, and the title and captions
    are compared with the lines: mojibake, entities, C1 and other control characters and
    odd spaces are repaired in them as in a line, so none reaches the record (or a
    terminal through `cleannews explain`) raw."""
    page = doc.page
    page.title = _fixed(page.title)
    page.site_name = _fixed(page.site_name)
    page.description = _fixed(page.description)
    page.authors = _fixed_all(page.authors)
    doc.html_captions = list(dict.fromkeys(_fixed_all(doc.html_captions)))
    doc.html_authors = {story: _fixed_all(names) for story, names in doc.html_authors.items()}
    doc.html_removals = [replace(r, text=fix_line(r.text)) for r in doc.html_removals]


def _fixed(text: str | None) -> str | None:
    return (fix_line(text) or None) if text is not None else None


def _fixed_all(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(fixed for text in texts if (fixed := fix_line(text)))
