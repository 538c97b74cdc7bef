"""Multilingual publication-date parsing for date lines and datelines.

Scraped news pages carry their publication date as a short line of its own ("Published:
12 March 2021", "Di., 16.04.2019 14:05 Uhr", "16 أبريل 2019") or at the very start of the
first paragraph ("CAIRO - 4 May 2020: ..."). Cleaning rules need to recognise such lines
cheaply and exactly, so this module is a small, deterministic, dependency-free (stdlib +
`regex`) parser rather than a general date library: it accepts the shapes news sites use and
rejects everything else, including sentences that merely mention a date.

Public API:

* `parse_date(text, language)`: the value of a bare date phrase (optional weekday, the date,
  optional time and time zone), else None.
* `parse_date_line(line, language)`: the value if the whole line is a publication-date line
  (a date phrase, optionally after "Published:", "Mis à jour le", "Опубликовано", ...).
* `find_leading_date(text, language)`: a date at the start of a paragraph, possibly after a
  dateline location ("CAIRO - ", "WASHINGTON (AP) — "), with its offsets in `text`.

Rules chosen where the input is ambiguous (all documented in one place so callers can rely
on them):

* Numeric ``a/b/yyyy`` (also ``a.b.yyyy`` and ``a-b-yyyy``): if exactly one of ``a``/``b``
  is above 12 the order is unambiguous. If both are 12 or less and a weekday name is present
  that matches exactly one reading, that reading wins. Otherwise the date is day-first,
  except that ``language`` ``"en-US"`` (any case, ``-`` or ``_``) makes it month-first.
* Two-digit years only in numeric day-month-year dates separated by ``.`` or ``/``
  ("12.03.21"): ``yy <= 69`` means 20yy, else 19yy. ``-`` with a two-digit year is rejected
  because "20-05-04" is as likely year-first.
* Years must lie in 1900..2100; impossible dates (30 February) and times (25:00) give None.
* A day is required: "March 2021" is None (not precise enough for a publication date).
* Relative dates ("2 hours ago", "yesterday") are None here; another rule handles them.
* Time zones: a numeric offset (``+02:00``, ``UTC+3``) or ``Z``/``UTC``/``GMT`` gives an
  aware datetime. Other abbreviations (ET, CET, IST, MSK, ...) are accepted but ignored,
  giving a naive datetime, because they are ambiguous (IST) or depend on daylight saving (ET).
* ``language`` (a BCP 47 tag such as "de", "pt-BR"; unknown tags count as None) only ranks
  interpretations, it never rejects: month and weekday names of every supported language are
  always recognised, because pages often mix languages (English dates on a German site).
  Month names that mean different months in different languages are resolved in favour of
  ``language``, then in the order of `LANGUAGES`; `MONTH_CONFLICTS` lists such names (none at
  present, a test keeps it that way or documents the change).
* Arabic "م" after a year is the era marker (AD) and after a time means p.m. ("ص": a.m.).
* Hijri dates are not supported (their month names are not in the tables), so they give None.

Matching works on a folded copy of the text (lower case, accents and Arabic diacritics
removed, any decimal digits such as ٠١٢ turned into ASCII, whitespace runs collapsed) with a
map back to the original offsets, so the tables below are written in natural spelling and
one pattern serves upper case, unaccented and Arabic-Indic input alike. The patterns have no
nested unbounded quantifiers, inputs are capped in length (120 characters for lines, the
first 80 characters for leading dates) and every match runs under a timeout, so the worst
case is bounded; a timeout gives None rather than an exception.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

import regex

from cleannews.memo import memoized
from cleannews.settings import SETTINGS

__all__ = [
    "CONNECTORS",
    "LANGUAGES",
    "MONTHS",
    "MONTH_CONFLICTS",
    "PREFIXES",
    "TIME_WORDS",
    "WEEKDAYS",
    "date_spans",
    "find_leading_date",
    "parse_date",
    "parse_date_line",
]

DateValue = datetime.date | datetime.datetime

# ---------------------------------------------------------------------------------------------
# Language data. Adding a language means adding an entry to each table below (spelling as
# written in the language: accents and case are folded away when the patterns are built).
# ---------------------------------------------------------------------------------------------

#: Month number -> its names: full, abbreviated and inflected (genitive) forms. Abbreviations
#: are written without their trailing dot; an optional dot is allowed by the pattern.
MONTHS: Final[Mapping[str, Mapping[int, tuple[str, ...]]]] = {
    "en": {
        1: ("January", "Jan"),
        2: ("February", "Feb"),
        3: ("March", "Mar"),
        4: ("April", "Apr"),
        5: ("May",),
        6: ("June", "Jun"),
        7: ("July", "Jul"),
        8: ("August", "Aug"),
        9: ("September", "Sept", "Sep"),
        10: ("October", "Oct"),
        11: ("November", "Nov"),
        12: ("December", "Dec"),
    },
    "de": {
        1: ("Januar", "Jänner", "Jan"),
        2: ("Februar", "Feber", "Feb"),
        3: ("März", "Mär", "Mrz"),
        4: ("April", "Apr"),
        5: ("Mai",),
        6: ("Juni", "Jun"),
        7: ("Juli", "Jul"),
        8: ("August", "Aug"),
        9: ("September", "Sept", "Sep"),
        10: ("Oktober", "Okt"),
        11: ("November", "Nov"),
        12: ("Dezember", "Dez"),
    },
    "fr": {
        1: ("janvier", "janv", "jan"),
        2: ("février", "févr", "fév"),
        3: ("mars",),
        4: ("avril", "avr"),
        5: ("mai",),
        6: ("juin",),
        7: ("juillet", "juil"),
        8: ("août",),
        9: ("septembre", "sept"),
        10: ("octobre", "oct"),
        11: ("novembre", "nov"),
        12: ("décembre", "déc"),
    },
    "es": {
        1: ("enero", "ene"),
        2: ("febrero", "feb"),
        3: ("marzo", "mar"),
        4: ("abril", "abr"),
        5: ("mayo", "may"),
        6: ("junio", "jun"),
        7: ("julio", "jul"),
        8: ("agosto", "ago"),
        9: ("septiembre", "setiembre", "sept", "sep", "set"),
        10: ("octubre", "oct"),
        11: ("noviembre", "nov"),
        12: ("diciembre", "dic"),
    },
    "pt": {
        1: ("janeiro", "jan"),
        2: ("fevereiro", "fev"),
        3: ("março", "mar"),
        4: ("abril", "abr"),
        5: ("maio", "mai"),
        6: ("junho", "jun"),
        7: ("julho", "jul"),
        8: ("agosto", "ago"),
        9: ("setembro", "set"),
        10: ("outubro", "out"),
        11: ("novembro", "nov"),
        12: ("dezembro", "dez"),
    },
    "it": {
        1: ("gennaio", "gen"),
        2: ("febbraio", "feb"),
        3: ("marzo", "mar"),
        4: ("aprile", "apr"),
        5: ("maggio", "mag"),
        6: ("giugno", "giu"),
        7: ("luglio", "lug"),
        8: ("agosto", "ago"),
        9: ("settembre", "sett", "set"),
        10: ("ottobre", "ott"),
        11: ("novembre", "nov"),
        12: ("dicembre", "dic"),
    },
    "nl": {
        1: ("januari", "jan"),
        2: ("februari", "feb"),
        3: ("maart", "mrt", "mar"),
        4: ("april", "apr"),
        5: ("mei",),
        6: ("juni", "jun"),
        7: ("juli", "jul"),
        8: ("augustus", "aug"),
        9: ("september", "sept", "sep"),
        10: ("oktober", "okt"),
        11: ("november", "nov"),
        12: ("december", "dec"),
    },
    "pl": {
        1: ("styczeń", "stycznia", "sty"),
        2: ("luty", "lutego", "lut"),
        3: ("marzec", "marca", "mar"),
        4: ("kwiecień", "kwietnia", "kwi"),
        5: ("maj", "maja"),
        6: ("czerwiec", "czerwca", "cze"),
        7: ("lipiec", "lipca", "lip"),
        8: ("sierpień", "sierpnia", "sie"),
        9: ("wrzesień", "września", "wrz"),
        10: ("październik", "października", "paź"),
        11: ("listopad", "listopada", "lis"),
        12: ("grudzień", "grudnia", "gru"),
    },
    "ru": {
        1: ("январь", "января", "янв"),
        2: ("февраль", "февраля", "февр", "фев"),
        3: ("март", "марта", "мар"),
        4: ("апрель", "апреля", "апр"),
        5: ("май", "мая"),
        6: ("июнь", "июня", "июн"),
        7: ("июль", "июля", "июл"),
        8: ("август", "августа", "авг"),
        9: ("сентябрь", "сентября", "сент", "сен"),
        10: ("октябрь", "октября", "окт"),
        11: ("ноябрь", "ноября", "нояб", "ноя"),
        12: ("декабрь", "декабря", "дек"),
    },
    "tr": {
        1: ("Ocak", "Oca"),
        2: ("Şubat", "Şub"),
        3: ("Mart", "Mar"),
        4: ("Nisan", "Nis"),
        5: ("Mayıs", "May"),
        6: ("Haziran", "Haz"),
        7: ("Temmuz", "Tem"),
        8: ("Ağustos", "Ağu"),
        9: ("Eylül", "Eyl"),
        10: ("Ekim", "Eki"),
        11: ("Kasım", "Kas"),
        12: ("Aralık", "Ara"),
    },
    # Egyptian/Gulf transliterations, the Maghreb (Algeria/Tunisia, Morocco) variants and the
    # Levantine (Syriac) names. Hamza forms of alef fold to bare alef, so one spelling each.
    "ar": {
        1: ("يناير", "جانفي", "كانون الثاني"),
        2: ("فبراير", "فيفري", "شباط"),
        3: ("مارس", "آذار"),
        4: ("أبريل", "أفريل", "نيسان"),
        5: ("مايو", "ماي", "أيار"),
        6: ("يونيو", "يونيه", "جوان", "حزيران"),
        7: ("يوليو", "يوليه", "جويلية", "يوليوز", "تموز"),
        8: ("أغسطس", "أوت", "غشت", "آب"),
        9: ("سبتمبر", "شتنبر", "أيلول"),
        10: ("أكتوبر", "تشرين الأول"),
        11: ("نوفمبر", "نونبر", "تشرين الثاني"),
        12: ("ديسمبر", "دجنبر", "كانون الأول"),
    },
}

#: ISO weekday number (Monday = 1) -> names. Weekdays are optional decoration of a date line;
#: they also break ties in ambiguous numeric dates.
WEEKDAYS: Final[Mapping[str, Mapping[int, tuple[str, ...]]]] = {
    "en": {
        1: ("Monday", "Mon"),
        2: ("Tuesday", "Tues", "Tue"),
        3: ("Wednesday", "Wed"),
        4: ("Thursday", "Thurs", "Thur", "Thu"),
        5: ("Friday", "Fri"),
        6: ("Saturday", "Sat"),
        7: ("Sunday", "Sun"),
    },
    "de": {
        1: ("Montag", "Mo"),
        2: ("Dienstag", "Di"),
        3: ("Mittwoch", "Mi"),
        4: ("Donnerstag", "Do"),
        5: ("Freitag", "Fr"),
        6: ("Samstag", "Sonnabend", "Sa"),
        7: ("Sonntag", "So"),
    },
    "fr": {
        1: ("lundi", "lun"),
        2: ("mardi", "mar"),
        3: ("mercredi", "mer"),
        4: ("jeudi", "jeu"),
        5: ("vendredi", "ven"),
        6: ("samedi", "sam"),
        7: ("dimanche", "dim"),
    },
    "es": {
        1: ("lunes", "lun"),
        2: ("martes", "mar"),
        3: ("miércoles", "mié"),
        4: ("jueves", "jue"),
        5: ("viernes", "vie"),
        6: ("sábado", "sáb"),
        7: ("domingo", "dom"),
    },
    "pt": {
        1: ("segunda-feira", "segunda feira", "segunda", "seg"),
        2: ("terça-feira", "terça feira", "terça", "ter"),
        3: ("quarta-feira", "quarta feira", "quarta", "qua"),
        4: ("quinta-feira", "quinta feira", "quinta", "qui"),
        5: ("sexta-feira", "sexta feira", "sexta", "sex"),
        6: ("sábado", "sáb"),
        7: ("domingo", "dom"),
    },
    "it": {
        1: ("lunedì", "lun"),
        2: ("martedì", "mar"),
        3: ("mercoledì", "mer"),
        4: ("giovedì", "gio"),
        5: ("venerdì", "ven"),
        6: ("sabato", "sab"),
        7: ("domenica", "dom"),
    },
    "nl": {
        1: ("maandag", "ma"),
        2: ("dinsdag", "di"),
        3: ("woensdag", "wo"),
        4: ("donderdag", "do"),
        5: ("vrijdag", "vr"),
        6: ("zaterdag", "za"),
        7: ("zondag", "zo"),
    },
    "pl": {
        1: ("poniedziałek", "pon"),
        2: ("wtorek", "wt"),
        3: ("środa", "śr"),
        4: ("czwartek", "czw"),
        5: ("piątek", "pt"),
        6: ("sobota", "sob"),
        7: ("niedziela", "niedz", "nd"),
    },
    "ru": {
        1: ("понедельник", "пн"),
        2: ("вторник", "вт"),
        3: ("среда", "ср"),
        4: ("четверг", "чт"),
        5: ("пятница", "пт"),
        6: ("суббота", "сб"),
        7: ("воскресенье", "вс"),
    },
    "tr": {
        1: ("Pazartesi", "Pzt"),
        2: ("Salı", "Sal"),
        3: ("Çarşamba", "Çar"),
        4: ("Perşembe", "Per"),
        5: ("Cuma", "Cum"),
        6: ("Cumartesi", "Cmt", "Cts"),
        7: ("Pazar", "Paz"),
    },
    "ar": {
        1: ("الاثنين", "الإثنين"),
        2: ("الثلاثاء",),
        3: ("الأربعاء",),
        4: ("الخميس",),
        5: ("الجمعة",),
        6: ("السبت",),
        7: ("الأحد",),
    },
}

#: Words that introduce a date line ("Published: ..."). An optional colon may follow.
PREFIXES: Final[Mapping[str, tuple[str, ...]]] = {
    "en": (
        "published",
        "posted",
        "updated",
        "last updated",
        "last modified",
        "modified",
        "first published",
        "originally published",
        "publication date",
        "published date",
        "date",
        "dated",
        "created",
        "released",
    ),
    "de": (
        "veröffentlicht",
        "aktualisiert",
        "zuletzt aktualisiert",
        "geändert",
        "zuletzt geändert",
        "erstellt",
        "erschienen",
        "publiziert",
        "stand",
        "datum",
    ),
    "fr": ("publié", "mis à jour", "mise à jour", "modifié", "créé", "paru", "date"),
    "es": (
        "publicado",
        "actualizado",
        "última actualización",
        "modificado",
        "creado",
        "fecha",
    ),
    "pt": (
        "publicado",
        "atualizado",
        "actualizado",
        "última atualização",
        "última actualização",
        "modificado",
        "criado",
        "data",
    ),
    "it": ("pubblicato", "aggiornato", "ultimo aggiornamento", "modificato", "creato", "data"),
    "nl": (
        "gepubliceerd",
        "bijgewerkt",
        "laatst bijgewerkt",
        "gewijzigd",
        "aangepast",
        "geplaatst",
        "datum",
    ),
    "pl": (
        "opublikowano",
        "opublikowany",
        "aktualizacja",
        "zaktualizowano",
        "ostatnia aktualizacja",
        "data publikacji",
        "data dodania",
        "dodano",
        "utworzono",
        "data",
    ),
    "ru": (
        "опубликовано",
        "обновлено",
        "изменено",
        "размещено",
        "добавлено",
        "дата публикации",
        "дата обновления",
        "дата",
    ),
    "tr": (
        "yayınlanma",
        "yayınlanma tarihi",
        "yayın tarihi",
        "güncellenme",
        "güncellenme tarihi",
        "güncelleme",
        "son güncelleme",
        "oluşturulma",
        "eklenme",
        "tarih",
    ),
    "ar": (
        "نشر",
        "نشر في",
        "تم النشر",
        "تاريخ النشر",
        "آخر تحديث",
        "تم التحديث",
        "تحديث",
        "التاريخ",
    ),
}

#: Prepositions between a prefix (or the line start) and the date: "Published on", "am".
CONNECTORS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": ("on",),
    "de": ("am", "vom"),
    "fr": ("le", "du"),
    "es": ("el",),
    "pt": ("em", "a", "no"),
    "it": ("il", "del"),
    "nl": ("op",),
    "pl": ("dnia", "w dniu"),
    "ru": ("от",),
    "tr": (),
    "ar": ("في", "بتاريخ"),
}

#: Words between a date and its time ("at", "à", "um", "a las", "в", "saat", "الساعة").
TIME_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "en": ("at",),
    "de": ("um", "gegen"),
    "fr": ("à", "vers"),
    "es": ("a las", "a la", "las"),
    "pt": ("às", "as", "a"),
    "it": ("alle ore", "alle", "ore"),
    "nl": ("om",),
    "pl": ("o godzinie", "o godz", "godz", "o"),
    "ru": ("в",),
    "tr": ("saat",),
    "ar": ("الساعة", "على الساعة", "في تمام الساعة"),
}

#: Languages in priority order for names that exist in several languages.
LANGUAGES: Final[tuple[str, ...]] = tuple(MONTHS)

# Language-neutral vocabulary (folded spellings).
_YEAR_SUFFIXES: Final = ("года", "год", "г", "roku", "r", "yılı", "م")
_HOUR_WORDS: Final = ("uhr", "uur", "hrs", "hs", "h", "godz", "ч")
_AMPM: Final = ("am", "pm", "a.m", "p.m", "a. m", "p. m", "ص", "م", "صباحا", "مساء")
_TZ_ABBREVIATIONS: Final = (
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "akst",
    "akdt",
    "hst",
    "ast",
    "adt",
    "nst",
    "ndt",
    "bst",
    "ist",
    "cet",
    "cest",
    "eet",
    "eest",
    "wet",
    "west",
    "msk",
    "мск",
    "trt",
    "sast",
    "eat",
    "wat",
    "cat",
    "gst",
    "pkt",
    "jst",
    "kst",
    "hkt",
    "sgt",
    "pht",
    "wib",
    "aest",
    "aedt",
    "acst",
    "awst",
    "nzst",
    "nzdt",
)

#: Longest line (in characters) that can be a date line (see `cleannews.settings`).
DATE_LINE_MAX_CHARS: Final = SETTINGS.date_line_max_chars.value
_LINE_LIMIT: Final = DATE_LINE_MAX_CHARS
_LEAD_LIMIT: Final = 80
_TIMEOUT: Final = 0.25  # seconds; real inputs match in microseconds
_MIN_YEAR: Final = 1900
_MAX_YEAR: Final = 2100

# ---------------------------------------------------------------------------------------------
# Folding: the same normalisation for the tables and the input, with offsets kept.
# ---------------------------------------------------------------------------------------------

_FOLD_SPECIAL: Final[Mapping[str, str]] = {
    "ı": "i",  # Turkish dotless i: "KASIM" and "Kasım" must fold alike
    "ł": "l",
    "Ł": "l",
    "ـ": "",  # Arabic tatweel (elongation)
    "،": ",",  # Arabic comma
    "؛": ";",
    "ی": "ي",  # Persian yeh/kaf, common in Arabic text typed on Persian layouts
    "ک": "ك",
    "\u200b": "",  # zero-width space, joiners and direction marks
    "\u200c": "",
    "\u200d": "",
    "\u200e": "",
    "\u200f": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",  # soft hyphen
    "\u2212": "-",  # minus sign (UTC−3)
}


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one character: lower case, no accents or diacritics, ASCII digits and dashes."""
    if ch.isspace():
        return " "
    special = _FOLD_SPECIAL.get(ch)
    if special is not None:
        return special
    digit = unicodedata.decimal(ch, -1)
    if digit >= 0:
        return str(digit)
    category = unicodedata.category(ch)
    if category == "Pd":
        return "-"
    if category == "Mn":
        return ""
    lowered = ch.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold `text`; return the folded string and, per folded char, its offset in `text`.

    Whitespace runs become one space. The offsets list has one extra entry, len(text), so
    that an end offset in the folded string maps back too.
    """
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        for piece in folded:
            if piece == " " and out and out[-1] == " ":
                continue
            out.append(piece)
            offsets.append(index)
    offsets.append(len(text))
    return "".join(out), offsets


#: `_fold_char` of every ASCII character, for `str.translate` (an ASCII text's fast path).
_ASCII_FOLD: Final = {code: _fold_char(chr(code)) for code in range(128)}
_SPACE_RUN: Final = re.compile(" {2,}")


def _fold_text(text: str) -> str:
    """`_fold(text)[0]`, found without a Python loop (most callers need no offsets).

    `_fold` appends the folded characters in order, leaving out a space that follows a
    space it appended: that is, each run of spaces of the concatenation becomes one.
    """
    ascii_text = text.isascii()
    joined = text.translate(_ASCII_FOLD) if ascii_text else "".join(map(_fold_char, text))
    return _SPACE_RUN.sub(" ", joined) if "  " in joined else joined


def _fold_word(word: str) -> str:
    return _fold_text(word).strip()


def _fold_words(words: Iterable[str]) -> list[str]:
    return sorted({_fold_word(w) for w in words if _fold_word(w)}, key=lambda w: (-len(w), w))


def _build_lookup(
    table: Mapping[str, Mapping[int, tuple[str, ...]]],
) -> tuple[dict[str, dict[str, int]], dict[str, int], dict[str, tuple[int, ...]]]:
    """Per-language and merged folded-name -> number maps, plus names with clashing numbers."""
    per_language: dict[str, dict[str, int]] = {}
    merged: dict[str, int] = {}
    conflicts: dict[str, set[int]] = {}
    for language in LANGUAGES:
        names: dict[str, int] = {}
        for number, spellings in table.get(language, {}).items():
            for spelling in spellings:
                key = _fold_word(spelling)
                names[key] = number
                if key in merged and merged[key] != number:
                    conflicts.setdefault(key, {merged[key]}).add(number)
                merged.setdefault(key, number)
        per_language[language] = names
    return per_language, merged, {k: tuple(sorted(v)) for k, v in conflicts.items()}


_MONTHS_BY_LANGUAGE, _MONTHS_MERGED, MONTH_CONFLICTS = _build_lookup(MONTHS)
_, _WEEKDAYS_MERGED, _WEEKDAY_CONFLICTS = _build_lookup(WEEKDAYS)


def _all_words(table: Mapping[str, tuple[str, ...]]) -> list[str]:
    return _fold_words(word for words in table.values() for word in words)


_MONTH_NAMES: Final = sorted(_MONTHS_MERGED, key=lambda w: (-len(w), w))
_WEEKDAY_NAMES: Final = sorted(_WEEKDAYS_MERGED, key=lambda w: (-len(w), w))

# ---------------------------------------------------------------------------------------------
# Patterns (over folded text: lower case, single spaces, so " ?" is the only space quantifier;
# named lists \L<...> are literal alternations compiled into a trie by `regex`).
# ---------------------------------------------------------------------------------------------

_END_WORD = r"(?!\p{L})"
_MONTH = r"\L<months>" + _END_WORD + r"\.?"
_YEAR_SUFFIX = r"(?: ?\L<yearsuf>" + _END_WORD + r"\.?)?"

_ISO = r"(?P<iy>[0-9]{4})(?P<isep>[-/.])(?P<im>[0-9]{1,2})(?P=isep)(?P<id>[0-9]{1,2})(?![0-9])"
_NUMERIC = (
    r"(?P<na>[0-9]{1,2})(?P<nsep>[-/.])(?P<nb>[0-9]{1,2})(?P=nsep)"
    r"(?P<ny>[0-9]{4}|[0-9]{2})(?![0-9])" + _YEAR_SUFFIX
)
# 16 April 2019 / 16. April 2019 / 3rd of March / 1er mai / 16 de abril de 2019 / 16-Apr-2019
# / 16 نيسان/أبريل 2019 (Levantine and Egyptian names side by side).
_DAY_MONTH_YEAR = (
    r"(?P<d1>[0-9]{1,2})(?![0-9])(?:st|nd|rd|th|er|eme|e|º|°|\.)?(?: ?[-/] ?| de | of | )?"
    r"(?P<mon1>\L<months>)" + _END_WORD + r"\.?(?: ?/ ?" + _MONTH + r")?"
    r"(?: ?[-/,] ?| del? | )?(?P<y1>[0-9]{4})(?![0-9])" + _YEAR_SUFFIX
)
# May 30, 2019 / Mar. 3, 2021 / July 2nd 2016
_MONTH_DAY_YEAR = (
    r"(?P<mon2>\L<months>)" + _END_WORD + r"\.?(?: ?[-/] ?| )?"
    r"(?P<d2>[0-9]{1,2})(?![0-9])(?:st|nd|rd|th)?(?: ?, ?| )(?P<y2>[0-9]{4})(?![0-9])"
)
_DATE = "(?:" + "|".join((_ISO, _NUMERIC, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR)) + ")"
#: Each of `_DATE`'s four forms holds four digits in a row (a year) or, `_NUMERIC`, a
#: digit, a separator, one or two digits, the same separator and two digits; and every
#: pattern that `_parse_full` fits to a whole text holds `_DATE` outside any optional
#: group (through `_PHRASE`): a folded text without this shape matches none of them.
#: Most short lines with a number ("5 min read", "Photo 3 of 12") lack it, and this
#: search costs a fraction of the match it saves.
_DATE_SHAPE: Final = re.compile(r"[0-9]{4}|[0-9][-/.][0-9]{1,2}[-/.][0-9]{2}")

_WEEKDAY = r"(?:يوم )?(?P<wd>\L<weekdays>)" + _END_WORD + r"\.?"
_WEEKDAY_BEFORE = r"(?:" + _WEEKDAY + r"(?: ?,)? ?)?"
_WEEKDAY_AFTER = r"(?: ?,? ?" + _WEEKDAY + r")?"

_TZ = (
    r"\(?(?:(?P<tzu>z|utc|gmt)(?: ?(?P<tzo>[+-][0-9]{1,2}(?::?[0-9]{2})?))?"
    r"|(?P<tzo>[+-][0-9]{2}:?[0-9]{2})|\L<tzabbr>)(?![\p{L}0-9])\)?"
)
_AMPM_RE = r"(?P<ap>\L<ampm>)\.?" + _END_WORD
_TIME = (
    r"(?P<hh>[0-9]{1,2})"
    r"(?:(?:[:.](?P<mi>[0-9]{2})(?:[:.](?P<ss>[0-9]{2})(?:[.,](?P<fr>[0-9]{1,9}))?)?"
    r"| ?h(?: ?(?P<mi>[0-9]{2}))?)(?![0-9])(?: ?" + _AMPM_RE + r")?"
    r"| ?" + _AMPM_RE + r")"
    r"(?: ?\L<hourword>\.?" + _END_WORD + r")?(?: ?" + _TZ + r")?"
)
# Between a date and a following time: "T", ", ", " | ", " at ", " à ", ", godz. " ...
_TIME_AFTER_SEP = r"(?:t| ?[,;|@/•·-] ?(?:\L<timewords>\.? )?| (?:\L<timewords>\.? )?)"
_TIME_BEFORE_SEP = r"(?: ?[,;|@/•·-] ?| )"

_PHRASE = (
    _WEEKDAY_BEFORE
    + r"(?:"
    + _TIME
    + _TIME_BEFORE_SEP
    + _WEEKDAY_BEFORE
    + _DATE
    + _WEEKDAY_AFTER
    + r"|"
    + _DATE
    + _WEEKDAY_AFTER
    + r"(?:"
    + _TIME_AFTER_SEP
    + _TIME
    + r")?"
    + r")"
)
_PREFIX = r"(?:\L<prefixes>" + _END_WORD + r" ?:? ?)?(?:\L<connectors>" + _END_WORD + r" ?:? ?)?"
_LEAD = r"(?:[(\[|•·*>-] ?|\p{So} ?){0,2}"
_TRAIL = r"(?: ?[.,;:|)\]•·-]){0,3}"


def _compile(pattern: str) -> regex.Pattern[str]:
    """Compile once, at import, with the vocabulary as named lists."""
    return regex.compile(
        pattern,
        ignore_unused=True,
        months=_MONTH_NAMES,
        weekdays=_WEEKDAY_NAMES,
        prefixes=_all_words(PREFIXES),
        connectors=_all_words(CONNECTORS),
        timewords=_all_words(TIME_WORDS),
        yearsuf=_fold_words(_YEAR_SUFFIXES),
        hourword=_fold_words(_HOUR_WORDS),
        ampm=_fold_words(_AMPM),
        tzabbr=_fold_words(_TZ_ABBREVIATIONS),
    )


_DATE_RE: Final = _compile(r" ?" + _PHRASE + r" ?")
_LINE_RE: Final = _compile(r" ?" + _LEAD + _PREFIX + _PHRASE + _TRAIL + r" ?")
_SEARCH_RE: Final = _compile(r"(?<![\p{L}\p{N}])" + _PHRASE + r"(?![\p{L}\p{N}])")

# What may precede a leading date in a paragraph: a dateline ("CAIRO - ", "WASHINGTON (AP) — ",
# "Reuters: LONDON, ") and/or a prefix ("Published on "). Case is checked separately on the
# original text (see `_dateline_case_ok`), since folding drops it.
_LOCATION = r"\p{L}[\p{L}\p{M}.'’&-]*+(?: \p{L}[\p{L}\p{M}.'’&-]*+){0,5}+"
_CONTEXT_RE: Final = _compile(
    r"[^\p{L}\p{N}]{0,3}(?:(?P<loc>"
    + _LOCATION
    + r")(?: ?\([^()]{1,40}\))? ?[-,:|/;]+ ?){0,2}"
    + _PREFIX
)

# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------


def parse_date(text: str, language: str | None = None) -> DateValue | None:
    """Parse a bare date phrase; the whole of `text` must be the phrase.

    A phrase is an optional weekday, a date with a day (numeric, ISO or with a month name in
    any supported language), and an optional time with am/pm and time zone, in either order
    ("12:30, 3 March 2021"). Returns a `datetime.datetime` when a time is given (aware when
    the zone is a numeric offset, Z, UTC or GMT), a `datetime.date` otherwise, and None for
    anything else, including texts over 120 characters. Never raises for any str.
    """
    return _parse_full(_DATE_RE, text, language)


@memoized  # asked again and again for the same lines of a page (see cleannews.memo)
def parse_date_line(line: str, language: str | None = None) -> DateValue | None:
    """The date if the WHOLE line is a publication-date line, else None.

    Like `parse_date`, and the phrase may follow a prefix in any supported language
    ("Published:", "Updated on", "Veröffentlicht am", "Publié le", "Опубликовано",
    "نشر في", ...) and be wrapped in a little punctuation ("(4 May 2020)", "— 4 May 2020 |").
    A sentence that mentions a date ("He arrived on May 4, 2020 in Cairo.") is not a date
    line. Lines over 120 characters are never date lines (so cost stays bounded).
    """
    return _parse_full(_LINE_RE, line, language)


def find_leading_date(text: str, language: str | None = None) -> tuple[DateValue, int, int] | None:
    """A date phrase at the start of a paragraph: (value, start, end) offsets into `text`.

    Only the first 80 characters are looked at. The date may open the paragraph, or follow a
    dateline ("CAIRO - 4 May 2020: ...", "WASHINGTON (AP) — May 4, 2020 — ...") of up to six
    capitalised words (or words of a caseless script such as Arabic) plus an optional
    "(Agency)" and a separator, and/or a prefix ("Published on"). A date inside running prose
    ("He arrived on May 4, 2020") is not a leading date. `text[start:end]` is the phrase
    itself (weekday and time included), so callers can cut it out.
    """
    if not isinstance(text, str):
        return None
    head = text[:_LEAD_LIMIT]
    folded, offsets = _fold(head)
    language_key, month_first = _language(language)
    try:
        for match in _SEARCH_RE.finditer(folded, timeout=_TIMEOUT):
            if not _context_ok(head, folded, offsets, match.start()):
                continue
            value = _value(match, language_key, month_first)
            if value is not None:
                return value, offsets[match.start()], offsets[match.end()]
    except TimeoutError:
        return None
    return None


def date_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets into `text` of each date phrase it holds, anywhere, in order.

    For a byline that runs a name into its date ("Jane Doe Monday, March 7, 2016", "Par
    Jean Dupont lundi 3 mars 2020"): the name ends where the date starts, and a date is
    told by its shape (a day with a month or a year), not by the case of its words, so
    a weekday or a month is never read as the name's last word. A phrase holds a weekday
    and a time when they stand beside the date, so cutting it leaves neither behind. Only
    the first `DATE_LINE_MAX_CHARS` characters are read (bylines are short); a text whose
    dates cannot be read in time has none.
    """
    head = text[:_LINE_LIMIT]
    folded = _fold_text(head)
    if _DATE_SHAPE.search(folded) is None:
        return []  # (every date holds one: most texts end here)
    language_key, month_first = _language(language)
    try:
        found = [
            (match.start(), match.end())
            for match in _SEARCH_RE.finditer(folded, timeout=_TIMEOUT)
            if _value(match, language_key, month_first) is not None
        ]
    except TimeoutError:
        return []
    if not found:
        return []  # (the offsets below walk the text in Python: only for a found date)
    offsets = _fold(head)[1]  # (`_fold_text` folds as `_fold` does: the same positions)
    return [(offsets[start], offsets[end]) for start, end in found]


