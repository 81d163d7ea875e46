"""The sums a clause gives: each figure of money in the clause's own words, less prices ("$60 a barrel",
"the $60 level agreed by the G7"); a sum given every period keeps it ("£3bn a year").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from bot.extractive import syntax
from bot.extractive.reading import Sentence
from bot.figures import Money, find_money

_PERIODS = {"year", "month", "week", "day", "annum"}
# "the $60 level agreed by the G7", "a $47.60 cap": a price, not a sum given.
_PRICE_WORDS = {"level", "cap", "ceiling", "price", "threshold", "mark", "limit"}


# Words that put a value on help in a phrase of their own: "a package, worth SEK 13.5 billion, …".
VALUED = {"worth", "valued", "totalling", "totaling", "costing", "amounting"}


# A sum set beside another for scale: "compared with the $61 billion …" ("more than $12 billion" is a sum given).
_COMPARED = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)


def sums_given(s: Sentence, clause: set[int]) -> list[Money]:
    if not clause:
        return []
    doc = s.doc
    start, end = min(clause), max(clause)
    offset = doc[start].idx
    text = syntax.span_text(list(doc[start : end + 1]))
    out = []
    for m in find_money(text):
        span = doc.char_span(offset + m.start, offset + m.end, alignment_mode="expand")
        if span is None or not any(t.i in clause for t in span):
            continue
        after = doc[span.end : span.end + 2]
        if len(after) and after[0].lemma_.lower() in _PRICE_WORDS:
            continue
        if _COMPARED.search(doc.text[max(0, span.start_char - 40) : span.start_char]):
            continue  # "modest compared with the $61 billion supplemental Congress passed": a sum set beside it for scale
        if len(after) == 2 and after[0].lower_ in ("a", "per", "each") and after[1].pos_ == "NOUN":
            if after[1].lemma_.lower() in _PERIODS:
                # "£3bn a year": a sum given every year, shown with its period
                out.append(replace(m, text=f"{m.text} {after.text}", start=offset + m.start, end=offset + m.end))
            continue  # "$60 a barrel", "€5 per shell": a price, not a sum given
        out.append(replace(m, start=offset + m.start, end=offset + m.end))  # offsets in the sentence
    return _with_conversions(doc.text, out)


# "400 million euros ($432 million)", "€400 million, or about $432 million,", "DKK 4.9 billion, roughly €655
# million,": one sum in two currencies (after a bare comma only with a word of approximation).
_APPROXIMATELY = r"(?:about|around|roughly|some|approximately|nearly|almost|just over|over|more than)"
_BEFORE_CONVERSION = re.compile(rf"^\s*(?:(?:\(|,\s*or)\s*(?:{_APPROXIMATELY}\s+)?|,\s*{_APPROXIMATELY}\s+)$")
_AFTER_CONVERSION = re.compile(r"^\s*(?:\)|,|$|\.)")


def _with_conversions(text: str, sums: list[Money]) -> list[Money]:
    """A sum restated in another currency right after it is the same sum: one figure, shown with both."""
    out: list[Money] = []
    for m in sums:
        last = out[-1] if out else None
        if (
            last is not None
            and last.currency != m.currency
            and _BEFORE_CONVERSION.match(text[last.end : m.start])
            and _AFTER_CONVERSION.match(text[m.end :])
        ):
            closing = ")" if text[last.end : m.start].strip().startswith("(") else ""
            out[-1] = replace(last, text=f"{last.text}{text[last.end : m.end]}{closing}", end=m.end)
            continue
        out.append(m)
    return _without_listed_conversions(text, out)


# "SEK 2.1 billion and DKK 1.4 billion, respectively — roughly $220 million and €188 million": a list of sums
# restated in another currency after a dash or bracket and a word of approximation.
_BEFORE_LISTED_CONVERSION = re.compile(rf"^\s*(?:,\s*)?(?:respectively\s*)?(?:[—–(-]|,)\s*{_APPROXIMATELY}\s+$")
_BETWEEN_LISTED = re.compile(r"^\s*(?:,\s*and|,|and)\s+$")


def _without_listed_conversions(text: str, sums: list[Money]) -> list[Money]:
    """The same sums again in other currencies, listed in the same order, are no further sums."""
    for n in range(2, len(sums) // 2 + 1):
        for start in range(len(sums) - 2 * n + 1):
            first, again = sums[start : start + n], sums[start + n : start + 2 * n]
            listed = all(_BETWEEN_LISTED.match(text[a.end : b.start]) for a, b in itertools.pairwise(again))
            if (
                listed
                and _BEFORE_LISTED_CONVERSION.match(text[first[-1].end : again[0].start])
                and all(a.currency != b.currency for a, b in zip(first, again, strict=True))
            ):
                return [*sums[: start + n], *sums[start + 2 * n :]]
    return sums
