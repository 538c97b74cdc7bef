"""The public API: types, bad input, the pipeline as a value, the record as a contract."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleannews
import samples
from cleannews import Article, CleanConfig, Pipeline, Removal, default_pipeline
from cleannews.stages import BUILTIN_STAGES

PAGE = samples.PAGE + (  # the shared sample page with a third paragraph
    "\nOpposition leaders called for an early election, arguing that the coalition had lost "
    "its authority and could no longer agree on the country's most basic spending plans.\n"
)


def test_clean_reads_a_simple_page():
    art = cleannews.clean(PAGE)
    assert art.title == "Minister resigns after budget row"
    assert art.authors == ("Jane Doe",)
    assert art.dateline == "LONDON"
    assert len(art.paragraphs) == 3
    assert art.paragraphs[0].startswith("LONDON - The finance minister")
    assert art.body == "\n\n".join(art.paragraphs)
    assert [(r.rule, r.text) for r in art.removed] == [
        ("byline-by", "By Jane Doe"),
        ("advertisement-label", "Advertisement"),
    ]
    assert art.language == "en"


@pytest.mark.parametrize("page", [None, 3, 4.5, ["a"], {"a": 1}, object()])
def test_non_text_input_is_a_type_error_that_says_what_was_expected(page):
    with pytest.raises(TypeError, match="str or bytes"):
        cleannews.clean(page)  # type: ignore[arg-type]


@pytest.mark.parametrize("page", ["", "   \n\n \t ", b"", b"\n\n"])
def test_empty_pages_give_an_empty_article(page):
    art = cleannews.clean(page)
    assert art.paragraphs == ()
    assert art.body == ""
    assert art.title is None
    assert art.removed == ()
    assert art.language is None


def test_bytes_are_decoded_never_an_error():
    art = cleannews.clean(
        "Caf\xe9 owners say prices rose again this year in the old town.".encode("cp1252")
    )
    assert art.paragraphs == ("Café owners say prices rose again this year in the old town.",)


def test_bad_kind_is_rejected():
    with pytest.raises(ValueError, match="kind"):
        cleannews.clean("x", kind="pdf")


def test_article_is_immutable():
    art = cleannews.clean(PAGE)
    with pytest.raises(AttributeError):
        art.title = "x"  # type: ignore[misc]


def test_to_dict_round_trips_and_is_json():
    art = cleannews.clean(PAGE)
    data = art.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert Article.from_dict(data) == art
    assert Article.from_dict(data).to_dict() == data


def test_published_keeps_date_or_datetime_through_the_round_trip():
    for value in (dt.date(2019, 4, 16), dt.datetime(2019, 5, 30, 13, 21)):
        art = Article(published=value)
        assert Article.from_dict(art.to_dict()).published == value


def test_json_schema_ships_and_describes_every_field():
    schema = cleannews.json_schema()
    data = cleannews.clean(PAGE).to_dict()
    assert set(schema["required"]) == set(data)
    assert schema["properties"]["removed"]["items"] == {"$ref": "#/$defs/removal"}


def test_explain_gives_each_line_its_fate():
    ex = cleannews.explain(PAGE)
    fates = [(lf.fate, lf.rule) for lf in ex.lines if lf.fate != "blank"]
    assert fates == [
        ("title", None),
        ("removed", "byline-by"),
        ("body", None),
        ("removed", "advertisement-label"),
        ("body", None),
        ("body", None),
    ]
    assert ex.article == cleannews.clean(PAGE)


def test_pipeline_is_inspectable_and_editable():
    pipe = default_pipeline()
    assert pipe.names == BUILTIN_STAGES
    without = pipe.without("boilerplate")
    assert "boilerplate" not in without.names
    art = without.clean(PAGE)
    assert "Advertisement" in art.paragraphs
    back = without.with_stage("boilerplate", after="captions")
    assert back.names == pipe.names
    assert back.clean(PAGE) == pipe.clean(PAGE)


def test_pipeline_from_config_merges_defaults_and_rejects_typos():
    pipe = Pipeline.from_config({"options": {"min_story_paragraphs": 5}})
    assert pipe.config == CleanConfig(min_story_paragraphs=5)
    assert Pipeline.from_config(pipe.to_config()) == pipe
    with pytest.raises(ValueError, match="unknown config options"):
        Pipeline.from_config({"options": {"min_story_paragraph": 5}})
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline(["encoding", "no-such-stage"])


def test_pipeline_pickles_and_gives_the_same_result():
    pipe = default_pipeline()
    pipe.clean(PAGE)  # warm its caches: they must not travel or matter
    copy = pickle.loads(pickle.dumps(pipe))
    assert copy == pipe
    assert copy.clean(PAGE) == pipe.clean(PAGE)


def test_removal_is_a_plain_value():
    r = Removal("Advertisement", "advertisement-label", "boilerplate", 4)
    assert Removal.from_dict(r.to_dict()) == r


def test_truncation_is_reported_never_silent():
    pipe = default_pipeline(CleanConfig(max_input_chars=100))
    art = pipe.clean(PAGE)
    assert any("truncated" in w for w in art.warnings)


lines = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "Advertisement",
                "Comments",
                "By Jane Doe",
                "Photo: AP",
                "",
                "• point",
                "Updated 2 hours ago",
                "CAIRO: Officials said on Monday that talks resumed.",
            ]
        ),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(lines)
def test_any_text_gives_an_article_and_every_line_is_somewhere(page_lines):
    page = "\n".join(page_lines)
    ex = cleannews.explain(page)
    stories = [ex.article, *ex.article.others]
    for lf in ex.lines:
        if lf.fate == "blank":
            continue
        art = stories[lf.story]
        if lf.fate == "body":
            assert lf.text in art.paragraphs
        elif lf.fate == "caption":
            assert lf.text in art.captions
        elif lf.fate == "removed":
            assert any(r.line == lf.line and r.rule == lf.rule for r in art.removed)
        elif lf.fate == "title":
            assert art.title == lf.text
        elif lf.fate == "subtitle":
            assert art.subtitle == lf.text
        elif lf.fate == "summary":
            assert any(lf.text.endswith(item) for item in art.summary)
    kept = sum(len(a.paragraphs) for a in stories)
    assert kept == sum(1 for lf in ex.lines if lf.fate == "body")


@settings(max_examples=60, deadline=None)
@given(lines)
def test_cleaning_is_deterministic(page_lines):
    page = "\n".join(page_lines)
    assert cleannews.clean(page).to_dict() == cleannews.clean(page).to_dict()


def test_http_charset_is_respected_for_bytes():
    text = "Привет, мир: новости дня и подробный рассказ о погоде в столице на завтра."
    data = text.encode("cp1251")
    assert cleannews.clean(data, charset="text/html; charset=windows-1251").paragraphs == (text,)
    assert cleannews.clean(data, charset="windows-1251").paragraphs == (text,)
