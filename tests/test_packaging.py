"""The package's declared Python floor is true: it is the version mypy checks against, and
nothing in the code needs more. (`import cleannews` used tomllib, new in
3.11, while `requires-python` said >=3.10.)"""

from __future__ import annotations

import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _floor() -> tuple[int, int]:
    spec = CONFIG["project"]["requires-python"]
    assert spec.startswith(">="), spec
    major, minor = spec[2:].split(".")[:2]
    return int(major), int(minor)


def test_requires_python_is_the_version_the_tools_check():
    major, minor = _floor()
    assert (major, minor) == (3, 11)  # tomllib is in the standard library from 3.11
    assert CONFIG["tool"]["mypy"]["python_version"] == f"{major}.{minor}"
    assert f"Programming Language :: Python :: {major}.{minor}" in CONFIG["project"]["classifiers"]


def test_this_interpreter_meets_the_floor():
    assert sys.version_info[:2] >= _floor()