# ---------------------------------------------------------------------------------------------
# Internals
# ---------------------------------------------------------------------------------------------


def _parse_full(pattern: regex.Pattern[str], text: str, language: str | None) -> DateValue | None:
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if not stripped or len(stripped) > _LINE_LIMIT:
        return None
    folded = _fold_text(stripped)
    if _DATE_SHAPE.search(folded) is None:
        return None  # every date holds one (see `_DATE_SHAPE`): no match to try
    try:
        match = pattern.fullmatch(folded, timeout=_TIMEOUT)
    except TimeoutError:
        return None
    if match is None:
        return None
    language_key, month_first = _language(language)
    return _value(match, language_key, month_first)


def _language(language: str | None) -> tuple[str | None, bool]:
    """(table key or None, whether ambiguous numeric dates are month-first)."""
    if not isinstance(language, str):
        return None, False
    tag = language.strip().lower().replace("_", "-")
    primary = tag.split("-", 1)[0]
    return (primary if primary in MONTHS else None), tag == "en-us"


def _context_ok(head: str, folded: str, offsets: list[int], start: int) -> bool:
    """Whether the text before a date at `start` is a dateline/prefix, not running prose."""
    try:
        match = _CONTEXT_RE.fullmatch(folded, 0, start, timeout=_TIMEOUT)
    except TimeoutError:
        return False
    if match is None:
        return False
    for loc_start, loc_end in match.spans("loc"):
        original = head[offsets[loc_start] : offsets[loc_end]]
        if not _dateline_case_ok(original):
            return False
    return True


