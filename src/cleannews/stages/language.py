"""Stage 2, language: detect the page's language from a bounded sample of its prose.

Runs early because the rule stages choose their language packs by it. langdetect is
random by design; each call gets its own seeded detector, so the answer depends only on
the text, never on what the process did before. The sample is bounded (the longest
lines, up to `language_sample_chars`), which keeps long pages fast, and scripts that
belong to one language only are recognised without langdetect at all.
"""

from __future__ import annotations

import threading

import regex

from cleannews import langid
from cleannews.document import Doc
from cleannews.stages.base import Stage, register_stage

#: Below this many letters there is too little text to tell.
MIN_LETTERS = 20
_LETTER = regex.compile(r"\p{L}")
#: Scripts used by one language in news text: no statistics needed.
_SINGLE_SCRIPT = (
    (regex.compile(r"[\p{Hangul}]"), "ko"),
    (regex.compile(r"[\p{Hiragana}\p{Katakana}]"), "ja"),
    (regex.compile(r"[\p{Thai}]"), "th"),
    (regex.compile(r"[\p{Greek}]"), "el"),
    (regex.compile(r"[\p{Hebrew}]"), "he"),
    (regex.compile(r"[\p{Georgian}]"), None),
)

_factory_lock = threading.Lock()
_factory: object | None = None


def _detector_factory() -> object:
    """langdetect's profiles, loaded once (read-only afterwards, so sharing is safe)."""
    global _factory
    with _factory_lock:
        if _factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            _factory = factory
        return _factory


def sample_text(paragraphs: list[str], limit: int) -> str:
    """The longest paragraphs first (prose, not widgets), up to `limit` characters."""
    picked: list[str] = []
    size = 0
    for text in sorted(paragraphs, key=lambda p: (-len(p), p)):
        picked.append(text)
        size += len(text)
        if size >= limit:
            break
    return " ".join(picked)[:limit]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when there is too little text to tell."""
    letters = len(_LETTER.findall(text))
    if letters < MIN_LETTERS:
        return None
    for pattern, code in _SINGLE_SCRIPT:
        if len(pattern.findall(text)) * 2 > letters:
            return code
    try:  # langdetect's answer with seed 0, computed faster (see cleannews.langid)
        code = langid.detect(_detector_factory(), text, seed=0)
    except Exception:  # langdetect raises LangDetectException on feature-less text
        return None
    return None if code == "unknown" else code.split("-")[0]


@register_stage
class DetectLanguage(Stage):
    """Set `doc.language` from the longest open lines."""

    name = "language"

    def run(self, doc: Doc) -> None:
        texts = [line.text for line in doc.open_lines()]
        doc.language = detect_language(sample_text(texts, doc.config.language_sample_chars))
