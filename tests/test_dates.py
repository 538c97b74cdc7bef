"""Tests for cleannews.dates: exact values per shape and language, the ambiguity rules, and
properties (never raises, plausible results, offsets that point at the date)."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.dates import (
    LANGUAGES,
    MONTH_CONFLICTS,
    MONTHS,
    WEEKDAYS,
    date_spans,
    find_leading_date,
    parse_date,
    parse_date_line,
)

UTC = timezone.utc
DateValue = date | datetime


def _same(actual: DateValue | None, expected: DateValue | None) -> bool:
    """Exact equality, including date vs datetime and the time zone (naive vs aware)."""
    if expected is None or actual is None:
        return actual is expected
    return (
        type(actual) is type(expected)
        and actual == expected
        and getattr(actual, "tzinfo", None) == getattr(expected, "tzinfo", None)
    )


# The shapes from the specification, language-agnostic (language=None).
SPEC_EXAMPLES: list[tuple[str, DateValue | None]] = [
    ("Tuesday 16/04/2019", date(2019, 4, 16)),
    ("May 30, 2019 at 1:21 pm", datetime(2019, 5, 30, 13, 21)),
    ("Saturday, July 2, 2016", date(2016, 7, 2)),
    ("4 May 2020", date(2020, 5, 4)),
    ("2020-05-04", date(2020, 5, 4)),
    ("2020-05-04T13:21:00Z", datetime(2020, 5, 4, 13, 21, tzinfo=UTC)),
    (
        "2020-05-04T13:21:00+02:00",
        datetime(2020, 5, 4, 13, 21, tzinfo=timezone(timedelta(hours=2))),
    ),
    (
        "2020-05-04T13:21:00.250-0530",
        datetime(2020, 5, 4, 13, 21, 0, 250000, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
    ),
    ("2020-05-04 13:21", datetime(2020, 5, 4, 13, 21)),
    ("Published: 12 March 2021", date(2021, 3, 12)),
    ("Updated on March 12, 2021, 10:04 AM ET", datetime(2021, 3, 12, 10, 4)),
    ("Posted 12.03.2021 14:05", datetime(2021, 3, 12, 14, 5)),
    ("Mar. 3, 2021", date(2021, 3, 3)),
    ("3rd March 2021", date(2021, 3, 3)),
    ("3rd of March, 2021", date(2021, 3, 3)),
    ("March 2021", None),
    ("Wed 3 Mar 2021 06.00 GMT", datetime(2021, 3, 3, 6, 0, tzinfo=UTC)),
    ("12:30, 3 March 2021", datetime(2021, 3, 3, 12, 30)),
    ("Last modified on Tue 16 Apr 2019 12.03 BST", datetime(2019, 4, 16, 12, 3)),
    ("Date: 2020-05-04", date(2020, 5, 4)),
    ("On Saturday, July 2, 2016", date(2016, 7, 2)),
    ("(4 May 2020)", date(2020, 5, 4)),
    ("  4 May 2020  ", date(2020, 5, 4)),
    ("4 MAY 2020", date(2020, 5, 4)),
    ("May 4, 2020 12 pm", datetime(2020, 5, 4, 12, 0)),
    ("May 4, 2020 12:15 a.m.", datetime(2020, 5, 4, 0, 15)),
    (
        "May 4, 2020 10:04 AM UTC+3",
        datetime(2020, 5, 4, 10, 4, tzinfo=timezone(timedelta(hours=3))),
    ),
    # Not date lines.
    ("He arrived on May 4, 2020 in Cairo.", None),
    ("Updated 15 sec ago", None),
    ("2 hours ago", None),
    ("yesterday", None),
    ("May 4", None),
    ("4 May 2020 | 3 min read", None),
    ("By Jane Doe, May 4, 2020", None),
    ("", None),
    ("   ", None),
    # Impossible or implausible values.
    ("30 February 2020", None),
    ("30.02.2020", None),
    ("31/04/2021", None),
    ("1 May 1899", None),
    ("2101-01-01", None),
    ("4 May 2020 25:00", None),
    ("4 May 2020 10:61", None),
    ("2020-05-04T10:00+15:00", None),
    ("13/13/2020", None),
]


@pytest.mark.parametrize(("line", "expected"), SPEC_EXAMPLES)
def test_spec_examples(line: str, expected: DateValue | None) -> None:
    assert _same(parse_date_line(line), expected), parse_date_line(line)


# At least three cases per language, positives and negatives, with language given and not.
LANGUAGE_CASES: list[tuple[str, str, DateValue | None]] = [
    # en
    ("en", "Published on Tuesday, April 16, 2019", date(2019, 4, 16)),
    ("en", "Sept. 9, 2019, 8:15 p.m. EDT", datetime(2019, 9, 9, 20, 15)),
    ("en", "16th April 2019", date(2019, 4, 16)),
    ("en", "Posted by John on April 16, 2019", None),
    # de
    ("de", "16. April 2019", date(2019, 4, 16)),
    ("de", "Veröffentlicht am Di., 16.04.2019 um 14:05 Uhr", datetime(2019, 4, 16, 14, 5)),
    ("de", "Stand: 3. März 2021, 09:12 Uhr", datetime(2021, 3, 3, 9, 12)),
    ("de", "Aktualisiert am Montag, 1. Jänner 2018", date(2018, 1, 1)),
    ("de", "Am 16. April 2019 kam er an", None),
    # fr
    ("fr", "16 avril 2019", date(2019, 4, 16)),
    ("fr", "le 16 avril 2019 à 14h05", datetime(2019, 4, 16, 14, 5)),
    ("fr", "Publié le mardi 1er mai 2018 à 9h", datetime(2018, 5, 1, 9, 0)),
    ("fr", "Mis à jour le 3 août 2020", date(2020, 8, 3)),
    ("fr", "Il est arrivé le 16 avril 2019", None),
    # es
    ("es", "16 de abril de 2019", date(2019, 4, 16)),
    ("es", "Publicado el martes, 16 de abril de 2019 a las 14:05 h", datetime(2019, 4, 16, 14, 5)),
    ("es", "Actualizado: 3 sep 2021", date(2021, 9, 3)),
    ("es", "16 de abril del 2019", date(2019, 4, 16)),
    ("es", "hace 2 horas", None),
    # pt
    ("pt", "16 de abril de 2019", date(2019, 4, 16)),
    ("pt", "Publicado em 1º de maio de 2020 às 10h30", datetime(2020, 5, 1, 10, 30)),
    ("pt", "terça-feira, 16 de abril de 2019", date(2019, 4, 16)),
    ("pt", "Atualizado em 12 out 2021", date(2021, 10, 12)),
    ("pt", "há 3 dias", None),
    # it
    ("it", "16 aprile 2019", date(2019, 4, 16)),
    ("it", "Pubblicato il 3 luglio 2020 alle 18:30", datetime(2020, 7, 3, 18, 30)),
    ("it", "martedì 16 aprile 2019", date(2019, 4, 16)),
    ("it", "Aggiornato il 1 gen 2021", date(2021, 1, 1)),
    ("it", "aprile 2019", None),
    # nl
    ("nl", "16 april 2019", date(2019, 4, 16)),
    ("nl", "Gepubliceerd op 3 mei 2020 om 14:05", datetime(2020, 5, 3, 14, 5)),
    ("nl", "di 16 apr. 2019", date(2019, 4, 16)),
    ("nl", "Bijgewerkt: 12 mrt 2021 09:00 uur", datetime(2021, 3, 12, 9, 0)),
    ("nl", "3 uur geleden", None),
    # pl
    ("pl", "16 kwietnia 2019", date(2019, 4, 16)),
    ("pl", "Opublikowano: 16 kwietnia 2019 r., godz. 14:05", datetime(2019, 4, 16, 14, 5)),
    ("pl", "3 maja 2020", date(2020, 5, 3)),
    ("pl", "wtorek, 12 października 2021", date(2021, 10, 12)),
    ("pl", "Data publikacji: 01.09.2020, 08:30", datetime(2020, 9, 1, 8, 30)),
    ("pl", "2 godziny temu", None),
    # ru
    ("ru", "16 апреля 2019 г.", date(2019, 4, 16)),
    ("ru", "16 апреля 2019 года", date(2019, 4, 16)),
    ("ru", "Опубликовано 16 апреля 2019 года в 14:05 МСК", datetime(2019, 4, 16, 14, 5)),
    ("ru", "3 мая 2020", date(2020, 5, 3)),
    ("ru", "14:05, 12 декабря 2021", datetime(2021, 12, 12, 14, 5)),
    ("ru", "вчера", None),
    # tr
    ("tr", "16 Nisan 2019", date(2019, 4, 16)),
    ("tr", "16 Nisan 2019 Salı 14:05", datetime(2019, 4, 16, 14, 5)),
    ("tr", "Güncelleme: 5 KASIM 2020, 10:00", datetime(2020, 11, 5, 10, 0)),
    ("tr", "Yayınlanma tarihi: 1 Ağustos 2018", date(2018, 8, 1)),
    ("tr", "EKİM 5, 2020", date(2020, 10, 5)),
    ("tr", "2 saat önce", None),
    # ar
    ("ar", "16 أبريل 2019", date(2019, 4, 16)),
    ("ar", "١٦ أبريل ٢٠١٩", date(2019, 4, 16)),
    ("ar", "16 كانون الثاني 2019", date(2019, 1, 16)),
    ("ar", "16 نيسان/أبريل 2019", date(2019, 4, 16)),
    ("ar", "نشر في الثلاثاء، 16 أبريل 2019 - 02:30 م", datetime(2019, 4, 16, 14, 30)),
    ("ar", "آخر تحديث: ٣ مايو ٢٠٢٠ م", date(2020, 5, 3)),
    ("ar", "16 جويلية 2019", date(2019, 7, 16)),
    ("ar", "منذ ساعتين", None),
]


@pytest.mark.parametrize(("language", "line", "expected"), LANGUAGE_CASES)
def test_languages(language: str, line: str, expected: DateValue | None) -> None:
    assert _same(parse_date_line(line, language), expected), parse_date_line(line, language)
    # Month names of every language are always known: the language only ranks readings.
    assert _same(parse_date_line(line), expected), parse_date_line(line)


def test_every_language_has_cases() -> None:
    for language in LANGUAGES:
        cases = [case for case in LANGUAGE_CASES if case[0] == language]
        assert len(cases) >= 3, language
        assert any(expected is None for _, _, expected in cases), language


MONTH_SPELLINGS = [
    (language, number, name)
    for language, table in MONTHS.items()
    for number, names in table.items()
    for name in names
]


@pytest.mark.parametrize(("language", "number", "name"), MONTH_SPELLINGS)
def test_every_month_spelling(language: str, number: int, name: str) -> None:
    expected = date(2019, number, 16)
    assert parse_date(f"16 {name} 2019", language) == expected
    assert parse_date(f"16 {name.upper()} 2019") == expected
    assert parse_date(f"{name} 16, 2019") == expected
    assert parse_date(f"{name} 2019") is None


WEEKDAY_SPELLINGS = [
    (language, name)
    for language, table in WEEKDAYS.items()
    for names in table.values()
    for name in names
]


@pytest.mark.parametrize(("language", "name"), WEEKDAY_SPELLINGS)
def test_every_weekday_spelling(language: str, name: str) -> None:
    assert parse_date_line(f"{name} 16.04.2019", language) == date(2019, 4, 16)
    assert parse_date_line(f"{name}, 16 April 2019 10:00", language) == datetime(2019, 4, 16, 10)


def test_month_names_do_not_conflict_across_languages() -> None:
    # If this fails, a new table made a name mean different months: document the resolution
    # (LANGUAGES order, or the caller's language) in the module docstring, then update here.
    assert MONTH_CONFLICTS == {}


# ---- ambiguity rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("04/05/2019", None, date(2019, 5, 4)),  # day-first by default
        ("04/05/2019", "en", date(2019, 5, 4)),
        ("04/05/2019", "de", date(2019, 5, 4)),
        ("04/05/2019", "en-US", date(2019, 4, 5)),  # month-first only for en-US
        ("04/05/2019", "en_us", date(2019, 4, 5)),
        ("12/13/2020", None, date(2020, 12, 13)),  # >12 decides regardless of language
        ("13/12/2020", "en-US", date(2020, 12, 13)),
        ("Friday 04/05/2019", None, date(2019, 4, 5)),  # the weekday fits only April 5
        ("Saturday 04/05/2019", "en-US", date(2019, 5, 4)),  # ... only May 4
        ("Sunday 04/05/2019", None, date(2019, 5, 4)),  # fits neither: the default rule
        ("05.05.2019", "en-US", date(2019, 5, 5)),
        ("12.03.21", None, date(2021, 3, 12)),  # two-digit years: dotted or slashed only
        ("12/03/69", None, date(2069, 3, 12)),
        ("12/03/70", None, date(1970, 3, 12)),
        ("12-03-21", None, None),  # could be 2012-03-21
        ("4 May 20", None, None),  # never with month names
        ("2019/04/16", None, date(2019, 4, 16)),
        ("16-04-2019", None, date(2019, 4, 16)),
        ("16.04-2019", None, None),  # mixed separators
        ("16 Apr 2019", "xx-unknown", date(2019, 4, 16)),  # unknown language = None
    ],
)
def test_ambiguity_rules(line: str, language: str | None, expected: DateValue | None) -> None:
    assert _same(parse_date_line(line, language), expected), parse_date_line(line, language)


def test_time_zones() -> None:
    assert parse_date("4 May 2020 10:00 GMT") == datetime(2020, 5, 4, 10, tzinfo=UTC)
    assert parse_date("4 May 2020 10:00 UTC") == datetime(2020, 5, 4, 10, tzinfo=UTC)
    plus2 = datetime(2020, 5, 4, 10, tzinfo=timezone(timedelta(hours=2)))
    assert parse_date("4 May 2020 10:00 GMT+2") == plus2
    # Abbreviations other than UTC/GMT are ambiguous or DST-dependent: naive.
    naive = parse_date("4 May 2020 10:00 CET")
    assert isinstance(naive, datetime)
    assert naive.tzinfo is None


def test_parse_date_is_the_bare_phrase() -> None:
    assert parse_date("Tuesday 16/04/2019") == date(2019, 4, 16)
    assert parse_date("Published: 12 March 2021") is None  # prefixes are for date lines
    assert parse_date_line("Published: 12 March 2021") == date(2021, 3, 12)


def test_long_lines_are_not_date_lines() -> None:
    # The 120-character cap bounds the cost; a real date line is never that long.
    at_limit = "Published:" + " " * 100 + "4 May 2020"
    assert len(at_limit) == 120
    assert parse_date_line(at_limit) == date(2020, 5, 4)
    assert parse_date_line("Published:" + " " * 101 + "4 May 2020") is None
    # Surrounding whitespace does not count.
    assert parse_date_line(" " * 500 + "4 May 2020\n") == date(2020, 5, 4)


# ---- date_spans --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Ana Lima Friday, March 8, 2024", ["Friday, March 8, 2024"]),
        ("Ana Lima  Friday, March 8, 2024 @ 9:15 PM UTC", ["Friday, March 8, 2024 @ 9:15 PM UTC"]),
        ("By Ana Lima 8 March 2024", ["8 March 2024"]),
        ("Par Jeanne Morel lundi 3 mars 2024", ["lundi 3 mars 2024"]),
        ("March 8, 2024 by Ana Lima", ["March 8, 2024"]),
        ("Ana Lima | 2024-03-08 10:00 | updated 2024-03-09", ["2024-03-08 10:00", "2024-03-09"]),
        ("April Reed", []),  # a month's name with no day or year is no date
        ("In 2024 the index rose", []),
        ("", []),
        ("x" * 130 + " March 8, 2024", []),  # beyond the first 120 characters
    ],
)
def test_date_spans(text: str, phrases: list[str]) -> None:
    assert [text[start:end] for start, end in date_spans(text)] == phrases


_WORDS = ["March", "Mon", "June", "lundi", "mars", "7", "2024", "11:10", "PM", "UTC", "By"]
_DATE_PIECES = st.sampled_from([*_WORDS, "Ana", *"0123456789 ,.-/:|"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=40).map("".join))
def test_date_spans_are_ordered_dates_within_the_read_head(text: str) -> None:
    """Whatever the text: the spans are in order, apart, inside its first 120 characters,
    and each one is a date phrase on its own."""
    end = 0
    for start, stop in date_spans(text):
        assert end <= start < stop <= min(len(text), 120)
        assert parse_date(text[start:stop]) is not None
        end = stop


# ---- find_leading_date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "phrase"),
    [
        ("CAIRO - 4 May 2020: Egypt said on Monday ...", date(2020, 5, 4), "4 May 2020"),
        ("WASHINGTON (AP) — May 4, 2020 — The", date(2020, 5, 4), "May 4, 2020"),
        ("Reuters: LONDON, 4 May 2020 — Shares fell", date(2020, 5, 4), "4 May 2020"),
        ("4 May 2020 - The minister said", date(2020, 5, 4), "4 May 2020"),
        ("Rio de Janeiro, 16 de abril de 2019 - O", date(2019, 4, 16), "16 de abril de 2019"),
        ("القاهرة - 4 مايو 2020: قالت الوزارة", date(2020, 5, 4), "4 مايو 2020"),
        ("МОСКВА, 16 апреля 2019 г. — В", date(2019, 4, 16), "16 апреля 2019 г."),
        (
            "BERLIN, 16.04.2019 14:05 Uhr: Die Regierung",
            datetime(2019, 4, 16, 14, 5),
            "16.04.2019 14:05 Uhr",
        ),
        (
            "Published on Tuesday, 16 April 2019 at 14:05, the report",
            datetime(2019, 4, 16, 14, 5),
            "Tuesday, 16 April 2019 at 14:05",
        ),
        ("He arrived on May 4, 2020 in Cairo.", None, ""),
        ("Officials reported, 4 May 2020 the", None, ""),
        ("CAIRO - Egypt said on 4 May 2020 that", None, ""),
        ("x" * 75 + " 4 May 2020", None, ""),  # beyond the first 80 characters
        ("", None, ""),
    ],
)
def test_find_leading_date(text: str, expected: DateValue | None, phrase: str) -> None:
    found = find_leading_date(text)
    if expected is None:
        assert found is None
        return
    assert found is not None
    value, start, end = found
    assert _same(value, expected)
    assert text[start:end] == phrase


# ---- properties ---------------------------------------------------------------------------------

# Fragments of date phrases and of the characters folding treats specially, so that
# generated texts reach deep into the patterns rather than failing on the first character.
DATE_TOKENS = [
    *("4", "16", "2020", "1899", "12", "31", "٢٠١٩", "14h05", "+02:00"),
    *("/", ".", "-", ":", ",", " ", "  ", "—", "(AP)"),
    *("T", "Z", "am", "pm", "GMT", "May", "Mar.", "avril", "de", "апреля", "г.", "أبريل", "م"),
    *("Tuesday", "Published:", "on", "at", "à", "CAIRO"),
    *("\u200f", "ـ", "İ", "ı", "\u0301", "ß"),
]
token_text = st.lists(st.sampled_from(DATE_TOKENS), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), token_text)


def _plausible(value: DateValue | None) -> bool:
    return value is None or (isinstance(value, date) and 1900 <= value.year <= 2100)


@settings(max_examples=400, deadline=None)
@given(text=any_text, language=st.sampled_from([None, "en", "en-US", "de", "ar", "zz", ""]))
def test_never_raises_and_plausible(text: str, language: str | None) -> None:
    assert _plausible(parse_date(text, language))
    assert _plausible(parse_date_line(text, language))
    found = find_leading_date(text, language)
    if found is not None:
        value, start, end = found
        assert _plausible(value)
        assert 0 <= start < end <= min(len(text), 80)


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    language=st.sampled_from(sorted(MONTHS)),
    data=st.data(),
)
def test_round_trip_month_names(day: date, language: str, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(MONTHS[language][day.month]))
    template = data.draw(
        st.sampled_from(["{d} {m} {y}", "{d}. {m} {y}", "{m} {d}, {y}", "Published: {d} {m} {y}"])
    )
    line = template.format(d=day.day, m=name, y=day.year)
    assert parse_date_line(line, language) == day
    found = find_leading_date(f"CAIRO - {line}: text")
    assert found is not None
    assert found[0] == day


@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)))
def test_round_trip_numeric_and_iso(moment: datetime) -> None:
    moment = moment.replace(second=0, microsecond=0)
    assert parse_date(moment.strftime("%d.%m.%Y %H:%M")) == moment
    assert parse_date(moment.strftime("%Y-%m-%dT%H:%M")) == moment
    assert parse_date(moment.strftime("%m/%d/%Y %H:%M"), "en-US") == moment


@settings(max_examples=200, deadline=None)
@given(text=token_text)
def test_leading_date_offsets_point_at_the_phrase(text: str) -> None:
    found = find_leading_date(text)
    if found is not None:
        value, start, end = found
        assert parse_date(text[start:end]) is not None
        assert text[start:end] == text[start:end].strip()
        assert isinstance(value, date)


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 5000,
        "1" * 100_000,
        "16 de " * 20,
        "16 " + "/ " * 60,
        "- " * 40 + "4 May 2020",
        "4 May 2020 " * 20,
        "CAIRO " * 30 + "- 4 May 2020",
        "A" * 79 + " - 4 May 2020",
    ],
)
def test_pathological_inputs_are_fast(text: str) -> None:
    started = time.process_time()  # CPU time: a loaded machine does not make it fail
    for _ in range(20):
        parse_date(text)
        parse_date(text[:120])
        parse_date_line(text[:120])
        find_leading_date(text)
    assert time.process_time() - started < 2.0