def _dateline_case_ok(location: str) -> bool:
    """A dateline location is capitalised words ("CAIRO", "Rio de Janeiro", "القاهرة").

    The first word must not start lower case; later lower-case words must be short
    connectors (de, al, es, ...), so "He said" or "Officials reported" are not datelines.
    """
    words = location.split()
    for position, word in enumerate(words):
        if word[0].islower() and (position == 0 or len(word) > 3):
            return False
    return True


def _value(match: regex.Match[str], language: str | None, month_first: bool) -> DateValue | None:
    """Turn a phrase match into a date/datetime, or None if it names no real moment."""
    try:
        day_value = _date_part(match, language, month_first)
        if day_value is None:
            return None
        if match.group("hh") is None:
            return day_value
        return _with_time(match, day_value)
    except (ValueError, OverflowError):
        return None


def _date_part(
    match: regex.Match[str], language: str | None, month_first: bool
) -> datetime.date | None:
    group = match.group
    if group("iy") is not None:
        year, month, day = int(group("iy")), int(group("im")), int(group("id"))
    elif group("na") is not None:
        numeric_year = _numeric_year(group("ny"), group("nsep"))
        if numeric_year is None:
            return None
        resolved = _numeric_order(
            int(group("na")), int(group("nb")), numeric_year, _weekday(group("wd")), month_first
        )
        if resolved is None:
            return None
        year, (month, day) = numeric_year, resolved
    elif group("d1") is not None:
        year, day = int(group("y1")), int(group("d1"))
        month = _month(group("mon1"), language)
    else:
        year, day = int(group("y2")), int(group("d2"))
        month = _month(group("mon2"), language)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return datetime.date(year, month, day)


