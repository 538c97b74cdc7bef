"""Stage 3, captions: photo captions and credits go to `captions`, not the body.

Driven by the `captions` rules of the active packs ("… (AFP)", "[Name/AFP/Getty Images]",
"Photo: …", "Image 1 of 8" …), and by one structural rule: an expandable caption printed
both cut short ("… more") and whole ("… less"). A caption repeated on the page is
collapsed later by the duplicates stage.
"""

from __future__ import annotations

from typing import Any

from cleannews.document import Doc, Fate, Line
from cleannews.rules import structural_rule
from cleannews.settings import SETTINGS
from cleannews.signals import CAPTIONS, LANGUAGE, LINE_TEXT
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
MIN_EXPANDER_PREFIX = SETTINGS.expander_min_prefix.value


@register_stage
class MoveCaptions(RuleStage):
    """Mark lines matching a caption rule as captions."""

    name = "captions"
    requires = (LINE_TEXT,)
    reads = (LANGUAGE,)
    provides = (CAPTIONS,)
    colour = "#1f77b4"

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
        be a teaser, which other stages judge.

        The cut-short prefixes go into a character trie, so each "less" line finds every
        prefix it starts with in one walk along its own text: linear in the page's size
        (trying every prefix on every "less" line grew with their product)."""
        cut = _PrefixTrie()
        for line in doc.open_lines():
            prefix = _cut_prefix(line.text)
            if prefix is not None:
                cut.add(prefix, line)
        if not cut:
            return
        for line in doc.open_lines():
            text = line.text.rstrip()
            if text[-5:].casefold() != " less":
                continue
            shorts = cut.take_prefixes_of(text)
            if shorts:
                doc.mark(line, Fate.CAPTION, EXPANDER, self.name)
                for short in shorts:
                    doc.remove(short, EXPANDER_CUT, self.name)


class _PrefixTrie:
    """Cut-short caption prefixes, each with its lines; a prefix is taken once."""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self._size = 0

    def __bool__(self) -> bool:
        return self._size > 0

    def add(self, prefix: str, line: Line) -> None:
        node = self._root
        for char in prefix:
            node = node.setdefault(char, {})
        if _END not in node:
            node[_END] = []
            self._size += 1
        node[_END].append(line)

    def take_prefixes_of(self, text: str) -> list[Line]:
        """The lines of every stored prefix `text` starts with (shortest prefix first),
        removed from the trie so that no other line can take them."""
        taken: list[Line] = []
        node = self._root
        for char in text:
            child: dict[str, Any] | None = node.get(char)
            if child is None:
                break
            node = child
            lines = node.pop(_END, None)
            if lines is not None:
                taken.extend(lines)
                self._size -= 1
        return taken


#: The trie key that holds a prefix's lines (no character is two characters long).
_END = "end"


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
