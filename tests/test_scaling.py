"""Every stage's work grows linearly with the page, counted, not timed.

Each stage gets the page shape that would make it do the most work per line (its
adversarial shape), at two sizes 8x apart. The earlier stages run untraced; the stage
itself runs under `sys.setprofile`, which counts every Python and C function call it
makes. Linear work makes about 8x the calls on the 8x page (less: fixed costs stay put);
work that loops over lines inside a loop over lines makes about 64x. Counts do not
depend on the machine's load, so the check never flakes. The default run compares 500
and 4k lines; the slow run (`-m slow`) 2k and 16k.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from cleannews.config import DEFAULT_CONFIG
from cleannews.inputs import prepare
from cleannews.memo import document_memo
from cleannews.pipeline import DEFAULT_STAGES
from cleannews.stages.base import stage_by_name

#: Most calls the 8x page may take, as a multiple of the small page's calls.
MAX_GROWTH = 10


def _lines(make: Callable[[int], str]) -> Callable[[int], str]:
    return lambda n: "\n".join(make(i) for i in range(n))


def _caption_pairs(i: int) -> str:
    """The issue's shape: each caption cut short ('... more') and printed whole ('less')."""
    head = f"Photo {i // 2}: the mayor walks past the old town hall"
    return f"{head} ... more" if i % 2 == 0 else f"{head} on a cold morning. less"


def _widgets(i: int) -> str:
    """Removed lines around short open lines: every open line is a widget-block candidate."""
    return ("Advertisement", f"Daily picks {i}", "Sign up for our newsletter")[i % 3]


def _stories(i: int) -> str:
    """Story after story, each with a full header: headline, byline, date, prose."""
    block = (
        f"Council approves new budget plan number {i // 6}",
        "By Jane Doe",
        "12 March 2021",
        f"The council voted on Tuesday to approve plan {i // 6} after a long debate, aides said.",
        f"Opponents of plan {i // 6} argued that the spending was too high for the city.",
        f"Supporters said the plan {i // 6} would create jobs and improve roads and parks.",
    )
    return block[i % 6]


def _fact_boxes(i: int) -> str:
    """Paragraphs whose every sentence is found again in other paragraphs."""
    a, b = i % 40, (i + 1) % 40
    return f"The bridge {a} reopened on Monday after repairs. Traffic {b} was light all day."


def _mojibake(i: int) -> str:
    return f"Caf\u00c3\u00a9 &amp; bar\u00a0{i} \u00e2\u20ac\u201c open late"


def _prose(i: int) -> str:
    return f"Line number {i} of a long page, with words in it, as prose is written."


def _headlines(i: int) -> str:
    return f"Council Approves Budget Item {i}"


SHAPES: dict[str, list[Callable[[int], str]]] = {
    "encoding": [_lines(_mojibake)],
    "language": [_lines(_prose)],
    "captions": [_lines(_caption_pairs)],
    "boilerplate": [_lines(_widgets)],
    "stories": [_lines(_stories), _lines(_headlines)],
    "duplicates": [_lines(_stories), _lines(_fact_boxes)],
    "metadata": [_lines(_stories), _lines(_headlines)],
}


#: One instance of each stage, kept: the warm-up run builds its rule matchers, so the counted
#: runs count the work on the page, not the one-off compiling of the rules.
_STAGES = [stage_by_name(name) for name in DEFAULT_STAGES]


def stage_calls(name: str, page: str) -> int:
    """Function calls (Python and C) made by stage `name` alone on `page`."""
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    with document_memo():
        doc = prepare(page, DEFAULT_CONFIG, kind="text", url=None, charset=None)
        for stage in _STAGES:
            if stage.name == name:
                sys.setprofile(count)
                try:
                    stage.run(doc)
                finally:
                    sys.setprofile(None)
                return calls
            stage.run(doc)
    raise AssertionError(f"no stage {name}")


CASES = [(name, i) for name, shapes in SHAPES.items() for i in range(len(shapes))]


def _check(name: str, shape: int, small: int) -> None:
    make = SHAPES[name][shape]
    stage_calls(name, make(50))  # warm up: compiled patterns, language profiles
    few, many = stage_calls(name, make(small)), stage_calls(name, make(8 * small))
    assert many <= MAX_GROWTH * few, f"{name}: {few} calls on {small} lines, {many} on 8x"


@pytest.mark.parametrize(("name", "shape"), CASES)
def test_stage_calls_grow_linearly(name: str, shape: int) -> None:
    _check(name, shape, 500)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "shape"), CASES)
def test_stage_calls_grow_linearly_2k_to_16k(name: str, shape: int) -> None:
    _check(name, shape, 2000)


def test_every_default_stage_has_an_adversarial_shape() -> None:
    assert set(SHAPES) == set(DEFAULT_STAGES)
