"""Bytes to text for scraped pages: never a UnicodeDecodeError.

Scraped pages arrive as bytes with unreliable labels, so decoding is a
sequence of increasingly weak pieces of evidence, strongest first:

1. Binary signatures (PNG, JPEG, GIF, PDF, ZIP, gzip, ...): the bytes are
   not text at all, whatever a header claims.
2. A byte order mark: an encoder wrote it on purpose.  UTF-32 BOMs are
   checked before UTF-16 ones because ``FF FE 00 00`` starts with ``FF FE``.
3. UTF-16 without a BOM, sniffed from NUL bytes piling up on one side of
   every byte pair.  This runs *before* labels and before strict UTF-8
   (the brief lists it after) because ASCII-range UTF-16 is also valid
   UTF-8 -- "A\\0B\\0" would otherwise decode "successfully" as text full
   of NULs -- and because no ASCII-compatible text in any charset has NULs
   at a quarter of all even (or odd) offsets, so the pattern is as strong
   as a BOM.
4. The ``declared`` charset (HTTP Content-Type).
5. For HTML, ``<meta charset>`` / ``http-equiv`` in the first 4 KB.
   Exception to 4 and 5: if the bytes contain non-ASCII and are valid
   UTF-8, UTF-8 wins over a non-UTF-8 label (with a warning).  Legacy-charset
   text essentially never forms valid UTF-8 by accident, while servers
   and templates that say "iso-8859-1" and send UTF-8 are common.
6. Strict UTF-8.
7. "Mostly UTF-8": many valid multi-byte sequences and only a few stray
   bytes (a UTF-8 page with one bad byte) -> UTF-8 with replacement.
   Guessing a legacy codec there would turn every correct character into
   mojibake to save a single broken one.
8. charset_normalizer's best guess on a bounded prefix, except that
   cp1252 wins a tie: on short or ambiguous input charset_normalizer
   happily picks cp1250/cp1125 for plain Western text ("naďve"), while
   cp1252 is the web's most common legacy charset and the WHATWG default.
9. cp1252 with ``errors="replace"`` (warning "undecodable bytes replaced").

Labels follow browsers (WHATWG Encoding Standard): "iso-8859-1",
"latin-1" and "ascii" mean windows-1252, and a few other labels map to
their supersets (gb2312/gbk -> gb18030, shift_jis -> cp932, euc-kr ->
cp949, iso-8859-9 -> cp1254).  windows-1252 is decoded the WHATWG way: the
five bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) become the
matching C1 controls instead of failing, so a page labelled latin-1 never
falls through to guessing over one odd byte.  Unknown labels and Python
codecs that are not real charsets (base64, unicode_escape, idna, utf-7,
...) are ignored with a warning.  A declared or meta charset that cannot
decode the bytes strictly also falls through, with a warning.

After decoding, if more than 10% of the first 4 KB are C0 control
characters other than TAB, LF, CR and FF, the input is treated as binary.
Binary input (by signature or by that ratio) sets ``is_binary`` and is
returned decoded as latin-1: lossless, so nothing is thrown away here and
the caller decides what to do with it.

NUL and other control characters in otherwise textual input are KEPT:
this module only turns bytes into ``str``; removing control characters is
the job of the line fixers (``cleannews.fixers``).

``encoding`` is Python's canonical codec name (``codecs.lookup(x).name``,
e.g. "utf-8", "cp1252", "cp1251", "shift_jis"), so
``data.decode(result.encoding)`` works -- except "utf-8" after a UTF-8 BOM
(the BOM is not part of the text) and "utf-16"/"utf-32", which are
reported for BOM-prefixed input that the plain "utf-16"/"utf-32" codecs
decode correctly.  UTF-16 sniffed without a BOM is "utf-16-le"/"utf-16-be".

The common case (valid UTF-8) costs a few bounded prefix checks (at most
4 KB each) plus a single ``bytes.decode``.  Decoding is deterministic.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

__all__ = ["Decoded", "decode_bytes"]


@dataclass(frozen=True)
class Decoded:
    """The result of :func:`decode_bytes`."""

    text: str
    encoding: str
    warnings: tuple[str, ...]
    is_binary: bool


# How much of the input the heuristics look at; bounded so that sniffing
# costs the same on a 10 MB page as on a 10 KB one.
_SNIFF = 4096
_HTML_SNIFF = 1024
_DETECT_LIMIT = 64 * 1024
_BINARY_CONTROL_RATIO = 0.10
_UNDECODABLE = "undecodable bytes replaced"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"PK\x07\x08", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x7fELF", "ELF"),
    (b"wOFF", "WOFF"),
    (b"wOF2", "WOFF2"),
    (b"OggS", "Ogg"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x00asm", "WebAssembly"),
    (b"\xca\xfe\xba\xbe", "Java class"),
)
_MAGIC_PREFIXES = tuple(magic for magic, _ in _MAGIC)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # (bom, codec used to decode the bytes after it, reported name)
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)

_BOM_PREFIXES = tuple(bom for bom, _, _ in _BOMS)

# WHATWG-style label handling, keyed by Python canonical codec name.
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf-16": "utf-16-le",  # WHATWG: the "utf-16" label means little-endian
    "utf-32": "utf-32-le",
}
# Labels browsers know but Python does not.
_EXTRA_LABELS = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "x-euc-jp": "euc_jp",
    "x-gbk": "gb18030",
    "x-mac-roman": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic",
    "macintosh": "mac-roman",
    "windows-874": "cp874",
    "tis-620": "cp874",
    "iso-8859-8-i": "iso8859-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "ks_c_5601-1987": "cp949",
    "x-user-defined": "cp1252",
}
# The encodings of the WHATWG Encoding Standard, as Python canonical codec names
# (before `_SUPERSETS`), plus UTF-32, which a BOM or a label states unambiguously.
# Browsers ignore any other label: EBCDIC ("cp500", "ibm037", "cp1140", "cp875"),
# DOS code pages, "hz" ... turn an ASCII page into mojibake (issue 18).
_WEB_ENCODINGS = frozenset(
    {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
    | {"ascii", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874"}
    | {f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)}
    | {f"cp{n}" for n in range(1250, 1259)}
    | {"gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp"}
    | {"shift_jis", "cp932", "euc_kr", "cp949"}
)
#: Printable ASCII: an encoding that does not decode it to itself is not ASCII-compatible
#: (UTF-16, UTF-32, EBCDIC), and a label naming one is a lie on bytes that read as UTF-8.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
# Python text codecs that are not charsets a web page can be in (or, for
# utf-7, a known XSS vector that browsers refuse).
_NOT_CHARSETS = frozenset(
    {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7", "undefined", "charmap"}
)

_CHARSET_PARAM_RE = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)
_META_CHARSET_RE = re.compile(
    rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9_.:+-]{1,40})""", re.IGNORECASE
)
_HTML_HINT_RE = re.compile(rb"<html|<!doctype", re.IGNORECASE)
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: C1 controls: no web page has them as text, so a label whose encoding decodes the
#: bytes to one is the wrong label (plausibility check of a label's decoding; cp1252,
#: whose WHATWG table maps its five undefined bytes to C1 controls, is exempt).
_C1_CONTROL_RE = re.compile("[\x80-\x9f]")


