"""The visual explain report: one self-contained HTML file showing a page's fate.

Each input line is shown in order: body text plain, metadata and captions tagged, removed
lines struck through and coloured by the stage that removed them, with the rule name on
hover (and printed small, for screens without hover). The record's fields stand beside
it. Every piece of page text is HTML-escaped; the file has no scripts and loads nothing.
"""

from __future__ import annotations

from html import escape

from cleannews.pipeline import Explanation, LineFate
from cleannews.record import Article
from cleannews.stages import BUILTIN_STAGES, STAGES

#: Colour of the HTML elements removed before extraction (not a stage of the pipeline).
HTML_COLOUR = "#8c564b"


def stage_colours() -> dict[str, str]:
    """Colour per stage that removes lines, so a reader sees at a glance who did what:
    each registered stage's own `colour` (plugins included), then the HTML pass."""
    colours = {name: STAGES[name].colour for name in BUILTIN_STAGES}
    colours.update((name, cls.colour) for name, cls in sorted(STAGES.items()))
    colours["html"] = HTML_COLOUR
    return colours


_FATE_LABELS = {
    "title": "title",
    "subtitle": "subtitle",
    "summary": "summary",
    "caption": "caption",
    "body": "",
    "removed": "removed",
}
_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 12px 20px; background: #f4f4f4; border-bottom: 1px solid #ddd; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
       gap: 24px; padding: 20px; }
.line { padding: 3px 8px; margin: 2px 0; border-left: 4px solid transparent;
        white-space: pre-wrap; }
.line .tag { display: inline-block; font-size: 11px; color: #555; margin-left: 8px;
             font-family: monospace; }
.line.removed { text-decoration: line-through; opacity: .85; }
.line.title { font-weight: 700; font-size: 18px; border-left-color: #2ca02c; }
.line.subtitle, .line.summary { font-style: italic; border-left-color: #2ca02c; }
.line.caption { color: #1f77b4; border-left-color: #1f77b4; }
.story { margin: 16px 0 4px; font-size: 12px; color: #9467bd; text-transform: uppercase; }
.no { color: #aaa; font-size: 11px; font-family: monospace; margin-right: 6px; }
aside dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; }
aside dt { font-weight: 600; } aside dd { margin: 0; white-space: pre-wrap; }
.legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
"""


def render_report(explanation: Explanation, *, source: str = "") -> str:
    """The report as one HTML document (UTF-8, no external resources)."""
    legend = "".join(
        f'<span><i style="background:{colour}"></i>{escape(stage)}</span>'
        for stage, colour in stage_colours().items()
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>cleannews explain {escape(source)}</title><style>{_CSS}</style></head><body>"
        f"<header><strong>cleannews explain</strong> {escape(source)} "
        f"&middot; input: {escape(explanation.kind)}"
        f'<div class="legend">removed by stage: {legend}</div></header>'
        f"<main><section>{_lines_html(explanation.lines, dict(explanation.boundaries))}"
        f"{_elements_html(explanation.article)}</section>"
        f"<aside>{_record_html(explanation.article)}</aside></main></body></html>\n"
    )


def _lines_html(lines: tuple[LineFate, ...], boundaries: dict[int, str]) -> str:
    parts: list[str] = []
    story = 0
    for fate in lines:
        if fate.fate == "blank":
            continue
        if fate.story != story:
            story = fate.story
            why = escape(boundaries.get(fate.line, ""))
            parts.append(f'<div class="story">story {story + 1}: {why}</div>')
        parts.append(_line_html(fate))
    return "".join(parts)


def _elements_html(article: Article) -> str:
    """The HTML elements dropped before extraction (they have no line): each with its
    rule, its path in the page and the class/id that marked it."""
    dropped = [r for r in article.removed if r.line is None]
    if not dropped:
        return ""
    colour = HTML_COLOUR
    rows = "".join(
        f'<div class="line removed" title="{escape(r.evidence)}" '
        f'style="border-left-color:{colour};color:{colour}">{escape(r.text)}'
        f'<span class="tag">{escape(r.evidence)}</span></div>'
        for r in dropped
    )
    return f'<div class="story">HTML elements removed before extraction</div>{rows}'


def _line_html(fate: LineFate) -> str:
    hover = f"{fate.stage or ''}: {fate.rule or fate.fate}"
    if fate.field:
        hover += f" \u2192 {fate.field}"
    if fate.trigger is not None:
        hover += f", set off by line {fate.trigger + 1}"
    style = ""
    if fate.fate == "removed":
        colour = stage_colours().get(fate.stage or "", "#444")
        style = f' style="border-left-color:{colour};color:{colour}"'
    label = _FATE_LABELS.get(fate.fate, fate.fate)
    tag = fate.rule if fate.fate == "removed" and fate.rule else label
    if tag and fate.trigger is not None:
        tag += f" \u2190 line {fate.trigger + 1}"
    tag_html = f'<span class="tag">{escape(tag)}</span>' if tag else ""
    return (
        f'<div class="line {escape(fate.fate)}" title="{escape(hover)}"{style}>'
        f'<span class="no">{fate.line + 1}</span>{escape(fate.text)}{tag_html}</div>'
    )


def _record_html(article: Article) -> str:
    rows = [
        ("title", article.title),
        ("subtitle", article.subtitle),
        ("authors", ", ".join(article.authors)),
        ("published", article.published.isoformat() if article.published else None),
        ("dateline", article.dateline),
        ("language", article.language),
        ("url", article.url),
        ("site name", article.site_name),
        ("summary", "\n".join(article.summary)),
        ("captions", "\n".join(article.captions)),
        ("paragraphs", str(len(article.paragraphs))),
        ("removed", str(len(article.removed))),
        ("other stories", str(len(article.others))),
        ("warnings", "\n".join(article.warnings)),
    ]
    items = "".join(
        f"<dt>{escape(name)}</dt><dd>{escape(value or '—')}</dd>" for name, value in rows
    )
    return f"<h3>record</h3><dl>{items}</dl>"
