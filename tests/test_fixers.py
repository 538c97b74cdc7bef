"""Tests for cleannews.fixers: data-driven cases (like ftfy's) plus properties."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.fixers import DEFAULT, FixerConfig, fix_line, fix_line_and_explain, needs_ftfy

CASES: dict[str, Any] = json.loads(
    (Path(__file__).parent / "fixtures" / "fixers_cases.json").read_text(encoding="utf-8")
)


def _ids(cases: list[dict[str, str]]) -> list[str]:
    return [ascii(c["in"])[:40] for c in cases]


# ---------------------------------------------------------------- fixtures


@pytest.mark.parametrize(
    "case",
    CASES["in_the_wild"] + CASES["synthetic"],
    ids=_ids(CASES["in_the_wild"] + CASES["synthetic"]),
)
def test_fixture_cases(case: dict[str, str]) -> None:
    assert fix_line(case["in"]) == case["out"]
    assert fix_line(case["out"]) == case["out"]  # the fixed text is a fixed point


@pytest.mark.parametrize("case", CASES["must_not_change"], ids=_ids(CASES["must_not_change"]))
def test_must_not_change(case: dict[str, str]) -> None:
    assert fix_line_and_explain(case["in"]) == (case["in"], ())


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=c["comment"], strict=True))
        for c in CASES["known_failures"]
    ],
    ids=_ids(CASES["known_failures"]),
)
def test_known_failures(case: dict[str, str]) -> None:
    assert fix_line(case["in"]) == case["out"]


# ---------------------------------------------------------------- needs_ftfy

COMMON_MOJIBAKE = [
    "â€™",
    "Ã©",
    "Ã¼",
    "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
    "Ø§Ù„",
    "â€œ",
    "â€”",
    "Ã ",
    "Ã\u00a0",
    "Ã\u00ad",
    "Â£",
    "æ—¥",
    "РїСЂ",
    "вЂњ",
    "caf√©",
    "\u0093",
]


@pytest.mark.parametrize("text", COMMON_MOJIBAKE, ids=ascii)
def test_needs_ftfy_catches_common_mojibake(text: str) -> None:
    assert needs_ftfy(f"Some words {text} more words")


@pytest.mark.parametrize("text", ["&amp;", "&#8217;", "&#x2019;", "&eacute;", "\x1b[0m", "ﬁ"])
def test_needs_ftfy_catches_entities_and_other_ftfy_work(text: str) -> None:
    assert needs_ftfy(f"x {text} y")


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII news line, nothing to see.",
        "AT&T and Q&A",
        "He said “it’s fine” — maybe… in 10–15\u00a0minutes.",
        "Straße, naïve café, São Paulo",
        "Привет, мир!",
        "中华人民共和国",
    ],
)
def test_needs_ftfy_skips_clean_lines(text: str) -> None:
    assert not needs_ftfy(text)


@pytest.mark.parametrize(
    "case",
    CASES["in_the_wild"] + CASES["synthetic"],
    ids=_ids(CASES["in_the_wild"] + CASES["synthetic"]),
)
def test_gate_never_hides_work_ftfy_would_do(case: dict[str, str]) -> None:
    """Whenever ftfy (our settings) would change a fixture line, the gate lets it through."""
    cfg = ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization=None,
        remove_control_chars=False,
        explain=False,
    )
    if ftfy.fix_text(case["in"], cfg) != case["in"]:
        assert needs_ftfy(case["in"])


# ---------------------------------------------------------------- order, config, explain


def test_ftfy_runs_before_invisibles_and_spaces() -> None:
    # If NBSP/soft hyphen were normalised first, these would become "Ã la carte"/"Ãndice".
    assert fix_line("Ã\u00a0 la carte") == "à la carte"
    assert fix_line("Ã\u00adndice") == "índice"


def test_curly_quotes_and_full_width_survive_ftfy() -> None:
    line = "CafÃ© “quoted” ＡＢＣ"
    assert fix_line(line) == "Café “quoted” ＡＢＣ"


@pytest.mark.parametrize(
    ("field", "line"),
    [
        ("fix_mojibake", "CafÃ©"),
        ("unescape_html", "Tom &amp; Jerry"),
        ("remove_control", "bell\x07"),
        ("normalize_spaces", "a  b\u00a0c "),
        ("remove_invisibles", "co\u00adop"),
        ("normalize_nfc", "cafe\u0301"),
    ],
)
def test_each_flag_turns_its_fixer_off(field: str, line: str) -> None:
    on = fix_line_and_explain(line)
    assert field in on[1]
    off = FixerConfig(**{field: False})
    assert field not in fix_line_and_explain(line, off)[1]
    assert fix_line(line, off) == line


def test_all_off_only_keeps_the_one_line_contract() -> None:
    off = FixerConfig(False, False, False, False, False, False)
    assert fix_line(" CafÃ©\u00a0&amp;\x07 ", off) == " CafÃ©\u00a0&amp;\x07 "
    assert fix_line("a\nb", off) == "a b"


def test_explain_lists_steps_in_order() -> None:
    text, steps = fix_line_and_explain("  Haftarâ€™s\u00a0army &amp; co\u00adop\x07 ")
    assert text == "Haftar’s army & coop"
    assert steps == (
        "unescape_html",
        "fix_mojibake",
        "remove_control",
        "remove_invisibles",
        "normalize_spaces",
    )


def test_explain_matches_fix_line() -> None:
    for case in CASES["in_the_wild"] + CASES["synthetic"]:
        assert fix_line_and_explain(case["in"])[0] == fix_line(case["in"])


def test_clean_line_has_empty_explanation() -> None:
    assert fix_line_and_explain("Nothing to fix here.") == ("Nothing to fix here.", ())


def test_default_config_is_all_on() -> None:
    assert all(getattr(DEFAULT, name) for name in DEFAULT.__dataclass_fields__)


def test_ftfy_exception_leaves_line_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("ftfy exploded")

    monkeypatch.setattr(ftfy, "fix_and_explain", boom)
    # Mojibake stays (ftfy failed), the other fixers still run.
    assert fix_line(" CafÃ©\u00a0\u00a0x ") == "CafÃ© x"


@pytest.mark.parametrize(
    "line", ["a&#10;b", "a&#13;&#10;b", "a\nb", "a\r\nb", "a\u2028b", "a\x85b", "a\x0bb"]
)
def test_output_is_one_line(line: str) -> None:
    out = fix_line(line)
    assert len(out.splitlines()) == 1
    assert out.startswith("a") and out.endswith("b")


# ---------------------------------------------------------------- properties

# Bias generated text towards the characters the fixers care about.
_INTERESTING = list(
    "Ã©â€™Ð¿Ñ€Ø§Ù„Â£&#;amp<>\x00\x07\x1b[\x85\x93\x94\t\n\r \u00a0\u00ad\u200b\u200c\u200d"
    "\u2060\ufeff\u202f\u3000\u200f\u0301eaéÅ…ﬁРСвЂ√≈ΓΞ├⌐👩"
)
_TEXT = st.text(st.one_of(st.sampled_from(_INTERESTING), st.characters()), max_size=40)
_CONFIGS = st.builds(
    FixerConfig,
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=500, deadline=None)
@given(_TEXT, _CONFIGS)
def test_never_raises_and_never_returns_a_line_break(text: str, config: FixerConfig) -> None:
    out = fix_line(text, config)
    assert isinstance(out, str)
    assert len(out.splitlines()) <= 1
    assert fix_line_and_explain(text, config)[0] == out


@settings(max_examples=1000, deadline=None)
@given(_TEXT)
def test_idempotent(text: str) -> None:
    once = fix_line(text)
    assert fix_line(once) == once


@settings(max_examples=300, deadline=None)
@given(_TEXT, _CONFIGS)
def test_idempotent_any_config(text: str, config: FixerConfig) -> None:
    once = fix_line(text, config)
    assert fix_line(once, config) == once


_PRINTABLE_NO_AMP = st.text(
    st.sampled_from([c for c in string.printable if c not in "&\t\n\r\x0b\x0c"]), max_size=60
).filter(lambda s: "  " not in s)


@given(_PRINTABLE_NO_AMP)
def test_clean_ascii_is_only_stripped(text: str) -> None:
    assert fix_line(text) == text.strip()


@given(_TEXT)
def test_deterministic(text: str) -> None:
    assert fix_line(text) == fix_line(text)
