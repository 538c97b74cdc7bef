"""Per-line text fixers: mojibake, HTML entities, control/invisible chars, spaces.

Every public function here is a pure ``str -> str`` transformation of ONE
line of text.  The pipeline order is fixed and matters:

1. ``fix_mojibake`` / ``unescape_html`` -- one ftfy call.  It runs FIRST
   because mojibake is made of the very characters later steps delete or
   rewrite: "à" as UTF-8 read as cp1252 is ``"Ã\\xa0"`` (an NBSP) and "í" is
   ``"Ã\\xad"`` (a soft hyphen).  Normalising the NBSP or dropping the soft
   hyphen first would destroy the evidence ftfy needs to repair the word.
2. line breaks -> space (always on: the output is one line by contract;
   ftfy itself can create a newline from ``"&#10;"``).
3. ``remove_control`` -- before the space steps so that deleting a control
   between two spaces still lets the spaces collapse.
4. ``remove_invisibles`` -- likewise before the space step.
5. ``normalize_spaces`` -- exotic spaces to " ", collapse runs, strip.
6. ``normalize_nfc`` -- last, because deleting an invisible character
   between a base letter and a combining mark can make text non-NFC.

The pipeline is re-run until it reaches a fixed point (bounded), which is
what makes :func:`fix_line` idempotent even when a late step exposes work
for an early one (e.g. deleting a soft hyphen inside ``"&am\\xadp;"``).

Speed: ftfy costs tens of microseconds per line even on clean text, so it
is only called when :func:`needs_ftfy` says the line could contain
mojibake, an HTML entity, C1 controls, surrogates, ligatures or terminal
escapes.  Everything else uses ``str`` methods and precompiled regexes
guarded by cheap presence checks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ftfy

__all__ = [
    "DEFAULT",
    "FixerConfig",
    "fix_line",
    "fix_line_and_explain",
    "needs_ftfy",
]


@dataclass(frozen=True)
class FixerConfig:
    """Which fixers :func:`fix_line` applies.  All default to on.

    ``fix_mojibake``
        ftfy's encoding repair (plus its C1-control, ligature, surrogate and
        terminal-escape fixers), with ``uncurl_quotes=False`` and
        ``fix_character_width=False`` because curly quotes and full-width
        characters are *correct* text, not damage.
    ``unescape_html``
        ftfy's entity decoding (``"auto"``: skipped on a line that contains
        ``<``, which is probably markup where entities are intentional).
    ``remove_control``
        C0/C1 control characters except ``\\t`` (NUL included), plus the
        Unicode "not suitable for markup" format characters ftfy would drop
        (U+206A-U+206F, U+FFF9-U+FFFC).
    ``normalize_spaces``
        NBSP, narrow NBSP, figure/thin/hair/en/em spaces and ``\\t`` become
        " "; runs of spaces collapse; the line is stripped of " ".  U+3000
        IDEOGRAPHIC SPACE is kept: in CJK text it is a correct full-width
        character (e.g. a paragraph indent), not a formatting accident.
    ``remove_invisibles``
        Soft hyphen, ZWSP, word joiner, BOM and U+180E.  Directional marks
        (LRM/RLM U+200E/U+200F, ALM U+061C, embeddings/isolates) are kept:
        they decide how mixed RTL/LTR text (Arabic or Hebrew with numbers or
        Latin names) is displayed, so removing them changes its meaning.
        ZWNJ/ZWJ (U+200C/U+200D) are only removed when they are NOT between
        two letters, marks, digits or symbols: inside a word or an emoji
        sequence they are meaningful (Persian "می‌خواهم", Devanagari
        conjunct control, 👩‍👩‍👧), next to a space or at the line edge they
        are junk.
    ``normalize_nfc``
        Unicode NFC, so equal-looking strings compare equal.
    """

    fix_mojibake: bool = True
    unescape_html: bool = True
    remove_control: bool = True
    normalize_spaces: bool = True
    remove_invisibles: bool = True
    normalize_nfc: bool = True


DEFAULT = FixerConfig()

# Bound on whole-pipeline passes; real text converges in 1-2 passes.
_MAX_PASSES = 4

# --------------------------------------------------------------------------
# needs_ftfy: a cheap gate in front of ftfy
# --------------------------------------------------------------------------

# Exactly ftfy's entity pattern (ftfy.chardata.HTML_ENTITY_RE): ftfy only
# decodes entities that end in ";", so "AT&T" or "Q&A" need no ftfy call.
_ENTITY_RE = re.compile(r"&#?[0-9A-Za-z]{1,24};")


def _decoded(encoding: str, lo: int, hi: int) -> str:
    """Characters that bytes lo..hi become in a single-byte ``encoding``.

    Undefined bytes map to the same-numbered C1 control, like ftfy's
    "sloppy" codecs (and browsers) do.
    """
    out = set()
    for byte in range(lo, hi + 1):
        try:
            out.add(bytes([byte]).decode(encoding))
        except UnicodeDecodeError:
            out.add(chr(byte))
    return "".join(sorted(out))


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


# UTF-8 mojibake is a lead byte (0xC2-0xF4) followed by continuation bytes
# (0x80-0xBF), both decoded with the wrong single-byte codec.  For the
# Latin-script codecs ftfy knows, any lead character directly followed by a
# continuation character is suspicious; legitimate text almost never has
# e.g. "Ã" followed by "©".
_WESTERN = ("latin-1", "cp1252", "cp1250", "cp1254", "cp1257", "iso8859-2")
_W_LEAD = "".join(sorted(set("".join(_decoded(e, 0xC2, 0xF4) for e in _WESTERN))))
_W_CONT = "".join(sorted(set("".join(_decoded(e, 0x80, 0xBF) for e in _WESTERN))))
# For Cyrillic/Greek/Mac codecs the lead characters are ordinary letters or
# curly quotes, so only the leads produced by common UTF-8 lead bytes are
# used (C2 C3 C4 C5 CE CF D0 D1 D7 D8 D9 for cp1251; the Latin-1/Greek leads
# for cp1253; the non-quote leads for MacRoman), plus fixed sequences for
# U+2000-range punctuation ("вЂ", "β€") and Indic scripts ("а¤", "ΰ¤").
_CP1251_CONT = _decoded("cp1251", 0x80, 0xBF)
_CP1253_CONT = _decoded("cp1253", 0x80, 0xBF)
_MAC_LEAD = "".join(
    sorted(
        set(
            _decoded("mac-roman", 0xC2, 0xC6)
            + _decoded("mac-roman", 0xCB, 0xD1)
            + _decoded("mac-roman", 0xD6, 0xF4)
        )
    )
)
_MAC_CONT = _decoded("mac-roman", 0x80, 0xBF)
_LIGATURES = "\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06"
# Single characters that always need ftfy: C1 controls (ftfy maps them to
# cp1252), surrogates, ligatures, and box drawing (cp437 mojibake).
_SINGLES = "\x80-\x9f\ud800-\udfff" + _LIGATURES + "\u2500-\u259f"

# (lead characters, what must follow one of them) -- the mojibake patterns.
_GATE_PAIRS: tuple[tuple[str, str], ...] = (
    (_W_LEAD, _cls(_W_CONT)),
    ("ВГДЕОПРСЧШЩ", _cls(_CP1251_CONT)),
    ("в", _cls(_decoded("cp1251", 0x80, 0x8F))),
    ("а", _cls(_decoded("cp1251", 0xA4, 0xAF))),
    ("ΒΓΞΟ", _cls(_CP1253_CONT)),
    ("β", _cls(_decoded("cp1253", 0x80, 0x8F))),
    ("ΰ", _cls(_decoded("cp1253", 0xA4, 0xAF))),
    (_MAC_LEAD, _cls(_MAC_CONT)),
    ("≡", "ƒ"),
    ("Γ", _cls(_decoded("cp437", 0x80, 0x8F))),
    ("\u00c2\u00c3", " "),  # "Ã " = "à" whose NBSP byte became a space
    ("\x1b", r"\["),  # ANSI terminal escape
)
# One pattern that starts with a single character class (every possible
# first character), then uses look-behinds to pick the branch.  CPython's
# regex engine skips through text with a leading character class in a
# tight C loop and only tries the branches at candidate characters; the
# equivalent plain alternation ("lead1 cont1|lead2 cont2|...") is tried
# branch by branch at every position and is 2-4x slower on accented text.
_GATE_RE = re.compile(
    "["
    + "".join(re.escape(c) for c in sorted(set("".join(lead for lead, _ in _GATE_PAIRS))))
    + _SINGLES
    + "](?:"
    + "|".join(f"(?<={_cls(lead)}){follow}" for lead, follow in _GATE_PAIRS)
    + f"|(?<=[{_SINGLES}]))"
)


def _has_entity(line: str) -> bool:
    return "&" in line and _ENTITY_RE.search(line) is not None


def _may_be_mojibake(line: str) -> bool:
    if line.isascii():
        return "\x1b[" in line
    return _GATE_RE.search(line) is not None


def needs_ftfy(line: str) -> bool:
    """Cheap pre-check: could ftfy change this line?

    False means ftfy is skipped.  Pure-ASCII lines need ftfy only for an
    HTML entity (``&...;``) or an ANSI escape.  Non-ASCII lines are checked
    for adjacent lead/continuation characters of UTF-8 misread as
    cp1252/latin-1 (and the other Latin codecs), the common cp1251, cp1253,
    MacRoman and cp437 patterns, C1 controls, surrogates and ligatures.

    The check is deliberately a little wider than ftfy's own
    ``ftfy.badness.is_bad`` (false positives only cost one ftfy call, which
    then changes nothing) but is ~5-30x cheaper, because is_bad tries ~40
    regex alternatives at every position of every line.  It can miss
    mojibake ftfy would fix in rarely-confused codecs (e.g. CJK read as
    cp1251); see the "known_failures" fixtures.
    """
    return _has_entity(line) or _may_be_mojibake(line)


# --------------------------------------------------------------------------
# ftfy wrapper
# --------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _ftfy_config(fix_mojibake: bool, unescape_html: bool, explain: bool) -> ftfy.TextFixerConfig:
    """ftfy settings for our pipeline.

    ftfy's own remove_control_chars is off: :func:`fix_line` removes
    controls itself for every line, and letting ftfy do it only on the
    lines that pass :func:`needs_ftfy` would make results depend on the gate.
    Width, quotes, line breaks and normalisation are off (see FixerConfig).
    """
    return ftfy.TextFixerConfig(
        unescape_html="auto" if unescape_html else False,
        remove_terminal_escapes=fix_mojibake,
        fix_encoding=fix_mojibake,
        restore_byte_a0=fix_mojibake,
        replace_lossy_sequences=fix_mojibake,
        decode_inconsistent_utf8=fix_mojibake,
        fix_c1_controls=fix_mojibake,
        fix_latin_ligatures=fix_mojibake,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=fix_mojibake,
        remove_control_chars=False,
        normalization=None,
        explain=explain,
    )


def _run_ftfy(line: str, config: FixerConfig, steps: list[str] | None) -> str:
    """One ftfy call; on any exception the line is returned unchanged."""
    try:
        cfg = _ftfy_config(config.fix_mojibake, config.unescape_html, steps is not None)
        fixed, explanation = ftfy.fix_and_explain(line, cfg)
    except Exception:  # a fixer must never raise
        return line
    if not isinstance(fixed, str):
        return line
    if steps is not None and fixed != line:
        names = []
        for step in explanation or ():
            if step.action == "apply" and step.parameter == "unescape_html":
                names.append("unescape_html")
            else:
                names.append("fix_mojibake")
        if not names:  # defensive: a change without an explanation step
            names.append("fix_mojibake" if config.fix_mojibake else "unescape_html")
        steps.extend(names)
    return fixed


# --------------------------------------------------------------------------
# Character-level steps
# --------------------------------------------------------------------------
# Precompiled character-class regexes (``subn``), not ``str.translate``:
# on non-ASCII text CPython's translate does a dict lookup per character
# (measured ~40 us for a 1000-character line with one NBSP) while a regex
# substitution over the same line takes ~3 us.

# Everything str.splitlines() treats as a line boundary.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RE = re.compile("[" + re.escape(_LINE_BREAKS) + "]")

_CONTROLS = (
    "".join(chr(c) for c in range(0x00, 0x20) if chr(c) != "\t")
    + "\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0))
    + "".join(chr(c) for c in range(0x206A, 0x2070))
    + "\ufff9\ufffa\ufffb\ufffc"
)
_CONTROL_RE = re.compile("[" + re.escape(_CONTROLS) + "]")

_INVISIBLES = "\u00ad\u200b\u2060\ufeff\u180e"
_INVISIBLE_RE = re.compile("[" + _INVISIBLES + "]")
_JOINERS = "\u200c\u200d"

# U+3000 deliberately absent (see FixerConfig).
_SPACES = (
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
)
_SPACE_RE = re.compile("[" + _SPACES + "]")
_MULTISPACE_RE = re.compile(" {2,}")

# One search tells whether any character-level step could apply at all.
_ANY_CHAR_RE = re.compile(
    "[" + re.escape(_LINE_BREAKS + _CONTROLS) + _INVISIBLES + _JOINERS + _SPACES + "]"
)

#: Typographic marks beyond ASCII that no step reads or changes in a line of printable
#: ASCII and these marks: no space, invisible, joiner or control; NFC as they stand; and
#: no mojibake pair of the gate is made of them and ASCII ("–" and "—" are MacRoman lead
#: characters, but what must follow one is neither ASCII nor one of these). So such a
#: line, like one of printable ASCII, is only stripped (`fix_line`).
#: `tests/test_text_speedups.py` checks each condition for every pair of characters.
INERT_MARKS = "‘’“”–—…«»"
_BEYOND_ASCII_AND_INERT = re.compile("[^\x00-\x7f" + INERT_MARKS + "]")

# Categories that make a ZWJ/ZWNJ neighbour "part of a word or emoji".
_JOINABLE = frozenset(
    {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Sm", "Sc", "Sk", "So"}
)


def _drop_stray_joiners(line: str) -> str:
    """Remove ZWNJ/ZWJ unless both neighbours are letters/marks/digits/symbols."""
    out = []
    last = len(line) - 1
    for i, ch in enumerate(line):
        if ch in _JOINERS:
            prev_ok = i > 0 and unicodedata.category(line[i - 1]) in _JOINABLE
            next_ok = i < last and unicodedata.category(line[i + 1]) in _JOINABLE
            if not (prev_ok and next_ok):
                continue
        out.append(ch)
    return "".join(out)


def _normalize_spaces(line: str) -> str:
    line = _SPACE_RE.sub(" ", line)
    if "  " in line:
        line = _MULTISPACE_RE.sub(" ", line)
    return line.strip(" ")


def _record(steps: list[str] | None, name: str, changed: bool) -> None:
    if steps is not None and changed:
        steps.append(name)


def _drop_breaks_and_controls(text: str, config: FixerConfig, steps: list[str] | None) -> str:
    """Line breaks become spaces (a fix never splits a line); controls go if configured."""
    text, n = _LINE_BREAK_RE.subn(" ", text)
    _record(steps, "replace_line_breaks", n > 0)
    if config.remove_control:
        text, n = _CONTROL_RE.subn("", text)
        _record(steps, "remove_control", n > 0)
    return text


def _wants_ftfy(text: str, config: FixerConfig) -> bool:
    return (config.unescape_html and _has_entity(text)) or (
        config.fix_mojibake and _may_be_mojibake(text)
    )


def _one_pass(line: str, config: FixerConfig, steps: list[str] | None) -> str:
    """Run every enabled step once, in the documented order."""
    text = line
    if _wants_ftfy(text, config):
        text = _run_ftfy(text, config, steps)

    if text.isascii():
        # Fast path: for ASCII, isprintable() is False exactly when a
        # control character (incl. \t, \n, \r) is present; ASCII has no
        # invisibles and is always NFC.
        if not text.isprintable():
            text = _drop_breaks_and_controls(text, config, steps)
        if config.normalize_spaces:
            before = text
            text = _normalize_spaces(text)
            _record(steps, "normalize_spaces", text != before)
        return text

    if _ANY_CHAR_RE.search(text) is not None:
        text = _drop_breaks_and_controls(text, config, steps)
        if config.remove_invisibles:
            before = text
            text = _INVISIBLE_RE.sub("", text)
            if "\u200c" in text or "\u200d" in text:
                text = _drop_stray_joiners(text)
            _record(steps, "remove_invisibles", text != before)
    if config.normalize_spaces:
        before = text
        text = _normalize_spaces(text)
        _record(steps, "normalize_spaces", text != before)
    if config.normalize_nfc and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        _record(steps, "normalize_nfc", True)
    return text


def _fix(line: str, config: FixerConfig, steps: list[str] | None) -> str:
    """Repeat passes until nothing changes (at most _MAX_PASSES).

    The character-level steps are idempotent on their own output, so a
    further pass can only differ through ftfy; when the gate says ftfy
    would not run on the result, the result is final (this saves a second
    pass on the common "line had an NBSP" case).
    """
    current = line
    for _ in range(_MAX_PASSES):
        fixed = _one_pass(current, config, steps)
        done = fixed == current or not _wants_ftfy(fixed, config)
        current = fixed
        if done:
            break
    # Every pass maps line breaks after ftfy and no later step creates
    # one, so ``current`` is a single line here.
    return current


def fix_line(line: str, config: FixerConfig = DEFAULT) -> str:
    """Clean one line of scraped text.  Never raises; never returns a line break.

    >>> fix_line("Haftarâ€™s  army\\u00a0&amp; allies ")
    'Haftar’s army & allies'
    """
    if (
        line.isprintable()
        and "&" not in line
        and "  " not in line
        and (line.isascii() or _BEYOND_ASCII_AND_INERT.search(line) is None)
    ):
        # Printable ASCII (and INERT_MARKS) without "&" gives ftfy's gate nothing (no
        # entity, no escape sequence, no mojibake pair) and the character steps nothing
        # but the outer spaces: what `_fix` returns, without its calls and regex passes.
        return line.strip(" ") if config.normalize_spaces else line
    return _fix(line, config, None)


def fix_line_and_explain(line: str, config: FixerConfig = DEFAULT) -> tuple[str, tuple[str, ...]]:
    """Like :func:`fix_line`, plus the names of the steps that changed something.

    Names are FixerConfig field names ("fix_mojibake", "unescape_html",
    "remove_control", "remove_invisibles", "normalize_spaces",
    "normalize_nfc") or "replace_line_breaks", each listed once, in the
    order they first changed the text.  The fixed text is identical to
    ``fix_line(line, config)``.
    """
    steps: list[str] = []
    fixed = _fix(line, config, steps)
    return fixed, tuple(dict.fromkeys(steps))
