"""From what the caller passed to a working document: type checks, decoding, HTML or text.

Bytes are decoded (BOM, declared or meta charset, detection; never a UnicodeDecodeError),
HTML is recognised unless `kind` says otherwise, oversized pages are truncated with a
warning. HTML goes through `cleannews.html`, text straight to the line document.
"""

from __future__ import annotations

import regex

from cleannews.config import CleanConfig
from cleannews.decode import decode_bytes
from cleannews.document import Doc

Page = str | bytes
KINDS = ("text", "html")
_HTML_START = regex.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|article|section|main|p|span|script|style|table)\b",
    regex.IGNORECASE | regex.DOTALL,
)
_TAG = regex.compile(
    r"</?(?:p|div|br|span|a|li|article|section|h[1-6]|img|figure)\b(\s+[\w:-]+\s*=)?",
    regex.IGNORECASE,
)
#: What may stand right before a tag that is markup: a line start, another tag's ">", or
#: the text the tag ends or breaks ("word</b>", "end.</p>", "line<br>"). A tag that prose
#: mentions stands after a space, a quote or a bracket ("wrap it in <p> tags").
_MARKUP_BEFORE = frozenset("\r\n>.,;:!?")
#: Tags that stand as markup in the first 4 KB from which a text without a document
#: start is read as HTML.
MIN_MARKUP_TAGS = 5


def looks_like_html(text: str) -> bool:
    """An HTML document, or text dense with tags that stand as markup.

    Prose that mentions tags ("wrap each paragraph in <p> tags") is text: a tag counts
    only with attributes or where markup puts it (see `_MARKUP_BEFORE`). A cleaned body
    that mentions tags is therefore text when cleaned again (issue 18)."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    markup = 0
    for tag in _TAG.finditer(head):
        if tag.group(1) or _stands_as_markup(head, tag.start()):
            markup += 1
            if markup >= MIN_MARKUP_TAGS:
                return True
    return False


def _stands_as_markup(head: str, start: int) -> bool:
    """The tag at `start` follows a line start or a tag (spaces between allowed), or is
    glued to the text before it."""
    window = head[max(0, start - 64) : start]
    indent = len(window) - len(window.rstrip(" \t"))
    before = head[start - indent - 1] if start - indent > 0 else "\n"
    if indent:
        return before in "\r\n>"
    return before in _MARKUP_BEFORE or before.isalnum()


def prepare(
    page: Page,
    config: CleanConfig,
    *,
    kind: str | None,
    url: str | None,
    charset: str | None = None,
) -> Doc:
    """The working document for a page, with decoding and size warnings attached."""
    if isinstance(page, bytearray | memoryview):
        page = bytes(page)
    if not isinstance(page, str | bytes):
        raise TypeError(f"cleannews expects a page as str or bytes, got {type(page).__name__}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None (auto), got {kind!r}")
    for name, value in (("url", url), ("charset", charset)):
        if value is not None and not isinstance(value, str):  # a record's url must be text
            raise TypeError(f"{name} must be a str or None, got {type(value).__name__}")
    warnings: list[str] = []
    if isinstance(page, bytes):
        decoded = decode_bytes(
            page, declared=charset, is_html={"html": True, "text": False}.get(kind or "")
        )
        text = decoded.text
        warnings.extend(decoded.warnings)
        if decoded.is_binary:  # an image, an archive...: its bytes are no page's text
            text = ""
            warnings.append("binary input is not read as text; the record is empty")
    else:
        text = page.removeprefix("\ufeff")  # a BOM left by a caller's own decoding
    if len(text) > config.max_input_chars:
        warnings.append(f"input truncated from {len(text)} to {config.max_input_chars} characters")
        text = text[: config.max_input_chars]
    kind = kind or ("html" if looks_like_html(text) else "text")
    if kind == "html":
        from cleannews.html import html_doc

        doc = html_doc(text, config, url=url)
    else:
        doc = Doc.from_text(text, config)
        doc.page.url = url
    for message in warnings:
        doc.warn(message)
    return doc
