"""When a figure of a sentence is said of: the news, an earlier time, or the whole war so far.

An article gives today's package beside last year's, the running total since 2022, and the sum of several
donors together. A question that names no time asks for the news; these tell the other figures apart by
the clause each figure stands in (not by the sentence: "€28 billion since 2022, …, and this year's budget
sets aside nine billion euros" holds one of each).
"""

from __future__ import annotations

import re

from bot.language import MONTH_PATTERN

# Where one clause of a sentence ends and the next begins: a contrast, a semicolon, ", and" before a new
# subject, a dash aside.
_CLAUSE_BREAK = re.compile(
    r"(?<=[a-z0-9%)”\"][.!?])\s+(?=[A-Z“\"])|[;:](?=\s)|\s[—–]\s|,\s+(?:and|but|while|whereas|although|though)\s|\s(?:while|whereas)\s"
)
# A clause about an earlier time: "Its previous package", "earlier ones", "announced last year", "In 2024,",
# "in July 2024", "a year ago".
_PAST = re.compile(
    r"\b(?:previous|prior|former)\b|"
    r"\bearlier\b(?!\s+(?:this|on|today|in\s+the\s+(?:day|week)|that\s+day))|"
    r"\blast\s+(?:year|month|spring|summer|autumn|fall|winter|time)\b|\ba\s+year\s+(?:ago|earlier)\b|"
    rf"\b(?:in|during)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{MONTH_PATTERN})\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# "since Russia's full-scale invasion in February 2022" dates the start of a running total, not the figure.
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;]{0,40}$", re.IGNORECASE)
# What will be is not the past: "in 2026 the line will rise to …".
_TO_COME = re.compile(r"\b(?:will|would|shall|plans?\s+to|is\s+to|are\s+to|by\s+(?:19|20)\d\d)\b", re.IGNORECASE)
# A question that itself asks about another time, or names which package it means ("the 19th package").
_PAST_Q = re.compile(
    rf"\b(?:\d+(?:st|nd|rd|th)|previous|prior|earlier|before|last|first|ago|past|former|originally|(?:19|20)\d\d|{MONTH_PATTERN})\b",
    re.IGNORECASE,
)
# A sum for several givers together: "worth about $2.6 billion combined", "between them".
_COMBINED = re.compile(r"\b(?:combined|together|jointly|between\s+them|collectively)\b", re.IGNORECASE)
# Givers named together: "Germany, Norway and Denmark", "Britain and France".
_ONE_NAME = r"(?:the )?[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*"
JOINED_NAMES = re.compile(rf"{_ONE_NAME}(?:, {_ONE_NAME})*,? and {_ONE_NAME}")
SINCE_START = re.compile(
    rf"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{MONTH_PATTERN})\s+)?(?:19|20)\d\d\b|"
    r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak)\s+of\s+the\s+(?:full-scale\s+)?(?:war|invasion)\b|"
    r"\bsince\s+(?:Russia[’']s\s+|the\s+)(?:full-scale\s+)?(?:invasion|war)\b",
    re.IGNORECASE,
)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return (before[-1] if before else 0, after.start() if after else len(text))


# Other figures of the clause: a time word belongs to the figure nearest it ("a $250 million drawdown announced in
# late September and brings total U.S. military assistance since … 2022 to more than $59.6 billion"). Years,
# ordinals and conversions in brackets are no figures of their own.
_OTHER_NUMBER = re.compile(r"(?<![(\w])(?<!\([$€£¥])\d+(?:[,.]\d+)*(?!\d)(?!st\b|nd\b|rd\b|th\b)")
# A comma between a time word and a figure parts them more than the letters do ("£12.8 billion … since February
# 2022, of which £7.8 billion is military aid": the running total is the first).
_COMMA_COST = 30


def _own(text: str, start: int, end: int, marker: re.Match[str], clause_start: int) -> bool:
    at, to = marker.start() + clause_start, marker.end() + clause_start
    if "respectively" in text[end:at]:
        return True  # "3 billion euros and 2.6 billion euros … respectively since 2022": said of each

    def apart(a: int, b: int) -> int:
        return b - a + _COMMA_COST * text.count(",", a, b)

    gap = apart(end, at) if at >= end else apart(to, start)
    for m in _OTHER_NUMBER.finditer(text, clause_start, clause_start + len(marker.string)):
        if start <= m.start() < end or re.fullmatch(r"(?:19|20)\d\d", m.group(0)) or at <= m.start() < to:
            continue
        other = apart(m.end(), at) if at >= m.end() else apart(to, m.start())
        if 0 <= other < gap:
            return False
    return True


def said_of_the_past(text: str, start: int, end: int) -> bool:
    """Is the figure at ``start``–``end`` said of an earlier time than the news ("Its previous package … was worth
    10 billion kronor")?"""
    a, b = _clause_bounds(text, start, end)
    clause = text[a:b]
    if _TO_COME.search(clause):
        return False
    return any(
        _own(text, start, end, m, a) and not _SINCE_BEFORE.search(clause[: m.start()]) for m in _PAST.finditer(clause)
    )


def asks_another_time(question: str) -> bool:
    """Does the question itself name a time, so that an earlier figure may answer it?"""
    return bool(_PAST_Q.search(question))


# "its biggest since Russia's full-scale invasion", "its 13th since …" measure the news against the past; they
# are no running totals.
_MEASURED_SINCE = re.compile(
    r"\b(?:\w+est|first|most|more|less|fewer|\d+(?:st|nd|rd|th))\b(?:\s+[\w’'-]+){0,3}\s+$", re.IGNORECASE
)


def since_the_start(text: str, start: int, end: int) -> bool:
    """Is the figure at ``start``–``end`` a running total of the war so far ("€28 billion in military aid since
    February 2022")?"""
    a, b = _clause_bounds(text, start, end)
    clause = text[a:b]
    return any(
        not _MEASURED_SINCE.search(clause[: m.start()]) and _own(text, start, end, m, a)
        for m in SINCE_START.finditer(clause)
    )


def combined(text: str, start: int, end: int, name: str | None) -> bool:
    """Is the figure the sum of several givers together, ``name`` one of them ("Germany, Norway and Denmark
    announced new aid packages worth about $2.6 billion combined" for Germany)?"""
    if not name:
        return False
    a, b = _clause_bounds(text, start, end)
    clause = text[a:b]
    joined = any(re.search(rf"\b{re.escape(name)}\b", m.group(0)) for m in JOINED_NAMES.finditer(clause))
    return joined and any(_own(text, start, end, m, a) for m in _COMBINED.finditer(clause))
