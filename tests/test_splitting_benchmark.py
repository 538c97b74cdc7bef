"""`benchmarks/splitting.py --why`: each missed boundary of a case gets the first test of the
`stories` stage its headline failed, and a found one gets none."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import splitting

FLOOD = (
    "The river rose through the night and water reached the doors of the old mill, "
    "where volunteers stacked sandbags along the towpath until the early morning."
)
CONCERT = (
    "The orchestra closed its season with a symphony by a young composer, and the audience "
    "stood to applaud the violinists, the conductor and the choir for several minutes."
)


def _case(lines: list[str], starts: tuple[int, ...]) -> splitting.Case:
    return splitting.Case("dev", "headline", "\n".join(lines), starts, "")


def test_a_found_boundary_has_no_reason() -> None:
    lines = [
        "River Floods the Mill Town", *[FLOOD] * 6,
        "Orchestra Ends Its Season", "By Ann Lee | March 4, 2025", *[CONCERT] * 6,
    ]  # fmt: skip
    assert splitting.why_missed(_case(lines, (0, 7))) == []


def test_a_missed_boundary_names_the_test_its_headline_failed() -> None:
    prose = [*[FLOOD] * 6, "in the end the water went down again.", *[CONCERT] * 6]
    assert splitting.why_missed(_case(prose, (0, 6))) == ["not a headline candidate"]
    short = [*[FLOOD] * 6, "Concerts", *[CONCERT] * 6]
    assert splitting.why_missed(_case(short, (0, 6))) == [
        "headline too short for one kind of evidence"
    ]


def test_real_controls_are_each_page_as_the_text_path_gets_it() -> None:
    """`--real`: one case per page, in the held-out split for a held-out page, its text the
    text path's input and its gold the page's one body."""
    from corpora import GoldPage

    pages = [
        GoldPage("wcxb", "0001", b"<p>a</p>", "Body one.", held_out=False),
        GoldPage("wcxb", "0004", b"<p>b</p>", "Body two.", held_out=True),
    ]
    assert splitting.real_controls(pages, lambda key, html: f"text of {key}") == [
        splitting.Case("dev", "control-real", "text of wcxb/0001", (0,), "Body one."),
        splitting.Case("held-out", "control-real", "text of wcxb/0004", (0,), "Body two."),
    ]


def test_a_real_control_split_in_two_counts_as_split() -> None:
    lines = [
        "River Floods the Mill Town", *[FLOOD] * 6,
        "Orchestra Ends Its Season", "By Ann Lee | March 4, 2025", *[CONCERT] * 6,
    ]  # fmt: skip
    case = splitting.Case("dev", "control-real", "\n".join(lines), (0,), "")
    result = splitting.run_case(case)
    assert (result["split"], result["count"], result["found"]) == (True, False, 1)
