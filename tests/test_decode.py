"""Tests for cleannews.decode.decode_bytes."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews.decode import Decoded, decode_bytes

RUSSIAN = (
    "Президент России провёл совещание с членами правительства. "
    "Обсуждались вопросы экономики, бюджета и социальной политики. "
) * 3
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))


def _clean(result: Decoded, text: str, encoding: str) -> None:
    assert result.text == text
    assert result.encoding == encoding
    assert result.warnings == ()
    assert result.is_binary is False


# ---------------------------------------------------------------- Unicode


def test_empty() -> None:
    assert decode_bytes(b"") == Decoded("", "utf-8", (), False)


def test_utf8() -> None:
    _clean(decode_bytes("Café “ok” 日本".encode()), "Café “ok” 日本", "utf-8")


def test_utf8_bom_is_dropped() -> None:
    _clean(decode_bytes(codecs.BOM_UTF8 + "Café".encode()), "Café", "utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    data = "\ufeffCafé, привет".encode(codec)
    result = decode_bytes(data)
    _clean(result, "Café, привет", "utf-16")
    assert data.decode(result.encoding) == result.text  # the reported name round-trips


def test_utf32_with_bom() -> None:
    _clean(decode_bytes("\ufeffhi there".encode("utf-32-le")), "hi there", "utf-32")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_ascii(codec: str) -> None:
    text = "Hello wörld, this is a plain English sentence."
    _clean(decode_bytes(text.encode(codec)), text, codec)


def test_utf16_le_without_bom_russian() -> None:
    # Only spaces/punctuation have a NUL high byte; Cyrillic has 0x04.
    _clean(decode_bytes(RUSSIAN.encode("utf-16-le")), RUSSIAN, "utf-16-le")


def test_nul_in_text_is_kept() -> None:
    _clean(decode_bytes(b"hello\x00world"), "hello\x00world", "utf-8")


# ---------------------------------------------------------------- legacy charsets


def test_cp1252() -> None:
    _clean(decode_bytes(b"\x93quoted\x94 caf\xe9"), "“quoted” café", "cp1252")


def test_latin1_is_read_as_cp1252() -> None:
    _clean(decode_bytes("café naïve résumé".encode("latin-1")), "café naïve résumé", "cp1252")


def test_windows_1251_detected() -> None:
    _clean(decode_bytes(RUSSIAN.encode("cp1251")), RUSSIAN, "cp1251")


def test_meta_charset() -> None:
    html = b'<html><head><meta charset="windows-1252"></head><body>\x93hi\x94 caf\xe9</body></html>'
    result = decode_bytes(html)
    _clean(result, html.decode("cp1252"), "cp1252")
    assert "“hi” café" in result.text


def test_meta_http_equiv_latin1_means_cp1252_whatwg() -> None:
    html = (
        b'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" '
        b'content="text/html; charset=ISO-8859-1"></head><body>\x93caf\xe9\x94 \x81</body></html>'
    )
    result = decode_bytes(html)
    assert result.encoding == "cp1252"
    # 0x81 is undefined in cp1252: browsers map it to U+0081 instead of failing.
    assert "“café” \x81" in result.text
    assert result.warnings == ()


def test_meta_ignored_when_not_html() -> None:
    data = "<meta charset='koi8-r'> " + RUSSIAN
    result = decode_bytes(data.encode("cp1251"), is_html=False)
    assert result.encoding == "cp1251"  # detected, not the (wrong) meta label
    assert result.text == data


def test_meta_utf16_label_means_utf8() -> None:
    result = decode_bytes(b'<meta charset="utf-16"><p>caf\xc3\xa9</p>')
    _clean(result, '<meta charset="utf-16"><p>café</p>', "utf-8")


@pytest.mark.parametrize(
    "declared", ["text/html; charset=windows-1251", "windows-1251", '"cp1251"']
)
def test_declared_charset(declared: str) -> None:
    short = "привет мир"  # too short to detect: the header decides
    _clean(decode_bytes(short.encode("cp1251"), declared=declared), short, "cp1251")


def test_declared_beats_meta() -> None:
    html = '<meta charset="iso-8859-5"><p>привет</p>'.encode("cp1251")
    result = decode_bytes(html, declared="text/html; charset=windows-1251")
    assert result.encoding == "cp1251"
    assert "привет" in result.text


def test_wrong_declared_charset_falls_through_with_warning() -> None:
    result = decode_bytes(b"\x93quoted\x94 caf\xe9", declared="text/html; charset=utf-8")
    assert result.text == "“quoted” café"
    assert result.encoding == "cp1252"
    assert any("'utf-8' does not fit" in w for w in result.warnings)


def test_unknown_or_non_text_declared_charset_is_ignored() -> None:
    for label in ("x-no-such-charset", "base64", "unicode_escape"):
        result = decode_bytes(b"caf\xc3\xa9 \\u0041", declared=label)
        assert result.text == "café \\u0041"
        assert result.encoding == "utf-8"
        assert any("ignored" in w for w in result.warnings)


def test_media_type_without_charset_declares_nothing() -> None:
    _clean(decode_bytes(b"\x93quoted\x94 caf\xe9", declared="text/html"), "“quoted” café", "cp1252")


def test_valid_utf8_beats_a_legacy_label() -> None:
    result = decode_bytes("café".encode(), declared="iso-8859-1")
    assert result.text == "café"
    assert result.encoding == "utf-8"
    assert any("valid UTF-8" in w for w in result.warnings)


def test_cjk_legacy() -> None:
    text = "日本語のテキストです。これはテストです。東京都の知事選挙。"
    result = decode_bytes(text.encode("shift_jis"), declared="shift_jis")
    _clean(result, text, "cp932")  # WHATWG: Shift_JIS means the Windows superset


# ---------------------------------------------------------------- broken input


def test_stray_byte_in_utf8_is_replaced() -> None:
    data = ("Café naïve résumé — “ok”. " * 5).encode() + b"\xe9 oops"
    result = decode_bytes(data)
    assert result.encoding == "utf-8"
    assert result.text.startswith("Café naïve résumé — “ok”.")
    assert result.text.endswith("\ufffd oops")
    assert result.warnings == ("undecodable bytes replaced",)


def test_bom_wins_even_over_bad_bytes() -> None:
    result = decode_bytes(codecs.BOM_UTF8 + b"caf\xe9 ok")
    assert result.text == "caf\ufffd ok"
    assert result.encoding == "utf-8"
    assert result.warnings == ("undecodable bytes replaced",)


@pytest.mark.parametrize(
    "data", [b"abc \xff\xfe def", b"\xc3\x28", b"\xe2\x82", b"\xf0\x9f\x98", b"\x80\x81\x8d"]
)
def test_invalid_utf8_never_raises(data: bytes) -> None:
    result = decode_bytes(data)
    assert isinstance(result.text, str) and result.text
    assert result.is_binary is False


# ---------------------------------------------------------------- binary


def test_png_is_binary_but_text_is_kept() -> None:
    result = decode_bytes(PNG)
    assert result.is_binary is True
    assert result.text and result.text.encode("latin-1") == PNG  # lossless
    assert any("PNG" in w for w in result.warnings)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
    ],
)
def test_magic_numbers_are_binary(data: bytes) -> None:
    assert decode_bytes(data, declared="utf-8").is_binary is True


def test_control_heavy_bytes_are_binary() -> None:
    result = decode_bytes(bytes(range(32)) * 20)
    assert result.is_binary is True
    assert any("control bytes" in w for w in result.warnings)


def test_a_few_controls_are_not_binary() -> None:
    assert decode_bytes(b"line one\x07\nline two\x00\n" * 5).is_binary is False


# ---------------------------------------------------------------- properties


@settings(max_examples=500, deadline=None)
@given(
    st.binary(max_size=300),
    st.one_of(st.none(), st.sampled_from(["utf-8", "cp1252", "x-junk", "utf-16", "base64"])),
    st.one_of(st.none(), st.booleans()),
)
def test_never_raises(data: bytes, declared: str | None, is_html: bool | None) -> None:
    result = decode_bytes(data, declared=declared, is_html=is_html)
    assert isinstance(result.text, str)
    assert isinstance(result.encoding, str) and result.encoding
    assert all(isinstance(w, str) for w in result.warnings)
    assert result == decode_bytes(data, declared=declared, is_html=is_html)  # deterministic


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_utf8_round_trip(text: str) -> None:
    result = decode_bytes(text.encode("utf-8"))
    assert result.text == text.removeprefix("\ufeff")  # a leading U+FEFF is read as a BOM
    assert result.encoding == "utf-8"
    assert result.is_binary is False
