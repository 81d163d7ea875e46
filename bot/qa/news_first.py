"""A question about the news itself ("How big is the new package?") is answered by what the article is news of: its
lede's sum, and this year's package before a past year's ("$23 billion … in 2023 alone").

Surface cues on purpose: "new", "latest", "this week's" are how readers ask for the news, and a year after "in" is
how articles date the past."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.qa.answer_types import JOINT_WORDS
from bot.qa.retrieve import Hit

# A question about the news itself, and a passage dated to an earlier year.
NEW_Q = re.compile(r"\b(?:new|newest|latest|fresh|this week'?s|today'?s|current)\b", re.IGNORECASE)
# "the new package", "this week's drawdown": the help the news is about.
_NEW_HELP_Q = re.compile(
    r"\b(?:new|newest|latest|fresh|this week'?s|today'?s)\s+(?:[\w'’]+\s+){0,2}"
    r"(?:package|tranche|drawdown|aid|pledge|deal|contribution|assistance|funding|loan)\b",
    re.IGNORECASE,
)
# Words of help: a lede on sanctions does not answer "How big is the new drawdown?".
_HELP_WORDS = re.compile(
    r"\b(?:package|aid|assistance|weapons|equipment|drawdown|tranche|funding|loan|military support)\b", re.IGNORECASE
)
_PRICE_WORDS = re.compile(r"\b(?:cap|price|rate|per)\b", re.IGNORECASE)  # a price is no package's sum
# "combined": a group's sum, no one's own.
_JOINT = re.compile(rf"\b{JOINT_WORDS}\b", re.IGNORECASE)
_DATED_PAST = re.compile(
    r"\b(?:in|during|throughout)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b|"
    r"\b(?:19|20)\d\d alone\b"
)


def dated_past(text: str) -> bool:
    """Does the passage date what it tells to a year ("$23 billion in security assistance in 2023 alone"), not only
    the war's start ("since the full-scale invasion in February 2022")?"""
    return any(
        not re.search(r"\b(?:since|invasion|war)\b", text[max(0, m.start() - 40) : m.start()])
        for m in _DATED_PAST.finditer(text)
    )


def news_first(
    hits: list[Hit], ranked: list[Hit], question: str, *, typed: bool, asks_sum: bool, has_sum: Callable[[str], bool]
) -> list[Hit]:
    """``hits`` with the news's own passage first when the question asks about the news."""
    if typed and NEW_Q.search(question):
        # "How big is the new US package?": this week's package before "$23 billion … in 2023 alone", a past year's.
        hits = sorted(hits, key=lambda h: dated_past(h.passage.text))
    if asks_sum and _NEW_HELP_Q.search(question) and not _PRICE_WORDS.search(question):
        # The news is told first: the lede's sum answers "How big is the new drawdown?" before a later paragraph's
        # "$6.8 billion in drawdown authority … remains unused", however the words overlap.
        told = [h for h in ranked if h.passage.quotable and (h.fits if typed else has_sum(h.passage.text))]
        first = min((h.passage.paragraph for h in ranked), default=0)  # the article's first paragraph, its lede
        lede = [
            h
            for h in told
            if h.passage.paragraph == first
            and _HELP_WORDS.search(h.passage.text)
            and not dated_past(h.passage.text)
            and not _JOINT.search(h.passage.text)
        ]
        if lede and lede[0] is not hits[0]:
            hits = [lede[0], *(h for h in hits if h is not lede[0])]
    return hits