def _numeric_year(text: str, separator: str) -> int | None:
    if len(text) == 4:
        return int(text)
    if separator == "-":
        return None
    short = int(text)
    return 2000 + short if short <= 69 else 1900 + short


def _numeric_order(
    first: int, second: int, year: int, weekday: int | None, month_first: bool
) -> tuple[int, int] | None:
    """(month, day) for numeric `first`/`second`/`year` under the documented rules."""
    if first > 12 and second > 12:
        return None
    if first > 12:
        return second, first
    if second > 12:
        return first, second
    day_first, us_order = (second, first), (first, second)
    if weekday is not None and first != second:
        matching = [
            order for order in (day_first, us_order) if _weekday_matches(year, order, weekday)
        ]
        if len(matching) == 1:
            return matching[0]
    return us_order if month_first else day_first


def _weekday_matches(year: int, month_day: tuple[int, int], weekday: int) -> bool:
    try:
        return datetime.date(year, month_day[0], month_day[1]).isoweekday() == weekday
    except ValueError:
        return False


def _month(token: str, language: str | None) -> int:
    key = token.strip()
    if language is not None:
        number = _MONTHS_BY_LANGUAGE[language].get(key)
        if number is not None:
            return number
    return _MONTHS_MERGED[key]


def _weekday(token: str | None) -> int | None:
    return None if token is None else _WEEKDAYS_MERGED.get(token.strip())


