"""Stage 4, boilerplate: widgets, prompts, link lines and page furniture are removed.

Driven by the `boilerplate` rules of the active packs: comment widgets, share and follow
bars, newsletter prompts, "Read more:" links, relative timestamps, "Advertisement",
reading times, slogans. A rule flagged `ends_article` (a comment section's heading, a
related-stories heading) also records where the article may end (`ends_tail`: only if
it stands in the story's tail, like a comment counter), and one flagged
`starts_list` where an inserted list of links begins; the stories stage uses those marks
once it knows where each story starts.
"""

from __future__ import annotations

from cleannews.document import Doc, Fate, Line
from cleannews.rules import Rule, structural_rule
from cleannews.settings import SETTINGS
from cleannews.shapes import is_prose, word_count
from cleannews.signals import ARTICLE_END, BOILERPLATE, FORM_PARTS, LANGUAGE, LINE_TEXT, LIST_START
from cleannews.stages.base import RuleStage, register_stage

WIDGET_BLOCK = structural_rule(
    "widget-block",
    "boilerplate",
    "A short line between two removed boilerplate lines: part of the same widget.",
)
#: Longest line (in words) the widget-block rule may take.
WIDGET_LINE_WORDS = SETTINGS.widget_line_words.value
#: A line between two parts of a sign-up or comment form (lines of rules flagged
#: `form_part`: prompts, privacy notices) is part of the same form whatever its shape
#: ("Our weekly digest lands in your inbox." between the form's title and its thank-you
#: message), up to FORM_LINE_WORDS words. Ads and links that stand between paragraphs are
#: not form parts, so a paragraph between two ads stays.
FORM_LINE_WORDS = SETTINGS.form_line_words.value


@register_stage
class RemoveBoilerplate(RuleStage):
    """Remove lines matching a boilerplate rule; remember article-ending headings."""

    name = "boilerplate"
    requires = (LINE_TEXT,)
    reads = (LANGUAGE,)
    provides = (BOILERPLATE, ARTICLE_END, LIST_START, FORM_PARTS)
    colour = "#d62728"

    def run(self, doc: Doc) -> None:
        matcher = self.matcher(doc)
        for line in doc.open_lines():
            try:
                rule = matcher.match(line.text)
            except TimeoutError:
                doc.warn(f"regex timeout in stage {self.name} on line {line.no}")
                continue
            if rule is None or rule.tag != "remove":
                continue
            doc.remove(line, rule.name, self.name)
            if line.no not in doc.restored:  # (put back from the markup: no evidence)
                self._mark_structure(doc, line, rule)
            if rule.form_part:
                doc.form_lines.add(line.no)
        self._remove_widget_blocks(doc)

    @staticmethod
    def _mark_structure(doc: Doc, line: Line, rule: Rule) -> None:
        """What the line says of the page's shape: the article ends, or its tail does, or
        a list of links follows."""
        if rule.ends_article:
            doc.end_markers.append(line.no)
        if rule.ends_tail:
            doc.tail_markers.append(line.no)
        if rule.starts_list:
            doc.list_markers.append(line.no)

    def _remove_widget_blocks(self, doc: Doc) -> None:
        """A short open line with removed boilerplate on both sides belongs to the widget
        ("Newsletter" / "Daily picks" / "Thanks for signing up!"); so does any line of up to
        FORM_LINE_WORDS words between two parts of a sign-up or comment form."""
        lines = [ln for ln in doc.lines if ln.fate != Fate.BLANK]
        removed_here = [ln.fate == Fate.REMOVED and ln.stage == self.name for ln in lines]
        for pos in range(1, len(lines) - 1):
            line = lines[pos]
            if not (removed_here[pos - 1] and removed_here[pos + 1] and line.is_open):
                continue
            words = word_count(line.text)
            short_widget_line = words <= WIDGET_LINE_WORDS and not is_prose(line.text)
            in_form = words <= FORM_LINE_WORDS and all(
                lines[near].no in doc.form_lines for near in (pos - 1, pos + 1)
            )
            if short_widget_line or in_form:
                doc.remove(line, WIDGET_BLOCK, self.name, trigger=lines[pos - 1])