def _build_whatwg_cp1252() -> str:
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_WHATWG_CP1252 = _build_whatwg_cp1252()


def _decode_strict(data: bytes, encoding: str) -> str | None:
    """Decode or return None; never raises (LookupError, odd codecs included)."""
    try:
        if encoding == "cp1252":
            return codecs.charmap_decode(data, "strict", _WHATWG_CP1252)[0]
        text = data.decode(encoding)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None
    return text


def _normalize_label(label: str, *, from_meta: bool) -> tuple[str | None, str | None]:
    """Charset label -> (Python codec name, warning)."""
    cleaned = label.strip().strip("\"'").strip().lower()
    if not cleaned:
        return None, None
    name: str | None = _EXTRA_LABELS.get(cleaned)
    if name is None:
        try:
            info = codecs.lookup(cleaned)
        except (LookupError, ValueError, TypeError):
            return None, f"unknown charset {label.strip()!r} ignored"
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
            return None, f"unsupported charset {label.strip()!r} ignored"
        name = info.name
    if name not in _WEB_ENCODINGS:
        return None, f"charset {label.strip()!r} is not a web encoding (WHATWG); ignored"
    if from_meta and name.startswith(("utf-16", "utf-32")):
        # WHATWG: a meta tag readable as ASCII cannot be in UTF-16/32.
        return "utf-8", None
    return _SUPERSETS.get(name, name), None


def _declared_charset(declared: str) -> str | None:
    """The charset from an HTTP Content-Type value, or a bare charset name.

    A media type without a charset parameter ("text/html") declares
    nothing, so it yields None rather than an "unknown charset" warning.
    """
    match = _CHARSET_PARAM_RE.search(declared)
    if match is not None:
        return match.group(1)
    if "/" in declared or ";" in declared:
        return None
    return declared


def _ascii_compatible(encoding: str) -> bool:
    """Printable ASCII bytes decode to the same characters."""
    return _decode_strict(_PRINTABLE_ASCII, encoding) == _PRINTABLE_ASCII.decode("ascii")


