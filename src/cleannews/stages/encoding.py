"""Stage 1, encoding: repair each line's characters (mojibake, entities, invisibles).

The fixers themselves live in `cleannews.fixers` as pure `str -> str` functions; this
stage applies them line by line so that line numbers stay those of the input (a repair
never merges or splits lines) and marks lines that are blank once repaired.
"""

from __future__ import annotations

from cleannews.document import Doc, Fate
from cleannews.fixers import fix_line
from cleannews.stages.base import Stage, register_stage


@register_stage
class FixEncoding(Stage):
    """Repair characters; lines that are empty afterwards become blank."""

    name = "encoding"

    def run(self, doc: Doc) -> None:
        if doc.page.title is not None:
            # The title from the HTML head is compared with the page's lines, and it goes
            # to the record: it gets the same repair as they do.
            doc.page.title = fix_line(doc.page.title) or None
        for line in doc.lines:
            line.text = fix_line(line.raw) if line.raw.strip() else ""
            if not line.text:
                doc.mark(line, Fate.BLANK, None, self.name)
