"""What a line looks like: prose, a headline, a name, a bullet.

The structural stages (stories, duplicates, metadata) decide from the *shape* of lines,
not from their words, so these tests are language-neutral: they look at length, final
punctuation, capitalisation (where the script has case) and bullets.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import regex

from cleannews.memo import memoized
from cleannews.settings import SETTINGS

_WORD = regex.compile(r"\w+(?:[-'’.]\w+)*")
#: The characters that join runs of word characters into one word in `_WORD`.
WORD_JOINERS = "-'’."
#: Characters that end a sentence, optionally followed by closing quotes/brackets.
# Closing quotes and brackets may follow the stop, and so may the invisible direction
# marks of right-to-left text (LRM, RLM, ALM, embeddings, isolates).
_SENTENCE_END = regex.compile(
    r"[.!?…。！？؟:;][\"'”’»)\]\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]*$"
)
_HARD_END = regex.compile(r"[.!?…。！？؟][\"'”’»)\]\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]*$")
_BULLET_MARKS = "•·▪►▶◦‣∙●■□➤➔→✓✔"
_BULLET = regex.compile(rf"^\s*[{_BULLET_MARKS}]\s*")
#: `_BULLET`, and the "-", "*" and "+" that extractors write for the items of HTML lists.
_LIST_ITEM = regex.compile(rf"^\s*(?:[-*+]\s+|[{_BULLET_MARKS}]\s*)")
#: The first visible character of every line `_LIST_ITEM` matches.
_LIST_MARKS = "-*+" + _BULLET_MARKS
#: Where one sentence ends and the next starts: a stop, white space, then a capital
#: letter, a letter of a script without case, or a digit (quotes may stand between).
SENTENCE_SPLIT = regex.compile(r"(?<=[.!?…][\"'”’»)]*)\s+(?=[\"'“‘«(]*[\p{Lu}\p{Lo}\d])")
#: A stop and the closing marks after it: `SENTENCE_SPLIT` splits only where one ends.
_STOP_AND_CLOSERS = re.compile(r"[.!?…][\"'”’»)]*")
_SNIPPET_END = regex.compile(r"(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*$")
_NAME_TOKEN = regex.compile(
    r"(?:\p{Lu}[\p{L}’'.-]*|(?:al|el|bin|ibn|de|da|das|do|dos|del|della|di|du|van|von|der|den|"
    r"la|le|y|e|ben|abu|mc|st\.?)(?=\s))"
)
_ASCII_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")
#: `_WORD` on ASCII text, where the word characters are letters, digits and "_".
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+(?:[-'.][A-Za-z0-9_]+)*")
#: A `bytes.translate` table that gives the shape of ASCII text for `_ASCII_WORD`: its
#: word characters become "a", its joiners "-", every other character " ".
_WORD_SHAPES = bytes(
    ord("a") if chr(code) in _ASCII_WORD_CHARS else ord("-") if chr(code) in "-'." else 32
    for code in range(256)
)


def ascii_spacing_table(keep: str) -> bytes:
    """A `bytes.translate` table that makes every ASCII character a space but the
    letters, the digits and those of `keep` (see `ascii_split`)."""
    return bytes(
        code if code >= 128 or chr(code).isalnum() or chr(code) in keep else ord(" ")
        for code in range(256)
    )


def ascii_split(text: str, table: bytes) -> list[str]:
    """The runs of `text` (ASCII) that `table` (`ascii_spacing_table`) keeps.

    Translated as bytes: a byte table is read in C without the dict lookup per
    character of `str.translate`, and the round trip still costs half as much."""
    return text.encode("ascii").translate(table).decode("ascii").split()


#: The runs `line_key` keeps: word characters but "_".
_KEY_RUN = regex.compile(r"[^\W_]+")
#: `_KEY_RUN`'s gaps among the ASCII characters become spaces.
_ASCII_KEY_SPACE = ascii_spacing_table("")
#: A character beyond ASCII that is no word character (`\w`).
_NON_ASCII_NON_WORD = regex.compile(r"[^\x00-\x7f\w]")
#: Typographic marks that alone keep much English text from being ASCII, with ASCII marks
#: that the patterns here treat alike: none is a word character, "’" and "'" join words,
#: the others do not.
_PLAIN_MARKS = {"’": "'", **dict.fromkeys("‘“”—–…«»\u00a0", " ")}
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
#: Punctuation a name on its own line does not hold.
_NAME_PUNCT = regex.compile(r"[.!?:;,\"“”()|/]")
#: A name's initial: one capital and a stop, followed by more of the name ("Julian K.
#: Arni", "J. K. Rowling"); its stop is no sentence punctuation.
_INITIAL = regex.compile(r"(?<!\S)\p{Lu}\.(?=\s)")


#: What separates a headline from a site name after it: "Headline | Site", "Headline - Site".
SITE_SEPARATORS = "|\\-–—·"


def site_suffix_pattern(also: str = "") -> regex.Pattern[str]:
    """ "Headline | Site": group 1 the headline (12 characters or more), group 2 the site
    name (2 to 40 characters without a separator); `also` adds separators (not excluded
    from the site name). `(?<!\\s)`: a separator is looked for only from the start of a
    white-space run, which keeps the search linear on long runs of uncollapsed spaces
    (U+3000). The one definition behind the duplicates and metadata stages' patterns."""
    return regex.compile(
        rf"^(.{{12,}}?)(?<!\s)\s+[{SITE_SEPARATORS}{also}]\s+([^{SITE_SEPARATORS}]{{2,40}})$"
    )


