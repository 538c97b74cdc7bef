"""One definition for each shared pattern and limit, and the optional numpy path declared."""

from __future__ import annotations

from pathlib import Path

import tomllib

from cleannews.dates import DATE_LINE_MAX_CHARS
from cleannews.shapes import site_suffix_pattern
from cleannews.stages import duplicates, metadata

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_site_suffix_patterns_share_one_definition() -> None:
    assert duplicates._SUFFIX.pattern == site_suffix_pattern(also=":").pattern
    assert metadata._SITE_SUFFIX.pattern == site_suffix_pattern().pattern
    found = site_suffix_pattern().match("Council approves the budget | City Paper")
    assert found is not None
    assert found.groups() == ("Council approves the budget", "City Paper")
    assert site_suffix_pattern().match("Council approves the budget : City Paper") is None
    assert site_suffix_pattern(also=":").match("Council approves the budget : City Paper")


def test_a_date_line_is_at_most_the_shared_limit() -> None:
    date = "12 March 2021"
    line = date + " " * (DATE_LINE_MAX_CHARS - len(date))
    assert metadata.is_date_line(line, "en")
    assert not metadata.is_date_line(line + " ", "en")


def test_numpy_is_declared_as_an_optional_extra() -> None:
    project = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]
    assert project["optional-dependencies"]["fast"] == ["numpy>=1.22"]
    assert "numpy" not in " ".join(project["dependencies"])
    assert project["requires-python"] == ">=3.11"