def _with_time(match: regex.Match[str], day_value: datetime.date) -> datetime.datetime | None:
    group = match.group
    hour = int(group("hh"))
    minute = int(group("mi") or 0)
    second = int(group("ss") or 0)
    fraction = group("fr")
    microsecond = int(fraction[:6].ljust(6, "0")) if fraction else 0
    marker = group("ap")
    if marker is not None and 1 <= hour <= 12:
        is_pm = marker.startswith("p") or marker in ("م", "مساء")
        hour = hour % 12 + (12 if is_pm else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return datetime.datetime(
        day_value.year,
        day_value.month,
        day_value.day,
        hour,
        minute,
        second,
        microsecond,
        tzinfo=_tzinfo(group("tzu"), group("tzo")),
    )


def _tzinfo(name: str | None, offset: str | None) -> datetime.tzinfo | None:
    """UTC for Z/UTC/GMT, a fixed zone for numeric offsets, None (naive) otherwise.

    Raises ValueError for offsets beyond ±14:59 (no such zone), which the caller turns into
    None like any other impossible value.
    """
    if offset is None:
        return datetime.timezone.utc if name is not None else None
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > 14 or minutes > 59:
        raise ValueError(f"no such UTC offset: {offset}")
    if hours == 0 and minutes == 0:
        return datetime.timezone.utc
    return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))
