"""Stage 3, captions: photo captions and credits go to `captions`, not the body.

Driven by the `captions` rules of the active packs ("… (AFP)", "[Name/AFP/Getty Images]",
"Photo: …", "Image 1 of 8" …), and by one structural rule: an expandable caption printed
both cut short ("… more") and whole ("… less"). A caption repeated on the page is
collapsed later by the duplicates stage.
"""

from __future__ import annotations

from cleannews.document import Doc, Fate, Line
from cleannews.rules import structural_rule
from cleannews.stages.base import RuleStage, register_stage

HTML_CAPTION = structural_rule(
    "html-figcaption", "captions", "A line the HTML marks as a caption (figcaption, caption class)."
)
EXPANDER = structural_rule(
    "caption-expander",
    "captions",
    "An expandable caption in full, with its 'less' control: the page also prints it cut "
    "short with '... more'.",
)
EXPANDER_CUT = structural_rule(
    "caption-expander-cut",
    "captions",
    "The cut-short copy of an expandable caption ('... more'); the full one is a caption.",
)
#: A cut-short copy must keep this much text to be matched with its full caption.
MIN_EXPANDER_PREFIX = 20


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
        self._mark_expander_pairs(doc)

    def _mark_expander_pairs(self, doc: Doc) -> None:
        """A caption widget that shows "First words of the caption ... more" and, once
        opened, "First words of the caption and the rest. less": both are the caption,
        and neither is article text. Only a pair is taken; one "... more" line alone may
        be a teaser, which other stages judge."""
        cut: dict[str, list[Line]] = {}
        for line in doc.open_lines():
            prefix = _cut_prefix(line.text)
            if prefix is not None:
                cut.setdefault(prefix, []).append(line)
        if not cut:
            return
        for line in doc.open_lines():
            text = line.text.rstrip()
            if text[-5:].casefold() != " less":
                continue
            found = [p for p in cut if text.startswith(p)]
            if found:
                doc.mark(line, Fate.CAPTION, EXPANDER, self.name)
                for short in (ln for p in found for ln in cut.pop(p)):
                    doc.remove(short, EXPANDER_CUT, self.name)


def _cut_prefix(text: str) -> str | None:
    """The text before a final "... more" / "… more", if long enough to match on."""
    text = text.rstrip()
    if text[-4:].casefold() != "more":
        return None
    head = text[:-4].rstrip()
    if head.endswith("..."):
        head = head[:-3]
    elif head.endswith("…"):
        head = head[:-1]
    else:
        return None
    head = head.strip()
    return head if len(head) >= MIN_EXPANDER_PREFIX else None
