"""Stage 4, boilerplate: widgets, prompts, link lines and page furniture are removed.

Driven by the `boilerplate` rules of the active packs: comment widgets, share and follow
bars, newsletter prompts, "Read more:" links, relative timestamps, "Advertisement",
reading times, slogans. A rule flagged `ends_article` (a comment section's heading, a
related-stories heading) also records where the article may end, and one flagged
`starts_list` where an inserted list of links begins; the stories stage uses those marks
once it knows where each story starts.
"""

from __future__ import annotations

from cleannews.document import Doc
from cleannews.stages.base import RuleStage, register_stage


@register_stage
class RemoveBoilerplate(RuleStage):
    """Remove lines matching a boilerplate rule; remember article-ending headings."""

    name = "boilerplate"

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
            if rule.ends_article:
                doc.end_markers.append(line.no)
            if rule.starts_list:
                doc.list_markers.append(line.no)
