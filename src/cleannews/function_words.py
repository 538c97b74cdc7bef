"""Function words: the short words that make up much of any text in a language.

Language detection reads them for its fast path (`cleannews.stages.language`): a sample
whose words are largely one language's function words, and whose sentences each hold
some, is in that language, and langdetect's few hundred n-gram draws are not needed.

Each list holds words that are frequent in its language and rare in English text (names
included), and the lists of `FAST_LANGUAGES` hold no word that is frequent in another
language. So "in", "is", "an", "to", "on", "at", "for" and "by" are not English words
here (Dutch, German, French, Slavic and Scandinavian texts are full of them), and "los",
"el", "van", "dan", "yang", "com", "est" or "mit" are in no list: "Los Angeles", "Van
Gogh", "example.com", "5 p.m. EST" and "MIT" are English text. The other lists may
share words with each other (Swedish and Danish "det"): they only count against.

Only the languages of `FAST_LANGUAGES` are answered this way. The others' lists are
evidence *against* those: a sample with more than a few of their words is left to
langdetect. A language joins `FAST_LANGUAGES` only when, on every sample in
`tests/fixtures/language_samples.json` and on its mixtures with the other languages there,
langdetect gives that language wherever the fast path does (tests/test_language.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": _words(
            "the and of that with this from have has are were been which would their "
            "they said his its it not but who had there what when about could should "
            "these than into"
        ),
        "de": _words(
            "der und das ist nicht den dem ein eine einen sich auf auch für wird sind "
            "wurde werden nach bei zum zur oder wie noch nur über"
        ),
        "nl": _words("het een niet zijn voor ook aan bij naar worden werd maar deze wordt heeft"),
        "fr": _words(
            "les une du que qui dans pour pas sur avec sont mais ont cette aux été leur ses"
        ),
        "es": _words(
            "del y por una con para lo como más pero sus fue este esta entre sobre también"
        ),
        "pt": _words("os da em uma não mais ao dos das pelo pela foi são seu sua"),
        "it": _words("il di che della sono gli dei delle nel nella alla questo anche stato"),
        "ca": _words("amb els"),
        "sv": _words("och att det som är av för på ett inte"),
        "da": _words("og ikke ved fra blev skal eller jeg"),
        "pl": _words("się nie że jest od jak ale tak po za"),
        "cs": _words("je se že za od jako který která"),
        "fi": _words("ja ei että oli hän ovat myös kun"),
        "hu": _words("és hogy nem egy"),
        "ro": _words("și în cu că pe pentru nu să fost"),
        "tr": _words("ve bu için ile olarak daha çok gibi"),
        "id": _words("ini itu dengan untuk dari tidak akan dalam"),
        "tl": _words("ang ng mga ay"),
        "sw": _words("ya wa kwa katika"),
        "cy": _words("yr yn mae"),
        "vi": _words("của và các là có được trong cho không những"),
    }
)

#: The languages the fast path may answer (see the module's docstring).
FAST_LANGUAGES: tuple[str, ...] = ("en",)


def other_words(language: str) -> frozenset[str]:
    """The function words of every listed language but `language`, minus its own."""
    found: set[str] = set()
    for code, words in FUNCTION_WORDS.items():
        if code != language:
            found |= words
    return frozenset(found - FUNCTION_WORDS[language])
