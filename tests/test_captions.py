"""The captions stage's structural rule: an expandable caption printed twice."""

from __future__ import annotations

import cleannews

FULL = (
    "The mayor, left, and the transport minister shake hands at the new depot on Monday, "
    "March 3, 2025. The depot will house forty buses."
)
CUT = "The mayor, left, and the transport minister shake hands at the new depot on ... more"
BODY = (
    "The city opened its largest bus depot on Monday, promising shorter waits on the "
    "busiest routes and cleaner vehicles by the end of the year."
)


def test_an_expander_pair_goes_to_captions_and_the_cut_copy_is_removed() -> None:
    art = cleannews.clean("\n".join([f"{FULL} less", CUT, BODY]))
    assert art.captions == (f"{FULL} less",)
    assert art.paragraphs == (BODY,)
    assert [(r.rule, r.text) for r in art.removed] == [("caption-expander-cut", CUT)]


def test_a_cut_line_alone_is_not_taken_by_the_expander_rule() -> None:
    art = cleannews.clean("\n".join([CUT, BODY]))
    assert all(r.rule != "caption-expander-cut" for r in art.removed)
    assert art.captions == ()


def test_a_body_line_ending_in_less_without_its_cut_copy_stays() -> None:
    line = "Residents said the new buses were quieter, and that their fares would cost less"
    art = cleannews.clean("\n".join([BODY, line]))
    assert art.paragraphs == (BODY, line)
    assert art.captions == ()