def plain_marks(text: str) -> str:
    """`text` with its typographic marks made ASCII (see `_PLAIN_MARKS`): the words,
    word runs and keys found here stay the same, and the text is often ASCII after."""
    for mark, plain in _PLAIN_MARKS.items():
        if mark in text:
            text = text.replace(mark, plain)
    return text


@memoized
def word_count(line: str) -> int:
    if not line.isascii():
        line = plain_marks(line)
    if line.isascii():
        return ascii_word_count(line)
    return len(_WORD.findall(line))


def ascii_word_count(text: str) -> int:
    """`len(_ASCII_WORD.findall(text))` for ASCII text, counted on its shape (a third of
    the cost: three substring counts in C, no pattern run and no word made).

    A word of `_ASCII_WORD` starts where a run of word characters does, unless a single
    joiner after a word character stands before the run ("well-known", "U.S."): then
    the run goes on the word. In the shape ("a" for a word character, "-" for a joiner,
    " " for anything else) a run starts after " " or "-", and a word after " ", "--" or
    " -"; two spaces stand in front for the start of the text.
    """
    shape = b"  " + text.encode("ascii").translate(_WORD_SHAPES)
    return shape.count(b" a") + shape.count(b"--a") + shape.count(b" -a")


@memoized
def ends_sentence(line: str) -> bool:
    """Ends like a sentence (or a clause introducing what follows)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


#: A line of this many characters (white space around it aside) is prose.
PROSE_CHARS = SETTINGS.prose_chars.value
PROSE_WORDS = SETTINGS.prose_words.value
SHORT_PROSE_WORDS = SETTINGS.short_prose_words.value
HEADLINE_MAX_CHARS = SETTINGS.headline_max_chars.value
HEADLINE_MAX_WORDS = SETTINGS.headline_max_words.value


def is_prose(line: str) -> bool:
    """A body paragraph: a full sentence of some length, or simply long.

    Chinese and Japanese write no spaces between words, so a run of their characters is
    one "word" to `word_count`; there, every two characters count as a word (about
    what a word takes in those scripts), so a 30-character sentence is prose.
    """
    if len(line) >= PROSE_CHARS and len(line.strip()) >= PROSE_CHARS:
        return True  # (told without the memo: long lines are most of a page's text)
    return _is_short_prose(line)


@memoized
def _is_short_prose(line: str) -> bool:
    """`is_prose` of a line that may be shorter than PROSE_CHARS: its words are counted."""
    text = line.strip()
    if len(text) >= PROSE_CHARS:
        return True
    n = word_count(text)
    if not text.isascii():
        n += len(_CJK.findall(text)) // 2
    if n >= PROSE_WORDS:
        return True
    return n >= SHORT_PROSE_WORDS and bool(_HARD_END.search(text))


@memoized
def is_headline_like(line: str) -> bool:
    """Short, with no sentence-final full stop: how headlines, kickers and headings look."""
    text = line.strip()
    if len(text) > HEADLINE_MAX_CHARS or not 1 <= word_count(text) <= HEADLINE_MAX_WORDS:
        return False
    if _ends_with_a_stop(text):
        return False
    letters = sum(map(str.isalpha, text))
    if 2 * sum(map(str.isdigit, text)) > letters:  # a data row, a score, a price
        return False
    first = next((ch for ch in text if ch.isalpha()), "")
    if first.islower() and not text[0].isdigit():  # a wrapped line's continuation
        return False  # ("7 key questions ..." is a headline: its number leads it)
    if "://" in text or "www." in text or "@" in text:
        return False
    return not _ends_with_ellipsis(text)


def _ends_with_a_stop(text: str) -> bool:
    """Ends as a sentence or a clause does; an ellipsis and an abbreviation's stop do not
    (`_ends_with_abbreviation`)."""
    if not text.endswith((".", ",", ";", ":", "。", "．", "、")) or text.endswith("..."):
        return False
    return not _ends_with_abbreviation(text)


#: A last word whose stop is an abbreviation's: an initialism ("U.S.", "D.C.") or the
#: suffix of a company's or a person's name ("Inc.", "Ltd.", "Jr.").
_ABBREVIATION_END = regex.compile(r"(?:(?<!\S)(?:\p{Lu}\.){2,}|\b(?:Inc|Corp|Co|Ltd|Jr|Sr)\.)$")


def _ends_with_abbreviation(text: str) -> bool:
    """A title-case line whose final stop belongs to an abbreviation: a headline ("Home
    Prices Climb Fastest in the U.S."), not a sentence. Sentence case stays a sentence."""
    return _ABBREVIATION_END.search(text) is not None and is_title_case(text)


@memoized
def is_snippet(line: str) -> bool:
    """Text cut short with an ellipsis: a teaser's snippet."""
    return _ends_with_ellipsis(line.strip())


def _ends_with_ellipsis(text: str) -> bool:
    """`_SNIPPET_END` is found; each ending it accepts holds "..." or "…", so a text
    without either is answered without a search."""
    return ("..." in text or "…" in text) and bool(_SNIPPET_END.search(text))


@memoized
def is_name_like(line: str) -> bool:
    """Looks like a person's name on its own line ("Mohammed Abu Zaid").

    Two to five tokens, capitalised (particles such as al, bin, de, van allowed),
    no digits, no sentence punctuation (an initial's stop is none: "Julian K. Arni").
    Only meaningful where the script has case.
    """
    text = line.strip()
    if not 4 <= len(text) <= 50 or any(ch.isdigit() for ch in text):
        return False
    if _NAME_PUNCT.search(_INITIAL.sub("I", text).rstrip(".")):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if len(tokens) == 2 and _INITIAL.match(text):
        return False  # "A. Overview", "I. Method": an outline's heading as often as a name
    capitalised = [t for t in tokens if _NAME_TOKEN.fullmatch(t + " ") or _NAME_TOKEN.fullmatch(t)]
    if text.isupper():  # "GIRLS BASKETBALL": a section label, not a name
        return False
    return len(capitalised) == len(tokens) and tokens[0][0].isupper() and tokens[-1][0].isupper()


@memoized
def bullet_text(line: str) -> str | None:
    """The text after a typographic bullet (•, ▪, ► ...), or None.

    "-" and "*" are not bullets here: extractors render HTML lists with them, and such
    lists are article content, while a story's highlight bullets keep their "•".
    """
    return _text_after(_BULLET, line)


#: Words of 4+ letters that a title-case headline leaves in lower case.
_TITLE_SMALL_WORDS = frozenset(
    {"from", "into", "onto", "over", "than", "that", "this", "upon", "with", "your"}
)


def list_item_text(line: str) -> str | None:
    """The text of a list item ("- ...", "* ...", "• ..."), or None.

    Unlike `bullet_text`, this takes the "-" and "*" that extractors write for HTML lists.
    Most lines are no item: their first character settles it without the pattern.
    """
    first = line[:1]
    if first.isspace():
        first = line.lstrip()[:1]
    if not first or first not in _LIST_MARKS:
        return None
    return _text_after(_LIST_ITEM, line)


def _text_after(marker: regex.Pattern[str], line: str) -> str | None:
    """The text after `marker` at the start of `line`; None without the marker or text.

    Only the spaces the encoding stage strips are stripped from the end: a summary item
    is the rest of its line as repaired, so an ideographic space there stays with it."""
    found = marker.match(line)
    if not found:
        return None
    rest = line[found.end() :].rstrip(" ")
    return rest if rest.strip() else None


def is_title_case(text: str) -> bool:
    """Capitalised Like An English Headline: 3 or more words of 4+ letters, all capitalised.

    Short words ("of", "the", "on") and a few longer function words may stay lower
    case; sentence case ("Senators call for a new vote") and all capitals fail.
    """
    long_words = [w for w in _WORD.findall(text) if len(w) >= 4 and w[0].isalpha()]
    if len(long_words) < 3 or text.isupper():
        return False
    return all(w[0].isupper() or w.casefold() in _TITLE_SMALL_WORDS for w in long_words)


def split_sentences(text: str) -> Iterator[str]:
    """The pieces of `SENTENCE_SPLIT.splititer(text)`, found trying the pattern only where
    a stop and its closing marks end (anchored there), not at every position: its
    look-behind costs a few hundred instructions a character, and a split can start
    nowhere else. The stops are found by a leading class, which `re` scans for in C."""
    start = 0
    for stop in _STOP_AND_CLOSERS.finditer(text):
        split = SENTENCE_SPLIT.match(text, stop.end())
        if split is not None:
            yield text[start : split.start()]
            start = split.end()
    yield text[start:]


def folded_runs(text: str, runs: regex.Pattern[str], ascii_table: bytes) -> list[str]:
    """The runs of word characters that `runs` finds in casefolded `text`, found the
    cheapest way that finds the same ones.

    `runs` takes runs of word characters (`\\w`), of ASCII ones those `ascii_table` keeps
    (`ascii_spacing_table`). Casefolding maps each character on its own, word characters
    to word characters; the typographic marks `plain_marks` replaces are no word
    characters. So ASCII text is split on the bytes the table keeps, and so is text whose
    characters beyond ASCII are all word characters (their UTF-8 bytes are kept whole);
    only other text is searched with `runs`.

    The marks are made plain before casefolding, not after: casefolding leaves them as
    they are and makes none of them, so the order changes nothing, and text that is
    ASCII once its marks are plain (most English text) is casefolded in CPython's ASCII
    pass, about a tenth of the cost of looking each character up.
    """
    if not text.isascii():
        text = plain_marks(text)
    folded = text.casefold()
    if folded.isascii():
        return ascii_split(folded, ascii_table)
    if _NON_ASCII_NON_WORD.search(folded) is None:
        return folded.encode("utf-8").translate(ascii_table).decode("utf-8").split()
    found: list[str] = runs.findall(folded)
    return found


def key_words(line: str) -> list[str]:
    """The casefolded runs of letters, marks and digits of a line: the words of its key."""
    return folded_runs(line, _KEY_RUN, _ASCII_KEY_SPACE)


#: A word token: a run of word characters (letters, marks, digits and "_").
_TOKEN = regex.compile(r"\w+")
#: `_TOKEN` on ASCII text: the word characters there are letters, digits and "_". Mapping
#: every other ASCII character to a space and splitting on white space finds the same runs.
_ASCII_NON_WORD = ascii_spacing_table("_")


@memoized
def word_tokens(line: str) -> tuple[str, ...]:
    """The casefolded word tokens (runs of `\\w`) of a line, in order.

    Two stages read them on text input: `stories` for its topic windows
    (`cleannews.cohesion`), `duplicates` for its word pairs; the document memo makes that
    one pass over the page's text, not two."""
    return tuple(folded_runs(line, _TOKEN, _ASCII_NON_WORD))


@memoized
def line_key(line: str) -> str:
    """A comparison key: case, punctuation and spacing do not matter."""
    return " ".join(key_words(line))
