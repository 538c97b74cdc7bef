"""Field-by-field golden comparison, shared by test_seeds.py and test_html.py.

`golden_params(pages)` gives one pytest param per (page, field path) of each page's
`<name>.expected.json`, so a failure names the page and the field; fields listed in
`make_golden.CORRECTIONS` (known library bugs, right value written by hand) are marked
xfail(strict=True) with the bug as the reason.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from make_golden import CORRECTIONS, actual, field_paths, get_path, golden_path


@functools.cache
def _actual_json(page: Path) -> str:
    return json.dumps(actual(page))


def actual_record(page: Path) -> dict[str, Any]:
    """`clean(page bytes).to_dict()`, computed once per page (a fresh copy each call)."""
    record: dict[str, Any] = json.loads(_actual_json(page))
    return record


def expected_record(page: Path) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(golden_path(page).read_text("utf-8"))
    return record


def golden_params(pages: list[Path]) -> list[Any]:
    params = []
    for page in pages:
        corrections = CORRECTIONS.get(page.name, {})
        for path in field_paths(expected_record(page)):
            marks = []
            if path in corrections:
                marks.append(pytest.mark.xfail(strict=True, reason=corrections[path][1]))
            params.append(pytest.param(page, path, marks=marks, id=f"{page.stem}-{path}"))
    return params


def check_field(page: Path, path: str) -> None:
    expected = get_path(expected_record(page), path)
    got = get_path(actual_record(page), path)
    assert got == expected, f"{page.name}: field {path!r} differs from the golden"


def check_same_fields(page: Path) -> None:
    """The output has exactly the golden's fields (no field or other story added or lost)."""
    assert field_paths(actual_record(page)) == field_paths(expected_record(page))
