"""English as news articles write it: the words and marks that the text splitter, the offline engine
and Q&A all read the same way.

Months and weekdays, number words, country aliases, wire datelines and live-blog labels, list bullets,
the words that carry a sentence on from the one before it, and which language an article is in. Pure
data and pure functions; domain vocabulary (actors, weapons, aid words) lives in
``bot/resources/config/domain.yaml``, loaded by ``bot.extractive.lexicon``.
"""

from __future__ import annotations

import re

# --- Dates -------------------------------------------------------------------------------------------

MONTH_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# "Sept" beside "Sep": both are in wide use, and either ends a sentence only when a sentence ends.
MONTH_ABBREVIATIONS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
MONTHS = MONTH_NAMES | MONTH_ABBREVIATIONS.keys()
# A month as written in prose, capitalised, an abbreviation with or without its period.
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
WEEKDAY_ABBREVIATIONS = frozenset(["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"])
WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# --- Numbers -----------------------------------------------------------------------------------------

# Cardinals written out, with their values; "a dozen", "half a" and scales are the figure reader's.
CARDINALS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# One word of a written-out count ("four hundred and fifty-eight" is several of them), as a pattern.
NUMBER_WORD_PATTERN = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
)

# --- Countries ---------------------------------------------------------------------------------------

# Demonyms and capitals: the canonical country token each stands for.
COUNTRY_ALIASES = {
    "russia": "russia",
    "russian": "russia",
    "russians": "russia",
    "moscow": "russia",
    "kremlin": "russia",
    "ukraine": "ukraine",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "usa": "usa",
    "washington": "usa",
    "uk": "uk",
    "london": "uk",
    "germany": "germany",
    "german": "germany",
    "germans": "germany",
    "berlin": "germany",
    "china": "china",
    "chinese": "china",
    "beijing": "china",
    "eu": "eu",
    "brussels": "eu",
    "european": "eu",
    "france": "france",
    "french": "france",
    "paris": "france",
    "northkorea": "northkorea",
    "pyongyang": "northkorea",
    "southkorea": "southkorea",
    "seoul": "southkorea",
    "iran": "iran",
    "iranian": "iran",
    "tehran": "iran",
    "japan": "japan",
    "japanese": "japan",
    "tokyo": "japan",
    "india": "india",
    "indian": "india",
    "canada": "canada",
    "canadian": "canada",
    "canadians": "canada",
    "ottawa": "canada",
    "sweden": "sweden",
    "swedish": "sweden",
    "swede": "sweden",
    "swedes": "sweden",
    "stockholm": "sweden",
    "norway": "norway",
    "norwegian": "norway",
    "norwegians": "norway",
    "oslo": "norway",
    "denmark": "denmark",
    "danish": "denmark",
    "dane": "denmark",
    "danes": "denmark",
    "copenhagen": "denmark",
    "finland": "finland",
    "finnish": "finland",
    "finn": "finland",
    "finns": "finland",
    "helsinki": "finland",
    "poland": "poland",
    "polish": "poland",
    "pole": "poland",
    "poles": "poland",
    "warsaw": "poland",
    "italy": "italy",
    "italian": "italy",
    "rome": "italy",
    "spain": "spain",
    "spanish": "spain",
    "madrid": "spain",
    "netherlands": "netherlands",
    "dutch": "netherlands",
    "hague": "netherlands",
    "belgium": "belgium",
    "belgian": "belgium",
    "turkey": "turkey",
    "turkish": "turkey",
    "ankara": "turkey",
    "belarus": "belarus",
    "belarusian": "belarus",
    "belarusians": "belarus",
    "minsk": "belarus",
    "australia": "australia",
    "australian": "australia",
    "canberra": "australia",
    "estonia": "estonia",
    "estonian": "estonia",
    "tallinn": "estonia",
    "latvia": "latvia",
    "latvian": "latvia",
    "riga": "latvia",
    "lithuania": "lithuania",
    "lithuanian": "lithuania",
    "vilnius": "lithuania",
    "switzerland": "switzerland",
    "swiss": "switzerland",
    "bern": "switzerland",
    "czechia": "czech",
    "czech": "czech",
    "prague": "czech",
    "slovakia": "slovakia",
    "slovak": "slovakia",
    "bratislava": "slovakia",
    "hungary": "hungary",
    "hungarian": "hungary",
    "budapest": "hungary",
    "romania": "romania",
    "romanian": "romania",
    "bucharest": "romania",
    "austria": "austria",
    "austrian": "austria",
    "vienna": "austria",
    "greece": "greece",
    "greek": "greece",
    "athens": "greece",
    "portugal": "portugal",
    "portuguese": "portugal",
    "lisbon": "portugal",
    "ireland": "ireland",
    "irish": "ireland",
    "dublin": "ireland",
    "bulgaria": "bulgaria",
    "bulgarian": "bulgaria",
    "moldova": "moldova",
    "moldovan": "moldova",
    "chisinau": "moldova",
}
COUNTRIES = frozenset(COUNTRY_ALIASES.values())
# Country names of several words, for telling names in a question apart.
COUNTRY_PHRASES = re.compile(r"\b(?:North|South) Korean?s?\b|\bUnited (?:States|Kingdom|Nations)\b|\bEuropean Union\b")

# --- Datelines, labels, bullets ----------------------------------------------------------------------

