"""The five text seeds: goldens field by field, the spec's acceptance criteria, accounting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cleannews
from accounting import assert_accounted
from cleannews import Article
from golden import actual_record, check_field, check_same_fields, golden_params
from make_golden import SEEDS

SEED_PAGES = sorted(SEEDS.glob("*.txt"))


def seed_path(number: str) -> Path:
    (path,) = [p for p in SEED_PAGES if p.name.startswith(f"{number}_")]
    return path


def seed(number: str) -> Article:
    return cleannews.clean(seed_path(number).read_bytes())


def removed_texts(article: Article) -> list[str]:
    return [r.text for r in article.removed]


def test_there_are_five_seeds_with_goldens():
    assert [p.name[:3] for p in SEED_PAGES] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(("page", "path"), golden_params(SEED_PAGES))
def test_golden_field(page, path):
    check_field(page, path)


@pytest.mark.parametrize("page", SEED_PAGES, ids=[p.stem for p in SEED_PAGES])
def test_golden_has_the_same_fields(page):
    check_same_fields(page)


@pytest.mark.parametrize("page", SEED_PAGES, ids=[p.stem for p in SEED_PAGES])
def test_every_line_is_accounted_for(page):
    assert_accounted(page.read_text("utf-8"))


@pytest.mark.parametrize("page", SEED_PAGES, ids=[p.stem for p in SEED_PAGES])
def test_text_and_utf8_bytes_give_the_same_record(page):
    assert cleannews.clean(page.read_text("utf-8")).to_dict() == actual_record(page)


@pytest.mark.parametrize("page", SEED_PAGES, ids=[p.stem for p in SEED_PAGES])
def test_record_round_trips_through_from_dict(page):
    data = actual_record(page)
    assert Article.from_dict(data).to_dict() == data


# -- 000: two stories on one page ------------------------------------------------------


def test_000_main_story_header():
    art = seed("000")
    assert art.title == "Haftar arrives in Cairo as El-Sisi and Macron discuss crisis in Paris"
    assert art.authors == ("Mohammed Abu Zaid",)
    assert art.summary == (
        "Egyptian president: Political settlement is only way to achieve stability in Libya",
    )
    assert art.dateline == "CAIRO"
    assert art.published is None


def test_000_captions_are_exactly_the_two_photo_lines():
    assert seed("000").captions == (
        "Khalifa Haftar. (Supplied)",
        "In this file photo taken on May 7, 2018 Libyan Strongman Khalifa Haftar attends a "
        "military parade in the eastern city of Benghazi. (AFP)",
    )


def test_000_body_starts_and_ends_where_the_article_does():
    body = seed("000").body
    assert body.startswith("CAIRO: The general commander")
    assert body.endswith("supporting mercenaries.")


def test_000_background_box_is_removed():
    art = seed("000")
    assert "BACKGROUND" not in art.paragraphs
    assert "BACKGROUND" in removed_texts(art)


def test_000_repeated_sentence_is_kept_once_as_a_paragraph():
    art = seed("000")
    sentence = "Haftar’s visit to Cairo coincides with Turkish interference in Libya."
    assert art.paragraphs.count(sentence) == 1
    assert art.body.count(sentence) == 1


def test_000_second_story_goes_to_others():
    art = seed("000")
    assert len(art.others) == 1
    other = art.others[0]
    assert other.title == "Iranians guiding Houthi missiles, says captured spy"
    assert other.authors == ("Saeed Al-Batati",)
    assert other.dateline == "AL-MUKALLA"
    assert len(other.captions) == 1
    assert len(other.summary) == 1
    assert other.others == ()


def test_000_no_paragraph_is_blank():
    art = seed("000")
    for story in (art, *art.others):
        assert all(p.strip() for p in story.paragraphs)


# -- 001 ------------------------------------------------------------------------------


def test_001_header_fields():
    art = seed("001")
    assert art.title == (
        "In talks with Russia and Egypt, Haftar seeks to counter foreign involvement"
    )
    assert art.subtitle is not None
    assert art.subtitle.startswith("Turkey and Qatar, with the help of Italy,")
    assert art.published == dt.date(2019, 4, 16)
    assert type(art.published) is dt.date
    assert art.dateline == "TUNIS"


def test_001_caption_once_and_eighteen_paragraphs():
    art = seed("001")
    assert len(art.captions) == 1
    assert len(art.paragraphs) == 18


# -- 002 ------------------------------------------------------------------------------


def test_002_no_title_caption_date_dateline():
    art = seed("002")
    assert art.title is None
    assert art.captions == (
        "FILE - President Abdel Fattah El Sisi (R) and Libyan National Army commander "
        "Khalifa Haftar (L) hold a meeting in Cairo- press photo",
    )
    assert art.published == dt.date(2020, 5, 4)
    assert art.dateline == "CAIRO"


def test_002_comment_widget_lines_are_removed():
    art = seed("002")
    for text in ("Comments", "Leave a Comment"):
        assert text in removed_texts(art)
        assert text not in art.paragraphs
    assert "Leave a Comment" not in art.body


# -- 003 ------------------------------------------------------------------------------


def test_003_header_fields():
    art = seed("003")
    assert art.title == "Haftar calls on Egypt to supply surface-to-surface missiles"
    assert art.published == dt.datetime(2019, 5, 30, 13, 21)
    assert art.captions == (
        "Libya Chief of Staff, Marshall Khalifa Haftar in Paris, France on 29 May 2018 "
        "[Ludovic Marin/AFP/Getty Images]",
    )


def test_003_slogan_and_read_link_are_removed():
    art = seed("003")
    slogan = "Creating new perspectives since 2009"
    read = "READ: Haftar air forces strike House of Representatives in Libya capital"
    for text in (slogan, read):
        assert text in removed_texts(art)
        assert text not in art.body


# -- 004 ------------------------------------------------------------------------------


def test_004_header_fields_and_paragraphs():
    art = seed("004")
    assert art.published == dt.date(2016, 7, 2)
    assert art.title == "General Khalifa Haftar visits both Cairo and Moscow seeking support"
    assert len(art.paragraphs) == 7
    assert not any("\xa0" in p for p in art.paragraphs)
    assert art.others == ()


def test_004_comments_heading_and_teaser_are_removed():
    art = seed("004")
    teaser = "US will bank Tik Tok unless it sells off its US operations"
    snippet = (
        "US Treasury Secretary Steven Mnuchin said during a CNBC interview that the Trump "
        "administration has decided that the Chinese internet app ..."
    )
    assert [(r.text, r.rule) for r in art.removed if r.text in (teaser, snippet)] == [
        (teaser, "teaser"),
        (snippet, "teaser"),
    ]
    assert "No comments:" in removed_texts(art)
    for text in ("No comments:", teaser, "Mnuchin"):
        assert text not in art.body
