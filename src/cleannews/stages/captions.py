"""Stage 3, captions: photo captions and credits go to `captions`, not the body.

Driven by the `captions` rules of the active packs ("… (AFP)", "[Name/AFP/Getty Images]",
"Photo: …", "Image 1 of 8" …). A caption repeated on the page is collapsed later by the
duplicates stage.
"""

from __future__ import annotations

from cleannews.document import Doc, Fate
from cleannews.rules import structural_rule
from cleannews.stages.base import RuleStage, register_stage

HTML_CAPTION = structural_rule(
    "html-figcaption", "captions", "A line the HTML marks as a caption (figcaption, caption class)."
)


@register_stage
class MoveCaptions(RuleStage):
    """Mark lines matching a caption rule as captions."""

    name = "captions"

    def run(self, doc: Doc) -> None:
        matcher = self.matcher(doc)
        marked = {" ".join(c.split()) for c in doc.html_captions}
        for line in doc.open_lines():
            if marked and " ".join(line.text.split()) in marked:
                doc.mark(line, Fate.CAPTION, HTML_CAPTION, self.name)
                continue
            try:
                rule = matcher.match(line.text)
            except TimeoutError:
                doc.warn(f"regex timeout in stage {self.name} on line {line.no}")
                continue
            if rule is not None and rule.tag == "caption":
                doc.mark(line, Fate.CAPTION, rule.name, self.name)
