"""How the edition's codes read to a reader: genres and languages."""

from __future__ import annotations

__all__ = ["genre_label", "language_name"]

LANGUAGE_NAMES = {
    "ru": "Russian", "en": "English", "de": "German", "fr": "French", "uk": "Ukrainian", "pl": "Polish",
    "it": "Italian", "es": "Spanish", "nl": "Dutch", "no": "Norwegian", "sv": "Swedish", "yi": "Yiddish",
}
GENRE_LABELS = {"diary": "diary entry", "statistics": "statistical return"}


def genre_label(genre: str | None) -> str:
    return GENRE_LABELS.get(genre or "", genre or "")


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", code or "")
