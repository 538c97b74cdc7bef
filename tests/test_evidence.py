"""Evidence on every removal: the rule, the line and rule that set it off, the HTML
element and the class/id that marked it; shown by `explain` (text, JSON, HTML report)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import cleannews
from cleannews.cli import main
from cleannews.record import Article, Removal, json_schema
from cleannews.report import render_report

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"

COMMENTED = (
    "Council Approves New Budget\n\nBy Jane Doe\n\n"
    "The council voted on Tuesday to approve the new budget after a long debate, aides said.\n\n"
    "Opponents argued that the spending was too high for the city this year, and said so.\n\n"
    "Comments (3)\n\nGreat article, thanks for writing it.\n\nI disagree with every word of this."
)


def _by_text(article: Article) -> dict[str, Removal]:
    return {r.text: r for r in article.removed}


def test_after_article_end_names_the_heading_that_set_it_off() -> None:
    removed = _by_text(cleannews.clean(COMMENTED))
    reply = removed["Great article, thanks for writing it."]
    assert (reply.rule, reply.trigger_line, reply.trigger_rule, reply.trigger_text) == (
        "after-article-end",
        8,
        "comments-heading",
        "Comments (3)",
    )
    assert reply.evidence == (
        "after-article-end, set off by line 8 'Comments (3)' via comments-heading"
    )
    heading = removed["Comments (3)"]  # a rule that needs no other line has no trigger
    assert (heading.trigger_line, heading.trigger_rule, heading.evidence) == (
        None,
        None,
        "comments-heading",
    )


def test_a_toml_byline_rule_is_logged_under_its_own_name() -> None:
    byline = _by_text(cleannews.clean(COMMENTED))["By Jane Doe"]
    assert (byline.rule, byline.stage, byline.field) == ("byline-by", "metadata", "authors")


@pytest.mark.parametrize(
    ("byline", "authors", "published"),
    [
        ("By Jane Doe Monday, March 7, 2016", ("Jane Doe",), dt.date(2016, 3, 7)),
        ("By Jane Doe March 7, 2016", ("Jane Doe",), dt.date(2016, 3, 7)),
        ("By Jane Doe (March 7, 2016)", ("Jane Doe",), dt.date(2016, 3, 7)),
        ("By Jane Doe, Monday 7 March 2016", ("Jane Doe",), dt.date(2016, 3, 7)),
        ("By Jane Doe", ("Jane Doe",), None),
    ],
)
def test_a_byline_that_runs_into_its_date_gives_the_name_and_the_date(
    byline: str, authors: tuple[str, ...], published: dt.date | None
) -> None:
    """The names stop where the date starts, and the date is the story's; the whole line
    is logged under the byline rule."""
    text = COMMENTED.replace("By Jane Doe", byline)
    article = cleannews.clean(text)
    assert (article.authors, article.published) == (authors, published)
    assert _by_text(article)[byline].rule == "byline-by"


def test_widget_block_and_duplicate_headline_name_their_trigger() -> None:
    page = (
        "Harbour Reopens After Storm\n\nHarbour Reopens After Storm\n\n"
        "The harbour reopened on Monday after a week of repairs to the sea wall, officials said.\n\n"
        "Advertisement\n\nDaily picks\n\nAdvertisement\n\n"
        "Fishing boats were back at work on Tuesday morning, the harbour master said today."
    )
    removed = _by_text(cleannews.clean(page))
    widget = removed["Daily picks"]
    assert (widget.rule, widget.trigger_line, widget.trigger_rule) == (
        "widget-block",
        6,
        "advertisement-label",
    )
    repeat = next(r for r in cleannews.clean(page).removed if r.line == 2)
    assert (repeat.rule, repeat.trigger_line, repeat.trigger_text) == (
        "duplicate-byline",  # a title-case line of four words reads as a name too
        0,
        "Harbour Reopens After Storm",
    )


def test_html_removals_carry_the_element_path_and_the_marking_attribute() -> None:
    article = cleannews.clean((FIXTURES / "comments_section.html").read_bytes())
    dropped = [(r.rule, r.element, r.marker) for r in article.removed if r.line is None]
    assert dropped == [
        ("html-share", "/html/body/article/div", 'class="share-bar"'),
        ("html-comments", "/html/body/section", 'id="comments"'),
    ]
    assert dropped and article.removed[-1].evidence == (
        'html-comments, element /html/body/section (id="comments")'
    )


def test_evidence_round_trips_and_is_in_the_schema() -> None:
    article = cleannews.clean((FIXTURES / "comments_section.html").read_bytes())
    data = article.to_dict()
    assert Article.from_dict(data) == article
    removal = json_schema()["$defs"]["removal"]
    assert set(removal["properties"]) == set(data["removed"][0])
    # the evidence is optional: records written before it still validate and load
    assert set(removal["required"]) == {"text", "rule", "stage", "line", "field"}
    old = {"text": "x", "rule": "r", "stage": "s", "line": 1, "field": None}
    assert Removal.from_dict(old) == Removal("x", "r", "s", 1)


def test_html_report_shows_every_removed_element() -> None:
    page = (FIXTURES / "comments_section.html").read_bytes()
    explanation = cleannews.explain(page)
    html = render_report(explanation)
    dropped = [r for r in explanation.article.removed if r.line is None]
    assert len(dropped) == 2
    for removal in dropped:
        assert removal.evidence.replace('"', "&quot;") in html


def test_explain_text_and_json_show_the_trigger(tmp_path: Path, capsys: object) -> None:
    path = tmp_path / "page.txt"
    path.write_text(COMMENTED, "utf-8")
    assert main(["explain", str(path), "--no-color"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    reply = next(line for line in out.splitlines() if "Great article" in line)
    assert "removed stories/after-article-end <- line 8 comments-heading" in reply
    assert main(["explain", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert data["lines"][10]["trigger"] == 8
    assert data["article"]["removed"][-1]["trigger_rule"] == "comments-heading"


def test_explain_text_shows_html_element_evidence(capsys: object) -> None:
    assert main(["explain", str(FIXTURES / "comments_section.html"), "--no-color"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert 'at html-share, element /html/body/article/div (class="share-bar")' in out


def test_header_removals_name_the_line_that_placed_them() -> None:
    lines = ["World News", "The The The", "The the the the the the."]
    lines += ["CAIRO - The the the the the the the.", "The the the the the the."]
    evidence = [r.evidence for r in cleannews.clean("\n".join([*lines, "By Jane Doe"])).removed]
    assert evidence == [
        "above-dateline, set off by line 3 'CAIRO - The the the the the the the.'",
        "zone-headline, set off by line 3 'CAIRO - The the the the the the the.'",
        "byline-by",
    ]
    evidence = [r.evidence for r in cleannews.clean("\n".join(lines)).removed]
    assert evidence == ["page-header, set off by line 1 'The The The'"]