# "KYIV, March 4 (Reuters) -", "BRUSSELS (AP) —", "Tokyo, Jan 9 (Kyodo) -", "KYIV —": a wire dateline
# ahead of the lede. Every quantifier is bounded, so this runs in linear time on any input.
DATELINE = re.compile(
    # place (one to four words, capitalised but for the particles of place names: "Rio de Janeiro"); "Two trading
    # houses — X and Y — were listed" opens with no place
    r"^\s*(?:[A-Z][\w.'’/-]{1,25}(?:[ /-](?:[A-Z][\w.'’-]{0,25}|de|la|le|del|da|do|am|on|upon|sur|en|al|el|of)){0,3})"
    r"(?:\s{0,3}\([A-Z][\w.'’ -]{1,30}\)(?=\s{0,3}\())?"  # AFP's "Zaporizhzhia (Ukraine) (AFP) -": the country
    r"(?:,\s{0,3}[\w.'’ /-]{1,40}?){0,2}"  # ", March 4" / ", Jan 10, 2025" / ", Ukraine/MOSCOW"
    # "(Reuters) -" and the dash; after an agency's credit the lede may follow the dash unspaced ("(Reuters) -Russia")
    r"(?:\s{0,3}\([\w.&'’ /-]{1,40}\)\s{0,3}(?:-{1,2}|–|—)\s{0,3}|\s{0,3}(?:-{1,2}|–|—)\s{1,3})"
)
_AGENCY_ONLY = re.compile(r"^\s*\([\w.&'’ /-]{1,40}\)\s{0,3}(?:-{1,2}|–|—)\s{0,3}")
# "15:20 - ", "09.45 GMT: ", "BATTLEFIELD - ", "UPDATE — ", "SANCTIONS, TAKE FIVE: ", "REMEMBER THE 19TH: ": a
# live-blog time or a newsletter label ahead of a paragraph.
_LABEL = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?[A-Z]{2,4})?|[A-Z][A-Z0-9&'’/, ]{2,30}[A-Z0-9])"
    r"\s{0,3}(?:-{1,2}|–|—|:|\|)\s{1,3}(?=\S)"
)
# A live-blog time starting a line ("9:55 a.m. - Officials said …"): the line is an entry of its own.
# The time a live blog's entry opens with, to cut it off: "17:55 —", "9.40am GMT:", "10:20 ".
TIME_OF_ENTRY = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[A-Z]{2,4}\s*)?(?:[-–—:|]\s*)?")
TIMESTAMP = re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?[A-Z]{2,4})?)\s*(?:[-–—:|]\s*)?\S")
# A list item's marker and the space after it ("- ", "• ", "3. ", "2) "); a marker alone on its line.
BULLET = re.compile(r"^\s{0,8}(?:[-*•▪●◦–—]|\d{1,2}[.)])\s{1,8}")
LIST_MARKER = re.compile(r"^\s{0,8}(?:[-*•▪●◦–—]|\d{1,2}[.)])\s{0,8}$")


def strip_label(text: str) -> str:
    """The paragraph's first sentence without a live-blog time or an all-capitals section label."""
    m = _LABEL.match(text)
    return text[m.end() :] if m else text


def strip_dateline(text: str) -> str:
    """The sentence without a leading wire dateline; unchanged when it has none."""
    m = DATELINE.match(text)
    if m is None or not any(ch.isupper() for ch in m.group(0)[:3]):
        m = _AGENCY_ONLY.match(text)
    if m is None:
        return text
    rest = text[m.end() :]
    # A real dateline is followed by the lede's first word; "Kyiv - and Moscow" is not a dateline.
    return rest if rest[:1].isupper() or rest[:1] in "“\"‘'" else text


# --- Continuation --------------------------------------------------------------------------------------

# A sentence that opens with one of these goes on from the sentence before it: its subject is there.
CONTINUATION = re.compile(
    r"^(?:It|He|She|They|This|These|Those|Its|His|Her|Their|Of that|Of this|Among them|The package|"
    r"The ministry|The loan|The money|In its version|That)\b"
)
# A sentence that carries on who is speaking from the one before ("It said …", "The statement added …").
SPEAKER_CONTINUATION = re.compile(r"^(?:It|In its|Its|He|She|They|The ministry|The statement|This)\b")

# --- Which language ------------------------------------------------------------------------------------

# Frequent English function words: in English prose they are about a third of all words; in other
# languages written in Latin letters, a few per cent.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "said",
        "it",
        "by",
        "at",
        "from",
        "has",
        "have",
        "be",
        "are",
        "were",
        "its",
        "his",
        "her",
        "their",
        "this",
        "an",
        "not",
        "but",
        "will",
        "which",
        "who",
        "after",
        "had",
        "been",
        "than",
        "more",
    ]
)
_UKRAINIAN_ONLY = set("ґєії")


def language_of(text: str) -> str | None:
    """ "English", "Ukrainian", "Russian", or None for another language (or too little text to say)."""
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
    """The note a brief carries when the offline engine cannot read its article's language."""
    name = f"in {language}" if language else "not in English"
    return (
        f"This article is {name}: the offline engine reads English only, so the sections are empty. "
        "Configure a model (OPENAI_API_KEY or OPENAI_BASE_URL) to brief articles in other languages."
    )


# Longer than any match of the patterns ``search_in_windows`` is used with (their gaps are bounded).
_LONGEST_MATCH = 400
_WINDOW = 4_000


def search_in_windows(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern whose matches are shorter than ``_LONGEST_MATCH``, a window
    at a time. The same match is found, but a 100 KB run-on sentence is scanned in short calls: a regex
    call holds the interpreter lock, and one long scan stalled the worker's other threads for 60 ms, one
    of them inside a database transaction every other process then waited for."""
    if len(text) <= _WINDOW:
        return pattern.search(text)
    for start in range(0, len(text), _WINDOW - _LONGEST_MATCH):
        found = pattern.search(text, start, start + _WINDOW)
        if found is not None:
            return found
    return None