def _lies_about_ascii(data: bytes, candidates: list[tuple[str, str, str]]) -> bool:
    """ASCII bytes without a NUL (no UTF-16 or UTF-32 text) under a label whose encoding
    would read them as other characters: the decoded text would not be the page."""
    return b"\x00" not in data and any(not _ascii_compatible(c) for _, _, c in candidates)


def _looks_html(data: bytes) -> bool:
    head = data[:_HTML_SNIFF]
    return head.lstrip()[:1] == b"<" or _HTML_HINT_RE.search(head) is not None


def _utf16_high_side(high: bytes, low: bytes, pairs: int) -> bool:
    """Does ``high`` look like the high bytes of UTF-16 code units?

    ASCII characters (spaces, digits, punctuation at least) have a zero
    high byte, and a text in one script has one more dominant high byte
    (0x04 for Cyrillic, 0x06 for Arabic, ...).  So: NULs on this side for
    at least 5% of the pairs, almost none on the other side, and NUL plus
    one other value covering 90% of this side.
    """
    nul = high.count(0)
    if nul < pairs * 0.05 or low.count(0) > nul * 0.1:
        return False
    if nul >= pairs * 0.9:
        return True
    other = max((b for b in set(high) if b), key=high.count)
    return nul + high.count(other) >= pairs * 0.9


def _sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16, from the NUL pattern.

    In ASCII-heavy UTF-16LE the odd offsets are mostly NUL and the even
    ones almost never (the reverse for BE).  Only NUL-containing input is
    examined, so ordinary text pays for a single ``in`` test.
    """
    head = data[:_SNIFF]
    if len(head) < 4 or b"\x00" not in head:
        return None
    pairs = len(head) // 2
    even, odd = head[0 : pairs * 2 : 2], head[1 : pairs * 2 : 2]
    if _utf16_high_side(odd, even, pairs):
        return "utf-16-le"
    if _utf16_high_side(even, odd, pairs):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with replacement if valid multi-byte sequences dominate bad bytes."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    high = len(data.translate(None, bytes(range(0x80))))  # bytes >= 0x80
    valid_high = high - bad
    if bad > 0 and valid_high >= 4 and valid_high >= 8 * bad:
        return text
    return None


def _detect(data: bytes) -> str | None:
    """charset_normalizer's guess on a prefix, with cp1252 winning ties."""
    sample = data
    if len(sample) > _DETECT_LIMIT:
        # Cut after a newline/space so no multi-byte character is split:
        # bytes < 0x40 are never trail bytes in SJIS/GBK/Big5/EUC.
        cut = max(data.rfind(b"\n", 0, _DETECT_LIMIT), data.rfind(b" ", 0, _DETECT_LIMIT))
        sample = data[: cut + 1] if cut > 0 else data[:_DETECT_LIMIT]
    try:
        best = charset_normalizer.from_bytes(sample).best()
        if best is None:
            return None
        name = _normalize_label(best.encoding, from_meta=False)[0]
        if name is None or name == "cp1252":
            return name
        western = charset_normalizer.from_bytes(sample, cp_isolation=["cp1252"]).best()
    except Exception:  # detection is best-effort, never fatal
        return None
    if (
        western is not None
        and western.chaos <= best.chaos + 0.02
        and western.coherence >= best.coherence - 0.02
    ):
        return "cp1252"
    return name


_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _control_ratio(data: bytes, text: str, encoding: str) -> float:
    """Share of C0 controls (other than TAB LF CR FF) in the first 4 KB.

    Counted on the bytes -- ``bytes.translate`` deletes them in one fast
    pass, ~20x cheaper than a regex over the decoded text -- except for
    UTF-16/32, whose bytes are full of NULs by design.
    """
    if encoding.startswith(("utf-16", "utf-32")):
        sample = text[:_SNIFF]
        if not sample or _CONTROL_CHARS_RE.search(sample) is None:
            return 0.0
        return len(_CONTROL_CHARS_RE.findall(sample)) / len(sample)
    head = data[:_SNIFF]
    return (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head)


def _as_binary(data: bytes, warnings: list[str], reason: str) -> Decoded:
    warnings.append(f"binary input: {reason}")
    return Decoded(data.decode("latin-1"), "iso8859-1", tuple(warnings), True)


def _finish(data: bytes, text: str, encoding: str, warnings: list[str]) -> Decoded:
    ratio = _control_ratio(data, text, encoding)
    if ratio > _BINARY_CONTROL_RATIO:
        return _as_binary(data, warnings, f"{ratio:.0%} control bytes")
    return Decoded(text, encoding, tuple(warnings), False)


