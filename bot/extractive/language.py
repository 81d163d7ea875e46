"""Is the article in English? The offline engine parses English only, and says so instead of guessing."""

from __future__ import annotations

# Frequent English function words: in English prose they are about a third of all words; in other
# languages written in Latin letters, a few per cent.
_ENGLISH = frozenset([
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as",
    "was", "said", "it", "by", "at", "from", "has", "have", "be", "are", "were", "its",
    "his", "her", "their", "this", "an", "not", "but", "will", "which", "who", "after", "had",
    "been", "than", "more",
])
_UKRAINIAN_ONLY = set("ґєії")


def language_of(text: str) -> str | None:
    """"English", "Ukrainian", "Russian", or None for another language (or too little text to say)."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if len(letters) < 20:
        return "English"
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    if cyrillic > len(letters) * 0.3:
        return "Ukrainian" if any(ch in _UKRAINIAN_ONLY for ch in text.lower()) else "Russian"
    words = [w.strip(".,;:!?\"'()“”‘’").lower() for w in text[:20000].split()]
    words = [w for w in words if w]
    if not words:
        return "English"
    share = sum(w in _ENGLISH for w in words) / len(words)
    return "English" if share >= 0.08 or len(words) < 25 else None


def english_only_note(language: str | None) -> str:
    name = f"in {language}" if language else "not in English"
    return (f"This article is {name}: the offline engine reads English only, so the sections are empty. "
            "Configure a model (OPENAI_API_KEY or OPENAI_BASE_URL) to brief articles in other languages.")
