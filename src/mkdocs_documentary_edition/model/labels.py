"""How the edition's codes read to a reader: genres and languages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["cyrillic_language", "genre_label", "language_name", "written_in_cyrillic"]

LANGUAGE_NAMES = {
    "ru": "Russian", "en": "English", "de": "German", "fr": "French", "uk": "Ukrainian", "pl": "Polish",
    "it": "Italian", "es": "Spanish", "nl": "Dutch", "no": "Norwegian", "sv": "Swedish", "yi": "Yiddish",
}
CYRILLIC_LANGUAGES = ("ru", "uk", "be", "bg", "sr", "mk")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
GENRE_LABELS = {"diary": "diary entry", "statistics": "statistical return"}


def genre_label(genre: str | None) -> str:
    return GENRE_LABELS.get(genre or "", genre or "")


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", code or "")


def written_in_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def cyrillic_language(languages: Iterable[str | None]) -> str:
    """The language a name in Cyrillic is taken to be in: the one most of the documents written in
    a Cyrillic language are in (Russian when none says). A reader's browser and screen reader then
    pronounce, hyphenate and choose fonts for it rightly."""
    counts = Counter(code for code in languages if code in CYRILLIC_LANGUAGES)
    return counts.most_common(1)[0][0] if counts else "ru"