def _decode_text(data: bytes, declared: str | None, is_html: bool | None) -> Decoded:
    warnings: list[str] = []

    for bom, codec, reported in _BOMS if data.startswith(_BOM_PREFIXES) else ():
        if data.startswith(bom):
            body = data[len(bom) :]
            text = _decode_strict(body, codec)
            if text is None:
                text = body.decode(codec, "replace")
                warnings.append(_UNDECODABLE)
            return _finish(data, text, reported, warnings)

    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        text = _decode_strict(data, utf16)
        if text is not None:
            return _finish(data, text, utf16, warnings)

    labels: list[tuple[str, str]] = []
    declared_label = _declared_charset(declared) if declared else None
    if declared_label:
        labels.append(("declared", declared_label))
    if is_html is None:
        is_html = _looks_html(data)
    if is_html:
        meta = _META_CHARSET_RE.search(data[:_SNIFF])
        if meta is not None:
            labels.append(("meta", meta.group(1).decode("ascii")))
    candidates: list[tuple[str, str, str]] = []  # (source, label, codec)
    for source, label in labels:
        encoding, problem = _normalize_label(label, from_meta=source == "meta")
        if problem is not None:
            warnings.append(f"{source} {problem}")
        if encoding is not None and encoding not in (c for _, _, c in candidates):
            candidates.append((source, label, encoding))

    if any(not c.startswith("utf-8") for _, _, c in candidates) and (
        not data.isascii() or _lies_about_ascii(data, candidates)
    ):
        # Non-ASCII bytes that form valid UTF-8 are UTF-8: text in a legacy
        # charset essentially never happens to be valid UTF-8 (it would
        # have to consist of sequences like "Ã©"), while pages that say
        # "iso-8859-1" but serve UTF-8 are common.  Browsers obey the label
        # and show mojibake; a cleaner should not.
        utf8 = _decode_strict(data, "utf-8")
        if utf8 is not None:
            for source, label, codec in candidates:
                if not codec.startswith("utf-8") and (
                    not data.isascii() or not _ascii_compatible(codec)
                ):
                    warnings.append(
                        f"{source} charset {label!r} ignored: the bytes are valid UTF-8"
                    )
            return _finish(data, utf8, "utf-8", warnings)

    for source, label, encoding in candidates:
        text = _decode_strict(data, encoding)
        if text is not None and (encoding == "cp1252" or _C1_CONTROL_RE.search(text) is None):
            return _finish(data, text, encoding, warnings)
        warnings.append(f"{source} charset {label!r} does not fit the bytes; ignored")

    try:
        return _finish(data, data.decode("utf-8"), "utf-8", warnings)
    except UnicodeDecodeError:
        pass

    text_or_none = _mostly_utf8(data)
    if text_or_none is not None:
        warnings.append(_UNDECODABLE)
        return _finish(data, text_or_none, "utf-8", warnings)

    guess = _detect(data)
    if guess is not None and guess != "utf-8":  # strict UTF-8 already failed above
        text_or_none = _decode_strict(data, guess)
        if text_or_none is None:
            try:
                text_or_none = data.decode(guess, "replace")
                warnings.append(_UNDECODABLE)
            except (LookupError, ValueError, TypeError):
                text_or_none = None
        if text_or_none is not None:
            return _finish(data, text_or_none, guess, warnings)

    text = data.decode("cp1252", "replace")
    if "\ufffd" in text:  # cp1252 has no U+FFFD of its own: these are replacements
        warnings.append(_UNDECODABLE)
    return _finish(data, text, "cp1252", warnings)


def decode_bytes(
    data: bytes, *, declared: str | None = None, is_html: bool | None = None
) -> Decoded:
    """Decode scraped bytes to text; never raises a decoding error.

    ``declared`` is an HTTP Content-Type value ("text/html; charset=utf-8")
    or a bare charset name.  ``is_html`` forces (True) or disables (False)
    the ``<meta charset>`` lookup; None sniffs for markup.  See the module
    docstring for the full order of evidence and why.  NUL and other
    control characters in textual input are kept (a later stage removes
    them).
    """
    if not data:
        return Decoded("", "utf-8", (), False)
    head = data[:16]
    for magic, kind in _MAGIC if head.startswith(_MAGIC_PREFIXES) else ():
        if head.startswith(magic):
            return _as_binary(data, [], f"{kind} signature")
    if head[4:8] == b"ftyp":
        return _as_binary(data, [], "MP4/ISO media signature")
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return _as_binary(data, [], "RIFF signature")
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return _as_binary(data, [], "bzip2 signature")
    try:
        return _decode_text(data, declared, is_html)
    except Exception:  # last line of defence: never raise
        return Decoded(data.decode("cp1252", "replace"), "cp1252", (_UNDECODABLE,), False)
